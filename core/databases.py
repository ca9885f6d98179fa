"""Database URLs and SQLAlchemy engines: one way for every store to find and open its database.

Each store (tracker, appointments, WhatsApp inbox, privacy registry) is named by a URL that
comes from an argument, else an environment variable, else a local SQLite default under
`.vigie/`. `configured_url` resolves that; `create_engine` opens it the same way for all: the
SQLite folder is created, SQLite connections wait for locks instead of failing and may be used
from several threads, server databases get pre-ping so a dropped connection is replaced.

Every SQLite connection Vigie opens runs `PRAGMA secure_delete=ON`: deleted rows and freed
pages are overwritten with zeros instead of lingering in the file (an erased conversation
must not be readable with a hex editor). Engines Vigie does not create itself (Rasa's SQL
tracker store) get the same through `secure_sqlite_engine`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import URL, make_url

#: Seconds a SQLite connection waits for another writer before it gives up.
SQLITE_LOCK_TIMEOUT = 30


def configured_url(
    explicit: str | None,
    variable: str,
    default: str,
    environ: Mapping[str, str] | None = None,
) -> str:
    """`explicit` if given, else the environment variable `variable`, else `default`."""
    environ = os.environ if environ is None else environ
    return explicit or environ.get(variable) or default


def is_sqlite(url: str | URL) -> bool:
    return bool(make_url(url).get_backend_name() == "sqlite")


def create_sqlite_folder(url: str | URL) -> None:
    """Create the folder of a SQLite file URL (e.g. `.vigie/`); other URLs are left alone."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def _secure_delete(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def secure_sqlite_engine(engine: Engine) -> Engine:
    """Make every connection of a SQLite `engine` overwrite what it deletes; others untouched.

    Connections already pooled are dropped so that none escapes the setting.
    """
    if engine.dialect.name == "sqlite" and not sa.event.contains(engine, "connect", _secure_delete):
        sa.event.listen(engine, "connect", _secure_delete)
        engine.dispose()
    return engine


def create_engine(url: str | URL, **options: Any) -> Engine:
    """A SQLAlchemy engine for `url`, set up the same way for every store.

    `options` go to `sqlalchemy.create_engine` on top of the defaults (a store passes its own
    pool class or size); SQLite `connect_args` are merged with the shared ones.
    """
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        create_sqlite_folder(url)
        connect_args = {"timeout": SQLITE_LOCK_TIMEOUT, "check_same_thread": False}
        connect_args.update(options.pop("connect_args", {}))
        engine = sa.create_engine(url, future=True, connect_args=connect_args, **options)
        return secure_sqlite_engine(engine)
    return sa.create_engine(url, future=True, pool_pre_ping=True, **options)


def create_tables(metadata: sa.MetaData, engine: Engine) -> None:
    """Create the missing tables of `metadata`, safely while other processes do the same.

    `create_all` checks, then creates, one table after another (SQLite commits each CREATE on
    its own): another instance starting at the same moment may create a table between the
    check and the CREATE ("already exists"). Each race lost means one more table exists, so
    checking again at most once per table always ends; a lasting error is raised in the end.
    """
    attempts = len(metadata.tables) + 1
    for attempt in range(1, attempts + 1):
        try:
            metadata.create_all(engine)
            return
        except sa.exc.DBAPIError:
            # "already exists" (SQLite, PostgreSQL), or PostgreSQL's duplicate pg_type row
            # when two sessions create one table at once: the table is there on the next check.
            if attempt == attempts:
                raise
