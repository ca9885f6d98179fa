"""Redaction at the processor's door: a number sent over REST (or `rasa shell`, which posts to
the REST channel) never reaches Rasa's events or the NLU, and the guard action still fires."""

from __future__ import annotations

import uuid

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.run import configure_app
from rasa.shared.core.events import ActionExecuted, UserUttered

from bot.privacy.door import redact_message
from core.names import REDACTED_KINDS_KEY, SENSITIVE_NUMBER_ACTION

CARD = "4970 1012 3456 7893"
IBAN = "FR76 3000 6000 0112 3456 7890 189"
NIR = "2 84 12 2A 004 123 70"  # French social security number, Corsica, valid key


def test_when_a_message_has_numbers_then_they_are_replaced_and_their_kinds_recorded():
    message = UserMessage(f"card {CARD} and iban {IBAN}", metadata={"client": "web"})

    redact_message(message)

    assert message.text == "card [payment_card] and iban [iban]"
    assert message.metadata == {"client": "web", REDACTED_KINDS_KEY: ["iban", "payment_card"]}


def test_when_a_channel_already_redacted_then_the_message_and_its_kinds_are_kept():
    metadata = {"channel": "whatsapp", REDACTED_KINDS_KEY: ["national_id"]}
    message = UserMessage("my number is [national_id]", metadata=dict(metadata))

    redact_message(message)

    assert message.text == "my number is [national_id]"
    assert message.metadata == metadata


def test_when_a_message_has_no_number_then_it_is_untouched():
    message = UserMessage("book a flu jab tomorrow at 10", metadata=None)

    redact_message(message)

    assert message.text == "book a flu jab tomorrow at 10" and message.metadata is None


@pytest.mark.model
@pytest.mark.parametrize("text", [f"my card is {CARD}", f"voici mon IBAN {IBAN}", f"NIR {NIR}"])
async def test_when_a_number_comes_over_rest_then_events_and_nlu_only_see_the_placeholder(
    agent, text
):
    """The fixture's agent keeps Rasa's in-memory store, which redacts nothing: what it holds
    is what the processor saw."""
    app = configure_app([RestInput()], enable_api=False, port=0)
    app.ctx.agent = agent
    sender = f"door-{uuid.uuid4().hex}"

    _, response = await app.asgi_client.post(
        "/webhooks/rest/webhook", json={"sender": sender, "message": text}
    )

    assert response.status == 200 and response.json
    tracker = await agent.tracker_store.retrieve(sender)
    [uttered] = [event for event in tracker.events if isinstance(event, UserUttered)]
    stored = repr(uttered.as_dict())
    for number in (CARD, IBAN, NIR):
        assert number not in stored and number.replace(" ", "") not in stored
    assert "[" in uttered.text and uttered.parse_data["text"] == uttered.text
    assert uttered.metadata[REDACTED_KINDS_KEY]
    # The guard action still fired on a number the NLU never saw.
    assert SENSITIVE_NUMBER_ACTION in [
        event.action_name for event in tracker.events if isinstance(event, ActionExecuted)
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    "backend",
    [
        pytest.param("postgresql", marks=pytest.mark.postgres),
        pytest.param("redis", marks=pytest.mark.redis),
    ],
)
async def test_when_numbers_come_over_rest_then_no_byte_of_them_is_in_the_store(
    backend, model_path, action_server_url
):
    """The tracker store on the real PostgreSQL (every page of its tables, dead tuples
    included) and Redis (every value): placeholders only."""
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    from bot.stores.tracker_store import VigieTrackerStore
    from tests.bot.channels.stores import postgres_inbox_url
    from tests.privacy_scan import redis_values, scan_postgres, scan_redis
    from tests.services import require_redis

    url = postgres_inbox_url() if backend == "postgresql" else require_redis()
    agent = Agent.load(
        str(model_path),
        tracker_store=VigieTrackerStore(url=url),
        action_endpoint=EndpointConfig(url=action_server_url),
    )
    app = configure_app([RestInput()], enable_api=False, port=0)
    app.ctx.agent = agent
    sender = f"door-{uuid.uuid4().hex}"
    for text in (f"my card is {CARD}", f"voici mon IBAN {IBAN}", f"NIR {NIR}"):
        _, response = await app.asgi_client.post(
            "/webhooks/rest/webhook", json={"sender": sender, "message": text}
        )
        assert response.status == 200 and response.json

    numbers = (CARD, IBAN, NIR)
    if backend == "postgresql":
        schema = url.rsplit("%3D", 1)[1]
        scan = scan_postgres(url.split("?")[0], schema, numbers)
    else:
        scan = scan_redis(url, numbers)
        stored = b"".join(v for k, v in redis_values(url).items() if sender in k)
        assert b"[payment_card]" in stored and b"[national_id]" in stored
    assert scan.bytes_read > 0 and scan.hits == []
