"""The simulator's webhooks are what Meta posts: the real connector verifies and reads them."""

from __future__ import annotations

import json

import pytest

from bot.channels.whatsapp.parsing import KIND_LOCATION, KIND_PAYLOAD, KIND_TEXT, parse_webhook
from bot.channels.whatsapp.signature import SignatureCheck, check_signature
from bot.simulator.webhooks import (
    SIGNATURE_HEADER,
    SimulatedMessageError,
    build_webhook,
)

SECRET = "local-app-secret"
USER = "33612345678"
PHONE_NUMBER_ID = "100000000000002"


def read(action: dict) -> tuple[str, object]:
    """Builds the webhook, checks its signature like the connector, parses it like the connector."""
    message_id, body, headers = build_webhook(action, USER, PHONE_NUMBER_ID, SECRET, now=1_700_000)
    assert check_signature(body, headers[SIGNATURE_HEADER], SECRET) is SignatureCheck.VALID
    assert check_signature(body, headers[SIGNATURE_HEADER], "another") is SignatureCheck.INVALID
    result = parse_webhook(json.loads(body))
    assert result.problems == []
    (message,) = result.messages
    assert message.message_id == message_id
    assert message.sender_id == USER
    assert message.phone_number_id == PHONE_NUMBER_ID
    assert message.timestamp == 1_700_000
    return message_id, message


def test_when_the_user_types_then_the_connector_reads_text() -> None:
    _, message = read({"type": "text", "text": "Bonjour"})
    assert (message.kind, message.text) == (KIND_TEXT, "Bonjour")


def test_when_the_user_taps_a_reply_button_then_its_id_is_the_payload() -> None:
    action = {"type": "button_reply", "id": "/affirm", "title": "Confirmer", "context": "wamid.X"}
    _, message = read(action)
    assert (message.kind, message.text) == (KIND_PAYLOAD, "/affirm")
    assert message.context_message_id == "wamid.X"


def test_when_the_user_picks_a_list_row_then_its_id_is_the_payload() -> None:
    action = {"type": "list_reply", "id": "/book_appointment", "title": "Prendre rendez-vous"}
    _, message = read({**action, "description": "Vaccins, prises de sang"})
    assert (message.kind, message.text) == (KIND_PAYLOAD, "/book_appointment")


def test_when_the_user_shares_a_location_then_the_coordinates_reach_the_bot() -> None:
    action = {"type": "location", "latitude": 45.76, "longitude": 4.83, "name": "Mairie"}
    _, message = read(action)
    assert message.kind == KIND_LOCATION
    assert message.location is not None
    assert (message.location["latitude"], message.location["longitude"]) == (45.76, 4.83)


def test_when_two_messages_are_sent_then_their_ids_differ() -> None:
    first, _ = read({"type": "text", "text": "un"})
    second, _ = read({"type": "text", "text": "deux"})
    assert first != second and first.startswith("wamid.")


@pytest.mark.parametrize(
    ("action", "sender"),
    [
        ({"type": "sticker"}, USER),
        ({"type": "text", "text": "  "}, USER),
        ({"type": "text", "text": "x" * 4097}, USER),
        ({"type": "button_reply", "title": "no id"}, USER),
        ({"type": "location", "latitude": "45", "longitude": 4.8}, USER),
        ({"type": "text", "text": "hello"}, "not-digits"),
    ],
)
def test_when_the_action_is_not_a_whatsapp_message_then_it_is_refused(
    action: dict, sender: str
) -> None:
    with pytest.raises(SimulatedMessageError):
        build_webhook(action, sender, PHONE_NUMBER_ID, SECRET)
