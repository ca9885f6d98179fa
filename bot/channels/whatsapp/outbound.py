"""Pure functions turning Rasa's responses into Send API bodies that follow Meta's schema.

The limits are WhatsApp's, from `guards.limits` (the lint of `domain.yml` uses the same): text,
reply buttons, list rows, titles, ids. Whatever does not fit degrades gracefully: reply
buttons, then a list, then numbered text.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from guards import limits

LIST_BUTTON_LABEL = "Options"  # the same word in English and French; within limits.LIST_BUTTON
EMPTY_BODY = "…"


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def envelope(to: str, kind: str, content: dict[str, Any]) -> dict[str, Any]:
    """The common part of every body: product, recipient type, ``to`` and ``type``."""
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": kind,
        kind: content,
    }


def split_text(text: str, limit: int = limits.TEXT) -> list[str]:
    """Splits text into chunks of at most ``limit`` characters.

    Cuts on paragraph boundaries first, then sentence ends, then whitespace, and only as a last
    resort inside a word. Empty or blank text gives no chunk.
    """
    text = text.strip()
    chunks: list[str] = []
    while len(text) > limit:
        window = text[: limit + 1]
        cut = _last_boundary(window, limit)
        chunks.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        chunks.append(text)
    return [c for c in chunks if c]


def _last_boundary(window: str, limit: int) -> int:
    # A boundary must leave a reasonable first chunk, or splitting would produce crumbs.
    floor = limit // 4
    paragraph = window.rfind("\n\n", 0, limit)
    if paragraph >= floor:
        return paragraph
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() <= limit]
    if sentence_ends and sentence_ends[-1] >= floor:
        return sentence_ends[-1]
    newline = window.rfind("\n", 0, limit)
    if newline >= floor:
        return newline
    space = window.rfind(" ", 0, limit)
    if space >= floor:
        return space
    return limit


def text_bodies(to: str, text: str) -> list[dict[str, Any]]:
    """One text body per chunk; the text is sent as written (no link previews)."""
    return [envelope(to, "text", {"body": chunk}) for chunk in split_text(text)]


def _button_payload(button: dict[str, Any]) -> str:
    payload = button.get("payload")
    if not isinstance(payload, str) or not payload.strip():
        payload = button.get("title", "")
    return str(payload).strip()


def _button_title(button: dict[str, Any]) -> str:
    title = button.get("title")
    if not isinstance(title, str) or not title.strip():
        title = _button_payload(button)
    return " ".join(str(title).split())


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def buttons_bodies(to: str, text: str, buttons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reply buttons (1 to 3), else a list message (up to 10 rows), else numbered text.

    A button's ``payload`` becomes the reply id, so the user's tap comes back as that payload
    (``/intent{...}`` works). Text too long for an interactive body is sent before it as text.
    """
    options = [(b, _button_title(b), _button_payload(b)) for b in buttons if isinstance(b, dict)]
    options = [(b, t, p) for b, t, p in options if t and p]
    if not options:
        return text_bodies(to, text)
    payloads = [p for _, _, p in options]
    unique_payloads = len(set(payloads)) == len(payloads)
    titles = [t for _, t, _ in options]
    unique_titles = len(set(titles)) == len(titles)

    head = split_text(text, limits.INTERACTIVE_BODY)
    body_text = head[-1] if head else EMPTY_BODY
    before = [envelope(to, "text", {"body": chunk}) for chunk in split_text("\n\n".join(head[:-1]))]

    fits_buttons = (
        len(options) <= limits.REPLY_BUTTONS
        and unique_payloads
        and unique_titles
        and all(len(t) <= limits.BUTTON_TITLE for t in titles)
        and all(len(p) <= limits.BUTTON_ID for p in payloads)
    )
    if fits_buttons:
        action = {
            "buttons": [{"type": "reply", "reply": {"id": p, "title": t}} for _, t, p in options]
        }
        return [*before, _interactive(to, "button", body_text, action)]

    shortened = [_shorten(t, limits.ROW_TITLE) for t in titles]
    fits_list = (
        len(options) <= limits.LIST_ROWS
        and unique_payloads
        and all(len(p) <= limits.ROW_ID for p in payloads)
        and all(len(t) <= limits.ROW_DESCRIPTION for t in titles)
    )
    if fits_list:
        rows: list[dict[str, str]] = []
        for (_, title, payload), short in zip(options, shortened, strict=True):
            row = {"id": payload, "title": short}
            if short != title:
                row["description"] = title  # the full title, cut in the row's title
            rows.append(row)
        listing = {"button": LIST_BUTTON_LABEL, "sections": [{"rows": rows}]}
        return [*before, _interactive(to, "list", body_text, listing)]

    numbered = "\n".join(f"{i}. {t}" for i, t in enumerate(titles, start=1))
    return text_bodies(to, f"{text.strip()}\n\n{numbered}" if text.strip() else numbered)


def _interactive(to: str, kind: str, body: str, action: dict[str, Any]) -> dict[str, Any]:
    return envelope(to, "interactive", {"type": kind, "body": {"text": body}, "action": action})


#: Media kinds sent by link; audio is the one that takes no caption.
MEDIA_KINDS = ("image", "document", "video", "audio")


def media_body(to: str, kind: str, url: str, caption: str | None = None) -> dict[str, Any]:
    """An image, document, video or audio file sent by link (HTTP or HTTPS)."""
    if kind not in MEDIA_KINDS:
        raise ValueError(f"not a media kind WhatsApp sends by link: {kind!r}")
    media: dict[str, Any] = {"link": url}
    if caption and kind != "audio":
        media["caption"] = _shorten(caption, limits.MEDIA_CAPTION)
    return envelope(to, kind, media)


