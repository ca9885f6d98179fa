"""One counter for every evaluation script (guards, guards in the bot, emergencies).

A `Tally` counts, for one kind or behaviour, the cases that were expected and found (true
positives), expected and not found (misses) and found but not expected (false alarms), and
keeps the case of each error so the report can print it with its text. What a case is (an
item and a prediction, an item and the bot's replies, a bare text) is the caller's choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

__all__ = ["Tally", "pct"]

Case = TypeVar("Case")


@dataclass
class Tally(Generic[Case]):
    """Counts of one kind, with the cases it got wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[Case] = field(default_factory=list)
    false_alarms: list[Case] = field(default_factory=list)

    def add(self, expected: bool, found: bool, case: Case) -> None:
        """Count one case; a true negative counts nothing."""
        if expected and found:
            self.tp += 1
        elif expected:
            self.fn += 1
            self.misses.append(case)
        elif found:
            self.fp += 1
            self.false_alarms.append(case)

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def f1(self) -> float | None:
        r, p = self.recall, self.precision
        return 2 * r * p / (r + p) if r and p else None


def pct(value: float | None) -> str:
    """A share as a 5-wide percentage, or a dash when there was nothing to count."""
    return "    -" if value is None else f"{value * 100:5.1f}"
