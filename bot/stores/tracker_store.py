"""The tracker store, configured by one URL from the environment.

`VIGIE_TRACKER_STORE_URL` picks the database (any SQLAlchemy URL, e.g.
`postgresql://user:password@host:5432/vigie`); without it, conversations go to a SQLite file
in the git-ignored `.vigie/` folder, so a new install needs no database server.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from sqlalchemy.engine.url import URL, make_url

TRACKER_STORE_URL_VARIABLE = "VIGIE_TRACKER_STORE_URL"
DEFAULT_TRACKER_STORE_URL = "sqlite:///.vigie/tracker.db"


def tracker_store_url(explicit: str | None = None) -> URL:
    """The configured database URL: explicit, else the environment, else local SQLite."""
    return make_url(
        explicit or os.environ.get(TRACKER_STORE_URL_VARIABLE) or DEFAULT_TRACKER_STORE_URL
    )


class VigieTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, built from a URL instead of separate endpoint keys."""

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        database = tracker_store_url(url)
        if database.get_backend_name() == "sqlite" and database.database:
            Path(database.database).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(
            domain=domain,
            dialect=database.drivername,
            host=database.host,
            port=database.port,
            db=database.database or "",
            username=database.username,
            password=database.password,
            event_broker=event_broker,
            query=dict(database.query),
        )
