"""Emergencies: a message that describes someone in danger now gets the emergency numbers first.

Unlike the policy kinds, a miss here can cost a life, so the rule leans towards recall: a
false alarm costs the user one extra message with the numbers, a miss costs them the help.

The patterns are regular expressions in ``guards/data/emergency.<lang>.re`` (every language
file is loaded), one section per kind of emergency, matched on the folded message (lower
case, no accents, every run of characters other than letters and digits one space), whole
words only. Two sections qualify a match rather than make one:

- ``[not]``: phrases that look like an emergency but are not ("emergency contraception",
  "food poisoning", "ça me tue") are blanked out before matching.
- ``[recovered]`` and ``[fiction]``: the person is fine now ("she's ok now", "ça va mieux"),
  or it happens in a game, a film or a book: no emergency.
- ``[possible]``: broad danger words ("bleeding", "can't wake", "couteau"). Alone they are not
  evidence enough to put the emergency numbers in place of the answer, but enough to put
  them before it (``possible_emergency``).
- ``[past]`` and ``[info]``: a message that places the event in a distant past ("last month",
  "il y a deux ans") or asks for general knowledge ("signs of a stroke", "en cas d'AVC", "for
  a school project") describes no emergency now, unless ``[now]`` says it is happening now.
"""

from __future__ import annotations

import re
from functools import lru_cache

from guards.errors import LexiconError
from guards.findings import Finding
from guards.lexicon import DATA_DIR
from guards.text import normalise

__all__ = ["EMERGENCY_KIND", "POSSIBLE_EMERGENCY_KIND", "detect_emergency", "emergency_categories"]

EMERGENCY_KIND = "emergency"
POSSIBLE_EMERGENCY_KIND = "possible_emergency"
_QUALIFIERS = ("not", "recovered", "fiction", "past", "info", "now", "possible")
_NON_WORD_RE = re.compile(r"[^a-z0-9]+")
_REPEATS_RE = re.compile(r"([a-z])\1{2,}")
_SPACES_RE = re.compile(r" {2,}")
_NOT_RE = re.compile(r"\b(\w+)n t\b")  # "isn t" (from "isn't") -> "isnt"
SMS_FILE = "emergency.sms.txt"


def _fold(text: str) -> str:
    """Lower case, no accents, one space between words, letters repeated 3+ times kept twice,
    SMS spellings written out (``emergency.sms.txt``)."""
    folded = _NOT_RE.sub(r"\1nt", _REPEATS_RE.sub(r"\1\1", _NON_WORD_RE.sub(" ", normalise(text))))
    spelling = _sms_spelling()
    return " " + " ".join(spelling.get(word, word) for word in folded.split()) + " "


@lru_cache(maxsize=1)
def _sms_spelling() -> dict[str, str]:
    """``{variant: words}`` from ``emergency.sms.txt`` (lines ``pa = pas``)."""
    path = DATA_DIR / SMS_FILE
    spelling: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        variants, equals, words = line.partition("=")
        if not equals or not variants.split() or not words.split():
            raise LexiconError(f"{SMS_FILE}:{number}: expected `variant ... = words`")
        spelling.update(dict.fromkeys(variants.split(), " ".join(words.split())))
    return spelling


def _read_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    paths = sorted(DATA_DIR.glob("emergency.*.re"))
    if not paths:
        raise LexiconError(f"no emergency.<lang>.re file in {DATA_DIR}")
    for path in paths:
        section = None
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1].strip()
                sections.setdefault(section, [])
            elif section is None:
                raise LexiconError(f"{path.name}:{number}: pattern before any [section]")
            else:
                try:
                    re.compile(line)
                except re.error as error:
                    raise LexiconError(f"{path.name}:{number}: {error}") from error
                sections[section].append(line)
    return sections


def _compile(patterns: list[str]) -> re.Pattern[str]:
    """One pattern for a section, matching whole words; a space in a pattern may also be
    absent, so that an optional group written ``word (group )?`` or ``word (group)?`` works."""
    body = "|".join(f"(?:{p.replace(' ', ' ?')})" for p in patterns)
    return re.compile(f"(?<![a-z0-9])(?:{body})(?![a-z0-9])")


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]:
    """(kinds of emergency, qualifiers), each compiled to one pattern per section."""
    sections = _read_sections()
    qualifiers = {name: _compile(sections.get(name) or ["(?!)"]) for name in _QUALIFIERS}
    kinds = {name: _compile(p) for name, p in sections.items() if name not in _QUALIFIERS and p}
    return kinds, qualifiers


def emergency_categories() -> tuple[str, ...]:
    """The kinds of emergency the patterns know ("breathing", "suicide"...)."""
    return tuple(_patterns()[0])


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """`text` with every match of `pattern` taken out (one space between the words left)."""
    return _SPACES_RE.sub(" ", pattern.sub(" ", text))


def detect_emergency(text: str) -> Finding | None:
    """An ``emergency`` finding whose `detail` names the kind of emergency, a
    ``possible_emergency`` finding when only danger words are there, or None."""
    kinds, qualifiers = _patterns()
    folded = _blank(qualifiers["not"], _fold(text))
    kind = next((name for name, pattern in kinds.items() if pattern.search(folded)), None)
    possible = kind is None and qualifiers["possible"].search(folded) is not None
    if (kind is None and not possible) or _not_now(folded, qualifiers):
        return None
    if kind is None:
        return Finding(POSSIBLE_EMERGENCY_KIND, detail="possible")
    return Finding(EMERGENCY_KIND, detail=kind)


def _not_now(folded: str, qualifiers: dict[str, re.Pattern[str]]) -> bool:
    """Whether the message says the danger is over, long past, or only a question of knowledge."""
    if qualifiers["recovered"].search(folded) or qualifiers["fiction"].search(folded):
        return True
    elsewhere = qualifiers["past"].search(folded) or qualifiers["info"].search(folded)
    return bool(elsewhere) and not qualifiers["now"].search(folded)
