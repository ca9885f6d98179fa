"""Texts read from the domain's responses pick the user's language, else English."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.responses import response_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def domain() -> dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def test_when_a_french_variation_exists_then_it_is_used_for_french(domain):
    assert response_text(domain, "utter_button_cancel_appointment", "fr") == "Annuler"
    assert response_text(domain, "utter_button_cancel_appointment", "en") == "Cancel"


def test_when_a_language_has_no_variation_then_the_unconditioned_one_is_used(domain):
    assert response_text(domain, "utter_button_reschedule_appointment", "de") == "Move"


def test_when_the_response_is_missing_then_the_error_names_it():
    with pytest.raises(KeyError, match="utter_nowhere"):
        response_text({"responses": {}}, "utter_nowhere", "en")
