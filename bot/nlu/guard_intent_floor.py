"""NLU component that asks before a guard action the classifier is only half sure of.

A guard intent set by `GuardAnnotator` (the guards found an opt-out request, a card number,
a product sale) has confidence 1.0 and is never touched here. The same intents predicted by
the classifier alone are guesses: "I don't need the blood test anymore, remove it" once scored
0.58 for `opt_out`, and `opt_out` erases the whole conversation and cancels every
appointment. Below `threshold` such a guess becomes `nlu_fallback`, so the two-stage fallback
offers the likeliest topics instead of acting (guard intents are never among the buttons;
"STOP" and the privacy answer's button still opt out at once). It runs after the
FallbackClassifier, whose threshold can then stay low for ordinary topics.

`opt_out` is no longer floored: since a classifier-only opt-out only asks ("Stop messages and
delete your data?" with buttons) and never erases, a low guess costs one tap, while flooring
it hid opt-outs the guards missed. Measured with `make eval-guards-bot` (eval/guards/README.md,
"The floor and opt_out"): on tuning-d with the round-3 guards (phrasing they had not seen), 2 of
9 missed opt-outs are asked for; on all four sets with the round-4 guards, 4 more of 1,892
messages get a needless question, none is erased.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

FALLBACK_INTENT = "nlu_fallback"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class GuardIntentFloor(GraphComponent):
    """Turns a classifier-only guard intent below `threshold` into `nlu_fallback`."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "threshold": 0.7,
            "intents": ["buy_product", "share_sensitive_number"],
        }

    def __init__(self, config: dict[str, Any]) -> None:
        self._threshold = float(config["threshold"])
        self._intents = frozenset(config["intents"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GuardIntentFloor:
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
            if name in self._intents and confidence < self._threshold:
                fallback = {"name": FALLBACK_INTENT, "confidence": self._threshold}
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name")]
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
        return messages
