"""Evaluation of the guards on labelled sets: `make eval-guards`, or
``python -m scripts.eval_guards [FILE ...]`` (default: every ``eval/guards/*.jsonl``).

A set is JSON lines, one message per line::

    {"id": "a-0001", "lang": "en", "direction": "inbound", "text": "STOP",
     "expected": ["opt_out"], "category": "opt_out/keyword"}

`expected` lists every kind the message really contains ([] for a negative). For each file,
then for all files together, it prints per kind (``inbound product_sale`` and ``outbound
product_sale``, the sale offers, are two rows) recall, precision and F1, then the actual
errors, false negatives and false positives with their text, as presidio-research does, so
a change is judged by what it fixes and what it breaks. It also prints the share of benign
inbound messages with digits that get a number kind, and for opt-out how many findings were
`certain` (the bot erases at once) on positives and on negatives (must be none).

What is evaluated is a `Detector`: `LibraryDetector` calls `guards.check`. A detector for the
running bot (messages posted to its REST channel, judged by the actions it ran) plugs in by
adding a class with the same `name` and `predict` to `DETECTORS`; nothing else changes.

The sets are evaluation data: they are never read by ``guards/`` and never pasted into its
lexicons. Once a set has been tuned on it is a training set; the figure that counts is the
one measured before tuning, and the one on a fresh blind set.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import guards
from scripts.scoring import Tally, pct

DEFAULT_GLOB = "eval/guards/*.jsonl"
NUMBER_KINDS = frozenset(guards.NUMBER_KINDS)


@dataclass(frozen=True)
class Item:
    """One labelled message of a set."""

    source: str
    id: str
    lang: str
    direction: str
    text: str
    expected: frozenset[str]
    category: str


@dataclass(frozen=True)
class Prediction:
    """What a detector said about one message.

    Attributes:
        kinds: the kinds found.
        certain: the kinds whose finding was certain (for opt-out: erase at once).
        details: ``kind: detail`` of each finding, to explain false positives.
    """

    kinds: frozenset[str]
    certain: frozenset[str] = frozenset()
    details: tuple[str, ...] = ()


class Detector(Protocol):
    """Anything that can be evaluated: the library, or the bot behind a URL."""

    name: str

    def predict(self, items: Sequence[Item]) -> list[Prediction]:
        """One prediction per item, in order."""
        ...


class LibraryDetector:
    """`guards.check` called in this process."""

    name = "library"

    def predict(self, items: Sequence[Item]) -> list[Prediction]:
        out = []
        for item in items:
            findings = guards.check(item.text, item.direction)  # type: ignore[arg-type]
            out.append(
                Prediction(
                    kinds=frozenset(f.kind for f in findings),
                    certain=frozenset(f.kind for f in findings if getattr(f, "certain", True)),
                    details=tuple(f"{f.kind}: {f.detail}" for f in findings),
                )
            )
        return out


DETECTORS: dict[str, type] = {"library": LibraryDetector}


def load(paths: Iterable[Path]) -> list[Item]:
    """The items of every file, in order; a malformed line stops the run with its place."""
    items = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                items.append(
                    Item(
                        source=path.name,
                        id=str(raw["id"]),
                        lang=str(raw.get("lang", "")),
                        direction=raw.get("direction", "inbound"),
                        text=raw["text"],
                        expected=frozenset(raw.get("expected") or ()),
                        category=str(raw.get("category", "")),
                    )
                )
            except (ValueError, KeyError, TypeError) as error:
                raise SystemExit(f"{path}:{number}: bad line: {error}") from None
    return items


def kinds_of(direction: str) -> tuple[str, ...]:
    return guards.INBOUND_KINDS if direction == "inbound" else guards.OUTBOUND_KINDS


Case = tuple[Item, Prediction]


def tally(items: Sequence[Item], predictions: Sequence[Prediction]) -> dict[str, Tally[Case]]:
    """``{"inbound opt_out": Tally, ...}`` over `items`."""
    table: dict[str, Tally[Case]] = {}
    for item, pred in zip(items, predictions, strict=True):
        for kind in kinds_of(item.direction):
            key = f"{item.direction} {kind}"
            expected, found = kind in item.expected, kind in pred.kinds
            if not expected and not found:
                continue
            table.setdefault(key, Tally()).add(expected, found, (item, pred))
    return table


def _order(key: str) -> tuple[int, str]:
    direction, kind = key.split(" ", 1)
    kinds = kinds_of(direction)
    return (0 if direction == "inbound" else 1) * 10 + kinds.index(kind), key


def print_table(title: str, table: dict[str, Tally[Case]], out) -> None:
    print(f"\n== {title}", file=out)
    print(f"   {'kind':<28} {'recall':>6} {'prec.':>6} {'F1':>6}   tp  fp  fn", file=out)
    for key in sorted(table, key=_order):
        row = table[key]
        print(
            f"   {key:<28} {pct(row.recall):>6} {pct(row.precision):>6} {pct(row.f1):>6}"
            f" {row.tp:4d}{row.fp:4d}{row.fn:4d}",
            file=out,
        )


def print_errors(table: dict[str, Tally[Case]], out, limit: int) -> None:
    for key in sorted(table, key=_order):
        row = table[key]
        for label, cases in (
            ("false negatives", row.misses),
            ("false positives", row.false_alarms),
        ):
            if not cases:
                continue
            print(f"\n   {key}: {label} ({len(cases)})", file=out)
            for item, pred in cases[:limit]:
                why = f"  <- {'; '.join(pred.details)}" if label == "false positives" else ""
                print(f"     {item.id} [{item.category}] {item.text!r}{why}", file=out)
            if len(cases) > limit:
                print(f"     ... {len(cases) - limit} more", file=out)


def benign_number_rate(items: Sequence[Item], predictions: Sequence[Prediction]) -> tuple[int, int]:
    """``(flagged, total)`` over inbound messages with a digit and no expected number."""
    flagged = total = 0
    for item, pred in zip(items, predictions, strict=True):
        if item.direction != "inbound" or item.expected & NUMBER_KINDS:
            continue
        if not any(c.isdigit() for c in item.text):
            continue
        total += 1
        flagged += bool(pred.kinds & NUMBER_KINDS)
    return flagged, total


def certainty(items: Sequence[Item], predictions: Sequence[Prediction]) -> Counter[str]:
    """How opt-out findings split between certain and likely, on positives and negatives."""
    counts: Counter[str] = Counter()
    for item, pred in zip(items, predictions, strict=True):
        if "opt_out" not in pred.kinds:
            continue
        side = "positive" if "opt_out" in item.expected else "negative"
        counts[f"{side} {'certain' if 'opt_out' in pred.certain else 'likely'}"] += 1
    return counts


def report(name: str, items: Sequence[Item], predictions: Sequence[Prediction], out, limit: int):
    table = tally(items, predictions)
    print_table(f"{name}: {len(items)} messages", table, out)
    flagged, total = benign_number_rate(items, predictions)
    if total:
        print(
            f"   benign inbound messages with digits given a number kind: {flagged}/{total}"
            f" = {flagged / total * 100:.2f}% (goal <= 0.5%)",
            file=out,
        )
    counts = certainty(items, predictions)
    if counts:
        print(
            "   opt_out findings: "
            + ", ".join(f"{key} {counts[key]}" for key in sorted(counts))
            + " (goal: no certain finding on a negative)",
            file=out,
        )
    if limit:
        print_errors(table, out, limit)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help=f"default: {DEFAULT_GLOB}")
    parser.add_argument("--detector", choices=sorted(DETECTORS), default="library")
    parser.add_argument("--errors", type=int, default=1000, help="errors listed per kind")
    args = parser.parse_args(argv)
    files = args.files or sorted(Path().glob(DEFAULT_GLOB))
    if not files:
        print(f"no evaluation set: {DEFAULT_GLOB} is empty", file=sys.stderr)
        return 2
    detector = DETECTORS[args.detector]()
    out = sys.stdout
    every: list[Item] = []
    every_pred: list[Prediction] = []
    for path in files:
        items = load([path])
        start = time.perf_counter()
        predictions = detector.predict(items)
        elapsed = time.perf_counter() - start
        print(f"\n{path} ({detector.name}, {elapsed * 1e3:.0f} ms)", file=out)
        report(path.name, items, predictions, out, args.errors)
        every += items
        every_pred += predictions
    if len(files) > 1:
        report("all files", every, every_pred, out, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
