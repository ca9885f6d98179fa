"""validate_booking_form: what each message fills, refuses or leaves to the digression rules.

Now is Thursday 26 November 2026, 15:00; the catalogue is the small one of conftest.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.events import SlotSet

from actions.booking.forms import ValidateBookingForm, clean_name, name_problem
from tests.actions.booking.helpers import responses, run, slot_events, tracker

FLU_AT_A = {"service": "flu_vaccination", "site": "clinic_a"}

pytestmark = pytest.mark.usefixtures("booking")


async def validate(domain, **kwargs):
    return await run(ValidateBookingForm(), tracker(**kwargs), domain)


@pytest.mark.parametrize(
    ("text", "language"),
    [("a flu jab please", "en"), ("le vaccin grippe svp", "fr"), ("Vaccination Grippe", "fr")],
)
async def test_a_typed_service_is_recognised_in_both_languages(domain, text, language):
    events, messages = await validate(domain, text=text, requested="service", language=language)

    assert events == [SlotSet("service", "flu_vaccination")]
    assert messages == []


async def test_a_button_payload_fills_the_slot(domain):
    events, _ = await validate(
        domain,
        text='/inform{"site":"pharmacy_b"}',
        entities={"site": "pharmacy_b"},
        requested="site",
    )

    assert events == [SlotSet("site", "pharmacy_b")]


async def test_an_unknown_service_is_refused_and_asked_again(domain):
    events, messages = await validate(domain, text="a massage", requested="service")

    assert events == [SlotSet("service", None)]
    assert responses(messages) == ["utter_booking_service_not_understood"]


async def test_an_unknown_service_id_in_a_payload_is_refused(domain):
    events, messages = await validate(
        domain, text="/inform", entities={"service": "x_ray"}, requested="service"
    )

    assert events == [SlotSet("service", None)]
    assert responses(messages) == ["utter_booking_service_not_understood"]


@pytest.mark.parametrize(
    ("text", "intent", "requested"),
    [
        ("is the flu jab free?", "faq", "service"),
        ("when are the bins collected", "municipal_waste", "patient_name"),
        (
            "où se faire vacciner contre la grippe à la clinique a demain",
            "health_vaccination",
            "site",
        ),
        ("I changed my mind", "abandon", "appointment_time"),
    ],
)
async def test_a_digression_fills_nothing_so_that_its_rule_answers(domain, text, intent, requested):
    events, messages = await validate(
        domain, text=text, intent=intent, confidence=0.93, requested=requested, slots=FLU_AT_A
    )

    assert events == []
    assert messages == []


@pytest.mark.parametrize(
    ("text", "intent", "requested", "slot", "value"),
    [
        ("Vaccination grippe", "health_vaccination", "service", "service", "flu_vaccination"),
        ("a blood test", "health_testing", "service", "service", "blood_test"),
        ("clinique a", "municipal_hours", "site", "site", "clinic_a"),
        ("sunday at 10", "out_of_scope", "appointment_time", "booking_time_hint", None),
    ],
)
async def test_a_bare_answer_to_the_question_fills_it_whatever_the_intent(
    domain, text, intent, requested, slot, value
):
    events, messages = await validate(
        domain, text=text, intent=intent, confidence=0.84, requested=requested, slots=FLU_AT_A
    )

    if slot == "booking_time_hint":  # a date: read, then refused (closed on Sunday)
        assert slot_events(events)["booking_time_hint"] == "2026-11-29T10:00"
        assert responses(messages) == ["utter_booking_reason_closed_day"]
        return
    assert events == [SlotSet(slot, value)]
    assert messages == []


async def test_a_bare_digression_that_names_nothing_still_goes_to_its_rule(domain):
    events, _ = await validate(
        domain, text="vaccins des enfants", intent="health_vaccination", requested="service"
    )
    menu, messages = await validate(
        domain, text="main menu", intent="menu", requested="appointment_time", slots=FLU_AT_A
    )

    assert events == []
    assert (menu, messages) == ([], [])


async def test_a_name_the_classifier_was_unsure_about_is_still_a_name(domain):
    events, _ = await validate(
        domain, text="Gaspard Ledoux", intent="greet", confidence=0.41, requested="patient_name"
    )

    assert events == [SlotSet("patient_name", "Gaspard Ledoux")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Marie Dupont", "Marie Dupont"),
        ("my name is Anne O'Neil", "Anne O'Neil"),
        ("c'est pour Jean Martin", "Jean Martin"),
        ("je m’appelle Zoé Lefèvre-Roy", "Zoé Lefèvre-Roy"),
    ],
)
async def test_the_patient_name_is_taken_without_its_preamble(domain, text, name):
    events, _ = await validate(domain, text=text, requested="patient_name")

    assert events == [SlotSet("patient_name", name)]


async def test_a_name_given_early_is_kept_but_plain_words_are_not_a_name(domain):
    early, _ = await validate(
        domain, text="book a flu jab, it's for Paul Simon", intent="book_appointment", active=False
    )
    plain, _ = await validate(domain, text="a flu jab", requested="site", slots=FLU_AT_A)

    assert slot_events(early)["patient_name"] == "Paul Simon"
    assert "patient_name" not in slot_events(plain)


async def test_numbers_are_not_a_name(domain):
    events, messages = await validate(domain, text="1 85 05 78 006 084", requested="patient_name")

    assert events == [SlotSet("patient_name", None)]
    assert responses(messages) == ["utter_booking_name_invalid"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("tomorrow at 10", "en", "2026-11-27T10:00"),
        ("demain à 10h", "fr", "2026-11-27T10:00"),
        ("lundi prochain à 14h30", "fr", "2026-11-30T14:30"),
        ("/inform", "en", "2026-12-01T09:15"),
    ],
)
async def test_a_bookable_time_is_accepted(domain, text, language, expected):
    entities = {"appointment_time": expected} if text.startswith("/") else None
    events, messages = await validate(
        domain,
        text=text,
        entities=entities,
        requested="appointment_time",
        slots=FLU_AT_A,
        language=language,
    )

    assert events == [SlotSet("appointment_time", expected)]
    assert messages == []


@pytest.mark.parametrize(
    ("text", "reason", "hint"),
    [
        ("yesterday at 10", "past", "2026-11-25T10:00"),
        ("hier à 10h", "past", "2026-11-25T10:00"),
        ("sunday at 10", "closed_day", "2026-11-29T10:00"),
        ("tomorrow at 8", "outside_hours", "2026-11-27T08:00"),
        ("tomorrow at 7pm", "outside_hours", "2026-11-27T19:00"),
        ("demain à 7h30", "outside_hours", "2026-11-27T07:30"),
        ("tomorrow at 13:00", "lunch_break", "2026-11-27T13:00"),
        ("tomorrow at 10:05", "not_a_start", "2026-11-27T10:05"),
    ],
)
async def test_a_time_that_cannot_be_booked_is_refused_with_the_reason(domain, text, reason, hint):
    events, messages = await validate(
        domain, text=text, requested="appointment_time", slots=FLU_AT_A
    )

    assert events == [SlotSet("appointment_time", None), SlotSet("booking_time_hint", hint)]
    assert responses(messages) == [f"utter_booking_reason_{reason}"]
    assert messages[0]["site_name"] == "Clinic A"


async def test_the_reason_is_given_in_french_with_french_dates(domain):
    _, messages = await validate(
        domain, text="dimanche à 10h", requested="appointment_time", slots=FLU_AT_A, language="fr"
    )

    assert messages[0]["day"] == "dimanche"
    assert messages[0]["when"] == "dimanche 29 novembre 2026 à 10:00"
    assert messages[0]["site_name"] == "Clinique A"


async def test_a_full_slot_is_refused(domain, booking):
    start = dt.datetime(2026, 11, 27, 10, 0)
    booking.book("bob", "blood_test", "clinic_a", start, "Bob", places=1)

    events, messages = await validate(
        domain,
        text="tomorrow at 10",
        requested="appointment_time",
        slots={"service": "blood_test", "site": "clinic_a"},
    )

    assert slot_events(events) == {
        "appointment_time": None,
        "booking_time_hint": "2026-11-27T10:00",
    }
    assert responses(messages) == ["utter_booking_reason_full"]


async def test_a_part_of_a_day_asks_again_offering_that_period(domain):
    events, messages = await validate(
        domain, text="next Tuesday afternoon", requested="appointment_time", slots=FLU_AT_A
    )

    assert slot_events(events) == {
        "appointment_time": None,
        "booking_time_hint": "2026-12-01@12:00-18:00",
    }
    assert messages == []


async def test_a_bare_time_refers_to_the_day_asked_for_before(domain):
    events, _ = await validate(
        domain,
        text="14h",
        requested="appointment_time",
        slots={**FLU_AT_A, "booking_time_hint": "2026-12-01@12:00-18:00"},
        language="fr",
    )

    assert slot_events(events) == {"appointment_time": "2026-12-01T14:00"}


async def test_an_unreadable_time_is_asked_again(domain):
    events, messages = await validate(
        domain, text="whenever suits", requested="appointment_time", slots=FLU_AT_A
    )

    assert events == [SlotSet("appointment_time", None)]
    assert responses(messages) == ["utter_booking_time_not_understood"]


async def test_changing_the_service_to_one_the_site_lacks_asks_the_site_again(domain):
    events, messages = await validate(
        domain,
        text="actually make it a blood test",
        requested="appointment_time",
        slots={"service": "flu_vaccination", "site": "pharmacy_b"},
    )

    assert slot_events(events) == {"service": "blood_test", "site": None}
    assert responses(messages) == ["utter_booking_reason_not_offered"]
    assert messages[0]["service_name"] == "Blood test"


async def test_changing_the_site_checks_the_time_already_chosen_again(domain):
    events, messages = await validate(
        domain,
        text="rather at pharmacy b",
        requested="patient_name",
        slots={**FLU_AT_A, "appointment_time": "2026-11-30T10:00"},  # a Monday
    )

    assert slot_events(events) == {
        "site": "pharmacy_b",
        "appointment_time": None,
        "booking_time_hint": "2026-11-30T10:00",
    }
    assert responses(messages) == ["utter_booking_reason_closed_day"]


async def test_a_site_that_lacks_the_service_is_refused(domain):
    events, messages = await validate(
        domain,
        text="/inform",
        entities={"site": "pharmacy_b"},
        requested="site",
        slots={"service": "blood_test"},
    )

    assert events == [SlotSet("site", None)]
    assert responses(messages) == ["utter_booking_reason_not_offered"]


async def test_one_sentence_fills_everything_it_says_at_activation(domain):
    events, messages = await validate(
        domain,
        text="I'd like to book a flu jab at Pharmacy B tomorrow at 10, my name is Léa Roux",
        intent="book_appointment",
        active=False,
        slots={"pending_operation": "cancel", "selected_appointment": "7"},
    )

    assert slot_events(events) == {
        "pending_operation": None,
        "selected_appointment": None,
        "service": "flu_vaccination",
        "site": "pharmacy_b",
        "appointment_time": "2026-11-27T10:00",
        "patient_name": "Léa Roux",
    }
    assert messages == []


async def test_prefilled_slots_of_a_reschedule_are_validated_without_new_text(domain):
    events, _ = await validate(
        domain,
        text="move my appointment",
        intent="reschedule_appointment",
        active=False,
        candidates={**FLU_AT_A, "patient_name": "Ann Lee"},
    )

    assert slot_events(events) == {**FLU_AT_A, "patient_name": "Ann Lee"}


def test_name_helpers():
    assert clean_name("Hello, my name is Tom Martin.") == "Tom Martin"
    assert clean_name("a flu jab tomorrow", explicit_only=True) is None
    assert name_problem("X")
    assert name_problem("Marie 2")
    assert not name_problem("Marie-Hélène d'Arc")
