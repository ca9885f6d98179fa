"""`scripts/scoring.py`: the one counter the evaluation scripts share."""

from __future__ import annotations

from scripts.scoring import Tally, pct


def test_when_cases_are_added_then_each_error_is_kept_with_its_case():
    tally: Tally[str] = Tally()
    for expected, found, case in (
        (True, True, "hit"),
        (True, True, "hit 2"),
        (True, False, "miss"),
        (False, True, "false alarm"),
        (False, False, "true negative"),
    ):
        tally.add(expected, found, case)

    assert (tally.tp, tally.fn, tally.fp) == (2, 1, 1)
    assert tally.misses == ["miss"] and tally.false_alarms == ["false alarm"]
    assert tally.recall == 2 / 3 and tally.precision == 2 / 3
    assert tally.f1 is not None and abs(tally.f1 - 2 / 3) < 1e-9


def test_when_nothing_was_expected_or_found_then_the_figures_are_a_dash():
    tally: Tally[str] = Tally()

    assert tally.recall is None and tally.precision is None and tally.f1 is None
    assert pct(tally.recall) == "    -" and pct(0.5) == " 50.0"
