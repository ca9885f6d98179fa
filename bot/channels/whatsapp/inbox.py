"""Durable inbox: deduplicates message ids atomically and keeps messages until they are processed.

A webhook is acknowledged only after its messages are recorded here, so a message Meta delivers
again (concurrently or days later) is recognised, and a message acknowledged before a crash is
found by :meth:`Inbox.claim_pending` after restart. Records of processed messages expire after
``ttl_seconds``. The same store keeps each sender's last inbound time (the 24-hour window),
delivery statuses and sends that failed for good, and the identity map (which phone numbers
and BSUIDs name which conversation, `bot.channels.whatsapp.identity`), so
:meth:`Inbox.erase_sender` can delete all of a user's data in one call.

Several instances may share one inbox, behind a load balancer that sends each webhook to any
of them. A user's messages are processed by one instance at a time, in the order WhatsApp sent
them: the instance that holds the sender's **lease** (:meth:`Inbox.acquire_sender`) drains that
sender's pending messages, oldest WhatsApp timestamp first, then arrival order
(:meth:`Inbox.next_pending`). An instance that records a message of a sender whose lease
another holds leaves it to the holder; the holder releases the lease when nothing of the
sender is pending, then looks once more, so a message recorded meanwhile is never stranded.
The holder renews its leases while it works; a dead holder's leases expire after
``lease_seconds`` and another instance takes the sender over (:meth:`Inbox.senders_to_take`).
(Each message also keeps the claim of the instance that accepted it: ``claim_pending``.)

Backends: SQLite (default) and PostgreSQL through SQLAlchemy, Redis through redis-py. Their
clients are blocking, so calls run in a thread pool, never on an event loop. The webhook's loop
and the turn loop both use the inbox; SQLite gets a single thread, so that writes never wait
in SQLite's busy handler for another connection of the same process (its sleeps grow to a
tenth of a second).
"""

from __future__ import annotations

import abc
import asyncio
import json
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import guards
from bot.channels.whatsapp.identity import Address, IdentityChange
from bot.channels.whatsapp.parsing import InboundMessage, StatusUpdate

DEFAULT_LEASE_SECONDS = 30.0  # how long a sender stays with an instance that stopped renewing
RECEIVED = "received"
PROCESSED = "processed"
FAILED = "failed"
ERASED = "erased"


