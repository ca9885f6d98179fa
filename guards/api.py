"""The public functions: `check`, `check_message`, `texts_of` and `redact`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from guards.errors import InvalidDirection
from guards.findings import NUMBER_KINDS, Direction, Finding
from guards.numbers import detect_numbers
from guards.phrases import detect_phrases, preload

__all__ = ["check", "check_message", "placeholder", "preload", "redact", "texts_of"]

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


def texts_of(message: object) -> list[str]:
    """Every string inside `message`, a JSON-like value (dicts, lists, tuples, strings), in
    order: a bot message's body, button titles and payloads, list rows, quick replies,
    captions, template parameters, custom and ``json_message`` payloads, whatever their
    shape. Dict keys are names, not text, and are skipped; so are numbers and booleans."""
    out: list[str] = []
    stack: list[object] = [message]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, Mapping):
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, (list, tuple)):
            stack.extend(reversed(value))
    return out


def check_message(message: object, direction: Direction = "outbound") -> list[Finding]:
    """`check` on every string of `message` (see `texts_of`), one finding per kind.

    What the output guard runs at the last step before any send, on every channel and
    payload shape. The findings have no span (a span would point into one of the strings).
    """
    found: dict[str, Finding] = {}
    for text in texts_of(message):
        for finding in check(text, direction):
            if finding.kind not in found:
                found[finding.kind] = replace(finding, start=None, end=None)
    return list(found.values())


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
