"""`scripts.train_guard_scores`: what it fits is what `guards.scores` reads."""

from __future__ import annotations

import json

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
