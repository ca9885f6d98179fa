"""Pure functions turning a tracker's events into the side panel of one simulated turn.

They read what the tracker store recorded (so the text is the redacted one the database holds)
and keep only what a designer needs: intent and confidence, the guard findings' kinds (never the
text or the numbers they matched), the guard action and the policy that chose it, the other
actions, output-guard blocks and the language. An opt-out turn leaves no tracker (it is erased):
its panel is the erasure receipt, the counts the privacy audit recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core import names
from core.output_guard import BLOCKED_METADATA_KEY

ACTION_LISTEN = "action_listen"
#: What the guard policy imposes: guard actions, and the emergency numbers response.
GUARD_ACTIONS = frozenset(names.GUARD_ACTIONS.values())


def find_user_event(events: Sequence[dict[str, Any]], message_id: str) -> int | None:
    """Index of the user event of the WhatsApp message ``message_id``, if the tracker has it."""
    for index, event in enumerate(events):
        if event.get("event") != "user":
            continue
        metadata = event.get("metadata") or {}
        if message_id in (event.get("message_id"), metadata.get("message_id")):
            return index
    return None


def turn_events(events: Sequence[dict[str, Any]], start: int) -> list[dict[str, Any]]:
    """The events of the turn starting at ``start``: up to the next user message."""
    for index in range(start + 1, len(events)):
        if events[index].get("event") == "user":
            return list(events[start:index])
    return list(events[start:])


def turn_finished(turn: Sequence[dict[str, Any]]) -> bool:
    """Whether the bot went back to listening after the user message (the turn is complete)."""
    return any(
        e.get("event") == "action" and e.get("name") == ACTION_LISTEN for e in list(turn)[1:]
    )


def finding_kinds(parse_data: dict[str, Any]) -> list[str]:
    """The kinds of the guard findings the NLU recorded, without spans, text or numbers."""
    guard = parse_data.get("guard") or {}
    findings = guard.get("findings") if isinstance(guard, dict) else None
    kinds = {f.get("kind") for f in findings or [] if isinstance(f, dict)}
    return sorted(kind for kind in kinds if isinstance(kind, str))


def blocked_kinds(turn: Sequence[dict[str, Any]]) -> list[list[str]]:
    """For each bot message the output guard replaced, the kinds that blocked it."""
    blocks = []
    for event in turn:
        if event.get("event") != "bot":
            continue
        kinds = (event.get("metadata") or {}).get(BLOCKED_METADATA_KEY)
        if isinstance(kinds, list) and kinds:
            blocks.append(sorted(str(kind) for kind in kinds))
    return blocks


def language_at(events: Sequence[dict[str, Any]], end: int) -> str | None:
    """The language slot's value after the first ``end`` events."""
    language = None
    for event in events[:end]:
        if event.get("event") == "slot" and event.get("name") == names.LANGUAGE_SLOT:
            language = event.get("value")
    return language if isinstance(language, str) else None


def turn_panel(events: Sequence[dict[str, Any]], message_id: str) -> dict[str, Any] | None:
    """The panel of the turn of ``message_id``, or ``None`` until that turn is complete."""
    start = find_user_event(events, message_id)
    if start is None:
        return None
    turn = turn_events(events, start)
    if not turn_finished(turn):
        return None
    user = turn[0]
    parse_data = user.get("parse_data") or {}
    intent = parse_data.get("intent") or {}
    actions = [e for e in turn[1:] if e.get("event") == "action" and e.get("name") != ACTION_LISTEN]
    guard_actions = [
        {"name": e["name"], "policy": e.get("policy")}
        for e in actions
        if e.get("name") in GUARD_ACTIONS
    ]
    return {
        "kind": "turn",
        "message_id": message_id,
        "stored_text": user.get("text") or "",
        "intent": intent.get("name"),
        "confidence": _rounded(intent.get("confidence")),
        "findings": finding_kinds(parse_data),
        "guard_actions": guard_actions,
        "actions": [e.get("name") for e in actions],
        "blocked": blocked_kinds(turn),
        "language": language_at(events, start + len(turn)),
    }


def erasure_panel(message_id: str, receipt: dict[str, Any]) -> dict[str, Any]:
    """The panel of an opt-out turn: what was erased, as counts per store."""
    counts = {str(k): int(v) for k, v in receipt.items() if isinstance(v, int | float)}
    return {"kind": "erasure", "message_id": message_id, "erased": counts}


def _rounded(value: Any) -> float | None:
    return round(float(value), 3) if isinstance(value, int | float) else None
