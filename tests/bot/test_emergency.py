"""The emergency numbers: one file, shown in the user's language by every response that asks."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
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
  utter_emergency_reminder:
    - text: "In danger? Call {first_emergency_numbers}."
    - condition: [{type: slot, name: language, value: fr}]
      text: "En danger ? Appelez le {first_emergency_numbers}."
  utter_health_emergency:
    - text: "Numbers: {emergency_numbers}"
  utter_answer:
    - text: "Here is the answer."
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


def tracker_after(text: str, kinds: list[str], *events, language: str = "en"):
    findings = [{"kind": kind} for kind in kinds]
    message = UserUttered(text, parse_data={"guard": {"findings": findings}})
    return DialogueStateTracker.from_events(
        "someone", [SlotSet("language", language), message, *events]
    )


@pytest.mark.parametrize(
    "language, reminder",
    [("en", "In danger? Call 15 or 112."), ("fr", "En danger ? Appelez le 15 ou 112.")],
)
async def test_when_a_message_has_danger_words_then_the_first_answer_starts_with_the_numbers(
    language: str, reminder: str
):
    tracker = tracker_after("my son is bleeding", ["possible_emergency"], language=language)

    message = await GuardedNLG(domain=DOMAIN).generate("utter_answer", tracker, "rest")

    assert message is not None
    assert message["text"] == f"{reminder}\n\nHere is the answer."


@pytest.mark.parametrize(
    "kinds, events, response",
    [
        ([], [], "utter_answer"),  # no danger words
        (["possible_emergency"], [BotUttered("first answer")], "utter_answer"),  # said once
        (["possible_emergency"], [], "utter_health_emergency"),  # the numbers are there already
    ],
)
async def test_when_the_reminder_is_not_needed_then_the_answer_is_unchanged(
    kinds, events, response
):
    tracker = tracker_after("hello", kinds, *events)

    message = await GuardedNLG(domain=DOMAIN).generate(response, tracker, "rest")

    assert message is not None
    assert "In danger" not in message["text"]
