import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.emergency_second_line import EmergencySecondLine
from bot.nlu.guard_annotator import GuardAnnotator


def classify(text: str, ranking: list[tuple[str, float]]) -> Message:
    """A message as the pipeline leaves it: classifier ranking, then the guard annotator."""
    entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    message = Message(data={"text": text, "intent": entries[0], "intent_ranking": entries})
    GuardAnnotator().process([message])
    EmergencySecondLine({"threshold": 0.3}).process([message])
    return message


def kinds(message: Message) -> list[str]:
    return [f["kind"] for f in message.get("guard")["findings"]]


@pytest.mark.parametrize(
    "text",
    [
        "my toddler bumped his head, tiny bump, he's already laughing again",
        "j'ai failli m'étouffer en voyant le prix du parking, où sont les horaires ?",
    ],
)
def test_when_only_the_classifier_says_emergency_then_the_numbers_come_before_the_answer(text):
    message = classify(text, [("emergency", 0.9), ("book_appointment", 0.06)])

    assert message.get("intent")["name"] == "nlu_fallback"  # 0.06: the fallback asks
    assert kinds(message)[0] == "possible_emergency"
    assert "emergency" not in [r["name"] for r in message.get("intent_ranking")]


def test_when_the_classifier_hesitates_with_a_topic_then_that_topic_is_answered():
    message = classify(
        "my grandad gets breathless on the stairs", [("emergency", 0.6), ("book_appointment", 0.35)]
    )

    assert message.get("intent") == {"name": "book_appointment", "confidence": 0.35}
    assert kinds(message) == ["possible_emergency"]


@pytest.mark.parametrize(
    "text", ["my dad fell and he's breathing strangely, who do I call?", "/emergency"]
)
def test_when_the_rule_is_certain_or_a_button_says_so_then_the_emergency_stands(text):
    message = classify(text, [("emergency", 0.5), ("greet", 0.2)])

    assert message.get("intent")["name"] == "emergency"


def test_when_the_classifier_says_another_topic_then_nothing_changes():
    message = classify(
        "when are the bins collected?", [("municipal_waste", 0.9), ("emergency", 0.05)]
    )

    assert message.get("intent") == {"name": "municipal_waste", "confidence": 0.9}
    assert kinds(message) == []
