"""Pure functions turning a WhatsApp webhook body into inbound events. They never raise.

Every entry, change, message and status of a batch is read; anything that does not have the
shape Meta documents is skipped and described in ``ParseResult.problems`` (never with message
contents, which are personal data).

Redaction happens here, at the door: a card, IBAN or national ID number in a message is
replaced by its placeholder (``guards.redact``) before the message is recorded anywhere (inbox,
queues, logs, Rasa), and the kinds found travel with it (``redacted_kinds``, handed to Rasa in
the message metadata) so the guard annotator still knows a number was sent.

Users are named by their phone number (``wa_id``, ``from``) and, since April 2026, by a
business-scoped user ID (BSUID: ``user_id``, ``from_user_id``, e.g. ``US.13491208655302741918``);
a user with a username may come with the BSUID alone. Both are kept on the message; which one
names the conversation is the identity map's decision (`bot.channels.whatsapp.identity`). A
changed id arrives as a ``system`` message (``user_changed_number``, ``user_changed_user_id``)
and becomes an :class:`IdentityChange`. Source: Meta's "Business-scoped user IDs" page and its
system messages webhook reference (changelog of 11 August 2026).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import guards
from bot.channels.whatsapp.identity import IdentityChange, is_bsuid
from core.names import LOCATION_INTENT, REDACTED_KINDS_KEY

KIND_TEXT = "text"  # the user typed text: goes to the NLU
KIND_PAYLOAD = "payload"  # a button or list reply: its payload (e.g. "/intent{...}") goes to Rasa
KIND_LOCATION = "location"  # a shared location: intent payload plus coordinates in the metadata
KIND_UNSUPPORTED = "unsupported"  # media, contacts...: a polite reply, no NLU

_UNSUPPORTED_TYPES = frozenset(
    {"image", "audio", "video", "document", "sticker", "contacts", "unsupported", "order"}
)
_IGNORED_TYPES = frozenset({"reaction", "system", "ephemeral", "request_welcome"})
_MAX_ID_LENGTH = 512
#: The system messages that report a changed phone number or BSUID.
IDENTITY_CHANGE_TYPES = frozenset({"user_changed_number", "user_changed_user_id"})


@dataclass(frozen=True)
class InboundMessage:
    """One user message of a webhook, reduced to what the bot needs."""

    message_id: str
    sender_id: str
    timestamp: int
    phone_number_id: str
    message_type: str
    kind: str
    text: str = ""
    location: dict[str, Any] | None = None
    context_message_id: str | None = None
    #: The kinds of sensitive numbers replaced by placeholders in ``text`` (see ``redacted``).
    redacted_kinds: tuple[str, ...] = ()
    #: The user's phone number (``from``), "" when Meta withheld it (username users).
    wa_id: str = ""
    #: The user's business-scoped user ID (``from_user_id``), "" in payloads older than it.
    user_id: str = ""

    def redacted(self) -> InboundMessage:
        """This message with every sensitive number in its text (and a shared location's name
        and address) replaced by its placeholder, the kinds found added to ``redacted_kinds``.

        Idempotent: a redacted message comes back equal to itself.
        """
        kinds = set(self.redacted_kinds)
        text = _redact_text(self.text, kinds)
        location = None
        if self.location is not None:
            location = {
                key: _redact_text(value, kinds) if isinstance(value, str) else value
                for key, value in self.location.items()
            }
        return replace(self, text=text, location=location, redacted_kinds=tuple(sorted(kinds)))

    def metadata(self) -> dict[str, Any]:
        """The metadata Rasa stores with the user message (no profile name: data minimisation)."""
        data: dict[str, Any] = {
            "channel": "whatsapp",
            "message_id": self.message_id,
            "timestamp": self.timestamp,
            "phone_number_id": self.phone_number_id,
            "message_type": self.message_type,
        }
        for key, identifier in (("wa_id", self.wa_id), ("user_id", self.user_id)):
            if identifier:  # a username user has no phone number, an old payload no BSUID
                data[key] = identifier
        if self.location is not None:
            data["location"] = dict(self.location)
        if self.context_message_id:
            data["context_message_id"] = self.context_message_id
        if self.redacted_kinds:
            data[REDACTED_KINDS_KEY] = list(self.redacted_kinds)
        return data

    def to_json(self) -> str:
        """Serialises the message for the durable inbox."""
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> InboundMessage:
        """Reads back a message written by :meth:`to_json`."""
        fields = json.loads(text)
        fields["redacted_kinds"] = tuple(fields.get("redacted_kinds") or ())
        return cls(**fields)


def _redact_text(text: str, kinds: set[str]) -> str:
    """``text`` with its sensitive numbers replaced; adds the kinds found to ``kinds``."""
    findings = guards.detect_numbers(text)
    kinds.update(finding.kind for finding in findings)
    return guards.redact(text, findings) if findings else text


@dataclass(frozen=True)
class StatusUpdate:
    """A delivery status of a message the bot sent; never reaches the NLU."""

    message_id: str
    recipient_id: str
    status: str
    timestamp: int
    error_codes: tuple[int, ...] = ()
    #: The recipient's BSUID (``recipient_user_id``), "" when absent.
    recipient_user_id: str = ""


@dataclass
class ParseResult:
    """Everything found in one webhook body."""

    messages: list[InboundMessage] = field(default_factory=list)
    statuses: list[StatusUpdate] = field(default_factory=list)
    identity_changes: list[IdentityChange] = field(default_factory=list)
    ignored: int = 0
    problems: list[str] = field(default_factory=list)


def parse_webhook(payload: Any, now: float | None = None) -> ParseResult:
    """Reads every entry, change, message and status of a webhook body.

    Args:
        payload: the decoded JSON body, of any type.
        now: the Unix time used when a message has no valid timestamp.
    """
    result = ParseResult()
    now_ts = int(time.time() if now is None else now)
    if not isinstance(payload, dict):
        result.problems.append("body is not a JSON object")
        return result
    if payload.get("object") != "whatsapp_business_account":
        result.problems.append("object is not whatsapp_business_account")
        return result
    entries = payload.get("entry")
    if not isinstance(entries, list):
        result.problems.append("entry is not a list")
        return result
    for e_index, entry in enumerate(entries):
        changes = entry.get("changes") if isinstance(entry, dict) else None
        if not isinstance(changes, list):
            result.problems.append(f"entry[{e_index}] has no list of changes")
            continue
        for c_index, change in enumerate(changes):
            where = f"entry[{e_index}].changes[{c_index}]"
            if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
                result.problems.append(f"{where} has no value object")
                continue
            if change.get("field", "messages") != "messages":
                result.ignored += 1
                continue
            _parse_value(change["value"], where, now_ts, result)
    return result


def _parse_value(value: dict[str, Any], where: str, now_ts: int, result: ParseResult) -> None:
    metadata = value.get("metadata")
    phone_number_id = ""
    if isinstance(metadata, dict) and _is_id(metadata.get("phone_number_id")):
        phone_number_id = str(metadata["phone_number_id"])
    messages = value.get("messages", [])
    if not isinstance(messages, list):
        result.problems.append(f"{where}.messages is not a list")
        messages = []
    contacts = _contacts(value.get("contacts"))
    for m_index, raw in enumerate(messages):
        change = _identity_change(raw)
        if change is not None:
            result.identity_changes.append(change)
            continue
        message = _parse_message(raw, phone_number_id, now_ts, contacts)
        if isinstance(message, InboundMessage):
            result.messages.append(message.redacted())
        elif message == "ignored":
            result.ignored += 1
        else:
            result.problems.append(f"{where}.messages[{m_index}]: {message}")
    statuses = value.get("statuses", [])
    if not isinstance(statuses, list):
        result.problems.append(f"{where}.statuses is not a list")
        statuses = []
    for s_index, raw in enumerate(statuses):
        status = _parse_status(raw, now_ts)
        if isinstance(status, StatusUpdate):
            result.statuses.append(status)
        else:
            result.problems.append(f"{where}.statuses[{s_index}]: {status}")


def _contacts(raw: Any) -> dict[str, str]:
    """Phone number -> BSUID and BSUID -> phone number, from ``contacts[]`` (``wa_id``,
    ``user_id``), to complete a message that carries only one of them."""
    pairs: dict[str, str] = {}
    for contact in raw if isinstance(raw, list) else []:
        if not isinstance(contact, dict):
            continue
        phone, bsuid = _text_id(contact.get("wa_id")), _bsuid(contact.get("user_id"))
        if phone and bsuid:
            pairs[phone] = bsuid
            pairs[bsuid] = phone
    return pairs


def _identity_change(raw: Any) -> IdentityChange | None:
    """The change a ``user_changed_number`` or ``user_changed_user_id`` system message reports."""
    if not isinstance(raw, dict) or raw.get("type") != "system":
        return None
    system = raw.get("system")
    if not isinstance(system, dict) or system.get("type") not in IDENTITY_CHANGE_TYPES:
        return None
    change = IdentityChange(
        old_phone=_text_id(raw.get("from")),
        old_user_id=_bsuid(system.get("previous_user_id")) or _bsuid(raw.get("from_user_id")),
        new_phone=_text_id(system.get("wa_id")) or _text_id(system.get("new_wa_id")),
        new_user_id=_bsuid(system.get("user_id")),
    )
    return change if change.is_useful() else None


def _text_id(value: Any) -> str:
    return value if _is_id(value) else ""


def _bsuid(value: Any) -> str:
    return value if is_bsuid(value) else ""


def _parse_message(
    raw: Any, phone_number_id: str, now_ts: int, contacts: dict[str, str] | None = None
) -> InboundMessage | str:
    """Returns the message, ``"ignored"``, or a description of what is wrong with it."""
    if not isinstance(raw, dict):
        return "not an object"
    message_id, kind = raw.get("id"), raw.get("type")
    phone, bsuid = _text_id(raw.get("from")), _bsuid(raw.get("from_user_id"))
    contacts = contacts or {}
    phone = phone or (contacts.get(bsuid, "") if bsuid else "")
    bsuid = bsuid or (contacts.get(phone, "") if phone else "")
    if not _is_id(message_id):
        return "missing or invalid id"
    if not phone and not bsuid:
        return "missing or invalid from and from_user_id"
    if not isinstance(kind, str) or not kind:
        return "missing type"
    context = raw.get("context")
    context_id = context.get("id") if isinstance(context, dict) else None
    base: dict[str, Any] = {
        "message_id": message_id,
        # The phone number until the identity map names the conversation (runtime.record).
        "sender_id": phone or bsuid,
        "wa_id": phone,
        "user_id": bsuid,
        "timestamp": _timestamp(raw.get("timestamp"), now_ts),
        "phone_number_id": phone_number_id,
        "message_type": kind,
        "context_message_id": context_id if _is_id(context_id) else None,
    }
    if kind in _IGNORED_TYPES:
        return "ignored"
    if kind == "text":
        text = _dig(raw, "text", "body")
        if not isinstance(text, str) or not text.strip():
            return "text message without body"
        return InboundMessage(kind=KIND_TEXT, text=text, **base)
    if kind == "interactive":
        return _interactive(raw.get("interactive"), base)
    if kind == "button":
        payload = _dig(raw, "button", "payload") or _dig(raw, "button", "text")
        if not isinstance(payload, str) or not payload.strip():
            return "button reply without payload"
        return InboundMessage(kind=KIND_PAYLOAD, text=payload, **base)
    if kind == "location":
        return _location(raw.get("location"), base)
    # Media, contacts and every type this connector does not know: a polite reply, no NLU.
    return InboundMessage(kind=KIND_UNSUPPORTED, **base)


def _interactive(interactive: Any, base: dict[str, Any]) -> InboundMessage | str:
    if not isinstance(interactive, dict):
        return "interactive message without interactive object"
    kind = interactive.get("type")
    if kind in ("button_reply", "list_reply"):
        reply = interactive.get(kind)
        payload = (reply.get("id") or reply.get("title")) if isinstance(reply, dict) else None
        if isinstance(payload, str) and payload.strip():
            return InboundMessage(kind=KIND_PAYLOAD, text=payload, **base)
        return "interactive reply without id"
    return InboundMessage(kind=KIND_UNSUPPORTED, **base)


def _location(location: Any, base: dict[str, Any]) -> InboundMessage | str:
    if not isinstance(location, dict):
        return "location message without location object"
    latitude, longitude = _number(location.get("latitude")), _number(location.get("longitude"))
    if latitude is None or longitude is None or abs(latitude) > 90 or abs(longitude) > 180:
        return "location without valid coordinates"
    coordinates: dict[str, Any] = {"latitude": latitude, "longitude": longitude}
    for key in ("name", "address"):
        if isinstance(location.get(key), str) and location[key].strip():
            coordinates[key] = location[key]
    entities = json.dumps({"latitude": latitude, "longitude": longitude}, separators=(",", ":"))
    return InboundMessage(
        kind=KIND_LOCATION, text=f"/{LOCATION_INTENT}{entities}", location=coordinates, **base
    )


def _parse_status(raw: Any, now_ts: int) -> StatusUpdate | str:
    if not isinstance(raw, dict):
        return "not an object"
    if not _is_id(raw.get("id")) or not isinstance(raw.get("status"), str):
        return "missing id or status"
    # A message sent by BSUID alone may come back without a phone number: named by its BSUID.
    recipient = raw.get("recipient_id") or raw.get("recipient_user_id")
    codes: list[int] = []
    errors = raw.get("errors")
    if isinstance(errors, list):
        for error in errors:
            code = error.get("code") if isinstance(error, dict) else None
            if isinstance(code, int) and not isinstance(code, bool):
                codes.append(code)
    return StatusUpdate(
        message_id=raw["id"],
        recipient_id=str(recipient) if _is_id(recipient) else "",
        status=raw["status"][:32],
        timestamp=_timestamp(raw.get("timestamp"), now_ts),
        error_codes=tuple(codes),
        recipient_user_id=_bsuid(raw.get("recipient_user_id")),
    )


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= _MAX_ID_LENGTH and value.strip() == value


def _dig(raw: dict[str, Any], *keys: str) -> Any:
    current: Any = raw
    for key in keys:
        if not isinstance(current, dict):
            return None
        current = current.get(key)
    return current


def _timestamp(value: Any, now_ts: int) -> int:
    try:
        stamp = int(value)
    except (TypeError, ValueError, OverflowError):
        return now_ts
    return stamp if 0 < stamp < 2**41 else now_ts


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None
