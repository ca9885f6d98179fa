"""The WhatsApp channel's runtime: what happens to a message once the webhook recorded it.

The HTTP side (`bot.channels.whatsapp.input`) checks, records and acknowledges; this module
does everything after: per-sender queues on the turn loop (a second event loop in its own
thread, so Rasa's computations never delay an acknowledgement), replay at start-up of what was
recorded but not processed, take-over of messages whose owner (another instance sharing the
inbox) let its claim expire, the hourly purge of expired records, and the hand-over of each
message to Rasa with an output channel that sends through the Graph API.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.trackers import DialogueStateTracker

from bot import process_settings
from bot.channels.whatsapp.client import GraphClient
from bot.channels.whatsapp.config import WhatsAppConfig
from bot.channels.whatsapp.inbox import FAILED, PROCESSED, Inbox, create_inbox, inbound_time
from bot.channels.whatsapp.output import WhatsAppOutput
from bot.channels.whatsapp.parsing import KIND_UNSUPPORTED, InboundMessage, ParseResult
from bot.channels.whatsapp.turn_loop import TurnLoop
from bot.channels.whatsapp.window import ConversationWindow
from bot.channels.whatsapp.worker import SenderQueues, TurnGate
from bot.output_guard import GuardedOutputChannel, blocked_fallback
from core.names import UNSUPPORTED_MEDIA_RESPONSE

logger = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 3600.0
MAX_TAKEOVER_INTERVAL_SECONDS = 60.0
AGENT_POLL_SECONDS = 0.2

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class InboxUnavailable(Exception):
    """The inbox could not record a webhook's content: it must not be acknowledged."""


class WhatsAppRuntime:
    """Queues, replays, takes over and processes recorded WhatsApp messages.

    Args:
        config: the validated settings.
        channel_name: the input channel's name, given to Rasa with each message.
        inbox: the durable inbox; built from ``config.inbox_url`` when not given.
        client: the Send API client; built from ``config`` when not given.
    """

    def __init__(
        self,
        config: WhatsAppConfig,
        channel_name: str,
        inbox: Inbox | None = None,
        client: GraphClient | None = None,
    ) -> None:
        self.config = config
        self.channel_name = channel_name
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
        self.on_new_message: OnNewMessage | None = None
        self._app: Any = None
        self._settled_agent: Any = None
        self._started: asyncio.Future[None] | None = None
        self._background: list[asyncio.Task[None]] = []

    def output_channel(self) -> WhatsAppOutput:
        """An output channel that sends through the Graph API (per turn, or bot-initiated)."""
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
        """Deletes everything the connector stores about a user; returns the records erased."""
        self.window.forget(sender_id)
        return await self.inbox.erase_sender(sender_id)

    async def record(self, content: ParseResult) -> int:
        """Records a webhook's messages and statuses, queues the new messages; the count.

        Raises:
            InboxUnavailable: nothing (or not everything) was recorded; Meta must retry.
        """
        messages = sorted(content.messages, key=lambda m: m.timestamp)  # stable: batch order kept
        try:
            accepted = await self.inbox.accept(messages)
        except Exception as error:
            logger.exception("WhatsApp webhook: the inbox is unavailable")
            raise InboxUnavailable from error
        self.metrics["received"] += len(accepted)
        self.metrics["duplicates"] += len(messages) - len(accepted)
        now = time.time()
        for message in accepted:
            self.window.note_inbound(message.sender_id, inbound_time(message, now))
            self._queue(message)
        try:
            await self.inbox.record_statuses(content.statuses)
        except Exception as error:
            # The messages are safe; Meta's retry brings them back as duplicates with the statuses.
            logger.exception("WhatsApp webhook: could not record delivery statuses")
            raise InboxUnavailable from error
        self.metrics["statuses"] += len(content.statuses)
        for status in content.statuses:
            if status.status == "failed":
                for code in status.error_codes or ("unknown",):
                    self.metrics[f"delivery_failed_{code}"] += 1
        return len(accepted)

    def _queue(self, message: InboundMessage) -> None:
        """Hands a recorded message to the turn loop's per-sender queues."""
        assert self.queues is not None
        try:
            self.turns.call(self.queues.submit, message)
        except RuntimeError:
            # Stopping: the message stays pending in the inbox and is replayed at the next start.
            logger.info("WhatsApp: stopping; message %s left for replay", message.message_id)

    async def ensure_started(self, app: Any) -> None:
        """Starts the queues and replays pending messages, once, before any new one is queued."""
        if self._started is None:
            self._started = asyncio.get_running_loop().create_future()
            self._app = app
            self.turns.start()
            self.queues = SenderQueues(self.process, self.gate)
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
        """Waits until Rasa's model is loaded; applies the process settings once per model."""
        agent = getattr(getattr(self._app, "ctx", None), "agent", None)
        while agent is not None and not agent.is_ready():
            await asyncio.sleep(AGENT_POLL_SECONDS)
            agent = getattr(self._app.ctx, "agent", None)
        if agent is not None and agent is not self._settled_agent:
            process_settings.apply_after_model_load()
            self._settled_agent = agent

    async def process(self, message: InboundMessage) -> None:
        """Hands one message to Rasa (or answers media politely), then marks it processed."""
        await self._wait_for_agent()
        if not await self.inbox.confirm_claim(message.message_id):
            # Processed, erased, or taken over by another instance after a long wait here.
            self.metrics["skipped_not_claimed"] += 1
            return
        output = self.output_channel()
        state = PROCESSED
        try:
            if message.kind == KIND_UNSUPPORTED:
                await self._reply_text_only(message.sender_id, output)
            else:
                assert self.on_new_message is not None
                await self.on_new_message(
                    UserMessage(
                        message.text,
                        output,
                        message.sender_id,
                        input_channel=self.channel_name,
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

    async def _reply_text_only(self, sender_id: str, output: WhatsAppOutput) -> None:
        """Says that only text is read: the domain's `utter_unsupported_media`, rendered by
        Rasa's NLG in the user's language (both when unknown), without a turn or NLU."""
        agent = getattr(getattr(self._app, "ctx", None), "agent", None)
        if agent is None or agent.nlg is None:
            logger.warning("WhatsApp: no model loaded; media from a user left unanswered")
            return
        tracker = await agent.tracker_store.retrieve(sender_id)
        if tracker is None:
            tracker = DialogueStateTracker(sender_id, agent.domain.slots)
        reply = await agent.nlg.generate(UNSUPPORTED_MEDIA_RESPONSE, tracker, output.name())
        if reply:
            guarded = GuardedOutputChannel(output, blocked_fallback(agent.nlg, tracker, "whatsapp"))
            await guarded.send_response(sender_id, reply)

    async def join(self, timeout: float | None = None) -> None:
        """Waits until every received message has been processed (tests, graceful stop)."""
        if self.queues is not None and self.turns.running:
            await self.turns.run(self.queues.join(timeout))

    async def shutdown(self) -> None:
        """Stops processing (pending messages stay in the inbox), closes the client and inbox."""
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
