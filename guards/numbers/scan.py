"""Digit runs and their windows: the single pass behind card and digit-only ID detection.

A *run* is a maximal sequence of digit groups separated by one to three spaces, dashes or
dots ("4111 1111-1111.1111", "123-45-6789"). Every *window* of consecutive groups whose
digit count fits a scheme is a candidate, so a number is found in any grouping and next to
other numbers in the same run ("card 4111 1111 1111 1111 123" with the CVV after it).
A window's edges must be word edges: a run glued to a letter ("FR76 3000...") cannot start
there. A run written after "+" is a phone number and is skipped whole.

Linear time: each run is matched once by a regex without nested ambiguity, and each group
starts at most `MAX_DIGITS` windows, since every group holds at least one digit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["MAX_DIGITS", "SEP", "scan_windows"]

T = TypeVar("T")
MAX_DIGITS = 19
#: One separator character inside a number: space, no-break spaces, dot, dash.
SEP = "[ .\\-\u00a0\u202f]"
_RUN_RE = re.compile(rf"[0-9]+(?:{SEP}{{1,3}}[0-9]+)*")
_GROUP_RE = re.compile(r"[0-9]+")

#: ``classify(start, end, digits, group_lengths)`` returns a result or None. The group
#: lengths are given for windows of up to 4 groups only (the rest get ``()``): no scheme
#: that cares about grouping has more.
Classifier = Callable[[int, int, str, tuple[int, ...]], "T | None"]


def scan_windows(
    text: str,
    lengths: frozenset[int],
    classify: Classifier[T],
    claimed: Sequence[tuple[int, int]] = (),
) -> list[T]:
    """Classify each window of `lengths` digits; return the results that are not None.

    From each group the longest window that `classify` accepts wins, and the scan goes on
    after it, so accepted windows never overlap. Runs that lie inside a `claimed` span
    (a number already found) are skipped.
    """
    results = []
    for run in _RUN_RE.finditer(text):
        run_start, run_end = run.span()
        if any(a <= run_start and run_end <= b for a, b in claimed):
            continue
        before = text[run_start - 1] if run_start else " "
        right_ok = run_end == len(text) or not text[run_end].isalnum()
        if run_end - run_start < min(lengths) or before == "+":
            continue  # too short for any scheme, or a phone number
        groups = [(m.start(), m.end()) for m in _GROUP_RE.finditer(text, run_start, run_end)]
        last = len(groups) - 1
        i = 1 if before.isalnum() else 0
        while i <= last:
            digits = ""
            best = None
            for j in range(i, last + 1):
                digits += text[groups[j][0] : groups[j][1]]
                count = len(digits)
                if count > MAX_DIGITS:
                    break
                if count not in lengths or (j == last and not right_ok):
                    continue
                part = groups[i : j + 1]
                sizes = tuple([b - a for a, b in part]) if j - i < 4 else ()
                result = classify(part[0][0], part[-1][1], digits, sizes)
                if result is not None:
                    best = (j, result)
            if best is None:
                i += 1
            else:
                results.append(best[1])
                i = best[0] + 1
    return results
