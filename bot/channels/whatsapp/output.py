"""``WhatsAppOutput``: sends Rasa's responses through the Send API within the 24-hour window."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Iterable
from typing import Any

from rasa.core.channels.channel import OutputChannel

from bot.channels.whatsapp import outbound
from bot.channels.whatsapp.client import GraphClient, SendResult
from bot.channels.whatsapp.gate import HOLD, SEND, OutboundGate
from bot.channels.whatsapp.identity import Address, address_body
from bot.channels.whatsapp.inbox import Inbox
from bot.channels.whatsapp.window import ConversationWindow
from bot.channels.whatsapp.worker import TurnGate
from core.privacy.registry import privacy_registry
from guards import limits

logger = logging.getLogger(__name__)

OUTSIDE_WINDOW_CODE = 131047
MAX_PACING_WAITS = 3
#: "Business-scoped User ID recipients are not supported for this message" (Meta, 2026).
BSUID_UNSUPPORTED_CODE = 131062


class WhatsAppOutput(OutputChannel):
    """Maps each Rasa response to Send API bodies and sends them in order.

    One instance serves one conversation turn, so the fallback template is sent at most once per
    turn however many free-form messages the turn produced outside the window.

    Args:
        client: the shared Send API client.
        inbox: where sends that failed for good are kept.
        window: the 24-hour window.
        template_name: the approved template sent outside the window ("" for none).
        template_language: the template's language code.
        metrics: shared counters (``window_dropped``, ``template_sent``, ``send_failed``...).
        gate: the turn gate, whose slot is given back while waiting on the Send API.
        outbound_gate: set for messages Rasa sends on its own (not replying to the user's
            latest message): each then passes the outbound gate for `purpose`.
        purpose: the purpose of those business-initiated messages.
    """

    def __init__(
        self,
        client: GraphClient,
        inbox: Inbox,
        window: ConversationWindow,
        template_name: str = "",
        template_language: str = "en",
        metrics: Counter[str] | None = None,
        gate: TurnGate | None = None,
        outbound_gate: OutboundGate | None = None,
        purpose: str = "",
    ) -> None:
        self._client = client
        self._inbox = inbox
        self._window = window
        self._template_name = template_name
        self._template_language = template_language
        self._template_sent: set[str] = set()
        self.metrics: Counter[str] = Counter() if metrics is None else metrics
        self._gate = gate or TurnGate()
        self._outbound_gate = outbound_gate
        self._purpose = purpose

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._deliver(recipient_id, outbound.text_bodies(recipient_id, text or ""))

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        bodies = outbound.buttons_bodies(recipient_id, text or "", buttons or [])
        await self._deliver(recipient_id, bodies)

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        """Rasa's dispatch, except that a text with an image is one captioned image.

        Rasa's `OutputChannel.send_response` sends the text first and the image after, with
        no caption; WhatsApp shows an image with its caption, so they are kept together when
        the text fits a caption and has no buttons.
        """
        message = dict(message)
        text, image = message.get("text"), message.get("image")
        together = not message.get("buttons") and not message.get("quick_replies")
        if text and image and together and len(text) <= limits.MEDIA_CAPTION:
            del message["text"], message["image"]
            await self.send_image_url(recipient_id, image, caption=text)
        file = outbound.data_file(message.get("attachment"))
        if text and file and together and len(text) <= limits.MEDIA_CAPTION:
            del message["text"], message["attachment"]
            await self._send_file(recipient_id, file, caption=text)
        await super().send_response(recipient_id, message)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        caption = kwargs.get("caption")
        caption = caption if isinstance(caption, str) else None
        await self._deliver(recipient_id, [outbound.image_body(recipient_id, image, caption)])

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        """A file in a ``data:`` URL (the booking's .ics) is uploaded and sent as a document; a
        media file by link as `outbound.attachment_body` says; anything else is not sent."""
        file = outbound.data_file(attachment)
        if file is not None:
            await self._send_file(recipient_id, file, caption=None)
            return
        body = outbound.attachment_body(recipient_id, attachment)
        if body is None:
            logger.warning("Attachment is neither a media link nor a WhatsApp body; not sent")
            self.metrics["attachment_ignored"] += 1
            return
        await self._deliver(recipient_id, [body])

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        body = outbound.custom_body(recipient_id, json_message)
        if body is None:
            logger.warning("Custom response has no WhatsApp 'type' and content; not sent")
            self.metrics["custom_ignored"] += 1
            return
        await self._deliver(recipient_id, [body])

    async def _send_file(
        self, recipient_id: str, file: outbound.DataFile, caption: str | None
    ) -> None:
        """Uploads through the Graph API's media endpoint, then sends the document by its id."""
        async with self._gate.waiting():
            media_id = await self._client.upload_media(file.content, file.mime_type, file.filename)
        if media_id is None:
            self.metrics["media_upload_failed"] += 1
            return
        body = outbound.document_body(recipient_id, media_id, file.filename, caption)
        await self._deliver(recipient_id, [body])

    async def _deliver(self, recipient_id: str, bodies: Iterable[dict[str, Any]]) -> None:
        """Sends each body to the conversation ``recipient_id`` (the canonical sender id),
        addressed to the user's phone number, else to their BSUID."""
        if self._outbound_gate is not None:
            await self._deliver_business_initiated(recipient_id, list(bodies))
            return
        address: Address | None = None
        for body in bodies:
            if address is None:
                address = await self._inbox.address(recipient_id)
            body = address_body(body, address)
            if not await self._window.is_open(recipient_id):
                if outbound.is_free_form(body):
                    await self._outside_window(recipient_id)  # checks the opt-out itself
                    continue
                if await self._opted_out(recipient_id):
                    continue
            result = await self._send(body)
            if result.ok:
                self.metrics["sent"] += 1
                continue
            if result.code == OUTSIDE_WINDOW_CODE:
                await self._outside_window(recipient_id)
                continue
            if result.code == BSUID_UNSUPPORTED_CODE and await self._as_text(recipient_id, body):
                continue
            await self._failed(recipient_id, body, result)

    async def _failed(self, recipient_id: str, body: dict[str, Any], result: SendResult) -> None:
        """Counts a send that failed for good and keeps it (redacted) as a dead letter."""
        self.metrics["send_failed"] += 1
        if result.code == BSUID_UNSUPPORTED_CODE:
            self.metrics["bsuid_unsupported"] += 1
            logger.warning("WhatsApp: a %s message cannot go to a BSUID (131062)", body.get("type"))
        await self._inbox.record_failed_send(recipient_id, body, result.code, result.reason)

    async def _as_text(self, recipient_id: str, body: dict[str, Any]) -> bool:
        """A message kind that cannot go to a BSUID (131062) is sent again as plain text.

        Possible only inside the 24-hour window and when the body has words to say; otherwise
        the caller keeps it as a failed send. True when the text went out.
        """
        words = outbound.plain_text(body)
        if not words or not await self._window.is_open(recipient_id):
            return False
        address: dict[str, Any] = {k: body[k] for k in ("to", "recipient") if k in body}
        for chunk in outbound.split_text(words):
            text = outbound.envelope("", "text", {"body": chunk})
            del text["to"]
            if not (await self._send({**text, **address})).ok:
                return False
        self.metrics["bsuid_unsupported"] += 1
        self.metrics["bsuid_text_fallback"] += 1
        logger.info(
            "WhatsApp: a %s message could not go to a BSUID (131062); sent as text",
            body.get("type"),
        )
        return True

    async def _deliver_business_initiated(
        self, recipient_id: str, bodies: list[dict[str, Any]]
    ) -> None:
        """Through the outbound gate; a user's pacing is waited for (a few seconds at most)."""
        assert self._outbound_gate is not None
        for _ in range(MAX_PACING_WAITS):
            decision = await self._outbound_gate.send(recipient_id, self._purpose, bodies, None)
            if decision.verdict != HOLD:
                break
            await asyncio.sleep(decision.retry_after)
        if decision.verdict == SEND:
            self.metrics["sent"] += len(decision.bodies)
        elif decision.reason == "suppressed":
            self.metrics["suppressed_dropped"] += 1

    async def _send(self, body: dict[str, Any]) -> SendResult:
        async with self._gate.waiting():
            return await self._client.send(body)

    async def _opted_out(self, recipient_id: str) -> bool:
        """Outside the window a message is business-initiated: never to an opted-out user."""
        if not await asyncio.to_thread(privacy_registry().is_suppressed, recipient_id):
            return False
        self.metrics["suppressed_dropped"] += 1
        logger.warning("Business-initiated message not sent: the user opted out (STOP)")
        return True

    async def _outside_window(self, recipient_id: str) -> None:
        if await self._opted_out(recipient_id):
            return
        if not self._template_name:
            self.metrics["window_dropped"] += 1
            logger.warning(
                "Free-form message not sent: the user's last message is older than 24 hours and "
                "no template is configured (template_name)"
            )
            return
        if recipient_id in self._template_sent:
            self.metrics["window_dropped"] += 1
            logger.info("Free-form message outside the 24-hour window replaced by the template")
            return
        self._template_sent.add(recipient_id)
        body = outbound.template_body(recipient_id, self._template_name, self._template_language)
        body = address_body(body, await self._inbox.address(recipient_id))
        result = await self._send(body)
        if result.ok:
            self.metrics["template_sent"] += 1
        else:
            await self._failed(recipient_id, body, result)
