"""The WhatsApp channel's runtime: what happens to a message once the webhook recorded it.

The HTTP side (`bot.channels.whatsapp.input`) checks, records and acknowledges; this module
does everything after: per-sender queues on the turn loop (a second event loop in its own
thread, so Rasa's computations never delay an acknowledgement), replay at start-up of what was
recorded but not processed, the hourly purge of expired records, and the hand-over of each
message to Rasa with an output channel that sends through the Graph API.

Several instances may share the inbox: a recorded message wakes its sender's queue, which
drains the sender's pending messages in order while this instance holds the sender's lease
(see `bot.channels.whatsapp.inbox`); when another instance holds it, that one drains them.
Leases of senders being worked on are renewed; senders whose lease expired (a dead instance)
are taken over. A turn that fails because a store is unreachable (`bot.stores.fail_safe`)
leaves its message pending and is retried with back-off; one already saved in the tracker (the
instance died before marking it) is only marked. On stop (SIGTERM), no new turn starts, turns
in flight get ``STOP_GRACE_SECONDS`` to finish, and the leases are given back.
Each instance also sweeps due reminders through the outbound gate (`reminders`, `gate`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import metrics, process_settings
from bot.channels.whatsapp.client import GraphClient
from bot.channels.whatsapp.config import WhatsAppConfig
from bot.channels.whatsapp.erasure import erase_user
from bot.channels.whatsapp.gate import CONVERSATION_FOLLOW_UP, OutboundGate
from bot.channels.whatsapp.inbox import FAILED, PROCESSED, Inbox, create_inbox, inbound_time
from bot.channels.whatsapp.output import WhatsAppOutput
from bot.channels.whatsapp.parsing import KIND_UNSUPPORTED, InboundMessage, ParseResult
from bot.channels.whatsapp.reminders import ReminderSender, agreed
from bot.channels.whatsapp.turn_loop import TurnLoop
from bot.channels.whatsapp.window import ConversationWindow
from bot.channels.whatsapp.worker import SenderQueues, TurnGate
from bot.output_guard import GuardedOutputChannel, blocked_fallback
from bot.stores.fail_safe import is_store_outage
from core.names import UNSUPPORTED_MEDIA_RESPONSE

logger = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 3600.0
MAX_TAKEOVER_INTERVAL_SECONDS = 60.0
AGENT_POLL_SECONDS = 0.2
MAX_ACKNOWLEDGED_TRACKED = 10_000
RETRY_FIRST_SECONDS = 0.5  # a turn that met a store outage is retried after this, doubling
RETRY_MAX_SECONDS = 15.0
STOP_GRACE_SECONDS = 10.0  # how long a stopping instance lets its turns in flight finish

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
        # Every business-initiated message passes this gate; reminders are the first.
        self.outbound_gate = OutboundGate(
            self.client, self.inbox, self.window, agreed, counts=self.metrics
        )
        self.reminders = ReminderSender(self.outbound_gate, config.owner, config.reminder_template)
        self.turns = TurnLoop()
        self.queues: SenderQueues | None = None  # lives on the turn loop
        self.on_new_message: OnNewMessage | None = None
        self._app: Any = None
        self._settled_agent: Any = None
        self._started: asyncio.Future[None] | None = None
        self._background: list[asyncio.Task[None]] = []
        self.stopping = False
        # Message id -> when this instance acknowledged it (the reply delay metric).
        self._acknowledged_at: dict[str, float] = {}

    def output_channel(self, business_purpose: str = "") -> WhatsAppOutput:
        """An output channel that sends through the Graph API: a turn's replies, or, with a
        ``business_purpose``, messages the bot sends on its own, each through the outbound gate.
        """
        return WhatsAppOutput(
            self.client,
            self.inbox,
            self.window,
            self.config.template_name,
            self.config.template_language,
            self.metrics,
            self.gate,
            outbound_gate=self.outbound_gate if business_purpose else None,
            purpose=business_purpose,
        )

    def business_output_channel(self) -> WhatsAppOutput:
        """The output channel of messages Rasa sends on its own (trigger_intent, scheduled
        events): a follow-up of the user's conversation, allowed by the gate while it is open."""
        return self.output_channel(CONVERSATION_FOLLOW_UP)

    async def erase_sender(self, sender_id: str) -> int:
        """Deletes everything the connector stores about a user; returns the records erased."""
        self.window.forget(sender_id)
        self.outbound_gate.pacing.forget(sender_id)
        return await erase_user(self.inbox, sender_id)

    async def _resolve(self, messages: list[InboundMessage]) -> list[InboundMessage]:
        """The messages with their canonical sender id (`bot.channels.whatsapp.identity`)."""
        resolved = []
        for message in messages:
            canonical = await self.inbox.resolve_sender(message.wa_id, message.user_id)
            resolved.append(replace(message, sender_id=canonical))
        return resolved

    async def record(self, content: ParseResult) -> int:
        """Records a webhook's messages and statuses, queues the new messages; the count.

        Raises:
            InboxUnavailable: nothing (or not everything) was recorded; Meta must retry.
        """
        messages = sorted(content.messages, key=lambda m: m.timestamp)  # stable: batch order kept
        try:
            for change in content.identity_changes:
                if await self.inbox.change_identity(change) is not None:
                    self.metrics["identity_changed"] += 1
            messages = await self._resolve(messages)
            accepted = await self.inbox.accept(messages)
        except Exception as error:
            logger.exception("WhatsApp webhook: the inbox is unavailable")
            raise InboxUnavailable from error
        self.metrics["received"] += len(accepted)
        self.metrics["duplicates"] += len(messages) - len(accepted)
        metrics.MESSAGES.labels("received").inc(len(accepted))
        metrics.MESSAGES.labels("duplicate").inc(len(messages) - len(accepted))
        now = time.time()
        for message in accepted:
            self.window.note_inbound(message.sender_id, inbound_time(message, now))
            self._note_acknowledged(message.message_id)
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

    def _note_acknowledged(self, message_id: str) -> None:
        """Remembers when a message was acknowledged, for the reply delay of its turn here.

        Bounded: another instance may process it, so the oldest half is dropped when full.
        """
        if len(self._acknowledged_at) >= MAX_ACKNOWLEDGED_TRACKED:
            for old in list(self._acknowledged_at)[: MAX_ACKNOWLEDGED_TRACKED // 2]:
                self._acknowledged_at.pop(old, None)
        self._acknowledged_at[message_id] = time.monotonic()

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
            self.stopping = False
            self._started = asyncio.get_running_loop().create_future()
            self._app = app
            # Rasa loads the model before the server starts: settle it before any webhook.
            self._settle_agent()
            self.turns.start()
            self.queues = SenderQueues(self.drain, self.gate, gated=False)
            try:
                await self.inbox.purge_expired()
                problem = await self.inbox.durability_problem()
                if problem:
                    logger.warning("WhatsApp inbox: %s", problem)
                pending = await self.inbox.senders_to_take(include_own=True)
                for message in pending:
                    self._queue(message)
                if pending:
                    logger.info("WhatsApp: replaying %d pending conversations", len(pending))
                self._background.append(asyncio.create_task(self._purge_periodically()))
                self._background.append(asyncio.create_task(self._take_over_periodically()))
                self._background.append(asyncio.create_task(self._renew_leases_periodically()))
                self._background.append(asyncio.create_task(self.reminders.run_forever()))
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
        """Drains senders with pending messages that nobody holds (their holder died, or an
        error ended its queue)."""
        interval = min(self.inbox.lease_seconds / 4, MAX_TAKEOVER_INTERVAL_SECONDS)
        while True:
            await asyncio.sleep(interval)
            try:
                orphans = await self.inbox.senders_to_take(include_own=False)
            except Exception:
                logger.exception("WhatsApp: looking for users nobody serves failed")
                continue
            if orphans:
                logger.info("WhatsApp: taking over %d users nobody serves", len(orphans))
                self.metrics["taken_over"] += len(orphans)
            for message in orphans:
                self._queue(message)

    async def _renew_leases_periodically(self) -> None:
        """Keeps the leases of the senders this instance is working on (long turns included)."""
        while True:
            await asyncio.sleep(self.inbox.lease_seconds / 3)
            try:
                senders = await self.turns.run(self._active_senders())
                await self.inbox.renew_senders(senders)
            except Exception:
                logger.exception("WhatsApp: renewing user leases failed")

    async def _active_senders(self) -> list[str]:
        return self.queues.senders if self.queues is not None else []

    async def drain(self, trigger: InboundMessage) -> None:
        """Processes the pending messages of ``trigger``'s sender, in order, while this
        instance holds the sender's lease (see the module's docstring)."""
        sender_id = trigger.sender_id
        await self._wait_for_agent()
        delay = RETRY_FIRST_SECONDS
        try:
            while not self.stopping:
                if not await self.inbox.acquire_sender(sender_id):
                    self.metrics["left_to_lease_holder"] += 1
                    return
                message = await self.inbox.next_pending(sender_id)
                if message is None:
                    await self.inbox.release_sender(sender_id)
                    # Recorded by another instance while we held the lease: ours to process.
                    if await self.inbox.next_pending(sender_id) is None:
                        return
                    continue
                async with self.gate.turn():
                    done = await self.process(message)
                if done:
                    delay = RETRY_FIRST_SECONDS
                else:
                    await asyncio.sleep(delay)  # a store is down: wait, keep the lease
                    delay = min(delay * 2, RETRY_MAX_SECONDS)
        except asyncio.CancelledError:
            raise
        except Exception:
            # The inbox itself failed: give the lease up so the take-over finds the sender.
            logger.exception("WhatsApp: serving a user stopped on an inbox error; retried later")
            with contextlib.suppress(Exception):
                await self.inbox.release_sender(sender_id)

    async def _wait_for_agent(self) -> None:
        """Waits until Rasa's model is loaded; applies the process settings once per model."""
        agent = getattr(getattr(self._app, "ctx", None), "agent", None)
        while agent is not None and not agent.is_ready():
            await asyncio.sleep(AGENT_POLL_SECONDS)
            agent = getattr(self._app.ctx, "agent", None)
        self._settle_agent()

    def _settle_agent(self) -> None:
        """Applies the process settings once per loaded model (`bot.process_settings`).

        Its full collection holds the interpreter lock for about half a second: done at the
        start (`ensure_started`), it never stalls the acknowledgements of the first webhooks.
        """
        agent = getattr(getattr(self._app, "ctx", None), "agent", None)
        if agent is not None and agent.is_ready() and agent is not self._settled_agent:
            process_settings.apply_after_model_load()
            self._settled_agent = agent

    async def process(self, message: InboundMessage) -> bool:
        """Hands one message to Rasa (or answers media politely), then marks it processed.

        Returns False when a store was unreachable: the message stays pending, to retry.
        """
        await self._wait_for_agent()
        output = self.output_channel()
        state = PROCESSED
        started = time.monotonic()
        try:
            if await self._already_saved(message):
                # An instance ran this turn and died before marking it: its replies went out.
                self.metrics["already_processed"] += 1
            elif message.kind == KIND_UNSUPPORTED:
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
        except Exception as error:
            if is_store_outage(error):
                self.metrics["retried_store_outage"] += 1
                logger.warning(
                    "WhatsApp message %s: a store is unreachable (%s); retried",
                    message.message_id,
                    type(error).__name__,
                )
                metrics.MESSAGES.labels("retried").inc()
                return False
            state = FAILED
            self.metrics["processing_failed"] += 1
            logger.exception("WhatsApp message %s: the bot failed on it", message.message_id)
        metrics.TURN_SECONDS.observe(time.monotonic() - started)
        await self.inbox.mark(message.message_id, state)
        metrics.MESSAGES.labels(state).inc()
        acknowledged_at = self._acknowledged_at.pop(message.message_id, None)
        if acknowledged_at is not None:  # else another instance acknowledged it
            metrics.REPLY_DELAY_SECONDS.observe(time.monotonic() - acknowledged_at)
        return True

    async def _already_saved(self, message: InboundMessage) -> bool:
        """True when the conversation already holds this message's turn."""
        agent = getattr(getattr(self._app, "ctx", None), "agent", None)
        if agent is None or agent.tracker_store is None or message.kind == KIND_UNSUPPORTED:
            return False
        tracker = await agent.tracker_store.retrieve(message.sender_id)
        if tracker is None:
            return False
        return any(
            isinstance(event, UserUttered) and event.message_id == message.message_id
            for event in reversed(tracker.events)
        )

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

    async def shutdown(self, grace_seconds: float = STOP_GRACE_SECONDS) -> None:
        """Stops gracefully: no new turn starts, turns in flight get ``grace_seconds`` to end,
        then the rest is cancelled (it stays pending in the inbox) and the leases are given
        back, so another instance takes those users over at once."""
        self.stopping = True
        for task in self._background:
            task.cancel()
        self._background.clear()
        self._acknowledged_at.clear()
        if self.queues is not None and self.turns.running:
            try:
                await self.turns.run(self.queues.join(grace_seconds))
            except asyncio.TimeoutError:
                logger.warning(
                    "WhatsApp: turns still running after %.0f s: cancelled", grace_seconds
                )
            await self.turns.run(self._stop_turns())
        if self._started is not None:
            try:
                await self.inbox.release_all_senders()
            except Exception:
                logger.exception("WhatsApp: could not give the user leases back (they expire)")
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
