"""Dates and times in natural language, English and French: "tomorrow at 10", "next Tuesday
afternoon", "lundi prochain à 14h30", "le 3 mars à 9h".

The common chat forms are read here with small rules, because dateparser 1.2.0 gets them
wrong or not at all ("next tuesday", "lundi prochain" and "le 3 mars à 9h" give nothing;
"tomorrow at 10" gives tomorrow at the current time). What the rules do not recognise and that
contains a digit ("in 2 weeks", "December 1st 2026") goes to dateparser, with the dates
preferred in the future and "now" as the relative base. "Now" is always passed in (the local
time of the sites), so tests choose it.

The answer is a `When`: a day, and either an exact time or a window of the day ("afternoon"
is 12:00 to 18:00; a day with no time is the whole day). Whether that is bookable (in the
future, open, free) is `slots.py`'s business.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateparser.date import DateDataParser

from actions.booking.catalogue import normalise

MORNING = (dt.time(0, 0), dt.time(12, 0))
AFTERNOON = (dt.time(12, 0), dt.time(18, 0))
EVENING = (dt.time(17, 0), dt.time(23, 59))
WHOLE_DAY = (dt.time(0, 0), dt.time(23, 59))

_PARTS = [
    (r"apres[- ]midi|aprem|afternoon", AFTERNOON),
    (r"matinee|matin|morning", MORNING),
    (r"soiree|soir|evening|tonight", EVENING),
]

_WEEKDAYS = {
    **dict.fromkeys(["monday", "mon", "lundi"], 0),
    **dict.fromkeys(["tuesday", "tue", "tues", "mardi"], 1),
    **dict.fromkeys(["wednesday", "wed", "mercredi"], 2),
    **dict.fromkeys(["thursday", "thu", "thur", "thurs", "jeudi"], 3),
    **dict.fromkeys(["friday", "fri", "vendredi"], 4),
    **dict.fromkeys(["saturday", "sat", "samedi"], 5),
    **dict.fromkeys(["sunday", "sun", "dimanche"], 6),
}
_MONTHS = {
    **dict.fromkeys(["january", "jan", "janvier", "janv"], 1),
    **dict.fromkeys(["february", "feb", "fevrier", "fevr", "fev"], 2),
    **dict.fromkeys(["march", "mar", "mars"], 3),
    **dict.fromkeys(["april", "apr", "avril", "avr"], 4),
    **dict.fromkeys(["may", "mai"], 5),
    **dict.fromkeys(["june", "jun", "juin"], 6),
    **dict.fromkeys(["july", "jul", "juillet", "juil"], 7),
    **dict.fromkeys(["august", "aug", "aout"], 8),
    **dict.fromkeys(["september", "sep", "sept", "septembre"], 9),
    **dict.fromkeys(["october", "oct", "octobre"], 10),
    **dict.fromkeys(["november", "nov", "novembre"], 11),
    **dict.fromkeys(["december", "dec", "decembre"], 12),
}


def _alternatives(words) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_WEEKDAY = _alternatives(_WEEKDAYS)
_MONTH = _alternatives(_MONTHS)

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2}))?\b")
_TIMES = [
    # 14h30, 9h, 9 h 30 (French)
    re.compile(r"\b(?P<h>\d{1,2})\s?h\s?(?P<m>[0-5]\d)?\b"),
    # 14:30, 9.30, 2:30 pm
    re.compile(r"\b(?P<h>\d{1,2})[:.](?P<m>[0-5]\d)\s?(?P<ampm>am|pm)?\b"),
    # 10am, 3 pm
    re.compile(r"\b(?P<h>\d{1,2})\s?(?P<ampm>am|pm)\b"),
    # at 10, a 10 (à 10), vers 10, around 10
    re.compile(
        r"\b(?:at|a|vers|around)\s+(?P<h>\d{1,2})\b"
        rf"(?!\s*(?:st|nd|rd|th|er|/|days?|jours?|weeks?|semaines?|{_MONTH})\b)"
    ),
]
_NOON = re.compile(r"(?<!apres-)(?<!apres )\b(?:noon|midday|midi)\b")  # not "après-midi"
_RELATIVE_DAYS = [
    (re.compile(r"\b(?:the )?day before yesterday\b|\bavant[- ]hier\b"), -2),
    (re.compile(r"\b(?:the )?(?:day )?after tomorrow\b|\bapres[- ]demain\b"), 2),
    (re.compile(r"\b(?:tomorrow|tmrw|tmr|demain)\b"), 1),
    (re.compile(r"\b(?:today|tonight|aujourd hui|aujourdhui|ce soir|ce matin)\b"), 0),
    (re.compile(r"\b(?:yesterday|hier)\b"), -1),
]
_IN_DAYS = re.compile(r"\b(?:in|dans)\s+(\d{1,2})\s+(?:days?|jours?)\b")
_NEXT_WEEKDAY = re.compile(
    rf"\b(?:next|prochain|coming)\s+({_WEEKDAY})\b|\b({_WEEKDAY})\s+(?:prochain|next)\b"
)
_WEEKDAY_ALONE = re.compile(rf"\b({_WEEKDAY})\b")
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er)?\s+(?:of\s+)?({_MONTH})\b\.?(?:\s+(\d{{4}}))?"
)
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?\b")


@dataclass(frozen=True)
class When:
    """What the user asked for: a day with an exact time, or a window of a day."""

    day: dt.date
    time: dt.time | None = None
    window: tuple[dt.time, dt.time] | None = None

    @property
    def exact(self) -> dt.datetime | None:
        return dt.datetime.combine(self.day, self.time) if self.time else None

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period asked for: one minute for an exact time, else the window."""
        if self.time:
            start = dt.datetime.combine(self.day, self.time)
            return start, start + dt.timedelta(minutes=1)
        opens, closes = self.window or WHOLE_DAY
        return dt.datetime.combine(self.day, opens), dt.datetime.combine(self.day, closes)


