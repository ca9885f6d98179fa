"""Natural-language dates and times, English and French (now: Thursday 26 Nov 2026, 15:00)."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.booking.dates import AFTERNOON, EVENING, MORNING, WHOLE_DAY, When, parse_when
from tests.actions.booking.conftest import NOW

D = dt.date
T = dt.time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the four phrases of the issue
        ("tomorrow at 10", When(D(2026, 11, 27), T(10, 0))),
        ("next Tuesday afternoon", When(D(2026, 12, 1), window=AFTERNOON)),
        ("lundi prochain à 14h30", When(D(2026, 11, 30), T(14, 30))),
        ("le 3 mars à 9h", When(D(2027, 3, 3), T(9, 0))),
        # relative days
        ("after tomorrow", When(D(2026, 11, 28), window=WHOLE_DAY)),
        ("the day after tomorrow at 11am", When(D(2026, 11, 28), T(11, 0))),
        ("après-demain matin", When(D(2026, 11, 28), window=MORNING)),
        ("apres demain a 9h", When(D(2026, 11, 28), T(9, 0))),
        ("demain à 10h", When(D(2026, 11, 27), T(10, 0))),
        ("in 3 days", When(D(2026, 11, 29), window=WHOLE_DAY)),
        ("dans 2 jours à 16h", When(D(2026, 11, 28), T(16, 0))),
        ("ce soir", When(D(2026, 11, 26), window=EVENING)),
        # weekdays: plain = the coming one (today counts), next/prochain = after today
        ("thursday 4pm", When(D(2026, 11, 26), T(16, 0))),
        ("next thursday 4pm", When(D(2026, 12, 3), T(16, 0))),
        ("vendredi 9h30", When(D(2026, 11, 27), T(9, 30))),
        ("mardi prochain apres-midi", When(D(2026, 12, 1), window=AFTERNOON)),
        ("mardi prochain après-midi", When(D(2026, 12, 1), window=AFTERNOON)),
        # absolute dates, future preferred when no year
        ("1 dec at 10:30", When(D(2026, 12, 1), T(10, 30))),
        ("December 1st, 2026", When(D(2026, 12, 1), window=WHOLE_DAY)),
        ("le 1er décembre à 11h", When(D(2026, 12, 1), T(11, 0))),
        ("le 1er decembre a 11h", When(D(2026, 12, 1), T(11, 0))),
        ("3/12 at 2:30 pm", When(D(2026, 12, 3), T(14, 30))),
        ("march 3rd 2027 at 9am", When(D(2027, 3, 3), T(9, 0))),
        # button payload value
        ("2026-12-01T10:00", When(D(2026, 12, 1), T(10, 0))),
        # bare times: today if still ahead, else tomorrow; "at 3" means 15:00
        ("at 4", When(D(2026, 11, 26), T(16, 0))),
        ("10:00", When(D(2026, 11, 27), T(10, 0))),
        ("midi", When(D(2026, 11, 27), T(12, 0))),
        # what dateparser adds
        ("in 2 weeks", When(D(2026, 12, 10), window=WHOLE_DAY)),
    ],
)
def test_phrases_are_read(text, expected):
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday at 10", When(D(2026, 11, 25), T(10, 0))),
        ("hier à 10h", When(D(2026, 11, 25), T(10, 0))),
        ("today at 9", When(D(2026, 11, 26), T(9, 0))),
        ("1 January 2020", When(D(2020, 1, 1), window=WHOLE_DAY)),
    ],
)
def test_past_dates_are_read_as_past_so_that_validation_can_say_so(text, expected):
    found = parse_when(text, NOW)

    assert found == expected
    assert found.bounds[0] < NOW


def test_a_bare_time_refers_to_the_day_already_asked_for():
    assert parse_when("14h", NOW, default_day=D(2026, 12, 1)) == When(D(2026, 12, 1), T(14, 0))


@pytest.mark.parametrize(
    "text", ["Marie Dupont", "I want a flu jab", "c'est pour 2 personnes", "next week", ""]
)
def test_text_without_a_date_gives_none(text):
    assert parse_when(text, NOW) is None


def test_bounds_cover_the_time_or_the_window():
    assert When(D(2026, 12, 1), T(10, 0)).bounds == (
        dt.datetime(2026, 12, 1, 10, 0),
        dt.datetime(2026, 12, 1, 10, 1),
    )
    assert When(D(2026, 12, 1), window=AFTERNOON).bounds == (
        dt.datetime(2026, 12, 1, 12, 0),
        dt.datetime(2026, 12, 1, 18, 0),
    )
