"""Pure functions building the webhooks Meta would post for what the simulated user does.

Shapes follow WHATSAPP.md (and Meta's webhook reference): one entry, one ``messages`` change,
the contact, and one message whose ``type`` says what the user did: typed text, tapped a reply
button, picked a list row, or shared a location. The body is signed like Meta signs it:
``X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body, keyed with the app secret>``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import Any

SIGNATURE_HEADER = "X-Hub-Signature-256"
BUSINESS_ACCOUNT_ID = "100000000000001"
DISPLAY_PHONE_NUMBER = "15550000000"
TITLE_LIMIT = 256
TEXT_LIMIT = 4096


class SimulatedMessageError(ValueError):
    """What the page asked for is not a message a WhatsApp user can send."""


def new_message_id() -> str:
    """A fresh ``wamid``-style id, unique per message (Meta's ids are opaque strings)."""
    return f"wamid.SIM{uuid.uuid4().hex.upper()}"


def user_message(action: dict[str, Any], sender: str, message_id: str, now: float) -> dict:
    """The ``messages[]`` element for one action of the page.

    Args:
        action: ``{"type": "text", "text": ...}``, ``{"type": "button_reply", "id", "title"}``,
            ``{"type": "list_reply", "id", "title", "description"?}`` or
            ``{"type": "location", "latitude", "longitude", "name"?, "address"?}``; a reply may
            carry ``context`` (the ``wamid`` of the bot message tapped).
        sender: the user's WhatsApp id (digits).
        message_id: the message's ``wamid``.
        now: Unix time of the message.

    Raises:
        SimulatedMessageError: the action is malformed.
    """
    kind = action.get("type")
    message: dict[str, Any] = {"from": sender, "id": message_id, "timestamp": str(int(now))}
    if kind == "text":
        body = _string(action, "text", TEXT_LIMIT)
        message.update(type="text", text={"body": body})
    elif kind in ("button_reply", "list_reply"):
        reply = {"id": _string(action, "id", TITLE_LIMIT), "title": _string(action, "title")}
        if kind == "list_reply" and action.get("description"):
            reply["description"] = _string(action, "description")
        message.update(type="interactive", interactive={"type": kind, kind: reply})
    elif kind == "location":
        location: dict[str, float | str] = {
            key: _number(action, key) for key in ("latitude", "longitude")
        }
        for key in ("name", "address"):
            if action.get(key):
                location[key] = _string(action, key)
        message.update(type="location", location=location)
    else:
        raise SimulatedMessageError(f"unknown message type {kind!r}")
    context = action.get("context")
    if isinstance(context, str) and context:
        message["context"] = {"from": DISPLAY_PHONE_NUMBER, "id": context}
    return message


def webhook_payload(
    message: dict[str, Any], sender: str, profile_name: str, phone_number_id: str
) -> dict[str, Any]:
    """The whole webhook body Meta posts for one user message."""
    value = {
        "messaging_product": "whatsapp",
        "metadata": {
            "display_phone_number": DISPLAY_PHONE_NUMBER,
            "phone_number_id": phone_number_id,
        },
        "contacts": [{"profile": {"name": profile_name}, "wa_id": sender}],
        "messages": [message],
    }
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": BUSINESS_ACCOUNT_ID, "changes": [{"field": "messages", "value": value}]}],
    }


def signed_body(payload: dict[str, Any], app_secret: str) -> tuple[bytes, dict[str, str]]:
    """The raw body and the headers Meta sends with it, signature included."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    digest = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return body, {"Content-Type": "application/json", SIGNATURE_HEADER: f"sha256={digest}"}


def build_webhook(
    action: dict[str, Any],
    sender: str,
    phone_number_id: str,
    app_secret: str,
    profile_name: str = "Simulator",
    now: float | None = None,
) -> tuple[str, bytes, dict[str, str]]:
    """The message id, raw body and headers of the webhook for one action of the page."""
    if not sender.isdigit() or not 5 <= len(sender) <= 20:
        raise SimulatedMessageError("the user's WhatsApp id must be 5 to 20 digits")
    message_id = new_message_id()
    message = user_message(action, sender, message_id, time.time() if now is None else now)
    payload = webhook_payload(message, sender, profile_name, phone_number_id)
    body, headers = signed_body(payload, app_secret)
    return message_id, body, headers


def _string(action: dict[str, Any], key: str, limit: int = TITLE_LIMIT) -> str:
    value = action.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise SimulatedMessageError(f"'{key}' must be a non-empty string of at most {limit}")
    return value


def _number(action: dict[str, Any], key: str) -> float:
    value = action.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SimulatedMessageError(f"'{key}' must be a number")
    return float(value)
