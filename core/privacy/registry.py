"""The suppression list and the erasure audit, in one small database.

`VIGIE_PRIVACY_DB_URL` (any SQLAlchemy URL) picks the database; the default is a SQLite file
in `.vigie/`. It is the one source for every process: the tracker store (opt-out), the
WhatsApp output (no business-initiated message to a suppressed user) and the action server
(opt-in) all call `privacy_registry()`, which reads it through `registry_url()`. An opt-out
recorded in one database and checked in another would silently message a user who said STOP.
Only keyed hashes of sender ids are stored (see `core.privacy.subjects`), never
the ids themselves, never message content.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Mapping
from datetime import datetime, timezone
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from core.databases import configured_url, create_engine, create_tables
from core.privacy.subjects import subject_hash

logger = logging.getLogger(__name__)

URL_VARIABLE = "VIGIE_PRIVACY_DB_URL"
DEFAULT_URL = "sqlite:///.vigie/privacy.db"

_metadata = sa.MetaData()
suppressions = sa.Table(
    "vigie_suppressions",
    _metadata,
    sa.Column("subject_hash", sa.String(64), primary_key=True),
    sa.Column("suppressed_at", sa.DateTime(timezone=True), nullable=False),
)
erasure_audit = sa.Table(
    "vigie_erasure_audit",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("subject_hash", sa.String(64), nullable=False, index=True),
    sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("erased", sa.Text, nullable=False),  # JSON: {"what": number of records}
)
#: When each periodic sweep last ran, shared by every instance (see `claim_sweep`).
sweeps = sa.Table(
    "vigie_sweeps",
    _metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("ran_at", sa.Float, nullable=False),
)
#: One row: a random id drawn when the database is first used, so that two processes can tell
#: whether they use the same registry whatever URL each was given (see `identity`).
identity_table = sa.Table(
    "vigie_registry_identity",
    _metadata,
    sa.Column("name", sa.String(16), primary_key=True),
    sa.Column("identity", sa.String(36), nullable=False),
)


def _now() -> datetime:
    return datetime.now(timezone.utc)


class PrivacyRegistry:
    """Who opted out (as keyed hashes) and what was erased when."""

    def __init__(self, url: str | None = None) -> None:
        self.engine: Engine = create_engine(configured_url(url, URL_VARIABLE, DEFAULT_URL))
        create_tables(_metadata, self.engine)
        # Each process says which database it uses, so a mismatch shows in the two logs.
        logger.info(
            "privacy registry (suppression list, erasure audit): %s",
            self.engine.url.render_as_string(hide_password=True),
        )

    def identity(self) -> str:
        """This database's random id, drawn on first use (concurrent first uses agree).

        Two processes that report the same identity share the suppression list; different
        identities mean an opt-out recorded by one is never seen by the other.
        """
        query = sa.select(identity_table.c.identity).where(identity_table.c.name == "registry")
        with self.engine.connect() as connection:
            found = connection.execute(query).scalar()
        if found:
            return str(found)
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    identity_table.insert().values(name="registry", identity=str(uuid.uuid4()))
                )
        except sa.exc.IntegrityError:
            pass  # another process drew it first: read theirs
        with self.engine.connect() as connection:
            return str(connection.execute(query).scalar_one())

    def suppress(self, sender_id: str) -> None:
        """Never send a business-initiated message to this sender again (idempotent)."""
        key = subject_hash(sender_id)
        with self.engine.begin() as connection:
            exists = connection.execute(
                sa.select(suppressions.c.subject_hash).where(suppressions.c.subject_hash == key)
            ).first()
            if not exists:
                connection.execute(
                    suppressions.insert().values(subject_hash=key, suppressed_at=_now())
                )

    def lift(self, sender_id: str) -> bool:
        """The sender opted in again; True when they were suppressed."""
        with self.engine.begin() as connection:
            deleted = connection.execute(
                suppressions.delete().where(suppressions.c.subject_hash == subject_hash(sender_id))
            )
        return bool(deleted.rowcount > 0)

    def is_suppressed(self, sender_id: str) -> bool:
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(suppressions.c.subject_hash).where(
                    suppressions.c.subject_hash == subject_hash(sender_id)
                )
            ).first()
        return row is not None

    def record_erasure(self, sender_id: str, erased: dict[str, int]) -> None:
        """Audit one erasure: the keyed hash, the time, and how many records of each kind."""
        with self.engine.begin() as connection:
            connection.execute(
                erasure_audit.insert().values(
                    subject_hash=subject_hash(sender_id),
                    erased_at=_now(),
                    erased=json.dumps(erased, sort_keys=True),
                )
            )

    def claim_sweep(self, name: str, interval: float, now: float) -> bool:
        """True for exactly one caller per `interval` seconds, whichever instance calls.

        One conditional UPDATE decides (the database serialises concurrent ones); the row is
        created on first use, where a concurrent insert fails on the primary key.
        """
        with self.engine.begin() as connection:
            claimed = connection.execute(
                sweeps.update()
                .where(sweeps.c.name == name)
                .where(sweeps.c.ran_at <= now - interval)
                .values(ran_at=now)
            ).rowcount
            if claimed:
                return True
            if connection.execute(sa.select(sweeps.c.name).where(sweeps.c.name == name)).first():
                return False
        try:
            with self.engine.begin() as connection:
                connection.execute(sweeps.insert().values(name=name, ran_at=now))
        except sa.exc.IntegrityError:
            return False
        return True

    def purge_audit(self, older_than: datetime) -> int:
        """Delete erasure audit rows written before `older_than`; the number deleted."""
        with self.engine.begin() as connection:
            deleted = connection.execute(
                erasure_audit.delete().where(erasure_audit.c.erased_at < older_than)
            )
        return int(deleted.rowcount or 0)

    def erasures(self, sender_id: str) -> list[dict[str, int]]:
        """The audit entries of one sender, oldest first (for tests and audits)."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(erasure_audit.c.erased)
                .where(erasure_audit.c.subject_hash == subject_hash(sender_id))
                .order_by(erasure_audit.c.id)
            ).all()
        return [json.loads(row.erased) for row in rows]


def registry_url(environ: Mapping[str, str] | None = None) -> str:
    """The privacy database of every process: `VIGIE_PRIVACY_DB_URL`, else the default."""
    return configured_url(None, URL_VARIABLE, DEFAULT_URL, environ)


_registry_lock = threading.Lock()


def privacy_registry() -> PrivacyRegistry:
    """The registry of `registry_url()`, one per database per process, created on first use
    (threads that ask first at the same time get the same one)."""
    with _registry_lock:
        return _registry_at(registry_url())


@lru_cache(maxsize=4)
def _registry_at(url: str) -> PrivacyRegistry:
    return PrivacyRegistry(url)
