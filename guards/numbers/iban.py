"""IBANs of every country in the SWIFT registry (as shipped by python-stdnum).

A candidate starts where a two-letter country code and two check digits stand at a word
start ("FR76", "gb82", after "IBAN" or "IBAN:" too). The country fixes the length, so
exactly that many letters and digits are collected after it, each optionally preceded by
up to 3 spaces, no-break spaces, dashes or dots (compact, grouped by four, any grouping),
and the next character must end the word. The BBAN must then fit the registry's structure
and python-stdnum checks the mod-97 check digits (what `stdnum.iban.validate` does, without
its per-call look-up and regex building, which cost more than all the rest). The
country-specific checks inside the BBAN (e.g. the French RIB key) are not applied: the
registry's structure and mod 97 define a valid IBAN.

A candidate of a known country that fails (a mistyped IBAN, a digit missing) is reported
as a *rejected* span, so the card and ID scan does not find a card number among its digits.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guards.findings import Finding
from guards.numbers.scan import SEP

__all__ = ["find_ibans"]

_START_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}")
_SEPARATORS = str.maketrans("", "", " -.\u00a0\u202f")


_KIND = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Z0-9]"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[int, re.Pattern[str]]]:
    """IBAN length and BBAN pattern per country, from stdnum's copy of the SWIFT registry."""
    from stdnum import numdb

    countries = {}
    for _, code, _, props, _ in numdb.get("iban").prefixes:
        parts = re.findall(r"(\d+)!([nac])", props.get("bban", ""))
        pattern = "".join(f"{_KIND[kind]}{{{size}}}" for size, kind in parts)
        length = 4 + sum(int(size) for size, _ in parts)
        countries[code] = (length, re.compile(pattern))
    return countries


@lru_cache(maxsize=64)
def _body_re(size: int) -> re.Pattern[str]:
    return re.compile(rf"(?:{SEP}{{0,3}}[A-Za-z0-9]){{{size}}}(?![A-Za-z0-9])")


@lru_cache(maxsize=64)
def _loose_re(size: int) -> re.Pattern[str]:
    """Up to `size` digits and capitals, grouped any way: the extent of a failed IBAN."""
    return re.compile(rf"(?:{SEP}{{0,3}}[0-9A-Z]){{1,{size}}}")


def find_ibans(text: str, rejected: list[tuple[int, int]] | None = None) -> list[Finding]:
    """Every valid IBAN in `text`, with its span, left to right.

    Args:
        text: the message.
        rejected: if given, the spans of IBAN-like numbers of a known country that failed
            are appended to it.
    """
    from stdnum.iso7064 import mod_97_10

    countries = _countries()
    found: list[Finding] = []
    pos = 0
    while True:
        start = _START_RE.search(text, pos)
        if start is None:
            return found
        country = start.group()[:2].upper()
        size, bban = countries.get(country, (0, None))
        body = _body_re(size - 4).match(text, start.end()) if bban else None
        if body is not None and bban is not None:
            number = text[start.start() : body.end()].translate(_SEPARATORS).upper()
            if bban.fullmatch(number, 4) and mod_97_10.is_valid(number[4:] + number[:4]):
                found.append(Finding("iban", start.start(), body.end(), f"iban:{country}"))
                pos = body.end()
                continue
        if bban is not None and rejected is not None:
            loose = _loose_re(size).match(text, start.end())
            if loose is not None:
                rejected.append((start.start(), loose.end()))
        pos = start.start() + 1
