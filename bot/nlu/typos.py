"""Correct the typos of a chat message against the words the training data knows.

Pure Python, no Rasa import (the NLU component `bot.nlu.spelling_corrector` wraps it).
People type "vacine", "numbr", "buisness", "reschedual", "tets"; word features only count
words they have seen, so an unknown word is replaced by the most frequent known word within
a small Damerau-Levenshtein distance: one edit (a letter added, dropped, changed, or two
swapped) for words of 5 to 7 letters, two edits from 8 letters. Shorter words, numbers and
words with no close neighbour are left alone; the character n-gram features still see them.

Lookups use a symmetric-delete index (the SymSpell idea): every known word is stored under
each spelling it has with up to two letters deleted, so a query only computes the distance
to the few words that share such a deletion with it: a fraction of a millisecond per unknown
word with the project's vocabulary of a few thousand words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

__all__ = ["MIN_LENGTH", "SpellingIndex", "damerau_levenshtein", "max_edits"]

#: Words shorter than this are never corrected: too many real words ("ever", "over") are one
#: edit apart.
MIN_LENGTH = 5
#: From this length on, two edits are allowed.
TWO_EDITS_LENGTH = 8


def max_edits(word: str) -> int:
    """How many edits a correction of `word` may make: 0 (never), 1 or 2."""
    if len(word) < MIN_LENGTH or not word.isalpha():
        return 0
    return 2 if len(word) >= TWO_EDITS_LENGTH else 1


def damerau_levenshtein(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def _deletions(word: str, depth: int) -> set[str]:
    """`word` and every spelling of it with up to `depth` letters deleted."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


class SpellingIndex:
    """Known words and their counts, indexed for typo lookups."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts = dict(counts)
        self._index: dict[str, set[str]] = defaultdict(set)
        for word in self.counts:
            if len(word) >= MIN_LENGTH - 1 and word.isalpha():
                for variant in _deletions(word, 2):
                    self._index[variant].add(word)

    @classmethod
    def from_words(cls, words: Iterable[str]) -> SpellingIndex:
        counts: dict[str, int] = defaultdict(int)
        for word in words:
            counts[word] += 1
        return cls(counts)

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def correct(self, word: str) -> str:
        """`word` if it is known or has no close known word, else the likeliest correction."""
        allowed = max_edits(word)
        if word in self.counts or allowed == 0:
            return word
        candidates = {c for v in _deletions(word, allowed) for c in self._index.get(v, ())}
        best: tuple[int, int, str] | None = None
        for candidate in candidates:
            distance = damerau_levenshtein(word, candidate)
            if distance <= allowed:
                key = (distance, -self.counts[candidate], candidate)
                best = key if best is None or key < best else best
        return best[2] if best else word
