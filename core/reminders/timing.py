"""When reminders are due: lead times, quiet hours and the sweep, read from the environment.

Every setting is an environment variable listed in `.env.example`, so that a deployment (or a
test) can make a reminder due at once:

- `VIGIE_REMINDER_LEAD_MINUTES`: minutes before the appointment, comma-separated for several
  reminders (default `1440`, 24 hours; `1440,120` adds one 2 hours before).
- `VIGIE_REMINDER_QUIET_HOURS`: local times `HH:MM-HH:MM` in the catalogue's time zone when no
  reminder is sent (default `21:00-08:00`; `off` for none). A reminder that would fall there is
  moved earlier, to the last minute before they start, never later.
- `VIGIE_REMINDER_SWEEP_SECONDS`: how often each instance looks for due reminders (default 60).
- `VIGIE_REMINDER_BATCH`: at most this many reminders per sweep (default 20), so that catching
  up after a downtime does not flood the number.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

LEAD_VARIABLE = "VIGIE_REMINDER_LEAD_MINUTES"
QUIET_VARIABLE = "VIGIE_REMINDER_QUIET_HOURS"
SWEEP_VARIABLE = "VIGIE_REMINDER_SWEEP_SECONDS"
BATCH_VARIABLE = "VIGIE_REMINDER_BATCH"
DEFAULT_LEADS = "1440"
DEFAULT_QUIET = "21:00-08:00"
DEFAULT_SWEEP_SECONDS = 60.0
DEFAULT_BATCH = 20
OFF = ("", "off", "none")


class ReminderSettingsError(ValueError):
    """A reminder setting of the environment cannot be read; the message names the variable."""


@dataclass(frozen=True)
class QuietHours:
    """Local times when no reminder goes out; `start > end` wraps over midnight."""

    start: dt.time
    end: dt.time

    @classmethod
    def parse(cls, text: str) -> QuietHours | None:
        """`"21:00-08:00"` (None for `off` or empty)."""
        if text.strip().lower() in OFF:
            return None
        try:
            start, end = (dt.time.fromisoformat(part.strip()) for part in text.split("-"))
        except ValueError:
            raise ReminderSettingsError(
                f"{QUIET_VARIABLE}={text!r}: write two local times HH:MM-HH:MM, or 'off'"
            ) from None
        if start == end:
            raise ReminderSettingsError(f"{QUIET_VARIABLE}={text!r}: start and end are equal")
        return cls(start, end)

    def contains(self, moment: dt.time) -> bool:
        """Whether a local time is quiet (the start included, the end excluded)."""
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def last_minute_before(self, local: dt.datetime) -> dt.datetime:
        """The last minute before the quiet period that contains `local`."""
        start = local.replace(hour=self.start.hour, minute=self.start.minute, second=0)
        if start > local:  # after midnight: the quiet period began the evening before
            start -= dt.timedelta(days=1)
        return start - dt.timedelta(minutes=1)


@dataclass(frozen=True)
class ReminderSettings:
    leads: tuple[dt.timedelta, ...]
    quiet: QuietHours | None
    sweep_seconds: float
    batch: int

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> ReminderSettings:
        environ = os.environ if environ is None else environ
        leads_text = environ.get(LEAD_VARIABLE, "").strip() or DEFAULT_LEADS
        try:
            minutes = sorted({int(part) for part in leads_text.split(",") if part.strip()})
        except ValueError:
            raise ReminderSettingsError(
                f"{LEAD_VARIABLE}={leads_text!r}: write minutes, comma-separated (e.g. 1440,120)"
            ) from None
        if not minutes or min(minutes) <= 0:
            raise ReminderSettingsError(f"{LEAD_VARIABLE}={leads_text!r}: minutes must be > 0")
        quiet = QuietHours.parse(environ.get(QUIET_VARIABLE, DEFAULT_QUIET))
        return cls(
            leads=tuple(dt.timedelta(minutes=m) for m in reversed(minutes)),
            quiet=quiet,
            sweep_seconds=_positive(environ, SWEEP_VARIABLE, DEFAULT_SWEEP_SECONDS),
            batch=int(_positive(environ, BATCH_VARIABLE, DEFAULT_BATCH)),
        )


def _positive(environ: Mapping[str, str], variable: str, default: float) -> float:
    raw = environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ReminderSettingsError(f"{variable}={raw!r}: not a number") from None
    if value <= 0:
        raise ReminderSettingsError(f"{variable}={raw!r}: must be positive")
    return value


def due_time(
    starts_at: dt.datetime, lead: dt.timedelta, quiet: QuietHours | None, time_zone: str
) -> float:
    """When a reminder is due (Unix seconds) for an appointment at local time `starts_at`.

    `lead` before the appointment; when that falls in the quiet hours, the last minute before
    they start: earlier, never later, so the reminder still comes before the appointment.
    """
    local = starts_at.replace(tzinfo=None) - lead
    if quiet is not None and quiet.contains(local.time()):
        local = quiet.last_minute_before(local)
    return local.replace(tzinfo=ZoneInfo(time_zone)).timestamp()


def is_quiet(now: float, quiet: QuietHours | None, time_zone: str) -> bool:
    """Whether `now` (Unix seconds) is within the quiet hours of `time_zone`."""
    if quiet is None:
        return False
    return quiet.contains(dt.datetime.fromtimestamp(now, ZoneInfo(time_zone)).time())
