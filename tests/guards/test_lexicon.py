"""The token index stores entries as a shared graph: it must find exactly what the expanded
phrases would, on the real lexicons and on entries built to make alternatives collide."""

from __future__ import annotations

import random

import pytest

from guards.lexicon import NUM, Pattern, PhraseIndex, load_lexicon, parse, phrases, words
from guards.phrases import _SECTIONS


def _expanded(sections: dict[str, list[Pattern]]) -> PhraseIndex:
    """The reference: every phrase inserted on its own (nothing shared)."""
    return PhraseIndex(
        {
            name: [p for pattern in patterns for p in phrases(pattern)]
            for name, patterns in sections.items()
        }
    )


def _messages(vocabulary: list[str], seed: int, count: int = 400) -> list[list[str]]:
    rng = random.Random(seed)
    return [[rng.choice(vocabulary) for _ in range(rng.randint(1, 14))] for _ in range(count)]


def _same_spans(a: PhraseIndex, b: PhraseIndex, messages: list[list[str]]) -> None:
    for toks in messages:
        found_a, found_b = a.find(toks), b.find(toks)
        assert {k: sorted(v) for k, v in found_a.items() if v} == {
            k: sorted(v) for k, v in found_b.items() if v
        }, toks


def test_when_entries_share_prefixes_and_optional_groups_then_the_graph_finds_the_same():
    entries = {
        "a": ["stop (a|a b|) (c|d e)", "(stop|halt) (a|b) c", "stop a b c d"],
        "b": ["(a|) (b|) c", "a b", "stop (a|)", "<num> (% off|off|)"],
        "c": ["(x|stop a) (b c|)", "stop a b c (d|)"],
    }
    sections = {name: [parse(e) for e in lines] for name, lines in entries.items()}
    vocabulary = sorted(words(p for ps in sections.values() for p in ps) - {NUM}) + ["5", "z"]
    _same_spans(
        PhraseIndex(sections), _expanded(sections), _messages(vocabulary, seed=1, count=3000)
    )


def test_when_random_entries_are_indexed_then_the_graph_finds_what_expansion_finds():
    rng = random.Random(7)
    tokens = ["a", "b", "c", "d", "e", NUM]

    def slot() -> tuple[tuple[str, ...], ...]:
        choices = {tuple(rng.choice(tokens) for _ in range(rng.randint(0, 2))) for _ in range(3)}
        return tuple(choices)

    sections = {
        name: [tuple(slot() for _ in range(rng.randint(1, 4))) for _ in range(12)]
        for name in ("x", "y", "z")
    }
    vocabulary = ["a", "b", "c", "d", "e", "7", "f"]
    _same_spans(
        PhraseIndex(sections), _expanded(sections), _messages(vocabulary, seed=2, count=3000)
    )


@pytest.mark.parametrize("kind", ["opt_out", "product_sale", "promotion", "sensitive_request"])
def test_when_a_real_lexicon_is_indexed_then_the_graph_finds_what_expansion_finds(kind):
    lexicon = load_lexicon(kind, _SECTIONS[kind])
    # the entries small enough to expand here (the largest stand for 355,000 phrases)
    sections = {
        name: [p for p in patterns if len(phrases(p)) <= 2000] for name, patterns in lexicon.items()
    }
    vocabulary = sorted(words(p for ps in sections.values() for p in ps) - {NUM}) + ["12"]
    _same_spans(PhraseIndex(sections), _expanded(sections), _messages(vocabulary, seed=3))
    # and messages made of the phrases themselves, cut and joined
    rng = random.Random(4)
    pool = [p for ps in sections.values() for pattern in ps for p in phrases(pattern)]
    joined = [
        list(rng.choice(pool)) + list(rng.choice(pool))[: rng.randint(0, 3)] for _ in range(2000)
    ]
    _same_spans(PhraseIndex(sections), _expanded(sections), joined)


def test_when_an_entry_has_groups_then_it_is_parsed_into_slots_without_expanding():
    assert parse("Arrêtez (de m'|) (envoyer|écrire des) messages") == (
        (("arretez",),),
        (("de", "m"), ()),
        (("envoyer",), ("ecrire", "des")),
        (("messages",),),
    )
