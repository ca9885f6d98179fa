"""The reminders table: one row per appointment and lead time, claimed atomically.

Exactly once across instances and restarts: the unique constraint (appointment, lead) makes
scheduling idempotent, and a reminder is sent only by the instance whose conditional UPDATE
moved it from `pending` to `claimed` (the database serialises concurrent claims, so two
sweepers never both win). A claim whose instance died is taken over after a lease, so a crash
before the send loses no reminder; only a crash between Meta's acceptance and the `sent` mark
(milliseconds) could repeat one. Rows hold what the reminder says (service, site, address,
time, what to bring: no name) and the user id the WhatsApp channel knows the user by.

`VIGIE_REMINDERS_DB_URL` names the database (default: a SQLite file under `.vigie/`); both
processes must use the same one, as for the suppression list.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from core.databases import configured_url, create_engine, create_tables

URL_VARIABLE = "VIGIE_REMINDERS_DB_URL"
DEFAULT_URL = "sqlite:///.vigie/reminders.db"

PENDING, CLAIMED, SENT = "pending", "claimed", "sent"
#: Final states of a reminder that was not sent, with the reason kept in `reason`.
DROPPED = "dropped"
#: Rows are kept this long after their appointment, then purged.
KEEP_AFTER_APPOINTMENT_SECONDS = 24 * 3600.0

_metadata = sa.MetaData()
reminders = sa.Table(
    "vigie_reminders",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.String(255), nullable=False, index=True),
    sa.Column("appointment_id", sa.Integer, nullable=False),
    sa.Column("lead_minutes", sa.Integer, nullable=False),
    sa.Column("due_at", sa.Float, nullable=False, index=True),
    sa.Column("starts_at", sa.Float, nullable=False),
    sa.Column("time_zone", sa.String(64), nullable=False),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("content", sa.Text, nullable=False),  # JSON, see `Reminder.content`
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("claimed_by", sa.String(128)),
    sa.Column("claimed_at", sa.Float),
    sa.Column("reason", sa.String(64)),
    sa.UniqueConstraint("appointment_id", "lead_minutes", name="vigie_reminders_once"),
)


@dataclass(frozen=True)
class NewReminder:
    """What the booking side schedules for one appointment and lead time."""

    lead_minutes: int
    due_at: float
    content: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reminder:
    """A stored reminder. `content` holds `text`, `buttons` (title and payload each) and the
    template's `parameters` (service, when, site, address, what to bring), in `language`."""

    id: int
    user_id: str
    appointment_id: int
    lead_minutes: int
    due_at: float
    starts_at: float
    time_zone: str
    language: str
    content: dict[str, Any]
    status: str


def _reminder(row: Any) -> Reminder:
    return Reminder(
        id=int(row.id),
        user_id=row.user_id,
        appointment_id=int(row.appointment_id),
        lead_minutes=int(row.lead_minutes),
        due_at=float(row.due_at),
        starts_at=float(row.starts_at),
        time_zone=row.time_zone,
        language=row.language,
        content=json.loads(row.content),
        status=row.status,
    )


