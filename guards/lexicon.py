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
from guards.text import BOUNDARIES, NUM, tokens

__all__ = ["DATA_DIR", "NUM", "PhraseIndex", "load_lexicon", "load_spelling"]

DATA_DIR = Path(__file__).parent / "data"
SPELLING_FILE = "spelling.txt"
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


@cache
def load_spelling() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """``({variant: words}, typos)`` from ``data/spelling.txt``: lines ``pls plz = please``
    give spellings, lines ``stpo ~ stop`` typos (variants whose correction is a guess)."""
    path = DATA_DIR / SPELLING_FILE
    table: dict[str, tuple[str, ...]] = {}
    typos: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        guess = "~" in line
        variants, sep, words = line.partition("~" if guess else "=")
        replacement = tuple(_words(words))
        if not sep or not replacement or not variants.split():
            raise LexiconError(f"{path.name}:{number}: expected 'variant ... = words'")
        for variant in variants.split():
            table[variant] = replacement
            if guess:
                typos.add(variant)
    return table, frozenset(typos)


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

    @property
    def trie(self) -> dict[str, Any]:
        """The trie, plain dicts and lists: what `from_trie` takes back (and a cache keeps)."""
        return self._root

    @classmethod
    def from_trie(cls, trie: dict[str, Any]) -> PhraseIndex:
        """An index over a `trie` built earlier."""
        index = cls({})
        index._root = trie
        return index

    def find(self, toks: list[str]) -> dict[str, list[tuple[int, int]]]:
        """For each section, the ``(start, end)`` token spans of its phrases in `toks`
        (a section with none gives an empty list)."""
        found: dict[str, list[tuple[int, int]]] = _Found()
        root = self._root
        root_num = root.get(NUM)
        size = len(toks)
        if root_num is None:
            starts = [i for i, tok in enumerate(toks) if tok in root]
        else:
            starts = [i for i, tok in enumerate(toks) if tok in root or tok.isdigit()]
        for i in starts:
            tok = toks[i]
            node = root.get(tok)
            if root_num is not None and tok.isdigit():
                stack = [(root_num, i + 1)] if node is None else [(node, i + 1), (root_num, i + 1)]
            elif node is None:
                continue
            else:
                # the common case: one path, no number in it; walk it without a stack
                j = i + 1
                while NUM not in node:
                    names = node.get(_END)
                    if names:
                        for name in names:
                            if name in found:
                                found[name].append((i, j))
                            else:
                                found[name] = [(i, j)]
                    if j >= size:
                        break
                    node = node.get(toks[j])
                    if node is None:
                        break
                    j += 1
                if node is None or NUM not in node:
                    continue
                stack = [(node, j)]
            while stack:
                node, j = stack.pop()
                names = node.get(_END)
                if names:
                    for name in names:
                        if name in found:
                            found[name].append((i, j))
                        else:
                            found[name] = [(i, j)]
                if j < size:
                    nxt = toks[j]
                    child = node.get(nxt)
                    if child is not None:
                        stack.append((child, j + 1))
                    if NUM in node and nxt.isdigit():
                        stack.append((node[NUM], j + 1))
        return found


class _Found(dict[str, list[tuple[int, int]]]):
    """The spans found per section; a section with none reads as an empty list."""

    def __missing__(self, key: str) -> list[tuple[int, int]]:
        return []
