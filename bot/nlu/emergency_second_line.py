"""NLU component: the classifier's `emergency` guess puts the numbers before the answer, not
in its place.

The emergency rule (`guards.detect_emergency`, run by `GuardAnnotator`) is the first line: a
certain emergency gets the numbers instead of the answer. The classifier's `emergency` intent is
a second line for phrasings the rule has not learnt yet, but on its own it is a guess, and it
ignores what the rule reads as past, recovered, fiction or a question of knowledge: on the hard
negatives of `eval/emergency/` it called 29 to 40 of 778 messages emergencies ("my toddler
bumped his head, tiny bump, he's already laughing", "j'ai failli m'étouffer en voyant le prix
du parking"), each of which then lost its answer. So when the rule found no emergency, the
classifier's `emergency` becomes a `possible_emergency` finding (`bot.nlg` puts a one-line
reminder of the numbers before the first answer) and the message takes its next likeliest
intent, so the question is still answered. A button payload (`/emergency`) is left alone.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import guards
from bot.nlu.guard_annotator import GUARD_KEY
from core.names import EMERGENCY_INTENT

FALLBACK_INTENT = "nlu_fallback"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmergencySecondLine(GraphComponent):
    """Turns a classifier-only `emergency` into a reminder of the numbers plus the next intent."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Below this the next likeliest intent is not an answer: the two-stage fallback asks.
        return {"threshold": 0.3}

    def __init__(self, config: dict[str, Any]) -> None:
        self._threshold = float(config["threshold"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EmergencySecondLine:
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if _classifier_only_emergency(message):
                self._demote(message)
        return messages

    def _demote(self, message: Message) -> None:
        guard = dict(message.get(GUARD_KEY) or {})
        findings = list(guard.get("findings") or [])
        if not any(f.get("kind") == guards.POSSIBLE_EMERGENCY_KIND for f in findings):
            findings.insert(0, guards.Finding(guards.POSSIBLE_EMERGENCY_KIND).to_dict())
        message.set(GUARD_KEY, {**guard, "findings": findings}, add_to_output=True)
        ranking = [
            entry
            for entry in message.get(INTENT_RANKING_KEY) or []
            if entry.get("name") not in (EMERGENCY_INTENT, FALLBACK_INTENT)
        ]
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        best = ranking[0] if ranking else None
        if best is None or float(best.get("confidence") or 0.0) < self._threshold:
            best = {"name": FALLBACK_INTENT, "confidence": self._threshold}
        message.set(INTENT, dict(best), add_to_output=True)


def _classifier_only_emergency(message: Message) -> bool:
    """`emergency` predicted by the classifier, without the rule's finding or a payload."""
    if (message.get(INTENT) or {}).get("name") != EMERGENCY_INTENT:
        return False
    if (message.get(TEXT) or "").startswith("/"):
        return False
    findings = (message.get(GUARD_KEY) or {}).get("findings") or []
    return not any(f.get("kind") == guards.EMERGENCY_KIND for f in findings)
