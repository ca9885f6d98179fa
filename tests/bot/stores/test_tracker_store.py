"""The URL-configured tracker store keeps conversations in SQLite or PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.stores.tracker_store import VigieTrackerStore, tracker_store_url

POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


async def save_and_reload(store: VigieTrackerStore) -> DialogueStateTracker:
    sender = f"test-{uuid.uuid4().hex}"
    tracker = DialogueStateTracker.from_events(
        sender, [ActionExecuted("action_listen"), UserUttered("bonjour", {"name": "greet"})]
    )
    await store.save(tracker)
    return await store.retrieve(sender)


def test_when_no_url_is_set_then_conversations_go_to_local_sqlite(monkeypatch):
    monkeypatch.delenv("VIGIE_TRACKER_STORE_URL", raising=False)
    assert str(tracker_store_url()) == "sqlite:///.vigie/tracker.db"


async def test_when_a_sqlite_url_is_given_then_its_folder_is_created_and_used(scratch_dir):
    path = scratch_dir / "nested" / "tracker.db"
    store = VigieTrackerStore(domain=Domain.empty(), url=f"sqlite:///{path}")

    reloaded = await save_and_reload(store)

    assert path.exists()
    assert reloaded.latest_message.text == "bonjour"


@pytest.mark.postgres
async def test_when_the_environment_names_postgresql_then_conversations_go_there(monkeypatch):
    monkeypatch.setenv("VIGIE_TRACKER_STORE_URL", POSTGRES_URL)
    store = VigieTrackerStore(domain=Domain.empty())

    reloaded = await save_and_reload(store)

    assert store.engine.url.get_backend_name() == "postgresql"
    assert reloaded.latest_message.text == "bonjour"
    with sa.create_engine(POSTGRES_URL).connect() as connection:
        count = connection.execute(
            sa.text("SELECT count(*) FROM events WHERE sender_id = :s"),
            {"s": reloaded.sender_id},
        ).scalar()
    assert count == 2
