"""The ``python -m guards check`` contract: JSON lines in, one JSON line out per line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

VISA = "4111 1111 1111 1111"


def run(*lines: str, args: tuple[str, ...] = ("check",)) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guards", *args],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def answers(*lines: str) -> list[dict]:
    result = run(*lines)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_when_lines_are_valid_then_each_gets_findings_and_redacted_text_in_order():
    out = answers(
        json.dumps({"id": 1, "text": f"my card {VISA}", "direction": "inbound"}),
        json.dumps({"id": "b", "text": "STOP", "direction": "inbound"}),
        json.dumps({"id": [3], "text": "Please send your IBAN", "direction": "outbound"}),
        json.dumps({"id": None, "text": "bonjour"}),
    )
    assert out == [
        {
            "id": 1,
            "findings": [{"kind": "payment_card", "start": 8, "end": 27}],
            "redacted": "my card [payment_card]",
        },
        {
            "id": "b",
            "findings": [{"kind": "opt_out", "detail": "command: stop", "certain": True}],
            "redacted": "STOP",
        },
        {
            "id": [3],
            "findings": [{"kind": "sensitive_request", "detail": "request: please ... iban"}],
            "redacted": "Please send your IBAN",
        },
        {"id": None, "findings": [], "redacted": "bonjour"},
    ]


def test_when_text_has_several_numbers_then_all_are_listed_and_redacted():
    text = "IBAN FR76 3000 6000 0112 3456 7890 189, SSN 123-45-6789 é"
    [out] = answers(json.dumps({"id": 7, "text": text, "direction": "inbound"}))
    assert [f["kind"] for f in out["findings"]] == ["iban", "national_id"]
    for finding in out["findings"]:
        assert text[finding["start"] : finding["end"]] in (
            "FR76 3000 6000 0112 3456 7890 189",
            "123-45-6789",
        )
    assert out["redacted"] == "IBAN [iban], SSN [national_id] é"


@pytest.mark.parametrize(
    ("line", "ident"),
    [
        ("this is not json", None),
        ("[1, 2]", None),
        ('"a string"', None),
        ('{"id": 5}', 5),
        ('{"id": 6, "text": 42}', 6),
        ('{"id": 7, "text": "hi", "direction": "sideways"}', 7),
        ('{"id": 8, "text": "hi", "direction": null}', 8),
        ("", None),
        ('{"id": 9, "text": "hi"', None),
    ],
)
def test_when_a_line_is_bad_then_it_gets_an_error_and_the_run_goes_on(line, ident):
    out = answers(
        json.dumps({"id": "before", "text": "STOP"}),
        line,
        json.dumps({"id": "after", "text": VISA}),
    )
    assert len(out) == 3
    assert out[0]["id"] == "before" and [f["kind"] for f in out[0]["findings"]] == ["opt_out"]
    assert out[1]["id"] == ident
    assert isinstance(out[1]["error"], str) and out[1]["error"]
    assert "findings" not in out[1]
    assert out[2] == {
        "id": "after",
        "findings": [{"kind": "payment_card", "start": 0, "end": 19}],
        "redacted": "[payment_card]",
    }


def test_when_text_is_not_ascii_then_it_round_trips_unchanged():
    text = "Arrêtez ! 😀 données, 東京"
    [out] = answers(json.dumps({"id": 1, "text": text}, ensure_ascii=False))
    assert out["redacted"] == text


def test_when_a_weak_opt_out_is_checked_then_the_cli_says_it_is_not_certain():
    [out] = answers(json.dumps({"id": 1, "text": "unsubcribe me please"}))
    assert out["findings"] == [
        {"kind": "opt_out", "detail": "command: unsubscribe me", "certain": False}
    ]


def test_when_lines_arrive_one_by_one_then_each_answer_comes_before_the_next_line():
    """The co-process contract: an answer is flushed while the next line is not yet sent."""
    process = subprocess.Popen(
        [sys.executable, "-m", "guards", "check"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        for ident, text in enumerate(["STOP", VISA, "bonjour"]):
            process.stdin.write(json.dumps({"id": ident, "text": text}) + "\n")
            process.stdin.flush()
            answer = json.loads(process.stdout.readline())
            assert answer["id"] == ident
    finally:
        process.stdin.close()
        process.wait(timeout=60)
    assert process.returncode == 0


def test_when_no_command_is_given_then_usage_exits_2():
    result = run(args=())
    assert result.returncode == 2
    assert "usage" in result.stderr
