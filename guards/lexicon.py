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
message, through a trie of tokens: linear in the message length (times the longest phrase),
whatever the size of the lexicons, and no backtracking regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from guards.errors import LexiconError
from guards.text import BOUNDARIES, tokens

__all__ = ["DATA_DIR", "NUM", "PhraseIndex", "load_lexicon"]

DATA_DIR = Path(__file__).parent / "data"
NUM = "<num>"
_END = ""  # trie key of the sections a phrase ends in; no token is empty
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
    """Finds the phrases of several named sections in a token list, in one pass.

    The phrases are stored as a trie of tokens, so the work at each position of the message
    is one dict look-up when no phrase starts there, and the length of the longest phrase
    starting there otherwise, however many phrases share a first word.
    """

    def __init__(self, sections: Mapping[str, Iterable[Phrase]]) -> None:
        root: dict[str, Any] = {}
        for name, phrases in sections.items():
            for phrase in phrases:
                node = root
                for tok in phrase:
                    node = node.setdefault(tok, {})
                node.setdefault(_END, []).append(name)
        self._root = root
        self._names = tuple(sections)

    def find(self, toks: list[str]) -> dict[str, list[tuple[int, int]]]:
        """For each section, the ``(start, end)`` token spans of its phrases in `toks`."""
        found: dict[str, list[tuple[int, int]]] = {name: [] for name in self._names}
        root = self._root
        root_num = root.get(NUM)
        size = len(toks)
        for i, tok in enumerate(toks):
            node = root.get(tok)
            if root_num is not None and tok.isdigit():
                stack = [(node, i + 1), (root_num, i + 1)]
            elif node is None:
                continue
            else:
                stack = [(node, i + 1)]
            while stack:
                node, j = stack.pop()
                if node is None:
                    continue
                names = node.get(_END)
                if names:
                    for name in names:
                        found[name].append((i, j))
                if j < size:
                    nxt = toks[j]
                    stack.append((node.get(nxt), j + 1))
                    if NUM in node and nxt.isdigit():
                        stack.append((node[NUM], j + 1))
        return found
