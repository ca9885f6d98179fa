"""The runtime output guard: no message asks for sensitive data, promotes, or sells products.

The lint (`python -m guards lint`) catches such responses before deployment; this catches
them at run time, whatever a designer wrote. A blocked message is replaced with a safe
fallback in the user's language, logged without its content and counted.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

import guards

logger = logging.getLogger(__name__)

SAFE_FALLBACK = {
    "en": 'Sorry, I can\'t send that message. Type "menu" to see how I can help.',
    "fr": (
        "Désolé, je ne peux pas envoyer ce message. "
        "Tapez « menu » pour voir comment je peux vous aider."
    ),
}

#: Blocked messages since the process started, by finding kind.
blocked_counts: Counter[str] = Counter()


def outbound_texts(message: dict[str, Any]) -> list[str]:
    """Every piece of text a user would see in a bot message: body, buttons, quick replies."""
    texts = [message.get("text") or ""]
    for key in ("buttons", "quick_replies"):
        for button in message.get(key) or []:
            if isinstance(button, dict):
                texts.append(str(button.get("title") or ""))
    return [text for text in texts if text]


def blocked_kinds(message: dict[str, Any]) -> list[str]:
    """The outbound policy kinds this message breaks (empty when it may be sent)."""
    kinds = {f.kind for text in outbound_texts(message) for f in guards.check(text, "outbound")}
    return sorted(kinds)


def safe_fallback(language: str | None) -> dict[str, Any]:
    return {"text": SAFE_FALLBACK.get(language or "en", SAFE_FALLBACK["en"])}


def guard_message(message: dict[str, Any], language: str | None, source: str) -> dict[str, Any]:
    """`message` if it is allowed, else the safe fallback; `source` names it in the log."""
    kinds = blocked_kinds(message)
    if not kinds:
        return message
    record_block(kinds, source)
    return safe_fallback(language)


def record_block(kinds: list[str], source: str) -> None:
    """Count a blocked message and log what blocked it, never its text."""
    blocked_counts.update(kinds)
    logger.warning(
        "output guard blocked %s (%s); blocked so far: %s",
        source,
        ", ".join(kinds),
        dict(blocked_counts),
    )
