"""Digit runs and their windows: the single pass behind card and digit-only ID detection.

A *run* is a maximal sequence of digit groups separated by one to three spaces, dashes or
dots ("4111 1111-1111.1111", "123-45-6789"). Every *window* of consecutive groups whose
digit count fits a scheme is a candidate, so a number is found in any grouping and next to
other numbers in the same run ("card 4111 1111 1111 1111 123" with the CVV after it).
A window's edges must be word edges: a run glued to a letter ("FR76 3000...") cannot start
there. A run written after "+" is a phone number and is skipped whole.

Linear time: each run is matched once by a regex without nested ambiguity, and a window
spans at most `MAX_GROUPS` groups (a NIR written "1 85 05 78 006 084 91" has 7, a card in
pairs 8), so each group starts a bounded number of windows; running digit counts let a group
whose windows are all too short or too long be skipped without building them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate
from typing import TypeVar

__all__ = ["MAX_DIGITS", "MAX_GROUPS", "SEP", "scan_windows"]

T = TypeVar("T")
MAX_DIGITS = 19
MAX_GROUPS = 8
#: One separator character inside a number: space, no-break spaces, dot, dash.
SEP = "[ .\\-\u00a0\u202f]"
_RUN_RE = re.compile(rf"[0-9]+(?:{SEP}{{1,3}}[0-9]+)*")
_GROUP_RE = re.compile(r"[0-9]+")

#: ``classify(start, end, digits, group_lengths)`` returns a result or None. The group
#: lengths are given for the `grouped` lengths only (the rest get ``()``).
Classifier = Callable[[int, int, str, tuple[int, ...]], "T | None"]


def _merged(spans: Sequence[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """`spans` merged where they overlap, as sorted starts and their ends."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def scan_windows(
    text: str,
    lengths: Mapping[str, frozenset[int]],
    classify: Classifier[T],
    claimed: Sequence[tuple[int, int]] = (),
    grouped: frozenset[int] = frozenset(),
) -> list[T]:
    """Classify each window of digits whose length some scheme has; return the results
    that are not None.

    Args:
        text: the message.
        lengths: ``{first digit: the lengths of the schemes a number starting with it may
            belong to}``: a window whose length does not fit its first digit is not built.
        classify: called on each candidate window.
        claimed: spans already taken (numbers found, failed IBANs): runs inside are skipped.
        grouped: the lengths whose windows get their group lengths (others get ``()``).

    From each group the longest window that `classify` accepts wins, and the scan goes on
    after it, so accepted windows never overlap.
    """
    results = []
    every = frozenset().union(*lengths.values())
    shortest = min(every)
    starts, ends = _merged(claimed)
    for run in _RUN_RE.finditer(text):
        run_start, run_end = run.span()
        if starts:
            k = bisect_right(starts, run_start) - 1
            if k >= 0 and run_end <= ends[k]:
                continue
        before = text[run_start - 1] if run_start else " "
        right_ok = run_end == len(text) or not text[run_end].isalnum()
        if run_end - run_start < shortest or before == "+":
            continue  # too short for any scheme, or a phone number
        parts = _GROUP_RE.findall(text, run_start, run_end)
        next_free = 0  # the first group not inside an accepted window
        size = len(parts)
        total = [0, *accumulate(map(len, parts))]  # total[k]: digits before group k
        # the groups from which a window of at most MAX_GROUPS groups reaches the shortest
        # length: in a run of tiny groups ("1 2 3 4 ..."), none, and nothing more is built
        ahead = total[MAX_GROUPS:] + [total[-1]] * min(MAX_GROUPS, size)
        first_group = 1 if before.isalnum() else 0
        origins = [k for k in range(first_group, size) if ahead[k] - total[k] >= shortest]
        if not origins:
            continue
        run_digits = "".join(parts)
        groups = [m.span() for m in _GROUP_RE.finditer(text, run_start, run_end)]
        last = size - 1
        for i in origins:
            if i < next_free:
                continue
            best = None
            base = total[i]
            fits = lengths.get(run_digits[base], every)
            # the first group whose window from i reaches the shortest length
            first = max(i, bisect_left(total, base + shortest) - 1)
            for j in range(first, min(last, i + MAX_GROUPS - 1) + 1):
                width = total[j + 1] - base
                if width > MAX_DIGITS:
                    break
                if width not in fits or (j == last and not right_ok):
                    continue
                sizes = tuple([b - a for a, b in groups[i : j + 1]]) if width in grouped else ()
                digits = run_digits[base : total[j + 1]]
                result = classify(groups[i][0], groups[j][1], digits, sizes)
                if result is not None:
                    best = (j, result)
            if best is not None:
                results.append(best[1])
                next_free = best[0] + 1
    return results
