"""Payment card numbers: an issuer's IIN prefix and length, then the Luhn check.

Presidio's credit-card recognizer in spirit, without its regex: the digit windows come from
`guards.numbers.scan`, which already stripped the separators, so any grouping is accepted
("4111 1111 1111 1111", "4111-1111-1111-1111", "4111.111111.111111", bare).
"""

from __future__ import annotations

from functools import lru_cache

from guards.numbers.issuers import ISSUERS

__all__ = ["CARD_LENGTHS", "card_issuer"]

CARD_LENGTHS = frozenset(length for _, _, lengths in ISSUERS for length in lengths)


@lru_cache(maxsize=1)
def _by_length() -> dict[int, tuple[tuple[str, int, str, str], ...]]:
    """For each card length, the ``(issuer, prefix length, first, last)`` to try, in order."""
    table: dict[int, list[tuple[str, int, str, str]]] = {}
    for name, ranges, lengths in ISSUERS:
        for length in lengths:
            for first, last in ranges:
                table.setdefault(length, []).append((name, len(first), first, last))
    return {length: tuple(rows) for length, rows in table.items()}


def card_issuer(digits: str) -> str | None:
    """The issuer of `digits` (a card number without separators) if it is a valid card."""
    rows = _by_length().get(len(digits))
    if not rows:
        return None
    for name, size, first, last in rows:
        if first <= digits[:size] <= last:
            from stdnum import luhn

            return name if luhn.is_valid(digits) else None
    return None
