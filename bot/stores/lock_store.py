"""The conversation lock store: safe when several Rasa instances share the conversations.

Rasa runs each turn under a per-conversation ticket lock. Its ``RedisLockStore`` (Rasa Open
Source 3.6) issues tickets with a plain GET then SET, so two instances issuing at once lose a
ticket or leave a lock with an empty ticket list (``../shared/WHATSAPP.md``). Here every step
is one atomic operation of the server:

- **Redis**: Lua scripts on a sorted set per conversation (score = ticket number) and a hash of
  each ticket's expiry;
- **PostgreSQL**: a table of tickets; issuing takes a transaction-level advisory lock on the
  conversation, so ticket numbers are committed in the order they are drawn.

Tickets are served in order. A ticket lives ``lifetime`` seconds and its holder renews it while
the turn runs, so a long turn keeps its lock while a dead holder's ticket expires and the next
one is served (recovery). Waiting polls every few tens of milliseconds, not Rasa's second.

Configured in endpoints.yml (``type: bot.stores.lock_store.VigieLockStore``, ``url:`` a Redis
or PostgreSQL URL, optional ``lifetime``); without a URL, ``VIGIE_LOCK_STORE_URL``; without
either, locks live in this process's memory (one instance only: see `require_shared_lock_store`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any, Protocol

import sqlalchemy as sa
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from bot import metrics

logger = logging.getLogger(__name__)

LOCK_STORE_URL_VARIABLE = "VIGIE_LOCK_STORE_URL"
DEFAULT_LIFETIME_SECONDS = 20.0
FIRST_POLL_SECONDS = 0.02
MAX_POLL_SECONDS = 0.25
REDIS_PREFIX = "vigie:lock:"


class LockBackend(Protocol):
    """Blocking, atomic operations on one server (called from a worker thread)."""

    def issue(self, conversation_id: str, expires_at: float) -> int: ...

    def is_served(self, conversation_id: str, ticket: int, now: float) -> bool: ...

    def renew(self, conversation_id: str, ticket: int, expires_at: float) -> bool: ...

    def release(self, conversation_id: str, ticket: int) -> None: ...

    def close(self) -> None: ...


# KEYS: tickets zset, expiries hash, counter; ARGV: expiry, key time-to-live (ms)
_ISSUE = """
local n = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], n, n)
redis.call('HSET', KEYS[2], n, ARGV[1])
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return n
"""
# KEYS: tickets zset, expiries hash, counter; ARGV: ticket, now
# Drops expired tickets at the head, then says whether the ticket is the head.
_SERVED = """
while true do
  local head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
  if not head then return 0 end
  if head == ARGV[1] then return 1 end
  local expires = tonumber(redis.call('HGET', KEYS[2], head) or '0')
  if expires >= tonumber(ARGV[2]) then return 0 end
  redis.call('ZREM', KEYS[1], head)
  redis.call('HDEL', KEYS[2], head)
end
"""
# KEYS: tickets zset, expiries hash, counter; ARGV: ticket, expiry, key time-to-live (ms)
_RENEW = """
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
  return 1
