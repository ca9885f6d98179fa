"""The reminders table on SQLite and the real PostgreSQL: idempotent scheduling, one claim per
reminder however many sweepers race, take-over after a lease, removal on cancel and opt-out."""

from __future__ import annotations

import threading
import uuid

import pytest
import sqlalchemy as sa

from core.reminders.store import CLAIMED, DROPPED, PENDING, SENT, NewReminder, ReminderStore
from tests.services import require_postgres

NOW = 1_800_000_000.0
HOUR = 3600.0


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        made = ReminderStore(f"sqlite:///{tmp_path / 'reminders.db'}")
    else:
        made = ReminderStore(require_postgres())
        made.drop_all()
    yield made
    if request.param == "postgres":
        made.drop_all()
    made.dispose()


def schedule(store, appointment_id=1, user="u1", leads=((1440, NOW - 1), (120, NOW + HOUR))):
    wanted = [NewReminder(lead, due, {"text": "x"}) for lead, due in leads]
    return store.schedule(user, appointment_id, NOW + 3 * HOUR, "Europe/Paris", "fr", wanted)


def test_when_the_same_appointment_is_scheduled_twice_then_one_row_per_lead(store):
    assert schedule(store) == 2
    assert schedule(store) == 0  # a retried action: the unique constraint keeps one

    assert [r.lead_minutes for r in store.of_user("u1")] == [1440, 120]


def test_when_due_then_claimed_once_and_not_again(store):
    schedule(store)

    [claimed] = store.claim_due("a", NOW, lease=300, limit=10)
    assert (claimed.lead_minutes, claimed.status, claimed.language) == (1440, CLAIMED, "fr")
    assert store.claim_due("b", NOW, lease=300, limit=10) == []
    assert store.finish(claimed, "a", SENT, "template")
    assert store.claim_due("b", NOW + 600, lease=300, limit=10) == []


def test_when_an_instance_died_with_a_claim_then_another_takes_it_after_the_lease(store):
    schedule(store)
    [claimed] = store.claim_due("dead", NOW, lease=300, limit=10)

    assert store.claim_due("b", NOW + 100, lease=300, limit=10) == []
    [taken] = store.claim_due("b", NOW + 301, lease=300, limit=10)
    assert taken.id == claimed.id
    assert not store.finish(claimed, "dead", SENT, "late")  # no longer the dead one's


def test_when_released_then_claimable_again(store):
    schedule(store)
    [claimed] = store.claim_due("a", NOW, lease=300, limit=10)

    store.release(claimed, "a")

    assert [r.status for r in store.of_user("u1")] == [PENDING, PENDING]
    assert len(store.claim_due("b", NOW, lease=300, limit=10)) == 1


def test_when_many_are_due_then_a_sweep_takes_at_most_its_batch(store):
    for appointment in range(1, 8):
        schedule(store, appointment, leads=((1440, NOW - appointment),))

    first = store.claim_due("a", NOW, lease=300, limit=3)

    assert [r.appointment_id for r in first] == [7, 6, 5]  # the most overdue first


def test_when_a_closer_reminder_is_also_due_then_the_earlier_one_is_superseded(store):
    schedule(store, leads=((1440, NOW - 10 * HOUR), (120, NOW - 1)))
    early, late = store.of_user("u1")

    assert store.later_one_due(early, NOW)
    assert not store.later_one_due(late, NOW)


def test_when_cancelled_or_erased_then_the_rows_are_gone(store):
    schedule(store, 1, "u1")
    schedule(store, 2, "u1")
    schedule(store, 3, "u2")

    assert store.cancel_appointment(1) == 2
    assert {r.appointment_id for r in store.of_user("u1")} == {2}
    assert store.erase_user("u1") == 2
    assert store.of_user("u1") == [] and len(store.of_user("u2")) == 2


def test_has_upcoming_is_the_evidence_of_a_booking(store):
    schedule(store, 1, "u1")

    assert store.has_upcoming("u1", NOW) and not store.has_upcoming("u2", NOW)
    assert not store.has_upcoming("u1", NOW + 4 * HOUR)


def test_when_appointments_are_long_past_then_purged(store):
    schedule(store)

    assert store.purge(NOW + 3 * HOUR + 25 * HOUR) == 2
    assert store.of_user("u1") == []


def test_finish_records_a_dropped_reason(store):
    schedule(store)
    [claimed] = store.claim_due("a", NOW, lease=300, limit=10)

    store.finish(claimed, "a", DROPPED, "too_late")

    with store.engine.connect() as connection:
        row = connection.execute(
            sa.text("SELECT status, reason FROM vigie_reminders WHERE id = :id"), {"id": claimed.id}
        ).first()
    assert tuple(row) == (DROPPED, "too_late")


@pytest.mark.postgres
def test_when_eight_sweepers_race_on_postgresql_then_each_reminder_is_claimed_once():
    url = require_postgres()
    setup = ReminderStore(url)
    setup.drop_all()
    for appointment in range(1, 41):
        schedule(setup, appointment, f"user-{uuid.uuid4().hex[:6]}", leads=((1440, NOW - 1),))
    claims: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def sweeper(name: str) -> None:
        own = ReminderStore(url)  # its own engine and connections, as another instance has
        start.wait()
        got = own.claim_due(name, NOW, lease=300, limit=40)
        with lock:
            claims.extend(r.id for r in got)
        own.dispose()

    threads = [threading.Thread(target=sweeper, args=(f"s{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(claims) == 40 and len(set(claims)) == 40
    setup.drop_all()
    setup.dispose()
