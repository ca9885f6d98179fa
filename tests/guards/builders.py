"""Builders of valid numbers for the guard tests, written here from the published rules.

The guards check numbers with python-stdnum; computing the expected check digits with the
same library would only prove that the library agrees with itself. These builders follow the
published algorithms independently, and ``test_builders.py`` checks each of them against
published example numbers first. The tests themselves prefer published numbers; a builder
serves where none is published (every issuer range, every IBAN country, Corsica...).
"""

from __future__ import annotations

import re

DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"  # Spanish Ministry of the Interior: number mod 23
NIE_PREFIX = {"X": "0", "Y": "1", "Z": "2"}
# Agenzia delle Entrate (DM 23/12/1976): values of characters in odd positions (1st, 3rd...).
CF_ODD = dict(
    zip(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21] * 2
        + [2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23],
        strict=True,
    )
)


def luhn_check_digit(body: str) -> str:
    """ISO/IEC 7812-1 annex B: the digit that makes ``body + digit`` pass the Luhn test."""
    total = 0
    for position, char in enumerate(reversed(body)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str(-total % 10)


def card(prefix: str, length: int, fill: str = "3") -> str:
    """A Luhn-valid card number of `length` digits starting with `prefix`."""
    body = (prefix + fill * length)[: length - 1]
    return body + luhn_check_digit(body)


def bad_luhn(number: str) -> str:
    """`number` with its last digit changed so the Luhn check fails."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def iban_check_digits(country: str, bban: str) -> str:
    """ISO 13616-1: 98 minus (BBAN + country + "00", letters as 10..35) mod 97."""
    rearranged = bban + country + "00"
    digits = "".join(str(int(char, 36)) for char in rearranged.upper())
    return f"{98 - int(digits) % 97:02d}"


def iban(country: str, bban: str) -> str:
    """A valid IBAN (mod 97) of `country` with this BBAN."""
    return country + iban_check_digits(country, bban) + bban


def bban_for(structure: str) -> str:
    """A BBAN fitting a SWIFT structure such as ``"5!n11!n2!c"``."""
    fill = {"n": "7", "a": "Q", "c": "8"}
    return "".join(fill[kind] * int(n) for n, kind in re.findall(r"(\d+)!([nac])", structure))


def fr_nir(first13: str) -> str:
    """INSEE: key = 97 - (13 digits mod 97), with Corsica's 2A read as 19 and 2B as 18."""
    digits = first13.upper().replace("2A", "19", 1).replace("2B", "18", 1)
    return f"{first13}{97 - int(digits) % 97:02d}"


def be_nn(first9: str) -> str:
    """Belgian national register (born before 2000): 97 - (9 digits mod 97)."""
    return f"{first9}{97 - int(first9) % 97:02d}"


def nl_bsn(first8: str) -> str | None:
    """The BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11."""
    total = sum((9 - i) * int(d) for i, d in enumerate(first8))
    last = total % 11
    return first8 + str(last) if last < 10 else None


def es_dni(digits: str) -> str:
    return digits + DNI_LETTERS[int(digits) % 23]


def es_nie(letter: str, digits: str) -> str:
    return letter + digits + DNI_LETTERS[int(NIE_PREFIX[letter] + digits) % 23]


def it_cf(first15: str) -> str:
    """The codice fiscale's control character: odd positions by table, even by value, mod 26."""
    total = 0
    for position, char in enumerate(first15.upper()):
        if position % 2 == 0:
            total += CF_ODD[char]
        else:
            total += int(char) if char.isdigit() else ord(char) - ord("A")
    return first15 + chr(ord("A") + total % 26)


def group(number: str, sizes: list[int], sep: str) -> str:
    """`number` cut into groups of `sizes` (the rest as a last group) joined by `sep`."""
    parts, pos = [], 0
    for size in sizes:
        parts.append(number[pos : pos + size])
        pos += size
    if pos < len(number):
        parts.append(number[pos:])
    return sep.join(p for p in parts if p)