class Inbox(abc.ABC):
    """The asynchronous interface; subclasses implement the blocking ``_methods``."""

    def __init__(
        self,
        ttl_seconds: float,
        threads: int = 1,
        owner: str = "",
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self.owner = owner
        self.lease_seconds = lease_seconds
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="wa-inbox")

    async def _run(self, function: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    async def accept(
        self, messages: Sequence[InboundMessage], now: float | None = None
    ) -> list[InboundMessage]:
        """Records the messages whose id is new (atomically) and returns exactly those.

        Also moves each sender's last inbound time forward. Returns only once the records are
        durable, so the caller may acknowledge the webhook afterwards.
        """
        if not messages:
            return []
        # Never a raw number on disk: parsing redacts already; this holds for any caller.
        redacted = [message.redacted() for message in messages]
        return await self._run(self._accept, redacted, time.time() if now is None else now)

    async def mark(self, message_id: str, state: str = PROCESSED) -> None:
        """Marks a message processed (or failed); its record then expires after the TTL."""
        await self._run(self._mark, message_id, state, time.time())

    async def pending(self) -> list[InboundMessage]:
        """Messages recorded but never processed, oldest first, whoever owns them."""
        return await self._run(self._pending)

    async def claim_pending(
        self, now: float | None = None, include_own: bool = True
    ) -> list[InboundMessage]:
        """Claims and returns, oldest first, unprocessed messages this instance may process.

        Those are the ones whose claim expired or that have none, plus, with ``include_own``
        (at start-up, when none of them is queued), this instance's own. Atomic: two
        instances calling at once never both get the same message.
        """
        now = time.time() if now is None else now
        return await self._run(self._claim_pending, now, include_own)

    async def confirm_claim(self, message_id: str, now: float | None = None) -> bool:
        """True if the message is still unprocessed and this instance's; renews the claim."""
        return bool(
            await self._run(self._confirm_claim, message_id, time.time() if now is None else now)
        )

    async def acquire_sender(self, sender_id: str, now: float | None = None) -> bool:
        """Takes or renews the sender's lease for this instance; False if another holds it.

        Atomic: of several instances asking at once, one gets it.
        """
        now = time.time() if now is None else now
        return bool(await self._run(self._acquire_sender, sender_id, now))

    async def next_pending(self, sender_id: str) -> InboundMessage | None:
        """The sender's unprocessed message to process next (WhatsApp time, then arrival)."""
        return await self._run(self._next_pending, sender_id)

    async def release_sender(self, sender_id: str) -> None:
        """Gives the sender's lease up (if this instance holds it)."""
        await self._run(self._release_sender, sender_id)

    async def renew_senders(self, sender_ids: Sequence[str], now: float | None = None) -> None:
        """Extends this instance's leases on these senders (those it is working on)."""
        if sender_ids:
            now = time.time() if now is None else now
            await self._run(self._renew_senders, list(sender_ids), now)

    async def release_all_senders(self) -> None:
        """Gives up every lease this instance holds (graceful stop)."""
        await self._run(self._release_all_senders)

    async def senders_to_take(
        self, now: float | None = None, include_own: bool = False
    ) -> list[InboundMessage]:
        """The oldest pending message of each sender nobody holds (no lease or an expired one),
        plus, with ``include_own`` (at start-up), those whose lease is this instance's."""
        now = time.time() if now is None else now
        return await self._run(self._senders_to_take, now, include_own)

    async def last_inbound(self, sender_id: str) -> int | None:
        """Unix time of the sender's last inbound message, or ``None`` if unknown."""
        return await self._run(self._last_inbound, sender_id)

    async def resolve_sender(self, phone: str, user_id: str) -> str:
        """The canonical sender id of a user writing with these identifiers; maps them to it.

        Atomic across instances: two of them resolving a new user at once agree.
        """
        return str(await self._run(self._resolve_sender, phone, user_id, time.time()))

    async def change_identity(self, change: IdentityChange) -> str | None:
        """Maps a user's new identifiers to their conversation and unmaps the old ones.

        Returns the conversation's canonical sender id, or ``None`` for a user never seen.
        """
        result = await self._run(self._change_identity, change, time.time())
        return None if result is None else str(result)

    async def address(self, sender_id: str) -> Address:
        """Where the conversation ``sender_id``'s messages go (phone number, else BSUID)."""
        address = await self._run(self._address, sender_id)
        assert isinstance(address, Address)
        return address

    async def identifiers(self, sender_id: str) -> list[str]:
        """Every phone number and BSUID mapped to the conversation ``sender_id``."""
        return list(await self._run(self._identifiers, sender_id))

    async def record_statuses(self, statuses: Sequence[StatusUpdate]) -> None:
        """Keeps delivery statuses for tracking (they expire with the TTL)."""
        if statuses:
            await self._run(self._record_statuses, list(statuses), time.time())

    async def record_failed_send(
        self, recipient_id: str, body: dict[str, Any], code: int | None, reason: str
    ) -> None:
        """Keeps a send that failed for good, so that no reply is lost without a trace.

        The body is kept redacted: a dead letter is no place for a sensitive number either.
        """
        await self._run(
            self._record_failed_send,
            recipient_id,
            json.dumps(redact_strings(body)),
            code,
            guards.redact(reason),
            time.time(),
        )

    async def erase_sender(self, sender_id: str) -> int:
        """Deletes everything stored about a sender (opt-out, WhatsApp Business Policy rule 3),
        their identifiers' mappings included.

        Pending messages of the sender are dropped and their contents deleted; the bare message
        ids stay until they expire so that a late redelivery by Meta is still recognised and
        does not bring the conversation back. Returns the number of records erased.
        """
        return int(await self._run(self._erase_sender, sender_id, time.time()))

    async def durability_problem(self) -> str | None:
        """Why an acknowledged message could be lost if the store restarts, or ``None``."""
        return await self._run(self._durability_problem)

    def _durability_problem(self) -> str | None:
        return None  # SQLite (synchronous=FULL) and PostgreSQL commit to disk

    async def purge_expired(self) -> None:
        """Deletes records whose TTL has passed."""
        await self._run(self._purge_expired, time.time())

    async def close(self) -> None:
        """Releases connections and the thread pool."""
        await self._run(self._close)
        self._executor.shutdown(wait=False)

    @abc.abstractmethod
    def _accept(self, messages: list[InboundMessage], now: float) -> list[InboundMessage]: ...

    @abc.abstractmethod
    def _mark(self, message_id: str, state: str, now: float) -> None: ...

    @abc.abstractmethod
    def _pending(self) -> list[InboundMessage]: ...

    @abc.abstractmethod
    def _claim_pending(self, now: float, include_own: bool) -> list[InboundMessage]: ...

    @abc.abstractmethod
    def _confirm_claim(self, message_id: str, now: float) -> bool: ...

    @abc.abstractmethod
    def _acquire_sender(self, sender_id: str, now: float) -> bool: ...

    @abc.abstractmethod
    def _next_pending(self, sender_id: str) -> InboundMessage | None: ...

    @abc.abstractmethod
    def _release_sender(self, sender_id: str) -> None: ...

    @abc.abstractmethod
    def _renew_senders(self, sender_ids: list[str], now: float) -> None: ...

    @abc.abstractmethod
    def _release_all_senders(self) -> None: ...

    @abc.abstractmethod
    def _senders_to_take(self, now: float, include_own: bool) -> list[InboundMessage]: ...

    @abc.abstractmethod
    def _last_inbound(self, sender_id: str) -> int | None: ...

    @abc.abstractmethod
    def _resolve_sender(self, phone: str, user_id: str, now: float) -> str: ...

    @abc.abstractmethod
    def _change_identity(self, change: IdentityChange, now: float) -> str | None: ...

    @abc.abstractmethod
    def _address(self, sender_id: str) -> Address: ...

    @abc.abstractmethod
    def _identifiers(self, sender_id: str) -> list[str]: ...

    @abc.abstractmethod
    def _record_statuses(self, statuses: list[StatusUpdate], now: float) -> None: ...

    @abc.abstractmethod
    def _record_failed_send(
        self, recipient_id: str, body: str, code: int | None, reason: str, now: float
    ) -> None: ...

    @abc.abstractmethod
    def _erase_sender(self, sender_id: str, now: float) -> int: ...

    @abc.abstractmethod
    def _purge_expired(self, now: float) -> None: ...

    def _close(self) -> None:
        return None


def redact_strings(value: Any) -> Any:
    """``value`` with every string inside it (dicts and lists walked) redacted."""
    if isinstance(value, str):
        return guards.redact(value)
    if isinstance(value, dict):
        return {key: redact_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_strings(item) for item in value]
    return value


def inbound_time(message: InboundMessage, now: float) -> int:
    """The time that opens the 24-hour window: Meta's timestamp, never in the future."""
    return int(min(message.timestamp, now))


def create_inbox(
    url: str, ttl_seconds: float, owner: str = "", lease_seconds: float = DEFAULT_LEASE_SECONDS
) -> Inbox:
    """Opens the inbox named by ``url``: ``sqlite:///path``, ``postgresql://...``, ``redis://...``.

    ``owner`` names this instance among those sharing the inbox. Nothing is connected before
    the first call, so this is cheap at start-up.
    """
    if url.startswith(("redis://", "rediss://", "unix://")):
        from bot.channels.whatsapp.inbox_redis import RedisInbox

        return RedisInbox(url, ttl_seconds, owner=owner, lease_seconds=lease_seconds)
    from bot.channels.whatsapp.inbox_sql import SqlInbox

    return SqlInbox(url, ttl_seconds, owner=owner, lease_seconds=lease_seconds)
