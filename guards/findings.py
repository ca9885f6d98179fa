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
        detail: what exactly matched, for logs and lint messages: the scheme of a number
            (``"visa"``, ``"fr_nir"``, ``"iban:FR"``) or the normalised phrase.
            Never the number itself.
    """

    kind: str
    start: int | None = None
    end: int | None = None
    detail: str = ""

    def to_dict(self) -> dict[str, object]:
        """The CLI's JSON form: ``kind`` and, for numbers, ``start`` and ``end``."""
        if self.start is None or self.end is None:
            return {"kind": self.kind}
        return {"kind": self.kind, "start": self.start, "end": self.end}
