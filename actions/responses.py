"""Texts of domain responses that actions need as plain strings (e.g. a button title).

Most texts go out as responses rendered by Rasa (`dispatcher.utter_message(response=...)`).
A few are pieces that an action assembles itself, such as the title of a button built per
appointment; they are still written in `domain.yml`, in both languages, and read here from the
domain Rasa sends with each action call.
"""

from __future__ import annotations

from typing import Any

from core.names import LANGUAGE_SLOT


def _language_of(variation: dict[str, Any]) -> str | None:
    """The language a variation is for (its language slot condition), None if unconditioned."""
    for condition in variation.get("condition") or []:
        if condition.get("type") == "slot" and condition.get("name") == LANGUAGE_SLOT:
            return str(condition.get("value"))
    return None


def response_text(domain: dict[str, Any], name: str, language: str) -> str:
    """The text of response `name` in `language`: its variation for that language, else the
    unconditioned one (English), as Rasa's conditional responses choose."""
    variations = (domain.get("responses") or {}).get(name)
    if not variations:
        raise KeyError(f"the domain has no response {name!r}")
    chosen = next((v for v in variations if _language_of(v) == language), None)
    chosen = chosen or next(v for v in variations if _language_of(v) is None)
    return str(chosen["text"])
