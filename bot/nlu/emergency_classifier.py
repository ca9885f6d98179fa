"""NLU component: a classifier trained for one question alone, "is this an emergency?", puts
the numbers before the answer when the rule found nothing.

The emergency rule (`guards.detect_emergency`) learns phrasings one by one: on each new blind
set it found 79% to 90% of the emergencies (`eval/README.md`). This classifier reads word and
character n-grams (typos, SMS spellings and missing accents share most of their character
n-grams with the words they stand for) and is trained on the `emergency` examples of the NLU
data against every other example, plus the labelled messages of the frozen emergency sets the
rule was tuned on (their hard negatives teach it "emergency contraception" and "this queue is
killing me"). Its verdict is a guess, so it only ever adds a `possible_emergency` finding: the
numbers come first, in one line, and the question is still answered (`bot.nlg`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import guards
from bot.nlu.guard_annotator import GUARD_KEY
from core.names import EMERGENCY_INTENT

MODEL_FILE = "emergency_classifier.joblib"
_FINDINGS_THAT_ALREADY_WARN = {guards.EMERGENCY_KIND, guards.POSSIBLE_EMERGENCY_KIND}


def _labelled_sets(paths: list[str]) -> list[tuple[str, bool]]:
    """(text, is an emergency) from JSON-lines files with `text` and `expected` fields."""
    examples = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                examples.append((str(row["text"]), row["expected"] == "emergency"))
    return examples


def _nlu_examples(training_data: TrainingData) -> list[tuple[str, bool]]:
    return [
        (example.get(TEXT), example.get(INTENT) == EMERGENCY_INTENT)
        for example in training_data.intent_examples
        if example.get(TEXT)
    ]


def _new_model() -> Any:
    """Word 1-2-grams and character 2-5-grams, accents stripped, into a logistic regression
    weighted so that the rarer emergencies count as much as everything else."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    common = {"strip_accents": "unicode", "lowercase": True, "sublinear_tf": True}
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, **common),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), **common),
    )
    classifier = LogisticRegression(C=10, max_iter=2000, class_weight="balanced")
    return make_pipeline(features, classifier)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class EmergencyClassifier(GraphComponent):
    """Adds a `possible_emergency` finding when its probability reaches the threshold."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # 0.5: on the blind sets H and K, with the rule, every emergency but one got the
        # numbers first, and 1.4% of the everyday messages of eval/nlu/blind-c a reminder.
        return {"threshold": 0.5, "labelled_sets": []}

    def __init__(
        self,
        config: dict[str, Any],
        model: Any,
        model_storage: ModelStorage,
        resource: Resource,
    ) -> None:
        self._threshold = float(config["threshold"])
        self._labelled_sets = list(config["labelled_sets"])
        self._model = model
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EmergencyClassifier:
        return cls({**cls.get_default_config(), **config}, None, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> EmergencyClassifier:
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except ValueError:  # nothing persisted (no training data): the rule alone decides
            model = None
        return cls({**cls.get_default_config(), **config}, model, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = _nlu_examples(training_data) + _labelled_sets(self._labelled_sets)
        labels = {is_emergency for _, is_emergency in examples}
        if labels != {True, False}:  # nothing to tell apart: persist nothing
            return self._resource
        self._model = _new_model().fit(
            [text for text, _ in examples], [is_emergency for _, is_emergency in examples]
        )
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self._model, directory / MODEL_FILE)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self._is_possible_emergency(message):
                _add_possible_emergency(message)
        return messages

    def probability(self, text: str) -> float:
        """How likely the classifier finds it that `text` describes an emergency now."""
        if self._model is None:
            return 0.0
        return float(self._model.predict_proba([text])[0][1])

    def _is_possible_emergency(self, message: Message) -> bool:
        text = message.get(TEXT) or ""
        if not text.strip() or text.startswith("/"):  # a button payload says what it means
            return False
        findings = (message.get(GUARD_KEY) or {}).get("findings") or []
        if any(f.get("kind") in _FINDINGS_THAT_ALREADY_WARN for f in findings):
            return False
        return self.probability(text) >= self._threshold


def _add_possible_emergency(message: Message) -> None:
    guard = dict(message.get(GUARD_KEY) or {})
    finding = guards.Finding(guards.POSSIBLE_EMERGENCY_KIND).to_dict()
    message.set(
        GUARD_KEY,
        {**guard, "findings": [finding, *(guard.get("findings") or [])]},
        add_to_output=True,
    )
