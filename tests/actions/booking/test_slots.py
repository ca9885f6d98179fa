"""The slot grid, the reasons a time cannot be booked, and the nearest free slots.

Now is Thursday 26 November 2026, 15:00. Clinic A: Mon-Fri 09:00-12:30 and 14:00-18:00
(Wednesday mornings only), Saturday 09:00-12:00, closed on Sunday. Flu vaccination lasts 15
minutes with 2 places; blood tests last 20 minutes with 1 place.
"""

from __future__ import annotations

import datetime as dt

import pytest

from actions.booking import slots
from actions.booking.slots import (
    check_slot,
    free_slots,
    nearest_free,
    next_free,
    slot_starts,
)
from tests.actions.booking.conftest import NOW


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute)


def taken(*starts: dt.datetime, times: int = 1):
    """A BookedCounts function where each start has `times` places taken."""

    def booked(site_id, service_id, start, end):
        return {s: times for s in starts if start <= s < end}

    return booked


def test_slots_start_every_duration_from_each_opening_and_end_inside_it(catalogue):
    site, blood = catalogue.site("clinic_a"), catalogue.service("blood_test")

    starts = slot_starts(site, blood, dt.date(2026, 11, 27))

    assert starts[:3] == [at(27, 9, 0), at(27, 9, 20), at(27, 9, 40)]
    assert at(27, 12, 0) in starts  # 12:00-12:20 fits before 12:30
    assert at(27, 12, 20) not in starts  # would end at 12:40
    assert starts[starts.index(at(27, 12, 0)) + 1] == at(27, 14, 0)
    assert starts[-1] == at(27, 17, 40)


@pytest.mark.parametrize(
    ("service", "site", "start", "reason"),
    [
        ("flu_vaccination", "clinic_a", at(27, 10, 0), None),
        ("flu_vaccination", "clinic_a", at(26, 14, 0), slots.PAST),
        ("flu_vaccination", "clinic_a", at(26, 15, 0), slots.PAST),  # now is not bookable
        ("flu_vaccination", "clinic_a", at(29, 10, 0), slots.CLOSED_DAY),  # Sunday
        ("flu_vaccination", "pharmacy_b", at(30, 10, 0), slots.CLOSED_DAY),  # Monday
        ("flu_vaccination", "clinic_a", at(27, 8, 0), slots.OUTSIDE_HOURS),
        ("flu_vaccination", "clinic_a", at(27, 18, 0), slots.OUTSIDE_HOURS),
        ("flu_vaccination", "clinic_a", at(2, 15, 0, month=12), slots.OUTSIDE_HOURS),  # Wed pm
        ("flu_vaccination", "clinic_a", at(27, 12, 30), slots.LUNCH_BREAK),
        ("flu_vaccination", "clinic_a", at(27, 13, 15), slots.LUNCH_BREAK),
        ("flu_vaccination", "clinic_a", at(27, 10, 5), slots.NOT_A_START),
        ("blood_test", "clinic_a", at(27, 12, 20), slots.NOT_A_START),  # would overrun lunch
        ("blood_test", "pharmacy_b", at(27, 10, 0), slots.NOT_OFFERED),
        ("x_ray", "clinic_a", at(27, 10, 0), slots.UNKNOWN_SERVICE),
        ("flu_vaccination", "nowhere", at(27, 10, 0), slots.UNKNOWN_SITE),
    ],
)
def test_check_slot_says_why(catalogue, service, site, start, reason):
    assert check_slot(catalogue, service, site, start, NOW) == reason


def test_a_slot_is_full_when_every_place_is_taken(catalogue):
    start = at(27, 10, 0)

    assert check_slot(catalogue, "flu_vaccination", "clinic_a", start, NOW, taken(start)) is None
    assert (
        check_slot(catalogue, "flu_vaccination", "clinic_a", start, NOW, taken(start, times=2))
        == slots.FULL
    )
    assert check_slot(catalogue, "blood_test", "clinic_a", start, NOW, taken(start)) == slots.FULL


def test_nearest_free_slots_surround_the_time_asked_for(catalogue):
    full = at(27, 10, 0)

    found = nearest_free(catalogue, "blood_test", "clinic_a", full, NOW, taken(full), limit=3)

    # 09:40 and 10:20 are 20 minutes away; 09:20 and 10:40 tie at 40: the earlier wins
    assert found == [at(27, 9, 20), at(27, 9, 40), at(27, 10, 20)]


def test_nearest_free_slots_on_a_closed_day_are_on_the_days_around(catalogue):
    found = nearest_free(catalogue, "flu_vaccination", "clinic_a", at(29, 10, 0), NOW, limit=2)

    assert found == [at(28, 11, 30), at(28, 11, 45)]  # Saturday's last slots


def test_nearest_free_slots_are_never_in_the_past(catalogue):
    found = nearest_free(catalogue, "flu_vaccination", "clinic_a", at(26, 9, 0), NOW, limit=3)

    assert found == [at(26, 15, 15), at(26, 15, 30), at(26, 15, 45)]


def test_free_slots_of_a_window_skip_the_full_ones(catalogue):
    afternoon = (at(1, 12, month=12), at(1, 18, month=12))

    found = free_slots(
        catalogue, "blood_test", "clinic_a", *afternoon, NOW, taken(at(1, 14, month=12)), limit=3
    )

    # the afternoon starts at noon: 12:00-12:20 still fits before the lunch break
    assert found == [at(1, 12, month=12), at(1, 14, 20, month=12), at(1, 14, 40, month=12)]


def test_next_free_starts_after_now_and_skips_lunch_and_closed_days(catalogue):
    found = next_free(catalogue, "flu_vaccination", "pharmacy_b", at(28, 18, 30), limit=4)

    # Saturday 18:30: 18:45 is the last slot; Sunday and Monday are closed
    assert found == [
        at(28, 18, 45),
        at(1, 9, month=12),
        at(1, 9, 15, month=12),
        at(1, 9, 30, month=12),
    ]


def test_no_slots_for_a_service_the_site_does_not_offer(catalogue):
    assert nearest_free(catalogue, "blood_test", "pharmacy_b", at(27, 10), NOW) == []
    assert next_free(catalogue, "blood_test", "pharmacy_b", NOW) == []
