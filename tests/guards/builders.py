"""Builders of valid numbers, computed with python-stdnum's own check-digit functions."""

from __future__ import annotations

import re

from stdnum import luhn
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.iban import calc_check_digits
from stdnum.it import codicefiscale


def card(prefix: str, length: int, fill: str = "3") -> str:
    """A Luhn-valid card number of `length` digits starting with `prefix`."""
    body = (prefix + fill * length)[: length - 1]
    return body + luhn.calc_check_digit(body)


def bad_luhn(number: str) -> str:
    """`number` with its last digit changed so the Luhn check fails."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def iban(country: str, bban: str) -> str:
    """A valid IBAN (mod 97) of `country` with this BBAN."""
    return country + calc_check_digits(country + "00" + bban) + bban


def bban_for(structure: str) -> str:
    """A BBAN fitting a SWIFT structure such as ``"5!n11!n2!c"``."""
    fill = {"n": "7", "a": "Q", "c": "8"}
    return "".join(fill[kind] * int(n) for n, kind in re.findall(r"(\d+)!([nac])", structure))


def fr_nir(first13: str) -> str:
    return first13 + nir.calc_check_digits(first13 + "00")


def be_nn(first9: str) -> str:
    return f"{first9}{97 - int(first9) % 97:02d}"


def nl_bsn(first8: str) -> str | None:
    total = sum((9 - i) * int(d) for i, d in enumerate(first8))
    last = total % 11
    return first8 + str(last) if last < 10 else None


def es_dni(digits: str) -> str:
    return digits + dni.calc_check_digit(digits)


def es_nie(letter: str, digits: str) -> str:
    return letter + digits + nie.calc_check_digit(letter + digits)


def it_cf(first15: str) -> str:
    return first15 + codicefiscale.calc_check_digit(first15)


def group(number: str, sizes: list[int], sep: str) -> str:
    """`number` cut into groups of `sizes` (the rest as a last group) joined by `sep`."""
    parts, pos = [], 0
    for size in sizes:
        parts.append(number[pos : pos + size])
        pos += size
    if pos < len(number):
        parts.append(number[pos:])
    return sep.join(p for p in parts if p)
