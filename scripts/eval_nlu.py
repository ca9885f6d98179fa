"""`make eval-nlu`: intent accuracy of the trained model on the blind sets in eval/nlu/.

Each `eval/nlu/*.jsonl` line is one user message written by someone who never read the
training data: `{"id", "lang", "text", "expected", "style"}`. The model is loaded NLU-only
(no action server, no tracker store) and every message is parsed as the bot would parse it,
guards included. For each file the report gives what a change must be judged by, in the
manner of presidio-research: the figures against the goals of issue 16, then the confusions
and the actual errors with their text, so that a change shows what it fixes and what it breaks.

- intent accuracy: the predicted intent equals the expected one; a retrieval intent
  (`faq/privacy`) counts as its base intent (`faq`), `emergency` as `health_emergency`
  (both give the emergency numbers);
- fallback rate: among messages the bot can answer (every topic but `out_of_scope`), the
  share it would meet with "I didn't understand" (`nlu_fallback`: the FallbackClassifier's
  threshold or ambiguity rule fired);
- accuracy per topic, per language and per writing style; the worst-confused pairs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.processes import MODEL, ROOT

EVAL_DIR = ROOT / "eval" / "nlu"
FALLBACK_INTENT = "nlu_fallback"
UNANSWERABLE = frozenset({"out_of_scope"})

ACCURACY_GOAL = 0.95
FALLBACK_GOAL = 0.03
TOPIC_GOAL = 0.90
LANGUAGE_GAP_GOAL = 0.03

REQUIRED_FIELDS = ("id", "lang", "text", "expected")


@dataclass(frozen=True)
class Example:
    """One message of a blind set and the topic its writer meant."""

    id: str
    lang: str
    text: str
    expected: str
    style: str


@dataclass(frozen=True)
class Prediction:
    """What the model made of one example."""

    example: Example
    intent: str
    confidence: float
    #: The likeliest real intents (no `nlu_fallback`), best first: what a fallback offers.
    alternatives: tuple[tuple[str, float], ...] = ()

    @property
    def correct(self) -> bool:
        return self.intent == self.example.expected

    @property
    def fallback(self) -> bool:
        return self.intent == FALLBACK_INTENT

    @property
    def recovered(self) -> bool:
        """A fallback whose suggested topics (the likeliest three) include the right one."""
        return self.fallback and self.example.expected in {n for n, _ in self.alternatives[:3]}


# Intents the bot answers alike, counted as one: `emergency` (one happening now) and
# `health_emergency` (asking for help or the numbers) both give the emergency numbers, the
# first in place of any other answer. A set's writer sees one topic, "emergency help".
SAME_ANSWER = {"emergency": "health_emergency"}


def base_intent(name: str) -> str:
    """`faq/privacy` -> `faq`: the bot answers every FAQ through the one `faq` rule; and
    `emergency` -> `health_emergency` (`SAME_ANSWER`)."""
    base = name.split("/", 1)[0]
    return SAME_ANSWER.get(base, base)


def load_examples(path: Path) -> list[Example]:
    """The examples of one JSONL file; a malformed line is an error that names it."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            missing = [field for field in REQUIRED_FIELDS if not row.get(field)]
        except (json.JSONDecodeError, AttributeError) as error:
            raise ValueError(f"{path}:{number}: not a JSON object ({error})") from error
        if missing:
            raise ValueError(f"{path}:{number}: missing {', '.join(missing)}")
        examples.append(
            Example(
                id=str(row["id"]),
                lang=str(row["lang"]),
                text=str(row["text"]),
                expected=base_intent(str(row["expected"])),
                style=str(row.get("style") or "plain"),
            )
        )
    return examples


def prediction_from_parse(example: Example, parse: dict[str, Any]) -> Prediction:
    """Reads the intent the bot acts on from Rasa's parse data."""
    intent = parse.get("intent") or {}
    alternatives = tuple(
        (base_intent(str(row["name"])), float(row.get("confidence") or 0.0))
        for row in parse.get("intent_ranking") or []
        if row.get("name") != FALLBACK_INTENT
    )
    return Prediction(
        example=example,
        intent=base_intent(str(intent.get("name") or FALLBACK_INTENT)),
        confidence=float(intent.get("confidence") or 0.0),
        alternatives=alternatives,
    )


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def accuracy(predictions: Sequence[Prediction]) -> float:
    return _share(sum(p.correct for p in predictions), len(predictions))


def answerable(predictions: Iterable[Prediction]) -> list[Prediction]:
    """Messages whose expected topic gets a real answer (not the out-of-scope refusal)."""
    return [p for p in predictions if p.example.expected not in UNANSWERABLE]


def fallback_rate(predictions: Sequence[Prediction]) -> float:
    pool = answerable(predictions)
    return _share(sum(p.fallback for p in pool), len(pool))


def accuracy_by(predictions: Iterable[Prediction], key: str) -> dict[str, tuple[float, int]]:
    """Accuracy and count per value of an example field (expected, lang, style)."""
    groups: dict[str, list[Prediction]] = defaultdict(list)
    for prediction in predictions:
        groups[getattr(prediction.example, key)].append(prediction)
    return {name: (accuracy(group), len(group)) for name, group in sorted(groups.items())}


