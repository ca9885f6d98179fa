"""Every name in `core.names` is declared in domain.yml, so a rename there breaks a test here."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from core import names

DOMAIN = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8")
)


def declared(section: str) -> set[str]:
    entries = DOMAIN.get(section) or []
    return set(entries) if isinstance(entries, dict) else {str(e) for e in entries}


@pytest.mark.parametrize("slot", [names.LANGUAGE_SLOT, names.ERASURE_REQUEST_SLOT])
def test_when_code_names_a_slot_then_the_domain_declares_it(slot):
    assert slot in declared("slots")


@pytest.mark.parametrize(
    "intent",
    [
        names.OPT_OUT_INTENT,
        names.OPT_IN_INTENT,
        names.SENSITIVE_NUMBER_INTENT,
        names.PRODUCT_SALE_INTENT,
        names.LOCATION_INTENT,
        names.EMERGENCY_INTENT,
        names.CONFIRM_OPT_OUT_INTENT,
        names.KEEP_DATA_INTENT,
        names.AFFIRM_INTENT,
        names.DENY_INTENT,
        *names.LANGUAGE_INTENTS,
    ],
)
def test_when_code_names_an_intent_then_the_domain_declares_it(intent):
    assert intent in declared("intents")


@pytest.mark.parametrize(
    "action",
    [
        names.OPT_OUT_ACTION,
        names.OPT_IN_ACTION,
        *(a for a in names.GUARD_ACTIONS.values() if not a.startswith("utter_")),
    ],
)
def test_when_code_names_an_action_then_the_domain_declares_it(action):
    assert action in declared("actions")


@pytest.mark.parametrize(
    "response",
    [
        names.GUARD_BLOCKED_RESPONSE,
        names.UNSUPPORTED_MEDIA_RESPONSE,
        names.EMERGENCY_RESPONSE,
        names.ASK_OPT_OUT_RESPONSE,
        names.OPT_OUT_KEPT_RESPONSE,
        names.PHARMACIST_REFERRAL_RESPONSE,
    ],
)
def test_when_code_names_a_response_then_the_domain_has_it_in_both_languages(response):
    variations = DOMAIN["responses"][response]
    conditions = [v.get("condition") for v in variations]
    assert None in conditions
    assert [{"type": "slot", "name": "language", "value": "fr"}] in conditions