end
return 0
"""
# KEYS: tickets zset, expiries hash, counter; ARGV: ticket. Nothing is left once empty.
_RELEASE = """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('DEL', KEYS[1], KEYS[2], KEYS[3]) end
return 0
"""


class RedisLocks:
    """Tickets in Redis; every operation is one Lua script (atomic)."""

    def __init__(self, url: str, lifetime: float, prefix: str = REDIS_PREFIX) -> None:
        import redis

        self._client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=10)
        self._prefix = prefix
        # Keys outlive every ticket a little, so an abandoned lock disappears by itself.
        self._ttl_ms = int(lifetime * 3 * 1000)
        self._issue = self._client.register_script(_ISSUE)
        self._served = self._client.register_script(_SERVED)
        self._renew = self._client.register_script(_RENEW)
        self._release = self._client.register_script(_RELEASE)

    def _keys(self, conversation_id: str) -> list[str]:
        base = self._prefix + conversation_id
        return [base, base + ":expires", base + ":next"]

    def issue(self, conversation_id: str, expires_at: float) -> int:
        return int(self._issue(keys=self._keys(conversation_id), args=[expires_at, self._ttl_ms]))

    def is_served(self, conversation_id: str, ticket: int, now: float) -> bool:
        return self._served(keys=self._keys(conversation_id), args=[ticket, now]) == 1

    def renew(self, conversation_id: str, ticket: int, expires_at: float) -> bool:
        args = [ticket, expires_at, self._ttl_ms]
        return self._renew(keys=self._keys(conversation_id), args=args) == 1

    def release(self, conversation_id: str, ticket: int) -> None:
        self._release(keys=self._keys(conversation_id), args=[ticket])

    def close(self) -> None:
        self._client.close()


metadata = sa.MetaData()
tickets_table = sa.Table(
    "vigie_lock_tickets",
    metadata,
    sa.Column("ticket", sa.BigInteger, sa.Identity(), primary_key=True),
    sa.Column("conversation_id", sa.String(512), nullable=False, index=True),
    sa.Column("expires_at", sa.Float, nullable=False),
)


class PostgresLocks:
    """Tickets in a PostgreSQL table; issuing is serialised per conversation."""

    def __init__(self, url: str) -> None:
        from core.databases import create_engine, create_tables

        self._engine = create_engine(url, pool_size=4)
        create_tables(metadata, self._engine)

    def issue(self, conversation_id: str, expires_at: float) -> int:
        with self._engine.begin() as connection:
            # Until this commits, no other ticket of the conversation is drawn: numbers are
            # committed in order, so a smaller number never appears after a larger one.
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(hashtext(:c))"), {"c": conversation_id}
            )
            row = connection.execute(
                tickets_table.insert()
                .values(conversation_id=conversation_id, expires_at=expires_at)
                .returning(tickets_table.c.ticket)
            )
            return int(row.scalar_one())

    def is_served(self, conversation_id: str, ticket: int, now: float) -> bool:
        table = tickets_table
        mine = table.c.conversation_id == conversation_id
        with self._engine.begin() as connection:
            connection.execute(table.delete().where(mine & (table.c.expires_at < now)))
            head = connection.execute(sa.select(sa.func.min(table.c.ticket)).where(mine))
            return head.scalar() == ticket

    def renew(self, conversation_id: str, ticket: int, expires_at: float) -> bool:
        with self._engine.begin() as connection:
            result = connection.execute(
                tickets_table.update()
                .where(tickets_table.c.ticket == ticket)
                .values(expires_at=expires_at)
            )
            return result.rowcount == 1

    def release(self, conversation_id: str, ticket: int) -> None:
        with self._engine.begin() as connection:
            connection.execute(tickets_table.delete().where(tickets_table.c.ticket == ticket))

    def close(self) -> None:
        self._engine.dispose()


def create_backend(url: str, lifetime: float) -> LockBackend:
    """The backend for a ``redis://`` or ``postgresql://`` URL."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisLocks(url, lifetime)
    if url.startswith(("postgresql", "postgres://")):
        return PostgresLocks(url.replace("postgres://", "postgresql://", 1))
    raise LockStoreConfigError(
        f"lock_store: {url.split('://')[0]}:// is not supported; give a redis:// or "
        f"postgresql:// URL (or none, for a single instance)"
    )


class LockStoreConfigError(RasaException):
    """The lock store cannot be used as configured."""


class VigieLockStore(LockStore):
    """Rasa's lock store interface on Redis or PostgreSQL (atomic), else in memory.

    Args:
        endpoint_config: the ``lock_store`` section of endpoints.yml (Rasa passes it).
        url: a Redis or PostgreSQL URL (else the endpoint's, else ``VIGIE_LOCK_STORE_URL``).
        lifetime: seconds a ticket lives without renewal (its holder renews it meanwhile).
    """

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        url: str | None = None,
        lifetime: float | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        environ = os.environ if environ is None else environ
        settings: dict[str, Any] = dict(endpoint_config.kwargs) if endpoint_config else {}
        self.url = (
            url or (endpoint_config.url if endpoint_config else None) or ""
        ).strip() or environ.get(LOCK_STORE_URL_VARIABLE, "").strip()
        self.lifetime = float(lifetime or settings.get("lifetime") or DEFAULT_LIFETIME_SECONDS)
        self._backend = create_backend(self.url, self.lifetime) if self.url else None
        self._memory = InMemoryLockStore() if self._backend is None else None

    @property
    def shared(self) -> bool:
        """True when several processes can share these locks."""
        return self._backend is not None

    @contextlib.asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncIterator[TicketLock]:
        """Holds the conversation's lock for the block; waits for earlier tickets first."""
        asked = time.monotonic()
        if self._memory is not None:
            async with self._memory.lock(
                conversation_id, lock_lifetime, wait_time_in_seconds
            ) as held:
                metrics.LOCK_WAIT_SECONDS.observe(time.monotonic() - asked)
                yield held
            return
        backend = self._backend
        assert backend is not None
        ticket = await self._call(backend.issue, conversation_id, time.time() + self.lifetime)
        renewer: asyncio.Task[None] | None = None
        try:
            await self._wait_for_turn(backend, conversation_id, ticket)
            metrics.LOCK_WAIT_SECONDS.observe(time.monotonic() - asked)
            renewer = asyncio.create_task(self._renew(backend, conversation_id, ticket))
            yield TicketLock(conversation_id)
        finally:
            if renewer is not None:
                renewer.cancel()
            # Shielded: a cancelled turn still gives its ticket back (else it waits to expire).
            await asyncio.shield(self._call(backend.release, conversation_id, ticket))

    async def _wait_for_turn(self, backend: LockBackend, conversation_id: str, ticket: int) -> None:
        poll, renewed = FIRST_POLL_SECONDS, time.monotonic()
        while not await self._call(backend.is_served, conversation_id, ticket, time.time()):
            await asyncio.sleep(poll)
            poll = min(poll * 2, MAX_POLL_SECONDS)
            if time.monotonic() - renewed > self.lifetime / 3:
                # Keep our own ticket alive while we wait behind a long turn.
                renewed = time.monotonic()
                expires = time.time() + self.lifetime
                if not await self._call(backend.renew, conversation_id, ticket, expires):
                    raise LockError(f"a lock ticket expired while waiting ({ticket})")

    async def _renew(self, backend: LockBackend, conversation_id: str, ticket: int) -> None:
        while True:
            await asyncio.sleep(self.lifetime / 3)
            try:
                await self._call(
                    backend.renew, conversation_id, ticket, time.time() + self.lifetime
                )
            except Exception:
                logger.exception("lock store: renewing a lock failed; retried")

    async def check_reachable(self) -> None:
        """A harmless round trip to the shared backend (readiness); raises if it fails."""
        if self._backend is not None:
            await self._call(self._backend.is_served, "vigie-readiness-check", 0, time.time())

    @staticmethod
    async def _call(function: Any, *args: Any) -> Any:
        return await asyncio.to_thread(function, *args)

    # Rasa's storage interface, used by nothing but its default `lock`: in memory only.
    def get_lock(self, conversation_id: str) -> TicketLock | None:
        return self._memory.get_lock(conversation_id) if self._memory else None

    def delete_lock(self, conversation_id: str) -> None:
        if self._memory:
            self._memory.delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        if self._memory:
            self._memory.save_lock(lock)


