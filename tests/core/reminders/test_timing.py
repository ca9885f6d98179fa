"""Lead times, quiet hours and settings of reminders (Europe/Paris, the sample catalogue's)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from core.reminders.timing import (
    QuietHours,
    ReminderSettings,
    ReminderSettingsError,
    due_time,
    is_quiet,
)

PARIS = "Europe/Paris"
QUIET = QuietHours(dt.time(21), dt.time(8))
DAY = dt.timedelta(days=1)


def local(moment: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(moment, ZoneInfo(PARIS)).replace(tzinfo=None)


def test_when_nothing_is_set_then_24_hours_ahead_quiet_21_to_8_every_minute():
    settings = ReminderSettings.from_environment({})

    assert settings.leads == (DAY,)
    assert settings.quiet == QUIET
    assert settings.sweep_seconds == 60 and settings.batch == 20


def test_when_two_leads_are_set_then_both_longest_first():
    settings = ReminderSettings.from_environment(
        {"VIGIE_REMINDER_LEAD_MINUTES": "120, 1440", "VIGIE_REMINDER_QUIET_HOURS": "off"}
    )

    assert settings.leads == (DAY, dt.timedelta(hours=2)) and settings.quiet is None


@pytest.mark.parametrize(
    "variable, value",
    [
        ("VIGIE_REMINDER_LEAD_MINUTES", "a day"),
        ("VIGIE_REMINDER_LEAD_MINUTES", "0"),
        ("VIGIE_REMINDER_QUIET_HOURS", "21h-8h"),
        ("VIGIE_REMINDER_SWEEP_SECONDS", "-1"),
    ],
)
def test_when_a_setting_is_wrong_then_the_error_names_the_variable(variable, value):
    with pytest.raises(ReminderSettingsError, match=variable):
        ReminderSettings.from_environment({variable: value})


def test_when_the_lead_time_is_outside_quiet_hours_then_it_is_kept():
    due = due_time(dt.datetime(2026, 12, 2, 10, 0), DAY, QUIET, PARIS)

    assert local(due) == dt.datetime(2026, 12, 1, 10, 0)


@pytest.mark.parametrize(
    "starts_at, lead, expected",
    [
        # 2 hours before 09:00 is 07:00, quiet: the evening before, just before 21:00.
        (dt.datetime(2026, 12, 2, 9, 0), dt.timedelta(hours=2), dt.datetime(2026, 12, 1, 20, 59)),
        # 24 hours before 22:30 is 22:30 the day before, quiet: 20:59 that day.
        (dt.datetime(2026, 12, 2, 22, 30), DAY, dt.datetime(2026, 12, 1, 20, 59)),
    ],
)
def test_when_the_lead_time_falls_in_quiet_hours_then_earlier_never_later(
    starts_at, lead, expected
):
    due = due_time(starts_at, lead, QUIET, PARIS)

    assert local(due) == expected
    assert local(due) < starts_at


def test_when_quiet_hours_do_not_wrap_midnight_then_they_still_apply():
    lunch = QuietHours(dt.time(12), dt.time(14))

    assert lunch.contains(dt.time(13)) and not lunch.contains(dt.time(14))
    due = due_time(dt.datetime(2026, 12, 2, 15, 0), dt.timedelta(hours=2), lunch, PARIS)
    assert local(due) == dt.datetime(2026, 12, 2, 11, 59)


def test_when_summer_time_then_the_local_clock_decides():
    due = due_time(dt.datetime(2026, 7, 2, 10, 0), DAY, QUIET, PARIS)

    assert local(due) == dt.datetime(2026, 7, 1, 10, 0)
    assert dt.datetime.fromtimestamp(due, dt.timezone.utc).hour == 8  # UTC+2 in July


def test_is_quiet_reads_the_clock_of_the_time_zone():
    late = dt.datetime(2026, 12, 1, 22, 0, tzinfo=ZoneInfo(PARIS)).timestamp()
    noon = dt.datetime(2026, 12, 1, 12, 0, tzinfo=ZoneInfo(PARIS)).timestamp()

    assert is_quiet(late, QUIET, PARIS) and not is_quiet(noon, QUIET, PARIS)
    assert not is_quiet(late, None, PARIS)
