"""Past appointments are deleted once past plus the grace period, by one sweeper per period
however many action servers share the database (SQLite file and the real PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from actions.booking import store as store_module
from actions.booking.retention import sweep_appointments
from actions.booking.store import AppointmentStore
from core.privacy.registry import URL_VARIABLE as PRIVACY_URL_VARIABLE
from core.privacy.retention import (
    APPOINTMENT_GRACE_DAYS_VARIABLE,
    RetentionConfigError,
    RetentionPolicy,
)
from tests.actions.booking.conftest import NOW
from tests.waiting import eventually

POLICY = RetentionPolicy(appointment_grace_days=30, sweep_seconds=3600)


@pytest.fixture(autouse=True)
def own_privacy_registry(monkeypatch, tmp_path):
    """Each test claims sweep periods in a registry of its own."""
    monkeypatch.setenv(PRIVACY_URL_VARIABLE, f"sqlite:///{tmp_path / 'privacy.db'}")


def book_at(store: AppointmentStore, sender: str, starts_at: dt.datetime) -> int:
    return store.book(sender, "flu_vaccination", "clinic_a", starts_at, "Name", 2).id


def remaining(store: AppointmentStore) -> set[str]:
    with store.engine.connect() as connection:
        return {row[0] for row in connection.execute(sa.select(store.table.c.sender_id))}


def test_when_the_grace_period_is_set_then_it_is_read_and_checked():
    assert RetentionPolicy.from_environ({}).appointment_grace_days == 30
    assert RetentionPolicy.from_environ({APPOINTMENT_GRACE_DAYS_VARIABLE: "7"}) == RetentionPolicy(
        appointment_grace_days=7
    )
    with pytest.raises(RetentionConfigError, match=APPOINTMENT_GRACE_DAYS_VARIABLE):
        RetentionPolicy.from_environ({APPOINTMENT_GRACE_DAYS_VARIABLE: "-1"})


def test_when_instances_sweep_together_then_one_deletes_what_is_past_its_grace(store):
    book_at(store, "long-past", NOW - dt.timedelta(days=31))
    cancelled = book_at(store, "cancelled-long-ago", NOW - dt.timedelta(days=45))
    store.cancel("cancelled-long-ago", cancelled)
    book_at(store, "recent", NOW - dt.timedelta(days=29))
    book_at(store, "upcoming", NOW + dt.timedelta(days=2))
    instances = [AppointmentStore(store.url, store.table_name) for _ in range(4)]

    with ThreadPoolExecutor(len(instances)) as pool:
        results = list(
            pool.map(lambda s: sweep_appointments(s, POLICY, 1_000_000.0, NOW), instances)
        )

    assert sorted(results, key=str) == [2, None, None, None]
    assert remaining(store) == {"recent", "upcoming"}
    # The next period is claimed again; nothing is left to delete.
    assert sweep_appointments(store, POLICY, 1_000_000.0 + 3600, NOW) == 0
    for instance in instances:
        instance.dispose()


async def test_when_the_action_server_opens_its_store_then_the_sweep_runs(monkeypatch, tmp_path):
    from actions.booking import common

    monkeypatch.setenv(store_module.URL_VARIABLE, f"sqlite:///{tmp_path / 'appointments.db'}")
    monkeypatch.setattr(store_module, "_stores", {})
    seeded = AppointmentStore(f"sqlite:///{tmp_path / 'appointments.db'}")
    book_at(seeded, "long-past", common.now() - dt.timedelta(days=31))
    book_at(seeded, "upcoming", common.now() + dt.timedelta(days=1))

    store_module.get_store()  # the first use of the store, as in the first booking action

    async def left() -> set[str]:
        return remaining(seeded)

    assert await eventually(left, lambda senders: "long-past" not in senders) == {"upcoming"}
    seeded.dispose()
