"""The booking's .ics, parsed back by an independent iCalendar library as a calendar would."""

from __future__ import annotations

import base64
import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from actions.booking import calendar
from actions.booking.manage import ActionHandleConfirmation
from actions.booking.store import Appointment
from tests.actions.booking.helpers import run, tracker

VALUES = {
    "service_name": "Vaccination grippe",
    "site_name": "Clinique A",
    "site_address": "1 rue A, 75000 Villeclaire; bâtiment B",
    "bring": "votre carnet de vaccination",
    "when": "mardi 1 décembre 2026 à 10:00",
    "patient_name": "Marie Dupont",
}


def appointment(starts_at: dt.datetime) -> Appointment:
    return Appointment(7, "33612345678", "flu", "a", starts_at, 1, "Marie Dupont", "booked")


def parse(text: str) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    return event


@pytest.mark.parametrize("month, offset", [(12, 1), (7, 2)])  # winter and summer time
def test_the_event_has_the_time_in_the_sites_time_zone_and_the_address(month, offset):
    start = dt.datetime(2026, month, 1, 10, 0)

    event = parse(
        calendar.ics(appointment(start), VALUES, dt.timedelta(minutes=15), "Europe/Paris")
    )

    begins = event.decoded("DTSTART")
    assert begins == start.replace(tzinfo=ZoneInfo("Europe/Paris"))
    assert begins.utcoffset() == dt.timedelta(hours=offset)
    assert event.decoded("DTEND") - begins == dt.timedelta(minutes=15)
    assert str(event["LOCATION"]) == "Clinique A, 1 rue A, 75000 Villeclaire; bâtiment B"
    assert str(event["SUMMARY"]) == "Vaccination grippe - Clinique A"
    assert str(event["DESCRIPTION"]) == "votre carnet de vaccination"
    assert str(event["UID"]) == "appointment-7@vigie.invalid"


def test_no_personal_data_beyond_what_the_user_needs():
    text = calendar.ics(appointment(dt.datetime(2026, 12, 1, 10)), VALUES, dt.timedelta(15), "UTC")

    assert "Marie" not in text and "33612345678" not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_long_address_is_folded_and_unfolds_whole():
    values = {**VALUES, "site_address": "très longue adresse, " * 10}
    text = calendar.ics(appointment(dt.datetime(2026, 12, 1, 10)), values, dt.timedelta(15), "UTC")

    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert str(parse(text)["LOCATION"]) == "Clinique A, " + "très longue adresse, " * 10


@pytest.mark.usefixtures("booking")
async def test_the_booking_confirmation_carries_the_file_as_a_downloadable_attachment(domain):
    slots = {
        "service": "flu_vaccination",
        "site": "clinic_a",
        "appointment_time": "2026-12-01T10:00",
        "patient_name": "Marie Dupont",
        "pending_operation": "book",
    }
    current = tracker(text="/affirm", intent="affirm", active=False, slots=slots)

    _, [_done, file] = await run(ActionHandleConfirmation(), current, domain)

    payload = file["attachment"]["payload"]
    assert file["response"] == "utter_calendar_file"
    assert (file["attachment"]["type"], payload["filename"]) == ("file", "appointment.ics")
    head, data = payload["url"].split(",", 1)
    assert head == "data:text/calendar;charset=utf-8;base64"
    event = parse(base64.b64decode(data).decode("utf-8"))
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/Paris"))
    assert str(event["LOCATION"]) == "Clinic A, 1 rue A, Villeclaire"
