"""data/nlu/tuning_sets.yml is generated from the NLU tuning sets and must follow them."""

from __future__ import annotations

import json

import yaml

from scripts import nlu_from_tuning_sets as gen


def test_when_the_tuning_sets_change_then_the_generated_training_file_is_up_to_date():
    assert gen.OUT.read_text(encoding="utf-8") == gen.render(), (
        "data/nlu/tuning_sets.yml is stale: run python -m scripts.nlu_from_tuning_sets"
    )


def test_when_the_file_is_generated_then_no_blind_set_message_is_in_it():
    generated = {
        gen._key(line.strip()[2:])
        for block in yaml.safe_load(gen.OUT.read_text(encoding="utf-8"))["nlu"]
        for line in block["examples"].splitlines()
    }
    blind = [
        gen._key(json.loads(line)["text"])
        for path in sorted(gen.SETS.glob("blind-*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert blind, "there is always a blind set to measure the model on"
    assert generated.isdisjoint(blind)


def test_when_a_tuning_message_is_a_faq_written_or_in_a_blind_set_then_it_is_left_out(
    tmp_path, monkeypatch
):
    sets = tmp_path / "eval"
    data = tmp_path / "data"
    sets.mkdir()
    data.mkdir()
    rows = [
        {"text": "what is  vigie?", "expected": "faq"},
        {"text": "Hello there", "expected": "greet"},
        {"text": "can i book a jab", "expected": "book_appointment"},
        {"text": "can I  book a jab", "expected": "book_appointment"},
        {"text": "hi", "expected": "greet"},
    ]
    rows = [{"id": f"x{i}", "lang": "en", **row} for i, row in enumerate(rows)]
    (sets / "tuning-x.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    blind = {"id": "y1", "lang": "en", "text": "hi", "expected": "greet"}
    (sets / "blind-y.jsonl").write_text(json.dumps(blind) + "\n")
    (data / "en.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hello there\n'
    )
    monkeypatch.setattr(gen, "SETS", sets)
    monkeypatch.setattr(gen, "OUT", data / "tuning_sets.yml")

    rendered = yaml.safe_load(gen.render())

    assert rendered["nlu"] == [{"intent": "book_appointment", "examples": "- can i book a jab\n"}]
