"""Phrase kinds: opt_out, product_sale, sensitive_request and promotion.

One detection function serves both directions (NeMo Guardrails' ``source`` argument): the
message is tokenised once (`guards.text.tokens`), all the phrases of the direction's
lexicons are found in one pass (`guards.lexicon.PhraseIndex`), then each kind applies its
rule to the spans found:

- ``opt_out`` (inbound): a ``command`` that is the whole message once ``filler`` words are
  dropped ("STOP", "stop please", "Arrêt !"), or a ``phrase`` anywhere ("please stop messaging
  me", "supprimez mes données"). A bare "stop" inside a sentence is not an opt-out ("can I stop
  by tomorrow?", "arrêt de bus", "stop smoking").
- ``product_sale``: a ``buy`` phrase (inbound) or a ``sell`` phrase (outbound) and a
  ``product`` in the same sentence, in any order; ``exclude`` phrases ("in order to") cancel
  the buy/sell phrase they overlap.
- ``sensitive_request`` (outbound): a ``request`` followed within 8 words of the same sentence
  by an ``item``, with no ``clause_break`` ("bring") in between and no ``partial`` value
  ("last 4 digits") in the sentence.
- ``promotion`` (outbound): any ``phrase``.

Every phrase but a command is cancelled by a ``negation`` word up to 4 words before it in the
same sentence, or right after its first word ("never share your card number", "nous ne
vendons pas de médicaments", "ne communiquez jamais votre code"), unless that negator is itself
part of a phrase of the same kind ("ne manquez pas", "don't message me").
"""

from __future__ import annotations

from functools import cached_property, lru_cache

from guards.findings import Direction, Finding
from guards.lexicon import Phrase, PhraseIndex, load_lexicon
from guards.text import BOUNDARIES, tokens

__all__ = ["detect_phrases"]

_SECTIONS = {
    "opt_out": ("command", "phrase", "filler"),
    "product_sale": ("product", "buy", "sell", "exclude"),
    "sensitive_request": ("request", "item", "partial", "clause_break"),
    "promotion": ("phrase",),
    "negation": ("before", "after"),
}
_USED = {
    "inbound": {
        "opt_out": ("phrase", "filler"),
        "product_sale": ("product", "buy", "exclude"),
        "negation": ("before", "after"),
    },
    "outbound": {
        "sensitive_request": ("request", "item", "partial", "clause_break"),
        "promotion": ("phrase",),
        "product_sale": ("product", "sell", "exclude"),
        "negation": ("before", "after"),
    },
}
_MAX_COMMAND_WORDS = 8
_REQUEST_REACH = 8
_NEGATION_REACH = 4
Spans = list[tuple[int, int]]
Found = dict[str, Spans]


def _plurals(phrases: frozenset[Phrase]) -> set[Phrase]:
    """Each product phrase and its plural in -s (last word), for "masks", "comprimés"."""
    out = set(phrases)
    out.update(p[:-1] + (p[-1] + "s",) for p in phrases if not p[-1].endswith(("s", "x")))
    return out


@lru_cache(maxsize=2)
def _index(direction: str) -> PhraseIndex:
    sections: dict[str, set[Phrase] | frozenset[Phrase]] = {}
    for kind, names in _USED[direction].items():
        lexicon = load_lexicon(kind, _SECTIONS[kind])
        for name in names:
            phrases = lexicon[name]
            sections[f"{kind}.{name}"] = _plurals(phrases) if name == "product" else phrases
    return PhraseIndex(sections)


@lru_cache(maxsize=1)
def _commands() -> frozenset[str]:
    return frozenset(" ".join(p) for p in load_lexicon("opt_out", _SECTIONS["opt_out"])["command"])


@lru_cache(maxsize=1)
def _command_words() -> frozenset[str]:
    return frozenset(word for command in _commands() for word in command.split())


def detect_phrases(text: str, direction: Direction) -> list[Finding]:
    """The phrase-kind findings of `text` for `direction` (no spans)."""
    toks = tokens(text)
    found = _index(direction).find(toks)
    negation = _Negation(found, toks)
    findings: list[Finding] = []
    if direction == "inbound":
        hit = _opt_out(toks, found, negation)
        if hit:
            findings.append(Finding("opt_out", detail=hit))
        hit = _sale(toks, found, "buy", negation)
        if hit:
            findings.append(Finding("product_sale", detail=hit))
        return findings
    hit = _sensitive_request(toks, found, negation)
    if hit:
        findings.append(Finding("sensitive_request", detail=hit))
    hit = _first_free(toks, found["promotion.phrase"], negation)
    if hit:
        findings.append(Finding("promotion", detail=hit))
    hit = _sale(toks, found, "sell", negation)
    if hit:
        findings.append(Finding("product_sale", detail=hit))
    return findings


