"""Numbers that look sensitive and are not: the precision side of the number kinds.

Each table puts the valid number, its malformed near miss and benign numbers side by side.
"""

from __future__ import annotations

import pytest

from guards import check, detect_numbers
from tests.guards.builders import card, group, iban

VISA = card("4", 16)
FR_IBAN = iban("FR", "30006000011234567890189")


def _bad_iban(number: str) -> str:
    return number[:4] + number[4:-1] + str((int(number[-1]) + 1) % 10)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (f"IBAN {group(FR_IBAN, [4] * 6, ' ')}", ["iban"]),
        (f"IBAN {group(_bad_iban(FR_IBAN), [4] * 6, ' ')}", []),  # wrong check: no card inside
        (f"IBAN {_bad_iban(FR_IBAN)}", []),
        (f"IBAN {group(FR_IBAN[:-1], [4] * 6, ' ')}", []),  # a digit missing
        # the card after a failed IBAN is still found
        (f"IBAN {group(_bad_iban(FR_IBAN), [4] * 6, ' ')} and card {VISA}", ["payment_card"]),
    ],
)
def test_when_an_iban_is_malformed_then_no_card_is_found_among_its_digits(text, kinds):
    assert [f.kind for f in detect_numbers(text)] == kinds


@pytest.mark.parametrize(
    "text",
    [
        "call me on 06 12 34 56 78",
        "+33 6 12 34 56 78",
        "my number is 07700 900123",
        "(555) 123-4567",
        "appointment on 12/03/2025 at 10:30",
        "rendez-vous le 15 juin 2025 à 14h30",
        "it costs 1 249,99 EUR",
        "postcode 75011",
        "order 2024-000123-45",
        "Order number 100458823 hasn't arrived yet",
        "reference 482913374",
        "card ending in 1234",
        "500 mg twice a day",
        f"{VISA[:-1]}{(int(VISA[-1]) + 1) % 10}",  # a card with a wrong Luhn digit
    ],
)
def test_when_a_benign_message_has_numbers_then_no_number_kind_is_found(text):
    assert [f for f in check(text) if f.start is not None] == []


def test_when_a_lower_case_letter_follows_a_number_after_a_separator_then_it_is_no_dni():
    """Found by the property tests: the last 8 digits of a card, then " .c", were a DNI."""
    assert [f.kind for f in detect_numbers(" 6 4450707 12350100 .c")] == ["payment_card"]
