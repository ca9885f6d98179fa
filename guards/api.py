"""The public functions: `check` and `redact`."""

from __future__ import annotations

from collections.abc import Iterable

from guards.errors import InvalidDirection
from guards.findings import NUMBER_KINDS, Direction, Finding
from guards.numbers import detect_numbers
from guards.phrases import detect_phrases

__all__ = ["check", "placeholder", "redact"]

_DIRECTIONS = ("inbound", "outbound")


def check(text: str, direction: Direction = "inbound") -> list[Finding]:
    """Find what the WhatsApp Business Policy cares about in one message.

    Args:
        text: the message.
        direction: ``"inbound"`` (user to bot: sensitive numbers, opt-out, product purchase)
            or ``"outbound"`` (bot to user: requests for sensitive data, promotion, product
            sale).

    Returns:
        The findings: numbers first, by position, with their spans; then phrase kinds,
        without spans, at most one finding per kind.

    Raises:
        InvalidDirection: `direction` is neither ``"inbound"`` nor ``"outbound"``.
        TypeError: `text` is not a string.
    """
    if direction not in _DIRECTIONS:
        raise InvalidDirection(f"direction must be 'inbound' or 'outbound', not {direction!r}")
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if direction == "inbound":
        return detect_numbers(text) + detect_phrases(text, "inbound")
    return detect_phrases(text, "outbound")


def placeholder(kind: str) -> str:
    """What replaces a number of `kind` in redacted text: ``"[payment_card]"``."""
    return f"[{kind}]"


def redact(text: str, findings: Iterable[Finding] | None = None) -> str:
    """`text` with every payment card, IBAN and national ID number replaced by a placeholder.

    Everything else is left unchanged, separators around the number included.

    Args:
        text: the message.
        findings: the findings `check` already returned for this very text, to save a
            second scan; by default the numbers are detected here.
    """
    if findings is None:
        spans = detect_numbers(text)
    else:
        spans = sorted(
            (f for f in findings if f.kind in NUMBER_KINDS and f.start is not None),
            key=lambda f: f.start,  # type: ignore[arg-type, return-value]
        )
    if not spans:
        return text
    parts, pos = [], 0
    for finding in spans:
        parts.append(text[pos : finding.start])
        parts.append(placeholder(finding.kind))
        pos = finding.end  # type: ignore[assignment]
    parts.append(text[pos:])
    return "".join(parts)
