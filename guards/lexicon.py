"""Phrase lexicons: the files under ``guards/data/`` and a one-pass token matcher.

A lexicon is every ``<kind>.<lang>.txt`` file of ``guards/data/`` (so a new language is a new
file). A file has ``[section]`` headers, then one entry per line; ``#`` starts a comment line.
An entry is a phrase written naturally ("arrêtez de m'envoyer"): it is normalised like the
text (`guards.text`), so case, accents, apostrophes and hyphens do not matter. Two pieces of
syntax:

- ``(a|b c|)``: alternatives, each of one or more words; an empty one makes the group
  optional. Groups do not nest; an entry may have several (they multiply the phrases, not
  the memory: the trie shares what follows a group among its alternatives).
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

__all__ = [
    "DATA_DIR",
    "NUM",
    "Pattern",
    "PhraseIndex",
    "expand",
    "load_lexicon",
    "load_spelling",
    "parse",
    "phrases",
    "words",
]

DATA_DIR = Path(__file__).parent / "data"
SPELLING_FILE = "spelling.txt"
_END = ""  # trie key of the sections a phrase ends in; no token is empty
_GROUP_RE = re.compile(r"(\([^()]*\))")
Phrase = tuple[str, ...]
#: An entry as written: a sequence of slots, each a tuple of alternatives (token sequences, the
#: empty one making the slot optional). "stop (a|b c)" is ``((("stop",),), (("a",), ("b", "c")))``.
Pattern = tuple[tuple[Phrase, ...], ...]


def _words(part: str) -> list[str]:
    out: list[str] = []
    for raw in part.split():
        out.extend([NUM] if raw == NUM else [t for t in tokens(raw) if t not in BOUNDARIES])
    return out


def parse(entry: str) -> Pattern:
    """The slots of an entry, without expanding its groups (one entry of the opt-out lexicon
    stands for 355,000 phrases: expanding them all cost seconds and hundreds of MB)."""
    if entry.count("(") != entry.count(")"):
        raise LexiconError(f"unbalanced parentheses in {entry!r}")
    slots: list[tuple[Phrase, ...]] = []
    for part in _GROUP_RE.split(entry):
        if part.startswith("(") and part.endswith(")"):
            slots.append(tuple(dict.fromkeys(tuple(_words(c)) for c in part[1:-1].split("|"))))
        elif "(" in part or ")" in part:
            raise LexiconError(f"nested or stray parenthesis in {entry!r}")
        elif words := _words(part):
            slots.append((tuple(words),))
    return tuple(slots)


def phrases(pattern: Pattern) -> list[Phrase]:
    """The token sequences a pattern stands for (for small sections and tests only)."""
    sequences: list[Phrase] = [()]
    for slot in pattern:
        sequences = [seq + choice for seq in sequences for choice in slot]
    return [seq for seq in dict.fromkeys(sequences) if seq]


def expand(entry: str) -> list[Phrase]:
    """The token sequences an entry stands for: ``"stop (a|b c)"`` gives two."""
    return phrases(parse(entry))


def words(patterns: Iterable[Pattern]) -> set[str]:
    """Every word the patterns can match."""
    return {word for pattern in patterns for slot in pattern for choice in slot for word in choice}


@cache
def load_lexicon(kind: str, sections: tuple[str, ...]) -> dict[str, frozenset[Pattern]]:
    """The entries of each section of lexicon `kind`, over all its language files."""
    found: dict[str, set[Pattern]] = {name: set() for name in sections}
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
                    pattern = parse(line)
                except LexiconError as error:
                    raise LexiconError(f"{path.name}:{number}: {error}") from None
                if pattern:
                    found[section].add(pattern)
    return {name: frozenset(patterns) for name, patterns in found.items()}


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
    starting there otherwise, however many phrases share a first word. Entries are given as
    patterns (`parse`) or as plain phrases.
    """

    def __init__(self, sections: Mapping[str, Iterable[Pattern | Phrase]]) -> None:
        builder = _TrieBuilder()
        for name, entries in sections.items():
            for entry in entries:
                builder.add(name, _as_pattern(entry))
        self._root = builder.root

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


def _as_pattern(entry: Pattern | Phrase) -> Pattern:
    """A plain phrase is a pattern of one slot with one alternative."""
    if entry and isinstance(entry[0], str):
        return ((entry,),)
    return entry  # type: ignore[return-value]


class _TrieBuilder:
    """Builds the trie as a graph in which the alternatives of a group share the node that
    follows them, so an entry costs the sum of its groups' sizes, not their product.

    A node with two parents is *shared* and is copied before anything is added under it (copy
    on write): what one entry adds never becomes reachable through another entry's path.
    """

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}
        self._shared: set[int] = set()  # ids of nodes that may have several parents

    def add(self, name: str, pattern: Pattern) -> None:
        tail: dict[str, Any] = {_END: (name,)}
        for slot in reversed(pattern):
            tail = self._slot(slot, tail)
        self._merge(self.root, tail)

    def _slot(self, slot: tuple[Phrase, ...], tail: dict[str, Any]) -> dict[str, Any]:
        """A new node from which each alternative of `slot` leads to `tail`."""
        head: dict[str, Any] = {}
        for choice in slot:
            if not choice:
                self._merge(head, tail)
                continue
            node = head
            for tok in choice[:-1]:
                node = self._owned_child(node, tok)
            if choice[-1] in node:
                self._merge(self._owned_child(node, choice[-1]), tail)
            else:
                node[choice[-1]] = self._share(tail)
        return head

    def _merge(self, dst: dict[str, Any], src: dict[str, Any]) -> None:
        """Adds every path of `src` to `dst`, a node only one path reaches."""
        for tok, child in src.items():
            if tok == _END:
                names = dst.get(_END, ())
                dst[_END] = names + tuple(name for name in child if name not in names)
            elif tok not in dst:
                dst[tok] = self._share(child)
            elif dst[tok] is not child:
                self._merge(self._owned_child(dst, tok), child)

    def _owned_child(self, node: dict[str, Any], tok: str) -> dict[str, Any]:
        """The child of `node` under `tok`, created, or copied if it is shared."""
        child = node.get(tok)
        if child is None:
            child = node[tok] = {}
        elif id(child) in self._shared:
            child = node[tok] = dict(child)
            self._shared.update(id(grandchild) for key, grandchild in child.items() if key != _END)
        return child

    def _share(self, node: dict[str, Any]) -> dict[str, Any]:
        self._shared.add(id(node))
        return node
