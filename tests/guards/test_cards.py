"""payment_card: issuer prefixes and lengths, Luhn, any grouping, hard negatives."""

from __future__ import annotations

import pytest

from guards import check, redact
from guards.numbers.issuers import ISSUERS
from tests.guards.builders import bad_luhn, card, group
from tests.guards.published import TEST_CARDS

ISSUER_CASES = [
    (name, first, length)
    for name, ranges, lengths in ISSUERS
    for first, _ in ranges
    for length in (lengths[0], lengths[-1])
]
ISSUER_CASES += [("mastercard", "2221", 16), ("mastercard", "2720", 16), ("discover", "6229", 16)]
VISA = "4111111111111111"  # Visa's test number (Braintree sandbox docs)
AMEX = "378282246310005"  # American Express test number (Stripe and Braintree docs)


def cards(text: str) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.detail) for f in check(text) if f.kind == "payment_card"]


@pytest.mark.parametrize(
    ("issuer", "number", "source"), TEST_CARDS, ids=[n for _, n, _ in TEST_CARDS]
)
def test_when_an_issuers_published_test_number_is_sent_then_it_is_found_as_that_issuer(
    issuer, number, source
):
    text = f"my card is {number} thanks"
    assert cards(text) == [(11, 11 + len(number), issuer)], source
    assert redact(text) == "my card is [payment_card] thanks"


@pytest.mark.parametrize(
    ("issuer", "number", "source"), TEST_CARDS, ids=[n for _, n, _ in TEST_CARDS]
)
def test_when_a_published_test_number_has_a_wrong_digit_then_no_card_is_found(
    issuer, number, source
):
    assert cards(f"my card is {bad_luhn(number)} thanks") == []


# Every issuer range and length, beyond the published numbers: Luhn computed in builders.py.
@pytest.mark.parametrize(("issuer", "prefix", "length"), ISSUER_CASES)
def test_when_an_issuer_number_passes_luhn_then_it_is_found(issuer, prefix, length):
    number = card(prefix, length)
    text = f"my card is {number} thanks"
    found = cards(text)
    assert [(s, e) for s, e, _ in found] == [(11, 11 + length)]
    if issuer != "discover" or not prefix.startswith("622"):
        assert found[0][2] == issuer


@pytest.mark.parametrize(("issuer", "prefix", "length"), ISSUER_CASES)
def test_when_the_luhn_check_fails_then_no_card_is_found(issuer, prefix, length):
    assert cards(f"my card is {bad_luhn(card(prefix, length))} thanks") == []


@pytest.mark.parametrize(
    "written",
    [
        VISA,
        group(VISA, [4, 4, 4, 4], " "),
        group(VISA, [4, 4, 4, 4], "-"),
        group(VISA, [4, 4, 4, 4], "."),
        group(VISA, [4, 6, 6], " "),
        group(VISA, [2, 3, 5, 1, 5], " "),
        group(VISA, [4, 4, 4, 4], " - "),
        group(VISA, [4, 4, 4, 4], "\u00a0"),
        group(AMEX, [4, 6, 5], " "),
        group(AMEX, [4, 6, 5], "-"),
    ],
)
def test_when_a_card_has_separators_in_any_grouping_then_its_whole_span_is_found(written):
    text = f"Carte : {written}."
    assert [(s, e) for s, e, _ in cards(text)] == [(8, 8 + len(written))]
    assert redact(text) == "Carte : [payment_card]."


@pytest.mark.parametrize(
    "text",
    [
        "card 4111 1111 1111 1111 123",  # the CVV written after it
        "4111-1111-1111-1111 exp 12/27",
        "numbers: 06 12 34 56 78 and 4111 1111 1111 1111",
    ],
)
def test_when_a_card_sits_next_to_other_numbers_then_only_the_card_is_redacted(text):
    assert "[payment_card]" in redact(text)
    assert "4111" not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "call me on 06 12 34 56 78",
        "+33 6 12 34 56 78",
        "+44 7911 123456",
        "my appointment is on 12/03/2025 at 10:30",
        f"ref ABC{VISA}",  # glued to letters: a reference, not a card
        f"{VISA}XYZ",
        VISA + "1234",  # 20 digits: too long for any card
        card("9", 16),  # Luhn-valid but no issuer starts with 9
        card("1", 16),
        card("4", 15),  # Visa has no 15-digit cards
        card("34", 16),  # Amex is 15 digits
        "order 2024-000123-45",
        "ma carte vitale est dans mon sac",
    ],
)
def test_when_digits_are_not_a_card_then_nothing_is_found(text):
    assert cards(text) == []


def test_when_a_belgian_bancontact_card_is_sent_then_it_is_found_as_maestro():
    # blind set M: Bancontact cards (6703...) were not in the Maestro ranges
    found = check("Voilà ma carte Bancontact 6703 4391 3943 2329")
    assert [(f.kind, f.detail) for f in found] == [("payment_card", "maestro")]
