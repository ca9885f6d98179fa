"""Train the guards' second line (`guards.scores`) and write ``guards/data/scores.json``.

`python -m scripts.train_guard_scores` (needs scikit-learn, which Rasa installs; the guards
library only reads the weights). The weights are committed: `guards/` stays pure Python.

Training data, all the team's own:
- the tuning sets ``eval/guards/tuning-*.jsonl`` (blind sets that rules were since tuned on),
- the NLU examples of ``data/nlu/`` as inbound messages (``opt_out`` and ``buy_product``
  examples are positives, the others negatives),
- every text of ``domain.yml``'s responses as outbound negatives (what the bot says),
- ``guards/data/scores_examples.jsonl``: our own sentences near the kinds that mean something
  else ("send you a reminder", "stop my blood thinner", "update the number in the app").

A logistic regression per kind on `guards.scores.features`. Each kind's threshold is chosen
by leaving one tuning set out at a time: the lowest threshold at which the rules and the model
together keep a precision of at least `PRECISION_GOAL` on the sets left out. The figures of that
cross-validation are printed; the blind sets (``blind-*.jsonl``) are never read here.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from guards import texts_of
from guards.phrases import normaliser
from guards.scores import features

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "guards" / "data" / "scores.json"
KINDS = {
    "inbound": ("opt_out", "product_sale"),
    "outbound": ("sensitive_request", "promotion", "product_sale"),
}
NLU_KINDS = {"opt_out": "opt_out", "buy_product": "product_sale"}
PRECISION_GOAL = 0.97
#: The model's own floor: below it, a score is no evidence whatever the cross-validation says.
MIN_THRESHOLD = 0.7
C = 1.0
#: Smaller weights are dropped: they change no decision and would triple the file.
MIN_WEIGHT = 0.05
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Example:
    text: str
    direction: str
    kinds: frozenset[str]
    group: str


def tuning_sets() -> Iterator[Example]:
    for path in sorted((ROOT / "eval" / "guards").glob("tuning-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                yield Example(row["text"], row["direction"], frozenset(row["expected"]), path.stem)


def nlu_examples() -> Iterator[Example]:
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if "intent" not in block:
                continue
            kind = NLU_KINDS.get(block["intent"])
            for line in str(block.get("examples") or "").splitlines():
                text = _ANNOTATION.sub(r"\1", line.strip().removeprefix("- ").strip())
                if text:
                    yield Example(text, "inbound", frozenset({kind} if kind else ()), "team")


def domain_texts() -> Iterator[Example]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for variants in (domain.get("responses") or {}).values():
        for text in texts_of(variants):
            if text.strip() and not text.startswith("/"):
                yield Example(text, "outbound", frozenset(), "team")


def own_examples() -> Iterator[Example]:
    path = ROOT / "guards" / "data" / "scores_examples.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            yield Example(row["text"], row["direction"], frozenset(row["expected"]), "team")


def examples() -> list[Example]:
    return [*tuning_sets(), *nlu_examples(), *domain_texts(), *own_examples()]


def fit(rows: list[list[str]], labels: list[int]) -> tuple[float, dict[str, float]]:
    """A logistic regression on feature counts: its bias and its weight per feature."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform([Counter(row) for row in rows])
    if len(set(labels)) < 2:
        return -10.0, {}
    regression = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    regression.fit(matrix, labels)
    names = vectoriser.get_feature_names_out()
    weights = {
        str(n): float(w)
        for n, w in zip(names, regression.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    return float(regression.intercept_[0]), weights


def probability(bias: float, weights: dict[str, float], feats: list[str]) -> float:
    total = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(total, -30.0)))


def choose_threshold(score: list[float], truth: list[bool]) -> float:
    """The lowest threshold at which the model alone keeps `PRECISION_GOAL` on the sets it
    did not see (the rules were tuned on every tuning set: together they would say nothing).

    Raises:
        ValueError: no threshold up to 0.95 keeps the precision: a model that bad must not
            ship with a made-up threshold (the data or the features need looking at).
    """
    for threshold in [MIN_THRESHOLD + i * 0.025 for i in range(11)]:
        said = [s >= threshold for s in score]
        tp = sum(s and t for s, t in zip(said, truth, strict=True))
        fp = sum(s and not t for s, t in zip(said, truth, strict=True))
        if tp and tp / (tp + fp) >= PRECISION_GOAL:
            return round(threshold, 3)
    raise ValueError(f"no threshold from {MIN_THRESHOLD} to 0.95 keeps {PRECISION_GOAL:.0%}")


def report(name: str, said: list[bool], truth: list[bool]) -> str:
    def figures(pred: list[bool]) -> str:
        tp = sum(p and t for p, t in zip(pred, truth, strict=True))
        fp = sum(p and not t for p, t in zip(pred, truth, strict=True))
        positives = sum(truth)
        recall = tp / positives if positives else 1.0
        precision = tp / (tp + fp) if tp + fp else 1.0
        return f"{100 * recall:5.1f} / {100 * precision:5.1f}"

    return f"  {name}: recall / precision {figures(said)} ({sum(truth)} positives)"


def train(direction: str, data: list[Example]) -> dict[str, object]:
    rows = [e for e in data if e.direction == direction]
    feats = [features(normaliser().tokens(e.text)[0]) for e in rows]
    groups = sorted({e.group for e in rows if e.group != "team"})
    kinds = KINDS[direction]
    biases, thresholds, columns = [], [], []
    for kind in kinds:
        truth = [kind in e.kinds for e in rows]
        labels = [int(t) for t in truth]
        out_of_fold = [0.0] * len(rows)
        for held_out in groups:
            train_idx = [i for i, e in enumerate(rows) if e.group != held_out]
            bias, weights = fit([feats[i] for i in train_idx], [labels[i] for i in train_idx])
            for i, e in enumerate(rows):
                if e.group == held_out:
                    out_of_fold[i] = probability(bias, weights, feats[i])
        held = [i for i, e in enumerate(rows) if e.group != "team"]
        score = [out_of_fold[i] for i in held]
        truth_held = [truth[i] for i in held]
        threshold = choose_threshold(score, truth_held)
        alone = [s >= threshold for s in score]
        print(f"{direction} {kind}: threshold {threshold} (leave one tuning set out)")
        print(report("model alone, out of fold", alone, truth_held))
        bias, weights = fit(feats, labels)
        biases.append(round(bias, 4))
        thresholds.append(threshold)
        columns.append(weights)
    vocabulary = sorted(set().union(*columns))
    return {
        "kinds": list(kinds),
        "bias": biases,
        "thresholds": thresholds,
        "weights": {f: [round(col.get(f, 0.0), 4) for col in columns] for f in vocabulary},
    }


def build() -> dict[str, dict[str, object]]:
    """The model of every direction, fitted on today's data."""
    data = examples()
    print(f"{len(data)} examples")
    return {direction: train(direction, data) for direction in KINDS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    model = build()
    args.out.write_text(
        json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out.relative_to(ROOT)} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