def _sentences(toks: list[str]) -> list[int]:
    """The sentence number of each token."""
    out, current = [], 0
    for tok in toks:
        out.append(current)
        if tok in BOUNDARIES:
            current += 1
    return out


def _words(toks: list[str], span: tuple[int, int]) -> str:
    return " ".join(toks[span[0] : span[1]])


def _covered(spans: Spans) -> set[int]:
    """The token positions inside `spans` (each phrase is a few words long)."""
    return {i for a, b in spans for i in range(a, b)}


class _Negation:
    """Where the negators are, to ask in constant time whether one governs a phrase.

    Built lazily: most messages have no phrase to ask about.
    """

    def __init__(self, found: Found, toks: list[str]) -> None:
        self._found = found
        self._toks = toks

    @cached_property
    def before(self) -> set[int]:
        return {a for a, _ in self._found["negation.before"]}

    @cached_property
    def after(self) -> set[int]:
        return {a for a, _ in self._found["negation.after"]}

    @cached_property
    def sentence(self) -> list[int]:
        """The sentence number of each token."""
        return _sentences(self._toks)

    def governs(self, start: int, own: set[int]) -> bool:
        """Whether a negator governs the phrase starting at token `start`.

        `own` holds the positions of the phrases of the same kind: a negator inside one
        of them ("ne manquez pas", "don't message me") is part of a phrase, not a negation.
        """
        sentence = self.sentence[start]
        for k in range(max(0, start - _NEGATION_REACH), start):
            if k in self.before and self.sentence[k] == sentence and k not in own:
                return True
        return start + 1 in self.after


def _first_free(toks: list[str], spans: Spans, negation: _Negation) -> str:
    own = _covered(spans) if spans else set()
    for span in spans:
        if not negation.governs(span[0], own):
            return _words(toks, span)
    return ""


def _opt_out(toks: list[str], found: Found, negation: _Negation) -> str:
    hit = _first_free(toks, found["opt_out.phrase"], negation)
    if hit:
        return hit
    if len(toks) > _MAX_COMMAND_WORDS * 2 or _command_words().isdisjoint(toks):
        return ""
    filler = _covered(found["opt_out.filler"])
    words: list[str] = []
    for i, tok in enumerate(toks):
        if i not in filler and tok not in BOUNDARIES and (not words or words[-1] != tok):
            words.append(tok)
    command = " ".join(words)
    return command if 0 < len(words) <= _MAX_COMMAND_WORDS and command in _commands() else ""


def _sale(toks: list[str], found: Found, intent: str, negation: _Negation) -> str:
    products = found["product_sale.product"]
    intents = found[f"product_sale.{intent}"]
    if not products or not intents:
        return ""
    sentence = negation.sentence
    product_in: dict[int, tuple[int, int]] = {}
    for product in products:
        product_in.setdefault(sentence[product[0]], product)
    excluded = _covered(found["product_sale.exclude"])
    own = _covered(intents)
    for span in intents:
        sold = product_in.get(sentence[span[0]])
        if sold is None or any(i in excluded for i in range(*span)):
            continue
        if not negation.governs(span[0], own):
            return f"{_words(toks, span)} + {_words(toks, sold)}"
    return ""


def _sensitive_request(toks: list[str], found: Found, negation: _Negation) -> str:
    items = found["sensitive_request.item"]
    requests = found["sensitive_request.request"]
    if not items or not requests:
        return ""
    sentence = negation.sentence
    item_at: dict[int, tuple[int, int]] = {}
    for item in items:
        item_at.setdefault(item[0], item)
    partial = {sentence[a] for a, _ in found["sensitive_request.partial"]}
    breaks = {a for a, _ in found["sensitive_request.clause_break"]}
    own = _covered(requests)
    for span in requests:
        here = sentence[span[0]]
        if here in partial or negation.governs(span[0], own):
            continue
        for k in range(span[1], min(len(toks), span[1] + _REQUEST_REACH + 1)):
            if k in breaks or sentence[k] != here:
                break
            asked = item_at.get(k)
            if asked is not None:
                return f"{_words(toks, span)} ... {_words(toks, asked)}"
    return ""
