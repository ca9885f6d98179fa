"""Replies to users named by a business-scoped user ID (BSUID), and Meta's error 131062.

Meta's "Business-scoped user IDs" page (2026): the Send API takes ``recipient`` (a BSUID)
besides ``to`` (a phone number, which wins when both are given); a message kind that cannot go
to a BSUID (authentication templates) fails with 131062. The fake Graph API validates every
body against Meta's schema, taught ``recipient`` (`bot.channels.whatsapp.contract`).
"""

from __future__ import annotations

import time

import pytest

from bot.channels.whatsapp.client import GraphClient
from bot.channels.whatsapp.inbox import create_inbox
from bot.channels.whatsapp.output import WhatsAppOutput
from bot.channels.whatsapp.window import ConversationWindow
from tests.bot.channels import whatsapp_payloads as p
from tests.fakes.graph_api import LOCAL_SCHEMA_PATH, FakeGraphApi, schema_errors

BUTTONS = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


@pytest.fixture
async def fake():
    async with FakeGraphApi() as server:
        yield server


@pytest.fixture
async def setup(fake, tmp_path):
    inbox = create_inbox(f"sqlite:///{tmp_path / 'inbox.db'}", 3600)
    client = GraphClient(fake.messages_url("123"), "token", timeout=10, max_attempts=1)
    window = ConversationWindow(inbox)
    yield inbox, client, window
    await client.close()
    await inbox.close()


def output_for(setup, template: str = "") -> WhatsAppOutput:
    inbox, client, window = setup
    return WhatsAppOutput(client, inbox, window, template_name=template)


async def test_when_a_username_user_is_answered_then_the_body_goes_to_their_bsuid(setup, fake):
    inbox, _, window = setup
    bsuid = p.new_bsuid()
    sender = await inbox.resolve_sender("", bsuid)
    window.note_inbound(sender, int(time.time()))

    await output_for(setup).send_text_with_buttons(sender, "Shall I book it?", BUTTONS)

    [body] = fake.sent
    assert body["recipient"] == bsuid and "to" not in body
    assert body["type"] == "interactive" and fake.schema_violations == []


async def test_when_the_user_s_number_is_known_then_the_body_goes_to_the_number(setup, fake):
    inbox, _, window = setup
    bsuid = p.new_bsuid()
    sender = await inbox.resolve_sender("", bsuid)
    await inbox.resolve_sender(p.USER, bsuid)  # the username user showed their number since
    window.note_inbound(sender, int(time.time()))

    await output_for(setup).send_text_message(sender, "Hello")

    assert [b.get("to") for b in fake.sent] == [p.USER]


async def test_when_a_kind_cannot_go_to_a_bsuid_inside_the_window_then_plain_text_follows(
    setup, fake
):
    inbox, _, window = setup
    sender = await inbox.resolve_sender("", p.new_bsuid())
    window.note_inbound(sender, int(time.time()))
    output = output_for(setup)
    fake.fail_next("131062")

    await output.send_text_with_buttons(sender, "Shall I book it?", BUTTONS)

    [text] = fake.sent
    assert text["type"] == "text" and text["recipient"] == sender
    assert text["text"]["body"] == "Shall I book it?\n\n1. Yes\n2. No"
    assert output.metrics["bsuid_text_fallback"] == 1 and fake.schema_violations == []


async def test_when_a_template_cannot_go_to_a_bsuid_then_it_is_kept_as_a_failed_send(setup, fake):
    inbox, _, _ = setup
    sender = await inbox.resolve_sender("", p.new_bsuid())  # silent for over 24 hours
    fake.bsuid_unsupported_templates.add("vigie_login_code")
    output = output_for(setup, template="vigie_login_code")

    await output.send_text_message(sender, "Your appointment is tomorrow")

    assert fake.sent == [] and len(fake.requests) == 1
    assert output.metrics["bsuid_unsupported"] == 1 and output.metrics["send_failed"] == 1
    assert inbox.count_failed_sends() == 1  # kept, not lost without a trace


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ({"recipient": "US.13491208655302741918"}, True),
        ({"recipient": "US.ENT.11815799212886844830"}, True),
        ({"to": "33612345678", "recipient": "US.13491208655302741918"}, True),
        ({"recipient": "33612345678"}, False),  # a phone number is not a BSUID
        ({}, False),  # nobody to send to
    ],
)
@pytest.mark.parametrize("schema", [None, str(LOCAL_SCHEMA_PATH)], ids=["meta-spec", "local"])
def test_when_a_body_names_its_recipient_then_the_contract_judges_it(address, valid, schema):
    body = {"messaging_product": "whatsapp", "recipient_type": "individual", "type": "text"}
    body |= {"text": {"body": "Hello"}, **address}

    assert (schema_errors(body, schema) == []) is valid
