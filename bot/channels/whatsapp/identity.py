"""Who a WhatsApp user is: one Rasa sender id whatever identifier Meta sends.

Since April 2026 Meta names a user by a business-scoped user ID (BSUID, ``user_id``: two
capital letters, a dot, up to 128 letters and digits; a "parent" BSUID has ``.ENT.`` after the
country) besides, or for username users instead of, the phone number (``wa_id``). Source:
Meta's "Business-scoped user IDs" page (developers.facebook.com/documentation/business-messaging/
whatsapp/business-scoped-user-ids/) and the system messages webhook reference.

The identity map (kept in the inbox's store, shared by every instance) maps each identifier
to one *canonical sender id*, the Rasa sender id of the conversation. Everything keyed by the
sender id (conversation, appointments, reminders, suppression, erasure) therefore applies to
the user whichever identifier arrives. The rules, shared by every backend
(:func:`choose_canonical`):

- an identifier already mapped keeps its conversation (the BSUID's wins over the phone's when
  both are mapped apart: the map is never re-pointed on a guess, the conflict is logged);
- a new user's conversation is named by the phone number when there is one (as before BSUIDs,
  so existing conversations continue), else by the BSUID; a phone number that already names
  another user's conversation (a recycled number whose previous owner changed number) is not
  reused: the BSUID names the new one;
- a changed number or BSUID (:class:`IdentityChange`) moves to the same conversation and the
  old identifiers are unmapped (an old number may be given to someone else).

Replies go to the most recently mapped phone number of the conversation, else to its BSUID
(Meta: "to" takes precedence and is recommended when known; "recipient" takes a BSUID).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PHONE = "phone"
BSUID = "bsuid"

_BSUID = re.compile(r"[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}")


def is_bsuid(value: Any) -> bool:
    """Whether ``value`` has the shape of a BSUID (``US.13491208655302741918``)."""
    return isinstance(value, str) and _BSUID.fullmatch(value) is not None


def kind_of(identifier: str) -> str:
    return BSUID if is_bsuid(identifier) else PHONE


@dataclass(frozen=True)
class IdentityChange:
    """A user's new phone number and/or BSUID, from a ``system`` message."""

    old_phone: str = ""
    old_user_id: str = ""
    new_phone: str = ""
    new_user_id: str = ""

    def is_useful(self) -> bool:
        """Something old to recognise the user by and something new to map."""
        return bool((self.old_phone or self.old_user_id) and (self.new_phone or self.new_user_id))

    @property
    def old(self) -> list[str]:
        return [i for i in (self.old_user_id, self.old_phone) if i]

    @property
    def new(self) -> list[str]:
        return [i for i in (self.new_user_id, self.new_phone) if i]


@dataclass(frozen=True)
class Address:
    """Where a conversation's messages go: a phone number (``to``) or else a BSUID."""

    phone: str = ""
    user_id: str = ""

    @classmethod
    def of(cls, canonical: str) -> Address:
        """The address when the map knows nothing (conversations older than the map)."""
        return cls(user_id=canonical) if is_bsuid(canonical) else cls(phone=canonical)


def choose_canonical(
    phone: str, user_id: str, known: dict[str, str], phone_taken: bool
) -> tuple[str, bool]:
    """The canonical sender id of a message, and whether the known mappings disagree.

    Args:
        phone: the message's phone number ("" when withheld).
        user_id: its BSUID ("" in payloads older than BSUIDs).
        known: identifier -> canonical for those of the two already mapped.
        phone_taken: the phone number already names a conversation it is no longer mapped to.
    """
    by_bsuid, by_phone = known.get(user_id), known.get(phone)
    if by_bsuid or by_phone:
        conflict = bool(by_bsuid and by_phone and by_bsuid != by_phone)
        return str(by_bsuid or by_phone), conflict
    if phone and not (phone_taken and user_id):
        return phone, False
    return user_id or phone, False


def address_body(body: dict[str, Any], address: Address) -> dict[str, Any]:
    """``body`` addressed to ``address``: ``to`` a phone number, else ``recipient`` a BSUID."""
    addressed = {k: v for k, v in body.items() if k not in ("to", "recipient")}
    if address.phone:
        return {"to": address.phone, **addressed}
    return {"recipient": address.user_id, **addressed}
