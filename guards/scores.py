"""The second line of the phrase kinds: a small linear model, for what no rule names.

Rules (`guards.phrases`) recognise the phrasings their authors thought of; on sets written by
people who never read them they miss 5 to 25% of what people type. A logistic regression per
kind, trained on the team's labelled sets (``scripts/train_guard_scores.py``), scores every
message on words, word pairs and word stems of its normalised tokens. Its weights are in
``data/scores.json``; inference is a few dict look-ups, pure Python.

A score above the kind's threshold is a finding that is never `certain`: the bot asks before
erasing on it (opt-out), refers to the pharmacist rather than refusing a sale (inbound
product_sale), and the output guard holds the message (outbound kinds). Its `detail` names the
score and the words that weighed most, so the finding can be explained.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

__all__ = ["Model", "features", "model", "scores"]

_PATH = Path(__file__).parent / "data" / "scores.json"
#: Words longer than this also count by their first `_STEM` letters ("unsubscri", "désabonn").
_STEM = 6
_NUMBER = "<num>"
#: One-character tokens that are words: the percent and dollar signs of a promotion.
_SYMBOLS = frozenset("%$")
#: Words remembered with their weights; a flood of new words empties nothing, it stops adding.
_MEMO_LIMIT = 50_000
_UNSEEN: tuple[float, ...] = ()


def features(tokens: list[str]) -> list[str]:
    """The features of a message's normalised tokens, once per occurrence: words (``w:``),
    adjacent word pairs within a sentence (``b:``) and stems of long words (``s:``); which
    tokens count is `_walk`'s."""
    out: list[str] = []
    for word, previous in _walk(tokens):
        if word is not _NUMBER:
            out.append("w:" + word)
            if len(word) > _STEM:
                out.append("s:" + word[:_STEM])
        if previous:
            out.append("b:" + previous + " " + word)
    return out


def _walk(tokens: list[str]) -> Iterator[tuple[str, str]]:
    """Each token that counts, with the word before it when the two make a pair ("" when not).

    A number counts only in a pair with a word ("<num> %"), and a lone letter not at all (it
    ends a pair): identifiers ("wamid.HBgL...", a hex id) are runs of digits and letters that
    must weigh nothing. The one definition of the features, for training and inference."""
    previous = ""
    for tok in tokens:
        word = _word(tok)
        if word is None:
            previous = ""
            continue
        paired = previous and (word is not _NUMBER or previous is not _NUMBER)
        yield word, previous if paired else ""
        previous = word


def _word(tok: str) -> str | None:
    """What a token counts as: itself, `_NUMBER`, or None (a sentence end, a lone letter)."""
    if tok[0].isdigit():
        return _NUMBER
    if len(tok) == 1 and tok not in _SYMBOLS:
        return None
    return tok


@dataclass(frozen=True)
class Model:
    """One direction's model: a weight per kind for each feature, a bias and a threshold per
    kind."""

    kinds: tuple[str, ...]
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    _words: dict[str, tuple[float, ...] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _pair_starts: frozenset[str] = field(default=frozenset(), init=False, repr=False)

    def __post_init__(self) -> None:
        pairs = (feat[2:] for feat in self.weights if feat.startswith("b:"))
        object.__setattr__(self, "_pair_starts", frozenset(p.split(" ", 1)[0] for p in pairs))

    def logits(self, tokens: list[str]) -> list[float]:
        """Each kind's log-odds for a message: the sum of the weights of its `features`, with
        each word's own and stem weights memoised."""
        rows: list[tuple[float, ...]] = []
        weights, words, pair_starts = self.weights, self._words, self._pair_starts
        for word, previous in _walk(tokens):
            if word is not _NUMBER:
                row = words.get(word, _UNSEEN)
                if row is _UNSEEN:
                    row = self._word_row(word)
                    if len(words) < _MEMO_LIMIT:
                        words[word] = row
                if row is not None:
                    rows.append(row)
            if previous in pair_starts:
                pair = weights.get("b:" + previous + " " + word)
                if pair is not None:
                    rows.append(pair)
        return [sum(column) for column in zip(self.bias, *rows, strict=False)]

    def _word_row(self, word: str) -> tuple[float, ...] | None:
        rows = [self.weights.get("w:" + word)]
        if len(word) > _STEM:
            rows.append(self.weights.get("s:" + word[:_STEM]))
        found = [row for row in rows if row is not None]
        if not found:
            return None
        return tuple(sum(column) for column in zip(*found, strict=True))

    def top(self, tokens: list[str], kind: int, count: int = 3) -> list[str]:
        """The `count` features that pushed kind number `kind` up most: the explanation."""
        weighed = {f: self.weights[f][kind] for f in features(tokens) if f in self.weights}
        return [f for f, w in sorted(weighed.items(), key=lambda fw: -fw[1])[:count] if w > 0]


def _sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


@cache
def model(direction: str) -> Model | None:
    """The model of `direction` (``"inbound"`` or ``"outbound"``), or None without weights."""
    if not _PATH.exists():
        return None
    data = json.loads(_PATH.read_text(encoding="utf-8"))[direction]
    kinds = tuple(data["kinds"])
    return Model(
        kinds=kinds,
        bias=tuple(data["bias"]),
        thresholds=tuple(data["thresholds"]),
        weights={feat: tuple(row) for feat, row in data["weights"].items()},
    )


def scores(tokens: list[str], direction: str) -> list[tuple[str, float, list[str]]]:
    """The kinds whose score passes their threshold: ``(kind, score, the three features that
    pushed it up most)``."""
    found = model(direction)
    if found is None:
        return []
    out = []
    for i, logit in enumerate(found.logits(tokens)):
        score = _sigmoid(logit)
        if score >= found.thresholds[i]:
            out.append((found.kinds[i], score, found.top(tokens, i)))
    return out