def image_body(to: str, url: str, caption: str | None = None) -> dict[str, Any]:
    """An image sent by link (HTTP or HTTPS)."""
    return media_body(to, "image", url, caption)


def attachment_body(to: str, attachment: Any) -> dict[str, Any] | None:
    """The body for a Rasa ``attachment``, or ``None`` when it cannot be sent as media.

    Accepted: a URL (sent as a document), ``{"type": kind, "payload": {"url" or "src": ...}}``
    (Rasa's and Messenger's shape), or a WhatsApp body as for ``custom_body``.
    """
    if isinstance(attachment, str):
        url, kind = attachment.strip(), "document"
        return media_body(to, kind, url) if url.startswith(("https://", "http://")) else None
    if not isinstance(attachment, dict):
        return None
    payload = attachment.get("payload")
    if attachment.get("type") in MEDIA_KINDS and isinstance(payload, dict):
        link = payload.get("url") or payload.get("src")
        if isinstance(link, str) and link.startswith(("https://", "http://")):
            return media_body(to, attachment["type"], link, payload.get("caption"))
        return None
    return custom_body(to, attachment)


def custom_body(to: str, custom: dict[str, Any]) -> dict[str, Any] | None:
    """A passthrough: ``{"type": ..., <type>: {...}}``, or the same under a ``whatsapp`` key.

    The caller's content is kept as is; only the envelope (product, recipient type, ``to``) is
    set here. Returns ``None`` when ``custom`` is not meant for WhatsApp.
    """
    content = custom.get("whatsapp", custom)
    if not isinstance(content, dict):
        return None
    kind = content.get("type")
    if not isinstance(kind, str) or not isinstance(content.get(kind), dict):
        return None
    body = {k: v for k, v in content.items() if k not in ("messaging_product", "to")}
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, **body}


def template_body(to: str, name: str, language: str) -> dict[str, Any]:
    """An approved template without parameters, allowed outside the 24-hour window."""
    return envelope(
        to, "template", {"name": name, "language": {"policy": "deterministic", "code": language}}
    )


def reminder_template_body(
    to: str, name: str, language: str, parameters: list[str], payloads: list[str]
) -> dict[str, Any]:
    """An approved utility template with body parameters and quick-reply buttons whose taps
    come back as those payloads (a ``button`` message), outside the 24-hour window."""
    components: list[dict[str, Any]] = [
        {"type": "body", "parameters": [{"type": "text", "text": p} for p in parameters]}
    ]
    components += [
        {
            "type": "button",
            "sub_type": "quick_reply",
            "index": str(index),
            "parameters": [{"type": "payload", "payload": payload}],
        }
        for index, payload in enumerate(payloads)
    ]
    template = {
        "name": name,
        "language": {"policy": "deterministic", "code": language},
        "components": components,
    }
    return envelope(to, "template", template)


@dataclass(frozen=True)
class DataFile:
    """A file carried in a ``data:`` URL (the booking's .ics): uploaded, then sent by id."""

    content: bytes
    mime_type: str
    filename: str


def data_file(attachment: Any) -> DataFile | None:
    """The file of ``{"type": "file", "payload": {"url": "data:...;base64,...", "filename"}}``."""
    if not isinstance(attachment, dict) or attachment.get("type") != "file":
        return None
    payload = attachment.get("payload")
    if not isinstance(payload, dict):
        return None
    url = payload.get("url")
    if not isinstance(url, str) or not url.startswith("data:") or ";base64," not in url:
        return None
    head, data = url[len("data:") :].split(",", 1)
    try:
        content = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return None
    filename = str(payload.get("filename") or "file")
    return DataFile(content, head.split(";", 1)[0] or "application/octet-stream", filename)


def document_body(to: str, media_id: str, filename: str, caption: str | None) -> dict[str, Any]:
    """A document already uploaded through the Graph API's media endpoint."""
    document: dict[str, Any] = {"id": media_id, "filename": filename}
    if caption:
        document["caption"] = _shorten(caption, limits.MEDIA_CAPTION)
    return envelope(to, "document", document)


def plain_text(body: dict[str, Any]) -> str:
    """What a body says, as plain text: its text, caption, or body and numbered options.

    "" for bodies without words of their own (templates, media without caption).
    """
    kind = body.get("type")
    content = body.get(kind) if isinstance(kind, str) else None
    if not isinstance(content, dict):
        return ""
    if kind == "text":
        return str(content.get("body") or "")
    if kind in MEDIA_KINDS:
        return str(content.get("caption") or "")
    if kind != "interactive":
        return ""
    text = str((content.get("body") or {}).get("text") or "")
    action = content.get("action") or {}
    titles = [b.get("reply", {}).get("title", "") for b in action.get("buttons", [])]
    for section in action.get("sections", []):
        rows = section.get("rows", [])
        titles += [row.get("description") or row.get("title", "") for row in rows]
    numbered = "\n".join(f"{i}. {t}" for i, t in enumerate(filter(None, titles), start=1))
    return "\n\n".join(part for part in (text, numbered) if part)


def is_free_form(body: dict[str, Any]) -> bool:
    """Whether the body needs an open 24-hour window (everything but templates)."""
    return body.get("type") != "template"


__all__ = [
    "attachment_body",
    "buttons_bodies",
    "custom_body",
    "data_file",
    "document_body",
    "envelope",
    "image_body",
    "media_body",
    "is_free_form",
    "reminder_template_body",
    "plain_text",
    "split_text",
    "template_body",
    "text_bodies",
]
