"""The booking actions schedule, move and remove reminders (rows of `core.reminders`)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from actions.booking.manage import ActionHandleConfirmation
from core.reminders import reminder_store
from tests.actions.booking.conftest import NOW
from tests.actions.booking.helpers import run, tracker

pytestmark = pytest.mark.usefixtures("booking")
FORM = {
    "service": "flu_vaccination",
    "site": "clinic_a",
    "appointment_time": "2026-12-01T10:00",
    "patient_name": "Marie Dupont",
}
TEN = dt.datetime(2026, 12, 1, 10, 0)
PARIS = ZoneInfo("Europe/Paris")


def confirm(slots, language="en", channel="whatsapp"):
    return tracker(
        text="/affirm",
        intent="affirm",
        active=False,
        slots=slots,
        language=language,
        channel=channel,
    )


@pytest.fixture
def two_leads(monkeypatch):
    monkeypatch.setenv("VIGIE_REMINDER_LEAD_MINUTES", "1440,120")


@pytest.mark.usefixtures("two_leads")
async def test_when_booked_over_whatsapp_then_two_reminders_in_the_users_language(domain):
    await run(
        ActionHandleConfirmation(), confirm({**FORM, "pending_operation": "book"}, "fr"), domain
    )

    day_before, two_hours = reminder_store().of_user("alice")
    assert dt.datetime.fromtimestamp(day_before.due_at, PARIS).replace(tzinfo=None) == TEN.replace(
        day=30, month=11
    )
    assert dt.datetime.fromtimestamp(two_hours.due_at, PARIS).replace(tzinfo=None) == TEN.replace(
        hour=8
    )
    content = two_hours.content
    assert content["text"] == (
        "Rappel : Vaccination grippe, le mardi 1 décembre 2026 à 10:00, à Clinique A, "
        "1 rue A, Villeclaire. Apportez votre carnet de vaccination. Vous venez ?"
    )
    assert [b["title"] for b in content["buttons"]] == ["Confirmer", "Déplacer", "Annuler"]
    appointment_id = two_hours.appointment_id
    assert [b["payload"] for b in content["buttons"]] == [
        f'/{intent}{{"appointment_id":"{appointment_id}"}}'
        for intent in ("confirm_appointment", "reschedule_appointment", "cancel_appointment")
    ]
    assert content["parameters"] == [
        "Vaccination grippe",
        "mardi 1 décembre 2026 à 10:00",
        "Clinique A",
        "1 rue A, Villeclaire",
        "votre carnet de vaccination",
    ]
    assert "Marie" not in str(content)  # the patient's name is not needed to remind


async def test_when_booked_over_rest_then_no_reminder(domain):
    await run(
        ActionHandleConfirmation(),
        confirm({**FORM, "pending_operation": "book"}, channel="rest"),
        domain,
    )

    assert reminder_store().of_user("alice") == []


@pytest.mark.usefixtures("two_leads")
async def test_when_booked_within_the_longer_lead_then_only_the_shorter_one(domain, monkeypatch):
    from actions.booking import common

    monkeypatch.setattr(common, "now", lambda: TEN.replace(hour=7))  # 3 hours ahead

    await run(ActionHandleConfirmation(), confirm({**FORM, "pending_operation": "book"}), domain)

    [only] = reminder_store().of_user("alice")
    assert only.lead_minutes == 120


async def test_when_even_the_shortest_lead_is_past_then_it_is_due_at_once(domain, monkeypatch):
    monkeypatch.setenv("VIGIE_REMINDER_LEAD_MINUTES", str(30 * 24 * 60))  # 30 days

    await run(ActionHandleConfirmation(), confirm({**FORM, "pending_operation": "book"}), domain)

    [only] = reminder_store().of_user("alice")
    assert only.due_at == NOW.replace(tzinfo=PARIS).timestamp()


async def test_when_moved_then_the_reminder_follows_and_when_cancelled_it_goes(domain, booking):
    old = booking.book("alice", "flu_vaccination", "clinic_a", TEN, "Marie Dupont", 2)
    await run(ActionHandleConfirmation(), confirm({**FORM, "pending_operation": "book"}), domain)
    [first] = [r for r in reminder_store().of_user("alice") if r.appointment_id != old.id]
    moved_slots = {
        **FORM,
        "appointment_time": "2026-12-01T11:00",
        "pending_operation": "reschedule",
        "selected_appointment": str(first.appointment_id),
    }

    await run(ActionHandleConfirmation(), confirm(moved_slots), domain)

    [moved] = reminder_store().of_user("alice")
    assert moved.appointment_id != first.appointment_id
    assert "11:00" in moved.content["text"]
    cancel_slots = {
        "pending_operation": "cancel",
        "selected_appointment": str(moved.appointment_id),
    }
    await run(ActionHandleConfirmation(), confirm(cancel_slots), domain)
    assert reminder_store().of_user("alice") == []
