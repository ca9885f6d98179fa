"""Webhook bodies shaped like Meta's, and signing helpers, shared by the connector tests."""

from __future__ import annotations

import itertools
import json
import time
import uuid
from typing import Any

from bot.channels.whatsapp.signature import SIGNATURE_HEADER, sign

APP_SECRET = "test-app-secret"
VERIFY_TOKEN = "test-verify-token"
ACCESS_TOKEN = "test-access-token"
PHONE_NUMBER_ID = "106540352242922"
USER = "33612345678"

_ids = itertools.count(1)


def new_id() -> str:
    return f"wamid.test.{time.monotonic_ns()}.{next(_ids)}"


def new_bsuid(country: str = "US") -> str:
    """A fresh business-scoped user ID, shaped as Meta's (``US.13491208655302741918``)."""
    return f"{country}.{uuid.uuid4().int % 10**20:020d}"


def message(
    kind: str, content: Any = None, sender: str | None = USER, **extra: Any
) -> dict[str, Any]:
    """A message of ``sender`` (its phone number; ``None`` for a username user, whose
    BSUID is then given as ``from_user_id=...``)."""
    raw: dict[str, Any] = {
        "id": extra.pop("id", None) or new_id(),
        "timestamp": str(extra.pop("timestamp", int(time.time()))),
        "type": kind,
    }
    if sender is not None:
        raw["from"] = sender
    if content is not None:
        raw[kind] = content
    raw.update(extra)
    return raw


def identity_change(
    kind: str, old_phone: str | None, previous_user_id: str, new_user_id: str, new_phone: str = ""
) -> dict[str, Any]:
    """A ``system`` message reporting a changed number (``user_changed_number``) or BSUID
    (``user_changed_user_id``), as Meta's system messages webhook reference shows it."""
    system: dict[str, Any] = {
        "body": "User changed",
        "type": kind,
        "previous_user_id": previous_user_id,
        "user_id": new_user_id,
    }
    if new_phone:
        system["wa_id"] = new_phone
    return message("system", system, sender=old_phone)


def text(body: str, **extra: Any) -> dict[str, Any]:
    return message("text", {"body": body}, **extra)


def button_reply(payload: str, title: str = "Yes", **extra: Any) -> dict[str, Any]:
    content = {"type": "button_reply", "button_reply": {"id": payload, "title": title}}
    return message("interactive", content, **extra)


def list_reply(payload: str, title: str = "Row", **extra: Any) -> dict[str, Any]:
    content = {"type": "list_reply", "list_reply": {"id": payload, "title": title}}
    return message("interactive", content, **extra)


def template_button(payload: str, **extra: Any) -> dict[str, Any]:
    return message("button", {"payload": payload, "text": "Yes"}, **extra)


def location(latitude: float = 48.8566, longitude: float = 2.3522, **extra: Any) -> dict:
    content = {"latitude": latitude, "longitude": longitude, "name": "Mairie", "address": "Paris"}
    return message("location", content, **extra)


def media(kind: str, **extra: Any) -> dict[str, Any]:
    content = {"id": "1234", "mime_type": "image/jpeg", "sha256": "abc"}
    if kind == "contacts":
        return message("contacts", None, contacts=[{"name": {"formatted_name": "A"}}], **extra)
    return message(kind, content, **extra)


def status(message_id: str, state: str = "delivered", codes: tuple[int, ...] = ()) -> dict:
    raw: dict[str, Any] = {
        "id": message_id,
        "status": state,
        "timestamp": str(int(time.time())),
        "recipient_id": USER,
    }
    if codes:
        raw["errors"] = [{"code": c, "title": "x"} for c in codes]
    return raw


def webhook(
    messages: list[dict] | None = None,
    statuses: list[dict] | None = None,
    entries: int = 1,
    contacts: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A body with ``entries`` entries, each repeating the given messages and statuses."""
    value: dict[str, Any] = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "33100000000", "phone_number_id": PHONE_NUMBER_ID},
        "contacts": [{"profile": {"name": "Test"}, "wa_id": USER}]
        if contacts is None
        else contacts,
    }
    if messages is not None:
        value["messages"] = messages
    if statuses is not None:
        value["statuses"] = statuses
    entry = {"id": "WABA", "changes": [{"field": "messages", "value": value}]}
    return {"object": "whatsapp_business_account", "entry": [entry] * entries}


def signed(payload: Any, secret: str = APP_SECRET) -> tuple[bytes, dict[str, str]]:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
    return body, {SIGNATURE_HEADER: sign(body, secret), "Content-Type": "application/json"}
