"""Retention: idle conversations and old audit rows go; one sweep per period across instances."""

from __future__ import annotations

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.stores.tracker_store import VigieTrackerStore
from core.privacy.registry import erasure_audit
from core.privacy.retention import RetentionConfigError, RetentionPolicy
from tests.services import require_postgres, require_redis
from tests.store_contents import raw_stored_text
from tests.waiting import eventually

DAY = 86400.0


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def store(request, tmp_path, monkeypatch) -> VigieTrackerStore:
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{tmp_path / 'privacy.db'}")
    monkeypatch.setenv("VIGIE_RETENTION_SWEEP_SECONDS", "0.000001")  # every call sweeps
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    if request.param == "postgresql":
        url = require_postgres()
    return VigieTrackerStore(domain=Domain.empty(), url=url)


def conversation(sender: str, at: float) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender,
        [ActionExecuted("action_listen", timestamp=at), UserUttered("hello", timestamp=at + 1)],
    )


async def test_when_a_conversation_is_idle_past_the_period_then_the_sweep_deletes_it(store):
    now = time.time()
    idle, active = f"idle-{uuid.uuid4().hex}", f"active-{uuid.uuid4().hex}"
    await store.save(conversation(idle, now - 91 * DAY))
    await store.save(conversation(active, now - 89 * DAY))

    # The periodic sweep started by the first save may claim the period first (then this
    # claim loses): sweep until this test's own sweep has run once.
    async def own_sweep() -> dict[str, int] | None:
        return await store.sweep(now=time.time() + 1)

    await eventually(own_sweep, lambda counts: counts is not None, 10, "a sweep of this test")
    assert raw_stored_text(store, idle) == "" and await store.retrieve(idle) is None
    assert "hello" in raw_stored_text(store, active)


async def test_when_audit_rows_are_older_than_the_period_then_only_they_go(store):
    registry = store.privacy
    old = datetime.now(timezone.utc) - timedelta(days=400)
    with registry.engine.begin() as connection:
        connection.execute(
            erasure_audit.insert().values(subject_hash="a" * 64, erased_at=old, erased="{}")
        )
    registry.record_erasure("recent-sender", {"tracker_events": 3})

    counts = await store.sweep()

    assert counts is not None and counts["audit_rows"] == 1
    assert registry.erasures("recent-sender") == [{"tracker_events": 3}]
    with registry.engine.connect() as connection:
        kept = [json.loads(row.erased) for row in connection.execute(erasure_audit.select())]
    assert kept == [{"tracker_events": 3}]  # counts only, never who or what was said


def test_when_eight_instances_claim_the_same_period_then_exactly_one_sweeps(tmp_path, monkeypatch):
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{tmp_path / 'privacy.db'}")
    stores = [VigieTrackerStore(url="memory://") for _ in range(8)]
    now = time.time()

    with ThreadPoolExecutor(8) as pool:
        claims = list(pool.map(lambda s: s.privacy.claim_sweep("r", 3600, now), stores))
    later = stores[0].privacy.claim_sweep("r", 3600, now + 1800)
    next_period = stores[1].privacy.claim_sweep("r", 3600, now + 3600)

    assert claims.count(True) == 1 and not later and next_period


@pytest.mark.postgres
def test_when_instances_share_postgresql_then_exactly_one_claims_a_period(monkeypatch):
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", require_postgres())
    stores = [VigieTrackerStore(url="memory://") for _ in range(4)]
    name, now = f"test-{uuid.uuid4().hex[:8]}", time.time()

    with ThreadPoolExecutor(4) as pool:
        claims = list(pool.map(lambda s: s.privacy.claim_sweep(name, 3600, now), stores))

    assert claims.count(True) == 1


@pytest.mark.redis
async def test_when_conversations_are_in_redis_then_they_expire_after_the_period(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("VIGIE_PRIVACY_DB_URL", f"sqlite:///{tmp_path / 'privacy.db'}")
    monkeypatch.setenv("VIGIE_RETENTION_CONVERSATION_DAYS", "30")
    store = VigieTrackerStore(domain=Domain.empty(), url=require_redis())
    sender = f"redis-{uuid.uuid4().hex}"

    await store.save(conversation(sender, time.time()))

    ttl = store.backend.red.ttl(store.backend.key_prefix + sender)
    assert 29 * DAY < ttl <= 30 * DAY
    store.backend.red.delete(store.backend.key_prefix + sender)


@pytest.mark.parametrize("value", ["0", "-3", "ninety"])
def test_when_a_period_is_not_a_positive_number_then_it_is_refused(value):
    with pytest.raises(RetentionConfigError, match="VIGIE_RETENTION_AUDIT_DAYS"):
        RetentionPolicy.from_environ({"VIGIE_RETENTION_AUDIT_DAYS": value})


def test_when_nothing_is_set_then_the_documented_defaults_apply():
    assert RetentionPolicy.from_environ({}) == RetentionPolicy(90, 365, 3600)
