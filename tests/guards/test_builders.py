"""The test builders follow the published check rules: each reproduces published numbers."""

from __future__ import annotations

import pytest

from tests.guards import builders, published


@pytest.mark.parametrize("number", [n for _, n, _ in published.TEST_CARDS])
def test_when_luhn_is_computed_here_then_it_matches_the_issuers_test_numbers(number):
    assert builders.luhn_check_digit(number[:-1]) == number[-1]


@pytest.mark.parametrize("number", published.IBAN_REGISTRY_EXAMPLES)
def test_when_iban_check_digits_are_computed_here_then_they_match_the_registry(number):
    assert builders.iban(number[:2], number[4:]) == number


@pytest.mark.parametrize(
    ("built", "example"),
    [
        (builders.fr_nir(published.FR_NIR[:13]), published.FR_NIR),
        (builders.fr_nir(published.FR_NIR_WIKIPEDIA[:13]), published.FR_NIR_WIKIPEDIA),
        (builders.be_nn(published.BE_NN[:9]), published.BE_NN),
        (builders.nl_bsn(published.NL_BSN[:8]), published.NL_BSN),
        (builders.es_dni(published.ES_DNI[:8]), published.ES_DNI),
        (builders.es_nie("X", published.ES_NIE[1:8]), published.ES_NIE),
        (builders.it_cf(published.IT_CODICE_FISCALE[:15]), published.IT_CODICE_FISCALE),
    ],
    ids=["nir", "nir-wikipedia", "be-nn", "bsn", "dni", "nie", "codice-fiscale"],
)
def test_when_an_id_check_is_computed_here_then_it_matches_the_published_example(built, example):
    assert built == example