class ReminderStore:
    """Schedule, claim and finish reminders. Thread-safe; the engine is made on first use."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                engine = create_engine(self.url)
                create_tables(_metadata, engine)
                self._engine = engine
            return self._engine

    def dispose(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    # ------------------------------------------------------------ the booking side

    def schedule(
        self,
        user_id: str,
        appointment_id: int,
        starts_at: float,
        time_zone: str,
        language: str,
        wanted: list[NewReminder],
    ) -> int:
        """Adds the reminders of one appointment; those already there are kept (idempotent).

        Returns how many were added.
        """
        added = 0
        for reminder in wanted:
            values = {
                "user_id": user_id,
                "appointment_id": int(appointment_id),
                "lead_minutes": reminder.lead_minutes,
                "due_at": reminder.due_at,
                "starts_at": starts_at,
                "time_zone": time_zone,
                "language": language,
                "content": json.dumps(reminder.content, ensure_ascii=False, sort_keys=True),
                "status": PENDING,
            }
            try:
                with self.engine.begin() as connection:
                    connection.execute(reminders.insert().values(**values))
            except sa.exc.IntegrityError:
                continue  # scheduled before (a retried action): the unique constraint says so
            added += 1
        return added

    def cancel_appointment(self, appointment_id: int) -> int:
        """Removes the reminders of a cancelled or moved appointment; how many."""
        with self.engine.begin() as connection:
            result = connection.execute(
                reminders.delete().where(reminders.c.appointment_id == int(appointment_id))
            )
        return int(result.rowcount or 0)

    def erase_user(self, user_id: str) -> int:
        """Removes every reminder of a user (opt-out); how many."""
        with self.engine.begin() as connection:
            result = connection.execute(reminders.delete().where(reminders.c.user_id == user_id))
        return int(result.rowcount or 0)

    # ------------------------------------------------------------ the sending side

    def claim_due(self, owner: str, now: float, lease: float, limit: int) -> list[Reminder]:
        """Claims up to `limit` due reminders for `owner`, soonest first.

        Due: pending with `due_at <= now`, or claimed by an instance whose lease expired. Each
        claim is one conditional UPDATE: of two sweepers, exactly one gets each row.
        """
        claimable = sa.or_(
            reminders.c.status == PENDING,
            sa.and_(reminders.c.status == CLAIMED, reminders.c.claimed_at < now - lease),
        )
        query = (
            sa.select(reminders.c.id)
            .where(reminders.c.due_at <= now, claimable)
            .order_by(reminders.c.due_at, reminders.c.id)
            .limit(limit)
        )
        claimed: list[Reminder] = []
        with self.engine.connect() as connection:
            candidates = [row.id for row in connection.execute(query)]
        for reminder_id in candidates:
            with self.engine.begin() as connection:
                won = connection.execute(
                    reminders.update()
                    .where(reminders.c.id == reminder_id, reminders.c.due_at <= now, claimable)
                    .values(status=CLAIMED, claimed_by=owner, claimed_at=now)
                ).rowcount
                if won:
                    row = connection.execute(
                        sa.select(reminders).where(reminders.c.id == reminder_id)
                    ).one()
                    claimed.append(_reminder(row))
        return claimed

    def finish(self, reminder: Reminder, owner: str, status: str, reason: str) -> bool:
        """Marks a claimed reminder `sent` or `dropped` (with why); False if no longer ours."""
        with self.engine.begin() as connection:
            done = connection.execute(
                reminders.update()
                .where(
                    reminders.c.id == reminder.id,
                    reminders.c.status == CLAIMED,
                    reminders.c.claimed_by == owner,
                )
                .values(status=status, reason=reason)
            ).rowcount
        return bool(done)

    def release(self, reminder: Reminder, owner: str) -> None:
        """Gives a claimed reminder back, to be tried at the next sweep (quiet hours, pacing)."""
        with self.engine.begin() as connection:
            connection.execute(
                reminders.update()
                .where(
                    reminders.c.id == reminder.id,
                    reminders.c.status == CLAIMED,
                    reminders.c.claimed_by == owner,
                )
                .values(status=PENDING, claimed_by=None, claimed_at=None)
            )

    def later_one_due(self, reminder: Reminder, now: float) -> bool:
        """Whether a reminder closer to the same appointment is also due (after a downtime):
        then this one is dropped rather than sending two in a row."""
        query = sa.select(reminders.c.id).where(
            reminders.c.appointment_id == reminder.appointment_id,
            reminders.c.lead_minutes < reminder.lead_minutes,
            reminders.c.due_at <= now,
        )
        with self.engine.connect() as connection:
            return connection.execute(query.limit(1)).first() is not None

    def has_upcoming(self, user_id: str, now: float) -> bool:
        """Whether the user has a reminder for an appointment still ahead: the evidence that
        they booked, which is the purpose they agreed to."""
        query = sa.select(reminders.c.id).where(
            reminders.c.user_id == user_id, reminders.c.starts_at > now
        )
        with self.engine.connect() as connection:
            return connection.execute(query.limit(1)).first() is not None

    def of_user(self, user_id: str) -> list[Reminder]:
        """A user's reminders, soonest first (tests, right of access)."""
        query = (
            sa.select(reminders)
            .where(reminders.c.user_id == user_id)
            .order_by(reminders.c.due_at, reminders.c.id)
        )
        with self.engine.connect() as connection:
            return [_reminder(row) for row in connection.execute(query)]

    def purge(self, now: float) -> int:
        """Deletes rows of appointments past by more than a day; how many."""
        cutoff = now - KEEP_AFTER_APPOINTMENT_SECONDS
        with self.engine.begin() as connection:
            result = connection.execute(reminders.delete().where(reminders.c.starts_at < cutoff))
        return int(result.rowcount or 0)

    def drop_all(self) -> None:
        """Drops the table (tests); the next use creates it again."""
        _metadata.drop_all(self.engine)
        self.dispose()


def reminders_url(environ: Mapping[str, str] | None = None) -> str:
    """The reminders database of every process: `VIGIE_REMINDERS_DB_URL`, else the default."""
    return configured_url(None, URL_VARIABLE, DEFAULT_URL, environ)


def reminder_store() -> ReminderStore:
    """The store of `reminders_url()`, one per database per process."""
    return _store_at(reminders_url())


@lru_cache(maxsize=4)
def _store_at(url: str) -> ReminderStore:
    return ReminderStore(url)
