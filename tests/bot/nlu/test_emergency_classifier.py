"""The emergency classifier on real Rasa messages and model storage: trained on NLU examples
and a labelled set, reloaded, and adding only a reminder (`possible_emergency`)."""

import json
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import guards
from bot.nlu.emergency_classifier import EmergencyClassifier
from bot.nlu.guard_annotator import GUARD_KEY

CONTEXT = ExecutionContext(graph_schema=None, model_id="test")  # type: ignore[arg-type]

EMERGENCIES = [
    "my husband collapsed and is not breathing",
    "mon pere est tombe il respire mal",
    "my baby is blue and not breathing",
    "elle respire plus aidez moi",
    "he collapsed on the floor and won't wake up",
    "ma femme s'est effondree elle ne se reveille pas",
]
EVERYDAY = [
    "book a blood test tomorrow",
    "je voudrais un rendez-vous",
    "what are the opening hours of the town hall",
    "annuler mon rendez-vous",
    "how do I apply for housing benefit",
    "quels papiers pour la carte d'identite",
]


def labelled_set(tmp_path: Path) -> Path:
    """A frozen set's format: the hard negative teaches that a breathing course is no emergency."""
    rows = [
        {"text": "my dad collapsed in the garden and isn't breathing", "expected": "emergency"},
        {"text": "I'd like to book a first aid course about breathing", "expected": "none"},
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def trained(tmp_path: Path) -> EmergencyClassifier:
    (tmp_path / "model").mkdir()
    storage = LocalModelStorage(tmp_path / "model")
    resource = Resource("emergency_classifier")
    config = {"labelled_sets": [str(labelled_set(tmp_path))]}
    examples = [Message(data={"text": t, "intent": "emergency"}) for t in EMERGENCIES]
    examples += [Message(data={"text": t, "intent": "other"}) for t in EVERYDAY]
    EmergencyClassifier.create(config, storage, resource, CONTEXT).train(TrainingData(examples))
    return EmergencyClassifier.load(config, storage, resource, CONTEXT)


def findings(message: Message) -> list[dict]:
    return (message.get(GUARD_KEY) or {}).get("findings") or []


def test_a_reloaded_classifier_puts_a_reminder_on_an_emergency_it_was_not_shown(trained):
    message = Message(
        data={"text": "my mum collapsed, she is not breathing", "intent": {"name": "greet"}}
    )
    trained.process([message])

    assert [f["kind"] for f in findings(message)] == [guards.POSSIBLE_EMERGENCY_KIND]
    assert message.get("intent") == {"name": "greet"}  # the question is still answered


def test_everyday_messages_and_button_payloads_get_no_finding(trained):
    everyday = Message(data={"text": "I want to book a vaccination"})
    payload = Message(data={"text": '/inform{"service": "not breathing"}'})
    trained.process([everyday, payload])

    assert findings(everyday) == [] and findings(payload) == []
    assert trained.probability("I want to book a vaccination") < 0.5


def test_a_message_the_rule_already_warns_about_gets_no_second_finding(trained):
    rule = {"kind": guards.EMERGENCY_KIND, "detail": "breathing"}
    message = Message(data={"text": "my husband is not breathing", GUARD_KEY: {"findings": [rule]}})
    trained.process([message])

    assert findings(message) == [rule]


def test_other_findings_are_kept_after_the_reminder(trained):
    card = {"kind": "payment_card", "start": 0, "end": 4}
    message = Message(
        data={"text": "my wife collapsed, she is not breathing", GUARD_KEY: {"findings": [card]}}
    )
    trained.process([message])

    assert [f["kind"] for f in findings(message)] == [
        guards.POSSIBLE_EMERGENCY_KIND,
        "payment_card",
    ]


def test_with_nothing_to_tell_apart_nothing_is_persisted_and_the_rule_decides_alone(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("emergency_classifier")
    only_one_label = TrainingData([Message(data={"text": "hello", "intent": "greet"})])
    EmergencyClassifier.create({}, storage, resource, CONTEXT).train(only_one_label)

    loaded = EmergencyClassifier.load({}, storage, resource, CONTEXT)
    message = Message(data={"text": "my husband is not breathing"})
    loaded.process([message])

    assert findings(message) == [] and loaded.probability("anything") == 0.0


def test_a_missing_labelled_set_is_an_error_naming_it(tmp_path):
    storage = LocalModelStorage(tmp_path)
    config = {"labelled_sets": [str(tmp_path / "nowhere.jsonl")]}
    component = EmergencyClassifier.create(config, storage, Resource("e"), CONTEXT)

    with pytest.raises(FileNotFoundError, match="nowhere.jsonl"):
        component.train(TrainingData([Message(data={"text": "hi", "intent": "greet"})]))
