"""The form's questions: choices as buttons, in the user's language, within WhatsApp limits."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.booking.ask import ActionAskAppointmentTime, ActionAskService, ActionAskSite
from tests.actions.booking.helpers import responses, run, tracker

pytestmark = pytest.mark.usefixtures("booking")
FLU_AT_A = {"service": "flu_vaccination", "site": "clinic_a"}


async def test_services_are_offered_as_buttons_in_french(domain):
    _, [message] = await run(ActionAskService(), tracker(language="fr"), domain)

    assert message["response"] == "utter_booking_ask_service"
    assert message["buttons"] == [
        {"title": "Vaccination grippe", "payload": '/inform{"service":"flu_vaccination"}'},
        {"title": "Prise de sang", "payload": '/inform{"service":"blood_test"}'},
        {"title": "Consultation médecin", "payload": '/inform{"service":"gp_consultation"}'},
    ]


async def test_a_site_chosen_first_limits_the_services(domain):
    _, [message] = await run(ActionAskService(), tracker(slots={"site": "pharmacy_b"}), domain)

    assert [b["title"] for b in message["buttons"]] == ["Flu vaccination"]


async def test_only_sites_offering_the_service_are_offered(domain):
    _, [message] = await run(ActionAskSite(), tracker(slots={"service": "blood_test"}), domain)

    assert message["service_name"] == "Blood test"
    assert message["buttons"] == [{"title": "Clinic A", "payload": '/inform{"site":"clinic_a"}'}]


async def test_without_a_wish_the_next_three_free_times_are_offered(domain, booking):
    booking.book("bob", "flu_vaccination", "clinic_a", dt.datetime(2026, 11, 26, 15, 15), "B", 1)
    booking.book("eve", "flu_vaccination", "clinic_a", dt.datetime(2026, 11, 26, 15, 15), "E", 2)

    _, [message] = await run(ActionAskAppointmentTime(), tracker(slots=FLU_AT_A), domain)

    assert message["response"] == "utter_booking_ask_time"
    assert message["buttons"] == [
        {"title": "Thu 26 Nov 15:30", "payload": '/inform{"appointment_time":"2026-11-26T15:30"}'},
        {"title": "Thu 26 Nov 15:45", "payload": '/inform{"appointment_time":"2026-11-26T15:45"}'},
        {"title": "Thu 26 Nov 16:00", "payload": '/inform{"appointment_time":"2026-11-26T16:00"}'},
    ]


async def test_a_part_of_a_day_offers_its_free_times_as_a_list(domain):
    current = tracker(
        slots={**FLU_AT_A, "booking_time_hint": "2026-12-01@12:00-18:00"}, language="fr"
    )

    _, [message] = await run(ActionAskAppointmentTime(), current, domain)

    assert message["response"] == "utter_booking_ask_time_in"
    assert message["period"] == "le mardi 1 décembre 2026 (après-midi)"
    assert len(message["buttons"]) == 8
    # the afternoon starts at noon: the last morning slots come first
    assert [b["title"] for b in message["buttons"][:3]] == [
        "mar. 1 déc. 12:00",
        "mar. 1 déc. 12:15",
        "mar. 1 déc. 14:00",
    ]
    assert all(len(b["title"]) <= 24 for b in message["buttons"])


async def test_a_refused_time_offers_the_nearest_free_ones(domain):
    current = tracker(slots={**FLU_AT_A, "booking_time_hint": "2026-11-27T13:00"})

    _, [message] = await run(ActionAskAppointmentTime(), current, domain)

    assert message["response"] == "utter_booking_ask_time_nearest"
    assert [b["title"] for b in message["buttons"]] == [
        "Fri 27 Nov 12:00",
        "Fri 27 Nov 12:15",
        "Fri 27 Nov 14:00",
    ]


async def test_a_period_with_no_free_time_says_so_then_offers_the_nearest(domain):
    current = tracker(slots={**FLU_AT_A, "booking_time_hint": "2026-11-29@00:00-23:59"})

    _, messages = await run(ActionAskAppointmentTime(), current, domain)

    assert responses(messages) == ["utter_booking_no_time_in", "utter_booking_ask_time_nearest"]
    assert messages[0]["period"] == "on Sunday 29 November 2026"
