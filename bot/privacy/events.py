"""Redact sensitive numbers from Rasa events before they are stored or published.

Rasa builds `UserUttered` from the raw message text, so an NLU component cannot keep a card
number out of the tracker. The tracker store calls `redact_events` just before saving: what
reaches the database, Redis or an event broker is the redacted text, everywhere it occurs
(text, parse data, entities, metadata, slot values, bot echoes).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa.shared.core.events import BotUttered, Event, SlotSet, UserUttered

import guards


def redact_value(value: Any) -> Any:
    """`value` with every string inside it redacted (dicts and lists are walked)."""
    if isinstance(value, str):
        return guards.redact(value)
    if isinstance(value, dict):
        return {key: redact_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_value(item) for item in value]
    return value


def redact_event(event: Event) -> None:
    """Redact one event in place; events that carry no free text are left alone."""
    if isinstance(event, UserUttered):
        if event.text:
            event.text = guards.redact(event.text)
        event.parse_data = redact_value(event.parse_data)
        event.entities = redact_value(event.entities)
        event.metadata = redact_value(event.metadata)
    elif isinstance(event, BotUttered):
        if event.text:
            event.text = guards.redact(event.text)
        event.data = redact_value(event.data)
    elif isinstance(event, SlotSet):
        event.value = redact_value(event.value)


def redact_events(events: Iterable[Event]) -> None:
    for event in events:
        redact_event(event)
