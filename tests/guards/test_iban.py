"""iban: every SWIFT registry country, length and mod 97, any case and grouping."""

from __future__ import annotations

import pytest
from stdnum import numdb

from guards import check, redact
from tests.guards.builders import bban_for, group, iban
from tests.guards.published import IBAN_REGISTRY_EXAMPLES

COUNTRIES = sorted((low, props["bban"]) for _, low, _, props, _ in numdb.get("iban").prefixes)
# Examples of the SWIFT IBAN registry.
FR = "FR1420041010050500013M02606"
GB = "GB29NWBK60161331926819"
DE = "DE89370400440532013000"


def ibans(text: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in check(text) if f.kind == "iban"]


def test_when_the_registry_is_loaded_then_it_has_every_country():
    assert len(COUNTRIES) >= 80


@pytest.mark.parametrize("number", IBAN_REGISTRY_EXAMPLES)
def test_when_an_example_of_the_swift_registry_is_sent_then_it_is_found(number):
    assert ibans(f"IBAN {number} merci") == [(5, 5 + len(number))]
    assert redact(f"IBAN {group(number, [4] * 9, ' ')} merci") == "IBAN [iban] merci"


@pytest.mark.parametrize("number", IBAN_REGISTRY_EXAMPLES)
def test_when_a_registry_example_has_a_wrong_check_digit_then_no_iban_is_found(number):
    wrong = f"{number[:2]}{(int(number[2:4]) + 1) % 100:02d}{number[4:]}"
    assert ibans(f"IBAN {wrong}") == []


# Every registry country, beyond the examples: check digits computed in builders.py.
@pytest.mark.parametrize(("country", "structure"), COUNTRIES)
def test_when_an_iban_of_any_registry_country_is_valid_then_it_is_found(country, structure):
    number = iban(country, bban_for(structure))
    assert ibans(f"IBAN {number} merci") == [(5, 5 + len(number))]
    grouped = group(number, [4] * 9, " ")
    assert ibans(f"IBAN: {grouped}") == [(6, 6 + len(grouped))]


@pytest.mark.parametrize(("country", "structure"), COUNTRIES)
def test_when_the_check_digits_are_wrong_then_no_iban_is_found(country, structure):
    number = iban(country, bban_for(structure))
    wrong = f"{number[:2]}{(int(number[2:4]) + 1) % 100:02d}{number[4:]}"
    assert ibans(f"IBAN {wrong}") == []


@pytest.mark.parametrize(
    "written",
    [
        FR,
        FR.lower(),
        group(FR, [4] * 7, " "),
        group(FR, [4] * 7, "-"),
        group(FR, [4] * 7, "."),
        group(FR.lower(), [4] * 7, " "),
        group(GB, [4] * 6, " "),
        GB.lower(),
        group(DE, [4] * 6, " "),
    ],
)
def test_when_an_iban_is_written_in_any_case_or_grouping_then_it_is_redacted(written):
    for text in (f"IBAN {written}", f"mon iban: {written}.", f"{written}", f"IBAN:{written} ok"):
        redacted = redact(text)
        assert "[iban]" in redacted
        assert written not in redacted


@pytest.mark.parametrize(
    "text",
    [
        FR[:-1],  # one character short
        FR + "4",  # one character long
        group(FR, [4] * 7, " ") + "4",
        f"X{FR}",  # glued to a letter
        "FR76 is my department",
        "Flight AB12 3456 to Paris",
        "XX1420041010050500013M02606",  # no such country
    ],
)
def test_when_it_is_not_a_valid_iban_then_nothing_is_found(text):
    assert ibans(text) == []