def confusions(predictions: Iterable[Prediction]) -> list[tuple[str, str, int]]:
    """(expected, predicted, count) of the errors, most frequent first."""
    counts = Counter((p.example.expected, p.intent) for p in predictions if not p.correct)
    return [(e, p, n) for (e, p), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def goal_failures(predictions: Sequence[Prediction]) -> list[str]:
    """The goals of issue 16 that these predictions miss, in words."""
    failures = []
    if (value := accuracy(predictions)) < ACCURACY_GOAL:
        failures.append(f"intent accuracy {value:.3f} < {ACCURACY_GOAL}")
    if (value := fallback_rate(predictions)) > FALLBACK_GOAL:
        failures.append(f"fallback rate {value:.1%} > {FALLBACK_GOAL:.0%}")
    for topic, (value, _) in accuracy_by(predictions, "expected").items():
        if value < TOPIC_GOAL:
            failures.append(f"topic {topic} {value:.2f} < {TOPIC_GOAL}")
    languages = [value for value, _ in accuracy_by(predictions, "lang").values()]
    if len(languages) > 1 and max(languages) - min(languages) > LANGUAGE_GAP_GOAL:
        gap = max(languages) - min(languages)
        failures.append(f"languages {gap * 100:.1f} points apart > {LANGUAGE_GAP_GOAL * 100:.0f}")
    return failures


def summary_line(name: str, predictions: Sequence[Prediction]) -> str:
    """One line for results/summary.txt: the headline figures of one blind set."""
    languages = ", ".join(
        f"{lang} {value:.3f}" for lang, (value, _) in accuracy_by(predictions, "lang").items()
    )
    topics = accuracy_by(predictions, "expected")
    worst, (worst_value, _) = min(topics.items(), key=lambda kv: kv[1][0])
    missed = goal_failures(predictions)
    verdict = "all goals met" if not missed else f"{len(missed)} goal(s) missed"
    return (
        f"Blind NLU {name}: {len(predictions)} messages, intent accuracy"
        f" {accuracy(predictions):.3f} (goal {ACCURACY_GOAL}), fallback on answerable"
        f" {fallback_rate(predictions):.1%} (goal <= {FALLBACK_GOAL:.0%}), {languages},"
        f" worst topic {worst} {worst_value:.2f} (goal {TOPIC_GOAL}): {verdict}"
    )


def _table(title: str, rows: dict[str, tuple[float, int]], mark_below: float | None) -> list[str]:
    lines = [f"  {title}:"]
    for name, (value, count) in rows.items():
        flag = "  <" if mark_below is not None and value < mark_below else ""
        lines.append(f"    {name:<28} {value:6.3f}  ({count}){flag}")
    return lines


def format_report(name: str, predictions: Sequence[Prediction], max_errors: int) -> str:
    """The full report of one file: figures, tables, confusions, errors with their text."""
    pool = answerable(predictions)
    fallbacks = [p for p in pool if p.fallback]
    lines = [
        f"== {name}: {len(predictions)} messages",
        f"  intent accuracy      {accuracy(predictions):.3f}  (goal >= {ACCURACY_GOAL})",
        f"  fallback rate        {fallback_rate(predictions):.1%}  of {len(pool)} answerable"
        f" (goal <= {FALLBACK_GOAL:.0%}); the suggested topics of"
        f" {sum(p.recovered for p in fallbacks)} of these {len(fallbacks)} include the right one",
    ]
    lines += _table("per language", accuracy_by(predictions, "lang"), None)
    lines += _table("per topic (< marks below goal)", accuracy_by(predictions, "expected"), 0.9)
    lines += _table("per style", accuracy_by(predictions, "style"), None)
    lines.append("  worst-confused pairs (expected -> predicted):")
    lines += [f"    {n:3d}  {e} -> {p}" for e, p, n in confusions(predictions)[:12]]
    errors = [p for p in predictions if not p.correct]
    lines.append(f"  errors ({len(errors)}, first {min(len(errors), max_errors)}):")
    for p in errors[:max_errors]:
        lines.append(
            f"    [{p.example.id} {p.example.lang} {p.example.style}] {p.example.expected}"
            f" -> {p.intent} ({p.confidence:.2f}): {p.example.text}"
        )
        if p.fallback:
            offered = ", ".join(f"{n} {c:.2f}" for n, c in p.alternatives[:3])
            lines.append(f"        likeliest: {offered}")
    failures = goal_failures(predictions)
    lines.append("  goals: " + ("all met" if not failures else "; ".join(failures)))
    return "\n".join(lines)


def load_agent(model: Path) -> Any:
    """The trained model with no action server and no tracker store: parsing only."""
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)  # else every parse is logged to stdout
    return Agent.load(str(model))


def predict(agent: Any, examples: Sequence[Example]) -> list[Prediction]:
    """Parses every example with the model, as the bot would on arrival."""

    async def parse_all() -> list[Prediction]:
        return [
            prediction_from_parse(example, await agent.parse_message(example.text))
            for example in examples
        ]

    return asyncio.run(parse_all())


def eval_files(directory: Path = EVAL_DIR) -> list[Path]:
    """The blind sets to report on: every eval/nlu/*.jsonl."""
    return sorted(directory.glob("*.jsonl"))


def evaluate(paths: Sequence[Path], model: Path = MODEL) -> dict[str, list[Prediction]]:
    """Predictions per file name, with one loaded model for all files."""
    examples = {path.stem: load_examples(path) for path in paths}
    agent = load_agent(model)
    return {name: predict(agent, rows) for name, rows in examples.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="JSONL sets (default eval/nlu/)")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--max-errors", type=int, default=200)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a file misses a goal of issue 16"
    )
    args = parser.parse_args(argv)
    paths = args.files or eval_files()
    if not args.model.is_file():  # Rasa would silently load another model of its folder
        print(f"no trained model at {args.model}: run `make train`", file=sys.stderr)
        return 1
    if not paths:
        print(f"no blind set in {EVAL_DIR}", file=sys.stderr)
        return 1
    results = evaluate(paths, args.model)
    for name, predictions in results.items():
        print(format_report(name, predictions, args.max_errors), end="\n\n")
    for name, predictions in results.items():
        print(summary_line(name, predictions))
    missed = any(goal_failures(predictions) for predictions in results.values())
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
