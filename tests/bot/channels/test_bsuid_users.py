"""Users named by a business-scoped user ID (BSUID) over the real WhatsApp channel.

A real `rasa run` (WhatsApp channel, SQLite inbox, Vigie's tracker store), a real action server
(booking, opt-out) and the fake Graph API in a process of its own, which validates every body
against Meta's schema taught ``recipient`` (Meta's "Business-scoped user IDs" page, 2026):

- a username user, known by a BSUID alone (no phone number in the webhook), books an
  appointment: every reply goes to their BSUID, the appointment is theirs;
- a user who writes with a phone number, then with the number and a BSUID, then with the BSUID
  alone keeps one conversation (named by the number) and is answered at the number;
- "STOP" sent with the BSUID alone erases the conversation, the appointments and the identity
  map kept under the phone number, and suppresses both identifiers.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from actions.booking.store import AppointmentStore
from bot.channels.whatsapp.inbox import create_inbox
from core.privacy.registry import PrivacyRegistry
from scripts.processes import action_server_args, start, stop, wait_until_healthy
from tests.bot.channels import whatsapp_payloads as p
from tests.bot.channels.rasa_process import (
    Process,
    free_port,
    http_json,
    launch_rasa,
    wait_for_rasa,
    write_config,
)
from tests.fakes.graph_api import recipient_of
from tests.waiting import eventually

pytestmark = [pytest.mark.model, pytest.mark.process]

CREDENTIALS = {
    "verify_token": p.VERIFY_TOKEN,
    "app_secret": p.APP_SECRET,
    "access_token": p.ACCESS_TOKEN,
    "phone_number_id": p.PHONE_NUMBER_ID,
}


class Bot:
    """The processes of one test module and where they keep their data."""

    def __init__(self, rasa: Process, fake: Process, data: Path) -> None:
        self.rasa, self.fake, self.data = rasa, fake, data
        self.appointments = AppointmentStore(f"sqlite:///{data / 'appointments.db'}")
        self.privacy = PrivacyRegistry(f"sqlite:///{data / 'privacy.db'}")
        self.inbox_url = f"sqlite:///{data / 'whatsapp_inbox.db'}"

    async def say(self, text: str, phone: str | None = None, bsuid: str = "") -> None:
        """A message as Meta sends it: ``from`` the phone number (absent for a username user)
        and ``from_user_id`` the BSUID (absent in payloads older than BSUIDs)."""
        extra = {"from_user_id": bsuid} if bsuid else {}
        contact: dict[str, Any] = {"profile": {"name": "Test"}}
        contact |= {"wa_id": phone} if phone else {}
        contact |= {"user_id": bsuid} if bsuid else {}
        payload = p.webhook([p.text(text, sender=phone, **extra)], contacts=[contact])
        body, headers = p.signed(payload)
        async with aiohttp.ClientSession() as session:
            url = f"{self.rasa.url}/webhooks/whatsapp/webhook"
            async with session.post(url, data=body, headers=headers) as response:
                assert response.status == 200

    def sent(self) -> list[dict[str, Any]]:
        return [r["body"] or {} for r in http_json(f"{self.fake.url}/_control/requests")]

    def replies(self, address: str) -> list[dict[str, Any]]:
        return [body for body in self.sent() if recipient_of(body) == address]

    async def exchange(self, text: str, address: str, **sender: Any) -> list[dict[str, Any]]:
        """Sends ``text`` and returns the replies it got (at ``address``) once they came."""
        before = len(self.replies(address))
        await self.say(text, **sender)

        async def replies() -> list[dict[str, Any]]:
            return self.replies(address)[before:]

        return await eventually(replies, bool, 120, f"a reply to {text!r}")

    def user_texts(self, sender_id: str) -> list[str]:
        tracker = http_json(f"{self.rasa.url}/conversations/{sender_id}/tracker")
        return [e.get("text") for e in tracker.get("events", []) if e.get("event") == "user"]


@pytest.fixture(scope="module")
def bot(model_path, graph_api_process, tmp_path_factory) -> Iterator[Bot]:
    data = tmp_path_factory.mktemp("bsuid")
    environment = {
        "VIGIE_TRACKER_STORE_URL": f"sqlite:///{data / 'tracker.db'}",
        "VIGIE_PRIVACY_DB_URL": f"sqlite:///{data / 'privacy.db'}",
        "VIGIE_APPOINTMENTS_DB_URL": f"sqlite:///{data / 'appointments.db'}",
        "VIGIE_REMINDERS_DB_URL": f"sqlite:///{data / 'reminders.db'}",
    }  # not the subject-hash secret: this process caches the one it read first
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)  # both processes and this one read the same databases
        port = free_port()
        actions = start("action server", action_server_args(port))
        try:
            wait_until_healthy(f"http://127.0.0.1:{port}/health", actions, "action server")
            credentials, endpoints = write_config(data, graph_api_process.url, CREDENTIALS)
            endpoints.write_text(
                f'action_endpoint:\n  url: "http://127.0.0.1:{port}/webhook"\n'
                "tracker_store:\n  type: bot.stores.tracker_store.VigieTrackerStore\n"
            )
            rasa = wait_for_rasa(
                launch_rasa(model_path, credentials, endpoints, data, "--enable-api")
            )
            try:
                yield Bot(rasa, graph_api_process, data)
            finally:
                rasa.stop()
        finally:
            stop(actions)


def a_free_morning() -> str:
    """A weekday at 10:10 two to four days ahead: the Pasteur clinic is open then, and GP
    consultations (20 minutes) start at 08:30, 08:50 ... 10:10."""
    day = dt.date.today() + dt.timedelta(days=2)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return f"{day:%Y-%m-%d}T10:10"


def phone() -> str:
    return "337" + str(uuid.uuid4().int)[:8]


async def book(bot: Bot, address: str, **sender: Any) -> None:
    """The booking form by its buttons' payloads, then the confirmation."""
    for text in (
        "/book_appointment",
        '/inform{"service":"gp_consultation"}',
        '/inform{"site":"clinique_pasteur"}',
        "/inform" + json.dumps({"appointment_time": a_free_morning()}),
        "Marie Dupont",
        "/affirm",
    ):
        await bot.exchange(text, address, **sender)


