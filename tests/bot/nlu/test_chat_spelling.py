import pytest

from bot.nlu.chat_spelling import fold_word


@pytest.mark.parametrize(
    "word, words",
    [
        ("Où", ["ou"]),
        ("DÉCHETTERIE", ["dechetterie"]),
        ("rdv", ["rendez", "vous"]),
        ("rendez-vous", ["rendez", "vous"]),
        ("stp", ["svp"]),
        ("jvoudrais", ["je", "voudrais"]),
        ("jpeux", ["je", "peux"]),
        ("merciiii", ["merci"]),
        ("plzzz", ["please"]),
        ("appt", ["appointment"]),
        ("u", ["you"]),
        ("l’hôtel", ["l", "hotel"]),
    ],
)
def test_chat_spellings_fold_to_the_words_of_the_examples(word, words):
    assert fold_word(word) == words


@pytest.mark.parametrize("word", ["dont", "ya", "sa", "ces", "id", "doc", "c", "n", "jour"])
def test_words_that_are_also_real_words_are_left_alone(word):
    assert fold_word(word) == [word]


def test_a_word_of_symbols_only_folds_to_nothing():
    assert fold_word("😀") == []
