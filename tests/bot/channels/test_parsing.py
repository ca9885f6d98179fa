import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.whatsapp.parsing import (
    KIND_LOCATION,
    KIND_PAYLOAD,
    KIND_TEXT,
    KIND_UNSUPPORTED,
    InboundMessage,
    parse_webhook,
)
from tests.bot.channels import whatsapp_payloads as p


def test_when_text_then_text_and_metadata_reach_the_bot():
    raw = p.text("Bonjour", timestamp=1700000000)
    (message,) = parse_webhook(p.webhook([raw])).messages
    assert (message.kind, message.text) == (KIND_TEXT, "Bonjour")
    assert message.metadata() == {
        "channel": "whatsapp",
        "wa_id": p.USER,
        "message_id": raw["id"],
        "timestamp": 1700000000,
        "phone_number_id": p.PHONE_NUMBER_ID,
        "message_type": "text",
    }


@pytest.mark.parametrize(
    "raw",
    [
        p.button_reply('/inform{"service":"passport"}'),
        p.list_reply('/inform{"service":"passport"}'),
        p.template_button('/inform{"service":"passport"}'),
    ],
    ids=["button_reply", "list_reply", "template_button"],
)
def test_when_a_button_is_tapped_then_its_payload_is_the_text(raw):
    (message,) = parse_webhook(p.webhook([raw])).messages
    assert message.kind == KIND_PAYLOAD
    assert message.text == '/inform{"service":"passport"}'


def test_when_location_then_coordinates_are_in_the_metadata():
    (message,) = parse_webhook(p.webhook([p.location(48.85, 2.35)])).messages
    assert message.kind == KIND_LOCATION
    assert message.text == '/share_location{"latitude":48.85,"longitude":2.35}'
    assert message.metadata()["location"] == {
        "latitude": 48.85,
        "longitude": 2.35,
        "name": "Mairie",
        "address": "Paris",
    }


@pytest.mark.parametrize(
    "kind", ["image", "audio", "video", "document", "sticker", "contacts", "unsupported", "x9"]
)
def test_when_media_or_unknown_type_then_unsupported_with_empty_text(kind):
    (message,) = parse_webhook(p.webhook([p.media(kind)])).messages
    assert (message.kind, message.text) == (KIND_UNSUPPORTED, "")


def test_when_reaction_or_system_then_ignored():
    raws = [p.message("reaction", {"message_id": "wamid.x", "emoji": "👍"}), p.message("system")]
    result = parse_webhook(p.webhook(raws))
    assert result.messages == [] and result.ignored == 2 and result.problems == []


def test_when_statuses_then_recorded_apart_from_messages():
    result = parse_webhook(p.webhook(statuses=[p.status("wamid.a", "failed", (131026,))]))
    assert result.messages == []
    (status,) = result.statuses
    assert (status.message_id, status.status, status.error_codes) == (
        "wamid.a",
        "failed",
        (131026,),
    )


def test_when_a_batch_has_several_entries_changes_and_messages_then_all_are_read():
    body = p.webhook([p.text("a"), p.text("b")], statuses=[p.status("wamid.s")], entries=3)
    body["entry"][0] = {"id": "W", "changes": [body["entry"][0]["changes"][0]] * 2}
    result = parse_webhook(body)
    assert len(result.messages) == 8
    assert len(result.statuses) == 4


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        "text",
        {"object": "page", "entry": []},
        {"object": "whatsapp_business_account", "entry": {"a": 1}},
        {"object": "whatsapp_business_account", "entry": [1, {"changes": "x"}]},
        p.webhook([{"type": "text"}, {"id": "x", "from": "1", "type": "text", "text": "flat"}]),
        p.webhook([p.text("   ")]),
        p.webhook([p.location("north", 2)]),
        p.webhook([p.message("interactive", {"type": "button_reply", "button_reply": 3})]),
    ],
)
def test_when_malformed_then_no_message_and_a_problem_is_described(body):
    result = parse_webhook(body)
    assert result.messages == []
    assert result.problems


def test_when_timestamp_is_garbage_then_now_is_used():
    (message,) = parse_webhook(p.webhook([p.text("a", timestamp="soon")]), now=1234).messages
    assert message.timestamp == 1234


def test_when_serialised_for_the_inbox_then_read_back_equal():
    (message,) = parse_webhook(p.webhook([p.location()])).messages
    assert InboundMessage.from_json(message.to_json()) == message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "object",
                    "entry",
                    "changes",
                    "value",
                    "messages",
                    "id",
                    "from",
                    "type",
                    "text",
                    "body",
                    "statuses",
                    "interactive",
                    "location",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_when_any_json_then_parsing_never_raises(value):
    parse_webhook(value)
    parse_webhook({"object": "whatsapp_business_account", "entry": [{"changes": [value]}]})
    parse_webhook(p.webhook([value], statuses=[value]))
    json.dumps([m.metadata() for m in parse_webhook(p.webhook([value])).messages])