def upcoming(bot: Bot, sender_id: str) -> list[Any]:
    return bot.appointments.list_upcoming(sender_id, dt.datetime.now())


async def test_when_a_username_user_with_only_a_bsuid_books_then_it_is_booked_for_them(bot):
    bsuid = p.new_bsuid()

    await book(bot, bsuid, bsuid=bsuid)

    async def booked() -> list[Any]:
        return upcoming(bot, bsuid)

    [appointment] = await eventually(booked, bool, 60, "the appointment stored")
    assert appointment.site_id == "clinique_pasteur"
    replies = bot.replies(bsuid)
    assert replies and all("to" not in body for body in replies)  # no number to send to
    assert all(r["errors"] == [] for r in http_json(f"{bot.fake.url}/_control/requests"))


async def test_when_a_phone_user_gets_a_bsuid_then_one_conversation_answered_at_the_number(
    bot,
):
    number, bsuid = phone(), p.new_bsuid()

    await bot.exchange("hello", number, phone=number)  # before BSUIDs
    await bot.exchange("when is the town hall open?", number, phone=number, bsuid=bsuid)
    await bot.exchange("thank you", number, bsuid=bsuid)  # the number withheld (username)

    async def conversation() -> list[str]:
        return bot.user_texts(number)  # saved just after the replies go out

    texts = await eventually(conversation, lambda t: len(t) == 3, 60, "the third turn saved")
    assert texts == ["hello", "when is the town hall open?", "thank you"]
    assert bot.user_texts(bsuid) == []  # no second conversation
    assert bot.replies(bsuid) == []  # "to" the number, known, rather than "recipient"


async def test_when_a_user_opts_out_by_their_bsuid_then_everything_is_erased(bot):
    number, bsuid = phone(), p.new_bsuid()
    await book(bot, number, phone=number, bsuid=bsuid)
    assert upcoming(bot, number)

    await bot.exchange("STOP", number, bsuid=bsuid)

    async def erased() -> list[dict[str, int]]:
        return bot.privacy.erasures(number)

    [audit] = await eventually(erased, bool, 120, "the erasure audited")
    assert audit["appointments_cancelled"] == 1
    assert upcoming(bot, number) == []
    assert bot.user_texts(number) == []
    inbox = create_inbox(bot.inbox_url, 3600)
    try:
        assert await inbox.identifiers(number) == []
    finally:
        await inbox.close()
    assert bot.privacy.is_suppressed(number) and bot.privacy.is_suppressed(bsuid)
