"""Read what a tracker store backend really holds for a sender, as raw as it allows."""

from __future__ import annotations

import sqlalchemy as sa

from bot.stores.tracker_store import VigieTrackerStore


def raw_stored_text(store: VigieTrackerStore, sender: str) -> str:
    """The SQL rows, the Redis value or the in-memory string of `sender`; "" when none."""
    backend = store.backend
    if hasattr(backend, "engine"):
        with backend.engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :s"), {"s": sender}
            ).all()
        return "\n".join(row.data for row in rows)
    if hasattr(backend, "red"):
        value = backend.red.get(backend.key_prefix + sender)
        return value.decode() if isinstance(value, bytes) else (value or "")
    return backend.store.get(sender, "")
