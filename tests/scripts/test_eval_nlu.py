import json
from pathlib import Path

import pytest

from scripts.eval_nlu import (
    Example,
    accuracy,
    accuracy_by,
    confusions,
    fallback_rate,
    format_report,
    goal_failures,
    load_examples,
    prediction_from_parse,
    summary_line,
)


def example(expected: str, lang: str = "en", text: str = "...") -> Example:
    return Example(id="t-1", lang=lang, text=text, expected=expected, style="plain")


def parsed(expected: str, intent: str, lang: str = "en", ranking=()):
    parse = {
        "intent": {"name": intent, "confidence": 0.45 if intent == "nlu_fallback" else 0.9},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
    }
    return prediction_from_parse(example(expected, lang, f"a message about {expected}"), parse)


UNSURE_WASTE = [("nlu_fallback", 0.45), ("municipal_waste", 0.3)]
PREDICTIONS = [
    parsed("faq", "faq"),
    parsed("municipal_waste", "municipal_waste", "fr"),
    parsed("municipal_waste", "nlu_fallback", "fr", UNSURE_WASTE),
    parsed("out_of_scope", "nlu_fallback"),
    parsed("list_appointments", "book_appointment"),
]


def test_a_retrieval_intent_counts_as_its_base_intent(tmp_path: Path):
    path = tmp_path / "set.jsonl"
    row = {"id": "a-1", "lang": "fr", "text": "c gratuit ?", "expected": "faq/cost", "style": "sms"}
    path.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    [loaded] = load_examples(path)
    assert loaded.expected == "faq"
    assert parsed("faq", "faq/privacy").correct


def test_an_emergency_happening_now_answers_a_request_for_emergency_help():
    assert parsed("health_emergency", "emergency").correct
    assert not parsed("health_emergency", "health_testing").correct


def test_a_malformed_line_is_reported_with_its_place(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a-1", "lang": "en", "text": "hi"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:1: missing expected"):
        load_examples(path)


def test_figures_of_a_small_set():
    assert accuracy(PREDICTIONS) == pytest.approx(2 / 5)
    # out_of_scope is not answerable: 1 fallback among the 4 answerable messages
    assert fallback_rate(PREDICTIONS) == pytest.approx(1 / 4)
    assert accuracy_by(PREDICTIONS, "lang") == {"en": (pytest.approx(1 / 3), 3), "fr": (0.5, 2)}
    assert confusions(PREDICTIONS)[0] == ("list_appointments", "book_appointment", 1)
    assert PREDICTIONS[2].recovered and not PREDICTIONS[3].recovered


def test_the_report_shows_goals_missed_and_errors_with_their_text():
    failures = goal_failures(PREDICTIONS)
    assert "intent accuracy 0.400 < 0.95" in failures
    assert any(f.startswith("languages") for f in failures)
    report = format_report("small", PREDICTIONS, max_errors=10)
    assert "a message about list_appointments" in report
    assert "likeliest: municipal_waste 0.30" in report
    assert summary_line("small", PREDICTIONS).startswith("Blind NLU small: 5 messages")


def test_a_perfect_set_meets_every_goal():
    perfect = [parsed(i, i, lang) for i in ("greet", "faq") for lang in ("en", "fr")]
    assert goal_failures(perfect) == []
    assert summary_line("p", perfect).endswith("all goals met")
