import random
import string
import time

import pytest

from bot.nlu.typos import SpellingIndex, damerau_levenshtein, max_edits

KNOWN = SpellingIndex.from_words(
    "vaccine vaccine number business reschedule appointment test test cancel thank over "
    "eligible collection address mairie marie".split()
)


@pytest.mark.parametrize(
    "typo, word",
    [
        ("vacine", "vaccine"),
        ("numbr", "number"),
        ("buisness", "business"),
        ("reschedual", "reschedule"),
        ("apointment", "appointment"),
        ("cancle", "cancel"),
        ("thnak", "thank"),
        ("elligible", "eligible"),
    ],
)
def test_a_typo_is_corrected_to_the_known_word(typo, word):
    assert KNOWN.correct(typo) == word


@pytest.mark.parametrize("word", ["mairie", "marie", "tets", "ever", "zzzzzz", "12345", "covid19"])
def test_known_short_numeric_and_faraway_words_are_kept(word):
    assert KNOWN.correct(word) == word


def test_the_most_frequent_of_equally_close_words_wins():
    index = SpellingIndex({"carts": 1, "cards": 9})
    assert index.correct("carxs") == "cards"


def test_distance_counts_a_swap_as_one_edit():
    assert damerau_levenshtein("tets", "test") == 1
    assert damerau_levenshtein("reschedual", "reschedule") == 2
    assert [max_edits(w) for w in ("abcd", "abcde", "abcdefgh", "ab123")] == [0, 1, 2, 0]


def test_a_lookup_stays_fast_on_a_vocabulary_of_five_thousand_words():
    rng = random.Random(7)
    letters = string.ascii_lowercase
    words = ["".join(rng.choices(letters, k=rng.randint(4, 11))) for _ in range(5000)]
    index = SpellingIndex.from_words(words)
    typos = [w[:2] + w[3:] + "e" for w in words[:200]]
    start = time.perf_counter()
    for typo in typos:
        index.correct(typo)
    assert (time.perf_counter() - start) / len(typos) < 0.005  # generous: the CPU is shared
