"""Phrase lexicons: the files under ``guards/data/`` and a one-pass token matcher.

A lexicon is every ``<kind>.<lang>.txt`` file of ``guards/data/`` (so a new language is a new
file). A file has ``[section]`` headers, then one entry per line; ``#`` starts a comment line.
An entry is a phrase written naturally ("arrêtez de m'envoyer"): it is normalised like the
text (`guards.text`), so case, accents, apostrophes and hyphens do not matter. Two pieces of
syntax:

- ``(a|b c|)``: alternatives, each of one or more words; an empty one makes the group
  optional. Groups do not nest; an entry may have several (they multiply).
- ``<num>``: any number ("<num> % off" matches "50% OFF").

Matching is by whole tokens, left to right, all entries of all sections in one pass over the
message, through a dict keyed by each entry's first token: linear in the message length,
whatever the size of the lexicons, and no backtracking regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from guards.errors import LexiconError
from guards.text import BOUNDARIES, tokens

__all__ = ["DATA_DIR", "NUM", "PhraseIndex", "load_lexicon"]

DATA_DIR = Path(__file__).parent / "data"
NUM = "<num>"
_GROUP_RE = re.compile(r"(\([^()]*\))")
Phrase = tuple[str, ...]


def _words(part: str) -> list[str]:
    out: list[str] = []
    for raw in part.split():
        out.extend([NUM] if raw == NUM else [t for t in tokens(raw) if t not in BOUNDARIES])
    return out


def expand(entry: str) -> list[Phrase]:
    """The token sequences an entry stands for: ``"stop (a|b c)"`` gives two."""
    if entry.count("(") != entry.count(")"):
        raise LexiconError(f"unbalanced parentheses in {entry!r}")
    sequences: list[list[str]] = [[]]
    for part in _GROUP_RE.split(entry):
        if part.startswith("(") and part.endswith(")"):
            choices = [_words(choice) for choice in part[1:-1].split("|")]
        elif "(" in part or ")" in part:
            raise LexiconError(f"nested or stray parenthesis in {entry!r}")
        else:
            choices = [_words(part)]
        sequences = [seq + choice for seq in sequences for choice in choices]
    return [tuple(seq) for seq in sequences if seq]


@cache
def load_lexicon(kind: str, sections: tuple[str, ...]) -> dict[str, frozenset[Phrase]]:
    """The phrases of each section of lexicon `kind`, over all its language files."""
    found: dict[str, set[Phrase]] = {name: set() for name in sections}
    paths = sorted(DATA_DIR.glob(f"{kind}.*.txt"))
    if not paths:
        raise LexiconError(f"no lexicon file {kind}.<lang>.txt in {DATA_DIR}")
    for path in paths:
        section = None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1].strip()
                if section not in found:
                    raise LexiconError(f"{path.name}:{number}: unknown section [{section}]")
            elif section is None:
                raise LexiconError(f"{path.name}:{number}: entry before any [section]")
            else:
                try:
                    found[section].update(expand(line))
                except LexiconError as error:
                    raise LexiconError(f"{path.name}:{number}: {error}") from None
    return {name: frozenset(phrases) for name, phrases in found.items()}


class PhraseIndex:
    """Finds the phrases of several named sections in a token list, in one pass."""

    def __init__(self, sections: dict[str, Iterable[Phrase]]) -> None:
        first: dict[str, list[tuple[list[str], bool, str]]] = {}
        for name, phrases in sections.items():
            for phrase in phrases:
                first.setdefault(phrase[0], []).append((list(phrase), NUM in phrase, name))
        self._first = first
        self._names = tuple(sections)

    def find(self, toks: list[str]) -> dict[str, list[tuple[int, int]]]:
        """For each section, the ``(start, end)`` token spans of its phrases in `toks`."""
        found: dict[str, list[tuple[int, int]]] = {name: [] for name in self._names}
        first = self._first
        has_num = NUM in first
        for i, tok in enumerate(toks):
            candidates = first.get(tok)
            if has_num and tok.isdigit():
                candidates = (candidates or []) + first[NUM]
            if not candidates:
                continue
            for phrase, wild, name in candidates:
                end = i + len(phrase)
                if end > len(toks):
                    continue
                if wild:
                    pairs = zip(phrase, toks[i:end], strict=True)
                    ok = all(p == t or (p == NUM and t.isdigit()) for p, t in pairs)
                else:
                    ok = end == i + 1 or toks[i:end] == phrase
                if ok:
                    found[name].append((i, end))
        return found
