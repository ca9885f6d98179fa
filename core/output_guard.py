"""The runtime output guard: no message asks for sensitive data, promotes, or sells products.

The lint (`python -m guards lint`) catches such responses before deployment; this catches
them at run time, whatever a designer or an action wrote. The check is one function,
`blocked_kinds`, over every string of a message whatever its shape (`guards.check_message`:
body, buttons given by keyword or position, list rows, quick replies, captions, images,
attachments, custom and `json_message` payloads, template parameters). It runs at the last
step before any send, on every channel (`bot.output_guard`), and earlier where it keeps a
blocked text out of the tracker and the action server's output: Rasa's NLG for responses
(`bot.nlg`), the action server for what actions write (`actions.output_guard`). Each replaces
a blocked message with the domain response `utter_guard_blocked` (the safe text, in both
languages, lives only in `domain.yml`), logs the block without the text and counts it.
"""

from __future__ import annotations

import logging
from collections import Counter

import guards

logger = logging.getLogger(__name__)

#: Where the safe text records the kinds that blocked the message it replaces: Rasa keeps the
#: key in the bot event's metadata (never the blocked text), for the simulator's panel.
BLOCKED_METADATA_KEY = "output_guard_blocked"

#: Blocked messages since the process started, by finding kind.
blocked_counts: Counter[str] = Counter()


def blocked_kinds(message: object) -> list[str]:
    """The outbound policy kinds this message breaks (empty when it may be sent).

    `message` is anything JSON-like: a Rasa bot message, an action's `utter_message`
    arguments, a WhatsApp body; every string in it is checked.
    """
    return sorted({finding.kind for finding in guards.check_message(message, "outbound")})


def record_block(kinds: list[str], source: str) -> None:
    """Count a blocked message and log what blocked it, never its text."""
    blocked_counts.update(kinds)
    logger.warning(
        "output guard blocked %s (%s); blocked so far: %s",
        source,
        ", ".join(kinds),
        dict(blocked_counts),
    )
