"""Payment card numbers: an issuer's IIN prefix and length, then the Luhn check.

Presidio's credit-card recognizer in spirit, without its regex: the digit windows come from
`guards.numbers.scan`, which already stripped the separators, so any grouping is accepted
("4111 1111 1111 1111", "4111-1111-1111-1111", "4111.111111.111111", bare).
The prefix test is a few dict look-ups, so python-stdnum's Luhn check runs only on numbers
that some issuer could have issued.
"""

from __future__ import annotations

from functools import lru_cache

from guards.numbers.issuers import ISSUERS

__all__ = ["CARD_LENGTHS", "card_issuer", "card_lengths", "luhn_valid"]

CARD_LENGTHS = frozenset(length for _, _, lengths in ISSUERS for length in lengths)


@lru_cache(maxsize=1)
def _prefixes() -> dict[int, dict[str, str]]:
    """``{card length: {prefix: issuer}}`` for every prefix of every range.

    Looked up longest prefix first, so "4035" names Cartes Bancaires before "4" names Visa.
    """
    table: dict[int, dict[str, str]] = {}
    for name, ranges, lengths in ISSUERS:
        for first, last in ranges:
            width = len(first)
            for value in range(int(first), int(last) + 1):
                for length in lengths:
                    table.setdefault(length, {}).setdefault(str(value).zfill(width), name)
    return table


@lru_cache(maxsize=1)
def _widths() -> tuple[int, ...]:
    return tuple(sorted({len(f) for _, ranges, _ in ISSUERS for f, _ in ranges}, reverse=True))


@lru_cache(maxsize=1)
def _by_four() -> dict[str, dict[int, str | None]]:
    """``{first 4 digits: {length: issuer, or None when 6 digits decide}}``: one look-up
    for most candidates (only Discover's 622126-622925 needs 6 digits)."""
    table: dict[str, dict[int, str | None]] = {}
    prefixes = _prefixes()
    for length, by_prefix in prefixes.items():
        for prefix in by_prefix:
            if len(prefix) > 4:
                table.setdefault(prefix[:4], {})[length] = None
                continue
            for rest in range(10 ** (4 - len(prefix))):
                four = prefix + str(rest).zfill(4 - len(prefix)) if len(prefix) < 4 else prefix
                row = table.setdefault(four, {})
                if length not in row:
                    row[length] = _longest(four, length)
    return table


def card_lengths(first: str) -> frozenset[int]:
    """The lengths of the cards whose number may start with digit `first`."""
    return frozenset(
        length
        for _, ranges, lengths in ISSUERS
        for low, high in ranges
        if low[0] <= first <= high[0]
        for length in lengths
    )


def _longest(digits: str, length: int) -> str | None:
    table = _prefixes()[length]
    for width in _widths():
        issuer = table.get(digits[:width])
        if issuer is not None:
            return issuer
    return None


def card_issuer(digits: str) -> str | None:
    """The issuer of `digits` (a card number without separators) if it is a valid card."""
    row = _by_four().get(digits[:4])
    if row is None:
        return None
    length = len(digits)
    if length not in row:
        return None
    issuer = row[length]
    if issuer is None:  # a 6-digit range starts with these 4 digits
        issuer = _longest(digits, length)
        if issuer is None:
            return None
    return issuer if luhn_valid(digits) else None


_DOUBLED = str.maketrans("0123456789", "0246813579")  # 2d, minus 9 when above 9


def luhn_valid(digits: str) -> bool:
    """The Luhn check (what ``stdnum.luhn.checksum(d) == 0`` says), on slices and C-level
    calls only: every card candidate of a long digit run goes through it."""
    odd = digits[-1::-2]
    even = digits[-2::-2].translate(_DOUBLED)
    return (sum(map(int, odd)) + sum(map(int, even))) % 10 == 0
