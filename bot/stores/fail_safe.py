"""No silent fall-back to memory when the tracker store fails.

Rasa wraps every tracker store in a `FailSafeTrackerStore`: when the database errors (a dropped
PostgreSQL connection, a Redis restart), it logs and saves the turn in an in-memory store
instead, or retrieves nothing and starts the conversation afresh. The reply goes out, the
WhatsApp inbox marks the message processed, and the turn's events never reach the database
(`../shared/WHATSAPP.md`). `install()` makes the wrapper raise `TrackerStoreUnavailable`
instead, so the turn fails, its message stays pending, and it is retried once the store is
back (`bot.channels.whatsapp.runtime`). Rasa 3.6 has no setting for this: the two error
methods of the wrapper are replaced, once per process.
"""

from __future__ import annotations

import logging

from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.exceptions import RasaException

logger = logging.getLogger(__name__)


class TrackerStoreUnavailable(RasaException):
    """The tracker store could not save or load a conversation; the turn must be retried."""


def _raise_on_save_error(self: FailSafeTrackerStore, error: Exception) -> None:
    raise TrackerStoreUnavailable(f"tracker store unavailable: {error}") from error


def _raise_on_retrieve_error(self: FailSafeTrackerStore, error: Exception) -> None:
    raise TrackerStoreUnavailable(f"tracker store unavailable: {error}") from error


def install() -> None:
    """Makes `FailSafeTrackerStore` raise instead of falling back (idempotent)."""
    if FailSafeTrackerStore.__dict__.get("on_tracker_store_error") is _raise_on_save_error:
        return
    FailSafeTrackerStore.on_tracker_store_error = _raise_on_save_error
    FailSafeTrackerStore.on_tracker_store_retrieve_error = _raise_on_retrieve_error
    logger.debug("FailSafeTrackerStore: errors now raise (no in-memory fall-back)")


def is_store_outage(error: BaseException) -> bool:
    """True when ``error`` (or what caused it) says a store server was unreachable or dropped
    the connection: worth retrying later, unlike a bug in a turn."""
    import redis
    import sqlalchemy as sa
    from rasa.core.lock_store import LockError

    transient = (
        TrackerStoreUnavailable,
        LockError,
        ConnectionError,
        TimeoutError,
        sa.exc.OperationalError,
        sa.exc.InterfaceError,
        redis.exceptions.ConnectionError,
        redis.exceptions.TimeoutError,
    )
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, transient):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
