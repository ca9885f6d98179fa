"""Sensitive numbers: payment cards, IBANs and national identity numbers.

`detect_numbers(text)` runs, in this order, the IBAN finder, the finders of IDs that contain
letters, then one scan of the digit runs for cards and digit-only IDs; a later finding that
overlaps an earlier one is dropped. Cheap pre-filters make the common case cheap: fewer than
2 ASCII digits skips it all; no run of 7 digits skips all but IBANs (a few countries' BBANs
may be mostly letters), codici fiscali (omocodia turns their digits into letters) and UK
National Insurance numbers (six digits). The
digits of an IBAN-like number that failed its check are not scanned for cards or IDs.
"""

from __future__ import annotations

import re

from guards.findings import Finding
from guards.numbers.cards import CARD_LENGTHS, card_issuer, card_lengths
from guards.numbers.iban import find_ibans
from guards.numbers.national_ids import ID_LENGTHS, IdContext, digit_id_scheme, find_lettered_ids
from guards.numbers.scan import SEP, scan_windows

__all__ = ["detect_numbers", "warm_up"]

#: The lengths a number may have given its first digit: the card lengths of the issuers
#: whose prefixes start with it, and the ID lengths (a NIR starts with 1-4, 7 or 8).
_LENGTHS_BY_FIRST = {
    digit: card_lengths(digit) | (ID_LENGTHS if digit in "123478" else ID_LENGTHS - {15})
    for digit in "0123456789"
}
_DIGITS = "0123456789"
_NINE = frozenset((9,))  # the only length whose scheme (SSN, BSN) depends on the grouping
#: Seven digits in a row, each pair separated by up to 3 separators: every scheme but
#: IBANs and codes fiscaux has such a sequence (a DNI's 8 digits, the NIR's last 8).
_SEVEN_RE = re.compile(rf"[0-9](?:{SEP}{{0,3}}[0-9]){{6}}")


def _count_digits(text: str) -> int:
    return sum(map(text.count, _DIGITS))


def detect_numbers(text: str) -> list[Finding]:
    """Every payment card, IBAN and national ID number in `text`, sorted by position."""
    digits = _count_digits(text)
    if digits < 2:
        return []
    rejected: list[tuple[int, int]] = []
    found = find_ibans(text, rejected)
    long_run = digits >= 7 and _SEVEN_RE.search(text) is not None
    context = IdContext(text)
    for finding in find_lettered_ids(text, context, long_run, digits >= 6):
        if not _overlaps(finding.start, finding.end, found):
            found.append(finding)
    if long_run and digits >= 9:
        claimed = list(found)
        decided: dict[tuple[str, tuple[int, ...]], tuple[str, str] | None] = {}

        def classify(start: int, end: int, number: str, groups: tuple[int, ...]) -> Finding | None:
            if claimed and _overlaps(start, end, claimed):
                return None
            key = (number, groups)
            if key in decided:  # a number written twice is decided once
                verdict = decided[key]
            else:
                verdict = decided[key] = _decide(number, groups, context)
            return None if verdict is None else Finding(verdict[0], start, end, verdict[1])

        spans = [(f.start, f.end) for f in claimed] + rejected
        found.extend(scan_windows(text, _LENGTHS_BY_FIRST, classify, spans, _NINE))  # type: ignore[arg-type]
    found.sort(key=lambda f: f.start or 0)
    return found


def warm_up() -> None:
    """Import the checksum modules and build the issuer tables now, not on the first number."""
    detect_numbers("4111 1111 1111 1111 FR76 3000 6000 0112 3456 7890 189 123-45-6789")
    detect_numbers("BSN 111222333, NIR 1 85 05 78 006 084 91, NN 85073003328, 12345678Z")
    detect_numbers("NI AB 12 34 56 C")


def _decide(number: str, groups: tuple[int, ...], context: IdContext) -> tuple[str, str] | None:
    """``(kind, scheme)`` of a digit window, or None: a card first, then an ID."""
    size = len(number)
    if size in CARD_LENGTHS:
        issuer = card_issuer(number)
        if issuer is not None:
            return "payment_card", issuer
    if size in ID_LENGTHS:
        scheme = digit_id_scheme(number, groups, context)
        if scheme is not None:
            return "national_id", scheme
    return None


def _overlaps(start: int | None, end: int | None, findings: list[Finding]) -> bool:
    return any(f.start < end and start < f.end for f in findings)  # type: ignore[operator]
