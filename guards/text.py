"""Text normalisation for phrase matching: lower case, no accents, punctuation as spaces.

`tokens(text)` turns ``"ARRÊTEZ de m’envoyer des SMS !"`` into
``["arretez", "de", "m", "envoyer", "des", "sms", "!"]``: words of ASCII letters and digits,
and one-character tokens for sentence ends (``. ! ? ; :`` and newlines; `is_boundary` tells
them apart). Letters outside Latin scripts are dropped: the lexicons are English and French.

Speed matters (every user message goes through here), so ASCII text takes a fast path of
C-level calls only, and other text pays one Python call per remaining non-ASCII character
after accents are stripped by NFKD.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BOUNDARIES", "normalise", "tokens"]

#: Tokens that end a sentence. Phrases never span them.
BOUNDARIES = frozenset(".!?;:\n")
_TOKEN_RE = re.compile(r"[a-z0-9]+|[.!?;:\n]")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]+")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_LETTERS = {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "ı": "i", "ŀ": "l"}
_SENTENCE_ENDS = {"…": ".", "¡": "!", "¿": "?", "؟": "?", "。": "."}


def _ascii(match: re.Match[str]) -> str:
    char = match.group()
    return _LETTERS.get(char) or _SENTENCE_ENDS.get(char) or " "


def normalise(text: str) -> str:
    """Lower-case `text` and strip accents; other non-ASCII characters become spaces."""
    text = text.lower()
    if text.isascii():
        return text
    text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
    return _NON_ASCII_RE.sub(_ascii, text)


def tokens(text: str) -> list[str]:
    """The words and sentence-end marks of `text` after `normalise`."""
    return _TOKEN_RE.findall(normalise(text))
