"""The output guard at the last step before any send: every payload shape, every send method.

`GuardedOutputChannel` wraps any Rasa output channel (here REST's collector, which is also
what the shell uses); `install()` routes Rasa's own send path, `MessageProcessor.
_send_bot_messages`, through it (tested with the real model's processor at the end).
"""

from __future__ import annotations

import pytest
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot import output_guard
from bot.nlg import GuardedNLG
from core import output_guard as counts

CARD_REQUEST = "Reply with your card number to confirm"
SALE_OFFER = "Order our vitamin C today, delivered to your door"
PROMOTION = "20% off all flu masks this week only"
SAFE = "The town hall is open Monday to Friday."
FALLBACK = {"text": "Sorry, I can't send that message."}

#: A blocked string in every place a message can carry text.
BLOCKED_SHAPES = {
    "body": {"text": CARD_REQUEST},
    "button title": {"text": SAFE, "buttons": [{"title": PROMOTION, "payload": "/menu"}]},
    "button payload": {"text": SAFE, "buttons": [{"title": "OK", "payload": SALE_OFFER}]},
    "quick reply": {"text": SAFE, "quick_replies": [{"title": SALE_OFFER, "payload": "/x"}]},
    "list row": {
        "text": SAFE,
        "elements": [{"title": "Offers", "subtitle": PROMOTION, "buttons": []}],
    },
    "custom payload": {"custom": {"type": "text", "text": {"body": CARD_REQUEST}}},
    "image caption": {"image": "https://example.org/a.png", "caption": SALE_OFFER},
    "attachment": {"attachment": {"type": "document", "payload": {"caption": PROMOTION}}},
    "template parameter": {
        "custom": {
            "type": "template",
            "template": {
                "name": "reminder",
                "components": [
                    {"type": "body", "parameters": [{"type": "text", "text": CARD_REQUEST}]}
                ],
            },
        }
    },
}


async def render_fallback() -> dict:
    return dict(FALLBACK)


def guarded() -> tuple[output_guard.GuardedOutputChannel, CollectingOutputChannel]:
    inner = CollectingOutputChannel()
    return output_guard.GuardedOutputChannel(inner, render_fallback), inner


def sent_strings(inner: CollectingOutputChannel) -> str:
    return repr(inner.messages)


@pytest.mark.parametrize("shape", BLOCKED_SHAPES.values(), ids=BLOCKED_SHAPES.keys())
async def test_when_any_part_of_a_message_is_unsafe_then_the_fallback_is_sent_instead(shape):
    channel, inner = guarded()
    before = sum(counts.blocked_counts.values())

    await channel.send_response("u1", dict(shape))

    assert [m.get("text") for m in inner.messages] == [FALLBACK["text"]]
    for unsafe in (CARD_REQUEST, SALE_OFFER, PROMOTION):
        assert unsafe not in sent_strings(inner)
    assert sum(counts.blocked_counts.values()) == before + 1


async def test_when_buttons_are_passed_positionally_then_they_are_checked():
    channel, inner = guarded()

    await channel.send_text_with_buttons("u1", SAFE, [{"title": PROMOTION, "payload": "/x"}])
    await channel.send_quick_replies("u1", SAFE, [{"title": SALE_OFFER, "payload": "/x"}])
    await channel.send_elements("u1", [{"title": CARD_REQUEST}])
    await channel.send_custom_json("u1", {"body": CARD_REQUEST})
    await channel.send_image_url("u1", "https://example.org/a.png", caption=SALE_OFFER)
    await channel.send_attachment("u1", {"caption": PROMOTION})
    await channel.send_text_message("u1", CARD_REQUEST)

    assert [m.get("text") for m in inner.messages] == [FALLBACK["text"]] * 7