SERVERLESS_SCHEMES = ("sqlite", "memory")


def is_shared_url(url: str | None) -> bool:
    """True when ``url`` names a server several instances can share (not SQLite or memory)."""
    return bool(url) and str(url).split(":", 1)[0].split("+", 1)[0] not in SERVERLESS_SCHEMES


def several_instances_problem(
    inbox_url: str | None, tracker_store_url: str | None, lock_store: LockStore | None
) -> str | None:
    """Why this instance could lose or reorder messages among several, or None.

    An instance whose inbox or conversations live on a server (PostgreSQL, Redis) may be one of
    several: then turns of one conversation on two instances must exclude each other, which
    only a shared lock store does (a lock in memory is this process's alone, and Rasa's own
    RedisLockStore is not atomic).
    """
    shared = [
        name
        for name, url in (("WhatsApp inbox", inbox_url), ("tracker store", tracker_store_url))
        if is_shared_url(url)
    ]
    if not shared or (isinstance(lock_store, VigieLockStore) and lock_store.shared):
        return None
    return (
        f"the {' and '.join(shared)} live(s) on a server, so several instances may serve the "
        f"same users, but the lock store is not shared "
        f"({type(lock_store).__name__ if lock_store else 'none: in memory'}). Add to "
        f"endpoints.yml `lock_store: {{type: bot.stores.lock_store.VigieLockStore, url: "
        f"<redis:// or postgresql:// URL>}}` or set {LOCK_STORE_URL_VARIABLE} (see .env.example)"
    )


def endpoints_lock_and_tracker(path: str) -> tuple[LockStore | None, str | None]:
    """The lock store and the tracker store's URL an endpoints file configures."""
    from rasa.core.utils import AvailableEndpoints

    from bot.stores.config import backend_config

    endpoints = AvailableEndpoints.read_endpoints(path)
    lock_section = endpoints.lock_store
    lock_store: LockStore | None = None
    if (
        lock_section is not None
        and lock_section.type
        and lock_section.type.endswith("VigieLockStore")
    ):
        lock_store = VigieLockStore(lock_section)
    elif lock_section is None or lock_section.type in (None, "in_memory"):
        lock_store = VigieLockStore()  # what Rasa would do, but VIGIE_LOCK_STORE_URL decides
    else:
        lock_store = InMemoryLockStore()  # Rasa's stores: not safe among several (unchecked type)
    tracker = endpoints.tracker_store
    tracker_url = None
    if tracker is not None:
        settings = {k: v for k, v in tracker.kwargs.items() if k != "privacy_db_url"}
        tracker_url = backend_config(tracker.url, settings).url.render_as_string(False)
    return lock_store, tracker_url


def require_shared_lock_store(inbox_url: str | None, argv: list[str] | None = None) -> None:
    """Refuses (``LockStoreConfigError``) a `rasa run` that may be one of several instances
    without a shared lock store (`several_instances_problem`); reads the command line's
    endpoints file. Nothing is checked outside `rasa run|shell|interactive`."""
    import sys

    from bot.process_settings import endpoints_path

    path = endpoints_path(sys.argv if argv is None else argv)
    if path is None:
        return
    lock_store, tracker_url = (
        endpoints_lock_and_tracker(str(path))
        if path.is_file()
        else (
            VigieLockStore(),
            None,
        )
    )
    problem = several_instances_problem(inbox_url, tracker_url, lock_store)
    if problem:
        logger.critical("Vigie refuses to start: %s", problem)
        raise LockStoreConfigError(f"Vigie refuses to start: {problem}.")
