"""The inbox in SQLite or PostgreSQL (SQLAlchemy 1.4 Core, atomic ``INSERT .. ON CONFLICT``)."""

from __future__ import annotations

import json
import logging
import random
import threading
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.pool import SingletonThreadPool

from bot.channels.whatsapp.identity import (
    PHONE,
    Address,
    IdentityChange,
    choose_canonical,
    kind_of,
)
from bot.channels.whatsapp.inbox import (
    DEFAULT_LEASE_SECONDS,
    ERASED,
    RECEIVED,
    Inbox,
    inbound_time,
)
from bot.channels.whatsapp.parsing import InboundMessage, StatusUpdate
from core.databases import create_engine, create_tables, is_sqlite

logger = logging.getLogger(__name__)

metadata = sa.MetaData()
messages_table = sa.Table(
    "whatsapp_inbox",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("message_id", sa.String(512), nullable=False, unique=True),
    sa.Column("sender_id", sa.String(512), nullable=False, index=True),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("payload", sa.Text, nullable=True),
    sa.Column("received_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False, index=True),
    sa.Column("claimed_by", sa.String(255), nullable=True),
    sa.Column("claimed_until", sa.Float, nullable=True),
    sa.Column("sent_at", sa.BigInteger, nullable=True),  # WhatsApp's timestamp
)
ADDED_COLUMNS = ("claimed_by", "claimed_until", "sent_at")  # added after the first release
# Which instance processes each sender's messages now (see the inbox module).
leases_table = sa.Table(
    "whatsapp_sender_leases",
    metadata,
    sa.Column("sender_id", sa.String(512), primary_key=True),
    sa.Column("holder", sa.String(255), nullable=False, index=True),
    sa.Column("until", sa.Float, nullable=False),
)
contacts_table = sa.Table(
    "whatsapp_contacts",
    metadata,
    sa.Column("sender_id", sa.String(512), primary_key=True),
    sa.Column("last_inbound_at", sa.BigInteger, nullable=False),
)
statuses_table = sa.Table(
    "whatsapp_statuses",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("message_id", sa.String(512), nullable=False, index=True),
    sa.Column("recipient_id", sa.String(512), nullable=False, index=True),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("timestamp", sa.BigInteger, nullable=False),
    sa.Column("error_codes", sa.String(256), nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False, index=True),
)
identities_table = sa.Table(
    "whatsapp_identities",
    metadata,
    sa.Column("identifier", sa.String(512), primary_key=True),  # a phone number or a BSUID
    sa.Column("sender_id", sa.String(512), nullable=False, index=True),  # the canonical id
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("seen_at", sa.Float, nullable=False),  # when mapped: the latest number wins
)
failed_sends_table = sa.Table(
    "whatsapp_failed_sends",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("recipient_id", sa.String(512), nullable=False, index=True),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("error_code", sa.BigInteger, nullable=True),
    sa.Column("reason", sa.String(512), nullable=False),
    sa.Column("failed_at", sa.Float, nullable=False),
)


class SqlInbox(Inbox):
    """SQLite (WAL, synchronous=FULL: durable when a commit returns) or PostgreSQL."""

    def __init__(
        self,
        url: str,
        ttl_seconds: float,
        owner: str = "",
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
    ) -> None:
        self._is_sqlite = is_sqlite(url)
        # SQLite: one thread, so that its single writer never waits on its own lock (see the
        # inbox module); PostgreSQL: a few threads.
        threads = 1 if self._is_sqlite else 4
        super().__init__(ttl_seconds, threads, owner=owner, lease_seconds=lease_seconds)
        self._url = url
        self._engine: sa.engine.Engine | None = None
        self._engine_lock = threading.Lock()
        self._insert = sqlite.insert if self._is_sqlite else postgresql.insert

    @property
    def engine(self) -> sa.engine.Engine:
        with self._engine_lock:
            if self._engine is None:
                self._engine = self._create_engine()
            return self._engine

    def _create_engine(self) -> sa.engine.Engine:
        if self._is_sqlite:
            engine = create_engine(self._url, poolclass=SingletonThreadPool)
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(self._url, pool_size=4)
        create_tables(metadata, engine)
        _add_columns(engine)
        return engine

    def _accept(self, messages: list[InboundMessage], now: float) -> list[InboundMessage]:
        table = messages_table
        accepted = []
        with self.engine.begin() as connection:
            for message in messages:
                row = {
                    "message_id": message.message_id,
                    "sender_id": message.sender_id,
                    "state": RECEIVED,
                    "payload": message.to_json(),
                    "received_at": now,
                    "expires_at": now + self.ttl_seconds,
                    "claimed_by": self.owner,
                    "claimed_until": now + self.lease_seconds,
                    "sent_at": message.timestamp,
                }
                statement = self._insert(table).values(**row)
                # An expired record of a processed message may be replaced; anything else stays.
                statement = statement.on_conflict_do_update(
                    index_elements=[table.c.message_id],
                    set_={k: statement.excluded[k] for k in row if k != "message_id"},
                    where=(table.c.state != RECEIVED) & (table.c.expires_at < now),
                )
                if connection.execute(statement).rowcount == 1:
                    accepted.append(message)
            for message in accepted:
                stamp = inbound_time(message, now)
                upsert = self._insert(contacts_table).values(
                    sender_id=message.sender_id, last_inbound_at=stamp
                )
                connection.execute(
                    upsert.on_conflict_do_update(
                        index_elements=[contacts_table.c.sender_id],
                        set_={"last_inbound_at": upsert.excluded.last_inbound_at},
                        where=contacts_table.c.last_inbound_at < upsert.excluded.last_inbound_at,
                    )
                )
        return accepted

    def _mark(self, message_id: str, state: str, now: float) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                messages_table.update()
                .where(messages_table.c.message_id == message_id)
                .where(messages_table.c.state == RECEIVED)
                .values(state=state, payload=None, expires_at=now + self.ttl_seconds)
            )

    def _pending(self) -> list[InboundMessage]:
        query = (
            sa.select(messages_table.c.payload)
            .where(messages_table.c.state == RECEIVED)
            .order_by(messages_table.c.seq)
        )
        with self.engine.connect() as connection:
            return [InboundMessage.from_json(row.payload) for row in connection.execute(query)]

    def _claim_pending(self, now: float, include_own: bool) -> list[InboundMessage]:
        table = messages_table
        claimable = (table.c.claimed_until < now) | table.c.claimed_until.is_(None)
        if include_own:
            claimable |= table.c.claimed_by == self.owner
        # A unique deadline marks the rows this call claimed (renewed own claims included).
        deadline = now + self.lease_seconds + random.random() * 1e-3
        with self.engine.begin() as connection:
            # One UPDATE: a row another instance claims meanwhile fails the re-checked WHERE.
            connection.execute(
                table.update()
                .where((table.c.state == RECEIVED) & claimable)
                .values(claimed_by=self.owner, claimed_until=deadline)
            )
            rows = connection.execute(
                sa.select(table.c.payload)
                .where(table.c.claimed_by == self.owner)
                .where(table.c.claimed_until == deadline)
                .where(table.c.state == RECEIVED)
                .order_by(table.c.seq)
            )
            return [InboundMessage.from_json(row.payload) for row in rows]

    def _confirm_claim(self, message_id: str, now: float) -> bool:
        table = messages_table
        with self.engine.begin() as connection:
            result = connection.execute(
                table.update()
                .where(table.c.message_id == message_id)
                .where(table.c.state == RECEIVED)
                .where(table.c.claimed_by == self.owner)
                .values(claimed_until=now + self.lease_seconds)
            )
            return result.rowcount == 1

    def _acquire_sender(self, sender_id: str, now: float) -> bool:
        table = leases_table
        statement = self._insert(table).values(
            sender_id=sender_id, holder=self.owner, until=now + self.lease_seconds
        )
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.sender_id],
            set_={"holder": statement.excluded.holder, "until": statement.excluded.until},
            where=(table.c.holder == self.owner) | (table.c.until < now),
        )
        with self.engine.begin() as connection:
            return connection.execute(statement).rowcount == 1

    def _next_pending(self, sender_id: str) -> InboundMessage | None:
        table = messages_table
        query = (
            sa.select(table.c.payload)
            .where(table.c.sender_id == sender_id)
            .where(table.c.state == RECEIVED)
            .order_by(sa.func.coalesce(table.c.sent_at, 0), table.c.seq)
            .limit(1)
        )
        with self.engine.connect() as connection:
            payload = connection.execute(query).scalar()
        return None if payload is None else InboundMessage.from_json(payload)

    def _release_sender(self, sender_id: str) -> None:
        table = leases_table
        with self.engine.begin() as connection:
            connection.execute(
                table.delete().where(table.c.sender_id == sender_id, table.c.holder == self.owner)
            )

    def _renew_senders(self, sender_ids: list[str], now: float) -> None:
        table = leases_table
        with self.engine.begin() as connection:
            connection.execute(
                table.update()
                .where(table.c.sender_id.in_(sender_ids), table.c.holder == self.owner)
                .values(until=now + self.lease_seconds)
            )

    def _release_all_senders(self) -> None:
        with self.engine.begin() as connection:
            connection.execute(leases_table.delete().where(leases_table.c.holder == self.owner))

    def _senders_to_take(self, now: float, include_own: bool) -> list[InboundMessage]:
        messages, leases = messages_table, leases_table
        free = leases.c.sender_id.is_(None) | (leases.c.until < now)
        if include_own:
            free |= leases.c.holder == self.owner
        query = (
            sa.select(messages.c.sender_id, messages.c.payload)
            .select_from(messages.outerjoin(leases, leases.c.sender_id == messages.c.sender_id))
            .where(messages.c.state == RECEIVED)
            .where(free)
            .order_by(sa.func.coalesce(messages.c.sent_at, 0), messages.c.seq)
        )
        oldest: dict[str, InboundMessage] = {}
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                if row.sender_id not in oldest:
                    oldest[row.sender_id] = InboundMessage.from_json(row.payload)
        return list(oldest.values())

    def _last_inbound(self, sender_id: str) -> int | None:
        query = sa.select(contacts_table.c.last_inbound_at).where(
            contacts_table.c.sender_id == sender_id
        )
        with self.engine.connect() as connection:
            value = connection.execute(query).scalar()
        return None if value is None else int(value)

    def _record_statuses(self, statuses: list[StatusUpdate], now: float) -> None:
        rows: list[dict[str, Any]] = [
            {
                "message_id": s.message_id,
                "recipient_id": s.recipient_id,
                "status": s.status,
                "timestamp": s.timestamp,
                "error_codes": json.dumps(list(s.error_codes))[:256],
                "expires_at": now + self.ttl_seconds,
            }
            for s in statuses
        ]
        with self.engine.begin() as connection:
            connection.execute(statuses_table.insert(), rows)

    def _record_failed_send(
        self, recipient_id: str, body: str, code: int | None, reason: str, now: float
    ) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                failed_sends_table.insert().values(
                    recipient_id=recipient_id,
                    body=body,
                    error_code=code,
                    reason=reason[:512],
                    failed_at=now,
                )
            )

    def _resolve_sender(self, phone: str, user_id: str, now: float) -> str:
        identifiers = [i for i in (user_id, phone) if i]
        table = identities_table
        with self.engine.connect() as connection:  # the usual case, read only: no commit
            known = self._known(connection, identifiers)
        if len(known) == len(identifiers) and len(set(known.values())) == 1:
            return known[identifiers[0]]
        with self.engine.begin() as connection:
            known = self._known(connection, identifiers)
            taken = (
                bool(phone) and phone not in known and self._names_a_conversation(connection, phone)
            )
            canonical, conflict = choose_canonical(phone, user_id, known, taken)
            if conflict:
                logger.warning(
                    "WhatsApp identity map: a phone number and a BSUID name two "
                    "conversations; the BSUID's is kept"
                )
            for identifier in identifiers:
                if identifier in known:
                    continue
                connection.execute(
                    self._insert(table)
                    .values(
                        identifier=identifier,
                        sender_id=canonical,
                        kind=kind_of(identifier),
                        seen_at=now,
                    )
                    .on_conflict_do_nothing(index_elements=["identifier"])
                )
            # Another instance may have mapped the first identifier at the same moment.
            return self._known(connection, identifiers[:1]).get(identifiers[0], canonical)

    def _known(self, connection: Any, identifiers: list[str]) -> dict[str, str]:
        table = identities_table
        rows = connection.execute(
            sa.select(table.c.identifier, table.c.sender_id).where(
                table.c.identifier.in_(identifiers)
            )
        )
        return {row.identifier: row.sender_id for row in rows}

    def _names_a_conversation(self, connection: Any, sender_id: str) -> bool:
        table = identities_table
        query = sa.select(table.c.identifier).where(table.c.sender_id == sender_id).limit(1)
        return connection.execute(query).first() is not None

    def _change_identity(self, change: IdentityChange, now: float) -> str | None:
        table = identities_table
        with self.engine.begin() as connection:
            known = self._known(connection, change.old)
            canonical = next((known[i] for i in change.old if i in known), None)
            if canonical is None and change.old_phone:
                canonical = change.old_phone  # a conversation older than the identity map
            if canonical is None:
                return None
            connection.execute(
                table.delete()
                .where(table.c.identifier.in_(change.old))
                .where(table.c.sender_id == canonical)
            )
            for identifier in change.new:
                connection.execute(
                    self._insert(table)
                    .values(
                        identifier=identifier,
                        sender_id=canonical,
                        kind=kind_of(identifier),
                        seen_at=now,
                    )
                    .on_conflict_do_nothing(index_elements=["identifier"])
                )
            return canonical

    def _address(self, sender_id: str) -> Address:
        table = identities_table
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(table.c.identifier, table.c.kind)
                .where(table.c.sender_id == sender_id)
                .order_by(table.c.seen_at.desc())
            ).all()
        phones = [row.identifier for row in rows if row.kind == PHONE]
        bsuids = [row.identifier for row in rows if row.kind != PHONE]
        if not rows:
            return Address.of(sender_id)
        return Address(phone=phones[0] if phones else "", user_id=bsuids[0] if bsuids else "")

    def _identifiers(self, sender_id: str) -> list[str]:
        table = identities_table
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(table.c.identifier).where(table.c.sender_id == sender_id)
            )
            return [row.identifier for row in rows]

    def _erase_sender(self, sender_id: str, now: float) -> int:
        erased = 0
        # Statuses name the address a message went to: any identifier of the user.
        addresses = [sender_id, *self._identifiers(sender_id)]
        with self.engine.begin() as connection:
            erased += connection.execute(
                messages_table.update()
                .where(messages_table.c.sender_id == sender_id)
                .values(sender_id="", payload=None, state=ERASED)
            ).rowcount
            erased += connection.execute(
                statuses_table.delete().where(statuses_table.c.recipient_id.in_(addresses))
            ).rowcount
            for table, column in (
                (contacts_table, contacts_table.c.sender_id),
                (failed_sends_table, failed_sends_table.c.recipient_id),
                (identities_table, identities_table.c.sender_id),
            ):
                erased += connection.execute(table.delete().where(column == sender_id)).rowcount
            # Not a record about the user: the name of who processes them (counted as nothing).
            connection.execute(leases_table.delete().where(leases_table.c.sender_id == sender_id))
        return erased

    def _purge_expired(self, now: float) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                messages_table.delete()
                .where(messages_table.c.state != RECEIVED)
                .where(messages_table.c.expires_at < now)
            )
            connection.execute(statuses_table.delete().where(statuses_table.c.expires_at < now))
            connection.execute(
                failed_sends_table.delete().where(
                    failed_sends_table.c.failed_at < now - self.ttl_seconds
                )
            )

    def _close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # Test and tooling helpers (blocking; not used on the request path).
    def count_failed_sends(self) -> int:
        with self.engine.connect() as connection:
            return int(
                connection.execute(
                    sa.select(sa.func.count()).select_from(failed_sends_table)
                ).scalar()
            )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _add_columns(engine: sa.engine.Engine) -> None:
    """Adds the columns of later releases to an inbox table created before they existed."""
    present = {column["name"] for column in sa.inspect(engine).get_columns("whatsapp_inbox")}
    for name in ADDED_COLUMNS:
        if name not in present:
            column_type = messages_table.c[name].type.compile(dialect=engine.dialect)
            with engine.begin() as connection:
                connection.execute(
                    sa.text(f"ALTER TABLE whatsapp_inbox ADD COLUMN {name} {column_type}")
                )
