"""The output channel: images keep their caption, attachments go out as media, never as text."""

from __future__ import annotations

import time

import pytest

from bot.channels.whatsapp.client import GraphClient
from bot.channels.whatsapp.inbox import create_inbox
from bot.channels.whatsapp.output import WhatsAppOutput
from bot.channels.whatsapp.window import ConversationWindow
from tests.fakes.graph_api import FakeGraphApi

TO = "33612345678"
PICTURE = "https://example.org/map.png"


@pytest.fixture
async def fake():
    async with FakeGraphApi() as server:
        yield server


@pytest.fixture
async def output(fake, tmp_path):
    inbox = create_inbox(f"sqlite:///{tmp_path / 'inbox.db'}", 3600)
    client = GraphClient(fake.messages_url("123"), "token", timeout=10, max_attempts=1)
    window = ConversationWindow(inbox)
    window.note_inbound(TO, int(time.time()))  # the user just wrote: free-form is allowed
    yield WhatsAppOutput(client, inbox, window)
    await client.close()
    await inbox.close()


async def test_when_a_response_has_text_and_an_image_then_one_captioned_image(output, fake):
    await output.send_response(TO, {"text": "The town hall", "image": PICTURE})

    assert [(b["type"], b.get("image")) for b in fake.sent] == [
        ("image", {"link": PICTURE, "caption": "The town hall"})
    ]
    assert fake.schema_violations == []


async def test_when_an_image_comes_with_buttons_then_the_text_keeps_its_buttons(output, fake):
    buttons = [{"title": "Menu", "payload": "/menu"}]

    await output.send_response(TO, {"text": "Here", "image": PICTURE, "buttons": buttons})

    assert [b["type"] for b in fake.sent] == ["interactive", "image"]


@pytest.mark.parametrize(
    ("attachment", "kind"),
    [
        ("https://example.org/form.pdf", "document"),
        ({"type": "video", "payload": {"src": "https://example.org/how.mp4"}}, "video"),
        ({"type": "image", "payload": {"url": PICTURE}}, "image"),
    ],
)
async def test_when_an_attachment_is_a_media_link_then_it_is_sent_as_media(
    output, fake, attachment, kind
):
    await output.send_response(TO, {"attachment": attachment})

    [body] = fake.sent
    assert body["type"] == kind and body[kind]["link"].startswith("https://example.org/")
    assert fake.schema_violations == []


async def test_when_an_attachment_is_not_media_then_nothing_is_sent_and_it_is_counted(output, fake):
    await output.send_response(TO, {"attachment": {"filename": "notes.txt"}})

    assert fake.requests == [] and output.metrics["attachment_ignored"] == 1
