"""NLU component that replaces misspelt words by the known words they were meant to be.

It learns the vocabulary of the training examples (after `NormalisingTokenizer` has folded
them) and, for each user message, replaces every unknown token that is one or two typing
mistakes away from a known word by that word (`bot.nlu.typos`). It sits between the
tokenizer and the featurizers, so "i want to reschedual my apointment" reaches the word
features as "i want to reschedule my appointment". Only tokens change: the message text, read
by the guards, the language detector and the booking form, stays as the user wrote it.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.typos import SpellingIndex

VOCABULARY_FILE = "vocabulary.json"


def _words(training_data: TrainingData) -> list[str]:
    return [
        token.text
        for example in training_data.training_examples
        for token in example.get(TOKENS_NAMES[TEXT]) or []
    ]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True)
class SpellingCorrector(GraphComponent):
    """Corrects the tokens of user messages against the training vocabulary."""

    def __init__(
        self, index: SpellingIndex, model_storage: ModelStorage, resource: Resource
    ) -> None:
        self._index = index
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpellingCorrector:
        return cls(SpellingIndex({}), model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SpellingCorrector:
        try:
            with model_storage.read_from(resource) as directory:
                counts = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        except ValueError:  # no vocabulary persisted (untrained): correct nothing
            counts = {}
        return cls(SpellingIndex(counts), model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        self._index = SpellingIndex.from_words(_words(training_data))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(
                json.dumps(self._index.counts, sort_keys=True), encoding="utf-8"
            )
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training words are the vocabulary: nothing to correct."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            tokens = message.get(TOKENS_NAMES[TEXT])
            if tokens:
                message.set(TOKENS_NAMES[TEXT], [self._corrected(token) for token in tokens])
        return messages

    def _corrected(self, token: Token) -> Token:
        word = self._index.correct(token.text)
        if word == token.text:
            return token
        return Token(word, token.start, token.end, dict(token.data))
