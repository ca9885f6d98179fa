"""The erasure request: how the opt-out action asks the tracker store to erase a conversation.

Rasa saves the tracker at the end of each turn, so a conversation can only be erased at that
save (see WHATSAPP.md, "Data protection facts"). The action server cannot call the tracker
store, so `action_opt_out` returns the request as the value of the `erasure_request` slot;
the tracker store finds it among the turn's events (`ErasureRequest.from_slot`) and erases
instead of saving. The request is typed and versioned: a value of any other shape is not an
erasure, and a test checks that the action, the slot and the store agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Marks a slot value as an erasure request (and its format), whatever else is in the slot.
KIND = "vigie.erasure_request/1"


@dataclass(frozen=True)
class ErasureRequest:
    """Erase everything kept about `sender_id`; `erased` counts what the action already removed.

    Attributes:
        sender_id: the conversation to erase; the store refuses a request for another one.
        erased: records already removed by the action server, by kind (e.g. appointments),
            written to the erasure audit with the store's own counts.
    """

    sender_id: str
    erased: Mapping[str, int] = field(default_factory=dict)

    def to_slot(self) -> dict[str, Any]:
        """The JSON value the action sets the slot to (events travel as JSON)."""
        return {"kind": KIND, "sender_id": self.sender_id, "erased": dict(self.erased)}

    @classmethod
    def from_slot(cls, value: Any) -> ErasureRequest | None:
        """The request in a slot value, or None when the value is not one."""
        if not isinstance(value, Mapping) or value.get("kind") != KIND:
            return None
        sender_id, erased = value.get("sender_id"), value.get("erased") or {}
        if not isinstance(sender_id, str) or not isinstance(erased, Mapping):
            return None
        return cls(sender_id, {str(key): int(count) for key, count in erased.items()})
