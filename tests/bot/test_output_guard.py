"""The output guard blocks designer mistakes at run time, in both languages."""

from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlg import GuardedNLG
from core import output_guard

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  language: {type: text, mappings: [{type: custom}]}
responses:
  utter_ask_card:
  - text: "To confirm, please send us your card number and CVV."
  - condition: [{type: slot, name: language, value: fr}]
    text: "Pour confirmer, envoyez-nous votre numéro de carte."
  utter_promo:
  - text: "Hello!"
    buttons: [{title: "50% off today!", payload: "/greet"}]
  utter_fine:
  - text: "Never share your card number here."
  utter_guard_blocked:
  - text: "Sorry, I can't send that."
  - condition: [{type: slot, name: language, value: fr}]
    text: "Désolé, je ne peux pas envoyer ce message."
"""
)


def tracker(language: str | None = None) -> DialogueStateTracker:
    events = [SlotSet("language", language)] if language else []
    return DialogueStateTracker.from_events("someone", events, slots=DOMAIN.slots)


async def test_when_a_response_asks_for_a_card_number_then_a_safe_fallback_is_sent():
    before = sum(output_guard.blocked_counts.values())
    nlg = GuardedNLG(domain=DOMAIN)

    english = await nlg.generate("utter_ask_card", tracker(), "rest")
    french = await nlg.generate("utter_ask_card", tracker("fr"), "rest")

    assert english["text"] == "Sorry, I can't send that."
    assert french["text"] == "Désolé, je ne peux pas envoyer ce message."
    # What blocked it rides along (Rasa keeps it in the bot event's metadata), never the text.
    assert english[output_guard.BLOCKED_METADATA_KEY] == ["sensitive_request"]
    assert output_guard.blocked_counts["sensitive_request"] >= 2
    assert sum(output_guard.blocked_counts.values()) == before + 2


async def test_when_a_button_promotes_then_the_whole_message_is_replaced():
    message = await GuardedNLG(domain=DOMAIN).generate("utter_promo", tracker(), "rest")

    assert message["text"] == "Sorry, I can't send that."
    assert not message.get("buttons")


async def test_when_a_response_only_warns_about_card_numbers_then_it_is_sent():
    message = await GuardedNLG(domain=DOMAIN).generate("utter_fine", tracker(), "rest")

    assert message["text"] == "Never share your card number here."
    assert output_guard.BLOCKED_METADATA_KEY not in message


async def test_when_blocking_then_the_log_names_the_response_but_not_its_text(caplog):
    await GuardedNLG(domain=DOMAIN).generate("utter_ask_card", tracker(), "rest")

    [record] = [r for r in caplog.records if "output guard" in r.getMessage()]
    assert "utter_ask_card" in record.getMessage()
    assert "card number" not in record.getMessage()


async def test_when_the_domain_has_no_safe_response_then_a_blocked_message_is_not_sent():
    bare = Domain.from_dict({"responses": {"utter_ask_card": DOMAIN.responses["utter_ask_card"]}})

    message = await GuardedNLG(domain=bare).generate("utter_ask_card", tracker(), "rest")

    assert message is None
