"""IBANs of every country in the SWIFT registry (as shipped by python-stdnum).

A candidate starts where a two-letter country code and two check digits stand at a word
start ("FR76", "gb82", after "IBAN" or "IBAN:" too). The country fixes the length, so
exactly that many letters and digits are collected after it, each optionally preceded by
up to 3 spaces, no-break spaces, dashes or dots (compact, grouped by four, any grouping),
and the next character must end the word. python-stdnum then checks the BBAN structure and
the mod-97 check digits. The country-specific checks inside the BBAN (e.g. the French RIB
key) are not applied: the registry's structure and mod 97 define a valid IBAN.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guards.findings import Finding
from guards.numbers.scan import SEP

__all__ = ["find_ibans"]

_START_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}")
_SEPARATORS = str.maketrans("", "", " -.\u00a0\u202f")


@lru_cache(maxsize=1)
def _lengths() -> dict[str, int]:
    """IBAN length per country code, from stdnum's copy of the SWIFT registry."""
    from stdnum import numdb

    lengths = {}
    for _, low, _, props, _ in numdb.get("iban").prefixes:
        bban = props.get("bban", "")
        lengths[low] = 4 + sum(int(n) for n in re.findall(r"(\d+)!", bban))
    return lengths


@lru_cache(maxsize=64)
def _body_re(size: int) -> re.Pattern[str]:
    return re.compile(rf"(?:{SEP}{{0,3}}[A-Za-z0-9]){{{size}}}(?![A-Za-z0-9])")


def find_ibans(text: str) -> list[Finding]:
    """Every valid IBAN in `text`, with its span, left to right."""
    from stdnum import iban

    lengths = _lengths()
    found: list[Finding] = []
    pos = 0
    while True:
        start = _START_RE.search(text, pos)
        if start is None:
            return found
        country = start.group()[:2].upper()
        size = lengths.get(country)
        body = _body_re(size - 4).match(text, start.end()) if size else None
        if body is not None:
            number = text[start.start() : body.end()].translate(_SEPARATORS).upper()
            if iban.is_valid(number, check_country=False):
                found.append(Finding("iban", start.start(), body.end(), f"iban:{country}"))
                pos = body.end()
                continue
        pos = start.start() + 1
