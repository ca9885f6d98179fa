"""What a guard reports: the `Finding` record, the kinds and the two directions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "INBOUND_KINDS",
    "KINDS",
    "NUMBER_KINDS",
    "OUTBOUND_KINDS",
    "PHRASE_KINDS",
    "Direction",
    "Finding",
]

Direction = Literal["inbound", "outbound"]

#: Kinds whose findings carry the character span of the number (`start`, `end`).
NUMBER_KINDS: tuple[str, ...] = ("payment_card", "iban", "national_id")
#: Kinds found by phrase lexicons; their findings have no span.
PHRASE_KINDS: tuple[str, ...] = ("opt_out", "product_sale", "sensitive_request", "promotion")
#: What `check(text, "inbound")` looks for, in the order findings are reported.
INBOUND_KINDS: tuple[str, ...] = (*NUMBER_KINDS, "opt_out", "product_sale")
#: What `check(text, "outbound")` looks for, in the order findings are reported.
OUTBOUND_KINDS: tuple[str, ...] = ("sensitive_request", "promotion", "product_sale")
KINDS: tuple[str, ...] = (*NUMBER_KINDS, *PHRASE_KINDS)


@dataclass(frozen=True)
class Finding:
    """One policy-relevant thing found in a message.

    Attributes:
        kind: one of `KINDS`.
        start: offset of the first character of the number in the text (number kinds only).
        end: offset just past its last character (number kinds only).
        detail: which rule fired and on what, for logs and lint messages: the scheme of a
            number (``"visa"``, ``"fr_nir"``, ``"iban:FR"``) or the rule and the normalised
            words (``"keyword: stop"``, ``"buy: price + medicine: doliprane"``). Never the
            number itself.
        certain: whether the evidence is enough to act at once. A finding of the rules is
            certain, except an ``opt_out`` one resting on weak evidence: an explicit command
            that is the whole message or an unambiguous phrase is certain (erase at once); a
            keyword inside a longer message, a typo guess or an indirect request is not (ask
            the user first). A finding of the model (`guards.scores`, detail ``"score ..."``)
            is never certain: the bot asks, refers or holds, it does not destroy or refuse.
    """

    kind: str
    start: int | None = None
    end: int | None = None
    detail: str = ""
    certain: bool = True

    def to_dict(self) -> dict[str, object]:
        """The CLI's JSON form: ``kind``, with ``start`` and ``end`` for numbers (as
        before), ``detail`` (the rule that fired) for the phrase kinds, and ``certain`` for
        ``opt_out`` and for any finding that is not certain. Other kinds (emergencies) are
        ``{"kind"}`` as before."""
        if self.start is not None and self.end is not None:
            return {"kind": self.kind, "start": self.start, "end": self.end}
        if self.kind not in PHRASE_KINDS:
            return {"kind": self.kind}
        out: dict[str, object] = {"kind": self.kind, "detail": self.detail}
        if self.kind == "opt_out" or not self.certain:
            out["certain"] = self.certain
        return out
