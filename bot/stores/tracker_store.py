"""The tracker store: one URL picks the backend; nothing sensitive is stored; opt-out erases.

endpoints.yml configures it like Rasa's SQL and Redis stores (`url:`, `dialect:`, `db:`...,
see `bot.stores.config`: switching from Rasa's documentation means changing `type:` only);
without location keys, `VIGIE_TRACKER_STORE_URL` picks where conversations live:
- `sqlite:///path.db` (the default, `.vigie/tracker.db`), `postgresql://user:pass@host/db`,
  or any other SQLAlchemy URL: Rasa's SQL tracker store;
- `redis://[:password@]host:6379/0`: Rasa's Redis tracker store;
- `memory://`: in process, lost on restart.

Every save first redacts card, IBAN and national ID numbers from the turn's events, so the
backend and any event broker only ever see placeholders. A turn that carries an erasure
request (`core.erasure.ErasureRequest`, set by `action_opt_out` as the `erasure_request` slot)
is not saved: the sender's whole conversation is deleted instead. Rasa saves at the end of
each turn while it holds the conversation's lock, so the erasure happens at the save, under
the lock, and nothing re-creates the data afterwards.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import (
    InMemoryTrackerStore,
    RedisTrackerStore,
    SQLTrackerStore,
    TrackerStore,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from sqlalchemy.engine.url import URL, make_url

from bot.metrics import count_erasure
from bot.privacy.events import redact_events
from bot.stores.config import (
    DEFAULT_TRACKER_STORE_URL,
    TRACKER_STORE_URL_VARIABLE,
    BackendConfig,
    backend_config,
)
from bot.stores.fail_safe import install as install_strict_fail_safe
from core.databases import configured_url, create_sqlite_folder, secure_sqlite_engine
from core.erasure import ErasureRequest
from core.names import ERASURE_REQUEST_SLOT
from core.privacy.erasure import run_erasers
from core.privacy.logs import install_log_redaction
from core.privacy.registry import URL_VARIABLE, PrivacyRegistry, privacy_registry, registry_url
from core.privacy.retention import RetentionPolicy

logger = logging.getLogger(__name__)


def tracker_store_url(explicit: str | None = None) -> URL:
    """The configured backend URL: explicit, else the environment, else local SQLite."""
    return make_url(configured_url(explicit, TRACKER_STORE_URL_VARIABLE, DEFAULT_TRACKER_STORE_URL))


def create_backend(
    config: BackendConfig, domain: Domain | None, event_broker: EventBroker | None
) -> TrackerStore:
    """Rasa's own tracker store for the configured URL, with its store-specific options."""
    url, options = config.url, config.options
    scheme = url.get_backend_name()
    if scheme == "memory":
        return InMemoryTrackerStore(domain, event_broker=event_broker)
    if scheme in ("redis", "rediss"):
        return RedisTrackerStore(
            domain,
            host=url.host or "localhost",
            port=url.port or 6379,
            db=int(url.database or 0),
            username=url.username or None,
            password=url.password,
            event_broker=event_broker,
            use_ssl=scheme == "rediss",
            **options,
        )
    create_sqlite_folder(url)
    store = SQLTrackerStore(
        domain,
        dialect=url.drivername,
        host=url.host,
        port=url.port,
        db=url.database or "",
        username=url.username,
        password=url.password,
        event_broker=event_broker,
        query=dict(url.query),
        **options,
    )
    secure_sqlite_engine(store.engine)
    return store


