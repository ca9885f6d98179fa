"""Phrase kinds: opt_out, product_sale, sensitive_request and promotion.

One detection function serves both directions (NeMo Guardrails' ``source`` argument). The
message is normalised once (`guards.text.Normaliser`: case, accents, repeated letters, SMS
spellings, one-edit typos of long lexicon words), every phrase of the direction's lexicons
is found in one pass (`guards.lexicon.PhraseIndex`), then each kind composes what it found:

- ``opt_out`` (inbound), first rule that fires:

  1. the whole message, once ``filler`` words (greetings, thanks, "please") are dropped, is
     a ``command`` ("STOP", "Good evening, STOP.", "unsubscribe me"): certain;
  2. an unambiguous ``phrase`` anywhere ("stop messaging me", "supprimez mes données"):
     certain;
  3. a ``soft_command`` as the whole message ("cancel", "enough") or an ``indirect``
     request ("no more messages please", "ne m'envoyez plus rien"), or an ``unwanted`` cue
     ("I don't need", "plus besoin") then the ``messages`` within 5 words of the clause,
     with "any more" after them when the cue does not say "no longer" ("I don't need any
     of the clinic's messages any more"): likely;
  4. a ``keyword`` ("stop", "unsubscribe", "arrêtez") anywhere, unless it is inside an
     ``other_sense`` phrase ("bus stop", "won't stop", "arrêt maladie") or what follows
     gives it another object: a word in -ing ("stop running"), or a ``complement`` ("the",
     "de", "my") not followed by a ``messaging`` word within 3 words ("stop the bleeding",
     "arrêter de fumer"); another word after it is accepted in a short message only
     ("STOP I'm not interested"); nor when it ends a question asking when ("when do the
     reminders stop?"), nor in a message with a ``correction`` ("I sent the wrong photo")
     or ``banter`` ("you're too kind"): likely.

  A ``phrase`` or ``indirect`` request whose ``removal`` ("remove me", "enlevez-moi", "take
  me off") is followed in its clause by an ``appointment`` ("du créneau de 9h", "from
  tomorrow's slot") is no opt-out; by another list or service (``elsewhere``: "de la liste
  d'attente", "from the yoga class"), a phrase is only likely. A ``messages`` noun before it
  keeps it ours ("retirez-moi des rappels de vaccination").

  No phrase, indirect request or keyword counts right after the auxiliary of a ``past``
  phrase ("ça a | arrêté de m'envoyer les rappels": what happened, not a request).

  A finding resting on a typo guess ("unsubcribe") is never certain.
- ``product_sale``: a health product (``health_product.*.txt``, by category) and, inbound, a
  ``buy`` cue in the same or an adjacent sentence, or an ``ask`` cue ("do you have", "I
  need", "combien") within 5 words of it in a sentence with no ``use`` cue (dose, side
  effects, device error: those are questions, not purchases; an ``ask`` that ends the
  question may follow the product: "crème solaire vous avez ?"), or a ``quantity`` right
  before it ("2x omeprazole"); outbound, a ``sell`` offer within 2 sentences of it. A
  prescription is a product only with an order or delivery cue (``delivery``), and a test
  or a prescription never with an ``ask`` cue alone. With no product of the lexicon, inbound,
  a capitalised unknown word after a container or a purchase verb ("a box of Zolvex",
  "commander du Donormyl") is one (category ``brand``). ``exclude`` phrases ("in order to",
  "consultation cost", "sent by the NHS") cancel the cues they overlap and, in both
  directions, the products inside them ("our vitamin D test" is a service; "glucose test
  strips" are not inside "glucose test"). Use words inside a ``variant`` of the product ("0-6
  mois", "for pregnant women") ask nothing about its use.
- ``sensitive_request`` (outbound): a ``request`` followed within 10 words of the same
  sentence by an ``item`` (named or described: "the 3 digits on the back"), or followed by
  one within 3 words, with no ``clause_break`` ("bring", "never") in between and no
  ``partial`` value ("last 4 digits") in the sentence (a negated one, "not just the last 4
  digits", asks for the whole value and tolerates nothing); or a request of "the number" right
  after what carries one (``holder``: "What card? Just drop the number here"). Nothing in a
  fraud ``warning`` ("fake texts ask for your PIN") is a request.
- ``promotion`` (outbound): any ``phrase`` not overlapping an ``exclude`` one ("don't miss
  your appointment", "the vaccination is free").

Every cue but a command is cancelled by a ``negation`` word up to 4 words before it in the
same sentence and clause (a comma ends the reach), or right after its first word, unless the
negator is part of a phrase of the same kind ("don't message me"). Each finding's `detail`
names the rule and the words that fired.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any

from guards.findings import Direction, Finding
from guards.lexicon import (
    Pattern,
    Phrase,
    PhraseIndex,
    load_lexicon,
    load_spelling,
    phrases,
    words,
)
from guards.numbers import warm_up as detect_numbers_warm_up
from guards.scores import model as scores_model
from guards.scores import scores
from guards.text import BOUNDARIES, Normaliser, normalise

__all__ = ["PRODUCT_CATEGORIES", "detect_phrases", "detect_rules", "normaliser", "preload"]

PRODUCT_CATEGORIES = (
    "medicine",
    "hosiery",
    "smoking_cessation",
    "contraception",
    "skin_care",
    "self_test",
    "hearing",
    "mobility",
    "infant_nutrition",
    "vitamins",
    "optics",
    "diabetes",
    "mask",
    "device",
    "first_aid",
    "incontinence",
    "prescription",
    "test",
    "hygiene",
    "nutrition",
)
_SENSITIVE_SECTIONS = (
    "request",
    "item",
    "partial",
    "clause_break",
    "pronoun",
    "holder",
    "number_of",
    "warning",
)
_SECTIONS = {
    "opt_out": (
        "command",
        "soft_command",
        "phrase",
        "indirect",
        "keyword",
        "other_sense",
        "messaging",
        "complement",
        "filler",
        "erase",
        "personal_data",
        "appointment",
        "medium",
        "polite",
        "correction",
        "banter",
        "past",
        "unwanted",
        "messages",
        "removal",
        "elsewhere",
    ),
    "product_sale": (
        "buy",
        "ask",
        "ask_either",
        "buy_alone",
        "use",
        "sell",
        "sell_alone",
        "offer_subject",
        "offer_verb",
        "exclude",
        "quantity",
        "delivery",
        "variant",
        "booking",
    ),
    "health_product": PRODUCT_CATEGORIES,
    "sensitive_request": _SENSITIVE_SECTIONS,
    "promotion": ("phrase", "urgency", "exclude"),
    "negation": ("before", "after"),
}
_USED = {
    "inbound": {
        "opt_out": (
            "phrase",
            "indirect",
            "keyword",
            "other_sense",
            "filler",
            "erase",
            "personal_data",
            "appointment",
            "polite",
            "correction",
            "banter",
            "past",
            "unwanted",
            "messages",
            "removal",
            "elsewhere",
        ),
        "product_sale": (
            "buy",
            "ask",
            "ask_either",
            "buy_alone",
            "use",
            "exclude",
            "quantity",
            "delivery",
            "variant",
        ),
        "health_product": PRODUCT_CATEGORIES,
        "negation": ("before", "after"),
    },
    "outbound": {
        "sensitive_request": _SENSITIVE_SECTIONS,
        "promotion": ("phrase", "urgency", "exclude"),
        "product_sale": (
            "sell",
            "sell_alone",
            "offer_subject",
            "offer_verb",
            "exclude",
            "booking",
            "delivery",
        ),
        "health_product": PRODUCT_CATEGORIES,
        "negation": ("before", "after"),
    },
}
#: The sections that can start a finding, matched first; the others (context: products,
#: negators, fillers, exclusions...) are matched only when one of these was found.
_PRODUCTS = {f"health_product.{category}" for category in PRODUCT_CATEGORIES}
_CUES = {
    "inbound": {
        "opt_out.phrase",
        "opt_out.indirect",
        "opt_out.keyword",
        "opt_out.erase",
        "opt_out.unwanted",
        "product_sale.buy_alone",
        *_PRODUCTS,  # a sale needs a product (but for `buy_alone`): its cues are context
    },
    "outbound": {
        "sensitive_request.item",
        "sensitive_request.holder",
        "promotion.phrase",
        "promotion.urgency",
        "product_sale.sell_alone",
        *_PRODUCTS,
    },
}
_MAX_COMMAND_WORDS = 8
_SHORT_MESSAGE_WORDS = 12
_COMPLEMENT_REACH = 3
_ASK_REACH = 5
_REQUEST_REACH = 10
_REQUEST_AFTER_REACH = 3
_NEGATION_REACH = 4
_SELL_SENTENCES = 2
_ITEM_QUESTION_WORDS = 8
_OFFER_REACH = 3
_ERASE_REACH = 6
_BUY_ALONE_WORDS = 10
_NUMBER_REACH = 1
_POLITE = frozenset(("please", "kindly", "s il vous plait", "svp", "stp", "merci de"))
_OF = frozenset(("of", "de", "du", "des", "d"))
Span = tuple[int, int]
Spans = list[Span]
_NONE: list[Span] = []  # what a section not found reads as; never appended to
Found = dict[str, Spans]


def _plurals(patterns: Iterable[Pattern]) -> set[Phrase]:
    """Each product phrase and its plural in -s (last word), for "masks", "comprimés"."""
    out = {phrase for pattern in patterns for phrase in phrases(pattern)}
    out.update(p[:-1] + (p[-1] + "s",) for p in list(out) if not p[-1].endswith(("s", "x")))
    return out


@lru_cache(maxsize=1)
def _spelling() -> dict[str, tuple[str, ...]]:
    return load_spelling()[0]


def _respell(patterns: Iterable[Pattern]) -> set[Pattern]:
    """The words of the patterns in the spelling messages are brought to ("dont" -> "don t")."""
    spelling = _spelling()

    def respell(choice: Phrase) -> Phrase:
        return tuple(out for word in choice for out in spelling.get(word, (word,)))

    return {
        tuple(tuple(dict.fromkeys(respell(choice) for choice in slot)) for slot in pattern)
        for pattern in patterns
    }


@cache
def _lexicon(kind: str) -> dict[str, set[Pattern]]:
    lexicon = load_lexicon(kind, _SECTIONS[kind])
    return {name: _respell(patterns) for name, patterns in lexicon.items()}


@lru_cache(maxsize=4)
def _index(direction: str, cues: bool) -> PhraseIndex:
    """The index of the cue sections of `direction` (`cues`), or of the others."""
    sections: dict[str, set[Pattern] | set[Phrase]] = {}
    for kind, names in _USED[direction].items():
        lexicon = _lexicon(kind)
        for name in names:
            if (f"{kind}.{name}" in _CUES[direction]) != cues:
                continue
            patterns = lexicon[name]
            plural = kind == "health_product" or (kind, name) == ("sensitive_request", "item")
            sections[f"{kind}.{name}"] = _plurals(patterns) if plural else patterns
    return PhraseIndex(sections)


def _build_normaliser() -> Normaliser:
    vocabulary: set[str] = set()
    targets: set[str] = set()
    for kind in _SECTIONS:
        for name, patterns in _lexicon(kind).items():
            section_words = words(patterns)
            vocabulary |= section_words
            if kind == "health_product" or (kind, name) in _TYPO_SECTIONS:
                targets |= section_words
    for patterns in _lexicon("health_product").values():
        vocabulary |= {word for phrase in _plurals(patterns) for word in phrase}
    return Normaliser(_spelling(), vocabulary, targets, load_spelling()[1])


@lru_cache(maxsize=1)
def normaliser() -> Normaliser:
    """The shared `Normaliser`: its vocabulary is every word of every lexicon, its typo
    targets the long words of the opt-out, product and sensitive-item lexicons."""
    return _build_normaliser()


_TYPO_SECTIONS = {
    ("opt_out", "command"),
    ("opt_out", "keyword"),
    ("opt_out", "phrase"),
    ("opt_out", "indirect"),
    ("opt_out", "messaging"),
    ("sensitive_request", "item"),
}


@lru_cache(maxsize=1)
def _opt_out_words() -> dict[str, frozenset[str]]:
    lexicon = _lexicon("opt_out")
    return {
        "command": frozenset(" ".join(p) for e in lexicon["command"] for p in phrases(e)),
        "soft_command": frozenset(" ".join(p) for e in lexicon["soft_command"] for p in phrases(e)),
        "messaging": frozenset(words(lexicon["messaging"])),
        "complement": frozenset(words(lexicon["complement"])),
        "medium": frozenset(words(lexicon["medium"])),
    }


def preload() -> None:
    """Compile every lexicon now (about 0.4 s of CPU), so the first messages do not pay
    for it: what a server or the CLI calls once when it starts. Nothing is written to disk."""
    normaliser()
    _opt_out_words()
    _command_words()
    for direction in _USED:
        _index(direction, True)
        _index(direction, False)
        scores_model(direction)
    detect_numbers_warm_up()


#: The order in which `check` reports the phrase kinds of each direction.
_KIND_ORDER: dict[str, tuple[str, ...]] = {
    "inbound": ("opt_out", "product_sale"),
    "outbound": ("sensitive_request", "promotion", "product_sale"),
}


#: Sections of the lexicons that tell the rules read a message and found another meaning: the
#: model does not overrule them ("bus stop", a question about a dose, "in order to"); nor does
#: it when they found a negation (it reads words, not their scope).
_VETOES: dict[str, dict[str, str]] = {
    "inbound": {
        "opt_out.other_sense": "opt_out",
        "opt_out.correction": "opt_out",
        "opt_out.banter": "opt_out",
        "opt_out.past": "opt_out",
        "product_sale.use": "product_sale",
        "product_sale.exclude": "product_sale",
    },
    "outbound": {
        "sensitive_request.warning": "sensitive_request",
        "sensitive_request.partial": "sensitive_request",
        "sensitive_request.clause_break": "sensitive_request",
        "promotion.exclude": "promotion",
        "product_sale.exclude": "product_sale",
    },
}

#: Vetoes too common to mean anything away from what the rules read: a `use` word ("keep",
#: "take", "prescribed") asks about a product's use only near one ("could you keep one of
#: those aside for me?" is a purchase the model may find).
_VETOES_NEAR_A_CUE = frozenset(("product_sale.use",))


def detect_phrases(text: str, direction: Direction) -> list[Finding]:
    """The phrase-kind findings of `text` for `direction` (no spans): the rules', then, for
    a kind no rule found, the model's (`guards.scores`; never certain), in the direction's
    order of kinds."""
    toks, guessed, pauses = normaliser().tokens(text)
    sections: Found = {}
    findings = _rule_findings(text, direction, toks, guessed, pauses, sections)
    decided = {finding.kind for finding in findings}
    if not _is_prose(text):
        return findings  # an identifier ("6b4cb242...": "cb" is a card to the SMS spellings)
    if sections.get("negation.before") or sections.get("negation.after"):
        return findings  # the rules weighed a negated cue: "we will never ask for your PIN"
    scored = [
        Finding(kind, detail=f"score {score:.2f}: " + ", ".join(top), certain=False)
        for kind, score, top in scores(toks, direction)
        if kind not in decided
    ]
    if not scored:
        return findings
    vetoes = _VETOES[direction]
    vetoed = {kind for section, kind in vetoes.items() if sections.get(section)}
    # the vetoes are read even when no rule cue made the rules look at the context (only
    # when the model would speak): "bring your passport", "je vous cherche un créneau ?"
    context = _index(direction, False).find(toks)
    vetoed.update(
        kind
        for section, kind in vetoes.items()
        if context.get(section) and section not in _VETOES_NEAR_A_CUE
    )
    scored = [finding for finding in scored if finding.kind not in vetoed]
    if not scored:
        return findings
    order = _KIND_ORDER[direction]
    return sorted(findings + scored, key=lambda finding: order.index(finding.kind))


def _is_prose(text: str) -> bool:
    """Whether `text` has at least two words of letters: what the model may score."""
    words = 0
    for chunk in text.split():
        if chunk.strip(_PUNCTUATION).isalpha():
            words += 1
            if words == 2:
                return True
    return False


_PUNCTUATION = ".,;:!?'\"()[]«»¿¡…-"


def detect_rules(text: str, direction: Direction) -> list[Finding]:
    """The findings of the rules alone (what the model of `guards.scores` is trained beside)."""
    toks, guessed, pauses = normaliser().tokens(text)
    return _rule_findings(text, direction, toks, guessed, pauses)


def _rule_findings(
    text: str,
    direction: Direction,
    toks: list[str],
    guessed: set[int],
    pauses: set[int],
    sections: Found | None = None,
) -> list[Finding]:
    """The rules' findings; `sections`, when given, receives the lexicon sections found."""
    found = _index(direction, True).find(toks)
    if sections is not None:
        sections.update(found)
    inbound_cue = direction == "inbound" and (
        not _command_words().isdisjoint(toks) or _may_name_a_brand(text, toks)
    )
    if not found and not inbound_cue:
        return []  # nothing that could start a finding: the context is not even looked at
    found.update(_index(direction, False).find(toks))
    if sections is not None:
        sections.update(found)
    if pauses and "opt_out.other_sense" in found:  # "Non, stop." is not "non-stop"
        found["opt_out.other_sense"] = [
            (a, b)
            for a, b in found.get("opt_out.other_sense", _NONE)
            if not any(a < k < b for k in pauses)
        ]
    ctx = _Context(toks, found, guessed, pauses, text)
    findings: list[Finding] = []
    if direction == "inbound":
        cue = not _OPT_OUT_CUES.isdisjoint(found) or not _command_words().isdisjoint(toks)
        hit = _opt_out(ctx) if cue else None
        if hit:
            findings.append(Finding("opt_out", detail=hit[0], certain=hit[1]))
        detail = _inbound_sale(ctx) if not _BUY_CUES.isdisjoint(found) else ""
        if detail:
            findings.append(Finding("product_sale", detail=detail))
        return findings
    detail = _sensitive_request(ctx) if not _SENSITIVE_CUES.isdisjoint(found) else ""
    if detail:
        findings.append(Finding("sensitive_request", detail=detail))
    detail = _promotion(ctx) if not _PROMOTION_CUES.isdisjoint(found) else ""
    if detail:
        findings.append(Finding("promotion", detail=detail))
    detail = _sale_offer(ctx) if not _SELL_CUES.isdisjoint(found) else ""
    if detail:
        findings.append(Finding("product_sale", detail=detail))
    return findings


