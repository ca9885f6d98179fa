"""The appointment store, on a SQLite file and on the real PostgreSQL: the database, not
Python, keeps two people from holding the same place."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from actions.booking import store as store_module
from actions.booking.store import (
    CANCELLED,
    AppointmentNotFound,
    AppointmentStore,
    SlotTaken,
    get_store,
)
from tests.actions.booking.conftest import NOW

TEN = dt.datetime(2026, 12, 1, 10, 0)
ELEVEN = dt.datetime(2026, 12, 1, 11, 0)


def book(store, sender="alice", starts_at=TEN, places=2, service="flu_vaccination"):
    return store.book(sender, service, "clinic_a", starts_at, f"{sender} name", places)


def test_booking_takes_the_first_free_place_then_refuses_when_full(store):
    first = book(store, "alice")
    second = book(store, "bob")

    assert (first.place, second.place) == (1, 2)
    assert first.status == "booked"
    with pytest.raises(SlotTaken):
        book(store, "carol")
    assert store.booked_counts("clinic_a", "flu_vaccination", TEN, ELEVEN) == {TEN: 2}


def test_other_services_and_times_have_their_own_places(store):
    book(store, "alice", places=1)
    book(store, "bob", places=1, service="blood_test")
    book(store, "carol", places=1, starts_at=ELEVEN)

    counts = store.booked_counts("clinic_a", "flu_vaccination", TEN, ELEVEN + dt.timedelta(1))
    assert counts == {TEN: 1, ELEVEN: 1}


def test_cancel_frees_the_place_and_only_the_owner_can_cancel(store):
    appointment = book(store, "alice", places=1)

    with pytest.raises(AppointmentNotFound):
        store.cancel("mallory", appointment.id)
    cancelled = store.cancel("alice", appointment.id)

    assert cancelled.status == CANCELLED
    assert book(store, "bob", places=1).place == 1
    with pytest.raises(AppointmentNotFound):
        store.cancel("alice", appointment.id)  # already cancelled


def test_list_upcoming_shows_only_the_senders_future_booked_appointments(store):
    past = book(store, "alice", starts_at=dt.datetime(2026, 11, 20, 10, 0))
    later = book(store, "alice", starts_at=ELEVEN)
    sooner = book(store, "alice", starts_at=TEN)
    book(store, "bob", starts_at=TEN)
    cancelled = book(store, "alice", starts_at=dt.datetime(2026, 12, 2, 9, 0))
    store.cancel("alice", cancelled.id)

    upcoming = store.list_upcoming("alice", NOW)

    assert [a.id for a in upcoming] == [sooner.id, later.id]
    assert past.id not in [a.id for a in upcoming]
    assert store.get("alice", sooner.id) == sooner
    assert store.get("bob", sooner.id) is None


def test_reschedule_moves_the_appointment_and_frees_the_old_place(store):
    old = book(store, "alice", places=1)

    moved = store.reschedule("alice", old.id, ELEVEN, places=1)

    assert (moved.starts_at, moved.patient_name, moved.service_id) == (
        ELEVEN,
        "alice name",
        "flu_vaccination",
    )
    assert store.get("alice", old.id) is None
    assert book(store, "bob", places=1).starts_at == TEN


def test_reschedule_to_a_full_slot_changes_nothing(store):
    old = book(store, "alice", places=1)
    book(store, "bob", starts_at=ELEVEN, places=1)

    with pytest.raises(SlotTaken):
        store.reschedule("alice", old.id, ELEVEN, places=1)

    assert store.get("alice", old.id) == old
    assert [a.id for a in store.list_upcoming("alice", NOW)] == [old.id]


def test_reschedule_to_the_same_slot_keeps_a_place(store):
    old = book(store, "alice", places=1)

    moved = store.reschedule("alice", old.id, TEN, places=1)

    assert moved.starts_at == TEN
    assert [a.id for a in store.list_upcoming("alice", NOW)] == [moved.id]


def test_reschedule_of_someone_elses_appointment_is_refused(store):
    old = book(store, "alice", places=1)

    with pytest.raises(AppointmentNotFound):
        store.reschedule("mallory", old.id, ELEVEN, places=1)


def test_erase_sender_deletes_every_row_of_that_sender_only(store):
    kept = book(store, "bob")
    book(store, "alice")
    store.cancel("alice", book(store, "alice", starts_at=ELEVEN).id)

    assert store.erase_sender("alice") == 2
    assert store.erase_sender("alice") == 0
    assert store.list_upcoming("alice", NOW) == []
    assert store.list_upcoming("bob", NOW) == [kept]


def test_two_concurrent_bookings_of_the_last_place_exactly_one_wins(store):
    store.engine  # noqa: B018 - create the table before the race
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def attempt(sender: str) -> None:
        # each thread uses its own engine: two independent connections to the database
        own = AppointmentStore(store.url, table_name=store.table_name)
        barrier.wait()
        try:
            outcomes.append(book(own, sender, places=1))
        except SlotTaken as error:
            outcomes.append(error)
        finally:
            own.dispose()

    for _ in range(5):  # several rounds, new slot each time
        outcomes.clear()
        threads = [threading.Thread(target=attempt, args=(name,)) for name in ("ann", "ben")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(type(o).__name__ for o in outcomes) == ["Appointment", "SlotTaken"]
        store.erase_sender("ann")
        store.erase_sender("ben")


def test_the_database_refuses_a_second_holder_even_without_the_store_logic(store):
    book(store, "alice", places=1)

    with pytest.raises(Exception, match="(?i)unique|duplicate"), store.engine.begin() as conn:
        conn.execute(
            store.table.insert().values(
                sender_id="bob",
                service_id="flu_vaccination",
                site_id="clinic_a",
                starts_at=TEN,
                place=1,
                patient_name="bob",
                status="booked",
            )
        )


def test_the_engine_is_made_on_first_use_in_a_created_folder(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'new' / 'folder' / 'appointments.db'}"
    monkeypatch.setenv("VIGIE_APPOINTMENTS_DB_URL", url)
    monkeypatch.setattr(store_module, "_stores", {})

    made = get_store()

    assert made._engine is None
    assert made.list_upcoming("nobody", NOW) == []
    assert (tmp_path / "new" / "folder" / "appointments.db").exists()
    assert get_store() is made
    made.dispose()
