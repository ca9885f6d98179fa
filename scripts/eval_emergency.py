"""`make eval-emergency`: the emergency rule on the sets of `eval/emergency/`.

Each set was written by someone who never read the rule (`eval/README.md`); a set named
`tuning-*` has since been used to tune it, a set named `blind-*` never has. Prints, per set,
for the certain tier (the numbers replace the answer) the recall on emergencies (goal: 100%),
the precision and the false alarms on hard negatives; for both tiers together (the numbers come
first, before the answer when only danger words were found) the recall and false alarms; then
every error with its text. With `--model`, also what the trained model does (the rule, its
reminder, the classifiers of `bot/nlu/`): how many emergencies get the numbers first, and on how
many hard negatives the numbers are shown. The figures also go to `results/emergency.txt`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import guards
from scripts.scoring import Tally

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT / "eval" / "emergency"
# What the bot shows the numbers for: in place of the answer, or in one line before it.
NUMBERS_FIRST = {guards.EMERGENCY_KIND, guards.POSSIBLE_EMERGENCY_KIND}
RESULTS = ROOT / "results"


@dataclass
class Score:
    """The certain tier's counts and errors on one set (cases are texts), and what the
    reminder tier adds."""

    certain: Tally[str] = field(default_factory=Tally)
    negatives: int = 0
    missed_by_both: list[str] = field(default_factory=list)
    reminders_on_negatives: int = 0

    def line(self, name: str) -> str:
        certain = self.certain
        positives = certain.tp + certain.fn
        either = positives - len(self.missed_by_both)
        return (
            f"{name}: certain: recall {certain.recall or 0:.3f} ({certain.tp}/{positives}), "
            f"precision {certain.precision or 0:.3f}, false alarms {certain.fp}/"
            f"{self.negatives} hard negatives; with the reminder: recall "
            f"{either / max(1, positives):.3f}, reminders on hard negatives "
            f"{self.reminders_on_negatives}/{self.negatives}"
        )


def score(path: Path) -> Score:
    result = Score()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text, expected = row["text"], row["expected"] == "emergency"
        finding = guards.detect_emergency(text)
        certain = finding is not None and finding.kind == guards.EMERGENCY_KIND
        result.certain.add(expected, certain, text)
        if expected and finding is None:
            result.missed_by_both.append(text)
        elif not expected:
            result.negatives += 1
            result.reminders_on_negatives += finding is not None and not certain
    return result


def numbers_first(agent: Any, texts: Sequence[str]) -> set[str]:
    """The texts for which the trained model's parse carries an emergency finding."""

    async def flagged() -> set[str]:
        found = set()
        for text in texts:
            parse = await agent.parse_message(text)
            kinds = {f.get("kind") for f in (parse.get("guard") or {}).get("findings") or []}
            if kinds & NUMBERS_FIRST or (parse.get("intent") or {}).get("name") == "emergency":
                found.add(text)
        return found

    return asyncio.run(flagged())


def model_line(name: str, path: Path, agent: Any) -> tuple[str, list[str]]:
    """The model's figure on one set, and the emergencies it missed."""
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    flagged = numbers_first(agent, [row["text"] for row in rows])
    tally: Tally[str] = Tally()
    for row in rows:
        tally.add(row["expected"] == "emergency", row["text"] in flagged, row["text"])
    positives, negatives = tally.tp + tally.fn, len(rows) - tally.tp - tally.fn
    line = (
        f"{name}: numbers first on {tally.tp}/{positives} emergencies "
        f"({tally.tp / max(1, positives):.3f}), shown on {tally.fp}/{negatives} hard negatives"
    )
    return line, tally.misses


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="also measure this trained model (every line)")
    args = parser.parse_args(argv)
    lines = []
    for path in sorted(EVAL_DIR.glob("*.jsonl")):
        result = score(path)
        lines.append(result.line(f"Emergency rule, {path.stem}"))
        print(lines[-1])
        for text in result.certain.misses:
            reminded = "" if text in result.missed_by_both else " (reminder only)"
            print(f"  missed{reminded}: {text}")
        for text in result.certain.false_alarms:
            print(f"  false alarm: {text}")
    if args.model:
        from scripts.eval_nlu import load_agent

        agent = load_agent(args.model)
        for path in sorted(EVAL_DIR.glob("*.jsonl")):
            line, misses = model_line(f"Emergency, trained model, {path.stem}", path, agent)
            lines.append(line)
            print(line)
            for text in misses:
                print(f"  missed: {text}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "emergency.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
