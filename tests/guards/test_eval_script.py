"""`scripts/eval_guards.py`: per-kind figures and the errors, on a small labelled set."""

from __future__ import annotations

import json

import pytest

from scripts import eval_guards

ROWS = [
    {"id": "p1", "lang": "en", "direction": "inbound", "text": "STOP", "expected": ["opt_out"]},
    {"id": "p2", "lang": "en", "direction": "inbound", "text": "hmm", "expected": ["opt_out"]},
    {"id": "n1", "lang": "en", "direction": "inbound", "text": "bus stop", "expected": []},
    {
        "id": "n2",
        "lang": "en",
        "direction": "inbound",
        "text": "call 06 12 34 56 78",
        "expected": [],
    },
    {
        "id": "o1",
        "lang": "fr",
        "direction": "outbound",
        "text": "Quel est votre IBAN ?",
        "expected": ["sensitive_request"],
        "category": "sens",
    },
]


def test_when_a_set_is_evaluated_then_figures_and_errors_are_printed(tmp_path, capsys):
    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in ROWS), encoding="utf-8")
    assert eval_guards.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "inbound opt_out" in out and " 50.0  100.0" in out  # recall 1/2, precision 1/1
    assert "outbound sensitive_request    100.0  100.0" in out
    assert "false negatives (1)" in out and "p2 [] 'hmm'" in out
    assert "benign inbound messages with digits given a number kind: 0/1" in out
    assert "positive certain 1" in out


def test_when_a_line_is_malformed_then_the_run_stops_with_its_place(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1, "text": "x"}\n{"id": 2}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="bad.jsonl:2"):
        eval_guards.load([path])
