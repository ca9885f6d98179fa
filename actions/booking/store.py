"""Appointments in a SQL database (SQLAlchemy 1.4 Core): SQLite by default, PostgreSQL by URL.

Two people can never hold the same place: a unique index over (site, service, start, place)
restricted to booked rows lets the database refuse the second insert. Booking tries places
1..N and keeps the first insert the database accepts, so there is no check-then-write race.
Cancelling marks the row cancelled, which takes it out of the index and frees the place.
Start times are local times of the catalogue's time zone, stored without a zone.

The engine is created on first use from `VIGIE_APPOINTMENTS_DB_URL` (default: a SQLite file
under `.vigie/`), never at import time.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from core.databases import configured_url, create_engine, create_tables, is_sqlite

ROOT = Path(__file__).resolve().parents[2]
URL_VARIABLE = "VIGIE_APPOINTMENTS_DB_URL"
DEFAULT_URL = f"sqlite:///{ROOT / '.vigie' / 'appointments.db'}"
BOOKED = "booked"
CANCELLED = "cancelled"


class SlotTaken(Exception):
    """Every place of that slot is taken."""


class AppointmentNotFound(Exception):
    """No booked appointment of this sender has that id."""


@dataclass(frozen=True)
class Appointment:
    id: int
    sender_id: str
    service_id: str
    site_id: str
    starts_at: dt.datetime
    place: int
    patient_name: str
    status: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _table(metadata: MetaData, name: str) -> Table:
    table = Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("sender_id", String(255), nullable=False, index=True),
        Column("service_id", String(64), nullable=False),
        Column("site_id", String(64), nullable=False),
        Column("starts_at", DateTime, nullable=False),
        Column("place", Integer, nullable=False),
        Column("patient_name", String(200), nullable=False),
        Column("status", String(16), nullable=False, default=BOOKED),
        Column("created_at", DateTime, nullable=False, default=_now),
        Column("updated_at", DateTime, nullable=False, default=_now, onupdate=_now),
    )
    booked_only = table.c.status == BOOKED
    Index(
        f"{name}_one_person_per_place",
        table.c.site_id,
        table.c.service_id,
        table.c.starts_at,
        table.c.place,
        unique=True,
        sqlite_where=booked_only,
        postgresql_where=booked_only,
    )
    return table


def _sqlite_transactions(engine: Engine) -> None:
    """Let SQLAlchemy, not pysqlite, begin transactions, so SAVEPOINTs work; take the write
    lock at BEGIN so concurrent bookings queue instead of failing to upgrade their lock."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):  # pragma: no cover - driver hook
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection):  # pragma: no cover - driver hook
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class AppointmentStore:
    """Book, list, move and cancel appointments. Thread-safe; one engine per store."""

    def __init__(self, url: str, table_name: str = "appointments") -> None:
        self.url = url
        self.table_name = table_name
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self.table = _table(MetaData(), table_name)

    @property
    def engine(self) -> Engine:
        """The engine, created (with the table) on first use."""
        with self._lock:
            if self._engine is None:
                engine = create_engine(self.url)
                if is_sqlite(self.url):
                    _sqlite_transactions(engine)
                create_tables(self.table.metadata, engine)
                self._engine = engine
            return self._engine

    def dispose(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    def drop(self) -> None:
        """Drop the table (tests)."""
        self.table.metadata.drop_all(self.engine)

    # ------------------------------------------------------------------ writing

    def _insert_first_free_place(
        self,
        connection: Connection,
        values: dict,
        places: int,
    ) -> int:
        """Insert into the first place the unique index accepts; its id, or SlotTaken."""
        for place in range(1, places + 1):
            savepoint = connection.begin_nested()
            try:
                result = connection.execute(insert(self.table).values(**values, place=place))
            except IntegrityError:
                savepoint.rollback()
                continue
            savepoint.commit()
            return int(result.inserted_primary_key[0])
        raise SlotTaken()

    def book(
        self,
        sender_id: str,
        service_id: str,
        site_id: str,
        starts_at: dt.datetime,
        patient_name: str,
        places: int,
    ) -> Appointment:
        """Take a free place of the slot, or raise SlotTaken when all `places` are held."""
        values = {
            "sender_id": sender_id,
            "service_id": service_id,
            "site_id": site_id,
            "starts_at": starts_at,
            "patient_name": patient_name,
            "status": BOOKED,
        }
        with self.engine.begin() as connection:
            new_id = self._insert_first_free_place(connection, values, places)
        return self._get(new_id)

    def reschedule(
        self,
        sender_id: str,
        appointment_id: int,
        starts_at: dt.datetime,
        places: int,
        service_id: str | None = None,
        site_id: str | None = None,
    ) -> Appointment:
        """Move an appointment (to another time, and maybe service or site) in one
        transaction: the old place is freed only if a new one is taken. Raises
        AppointmentNotFound or SlotTaken, and then nothing changes."""
        with self.engine.begin() as connection:
            old = (
                connection.execute(select(self.table).where(self._owned(sender_id, appointment_id)))
                .mappings()
                .first()
            )
            if old is None:
                raise AppointmentNotFound(appointment_id)
            connection.execute(
                update(self.table)
                .where(self.table.c.id == old["id"])
                .values(status=CANCELLED, updated_at=_now())
            )
            values = {
                key: old[key] for key in ("sender_id", "service_id", "site_id", "patient_name")
            }
            values.update(starts_at=starts_at, status=BOOKED)
            values.update(
                {k: v for k, v in (("service_id", service_id), ("site_id", site_id)) if v}
            )
            new_id = self._insert_first_free_place(connection, values, places)
        return self._get(new_id)

    def cancel(self, sender_id: str, appointment_id: int) -> Appointment:
        """Cancel one of the sender's booked appointments, which frees its place."""
        with self.engine.begin() as connection:
            result = connection.execute(
                update(self.table)
                .where(self._owned(sender_id, appointment_id))
                .values(status=CANCELLED, updated_at=_now())
            )
            if result.rowcount != 1:
                raise AppointmentNotFound(appointment_id)
        return self._get(appointment_id)

    def erase_sender(self, sender_id: str) -> int:
        """Delete every row of this sender, whatever its status; how many were deleted."""
        with self.engine.begin() as connection:
            result = connection.execute(
                delete(self.table).where(self.table.c.sender_id == sender_id)
            )
            return int(result.rowcount)

    def delete_started_before(self, before: dt.datetime) -> int:
        """Delete every appointment (booked or cancelled) that started before `before`, a local
        time of the sites; how many were deleted (retention, `actions.booking.retention`)."""
        with self.engine.begin() as connection:
            result = connection.execute(delete(self.table).where(self.table.c.starts_at < before))
            return int(result.rowcount)

    # ------------------------------------------------------------------ reading

    def _owned(self, sender_id: str, appointment_id: int):
        return and_(
            self.table.c.id == int(appointment_id),
            self.table.c.sender_id == sender_id,
            self.table.c.status == BOOKED,
        )

    def _get(self, appointment_id: int) -> Appointment:
        with self.engine.connect() as connection:
            row = (
                connection.execute(select(self.table).where(self.table.c.id == appointment_id))
                .mappings()
                .one()
            )
        return _appointment(row)

    def get(self, sender_id: str, appointment_id: int) -> Appointment | None:
        """The sender's booked appointment with that id, or None."""
        with self.engine.connect() as connection:
            row = (
                connection.execute(select(self.table).where(self._owned(sender_id, appointment_id)))
                .mappings()
                .first()
            )
        return _appointment(row) if row else None

    def list_upcoming(self, sender_id: str, now: dt.datetime) -> list[Appointment]:
        """The sender's booked appointments starting after `now`, soonest first."""
        query = (
            select(self.table)
            .where(
                self.table.c.sender_id == sender_id,
                self.table.c.status == BOOKED,
                self.table.c.starts_at > now,
            )
            .order_by(self.table.c.starts_at, self.table.c.id)
        )
        with self.engine.connect() as connection:
            return [_appointment(row) for row in connection.execute(query).mappings()]

    def booked_counts(
        self, site_id: str, service_id: str, start: dt.datetime, end: dt.datetime
    ) -> dict[dt.datetime, int]:
        """Places taken per start time in [start, end) for that service at that site."""
        query = (
            select(self.table.c.starts_at, func.count())
            .where(
                self.table.c.site_id == site_id,
                self.table.c.service_id == service_id,
                self.table.c.status == BOOKED,
                self.table.c.starts_at >= start,
                self.table.c.starts_at < end,
            )
            .group_by(self.table.c.starts_at)
        )
        with self.engine.connect() as connection:
            return {row[0]: int(row[1]) for row in connection.execute(query)}


def _appointment(row) -> Appointment:
    return Appointment(
        id=int(row["id"]),
        sender_id=row["sender_id"],
        service_id=row["service_id"],
        site_id=row["site_id"],
        starts_at=row["starts_at"],
        place=int(row["place"]),
        patient_name=row["patient_name"],
        status=row["status"],
    )


_stores: dict[str, AppointmentStore] = {}
_stores_lock = threading.Lock()


def get_store() -> AppointmentStore:
    """The store for VIGIE_APPOINTMENTS_DB_URL (default SQLite under .vigie/), made once, with
    its retention sweep started (`actions.booking.retention`)."""
    from actions.booking.retention import start_sweeping

    url = configured_url(None, URL_VARIABLE, DEFAULT_URL)
    with _stores_lock:
        if url not in _stores:
            _stores[url] = AppointmentStore(url)
            start_sweeping(_stores[url])
        return _stores[url]