def _covered(spans: Spans) -> set[int]:
    """The token positions inside `spans` (each phrase is a few words long)."""
    return {i for a, b in spans for i in range(a, b)}


def _overlaps(span: Span, positions: set[int]) -> bool:
    return any(i in positions for i in range(*span))


def _inside(span: Span, spans: Spans) -> bool:
    """Whether `span` lies within one of `spans`: a product inside an excluded phrase ("our
    vitamin D test") is a service; one that only overlaps it ("glucose | test strips") is not."""
    return any(a <= span[0] and span[1] <= b for a, b in spans)


class _lazy:
    """`functools.cached_property` without its lock (Python 3.10 takes one on every first
    read, which costs more than most of these values)."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class _Context:
    """One message: its tokens, the phrases found, and lazily built facts about them."""

    def __init__(
        self, toks: list[str], found: Found, guessed: set[int], pauses: set[int], text: str = ""
    ):
        self.toks = toks
        self.found = found
        self.guessed = guessed
        self.pauses = pauses
        self.text = text

    def words(self, span: Span) -> str:
        return " ".join(self.toks[span[0] : span[1]])

    @_lazy
    def sentence(self) -> list[int]:
        """The sentence number of each token."""
        if BOUNDARIES.isdisjoint(self.toks):
            return [0] * len(self.toks)
        out, current = [], 0
        for tok in self.toks:
            out.append(current)
            if tok in BOUNDARIES:
                current += 1
        return out

    @_lazy
    def word_count(self) -> int:
        toks = self.toks
        return len(toks) - sum(map(toks.count, BOUNDARIES))

    @_lazy
    def negators_before(self) -> set[int]:
        return {a for a, _ in self.found.get("negation.before", _NONE)}

    @_lazy
    def negators_after(self) -> set[int]:
        return {a for a, _ in self.found.get("negation.after", _NONE)}

    def negated(self, start: int, own: set[int]) -> bool:
        """Whether a negator governs the cue starting at token `start`.

        `own` holds the positions of the phrases of the same kind: a negator inside one of
        them ("ne manquez pas", "don't message me") is part of a phrase, not a negation.
        """
        sentence = self.sentence
        before = self.negators_before
        for k in range(start - 1, max(-1, start - _NEGATION_REACH - 1), -1):
            if k + 1 in self.pauses or sentence[k] != sentence[start]:
                break
            if k in before and k not in own:
                return True
        return start + 1 in self.negators_after and start + 1 not in own

    def free(
        self,
        spans: Spans,
        excluded: set[int] = frozenset(),  # type: ignore[assignment]
        own: set[int] | None = None,
    ) -> list[Span]:
        """The spans neither negated nor overlapping `excluded` positions; `own` (by
        default the spans themselves) are the phrases of the kind, whose negators count
        as part of them."""
        if not spans:
            return []
        if own is None:
            own = _covered(spans)
        return [s for s in spans if not _overlaps(s, excluded) and not self.negated(s[0], own)]

    def certain(self, span: Span) -> bool:
        return not _overlaps(span, self.guessed)


# opt_out ---------------------------------------------------------------------------------


def _opt_out(ctx: _Context) -> tuple[str, bool] | None:
    words = _opt_out_words()
    # "non-stop": a word that reads as filler ("non") must not turn another sense into a command
    commands = [] if ctx.found.get("opt_out.other_sense", _NONE) else _whole_message(ctx)
    for command in commands:
        if command in words["command"]:
            return f"command: {command}", not ctx.guessed and "?" not in ctx.toks
    other_spans = ctx.found.get("opt_out.other_sense", _NONE)
    # "ça a arrêté de m'envoyer les rappels": a participle after an auxiliary tells what
    # happened, it is no imperative
    past = ctx.found.get("opt_out.past", _NONE)
    likely = ""
    for span in ctx.free(ctx.found.get("opt_out.phrase", _NONE)):
        if not _redirected(span, other_spans) and not _after_auxiliary(span, past):
            # "enlevez-moi du créneau de 9h": removed from an appointment, no opt-out;
            # "retirez-moi de la liste d'attente": maybe another list, the bot asks
            away = _removed_from(ctx, span)
            if away == "appointment":
                continue
            if away:
                likely = likely or f"phrase: {ctx.words(span)}"
                continue
            return f"phrase: {ctx.words(span)}", ctx.certain(span) and not _asks(ctx, span)
    if likely:
        return likely, False
    for command in commands:
        if command in words["soft_command"]:
            return f"soft command: {command}", False
    for span in ctx.free(ctx.found.get("opt_out.indirect", _NONE)):
        if not _redirected(span, other_spans) and not _after_auxiliary(span, past):
            if _removed_from(ctx, span) == "appointment":
                continue  # "take me off tomorrow's 3pm slot"
            return f"indirect: {ctx.words(span)}", False
    hit = _unwanted_messages(ctx)
    if hit:
        return hit, False
    other = _covered(other_spans)
    hit = _erase_request(ctx, other)
    if hit:
        return hit, False
    # "Stop, I sent the wrong photo": the keyword halts the sender's own last message;
    # "lol stop, you're too kind": it is banter
    correcting = bool(ctx.found.get("opt_out.correction") or ctx.found.get("opt_out.banter"))
    for span in ctx.free(ctx.found.get("opt_out.keyword", _NONE)):
        if _after_auxiliary(span, past):
            continue
        if (correcting or _overlaps(span, other)) and not _followed_by_messaging(ctx, span, words):
            continue
        if _keyword_context(ctx, span, words):
            return f"keyword: {ctx.words(span)}", False
    return None


#: Words that open the complement of a removal ("from", "du") or end the clause it is in.
_FROM = frozenset(
    ("from", "of", "off", "out", "for", "on", "in", "at", "to")
    + ("de", "du", "des", "d", "a", "au", "aux", "pour", "sur", "en", "l", "la", "le", "les")
)
_CLAUSE_END = frozenset(("and", "but", "then", "so", "et", "mais", "puis", "car", "donc"))
_REMOVED_FROM_REACH = 7


def _removed_from(ctx: _Context, span: Span) -> str:
    """What a removal request ("remove me", "enlevez-moi", "take me off", "unsubscribe me",
    "désinscrire mon fils") takes its object out of, when that is not our messages or data:
    "appointment" for an `appointment` ("du créneau de 9h", "from tomorrow's 3pm slot"),
    "elsewhere" for another list or service (`elsewhere`: "de la liste d'attente", "from the
    yoga class"), "" otherwise. The complement must follow the removal in its clause, opened by
    a preposition ("from", "de") or by the span's own last word ("take me off"); a `messages`
    noun before it makes it ours ("retirez-moi des rappels de la vaccination")."""
    found = ctx.found
    removals = found.get("opt_out.removal", _NONE)
    if not removals or not any(span[0] <= a < span[1] for a, _ in removals):
        return ""
    places = [(a, b, "appointment") for a, b in found.get("opt_out.appointment", _NONE)]
    places += [(a, b, "elsewhere") for a, b in found.get("opt_out.elsewhere", _NONE)]
    if not places:
        return ""
    toks, sentence, pauses = ctx.toks, ctx.sentence, ctx.pauses
    end = span[1]
    # "retirez-moi de la liste | d'attente": a place that starts inside the span and goes on
    for a, b, what in places:
        if span[0] <= a < end < b:
            return what
    if end >= len(toks) or end in pauses or toks[end] not in _FROM and toks[end - 1] not in _FROM:
        return ""
    ours = {a for a, _ in found.get("opt_out.messages", _NONE)}
    starts = {a: what for a, _, what in places}
    for k in range(end, min(len(toks), end + _REMOVED_FROM_REACH)):
        if k in ours:
            return ""
        if k in starts:
            return starts[k]
        tok = toks[k]
        if tok in BOUNDARIES or tok in _CLAUSE_END or k in pauses:
            return ""
        if sentence[k] != sentence[span[0]]:
            return ""
    return ""


def _after_auxiliary(span: Span, past: Spans) -> bool:
    """Whether `span` starts inside a `past` phrase, after its auxiliary ("a | arrêté de",
    "n'a pas | arrêté")."""
    return any(a < span[0] < b for a, b in past)


#: Words after the messages that make "I don't need ..." mean "no longer": "any more".
_NO_LONGER = frozenset(("anymore", "again", "longer"))
_NO_LONGER_PAIRS = frozenset((("any", "more"), ("no", "more"), ("from", "now")))
_UNWANTED_REACH = 5


def _unwanted_messages(ctx: _Context) -> str:
    """No more need or wish for the messages, with words between that no phrase can list
    ("I don't need any of the Vigie messages any more", "je n'ai plus besoin de tous ces
    rappels"): an `unwanted` cue, then a `messages` noun within 5 words of the same clause;
    a cue that does not say "no longer" itself ("don't need") needs "any more" or "again"
    after the noun."""
    cues, nouns = (
        ctx.found.get("opt_out.unwanted", _NONE),
        ctx.found.get("opt_out.messages", _NONE),
    )
    if not cues or not nouns:
        return ""
    toks, sentence, pauses = ctx.toks, ctx.sentence, ctx.pauses
    for a, b in cues:
        longer = not {"longer", "plus"}.isdisjoint(toks[a:b])
        for c, d in nouns:
            if not 0 <= c - b <= _UNWANTED_REACH or sentence[c] != sentence[a]:
                continue
            if any(b <= k <= c for k in pauses):
                break  # another clause: "I don't need a reminder, the messages are fine"
            end = d
            while end < len(toks) and sentence[end] == sentence[a]:
                end += 1
            rest = toks[d:end]
            pairs = set(zip(rest[:-1], rest[1:], strict=True))
            if longer or not _NO_LONGER.isdisjoint(rest) or not _NO_LONGER_PAIRS.isdisjoint(pairs):
                return f"unwanted: {ctx.words((a, b))} ... {ctx.words((c, d))}"
    return ""


def _asks(ctx: _Context, span: Span) -> bool:
    """Whether `span` is in a question that is not a request: "will you delete my data
    after the visit?" asks about a practice, "can you delete my data?" asks for it."""
    toks, sentence = ctx.toks, ctx.sentence
    end = span[1]
    while end < len(toks) and toks[end] not in BOUNDARIES:
        end += 1
    if end >= len(toks) or toks[end] != "?":
        return False
    here = sentence[span[0]]
    return not any(sentence[a] == here for a, _ in ctx.found.get("opt_out.polite", _NONE))


def _redirected(span: Span, other_spans: Spans) -> bool:
    """Whether an `other_sense` phrase overlaps `span` and carries on past its end: what
    follows gives the request another object ("je veux me désinscrire | de la newsletter
    papier"). One that only starts before it ("l'| arrêt de toute communication") does not."""
    return any(a < span[1] and b > span[1] and b > span[0] for a, b in other_spans)


def _erase_request(ctx: _Context, other: set[int]) -> str:
    """A deletion verb and a personal-data noun close together in one sentence, in a
    sentence that is not about an appointment ("delete my account", "que mes informations
    soient supprimées")."""
    erases, data = (
        ctx.found.get("opt_out.erase", _NONE),
        ctx.found.get("opt_out.personal_data", _NONE),
    )
    if not erases or not data:
        return ""
    sentence = ctx.sentence
    busy = {sentence[a] for a, _ in ctx.found.get("opt_out.appointment", _NONE)}
    for span in ctx.free(erases, other):
        here = sentence[span[0]]
        if here in busy:
            continue
        for noun in data:
            if sentence[noun[0]] == here and abs(noun[0] - span[0]) <= _ERASE_REACH:
                return f"erase: {ctx.words(span)} + {ctx.words(noun)}"
    return ""


def _followed_by_messaging(ctx: _Context, span: Span, words: dict[str, frozenset[str]]) -> bool:
    after = span[1]
    return after < len(ctx.toks) and ctx.toks[after] in words["medium"]


@lru_cache(maxsize=1)
def _command_words() -> frozenset[str]:
    """The longest word of each command: a message with none of them cannot be one."""
    words = _opt_out_words()
    return frozenset(max(c.split(), key=len) for c in words["command"] | words["soft_command"])


def _whole_message(ctx: _Context) -> list[str]:
    """The short message as a candidate command, without sentence ends and repeated words:
    with its filler words dropped ("Good evening, STOP!" -> "stop"), then as written ("no
    more messages", where "no" would be filler)."""
    if ctx.word_count > _MAX_COMMAND_WORDS * 3 or _command_words().isdisjoint(ctx.toks):
        return []
    filler = _covered(ctx.found.get("opt_out.filler", _NONE))
    if len(BOUNDARIES.union(ctx.toks)) - len(BOUNDARIES) - len(filler) > _MAX_COMMAND_WORDS:
        return []  # too many different words left, even without the filler
    out = []
    for drop in (filler, set()):
        words: list[str] = []
        for i, tok in enumerate(ctx.toks):
            if i not in drop and tok not in BOUNDARIES and (not words or words[-1] != tok):
                words.append(tok)
        if 0 < len(words) <= _MAX_COMMAND_WORDS:
            out.append(" ".join(words))
    return out


#: A question that starts with these and ends on the keyword asks when something stops, it
#: does not ask to stop it: "when do the flu reminders stop?", "jusqu'à quand ça s'arrête ?"
_WHEN = frozenset(("when", "until", "till", "quand", "jusqu"))
_WHEN_PAIRS = frozenset((("how", "long"), ("what", "time"), ("what", "date"), ("a", "quelle")))


def _asks_when(ctx: _Context, span: Span) -> bool:
    toks, sentence = ctx.toks, ctx.sentence
    if span[1] >= len(toks) or toks[span[1]] != "?":
        return False
    start = span[0]
    while start > 0 and sentence[start - 1] == sentence[span[0]]:
        start -= 1
    return toks[start] in _WHEN or tuple(toks[start : start + 2]) in _WHEN_PAIRS


def _keyword_context(ctx: _Context, span: Span, words: dict[str, frozenset[str]]) -> bool:
    """Whether what follows a keyword keeps its opt-out sense (see the module docstring)."""
    toks = ctx.toks
    after = span[1]
    if _asks_when(ctx, span):
        return False
    if after >= len(toks) or toks[after] in BOUNDARIES or after in ctx.pauses:
        return True
    nxt = toks[after]
    if nxt in words["messaging"]:
        return True
    if nxt in words["complement"]:
        end = min(len(toks), after + 1 + _COMPLEMENT_REACH)
        return any(toks[k] in words["medium"] for k in range(after + 1, end))
    if nxt.endswith("ing") or nxt.isdigit():
        return False
    short: bool = ctx.word_count <= _SHORT_MESSAGE_WORDS
    return short


# product_sale ----------------------------------------------------------------------------


#: For each rule, the sections one of which must be found for it to fire: the others skip it.
_BUY_CUES = frozenset(
    f"product_sale.{name}" for name in ("buy", "ask", "ask_either", "buy_alone", "quantity")
)
#: Categories that may name a service or a document ("a covid test", "without a prescription"):
#: only a purchase cue (`buy`, `quantity`) makes them a sale, never an `ask` cue.
_PURCHASE_ONLY = frozenset(("test", "prescription"))
_PROMOTION_CUES = frozenset(("promotion.phrase", "promotion.urgency"))
_SENSITIVE_CUES = frozenset(("sensitive_request.item", "sensitive_request.holder"))
_SELL_CUES = frozenset(f"product_sale.{name}" for name in ("sell", "sell_alone", "offer_subject"))
#: The sections one of which must be found for an opt-out rule to fire.
_OPT_OUT_CUES = frozenset(
    f"opt_out.{name}" for name in ("phrase", "indirect", "keyword", "erase", "filler", "unwanted")
)
#: Words of a reservation cue: with a test, a booking, not a purchase.
_RESERVING = frozenset(
    ("reserve", "reserved", "reservation", "reserver", "reservez", "book", "booking")
)
_PRODUCT_SECTIONS = {f"health_product.{category}": category for category in PRODUCT_CATEGORIES}


def _products(ctx: _Context) -> list[tuple[Span, str]]:
    """The health products found, with their category (only the sections found are read)."""
    out: list[tuple[Span, str]] = []
    for name, spans in ctx.found.items():
        category = _PRODUCT_SECTIONS.get(name)
        if category is not None:
            out.extend((span, category) for span in spans)
    out.sort()
    return out


#: A brand the lexicon does not know, read from how it is written: a capitalised word that is
#: no lexicon word, right after a container ("a box of Zolvex", "une boîte de Donormyl") or
#: after a purchase verb and a partitive ("commander du Donormyl", "order some Zolvex").
_BRAND_RE = re.compile(
    r"(?:\b(?:box|boxes|pack|packs|packet|packets|tube|tubes|bottle|bottles|tub|tubs|jar|"
    r"strip|strips|blister|blisters|bo[iî]te|bo[iî]tes|flacon|flacons|plaquette|plaquettes|"
    r"paquet|paquets|sachet|sachets)\s+(?:of|de|d['’])\s*"
    r"|\b(?:buy|order|get|need|want|acheter|commander|achète|achete|commande|prendre|"
    r"avoir|faut)\s+(?:some|any|more|du|des|de\s+la|de\s+l['’]\s*|de|d['’]\s*)\s*)"
    r"([A-Z][a-zà-ÿ]{3,})\b"
)


#: The words `_BRAND_RE` starts from, as tokens: a message with none of them is not searched.
_BRAND_WORDS = frozenset(
    "box boxes pack packs packet packets tube tubes bottle bottles tub tubs jar strip strips "
    "blister blisters boite boites flacon flacons plaquette plaquettes paquet paquets sachet "
    "sachets buy order get need want acheter commander achete commande prendre avoir "
    "faut".split()
)


def _may_name_a_brand(text: str, toks: list[str]) -> bool:
    if _BRAND_WORDS.isdisjoint(toks) or text.islower():
        return False
    return _BRAND_RE.search(text) is not None


def _brands(ctx: _Context) -> list[tuple[Span, str]]:
    """Unknown brands (`_BRAND_RE`) as products of the category ``brand``."""
    if not any(c.isupper() for c in ctx.text):
        return []
    known = normaliser().known
    words = {normalise(m.group(1)) for m in _BRAND_RE.finditer(ctx.text)}
    words = {w for w in words if not known(w)}
    if not words:
        return []
    return [((k, k + 1), "brand") for k, tok in enumerate(ctx.toks) if tok in words]


def _inbound_sale(ctx: _Context) -> str:
    found = ctx.found
    excluded = _covered(found.get("product_sale.exclude", _NONE))
    if ctx.word_count <= _BUY_ALONE_WORDS and not found.get("product_sale.use", _NONE):
        for span in ctx.free(found.get("product_sale.buy_alone", _NONE), excluded):
            return f"buy alone: {ctx.words(span)}"
    buys, asks = found.get("product_sale.buy", _NONE), found.get("product_sale.ask", _NONE)
    either = found.get("product_sale.ask_either", _NONE)
    if not buys and not asks and not either and not found.get("product_sale.quantity", _NONE):
        return ""
    exclusions = found.get("product_sale.exclude", _NONE)
    products = [p for p in _products(ctx) or _brands(ctx) if not _inside(p[0], exclusions)]
    if not products:
        return ""
    sentence = ctx.sentence
    by_sentence: dict[int, tuple[Span, str]] = {}
    for product in products:
        by_sentence.setdefault(sentence[product[0][0]], product)
    delivering = _covered(found.get("product_sale.delivery", _NONE))
    starts = {p[0][0]: p for p in products}
    for span in ctx.free(found.get("product_sale.quantity", _NONE), excluded):
        counted = starts.get(span[1])  # "2x omeprazole": a quantity right before a product
        if counted is not None:
            return _sale_detail("quantity", ctx, span, counted)
    for span in ctx.free(buys, excluded):
        here = sentence[span[0]]
        booking = _RESERVING.intersection(ctx.toks[span[0] : span[1]])
        for near in (here, here - 1, here + 1):
            nearby = by_sentence.get(near)
            if nearby is None or _overlaps(span, _covered([nearby[0]])):
                continue
            if nearby[1] == "test" and booking:
                continue  # reserving a test is booking a service
            if nearby[1] == "prescription" and not _overlaps(span, delivering):
                continue  # collecting or paying for a prescription is not buying

            return _sale_detail("buy", ctx, span, nearby)
    cues = [(s, False) for s in ctx.free(asks, excluded)]
    cues += [(s, True) for s in ctx.free(either, excluded)]
    if not cues:
        return ""
    # a use word inside a product, a cue or a `variant` of the product is part of it ("I'm
    # after", "after sun", "0-6 months", "for pregnant women")
    variants = [
        v
        for v in found.get("product_sale.variant", _NONE)
        if any(0 <= v[0] - p[1] <= 1 for p, _ in products)
    ]
    # ... and one inside an `exclude` phrase is no use word ("par contre": "however")
    in_cue = _covered([p for p, _ in products] + [c for c, _ in cues] + variants) | excluded
    in_use = {
        sentence[a]
        for a, b in found.get("product_sale.use", _NONE)
        if not _overlaps((a, b), in_cue)
    }
    for span, both_sides in cues:
        if sentence[span[0]] in in_use:
            continue
        for product in products:
            if product[1] in _PURCHASE_ONLY:  # only a purchase cue makes it a sale
                continue
            p = product[0]
            if sentence[p[0]] != sentence[span[0]] or _overlaps(span, set(range(*p))):
                continue
            after = 0 <= p[0] - span[1] <= _ASK_REACH
            # SMS word order, the product first and the cue ending the question:
            # "sun cream bébé vous avez ?", "plasters you have?"
            last = span[1] < len(ctx.toks) and ctx.toks[span[1]] == "?"
            before = (both_sides or last) and 0 <= span[0] - p[1] <= _ASK_REACH
            if after or before:
                return _sale_detail("ask", ctx, span, product)
    return ""


def _sale_detail(rule: str, ctx: _Context, span: Span, product: tuple[Span, str]) -> str:
    return f"{rule}: {ctx.words(span)} + {product[1]}: {ctx.words(product[0])}"


def _sale_offer(ctx: _Context) -> str:
    found = ctx.found
    excluded = _covered(found.get("product_sale.exclude", _NONE))
    booked = {ctx.sentence[a] for a, _ in found.get("product_sale.booking", _NONE)}
    for span in ctx.free(found.get("product_sale.sell_alone", _NONE), excluded):
        here = ctx.sentence[span[0]]
        if booked and {here, here - 1} & booked and _reserves(ctx, span):
            continue  # "il reste des créneaux, je vous en réserve un ?": a booking
        return f"sell alone: {ctx.words(span)}"
    offers = _offers(ctx)
    negated_offer = (-1, -1) in offers
    sells = found.get("product_sale.sell", _NONE) + [o for o in offers if o != (-1, -1)]
    if not sells:
        return ""
    # a product inside an excluded phrase is a service ("our premium vitamin check")
    exclusions = found.get("product_sale.exclude", _NONE)
    products = [p for p in _products(ctx) if not _inside(p[0], exclusions)]
    if not products:
        return ""
    sentence = ctx.sentence
    free = ctx.free(sells, excluded)
    # "we can't deliver medicines; the pharmacy next door offers home delivery": once an
    # offer is negated, only an offer in the product's own sentence counts; for an excluded
    # offer ("est arrivé" is news, not "arrive"), that one only is ignored
    reach = 0 if negated_offer or len(ctx.free(sells)) < len(sells) else _SELL_SENTENCES
    delivering = _covered(found.get("product_sale.delivery", _NONE))
    for span in free:
        for product in products:
            p = product[0]
            close = abs(sentence[p[0]] - sentence[span[0]]) <= reach
            if product[1] == "prescription" and not _overlaps(span, delivering):
                continue  # "your prescription is ready to collect" is a notice, not an offer
            if close and not _overlaps(span, set(range(*p))):
                return _sale_detail("sell", ctx, span, product)
    return ""


def _reserves(ctx: _Context, span: Span) -> bool:
    """Whether the offer `span` reserves or books ("je vous en réserve un", "book one")."""
    return not _RESERVING.isdisjoint(ctx.toks[span[0] : span[1]])


def _offers(ctx: _Context) -> Spans:
    """An `offer_subject` then an `offer_verb` within 3 words of one sentence ("want me to
    put ... aside", "on vous l'apporte"), as one span."""
    subjects, verbs = (
        ctx.found.get("product_sale.offer_subject", _NONE),
        ctx.found.get("product_sale.offer_verb", _NONE),
    )
    if not subjects or not verbs:
        return []
    sentence = ctx.sentence
    before = ctx.negators_before
    out = []
    for a, b in subjects:
        for c, d in verbs:
            if 0 <= c - b <= _OFFER_REACH and sentence[a] == sentence[c]:
                if any(k in before for k in range(a + 1, c)) or ctx.negated(a, set()):
                    out.append((-1, -1))  # a negated offer: "nous ne livrons pas"
                else:
                    out.append((a, d))
                break
    return out


# sensitive_request and promotion ---------------------------------------------------------


def _sensitive_request(ctx: _Context) -> str:
    if ctx.found.get("sensitive_request.warning", _NONE):
        return ""  # a fraud warning names what others ask for: "fake messages ask for your PIN"
    items = ctx.found.get("sensitive_request.item", _NONE)
    requests = ctx.found.get("sensitive_request.request", _NONE)
    if not items:
        return _holder_number(ctx, ctx.free(requests)) if requests else ""
    if not requests:
        return _item_question(ctx, items) or _item_list(ctx, items, [])
    toks, sentence = ctx.toks, ctx.sentence
    item_at: dict[int, Span] = {}
    item_end: dict[int, Span] = {}
    for item in items:
        item_at.setdefault(item[0], item)
        item_end.setdefault(item[1], item)
    partial = {sentence[a] for a, _ in _partials(ctx)}
    breaks = {a for a, _ in ctx.found.get("sensitive_request.clause_break", _NONE)}
    free = ctx.free(requests)
    for span in free:
        here = sentence[span[0]]
        if here in partial:
            continue
        for k in range(span[1], min(len(toks), span[1] + _REQUEST_REACH + 1)):
            if k in breaks or sentence[k] != here:
                break
            asked = item_at.get(k)
            if asked is not None:
                return f"request: {ctx.words(span)} ... {ctx.words(asked)}"
        for k in range(span[0], max(-1, span[0] - _REQUEST_AFTER_REACH - 1), -1):
            if sentence[k] != here or (k in breaks and k != span[0]):
                break
            named = item_end.get(k)
            if named is not None:
                return f"request after: {ctx.words(named)} ... {ctx.words(span)}"
    return (
        _item_reference(ctx, free, items, partial, breaks)
        or _item_question(ctx, items)
        or _item_list(ctx, items, free)
        or _holder_number(ctx, free)
    )


def _partials(ctx: _Context) -> Spans:
    """The partial values that tolerate a request ("last 4 digits"); a negated one ("not
    just the last 4 digits", "pas seulement les 4 derniers") is a contrast that asks for
    the whole value, so it tolerates nothing, and so is one inside a longer item."""
    items = ctx.found.get("sensitive_request.item", _NONE)
    return [
        (a, b)
        for a, b in ctx.free(ctx.found.get("sensitive_request.partial", _NONE))
        # inside a longer item, "last 3 digits" is part of what is asked: "the last 3 digits
        # on the signature strip" is the CVV
        if not any(c <= a and b <= d and d - c > b - a for c, d in items)
    ]


#: How many words may come between "the number" and the holder named after it ("on your").
_HOLDER_AFTER = 3


def _holder_number(ctx: _Context, requests: Spans) -> str:
    """A request of "the number" ("just drop the number here", "mettez le numéro ici")
    after what carries one (a card, an account) in the same or the previous sentence, or
    right before it in the same sentence ("the number on your ID card")."""
    found = ctx.found
    holders = found.get("sensitive_request.holder", _NONE)
    numbers = found.get("sensitive_request.number_of", _NONE)
    if not holders or not numbers or _partials(ctx):
        return ""
    sentence = ctx.sentence
    breaks = {a for a, _ in found.get("sensitive_request.clause_break", _NONE)}
    for span in requests:
        if ctx.words(span) in _POLITE:
            continue  # "please update the number in the app": a verb must ask for it
        here = sentence[span[0]]
        asked = [
            n
            for n in numbers
            if sentence[n[0]] == here
            and 0 <= n[0] - span[1] <= _NUMBER_REACH
            and (n[1] >= len(ctx.toks) or ctx.toks[n[1]] not in _OF)  # "the number of the room"
            and not ctx.negated(n[0], set())  # "the type, not the number"
        ]
        if not asked:
            continue
        number = asked[0]
        for holder in holders:
            before = holder[0] < span[0] and here - 1 <= sentence[holder[0]] <= here
            # or named right after it: "the number printed on your ID card"
            after = sentence[holder[0]] == here and 0 <= holder[0] - number[1] <= _HOLDER_AFTER
            if after or (before and not any(holder[1] <= k < number[0] for k in breaks)):
                words = f"{ctx.words(span)} {ctx.words(number)}"
                return f"request of a number: {ctx.words(holder)} ... {words}"
    return ""


def _item_question(ctx: _Context, items: Spans) -> str:
    """A short question that is only an item: "And the 3 digits on the back?", "Votre RIB ?"."""
    toks, sentence = ctx.toks, ctx.sentence
    found = ctx.found
    if _partials(ctx) or found.get("sensitive_request.clause_break", _NONE):
        return ""
    for item in items:
        here = sentence[item[0]]
        end = item[1]
        while end < len(toks) and toks[end] not in BOUNDARIES:
            end += 1
        start = item[0]
        while start > 0 and sentence[start - 1] == here:
            start -= 1
        short = end - start <= _ITEM_QUESTION_WORDS
        if short and end < len(toks) and toks[end] == "?" and not ctx.negated(item[0], set()):
            return f"question: {ctx.words(item)} ?"
    return ""


def _item_reference(
    ctx: _Context, requests: Spans, items: Spans, partial: set[int], breaks: set[int]
) -> str:
    """A request of a pronoun ("forward it to us", "quel est-il ?") right after an item
    was named in the same or the previous sentence."""
    pronouns = {a for a, _ in ctx.found.get("sensitive_request.pronoun", _NONE)}
    if not pronouns:
        return ""
    sentence = ctx.sentence
    for span in requests:
        here = sentence[span[0]]
        if here in partial:
            continue
        window = range(max(0, span[0] - 2), min(len(ctx.toks), span[1] + 3))
        if not any(k in pronouns and sentence[k] == here for k in window):
            continue
        for item in items:
            there = sentence[item[0]]
            before = item[0] < span[0] and here - 1 <= there <= here and there not in partial
            if before and not any(item[1] <= k < span[0] for k in breaks):
                return f"request of a pronoun: {ctx.words(item)} ... {ctx.words(span)}"
    return ""


def _item_list(ctx: _Context, items: Spans, requests: Spans) -> str:
    """Several sensitive items listed like a form ("card number, expiry, CVC.") with a
    request anywhere, or three of them, in a message with no warning, no partial value and
    no clause break."""
    found = ctx.found
    if _partials(ctx) or found.get("sensitive_request.clause_break", _NONE):
        return ""
    if found.get("negation.before", _NONE) or found.get("negation.after", _NONE):
        return ""
    distinct = set()
    last_end = -1
    for a, b in sorted(items):
        if a >= last_end:
            distinct.add(ctx.words((a, b)))
            last_end = b
    if len(distinct) >= 3 or (len(distinct) >= 2 and requests):
        return "list: " + ", ".join(sorted(distinct))
    return ""


def _promotion(ctx: _Context) -> str:
    phrases = ctx.found.get("promotion.phrase", _NONE)
    if not phrases:
        return _urgency(ctx)
    excluded = _covered(ctx.found.get("promotion.exclude", _NONE))
    own = _covered(phrases + ctx.found.get("promotion.urgency", _NONE))
    for span in ctx.free(phrases, excluded, own):
        return f"phrase: {ctx.words(span)}"
    return _urgency(ctx)


def _urgency(ctx: _Context) -> str:
    """Urgency ("this week only", "ne manquez pas") in a commercial message: one with a
    product, a price or a sale offer in it."""
    spans = ctx.found.get("promotion.urgency", _NONE)
    if not spans:
        return ""
    commercial = (
        _products(ctx)
        or ctx.found.get("product_sale.sell", _NONE)
        or "eur" in ctx.toks
        or "%" in ctx.toks
        or "$" in ctx.toks
        or "gbp" in ctx.toks
    )
    if not commercial:
        return ""
    excluded = _covered(ctx.found.get("promotion.exclude", _NONE))
    for span in ctx.free(spans, excluded):
        return f"urgency: {ctx.words(span)}"
    return ""