def events_of_latest_turn(tracker: DialogueStateTracker) -> list:
    """The events from the latest user message on (the whole tracker if there is none)."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return events[index:]
    return events


def requested_erasure(tracker: DialogueStateTracker) -> ErasureRequest | None:
    """The erasure request set in the latest turn for this conversation, else None."""
    for event in reversed(events_of_latest_turn(tracker)):
        if not (isinstance(event, SlotSet) and event.key == ERASURE_REQUEST_SLOT):
            continue
        request = ErasureRequest.from_slot(event.value)
        if request is not None and request.sender_id == tracker.sender_id:
            return request
        logger.error("ignored an erasure request that is malformed or for another sender")
    return None


class PrivacyConfigError(RasaException):
    """The tracker store and the other processes would use different privacy databases."""


def registry_for_store(privacy_db_url: str | None) -> PrivacyRegistry:
    """The one privacy registry of every process; `privacy_db_url` may only confirm it.

    The WhatsApp output and the action server read `VIGIE_PRIVACY_DB_URL` (they cannot see
    endpoints.yml), so a different `privacy_db_url` there would record opt-outs where no other
    process looks: start-up is refused instead.
    """
    shared = registry_url()
    if privacy_db_url and make_url(privacy_db_url) != make_url(shared):
        raise PrivacyConfigError(
            f"tracker_store in endpoints.yml: privacy_db_url "
            f"({make_url(privacy_db_url).render_as_string(hide_password=True)}) differs from "
            f"the privacy database the WhatsApp output and the action server use "
            f"({make_url(shared).render_as_string(hide_password=True)}, from {URL_VARIABLE} "
            f"or its default). Set {URL_VARIABLE} for both processes and remove privacy_db_url."
        )
    return privacy_registry()


class VigieTrackerStore(TrackerStore):
    """Wraps one of Rasa's tracker stores with redaction and opt-out erasure."""

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        url: str | None = None,
        privacy_db_url: str | None = None,
        **settings: Any,
    ) -> None:
        """Args as in endpoints.yml: `url` (Rasa passes it as `host`), the keys of Rasa's SQL
        and Redis stores (`bot.stores.config`), and `privacy_db_url`."""
        install_log_redaction()
        install_strict_fail_safe()  # a failed save fails the turn, never goes to memory
        super().__init__(domain, event_broker=None)
        config = backend_config(url or host, settings)
        logger.info("tracker store: %s", config.url.render_as_string(hide_password=True))
        self.retention = RetentionPolicy.from_environ()
        if config.url.get_backend_name() in ("redis", "rediss"):
            # Redis forgets a conversation by itself once it is idle for the retention period.
            config.options.setdefault("record_exp", int(self.retention.conversation_seconds))
        self.backend = create_backend(config, domain, event_broker)
        self._sweeper: asyncio.Task[None] | None = None
        self.privacy = registry_for_store(privacy_db_url)

    @property
    def domain(self) -> Domain:
        return self.backend.domain

    @domain.setter
    def domain(self, domain: Domain | None) -> None:
        if hasattr(self, "backend"):
            self.backend.domain = domain

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        self._start_sweeping()
        return await self.backend.retrieve(sender_id)

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        return await self.backend.retrieve_full_tracker(conversation_id)

    async def keys(self) -> Iterable[str]:
        return await self.backend.keys()

    async def save(self, tracker: DialogueStateTracker) -> None:
        self._start_sweeping()
        request = requested_erasure(tracker)
        if request is not None:
            await self.erase(request.sender_id, dict(request.erased))
            return
        redact_events(tracker.events)
        await self.backend.save(tracker)

    async def erase(self, sender_id: str, receipt: dict[str, int] | None = None) -> int:
        """Delete every stored event of `sender_id`, run the erasers, suppress and audit."""
        removed = await self._erase_backend(sender_id)
        erased = {"tracker_events": removed, **(receipt or {})}
        erased.update(await run_erasers(sender_id))
        self.privacy.suppress(sender_id)
        self.privacy.record_erasure(sender_id, erased)
        logger.info("opt-out erasure done: %s", erased)
        count_erasure(erased)
        return removed

    async def _erase_backend(self, sender_id: str) -> int:
        backend = self.backend
        if isinstance(backend, SQLTrackerStore):
            with backend.session_scope() as session:
                deleted = session.execute(
                    sa.delete(backend.SQLEvent).where(backend.SQLEvent.sender_id == sender_id)
                )
                session.commit()
                return int(deleted.rowcount or 0)
        if isinstance(backend, RedisTrackerStore):
            return int(backend.red.delete(backend.key_prefix + sender_id))
        if isinstance(backend, InMemoryTrackerStore):
            return 1 if backend.store.pop(sender_id, None) is not None else 0
        raise TypeError(f"cannot erase from {type(backend).__name__}")

    def _start_sweeping(self) -> None:
        """Start the periodic retention sweep on the running loop, once."""
        if self._sweeper is None:
            self._sweeper = asyncio.get_running_loop().create_task(self._sweep_periodically())

    async def _sweep_periodically(self) -> None:
        while True:
            try:
                await self.sweep()
            except Exception:
                logger.exception("retention sweep failed; retried at the next period")
            await asyncio.sleep(self.retention.sweep_seconds)

    async def sweep(self, now: float | None = None) -> dict[str, int] | None:
        """Delete what outlived its retention period; None when another instance swept.

        Conversations idle for longer than the conversation period (SQL stores; Redis expires
        them itself) and erasure audit rows older than the audit period. Returns the counts,
        which are logged (never who).
        """
        now = time.time() if now is None else now
        policy = self.retention
        if not await asyncio.to_thread(
            self.privacy.claim_sweep, "retention", policy.sweep_seconds, now
        ):
            return None
        counts = {"conversations": 0, "tracker_events": 0}
        if isinstance(self.backend, SQLTrackerStore):
            counts = await asyncio.to_thread(
                delete_idle_conversations, self.backend, now - policy.conversation_seconds
            )
        older_than = datetime.fromtimestamp(now - policy.audit_seconds, timezone.utc)
        counts["audit_rows"] = await asyncio.to_thread(self.privacy.purge_audit, older_than)
        logger.info("retention sweep: deleted %s", counts)
        return counts


def delete_idle_conversations(store: SQLTrackerStore, before: float) -> dict[str, int]:
    """Delete every conversation of a SQL store whose latest event is older than `before`."""
    event = store.SQLEvent
    idle = (
        sa.select(event.sender_id)
        .group_by(event.sender_id)
        .having(sa.func.max(event.timestamp) < before)
    )
    with store.session_scope() as session:
        senders = [row[0] for row in session.execute(idle)]
        deleted = 0
        for start in range(0, len(senders), 500):
            chunk = senders[start : start + 500]
            result = session.execute(sa.delete(event).where(event.sender_id.in_(chunk)))
            deleted += int(result.rowcount or 0)
        session.commit()
    return {"conversations": len(senders), "tracker_events": deleted}
