"""What the booking actions share: slot names, the clock, button payloads, the time hint and
the rule that decides whether a message may fill booking slots."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.booking.catalogue import Catalogue, get_catalogue
from actions.booking.dates import WHOLE_DAY, When

FORM = "booking_form"
SERVICE, SITE, TIME, NAME = "service", "site", "appointment_time", "patient_name"
FORM_SLOTS = (SERVICE, SITE, TIME, NAME)
HINT = "booking_time_hint"  # the day, window or time asked for, to offer slots around it
PENDING = "pending_operation"  # "book", "reschedule" or "cancel", waiting for yes or no
SELECTED = "selected_appointment"  # id of the appointment being moved or cancelled
RESCHEDULE_READY = "reschedule_ready"  # an appointment to move was chosen: run the form
ALL_SLOTS = (*FORM_SLOTS, HINT, PENDING, SELECTED, RESCHEDULE_READY)

# Intents whose messages carry booking details. Other intents (an FAQ, a government question,
# "I changed my mind") are digressions: their text never fills a slot, unless the classifier
# was unsure of them.
INFORM_INTENTS = frozenset({"inform", "book_appointment", "reschedule_appointment", "nlu_fallback"})
SURE = 0.7


def now() -> dt.datetime:
    """The current local time of the sites (tests replace this function)."""
    return get_catalogue().now()


def catalogue() -> Catalogue:
    return get_catalogue()


def reset_events() -> list[SlotSet]:
    """Forget the booking in progress."""
    return [SlotSet(slot, None) for slot in ALL_SLOTS]


def latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def latest_text(tracker: Tracker) -> str:
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text  # a button payload is not typed text


def may_extract(tracker: Tracker) -> bool:
    """Whether the latest message's text may fill booking slots."""
    intent, confidence = latest_intent(tracker)
    return intent in INFORM_INTENTS or confidence < SURE


def short_answer(tracker: Tracker) -> bool:
    """Whether the latest message looks like a bare answer ("une vaccination covid"), not a
    question: a few words and no question mark. A bare answer to the question asked fills
    its slot even when the classifier read it as a government topic."""
    text = latest_text(tracker)
    return bool(text) and "?" not in text and len(text.split()) <= 4


def payload(intent: str, **entities: Any) -> str:
    if not entities:
        return f"/{intent}"
    return f"/{intent}{json.dumps(entities, ensure_ascii=False, separators=(',', ':'))}"


def iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def from_iso(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(str(value), "%Y-%m-%dT%H:%M")
    except ValueError:
        return None


def encode_hint(when: When) -> str:
    """'2026-12-01T10:00' for a time; '2026-12-01@12:00-18:00' for a window of a day."""
    if when.exact is not None:
        return iso(when.exact)
    start, end = when.window or WHOLE_DAY
    return f"{when.day.isoformat()}@{start:%H:%M}-{end:%H:%M}"


def decode_hint(value: Any) -> When | None:
    if not isinstance(value, str):
        return None
    exact = from_iso(value)
    if exact:
        return When(exact.date(), exact.time())
    try:
        day, window = value.split("@")
        start, end = window.split("-")
        return When(
            dt.date.fromisoformat(day),
            window=(dt.time.fromisoformat(start), dt.time.fromisoformat(end)),
        )
    except ValueError:
        return None
