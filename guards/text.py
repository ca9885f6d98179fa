"""Text normalisation for phrase matching: what people type, brought to one spelling.

`tokens(text)` turns ``"ARRÊTEZ de m’envoyer des SMS !"`` into
``["arretez", "de", "m", "envoyer", "des", "sms", "!"]``: words of ASCII letters, numbers,
``%``, currency words (``€`` becomes ``eur``) and one-character tokens for sentence ends
(``. ! ? ; :`` and newlines; `BOUNDARIES`). Letters and digits glued together are two
tokens ("500mg" -> ``500 mg``, "ffp2" -> ``ffp 2``). Letters outside Latin scripts are
dropped: the lexicons are English and French.

`Normaliser` goes further, for people's spelling: runs of 3 or more identical letters
("stooop", "pleeease"), SMS spellings ("pls", "svp", "msg", "rdv", from
``data/spelling.txt``) and one-edit typos of the long words of the lexicons ("unsubcribe",
"désabonez", "aretez"). It reports which tokens were corrected by a guess (a typo), so a
finding resting on them can say it is not certain.

Speed matters (every user message goes through here): ASCII text takes a fast path of
C-level calls only, and the per-token work is one dict look-up, the typo search being
memoised per word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["BOUNDARIES", "NUM", "Normaliser", "normalise", "tokens"]

#: Tokens that end a sentence. Phrases never span them.
BOUNDARIES = frozenset(".!?;:\n")
#: The token class standing for any number in lexicon entries.
NUM = "<num>"
#: Words, numbers (a decimal "14,99" is one number, "1499"), "%", "$", a minus sign before a
#: number ("-30 %") and sentence ends; the chat form also keeps commas, as pauses.
_TOKEN_RE = re.compile(r"[a-z]+|[0-9]+(?:[.,][0-9]+)*|(?<![a-z0-9])-(?=[0-9])|[.!?;:\n%$]")
_CHAT_RE = re.compile(r"[a-z]+|[0-9]+(?:[.,][0-9]+)*|(?<![a-z0-9])-(?=[0-9])|[.!?;:\n%$,]")
_DECIMAL = str.maketrans("", "", ".,")
_DIGIT_START = frozenset("0123456789")
_PLAIN_MARKS = frozenset(".!?;:\n%$-") | frozenset("abcdefghijklmnopqrstuvwxyz")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]+")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_REPEAT_RE = re.compile(r"([a-z])\1\1+")
#: Four or more single letters apart: a word spelt out ("S T O P", "s.t.o.p").
#: Only short messages are searched for them (a command spelt out is short; the search
#: would cost a tenth of the time of a check on every chat message).
_SPACED_LIMIT = 40
_SPACED_RE = re.compile(r"(?<![a-z0-9])[a-z](?:[ .]+[a-z](?![a-z0-9])){3,}")
_LETTERS = {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "ı": "i", "ŀ": "l"}
_SENTENCE_ENDS = {"…": ".", "¡": "!", "¿": "?", "؟": "?", "。": "."}
#: Emoji people type instead of a word: a stop sign alone asks to stop (a word of its own,
#: `stopsign`, so the lexicons decide how sure that is), a pill is a medicine, money a price.
_EMOJI = {
    "\U0001f6d1": " stopsign ",  # octagonal sign
    "\u26d4": " stopsign ",  # no entry
    "\U0001f48a": " medicine ",  # pill
    "\U0001f4b7": " price ",  # pound banknote
    "\U0001f4b6": " price ",  # euro banknote
    "\U0001f4b5": " price ",  # dollar banknote
    "\U0001f4b0": " price ",  # money bag
    "\U0001f4b8": " price ",  # money with wings
}
_SYMBOLS = {**_SENTENCE_ENDS, **_EMOJI, "€": " eur ", "£": " gbp ", "—": " , ", "–": " , "}
#: "n°" / "nº" is "numéro" (its "n" is no negation): "le n° de passeport".
_NUMERO_RE = re.compile(r"(?<![a-z0-9])n ?[\u00b0\u00ba]")
_MIN_TYPO_LENGTH = 6  # shorter words have too many one-edit neighbours that are real words
_MIN_TARGET_LENGTH = 7
_MEMO_LIMIT = 50_000
_PLAIN_LIMIT = 200_000  # words learnt to need no correction; beyond, they are re-checked


def _unspace(match: re.Match[str]) -> str:
    return re.sub(r"[ .]+", "", match.group())


def _ascii(match: re.Match[str]) -> str:
    char = match.group()
    return _LETTERS.get(char) or _SENTENCE_ENDS.get(char) or " "


def _ascii_words(match: re.Match[str]) -> str:
    char = match.group()
    return _LETTERS.get(char) or _SYMBOLS.get(char) or " "


def normalise(text: str) -> str:
    """Lower-case `text` and strip accents; other non-ASCII characters become spaces."""
    text = text.lower()
    if text.isascii():
        return text
    text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
    return _NON_ASCII_RE.sub(_ascii, text)


def _fold(text: str) -> str:
    """`normalise`, with currency signs as words ("€" -> " eur ") and "n°" as "numero": what
    the tokens read."""
    text = text.lower()
    if text.isascii():
        return text
    text = _NUMERO_RE.sub("numero ", text)
    text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
    return _NON_ASCII_RE.sub(_ascii_words, text)


def tokens(text: str) -> list[str]:
    """The words, numbers and sentence-end marks of `text` after `normalise`."""
    return [_number(tok) for tok in _TOKEN_RE.findall(_fold(text))]


def _number(tok: str) -> str:
    return tok.translate(_DECIMAL) if len(tok) > 2 and tok[0].isdigit() else tok


def _distance(a: str, b: str) -> int:
    """Edit distance with transpositions (optimal string alignment), for short words."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Normaliser:
    """Brings tokens to the spelling of the lexicons: repeats, SMS words, one-edit typos.

    Args:
        spelling: ``{variant: replacement tokens}`` ("pls" -> ``("please",)``).
        vocabulary: every word the lexicons use; a word in it is never corrected.
        targets: the words a typo may be corrected to (long, distinctive lexicon words).
        typos: the variants of `spelling` that are typos: their correction is a guess.
    """

    def __init__(
        self,
        spelling: dict[str, tuple[str, ...]],
        vocabulary: Iterable[str],
        targets: Iterable[str],
        typos: Iterable[str] = (),
    ) -> None:
        self._spelling = spelling
        self._typos = frozenset(typos)
        self._vocabulary = frozenset(vocabulary) | frozenset(spelling)
        # symmetric deletion index: a word within one edit of a target shares a deletion
        # with it (or is one), which covers insertion, deletion and substitution
        index: dict[str, set[str]] = {}
        for target in targets:
            if len(target) >= _MIN_TARGET_LENGTH and target.isalpha():
                for key in _deletions(target) | {target}:
                    index.setdefault(key, set()).add(target)
        self._index = {key: frozenset(words) for key, words in index.items()}
        self._memo: dict[str, str | None] = {}
        self._set_plain()

    def _set_plain(self) -> None:
        """The tokens left as they are: known words, short ones, sentence ends, symbols.
        A message made of them only skips the per-token loop (numbers are not in it)."""
        self._plain = set((self._vocabulary | _PLAIN_MARKS).difference(self._spelling))

    def known(self, word: str) -> bool:
        """Whether `word` (normalised) is a word of the lexicons or of the spelling list."""
        return word in self._vocabulary

    def typo(self, word: str) -> str | None:
        """The lexicon target `word` is a one-edit typo of, or None (memoised)."""
        memo = self._memo
        if word in memo:
            return memo[word]
        found: set[str] = set()
        index = self._index
        for key in _deletions(word) | {word}:
            hit = index.get(key)
            if hit:
                found |= hit
        found.discard(word)
        # a shared deletion may hide two edits: the closest target wins ("desabonez" is
        # one insertion from "desabonnez", two edits from "desabonne"), then the first
        result = min(found, key=lambda target: (_distance(word, target), target)) if found else None
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        memo[word] = result
        return result

    def _changes(self, tok: str) -> bool:
        """Whether the loop of `tokens` would change `tok` (not in the known words)."""
        if tok in self._spelling:
            return True
        if tok[0] in _DIGIT_START:
            return len(tok) > 3 and ("." in tok or "," in tok)
        return len(tok) >= _MIN_TYPO_LENGTH and tok.isalpha() and self.typo(tok) is not None

    def _repeats(self, word: str) -> str:
        once = _REPEAT_RE.sub(r"\1", word)
        if once in self._vocabulary:
            return once
        twice = _REPEAT_RE.sub(r"\1\1", word)
        return twice if twice in self._vocabulary else once

    def tokens(self, text: str) -> tuple[list[str], set[int], set[int]]:
        """The normalised tokens of `text`, the positions of typo guesses among them, and
        the positions of the tokens that follow a comma (a pause that ends a negation's
        reach: "I'm not interested, stop")."""
        norm = _fold(text)
        if " - " in norm:
            norm = norm.replace(" - ", " , ")  # a spaced dash is a pause: "STOP - I never..."
        if len(norm) <= _SPACED_LIMIT and _SPACED_RE.search(norm):
            norm = _SPACED_RE.sub(_unspace, norm)  # "S T O P" is "stop"
        raw = _CHAT_RE.findall(norm)
        repeats = _REPEAT_RE.search(norm) is not None
        if not repeats and "," not in norm:
            unknown = set(raw).difference(self._plain)
            if not unknown:
                return raw, set(), set()  # the common case: every token as it is
            if not any(map(self._changes, unknown)):
                if len(self._plain) < _PLAIN_LIMIT:
                    self._plain.update(unknown)  # seen, unchanged: skip them next time
                return raw, set(), set()
        spelling = self._spelling
        vocabulary = self._vocabulary
        out: list[str] = []
        guessed: set[int] = set()
        pauses: set[int] = set()
        for tok in raw:
            if tok == ",":
                pauses.add(len(out))
                continue
            if tok[0] in _DIGIT_START:
                out.append(tok.translate(_DECIMAL) if len(tok) > 3 else tok)
                continue
            if repeats and len(tok) > 2:
                tok = self._repeats(tok)
            replacement = spelling.get(tok)
            if replacement is not None:
                if tok in self._typos:
                    guessed.update(range(len(out), len(out) + len(replacement)))
                out.extend(replacement)
                continue
            if len(tok) >= _MIN_TYPO_LENGTH and tok not in vocabulary and tok.isalpha():
                fixed = self.typo(tok)
                if fixed is not None:
                    guessed.add(len(out))
                    tok = fixed
            out.append(tok)
        return out, guessed, pauses
