"""The checks every per-kind rule table (`test_rules_<kind>.py`) runs.

Each table holds our own sentences for the classes learnt from each round of misses (issue
10): `FOUND` rows ``(direction, the rule the finding must name, text)`` that must be found,
and `NOT_FOUND` rows ``(direction, text)``, the nearest wordings that are not that kind. None
is taken from an evaluation set.
"""

from __future__ import annotations

from guards import check

Found = list[tuple[str, str, str]]
NotFound = list[tuple[str, str]]


def findings(text: str, direction: str) -> dict[str, str]:
    """``{kind: detail}`` of the phrase findings (those without a span) of `text`."""
    return {f.kind: f.detail for f in check(text, direction) if f.start is None}  # type: ignore[arg-type]


def assert_found(kind: str, direction: str, rule: str, text: str) -> None:
    found = findings(text, direction)
    assert kind in found, f"{kind} not found in {text!r}: {found}"
    assert found[kind].startswith(f"{rule}:"), found[kind]


def assert_not_found(kind: str, direction: str, text: str) -> None:
    found = findings(text, direction)
    assert kind not in found, f"{kind} found in {text!r}: {found[kind]}"


def certain_opt_out(text: str) -> bool:
    return any(f.kind == "opt_out" and f.certain for f in check(text, "inbound"))
