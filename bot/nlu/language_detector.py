"""NLU component that writes the language of each user message into its parse data.

The detected language ends up in `tracker.latest_message.parse_data["language"]`, where
`bot.policies.language_policy` reads it to set the `language` slot, in the Rasa process. It
adds no features and no entities, so it changes neither intent classification nor entity
evaluation (nor the entity checks of `rasa test` stories).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from core.language import detect_language
from core.names import LANGUAGE_PARSE_KEY

LANGUAGE_KEY = LANGUAGE_PARSE_KEY


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class LanguageDetector(GraphComponent):
    """Annotates every message with `language`: "en", "fr", or None when unclear."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            message.set(LANGUAGE_KEY, detect_language(text), add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training examples need no language: the classifier is bilingual."""
        return training_data
