"""Inbox URLs on the real PostgreSQL and Redis of this machine, one fresh namespace per call."""

from __future__ import annotations

import uuid

from tests.services import REDIS_INBOX_DB, require_postgres, require_redis


def postgres_inbox_url() -> str:
    """A URL whose tables live in a new schema of the test database."""
    import sqlalchemy as sa

    url = require_postgres()
    engine = sa.create_engine(url)
    schema = f"wa_{uuid.uuid4().hex[:8]}"
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return f"{url}?options=-csearch_path%3D{schema}"


def redis_inbox_url() -> str:
    """The inbox tests' own Redis database, emptied."""
    import redis

    url = require_redis(REDIS_INBOX_DB)
    redis.Redis.from_url(url).flushdb()
    return url
