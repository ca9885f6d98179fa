"""`make eval-emergency`: the emergency rule on the sets of `eval/emergency/`.

Each set was written by someone who never read the rule (`eval/README.md`); a set named
`tuning-*` has since been used to tune it, a set named `blind-*` never has. Prints, per set,
the recall on emergencies (goal: 100%), the precision and the false alarms on hard negatives,
then every error with its text, and writes the figures to `results/emergency.txt`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import guards

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT / "eval" / "emergency"
RESULTS = ROOT / "results"


@dataclass
class Score:
    """Counts and errors of the rule on one set."""

    found: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    negatives: int = 0

    @property
    def recall(self) -> float:
        return self.found / max(1, self.found + len(self.missed))

    @property
    def precision(self) -> float:
        return self.found / max(1, self.found + len(self.false_alarms))

    def line(self, name: str) -> str:
        positives = self.found + len(self.missed)
        return (
            f"{name}: recall {self.recall:.3f} ({self.found}/{positives}), precision "
            f"{self.precision:.3f}, false alarms {len(self.false_alarms)}/{self.negatives} "
            "hard negatives"
        )


def score(path: Path) -> Score:
    result = Score()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        found = guards.detect_emergency(row["text"]) is not None
        if row["expected"] == "emergency":
            if found:
                result.found += 1
            else:
                result.missed.append(row["text"])
        else:
            result.negatives += 1
            if found:
                result.false_alarms.append(row["text"])
    return result


def main() -> int:
    lines = []
    for path in sorted(EVAL_DIR.glob("*.jsonl")):
        result = score(path)
        lines.append(result.line(f"Emergency rule, {path.stem}"))
        print(lines[-1])
        for text in result.missed:
            print(f"  missed: {text}")
        for text in result.false_alarms:
            print(f"  false alarm: {text}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "emergency.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