CARD = "4970 1012 3456 7893"
IBAN = "FR76 3000 6000 0112 3456 7890 189"


def test_when_a_text_holds_numbers_then_it_is_redacted_at_parse_time_with_its_kinds():
    body = f"card {CARD} and iban {IBAN}"
    (message,) = parse_webhook(p.webhook([p.text(body)])).messages

    assert message.text == "card [payment_card] and iban [iban]"
    assert message.redacted_kinds == ("iban", "payment_card")
    assert message.metadata()["redacted_kinds"] == ["iban", "payment_card"]
    assert "4970" not in message.to_json() and "3000" not in message.to_json()


def test_when_a_text_holds_a_national_insurance_number_then_it_is_redacted_at_parse_time():
    (message,) = parse_webhook(p.webhook([p.text("my NI number is AB 12 34 56 C")])).messages

    assert message.text == "my NI number is [national_id]"
    assert message.redacted_kinds == ("national_id",)


def test_when_a_location_name_holds_a_number_then_it_is_redacted_too():
    raw = p.message("location", {"latitude": 1, "longitude": 2, "name": f"near {CARD}"})
    (message,) = parse_webhook(p.webhook([raw])).messages

    assert message.location is not None and message.location["name"] == "near [payment_card]"
    assert message.redacted_kinds == ("payment_card",)


def test_when_redacted_twice_then_unchanged_and_read_back_equal():
    (message,) = parse_webhook(p.webhook([p.text(f"my card {CARD}")])).messages

    assert message.redacted() == message
    assert InboundMessage.from_json(message.to_json()) == message


def test_when_a_message_has_no_number_then_no_redacted_kinds_in_metadata():
    (message,) = parse_webhook(p.webhook([p.text("hello")])).messages

    assert message.redacted_kinds == () and "redacted_kinds" not in message.metadata()


# Business-scoped user IDs (BSUID): Meta's "Business-scoped user IDs" page, 2026.


def test_when_a_username_user_writes_without_a_phone_number_then_the_bsuid_names_them():
    bsuid = p.new_bsuid()
    raw = p.text("Bonjour", sender=None, from_user_id=bsuid)
    contacts = [{"profile": {"name": "A", "username": "@a"}, "user_id": bsuid}]

    (message,) = parse_webhook(p.webhook([raw], contacts=contacts)).messages

    assert (message.sender_id, message.wa_id, message.user_id) == (bsuid, "", bsuid)
    assert message.metadata()["user_id"] == bsuid and "wa_id" not in message.metadata()


def test_when_a_message_has_a_phone_number_and_a_bsuid_then_both_are_kept():
    bsuid = p.new_bsuid()
    raw = p.text("Bonjour", from_user_id=bsuid)

    (message,) = parse_webhook(p.webhook([raw])).messages

    assert (message.sender_id, message.wa_id, message.user_id) == (p.USER, p.USER, bsuid)


def test_when_only_the_contact_carries_the_bsuid_then_the_message_gets_it():
    bsuid = p.new_bsuid()
    contacts = [{"profile": {"name": "A"}, "wa_id": p.USER, "user_id": bsuid}]

    (message,) = parse_webhook(p.webhook([p.text("Bonjour")], contacts=contacts)).messages

    assert message.user_id == bsuid


def test_when_a_message_has_neither_phone_number_nor_bsuid_then_it_is_a_problem():
    raw = p.text("Bonjour", sender=None, from_user_id="not a bsuid")

    result = parse_webhook(p.webhook([raw]))

    assert result.messages == [] and "from_user_id" in result.problems[0]


def test_when_a_user_changes_number_then_the_change_is_reported_not_answered():
    old, new = p.new_bsuid(), p.new_bsuid()
    raw = p.identity_change("user_changed_number", p.USER, old, new, new_phone="33699999999")

    result = parse_webhook(p.webhook([raw]))

    assert result.messages == [] and result.problems == []
    (change,) = result.identity_changes
    assert (change.old_phone, change.old_user_id) == (p.USER, old)
    assert (change.new_phone, change.new_user_id) == ("33699999999", new)


def test_when_a_username_user_s_bsuid_changes_then_the_change_is_reported():
    old, new = p.new_bsuid(), p.new_bsuid()
    raw = p.identity_change("user_changed_user_id", None, old, new)

    (change,) = parse_webhook(p.webhook([raw])).identity_changes

    assert change.old == [old] and change.new == [new]


def test_when_a_status_names_a_bsuid_then_it_is_kept():
    bsuid = p.new_bsuid()
    raw = {**p.status("wamid.x"), "recipient_user_id": bsuid}

    (status,) = parse_webhook(p.webhook(statuses=[raw])).statuses

    assert status.recipient_user_id == bsuid
