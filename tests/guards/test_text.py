"""Normalisation: what people type brought to the lexicons' spelling, typos marked as guesses."""

from __future__ import annotations

import pytest

from guards.phrases import normaliser
from guards.text import Normaliser, tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ARRÊTEZ de m’envoyer des SMS !", ["arretez", "de", "m", "envoyer", "des", "sms", "!"]),
        ("500mg", ["500", "mg"]),
        ("-30 % à 14,99 €", ["-", "30", "%", "a", "1499", "eur"]),
        ("1. Stop", ["1", ".", "stop"]),
    ],
)
def test_when_text_is_tokenised_then_case_accents_and_numbers_are_normalised(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "expected", "guessed"),
    [
        ("stooop", ["stop"], set()),  # repeated letters
        ("pleeease stop", ["please", "stop"], set()),
        ("stop pls", ["stop", "please"], set()),  # SMS spelling
        ("dont msg me", ["don", "t", "message", "me"], set()),
        ("jveux un rdv", ["je", "veux", "un", "rendez", "vous"], set()),
        ("unsubcribe", ["unsubscribe"], {0}),  # one-edit typo: a guess
        ("désabonez moi", ["desabonnez", "moi"], {0}),
        ("aretez", ["arretez"], {0}),
        ("stpo sending", ["stop", "sending"], {0}),  # a listed typo: also a guess
        ("massage", ["massage"], set()),  # a real word too short to be corrected
        ("subscribe", ["subscribe"], set()),  # two edits away from "unsubscribe"
    ],
)
def test_when_people_misspell_then_tokens_are_corrected_and_guesses_marked(text, expected, guessed):
    toks, guesses, _ = normaliser().tokens(text)
    assert toks == expected
    assert guesses == guessed


def test_when_a_comma_separates_words_then_the_pause_is_recorded():
    toks, _, pauses = normaliser().tokens("I'm not interested, stop")
    assert toks[min(pauses)] == "stop"


def test_when_a_word_is_one_edit_from_a_target_then_it_is_corrected_once_and_memoised():
    norm = Normaliser({}, vocabulary={"unsubscribe"}, targets={"unsubscribe"})
    assert norm.typo("unsubscibe") == "unsubscribe"
    assert norm.typo("unsubscibe") == "unsubscribe"
    assert norm.typo("unsubscribe") is None  # the word itself is not a typo
    assert norm.typo("nsbscribe") is None  # two edits