def _hour(hour: int, minute: int, ampm: str | None, clock_24h: bool) -> dt.time | None:
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    elif ampm is None and not clock_24h and 1 <= hour <= 7:
        hour += 12  # "at 3" or "3:30" at a clinic means the afternoon; "7h30" does not
    if hour > 23:
        return None
    return dt.time(hour, minute)


def _take_time(text: str) -> tuple[dt.time | None, str]:
    for number, pattern in enumerate(_TIMES):
        match = pattern.search(text)
        if match:
            groups = match.groupdict()
            hour, minute = int(groups["h"]), int(groups.get("m") or 0)
            found = _hour(hour, minute, groups.get("ampm"), clock_24h=number == 0)
            if found is not None:
                return found, text[: match.start()] + " " + text[match.end() :]
    match = _NOON.search(text)
    if match:
        return dt.time(12, 0), text[: match.start()] + " " + text[match.end() :]
    return None, text


def _take_window(text: str) -> tuple[dt.time, dt.time] | None:
    for pattern, window in _PARTS:
        if re.search(rf"\b(?:{pattern})\b", text):
            return window
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _future_date(today: dt.date, month: int, day: int, year: str | None) -> dt.date | None:
    if year:
        number = int(year)
        return _date(number + 2000 if number < 100 else number, month, day)
    found = _date(today.year, month, day)
    if found and found < today:
        found = _date(today.year + 1, month, day)
    return found


def _take_day(text: str, today: dt.date) -> dt.date | None:
    for pattern, offset in _RELATIVE_DAYS:
        if pattern.search(text):
            return today + dt.timedelta(days=offset)
    match = _IN_DAYS.search(text)
    if match:
        return today + dt.timedelta(days=int(match.group(1)))
    match = _DAY_MONTH.search(text)
    if match:
        return _future_date(today, _MONTHS[match.group(2)], int(match.group(1)), match.group(3))
    match = _MONTH_DAY.search(text)
    if match:
        return _future_date(today, _MONTHS[match.group(1)], int(match.group(2)), match.group(3))
    match = _NUMERIC.search(text)
    if match:
        return _future_date(today, int(match.group(2)), int(match.group(1)), match.group(3))
    match = _NEXT_WEEKDAY.search(text)
    if match:
        weekday = _WEEKDAYS[match.group(1) or match.group(2)]
        return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    match = _WEEKDAY_ALONE.search(text)
    if match:
        weekday = _WEEKDAYS[match.group(1)]
        return today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    return None


def _dateparser(text: str, now: dt.datetime) -> tuple[dt.date, dt.time | None] | None:
    parser = DateDataParser(
        languages=["en", "fr"],
        settings={
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": now,
            "RETURN_TIME_AS_PERIOD": True,
            "DATE_ORDER": "DMY",
        },
    )
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    found = data.date_obj.replace(tzinfo=None)
    return found.date(), (
        found.time().replace(second=0, microsecond=0) if data.period == "time" else None
    )


def parse_when(text: str, now: dt.datetime, default_day: dt.date | None = None) -> When | None:
    """Read a date and time from `text`, or None when it names none.

    Args:
        text: the user's message, in English or French, accents or not.
        now: the current local time of the sites (naive).
        default_day: the day a bare time ("at 10") refers to, e.g. the day asked for just
            before; without it a bare time is today if still ahead, else tomorrow.
    """
    plain = normalise(text)
    iso = _ISO.search(plain)
    if iso:
        year, month, day, hour, minute = iso.groups()
        found = _date(int(year), int(month), int(day))
        if found is None:
            return None
        if hour is None:
            return When(found, window=WHOLE_DAY)
        if int(hour) > 23:
            return None
        return When(found, dt.time(int(hour), int(minute)))

    time, rest = _take_time(plain)
    window = _take_window(rest)
    day = _take_day(rest, now.date())
    if day is None and time is None and window is None:
        if not re.search(r"\d", plain):
            return None
        parsed = _dateparser(text, now)
        if parsed is None:
            return None
        day, time = parsed
    if day is None:
        # a bare time or part of the day: the day asked for before, else the next one ahead
        latest = time or (window or WHOLE_DAY)[1]
        today = now.date()
        ahead = today if dt.datetime.combine(today, latest) > now else today + dt.timedelta(1)
        day = default_day or ahead
    if time is not None:
        return When(day, time)
    return When(day, window=window or WHOLE_DAY)