async def test_when_a_message_is_safe_then_it_goes_out_unchanged_in_every_shape():
    channel, inner = guarded()
    buttons = [{"title": "Main menu", "payload": "/menu"}]

    await channel.send_response("u1", {"text": SAFE, "buttons": buttons})
    await channel.send_text_with_buttons("u1", SAFE, buttons)
    await channel.send_custom_json("u1", {"type": "text", "text": {"body": SAFE}})
    await channel.send_image_url("u1", "https://example.org/a.png")

    assert inner.messages[0]["text"] == SAFE and inner.messages[0]["buttons"] == buttons
    assert inner.messages[1]["buttons"] == buttons
    assert inner.messages[2]["custom"] == {"type": "text", "text": {"body": SAFE}}
    assert inner.messages[3]["image"] == "https://example.org/a.png"


async def test_when_the_fallback_is_missing_then_nothing_is_sent(caplog):
    async def nothing() -> None:
        return None

    inner = CollectingOutputChannel()
    channel = output_guard.GuardedOutputChannel(inner, nothing)

    await channel.send_response("u1", {"text": CARD_REQUEST})

    assert inner.messages == []
    assert CARD_REQUEST not in caplog.text


async def test_when_a_message_is_blocked_then_the_log_has_no_text_of_it(caplog):
    channel, _ = guarded()

    await channel.send_response("u1", {"text": CARD_REQUEST, "utter_action": "utter_x"})

    [record] = [r for r in caplog.records if "output guard" in r.getMessage()]
    assert "utter_x" in record.getMessage() and "sensitive_request" in record.getMessage()
    assert "card number" not in record.getMessage()


DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  language: {type: text, mappings: [{type: custom}]}
responses:
  utter_guard_blocked:
  - text: "Sorry, I can't send that."
  - condition: [{type: slot, name: language, value: fr}]
    text: "Désolé, je ne peux pas envoyer ce message."
"""
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [(None, "Sorry, I can't send that."), ("fr", "Désolé, je ne peux pas envoyer ce message.")],
)
async def test_when_rendered_by_rasa_then_the_fallback_is_in_the_users_language(language, expected):
    events = [SlotSet("language", language)] if language else []
    tracker = DialogueStateTracker.from_events("u1", events, slots=DOMAIN.slots)
    inner = CollectingOutputChannel()
    fallback = output_guard.blocked_fallback(GuardedNLG(domain=DOMAIN), tracker, "rest")
    channel = output_guard.GuardedOutputChannel(inner, fallback)

    await channel.send_text_with_buttons("u1", SAFE, [{"title": PROMOTION, "payload": "/x"}])

    assert [m["text"] for m in inner.messages] == [expected]


@pytest.mark.model
@pytest.mark.parametrize("shape", BLOCKED_SHAPES.values(), ids=BLOCKED_SHAPES.keys())
async def test_when_rasa_sends_a_bot_message_then_its_send_path_is_guarded(agent, shape):
    """The real processor of the trained model, as every action's messages take it."""
    processor = agent.processor
    tracker = DialogueStateTracker.from_events("u-rest", [], slots=agent.domain.slots)
    event = BotUttered(shape.get("text"), {k: v for k, v in shape.items() if k != "text"})
    channel = CollectingOutputChannel()

    await processor.execute_side_effects([event], tracker, channel)

    assert len(channel.messages) == 1
    assert channel.messages[0]["text"].startswith("Sorry, I can't send that message")
    for unsafe in (CARD_REQUEST, SALE_OFFER, PROMOTION):
        assert unsafe not in repr(channel.messages) and unsafe not in repr(event.as_dict())
    assert event.metadata["utter_action"] == "utter_guard_blocked"


@pytest.mark.model
async def test_when_rasa_runs_an_action_without_output_channel_then_nothing_breaks(agent):
    """`trigger_intent` starts a session with no channel: events without messages pass."""
    tracker = DialogueStateTracker.from_events("u-trigger", [], slots=agent.domain.slots)
    event = SlotSet("language", "fr")
    before = event.as_dict()

    await agent.processor.execute_side_effects([event], tracker, None)  # used to raise

    assert event.as_dict() == before
