"""The runtime output guard: no message asks for sensitive data, promotes, or sells products.

The lint (`python -m guards lint`) catches such responses before deployment; this catches
them at run time, whatever a designer wrote. Both processes use it: Rasa's NLG for responses
(`bot.nlg`), the action server for text that actions write (`actions.output_guard`). Either
replaces a blocked message with the domain response `utter_guard_blocked` (the safe text, in
both languages, lives only in `domain.yml`), logs the block without the text and counts it.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

import guards

logger = logging.getLogger(__name__)

#: Where the safe text records the kinds that blocked the message it replaces: Rasa keeps the
#: key in the bot event's metadata (never the blocked text), for the simulator's panel.
BLOCKED_METADATA_KEY = "output_guard_blocked"

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


def record_block(kinds: list[str], source: str) -> None:
    """Count a blocked message and log what blocked it, never its text."""
    blocked_counts.update(kinds)
    logger.warning(
        "output guard blocked %s (%s); blocked so far: %s",
        source,
        ", ".join(kinds),
        dict(blocked_counts),
    )
