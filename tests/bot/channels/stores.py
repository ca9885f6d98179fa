"""Inbox URLs on the real PostgreSQL and Redis of this machine, one fresh namespace per call."""

from __future__ import annotations

import uuid

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_URL = "redis://127.0.0.1:6379/15"


def postgres_inbox_url() -> str:
    """A URL whose tables live in a new schema of the test database."""
    import sqlalchemy as sa

    engine = sa.create_engine(POSTGRES_URL)
    schema = f"wa_{uuid.uuid4().hex[:8]}"
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
