"""The output guard on the WhatsApp channel: what reaches the (fake) Graph API.

Rasa's own send path (`MessageProcessor.execute_side_effects`, as every action's messages
take it) with the real model's processor and `WhatsAppOutput` against the fake Graph API,
which validates every body against Meta's schema.
"""

from __future__ import annotations

import time

import pytest
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.whatsapp.client import GraphClient
from bot.channels.whatsapp.inbox import create_inbox
from bot.channels.whatsapp.output import WhatsAppOutput
from bot.channels.whatsapp.window import ConversationWindow
from tests.bot.test_output_guard_channels import (
    BLOCKED_SHAPES,
    CARD_REQUEST,
    PROMOTION,
    SAFE,
    SALE_OFFER,
)

pytestmark = pytest.mark.model

TO = "33612345678"


@pytest.fixture
async def output(fake, tmp_path):
    inbox = create_inbox(f"sqlite:///{tmp_path / 'inbox.db'}", 3600)
    client = GraphClient(fake.messages_url("123"), "token", timeout=10, max_attempts=1)
    window = ConversationWindow(inbox)
    window.note_inbound(TO, int(time.time()))
    yield WhatsAppOutput(client, inbox, window)
    await client.close()
    await inbox.close()


def tracker(agent, language: str | None = None) -> DialogueStateTracker:
    events = [SlotSet("language", language)] if language else []
    return DialogueStateTracker.from_events(TO, events, slots=agent.domain.slots)


async def send(agent, output, message: dict, language: str | None = None) -> None:
    event = BotUttered(message.get("text"), {k: v for k, v in message.items() if k != "text"})
    await agent.processor.execute_side_effects([event], tracker(agent, language), output)


@pytest.mark.parametrize("shape", BLOCKED_SHAPES.values(), ids=BLOCKED_SHAPES.keys())
async def test_when_any_part_of_a_message_is_unsafe_then_meta_only_gets_the_safe_text(
    agent, output, fake, shape
):
    await send(agent, output, shape)

    [body] = fake.sent
    assert body["type"] == "text"
    assert body["text"]["body"].startswith("Sorry, I can't send that message")
    for unsafe in (CARD_REQUEST, SALE_OFFER, PROMOTION):
        assert unsafe not in repr(fake.sent)
    assert fake.schema_violations == []


async def test_when_a_french_users_message_is_blocked_then_the_safe_text_is_french(
    agent, output, fake
):
    await send(
        agent, output, {"text": SAFE, "buttons": [{"title": PROMOTION, "payload": "/x"}]}, "fr"
    )

    [body] = fake.sent
    assert body["text"]["body"].startswith("Désolé, je ne peux pas envoyer ce message")


async def test_when_messages_are_safe_then_they_go_out_as_buttons_lists_and_custom_bodies(
    agent, output, fake
):
    buttons = [{"title": "Main menu", "payload": "/menu"}]
    rows = [{"title": f"Topic {n}", "payload": f"/t{n}"} for n in range(5)]
    custom = {"type": "text", "text": {"body": SAFE}}

    await send(agent, output, {"text": SAFE, "buttons": buttons})
    await send(agent, output, {"text": SAFE, "buttons": rows})
    await send(agent, output, {"custom": custom})

    kinds = [(b["type"], b.get("interactive", {}).get("type")) for b in fake.sent]
    assert kinds == [("interactive", "button"), ("interactive", "list"), ("text", None)]
    assert fake.schema_violations == []
