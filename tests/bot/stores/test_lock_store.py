"""The shared lock store on the real Redis and PostgreSQL, across real processes."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.lock_store import RedisLockStore as RasasRedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.stores.lock_store import (
    LockStoreConfigError,
    VigieLockStore,
    endpoints_lock_and_tracker,
    require_shared_lock_store,
    several_instances_problem,
)
from tests.bot.channels.stores import postgres_inbox_url
from tests.services import require_redis

REPO_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(
    params=[
        pytest.param("postgres", marks=pytest.mark.postgres),
        pytest.param("redis", marks=pytest.mark.redis),
    ]
)
def lock_url(request) -> str:
    """A fresh PostgreSQL schema, or the test Redis database (keys are per conversation)."""
    return postgres_inbox_url() if request.param == "postgres" else require_redis()


def conversation() -> str:
    return f"lock-test-{uuid.uuid4().hex[:10]}"


def test_when_four_processes_take_one_lock_then_never_two_hold_it_at_once(lock_url, tmp_path):
    log, name = tmp_path / "holders.log", conversation()
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.bot.stores.lock_worker", lock_url, name, "15", str(log)],
            cwd=REPO_ROOT,
        )
        for _ in range(4)
    ]
    assert [worker.wait(120) for worker in workers] == [0, 0, 0, 0]
    lines = log.read_text().split("\n")[:-1]
    assert len(lines) == 4 * 15 * 2
    for enter, leave in zip(lines[::2], lines[1::2], strict=True):
        assert enter.startswith("enter") and leave == enter.replace("enter", "exit")


async def test_when_tickets_are_issued_then_they_are_served_in_that_order(lock_url):
    """Rasa's `test_message_order` shape: later tickets hold the lock for less time."""
    store, name, served = VigieLockStore(url=lock_url), conversation(), []

    async def turn(index: int) -> None:
        await asyncio.sleep(index * 0.05)  # issue in index order
        async with store.lock(name):
            served.append(index)
            await asyncio.sleep((5 - index) * 0.02)

    await asyncio.gather(*(turn(index) for index in range(5)))
    assert served == [0, 1, 2, 3, 4]


async def test_when_a_holder_dies_then_its_ticket_expires_and_the_next_is_served(lock_url):
    store, name = VigieLockStore(url=lock_url, lifetime=0.5), conversation()
    backend = store._backend
    assert backend is not None
    backend.issue(name, time.time() + 0.5)  # a holder that never releases nor renews
    started = time.monotonic()
    async with store.lock(name):
        waited = time.monotonic() - started
    assert 0.3 < waited < 10


async def test_when_a_turn_outlives_the_lifetime_then_the_holder_keeps_the_lock(lock_url):
    store, name, order = VigieLockStore(url=lock_url, lifetime=0.3), conversation(), []

    async def long_turn() -> None:
        async with store.lock(name):
            order.append("long starts")
            await asyncio.sleep(1.0)  # over three lifetimes: renewed meanwhile
            order.append("long ends")

    async def next_turn() -> None:
        await asyncio.sleep(0.1)
        async with store.lock(name):
            order.append("next")

    await asyncio.gather(long_turn(), next_turn())
    assert order == ["long starts", "long ends", "next"]


async def test_when_released_then_nothing_is_left_behind(lock_url):
    store, name = VigieLockStore(url=lock_url), conversation()
    async with store.lock(name):
        pass
    if lock_url.startswith("redis"):
        assert redis.Redis.from_url(lock_url).keys(f"vigie:lock:{name}*") == []
    else:
        engine = sa.create_engine(lock_url)
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT count(*) FROM vigie_lock_tickets WHERE conversation_id = :c"),
                {"c": name},
            )
            assert rows.scalar() == 0
        engine.dispose()


async def test_when_no_url_is_given_then_locks_are_in_memory_and_not_shared():
    store = VigieLockStore(environ={})
    assert not store.shared
    async with store.lock("someone"):
        pass
    assert VigieLockStore(environ={"VIGIE_LOCK_STORE_URL": "redis://127.0.0.1:6379/2"}).shared


def test_when_the_url_is_neither_redis_nor_postgresql_then_a_clear_error():
    with pytest.raises(LockStoreConfigError, match="redis:// or postgresql://"):
        VigieLockStore(url="mysql://host/db")


@pytest.mark.parametrize(
    ("inbox", "tracker", "lock", "refused"),
    [
        ("sqlite:///i.db", "sqlite:///t.db", None, False),  # `make run`: one instance
        ("postgresql://h/db", "sqlite:///t.db", None, True),
        ("sqlite:///i.db", "redis://h:6379/0", None, True),
        ("sqlite:///i.db", "postgresql+psycopg2://h/db", InMemoryLockStore(), True),
        ("redis://h/0", "redis://h/0", "rasa-redis", True),  # Rasa's own: not atomic
        ("redis://h/0", "redis://h/0", "shared", False),
    ],
)
def test_when_stores_are_shared_then_a_shared_lock_store_is_required(inbox, tracker, lock, refused):
    if lock == "shared":
        lock = VigieLockStore(environ={"VIGIE_LOCK_STORE_URL": "redis://127.0.0.1:6379/2"})
    elif lock == "rasa-redis":
        lock = RasasRedisLockStore.__new__(RasasRedisLockStore)
    problem = several_instances_problem(inbox, tracker, lock)
    assert (problem is not None) == refused
    if refused:
        assert "VIGIE_LOCK_STORE_URL" in problem and "VigieLockStore" in problem


def test_when_rasa_run_has_a_shared_inbox_and_no_lock_store_then_start_up_is_refused(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("VIGIE_LOCK_STORE_URL", raising=False)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: bot.stores.tracker_store.VigieTrackerStore\n")
    argv = ["rasa", "run", "--endpoints", str(endpoints)]
    with pytest.raises(LockStoreConfigError, match="refuses to start"):
        require_shared_lock_store("postgresql://h/db", argv)
    endpoints.write_text(
        "lock_store:\n  type: bot.stores.lock_store.VigieLockStore\n"
        "  url: redis://127.0.0.1:6379/2\n"
    )
    require_shared_lock_store("postgresql://h/db", argv)  # accepted
    lock, tracker = endpoints_lock_and_tracker(str(endpoints))
    assert isinstance(lock, VigieLockStore) and lock.shared and tracker is None
    require_shared_lock_store("postgresql://h/db", ["rasa", "run", "actions"])  # not Rasa's


def test_when_rasa_builds_it_from_endpoints_then_url_and_lifetime_are_read():
    config = EndpointConfig(url="redis://127.0.0.1:6379/2", lifetime=7)
    store = VigieLockStore(config)
    assert store.shared and store.lifetime == 7.0
