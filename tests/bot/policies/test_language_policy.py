"""The language policy sets the slot right after a message in another language, and only then."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.language_policy import LanguagePolicy

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, lang_en, lang_fr]
slots:
  language:
    type: categorical
    values: [en, fr]
    influence_conversation: false
    mappings: [{type: from_intent, intent: lang_fr, value: fr}]
responses:
  utter_greet: [{text: hi}]
"""
)


@pytest.fixture
def policy(tmp_path) -> LanguagePolicy:
    return LanguagePolicy.create(
        LanguagePolicy.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("language"),
        ExecutionContext(None),
    )


def tracker(detected: str | None, slot: str | None = None, intent: str = "greet", *after: str):
    events = [SlotSet("language", slot)] if slot else []
    message = UserUttered(
        "...", {"name": intent, "confidence": 1.0}, parse_data={"language": detected}
    )
    events += [ActionExecuted(ACTION_LISTEN_NAME), message, *map(ActionExecuted, after)]
    return DialogueStateTracker.from_events("someone", events, slots=DOMAIN.slots)


def test_when_a_message_is_in_another_language_then_the_slot_follows(policy):
    prediction = policy.predict_action_probabilities(tracker("fr", slot="en"), DOMAIN)

    assert prediction.events == [SlotSet("language", "fr")]
    assert max(prediction.probabilities) == 0  # it never chooses an action


@pytest.mark.parametrize(("detected", "slot"), [("fr", "fr"), (None, "fr"), ("de", "en")])
def test_when_the_language_is_unchanged_or_unclear_then_nothing_is_set(policy, detected, slot):
    assert policy.predict_action_probabilities(tracker(detected, slot), DOMAIN).events == []


def test_when_the_user_asks_for_a_language_then_the_intent_mapping_decides(policy):
    prediction = policy.predict_action_probabilities(tracker("fr", "en", "lang_en"), DOMAIN)

    assert prediction.events == []


def test_when_an_action_already_ran_after_the_message_then_nothing_is_set_again(policy):
    after_reply = tracker("fr", "en", "greet", "utter_greet")

    assert policy.predict_action_probabilities(after_reply, DOMAIN).events == []
