"""The PostgreSQL and Redis the store tests run against: one place for their addresses, one
behaviour when a server is down (the test fails and says how to start it; never a skip, so a
stopped server cannot turn the store tests silently green).

``VIGIE_TEST_POSTGRES_URL`` and ``VIGIE_TEST_REDIS_URL`` point the tests at other servers (or
other databases of them).
"""

from __future__ import annotations

import functools
import os
from urllib.parse import urlsplit

import pytest

POSTGRES_URL = os.environ.get(
    "VIGIE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("VIGIE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# The WhatsApp inbox tests empty their Redis database first: a database of their own
# (``VIGIE_TEST_REDIS_INBOX_DB`` gives another, so two checkouts can test side by side).
REDIS_INBOX_DB = int(os.environ.get("VIGIE_TEST_REDIS_INBOX_DB", "15"))

HOW_TO_START = (
    "start it with `scripts/ensure-services` (or your system's service manager), "
    "or point {variable} at a running server"
)


@functools.cache
def _postgres_problem() -> str | None:
    import sqlalchemy as sa

    engine = sa.create_engine(POSTGRES_URL)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception as error:  # any driver error means the same thing here
        return f"{type(error).__name__}: {error}".splitlines()[0]
    finally:
        engine.dispose()
    return None


@functools.cache
def _redis_problem() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return f"{type(error).__name__}: {error}"
    return None


def require_postgres() -> str:
    """The PostgreSQL URL; fails the calling test with how to start the server when it is down."""
    problem = _postgres_problem()
    if problem:
        how = HOW_TO_START.format(variable="VIGIE_TEST_POSTGRES_URL")
        pytest.fail(f"PostgreSQL is not answering at {POSTGRES_URL} ({problem}): {how}")
    return POSTGRES_URL


def require_redis(db: int | None = None) -> str:
    """The Redis URL (of database ``db`` if given); fails like :func:`require_postgres`."""
    problem = _redis_problem()
    if problem:
        how = HOW_TO_START.format(variable="VIGIE_TEST_REDIS_URL")
        pytest.fail(f"Redis is not answering at {REDIS_URL} ({problem}): {how}")
    if db is None:
        return REDIS_URL
    return urlsplit(REDIS_URL)._replace(path=f"/{db}").geturl()
