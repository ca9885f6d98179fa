"""`scripts.train_guard_scores`: what it fits is what `guards.scores` reads."""

from __future__ import annotations

import json

import pytest

from guards.phrases import normaliser
from guards.scores import Model, features
from scripts import train_guard_scores as trainer


def tokens(text: str) -> list[str]:
    return normaliser().tokens(text)[0]


def test_when_a_kind_is_fitted_then_its_words_push_the_score_up():
    positives = ["quit texting me", "no more texts", "quit sending texts", "enough texts now"]
    negatives = ["book a flu jab", "what time do you open", "is the clinic open", "hello"]
    rows = [features(tokens(t)) for t in positives + negatives]
    bias, weights = trainer.fit(rows, [1] * 4 + [0] * 4)
    assert weights["w:texts"] > 0 > weights.get("w:clinic", 0) - 1
    model = Model(("opt_out",), (bias,), (0.5,), {f: (w,) for f, w in weights.items()})
    assert model.logits(tokens("no more texts please"))[0] > model.logits(tokens("hello"))[0]


def test_when_thresholds_are_chosen_then_the_lowest_one_that_keeps_the_precision_wins():
    scores = [0.95, 0.9, 0.8, 0.75, 0.72, 0.1]
    truth = [True, True, True, False, False, False]
    assert trainer.choose_threshold(scores, truth) == 0.775


def test_the_committed_weights_have_every_kind_and_a_threshold_above_the_floor():
    data = json.loads(trainer.OUT.read_text(encoding="utf-8"))
    for direction, kinds in trainer.KINDS.items():
        assert data[direction]["kinds"] == list(kinds)
        thresholds = data[direction]["thresholds"]
        assert all(trainer.MIN_THRESHOLD <= t <= 0.95 for t in thresholds)
        assert all(len(row) == len(kinds) for row in data[direction]["weights"].values())


def test_when_no_threshold_keeps_the_precision_then_training_fails_loudly():
    scores = [0.99, 0.98, 0.97, 0.96]
    truth = [False, False, False, True]
    with pytest.raises(ValueError, match="no threshold"):
        trainer.choose_threshold(scores, truth)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.02


def test_the_committed_weights_are_those_the_current_data_gives():
    """scores.json follows the tuning sets, the NLU data, the domain and the spellings: a
    change to any of them without `python -m scripts.train_guard_scores` fails here. Compared
    with a tolerance, so that a float rounding on another CPU does not."""
    committed = json.loads(trainer.OUT.read_text(encoding="utf-8"))
    fitted = trainer.build()
    for direction, model in fitted.items():
        saved = committed[direction]
        assert saved["kinds"] == model["kinds"]
        assert saved["thresholds"] == model["thresholds"], "stale: retrain guards/data/scores.json"
        assert all(_close(a, b) for a, b in zip(saved["bias"], model["bias"], strict=True))
        zero = [0.0] * len(model["kinds"])
        for feature in set(saved["weights"]) | set(model["weights"]):
            old, new = saved["weights"].get(feature, zero), model["weights"].get(feature, zero)
            assert all(_close(a, b) for a, b in zip(old, new, strict=True)), (
                f"stale weight {feature}: retrain guards/data/scores.json"
            )
