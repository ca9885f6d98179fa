"""The emergency numbers: one file, shown in the user's language by every response that asks."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.emergency import EmergencyNumbersError, format_emergency_numbers, load_emergency_numbers
from bot.nlg import GuardedNLG

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  language: {type: categorical, values: [en, fr], mappings: [{type: custom}]}
responses:
  utter_emergency:
    - text: "Call now:\\n{emergency_numbers}"
    - condition: [{type: slot, name: language, value: fr}]
      text: "Appelez :\\n{emergency_numbers}"
"""
)


def test_when_the_project_file_is_read_then_samu_comes_first_in_both_languages():
    assert format_emergency_numbers("en").splitlines()[0] == "15: SAMU, medical emergencies"
    assert format_emergency_numbers("fr").splitlines()[0] == "15: SAMU, urgences médicales"
    assert "3114: " in format_emergency_numbers("fr")


def test_when_a_language_has_no_label_then_english_is_used(tmp_path: Path):
    path = tmp_path / "numbers.yml"
    path.write_text('emergency_numbers:\n  - {number: "999", en: "ambulance"}\n')

    assert format_emergency_numbers("fr", path) == "999: ambulance"


@pytest.mark.parametrize(
    "content",
    ["", "emergency_numbers: []", "emergency_numbers:\n  - {en: ambulance}", "x: [", "[1, 2]"],
)
def test_when_the_file_is_malformed_then_it_says_so(tmp_path: Path, content: str):
    path = tmp_path / "numbers.yml"
    path.write_text(content)

    with pytest.raises(EmergencyNumbersError, match="numbers"):
        load_emergency_numbers(path)


def test_when_the_file_is_missing_then_it_says_so(tmp_path: Path):
    with pytest.raises(EmergencyNumbersError, match="cannot read"):
        load_emergency_numbers(tmp_path / "absent.yml")


@pytest.mark.parametrize("language, first", [("en", "Call now:"), ("fr", "Appelez :")])
async def test_when_a_response_shows_the_numbers_then_the_nlg_fills_them_in_its_language(
    language: str, first: str
):
    tracker = DialogueStateTracker.from_events("someone", [SlotSet("language", language)])

    message = await GuardedNLG(domain=DOMAIN).generate("utter_emergency", tracker, "rest")

    assert message is not None
    assert message["text"] == f"{first}\n{format_emergency_numbers(language)}"
