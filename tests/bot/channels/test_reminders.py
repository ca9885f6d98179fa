"""Reminder sweeps through the channel's outbound gate, against the fake Graph API: the
template outside the window (Meta's schema), once across instances and restarts, quiet hours,
opt-out, catching up after a downtime without flooding."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest

from bot.channels.whatsapp import WhatsAppInput
from core.privacy.registry import privacy_registry
from core.reminders import NewReminder, QuietHours, ReminderSettings, reminder_store
from core.reminders.store import DROPPED, PENDING, SENT
from tests.bot.channels.stores import postgres_inbox_url

PARIS = "Europe/Paris"
NO_QUIET = ReminderSettings(leads=(dt.timedelta(days=1),), quiet=None, sweep_seconds=60, batch=20)


@pytest.fixture
def reminders_url(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'reminders.db'}"
    monkeypatch.setenv("VIGIE_REMINDERS_DB_URL", url)
    return url


def content(appointment_id: int, language: str = "en") -> dict:
    words = {"en": ("Confirm", "Move", "Cancel"), "fr": ("Confirmer", "Déplacer", "Annuler")}
    intents = ("confirm_appointment", "reschedule_appointment", "cancel_appointment")
    return {
        "text": f"Reminder: Flu vaccination, appointment {appointment_id}. Will you come?",
        "buttons": [
            {"title": title, "payload": f'/{intent}{{"appointment_id":"{appointment_id}"}}'}
            for title, intent in zip(words[language], intents, strict=True)
        ],
        "parameters": [
            "Flu vaccination",
            "Tuesday 1 December 2026 at 10:00",
            "Clinic",
            "1 rue A",
            "your card",
        ],
    }


def schedule(
    user: str,
    appointment_id: int,
    due_in: float = -1,
    starts_in: float = 3600,
    lead=1440,
    language="en",
):
    now = time.time()
    wanted = [NewReminder(lead, now + due_in, content(appointment_id, language))]
    reminder_store().schedule(user, appointment_id, now + starts_in, PARIS, language, wanted)


def statuses(user: str) -> list[str]:
    return [r.status for r in reminder_store().of_user(user)]


def sent_to(fake, user: str) -> list[dict]:
    return [body for body in fake.sent if body.get("to") == user]


@pytest.fixture
def sweeper(channel, reminders_url):
    reminders = channel.runtime.reminders
    reminders.settings = NO_QUIET
    return reminders


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_when_due_outside_the_window_then_the_template_in_the_users_language(
    sweeper, fake, sender, language
):
    schedule(sender, 1, language=language)

    assert await sweeper.sweep() == {"sent": 1}

    [body] = sent_to(fake, sender)
    template = body["template"]
    assert (template["name"], template["language"]["code"]) == (
        "vigie_appointment_reminder",
        language,
    )
    assert [c["parameters"][0]["payload"] for c in template["components"][1:]] == [
        b["payload"] for b in content(1)["buttons"]
    ]
    assert fake.schema_violations == []
    assert statuses(sender) == [SENT]
    assert await sweeper.sweep() == {}  # a restart, a second sweep: never again


async def test_when_due_inside_the_window_then_confirm_move_cancel_buttons(
    channel, sweeper, fake, sender
):
    channel.runtime.window.note_inbound(sender, int(time.time()))
    schedule(sender, 2, language="fr")

    await sweeper.sweep()

    [body] = sent_to(fake, sender)
    buttons = body["interactive"]["action"]["buttons"]
    assert [b["reply"]["title"] for b in buttons] == ["Confirmer", "Déplacer", "Annuler"]
    assert buttons[2]["reply"]["id"] == '/cancel_appointment{"appointment_id":"2"}'
    assert fake.schema_violations == []


async def test_when_not_due_yet_then_nothing(sweeper, fake, sender):
    schedule(sender, 3, due_in=600)

    assert await sweeper.sweep() == {}
    assert fake.requests == [] and statuses(sender) == [PENDING]


async def test_when_the_user_opted_out_then_nothing_and_the_reminder_is_dropped(
    sweeper, fake, sender
):
    schedule(sender, 4)
    privacy_registry().suppress(sender)

    assert await sweeper.sweep() == {"dropped": 1}
    assert fake.requests == [] and statuses(sender) == [DROPPED]


async def test_in_quiet_hours_then_held_and_sent_once_they_end(sweeper, fake, sender):
    local = dt.datetime.now(ZoneInfo(PARIS))
    around_now = QuietHours(
        (local - dt.timedelta(hours=1)).time().replace(second=0, microsecond=0),
        (local + dt.timedelta(hours=1)).time().replace(second=0, microsecond=0),
    )
    sweeper.settings = ReminderSettings(NO_QUIET.leads, around_now, 60, 20)
    schedule(sender, 5, starts_in=3 * 3600)

    assert await sweeper.sweep() == {"held": 1}
    assert fake.requests == [] and statuses(sender) == [PENDING]

    sweeper.settings = NO_QUIET  # the quiet hours are over
    assert await sweeper.sweep() == {"sent": 1}


async def test_after_a_downtime_no_flood_nothing_late_and_only_the_closest(sweeper, fake):
    users = [f"3360000{i:04d}" for i in range(25)]
    for number, user in enumerate(users, start=100):
        schedule(user, number, due_in=-7200)
    schedule("33699990001", 200, due_in=-2 * 86400, starts_in=-60)  # the appointment has begun
    schedule("33699990002", 201, due_in=-3 * 86400, lead=1440)  # a 24-hour reminder...
    schedule("33699990002", 201, due_in=-3600, lead=120)  # ...and the 2-hour one, both due
    sweeper.settings = ReminderSettings(NO_QUIET.leads, None, 60, 10)

    first = await sweeper.sweep()

    assert first == {"dropped": 2, "sent": 8}  # at most a batch per sweep, oldest first
    assert statuses("33699990001") == [DROPPED]
    assert statuses("33699990002") == [DROPPED, PENDING]
    while await sweeper.sweep():
        pass
    assert len(fake.sent) == 26 and len({b["to"] for b in fake.sent}) == 26


@pytest.mark.postgres
async def test_two_instances_sweeping_at_once_send_each_reminder_once(
    make_config, fake, monkeypatch
):
    # A PostgreSQL schema of its own (the gate reads the same one for the user's consent), so
    # no reminder left by another test or process is in the way.
    url = postgres_inbox_url()
    monkeypatch.setenv("VIGIE_REMINDERS_DB_URL", url)
    store = reminder_store()
    users = [f"3361111{i:04d}" for i in range(12)]
    now = time.time()
    for number, user in enumerate(users, start=1):
        wanted = [NewReminder(1440, now - 1, content(number))]
        store.schedule(user, number, now + 3600, PARIS, "en", wanted)
    instances = [WhatsAppInput(make_config(instance_id=name)) for name in ("one", "two")]
    for instance in instances:
        instance.runtime.reminders.settings = NO_QUIET
    try:
        results = await asyncio.gather(*(i.runtime.reminders.sweep() for i in instances))
        again = await asyncio.gather(*(i.runtime.reminders.sweep() for i in instances))
    finally:
        for instance in instances:
            await instance.shutdown()
        store.drop_all()

    assert sum(r.get("sent", 0) for r in results) == 12 and again == [{}, {}]
    assert sorted(b["to"] for b in fake.sent) == sorted(users)


async def test_when_an_instance_died_holding_a_claim_then_another_sends_it_after_the_lease(
    sweeper, fake, sender
):
    schedule(sender, 6)
    reminder_store().claim_due("dead-instance", time.time(), 300, 10)

    assert await sweeper.sweep() == {}
    sweeper._clock = lambda: time.time() + 301
    assert await sweeper.sweep() == {"sent": 1}
    assert len(sent_to(fake, sender)) == 1
