"""The public API, the Finding record and the lexicon syntax."""

from __future__ import annotations

import pytest

import guards
from guards import lexicon
from guards.lexicon import LexiconError, PhraseIndex, expand


def test_when_the_package_is_imported_then_its_public_names_are_exported():
    for name in guards.__all__:
        assert hasattr(guards, name)
    assert set(guards.KINDS) == {
        "payment_card",
        "iban",
        "national_id",
        "opt_out",
        "product_sale",
        "sensitive_request",
        "promotion",
    }


def test_when_findings_are_serialised_then_numbers_carry_a_span_and_phrases_their_rule():
    assert guards.Finding("iban", 1, 5, "iban:FR").to_dict() == {
        "kind": "iban",
        "start": 1,
        "end": 5,
    }
    assert guards.Finding("promotion", detail="phrase: promo").to_dict() == {
        "kind": "promotion",
        "detail": "phrase: promo",
    }
    assert guards.Finding("opt_out", detail="keyword: stop", certain=False).to_dict() == {
        "kind": "opt_out",
        "detail": "keyword: stop",
        "certain": False,
    }


def test_when_a_finding_is_built_as_before_then_it_is_certain():
    """`certain` is a new field with a default: code that builds or reads findings the old
    way is unchanged."""
    assert guards.Finding("opt_out", None, None, "command: stop").certain is True


def test_when_findings_are_passed_to_redact_then_the_text_is_not_scanned_again():
    text = "card 4111 1111 1111 1111"
    assert guards.redact(text, []) == text
    assert guards.redact(text, guards.check(text)) == "card [payment_card]"
    assert guards.placeholder("iban") == "[iban]"


@pytest.mark.parametrize(
    ("entry", "phrases"),
    [
        ("stop", [("stop",)]),
        ("Arrêtez de m'envoyer", [("arretez", "de", "m", "envoyer")]),
        ("stop (a|b c)", [("stop", "a"), ("stop", "b", "c")]),
        ("(please|) stop", [("please", "stop"), ("stop",)]),
        ("<num> off", [("<num>", "off")]),
        ("(a|b) (c|d)", [("a", "c"), ("a", "d"), ("b", "c"), ("b", "d")]),
    ],
)
def test_when_an_entry_is_expanded_then_each_alternative_gives_a_phrase(entry, phrases):
    assert sorted(expand(entry)) == sorted(phrases)


@pytest.mark.parametrize("entry", ["stop (a|b", "stop a)", "((a|b)|c)"])
def test_when_an_entry_has_bad_parentheses_then_lexicon_error_is_raised(entry):
    with pytest.raises(LexiconError):
        expand(entry)


def test_when_a_lexicon_file_has_an_unknown_section_then_lexicon_error_names_the_line(
    tmp_path, monkeypatch
):
    (tmp_path / "demo.en.txt").write_text("# demo\n[phrase]\nstop\n[typo]\nx\n", "utf-8")
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    with pytest.raises(LexiconError, match=r"demo.en.txt:4: unknown section \[typo\]"):
        lexicon.load_lexicon("demo", ("phrase",))
    (tmp_path / "demo.en.txt").write_text("[phrase]\nstop\n", "utf-8")
    (tmp_path / "demo.es.txt").write_text("[phrase]\nbasta (ya|)\n", "utf-8")
    lexicon.load_lexicon.cache_clear()
    patterns = lexicon.load_lexicon("demo", ("phrase",))["phrase"]
    assert {phrase for pattern in patterns for phrase in lexicon.phrases(pattern)} == {
        ("stop",),
        ("basta", "ya"),
        ("basta",),
    }
    lexicon.load_lexicon.cache_clear()


def test_when_phrases_share_words_then_the_index_finds_every_span_once():
    index = PhraseIndex({"a": [("stop",), ("stop", "it")], "b": [("<num>", "off")]})
    found = index.find(["stop", "it", "now", "50", "off", "stop"])
    assert sorted(found["a"]) == [(0, 1), (0, 2), (5, 6)]
    assert found["b"] == [(3, 5)]


def test_when_a_message_has_text_in_any_shape_then_every_string_is_checked():
    message = {
        "text": "Here are your options",
        "buttons": [
            {"title": "Book", "payload": "/book"},
            ["positional", "Order your paracetamol now"],
        ],
        "quick_replies": [{"title": "Quel est votre IBAN ?"}],
        "custom": {"json_message": {"caption": "25% off this week", "n": 3, "ok": True}},
    }
    assert guards.texts_of(message)[:3] == ["Here are your options", "Book", "/book"]
    assert {f.kind for f in guards.check_message(message)} == {
        "product_sale",
        "sensitive_request",
        "promotion",
    }
    assert all(f.start is None for f in guards.check_message({"text": "STOP"}, "inbound"))
    assert guards.check_message({"text": "See you tomorrow at 10:00", "buttons": []}) == []


def test_when_preloaded_then_checks_still_answer_the_same():
    guards.preload()
    assert [f.kind for f in guards.check("STOP")] == ["opt_out"]


def test_when_only_the_model_sees_a_kind_then_its_finding_is_uncertain_and_explained():
    # no rule names this phrasing; the model of guards.scores does, and says why
    found = [f for f in guards.check("take my number out of your system") if f.kind == "opt_out"]
    assert found and not found[0].certain and found[0].detail.startswith("score ")
    assert found[0].to_dict()["certain"] is False


def test_when_a_rule_read_another_sense_then_the_model_does_not_overrule_it():
    assert guards.check("which bus stops outside the clinic?") == []
    assert guards.check("We will never ask you to send your card number", "outbound") == []


def test_when_a_string_is_an_identifier_then_the_model_finds_nothing_in_it():
    # the output guard checks every string of a bot message, ids included: a hex id once
    # scored as a promotion on its digits and lone letters, and held every reply
    import random
    import string
    import uuid

    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits
    ids = [uuid.UUID(int=rng.getrandbits(128)).hex for _ in range(300)]
    ids += ["wamid." + "".join(rng.choice(alphabet) for _ in range(40)) for _ in range(300)]
    for identifier in ids:
        for direction in ("inbound", "outbound"):
            scored = [
                f for f in guards.check(identifier, direction) if f.detail.startswith("score")
            ]
            assert scored == [], identifier
