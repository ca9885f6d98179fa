"""Normalisation: what people type brought to the lexicons' spelling, typos marked as guesses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S T O P", ["stop"]),
        ("s.t.o.p", ["stop"]),
        ("A B C", ["a", "b", "c"]),  # three letters may be initials: left apart
    ],
)
def test_when_a_word_is_spelt_out_then_it_is_read_as_one(text, expected):
    assert normaliser().tokens(text)[0] == expected


@pytest.mark.parametrize("dash", [" - ", " — ", " – "])
def test_when_a_dash_separates_words_then_it_is_a_pause(dash):
    toks, _, pauses = normaliser().tokens(f"stop{dash}now")
    assert toks == ["stop", "now"]
    assert pauses == {1}


def test_when_the_lexicons_are_loaded_then_nothing_is_written_to_the_home_directory(
    tmp_path: Path,
):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-c", "import guards; guards.preload(); guards.check('stop', 'inbound')"],
        cwd=root,
        env=env,
        check=True,
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("🛑", ["stopsign"]),
        ("STOP ⛔", ["stop", "stopsign"]),
        ("💊 paracetamol 💷 ?", ["medicine", "paracetamol", "price", "?"]),
        ("🙏 merci 😀", ["merci"]),  # other emoji are spaces
    ],
)
def test_when_an_emoji_stands_for_a_word_then_it_is_read_as_that_word(text, expected):
    assert normaliser().tokens(text)[0] == expected
