"""Database URLs: the one thing every local store needs before SQLAlchemy can open SQLite."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine.url import URL


def create_sqlite_folder(url: URL) -> None:
    """Create the folder of a SQLite file URL (e.g. `.vigie/`); other URLs are left alone."""
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
