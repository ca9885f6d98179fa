"""``WhatsAppInput``: the webhook of the WhatsApp Cloud API (routes under ``/webhooks/whatsapp/``).

This module is the HTTP side only: the verification handshake, the health route, and the POST
that is read (size-capped), signature-checked, parsed and recorded, then acknowledged. What
happens to a recorded message (queues, replay, take-over, the hand-over to Rasa) is the
runtime's job (`bot.channels.whatsapp.runtime`).
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections import Counter
from typing import Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import metrics
from bot.channels.whatsapp.client import GraphClient
from bot.channels.whatsapp.config import WhatsAppConfig
from bot.channels.whatsapp.inbox import Inbox
from bot.channels.whatsapp.output import WhatsAppOutput
from bot.channels.whatsapp.parsing import parse_webhook
from bot.channels.whatsapp.runtime import InboxUnavailable, OnNewMessage, WhatsAppRuntime
from bot.channels.whatsapp.signature import SIGNATURE_HEADER, SignatureCheck, check_signature
from bot.channels.whatsapp.turn_loop import TurnLoop
from bot.stores.lock_store import require_shared_lock_store
from core.privacy.erasure import register_eraser, unregister_eraser

logger = logging.getLogger(__name__)

ERASER_NAME = "whatsapp"


class WhatsAppInput(InputChannel):
    """Receives WhatsApp webhooks: signed, deduplicated, durable, processed in order per sender.

    Args:
        config: the validated settings.
        inbox: the durable inbox; built from ``config.inbox_url`` when not given.
        client: the Send API client; built from ``config`` when not given.
    """

    def __init__(
        self,
        config: WhatsAppConfig,
        inbox: Inbox | None = None,
        client: GraphClient | None = None,
    ) -> None:
        self.config = config
        self.runtime = WhatsAppRuntime(config, self.name(), inbox=inbox, client=client)

    # What the runtime owns, under the names operators and tests use on the channel.
    @property
    def inbox(self) -> Inbox:
        return self.runtime.inbox

    @property
    def client(self) -> GraphClient:
        return self.runtime.client

    @property
    def metrics(self) -> Counter[str]:
        return self.runtime.metrics

    @property
    def turns(self) -> TurnLoop:
        return self.runtime.turns

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WhatsAppInput:
        """Reads credentials.yml, then WHATSAPP_* variables; fails naming a missing key.

        Also refuses to start an instance that may be one of several without a shared lock
        store (`bot.stores.lock_store.require_shared_lock_store`).
        """
        config = WhatsAppConfig.from_credentials(credentials)
        require_shared_lock_store(config.inbox_url)
        return cls(config)

    def get_output_channel(self) -> WhatsAppOutput:
        """The output channel of messages the bot sends on its own (Rasa's trigger_intent,
        scheduled events): business-initiated, so each passes the outbound gate."""
        return self.runtime.business_output_channel()

    async def erase_sender(self, sender_id: str) -> int:
        """Deletes everything the connector stores about a user; returns the records erased.

        Registered with ``core.privacy.erasure`` as ``whatsapp``: the tracker store's opt-out
        erasure calls it once the turn is saved (the confirmation has been sent by then).
        """
        return await self.runtime.erase_sender(sender_id)

    async def join(self, timeout: float | None = None) -> None:
        """Waits until every received message has been processed (tests, graceful stop)."""
        await self.runtime.join(timeout)

    async def shutdown(self) -> None:
        """Stops processing (pending messages stay in the inbox), closes the client and inbox."""
        unregister_eraser(ERASER_NAME)
        await self.runtime.shutdown()

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        self.runtime.on_new_message = on_new_message
        register_eraser(ERASER_NAME, self.erase_sender)
        # Blueprint names are unique per app; a per-instance suffix allows several apps.
        whatsapp = Blueprint(f"whatsapp_webhook_{id(self)}", __name__)

        @whatsapp.listener("after_server_start")
        async def start(app: Any, _loop: Any) -> None:
            await self.runtime.ensure_started(app)

        @whatsapp.listener("before_server_stop")
        async def stop(_app: Any, _loop: Any) -> None:
            await self.shutdown()

        @whatsapp.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            queues = self.runtime.queues
            return response.json(
                {
                    "status": "ok",
                    "in_flight": queues.in_flight if queues else 0,
                    "metrics": dict(self.metrics),
                    "send_failures_by_code": dict(self.client.failures),
                }
            )

        @whatsapp.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            mode = request.args.get("hub.mode")
            token = request.args.get("hub.verify_token") or ""
            challenge = request.args.get("hub.challenge") or ""
            expected = self.config.verify_token.encode("utf-8")
            if (
                mode == "subscribe"
                and challenge
                and hmac.compare_digest(token.encode("utf-8"), expected)
            ):
                return response.text(challenge)
            return response.text("forbidden", status=403)

        # Streamed: the body is read here, in chunks, so an oversized one is refused early.
        @whatsapp.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            return await self._receive(request)

        return whatsapp

    async def _read_body(self, request: Request) -> bytes | None:
        """The raw body, or ``None`` as soon as it is known to exceed ``max_body_bytes``."""
        limit = self.config.max_body_bytes
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            return None
        stream, chunks = request.stream, bytearray()
        assert stream is not None  # the route is declared with stream=True
        while (chunk := await stream.read()) is not None:
            chunks += chunk
            if len(chunks) > limit:
                return None
        return bytes(chunks)

    async def _receive(self, request: Request) -> HTTPResponse:
        started = time.perf_counter()
        answer = await self._answer(request)
        metrics.WEBHOOK_ACK_SECONDS.observe(time.perf_counter() - started)
        return answer

    async def _answer(self, request: Request) -> HTTPResponse:
        body = await self._read_body(request)
        if body is None:
            self.metrics["rejected_too_large"] += 1
            metrics.WEBHOOKS.labels("too_large").inc()
            return response.json({"error": "body too large"}, status=413)
        check = check_signature(body, request.headers.get(SIGNATURE_HEADER), self.config.app_secret)
        if check is not SignatureCheck.VALID:
            self.metrics[f"rejected_signature_{check.value}"] += 1
            metrics.WEBHOOKS.labels(f"signature_{check.value}").inc()
            logger.warning("WhatsApp webhook rejected: signature %s", check.value)
            status = 401 if check is SignatureCheck.MISSING else 403
            return response.json({"error": f"signature {check.value}"}, status=status)
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self.metrics["rejected_malformed"] += 1
            metrics.WEBHOOKS.labels("malformed").inc()
            return response.json({"error": "body is not UTF-8 JSON"}, status=400)

        result = parse_webhook(payload)
        if result.problems:
            self.metrics["parse_problems"] += len(result.problems)
            logger.warning("WhatsApp webhook: skipped parts: %s", "; ".join(result.problems[:10]))
        await self.runtime.ensure_started(request.app)
        try:
            accepted = await self.runtime.record(result)
        except InboxUnavailable:
            # Not recorded, so not acknowledged: Meta delivers it again later.
            metrics.WEBHOOKS.labels("inbox_unavailable").inc()
            return response.json({"error": "inbox unavailable"}, status=503)
        metrics.WEBHOOKS.labels("accepted").inc()
        return response.json({"status": "ok", "accepted": accepted})
