"""Schedules the reminders of an appointment when it is booked, moves them when it moves,
removes them when it is cancelled or the user opts out (rows of `core.reminders`).

A reminder says the service, the time, the site, its address and what to bring, in the user's
language (the domain's `utter_reminder`), with Confirm, Move and Cancel buttons whose payloads
run the flows of `manage.py`. Only conversations held over WhatsApp get reminders: it is the
channel that can reach the user later, and the purpose the user agreed to by booking there.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from rasa_sdk import Tracker

from actions.booking import common
from actions.booking.store import Appointment
from actions.language import current_language
from actions.responses import response_text
from core.reminders import NewReminder, ReminderSettings, due_time, reminder_store

logger = logging.getLogger(__name__)

REMINDED_CHANNEL = "whatsapp"
#: Button payload intents, in the order of the buttons and of the template's quick replies.
BUTTON_INTENTS = ("confirm_appointment", "reschedule_appointment", "cancel_appointment")
#: The template's body parameters, in the order the approved template uses them.
TEMPLATE_PARAMETERS = ("service_name", "when", "site_name", "site_address", "bring")


def content(
    appointment: Appointment, values: dict[str, str], language: str, domain: dict[str, Any]
) -> dict[str, Any]:
    """What the reminder says: text, buttons and the template's parameters."""
    words = {
        key: values[key] for key in ("service_name", "site_name", "site_address", "bring", "when")
    }
    buttons = [
        {
            "title": response_text(domain, f"utter_button_{intent}", language),
            "payload": common.payload(intent, appointment_id=str(appointment.id)),
        }
        for intent in BUTTON_INTENTS
    ]
    return {
        "text": response_text(domain, "utter_reminder", language).format(**words),
        "buttons": buttons,
        "parameters": [words[key] for key in TEMPLATE_PARAMETERS],
    }


def schedule(
    appointment: Appointment,
    values: dict[str, str],
    tracker: Tracker,
    domain: dict[str, Any],
    now: dt.datetime | None = None,
) -> int:
    """Adds the reminders of a booked (or moved) appointment; how many.

    A lead time already past (a booking made 3 hours ahead, a 24-hour reminder) is left out,
    unless it is the shortest one: then it is due at once, so that every appointment gets a
    reminder (and a test can make one due at once with a long lead time).
    """
    if tracker.get_latest_input_channel() != REMINDED_CHANNEL:
        return 0
    settings = ReminderSettings.from_environment()
    zone = common.catalogue().timezone
    language = current_language(tracker)
    starts = appointment.starts_at.replace(tzinfo=zone).timestamp()
    current = (now or common.now()).replace(tzinfo=zone).timestamp()
    text = content(appointment, values, language, domain)
    wanted = []
    for lead in settings.leads:  # longest first
        due = min(due_time(appointment.starts_at, lead, settings.quiet, zone.key), starts)
        shortest = lead == settings.leads[-1]
        if due < current and not (shortest and current < starts):
            continue
        wanted.append(NewReminder(int(lead.total_seconds() // 60), max(due, current), text))
    return reminder_store().schedule(
        appointment.sender_id, appointment.id, starts, zone.key, language, wanted
    )


def cancel(appointment_id: int) -> int:
    """Removes the reminders of a cancelled or moved appointment."""
    return reminder_store().cancel_appointment(appointment_id)


def erase(sender_id: str) -> int:
    """Removes every reminder of a user who opted out."""
    return reminder_store().erase_user(sender_id)
