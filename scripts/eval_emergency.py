"""`make eval-emergency`: the emergency rule on the sets of `eval/emergency/`.

Each set was written by someone who never read the rule (`eval/README.md`); a set named
`tuning-*` has since been used to tune it, a set named `blind-*` never has. Prints, per set,
for the certain tier (the numbers replace the answer) the recall on emergencies (goal: 100%),
the precision and the false alarms on hard negatives; for both tiers together (the numbers come
first, before the answer when only danger words were found) the recall and false alarms; then
every error with its text. The figures also go to `results/emergency.txt`.
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
    missed_by_both: list[str] = field(default_factory=list)
    reminders_on_negatives: int = 0

    @property
    def recall(self) -> float:
        return self.found / max(1, self.found + len(self.missed))

    @property
    def precision(self) -> float:
        return self.found / max(1, self.found + len(self.false_alarms))

    def line(self, name: str) -> str:
        positives = self.found + len(self.missed)
        either = positives - len(self.missed_by_both)
        return (
            f"{name}: certain: recall {self.recall:.3f} ({self.found}/{positives}), precision "
            f"{self.precision:.3f}, false alarms {len(self.false_alarms)}/{self.negatives} "
            f"hard negatives; with the reminder: recall {either / max(1, positives):.3f}, "
            f"reminders on hard negatives {self.reminders_on_negatives}/{self.negatives}"
        )


def score(path: Path) -> Score:
    result = Score()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        finding = guards.detect_emergency(row["text"])
        certain = finding is not None and finding.kind == guards.EMERGENCY_KIND
        if row["expected"] == "emergency":
            if certain:
                result.found += 1
            else:
                result.missed.append(row["text"])
                if finding is None:
                    result.missed_by_both.append(row["text"])
        else:
            result.negatives += 1
            if certain:
                result.false_alarms.append(row["text"])
            elif finding is not None:
                result.reminders_on_negatives += 1
    return result


def main() -> int:
    lines = []
    for path in sorted(EVAL_DIR.glob("*.jsonl")):
        result = score(path)
        lines.append(result.line(f"Emergency rule, {path.stem}"))
        print(lines[-1])
        for text in result.missed:
            reminded = "" if text in result.missed_by_both else " (reminder only)"
            print(f"  missed{reminded}: {text}")
        for text in result.false_alarms:
            print(f"  false alarm: {text}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "emergency.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
