"""Summary, confirmation, "my appointments", choosing, moving, cancelling, changing one's mind.

The person is the sender id: nothing here asks for an ID, card or insurance number.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet

from actions.booking.common import ALL_SLOTS
from actions.booking.manage import (
    ActionAbandonBooking,
    ActionBookingSummary,
    ActionChooseAppointment,
    ActionChooseAppointmentToMove,
    ActionHandleConfirmation,
    ActionListAppointments,
)
from tests.actions.booking.conftest import NOW
from tests.actions.booking.helpers import responses, run, slot_events, tracker

pytestmark = pytest.mark.usefixtures("booking")
FORM = {
    "service": "flu_vaccination",
    "site": "clinic_a",
    "appointment_time": "2026-12-01T10:00",
    "patient_name": "Marie Dupont",
}
TEN = dt.datetime(2026, 12, 1, 10, 0)
RESET = dict.fromkeys(ALL_SLOTS)


def confirm(answer: str = "affirm", **kwargs):
    return tracker(text=f"/{answer}", intent=answer, active=False, **kwargs)


async def test_the_summary_asks_to_confirm_with_the_details(domain):
    events, [message] = await run(ActionBookingSummary(), tracker(slots=FORM), domain)

    assert events == [SlotSet("pending_operation", "book"), SlotSet("selected_appointment", None)]
    assert message["response"] == "utter_booking_summary"
    assert message["when"] == "Tuesday 1 December 2026 at 10:00"
    assert message["site_address"] == "1 rue A, Villeclaire"
    assert message["patient_name"] == "Marie Dupont"


async def test_yes_books_and_confirms_with_the_address_and_what_to_bring_in_french(domain, booking):
    current = confirm(slots={**FORM, "pending_operation": "book"}, language="fr")

    events, [message, calendar_file] = await run(ActionHandleConfirmation(), current, domain)

    [appointment] = booking.list_upcoming("alice", NOW)
    assert (appointment.starts_at, appointment.service_id, appointment.patient_name) == (
        TEN,
        "flu_vaccination",
        "Marie Dupont",
    )
    assert message["response"] == "utter_booking_done"
    assert message["site_address"] == "1 rue A, Villeclaire"
    assert message["bring"] == "votre carnet de vaccination"
    assert message["when"] == "mardi 1 décembre 2026 à 10:00"
    assert calendar_file["response"] == "utter_calendar_file"
    assert calendar_file["attachment"]["payload"]["filename"] == "appointment.ics"
    assert slot_events(events) == RESET


async def test_no_books_nothing(domain, booking):
    events, messages = await run(
        ActionHandleConfirmation(),
        confirm("deny", slots={**FORM, "pending_operation": "book"}),
        domain,
    )

    assert responses(messages) == ["utter_book_dropped"]
    assert booking.list_upcoming("alice", NOW) == []
    assert slot_events(events) == RESET


async def test_when_the_last_place_went_meanwhile_the_nearest_free_times_are_offered(
    domain, booking
):
    booking.book("bob", "flu_vaccination", "clinic_a", TEN, "Bob", places=2)
    booking.book("eve", "flu_vaccination", "clinic_a", TEN, "Eve", places=2)
    current = confirm(slots={**FORM, "pending_operation": "book"})

    events, messages = await run(ActionHandleConfirmation(), current, domain)

    assert responses(messages) == ["utter_booking_reason_full", "utter_booking_ask_time_nearest"]
    assert [b["payload"] for b in messages[1]["buttons"]] == [
        '/inform{"appointment_time":"2026-12-01T09:30"}',
        '/inform{"appointment_time":"2026-12-01T09:45"}',
        '/inform{"appointment_time":"2026-12-01T10:15"}',
    ]
    assert slot_events(events) == {
        "appointment_time": None,
        "booking_time_hint": "2026-12-01T10:00",
        "pending_operation": None,
    }
    assert [a.sender_id for a in booking.list_upcoming("alice", NOW)] == []


async def test_a_yes_with_nothing_pending_says_so(domain):
    events, messages = await run(ActionHandleConfirmation(), confirm(), domain)

    assert responses(messages) == ["utter_nothing_to_confirm"]


async def test_my_appointments_when_there_are_none(domain):
    _, messages = await run(ActionListAppointments(), tracker(active=False), domain)

    assert responses(messages) == ["utter_no_appointments"]


async def test_my_appointments_lists_them_with_move_and_cancel_buttons(domain, booking):
    first = booking.book("alice", "flu_vaccination", "clinic_a", TEN, "Marie Dupont", 2)
    second = booking.book("alice", "blood_test", "clinic_a", TEN, "Tom Dupont", 1)
    booking.book("bob", "flu_vaccination", "clinic_a", TEN, "Bob", 2)

    _, [message] = await run(ActionListAppointments(), tracker(active=False, language="fr"), domain)

    assert message["response"] == "utter_appointments_list"
    assert message["appointments"] == (
        "1. Vaccination grippe, Clinique A, mardi 1 décembre 2026 à 10:00 (Marie Dupont)\n"
        "2. Prise de sang, Clinique A, mardi 1 décembre 2026 à 10:00 (Tom Dupont)"
    )
    assert message["buttons"] == [
        {
            "title": "Déplacer 01/12 10:00",
            "payload": f'/reschedule_appointment{{"appointment_id":"{first.id}"}}',
        },
        {
            "title": "Annuler 01/12 10:00",
            "payload": f'/cancel_appointment{{"appointment_id":"{first.id}"}}',
        },
        {
            "title": "Déplacer 01/12 10:00",
            "payload": f'/reschedule_appointment{{"appointment_id":"{second.id}"}}',
        },
        {
            "title": "Annuler 01/12 10:00",
            "payload": f'/cancel_appointment{{"appointment_id":"{second.id}"}}',
        },
    ]


async def test_cancel_the_only_appointment_asks_then_cancels(domain, booking):
    only = booking.book("alice", "flu_vaccination", "clinic_a", TEN, "Marie Dupont", 2)

    events, [question] = await run(
        ActionChooseAppointment(), tracker(intent="cancel_appointment", active=False), domain
    )
    assert question["response"] == "utter_cancel_confirm"
    assert events == [
        SlotSet("pending_operation", "cancel"),
        SlotSet("selected_appointment", str(only.id)),
    ]

    _, [done] = await run(ActionHandleConfirmation(), confirm(slots=slot_events(events)), domain)
    assert done["response"] == "utter_cancel_done"
    assert booking.list_upcoming("alice", NOW) == []


async def test_cancel_among_several_lists_them_to_choose(domain, booking):
    for hour in (10, 11):
        booking.book("alice", "flu_vaccination", "clinic_a", TEN.replace(hour=hour), "M", 2)

    events, [message] = await run(
        ActionChooseAppointment(), tracker(intent="cancel_appointment", active=False), domain
    )

    assert events == []
    assert message["response"] == "utter_choose_cancel_appointment"
    assert [b["title"] for b in message["buttons"]] == ["Cancel 01/12 10:00", "Cancel 01/12 11:00"]


async def test_nobody_can_pick_someone_elses_appointment(domain, booking):
    theirs = booking.book("bob", "flu_vaccination", "clinic_a", TEN, "Bob", 2)
    current = tracker(
        intent="cancel_appointment", entities={"appointment_id": str(theirs.id)}, active=False
    )

    events, messages = await run(ActionChooseAppointment(), current, domain)

    assert responses(messages) == ["utter_appointment_not_found"]
    assert events == []


async def test_move_the_only_appointment_prefills_the_form(domain, booking):
    only = booking.book("alice", "flu_vaccination", "clinic_a", TEN, "Marie Dupont", 2)

    events, messages = await run(
        ActionChooseAppointmentToMove(),
        tracker(intent="reschedule_appointment", active=False),
        domain,
    )

    assert responses(messages) == ["utter_reschedule_start"]
    assert slot_events(events) == {
        "service": "flu_vaccination",
        "site": "clinic_a",
        "patient_name": "Marie Dupont",
        "appointment_time": None,
        "booking_time_hint": None,
        "pending_operation": "reschedule",
        "selected_appointment": str(only.id),
        "reschedule_ready": True,
    }


async def test_move_with_nothing_booked_says_so(domain):
    events, messages = await run(
        ActionChooseAppointmentToMove(),
        tracker(intent="reschedule_appointment", active=False),
        domain,
    )

    assert responses(messages) == ["utter_no_appointments"]
    assert events == [SlotSet("reschedule_ready", False)]


async def test_confirming_a_move_moves_it_and_frees_the_old_place(domain, booking):
    old = booking.book("alice", "flu_vaccination", "clinic_a", TEN, "Marie Dupont", 2)
    slots = {
        **FORM,
        "appointment_time": "2026-12-01T11:00",
        "pending_operation": "reschedule",
        "selected_appointment": str(old.id),
    }

    _, [summary] = await run(ActionBookingSummary(), tracker(slots=slots), domain)
    _, [done, _calendar] = await run(ActionHandleConfirmation(), confirm(slots=slots), domain)

    assert summary["response"] == "utter_booking_summary_reschedule"
    assert summary["old_when"] == "Tuesday 1 December 2026 at 10:00"
    assert done["response"] == "utter_booking_rescheduled"
    [moved] = booking.list_upcoming("alice", NOW)
    assert moved.starts_at == TEN.replace(hour=11)
    assert booking.get("alice", old.id) is None


async def test_i_changed_my_mind_stops_the_form_and_forgets_the_booking(domain):
    events, messages = await run(ActionAbandonBooking(), tracker(slots=FORM), domain)

    assert responses(messages) == ["utter_booking_abandoned"]
    assert events[:2] == [ActiveLoop(None), SlotSet("requested_slot", None)]
    assert slot_events(events[2:]) == RESET


async def test_a_broken_database_is_an_apology_not_a_crash(domain, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from actions.booking import manage

    class Broken:
        def list_upcoming(self, *args):
            raise OperationalError("SELECT", {}, Exception("down"))

    monkeypatch.setattr(manage, "get_store", lambda: Broken())

    _, messages = await run(ActionListAppointments(), tracker(active=False), domain)

    assert responses(messages) == ["utter_booking_unavailable"]


def test_the_action_server_registers_every_booking_action(domain):
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")

    assert set(domain["actions"]) <= set(executor.actions)
