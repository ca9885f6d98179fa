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


#: ``{first 4 digits: {length: issuer, or None when 6 digits decide}}``, filled as prefixes
#: are met: one look-up for most candidates (only Discover's 622126-622925 needs 6 digits).
_BY_FOUR: dict[str, dict[int, str | None]] = {}


@lru_cache(maxsize=1)
def _long_heads() -> dict[int, frozenset[str]]:
    """Per length, the first 4 digits of the prefixes longer than 4 digits."""
    return {
        length: frozenset(p[:4] for p in by_prefix if len(p) > 4)
        for length, by_prefix in _prefixes().items()
    }


def _row(four: str) -> dict[int, str | None]:
    row = _BY_FOUR.get(four)
    if row is not None:
        return row
    row = {}
    heads = _long_heads()
    for length in _prefixes():
        if four in heads[length]:
            row[length] = None
            continue
        issuer = _longest(four, length)
        if issuer is not None:
            row[length] = issuer
    _BY_FOUR[four] = row
    return row


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
    row = _row(digits[:4])
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
