"""``WhatsAppInput``: the webhook of the WhatsApp Cloud API (routes under ``/webhooks/whatsapp/``).

A POST is acknowledged once its messages are durably recorded in the inbox; processing happens
afterwards in per-sender queues on the turn loop, a second event loop in its own thread, so
Rasa's computations never delay an acknowledgement. Messages recorded but not processed when
the process stopped are replayed when the server starts again.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.whatsapp import outbound
from bot.channels.whatsapp.client import GraphClient
from bot.channels.whatsapp.config import WhatsAppConfig
from bot.channels.whatsapp.inbox import FAILED, PROCESSED, Inbox, create_inbox, inbound_time
from bot.channels.whatsapp.output import WhatsAppOutput
from bot.channels.whatsapp.parsing import KIND_UNSUPPORTED, InboundMessage, parse_webhook
from bot.channels.whatsapp.signature import SIGNATURE_HEADER, SignatureCheck, check_signature
from bot.channels.whatsapp.turn_loop import TurnLoop, freeze_heap
from bot.channels.whatsapp.window import ConversationWindow
from bot.channels.whatsapp.worker import SenderQueues, TurnGate
from core.privacy.erasure import register_eraser, unregister_eraser

logger = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 3600.0
MAX_TAKEOVER_INTERVAL_SECONDS = 60.0
ERASER_NAME = "whatsapp"
AGENT_POLL_SECONDS = 0.2


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
        self.inbox = inbox or create_inbox(
            config.inbox_url,
            config.dedup_ttl_seconds,
            owner=config.owner,
            lease_seconds=config.claim_lease_seconds,
        )
        self.client = client or GraphClient(
            config.messages_url,
            config.access_token,
            timeout=config.request_timeout_seconds,
            max_attempts=config.send_max_attempts,
        )
        self.window = ConversationWindow(self.inbox)
        self.gate = TurnGate(config.max_concurrent_turns)
        self.metrics: Counter[str] = Counter()
        self.turns = TurnLoop()
        self.queues: SenderQueues | None = None  # lives on the turn loop
        self._on_new_message: Callable[[UserMessage], Awaitable[Any]] | None = None
        self._app: Any = None
        self._frozen_agent: Any = None
        self._started: asyncio.Future[None] | None = None
        self._background: list[asyncio.Task[None]] = []

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WhatsAppInput:
        """Reads credentials.yml, then WHATSAPP_* variables; fails naming a missing key."""
        return cls(WhatsAppConfig.from_credentials(credentials))

    def get_output_channel(self) -> WhatsAppOutput:
        """An output channel for messages the bot sends on its own (also used per turn)."""
        return WhatsAppOutput(
            self.client,
            self.inbox,
            self.window,
            self.config.template_name,
            self.config.template_language,
            self.metrics,
            self.gate,
        )

    async def erase_sender(self, sender_id: str) -> int:
        """Deletes everything the connector stores about a user; returns the records erased.

        Registered with ``core.privacy.erasure`` as ``whatsapp``: the tracker store's opt-out
        erasure calls it once the turn is saved (the confirmation has been sent by then).
        """
        self.window.forget(sender_id)
        return await self.inbox.erase_sender(sender_id)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        self._on_new_message = on_new_message
        register_eraser(ERASER_NAME, self.erase_sender)
        # Blueprint names are unique per app; a per-instance suffix allows several apps.
        whatsapp = Blueprint(f"whatsapp_webhook_{id(self)}", __name__)

        @whatsapp.listener("after_server_start")
        async def start(app: Any, _loop: Any) -> None:
            await self._ensure_started(app)

        @whatsapp.listener("before_server_stop")
        async def stop(_app: Any, _loop: Any) -> None:
            await self.shutdown()

        @whatsapp.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json(
                {
                    "status": "ok",
                    "in_flight": self.queues.in_flight if self.queues else 0,
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
        chunks = bytearray()
        while (chunk := await request.stream.read()) is not None:
            chunks += chunk
            if len(chunks) > limit:
                return None
        return bytes(chunks)

    async def _receive(self, request: Request) -> HTTPResponse:
        body = await self._read_body(request)
        if body is None:
            self.metrics["rejected_too_large"] += 1
            return response.json({"error": "body too large"}, status=413)
        check = check_signature(body, request.headers.get(SIGNATURE_HEADER), self.config.app_secret)
        if check is not SignatureCheck.VALID:
            self.metrics[f"rejected_signature_{check.value}"] += 1
            logger.warning("WhatsApp webhook rejected: signature %s", check.value)
            status = 401 if check is SignatureCheck.MISSING else 403
            return response.json({"error": f"signature {check.value}"}, status=status)
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self.metrics["rejected_malformed"] += 1
            return response.json({"error": "body is not UTF-8 JSON"}, status=400)

        result = parse_webhook(payload)
        if result.problems:
            self.metrics["parse_problems"] += len(result.problems)
            logger.warning("WhatsApp webhook: skipped parts: %s", "; ".join(result.problems[:10]))
        await self._ensure_started(request.app)
        messages = sorted(result.messages, key=lambda m: m.timestamp)  # stable: batch order kept
        try:
            accepted = await self.inbox.accept(messages)
        except Exception:
            # Not recorded, so not acknowledged: Meta delivers it again later.
            logger.exception("WhatsApp webhook: the inbox is unavailable")
            return response.json({"error": "inbox unavailable"}, status=503)
        self.metrics["received"] += len(accepted)
        self.metrics["duplicates"] += len(messages) - len(accepted)
        now = time.time()
        for message in accepted:
            self.window.note_inbound(message.sender_id, inbound_time(message, now))
            self._queue(message)
        try:
            await self.inbox.record_statuses(result.statuses)
        except Exception:
            # The messages are safe; Meta's retry brings them back as duplicates with the statuses.
            logger.exception("WhatsApp webhook: could not record delivery statuses")
            return response.json({"error": "inbox unavailable"}, status=503)
        self.metrics["statuses"] += len(result.statuses)
        for status in result.statuses:
            if status.status == "failed":
                for code in status.error_codes or ("unknown",):
                    self.metrics[f"delivery_failed_{code}"] += 1
        return response.json({"status": "ok", "accepted": len(accepted)})

    def _queue(self, message: InboundMessage) -> None:
        """Hands a recorded message to the turn loop's per-sender queues."""
        assert self.queues is not None
        try:
            self.turns.call(self.queues.submit, message)
        except RuntimeError:
            # Stopping: the message stays pending in the inbox and is replayed at the next start.
            logger.info("WhatsApp: stopping; message %s left for replay", message.message_id)

    async def _ensure_started(self, app: Any) -> None:
        """Starts the queues and replays pending messages, once, before any new one is queued."""
        if self._started is None:
            self._started = asyncio.get_running_loop().create_future()
            self._app = app
            self.turns.start()
            self.queues = SenderQueues(self._process, self.gate)
            try:
                await self.inbox.purge_expired()
                problem = await self.inbox.durability_problem()
                if problem:
                    logger.warning("WhatsApp inbox: %s", problem)
                pending = await self.inbox.claim_pending(include_own=True)
                for message in pending:
                    self._queue(message)
                if pending:
                    logger.info("WhatsApp: replaying %d pending messages", len(pending))
                self._background.append(asyncio.create_task(self._purge_periodically()))
                self._background.append(asyncio.create_task(self._take_over_periodically()))
            except Exception:
                logger.exception("WhatsApp: could not replay pending messages at start-up")
            finally:
                self._started.set_result(None)
        await self._started

    async def _purge_periodically(self) -> None:
        while True:
            await asyncio.sleep(PURGE_INTERVAL_SECONDS)
            try:
                await self.inbox.purge_expired()
            except Exception:
                logger.exception("WhatsApp: purging expired inbox records failed")

    async def _take_over_periodically(self) -> None:
        """Processes the messages of instances sharing the inbox whose claims expired."""
        interval = min(self.inbox.lease_seconds / 4, MAX_TAKEOVER_INTERVAL_SECONDS)
        while True:
            await asyncio.sleep(interval)
            try:
                orphans = await self.inbox.claim_pending(include_own=False)
            except Exception:
                logger.exception("WhatsApp: taking over expired inbox claims failed")
                continue
            if orphans:
                logger.info("WhatsApp: taking over %d messages of another instance", len(orphans))
                self.metrics["taken_over"] += len(orphans)
            for message in orphans:
                self._queue(message)

    async def _wait_for_agent(self) -> None:
        agent = getattr(getattr(self._app, "ctx", None), "agent", None)
        while agent is not None and not agent.is_ready():
            await asyncio.sleep(AGENT_POLL_SECONDS)
            agent = getattr(self._app.ctx, "agent", None)
        if agent is not None and agent is not self._frozen_agent:
            freeze_heap()
            self._frozen_agent = agent

    async def _process(self, message: InboundMessage) -> None:
        """Hands one message to Rasa (or answers media politely), then marks it processed."""
        await self._wait_for_agent()
        if not await self.inbox.confirm_claim(message.message_id):
            # Processed, erased, or taken over by another instance after a long wait here.
            self.metrics["skipped_not_claimed"] += 1
            return
        output = self.get_output_channel()
        state = PROCESSED
        try:
            if message.kind == KIND_UNSUPPORTED:
                await output.send_text_message(message.sender_id, outbound.UNSUPPORTED_MEDIA_TEXT)
            else:
                assert self._on_new_message is not None
                await self._on_new_message(
                    UserMessage(
                        message.text,
                        output,
                        message.sender_id,
                        input_channel=self.name(),
                        message_id=message.message_id,
                        metadata=message.metadata(),
                    )
                )
            self.metrics["processed"] += 1
        except asyncio.CancelledError:
            raise  # stays pending: replayed at the next start
        except Exception:
            state = FAILED
            self.metrics["processing_failed"] += 1
            logger.exception("WhatsApp message %s: the bot failed on it", message.message_id)
        await self.inbox.mark(message.message_id, state)

    async def join(self, timeout: float | None = None) -> None:
        """Waits until every received message has been processed (tests, graceful stop)."""
        if self.queues is not None and self.turns.running:
            await self.turns.run(self.queues.join(timeout))

    async def shutdown(self) -> None:
        """Stops processing (pending messages stay in the inbox), closes the client and inbox."""
        unregister_eraser(ERASER_NAME)
        for task in self._background:
            task.cancel()
        self._background.clear()
        if self.queues is not None and self.turns.running:
            await self.turns.run(self._stop_turns())
        await self.turns.stop()
        await self.client.close()
        if self._started is not None:
            await self.inbox.close()
        self._started = None

    async def _stop_turns(self) -> None:
        """On the turn loop: cancels the queues and closes that loop's Send API session."""
        assert self.queues is not None
        await self.queues.stop()
        await self.client.close()
