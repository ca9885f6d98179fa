"""Build rasa_sdk trackers and run actions the way the action server does."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.booking.common import ALL_SLOTS


def tracker(
    text: str = "",
    intent: str = "inform",
    confidence: float = 1.0,
    entities: dict[str, str] | None = None,
    slots: dict[str, Any] | None = None,
    requested: str | None = None,
    active: bool = True,
    language: str = "en",
    candidates: dict[str, Any] | None = None,
    sender: str = "alice",
    channel: str | None = None,
) -> Tracker:
    """A tracker after the user said `text`; `candidates` are slot events Rasa passes on."""
    values = dict.fromkeys(ALL_SLOTS)
    values.update(language=language, requested_slot=requested)
    values.update(slots or {})
    events: list[dict[str, Any]] = [{"event": "user", "text": text, "input_channel": channel}]
    if active:
        events.append({"event": "action", "name": "booking_form"})
    for name, value in (candidates or {}).items():
        events.append({"event": "slot", "name": name, "value": value})
        values[name] = value
    return Tracker(
        sender,
        values,
        {
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": [{"entity": k, "value": v} for k, v in (entities or {}).items()],
        },
        events,
        False,
        None,
        {"name": "booking_form"} if active else {},
        "action_listen",
    )


async def run(action, current: Tracker, domain: dict) -> tuple[list[dict], list[dict]]:
    """Run an action: (its events, the messages it sent)."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, current, domain)
    return events, dispatcher.messages


def slot_events(events: list[dict]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def responses(messages: list[dict]) -> list[str]:
    return [m.get("response") for m in messages]
