"""The few texts that are built in code, in English and French: dates, opening hours and the
lines of an appointment list. Every sentence around them is a response in domain.yml, filled
with these values, so that conversation designers edit the wording there."""

from __future__ import annotations

import datetime as dt

from actions.booking.catalogue import Catalogue, Site
from actions.booking.store import Appointment
from guards import limits

DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
MONTHS = {
    "en": "January February March April May June July August September October November "
    "December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre "
    "décembre".split(),
}
SHORT_DAYS = {
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
}
SHORT_MONTHS = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split(),
}
PARTS = {
    "en": {(0, 12): "morning", (12, 18): "afternoon", (17, 23): "evening"},
    "fr": {(0, 12): "matin", (12, 18): "après-midi", (17, 23): "soir"},
}


def _lang(language: str) -> str:
    return language if language in DAYS else "en"


def day_name(day: dt.date, language: str) -> str:
    return DAYS[_lang(language)][day.weekday()]


def long_date(day: dt.date, language: str) -> str:
    """'Tuesday 1 December 2026' / 'mardi 1 décembre 2026'."""
    lang = _lang(language)
    return f"{DAYS[lang][day.weekday()]} {day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def long_when(moment: dt.datetime, language: str) -> str:
    """'Tuesday 1 December 2026 at 10:00' / 'mardi 1 décembre 2026 à 10:00'."""
    joiner = "à" if _lang(language) == "fr" else "at"
    return f"{long_date(moment.date(), language)} {joiner} {moment:%H:%M}"


def short_when(moment: dt.datetime, language: str) -> str:
    """A button title: 'Tue 1 Dec 10:00' / 'mar. 1 déc. 10:00' (at most 17 characters)."""
    lang = _lang(language)
    return (
        f"{SHORT_DAYS[lang][moment.weekday()]} {moment.day} "
        f"{SHORT_MONTHS[lang][moment.month - 1]} {moment:%H:%M}"
    )


def period(day: dt.date, window: tuple[dt.time, dt.time] | None, language: str) -> str:
    """'on Tuesday 1 December 2026 (afternoon)' / 'le mardi 1 décembre 2026 (après-midi)'."""
    lang = _lang(language)
    text = ("le " if lang == "fr" else "on ") + long_date(day, lang)
    if window:
        part = PARTS[lang].get((window[0].hour, window[1].hour))
        if part:
            text += f" ({part})"
    return text


def opening_hours(site: Site, day: dt.date, language: str) -> str:
    """'09:00-12:30 and 14:00-18:00' / 'de 09:00 à 12:30 et de 14:00 à 18:00'."""
    ranges = site.ranges(day)
    if _lang(language) == "fr":
        return " et ".join(f"de {a:%H:%M} à {b:%H:%M}" for a, b in ranges)
    return " and ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in ranges)


def appointment_line(appointment: Appointment, catalogue: Catalogue, language: str) -> str:
    """'Flu vaccination, Market Pharmacy, Tuesday 1 December 2026 at 10:00 (Marie Dupont)'."""
    service = catalogue.service(appointment.service_id)
    site = catalogue.site(appointment.site_id)
    return (
        ", ".join(
            [
                service.name(language) if service else appointment.service_id,
                site.name(language) if site else appointment.site_id,
                long_when(appointment.starts_at, language),
            ]
        )
        + f" ({appointment.patient_name})"
    )


def numbered(lines: list[str]) -> str:
    return "\n".join(f"{number}. {line}" for number, line in enumerate(lines, start=1))


def fit_title(title: str, button_count: int) -> str:
    """Cut a button title to WhatsApp's limit for `button_count` buttons (`guards.limits`):
    reply buttons up to 3, list rows beyond."""
    limit = limits.option_title_limit(button_count)
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def buttons(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Rasa buttons from (title, payload) pairs, at most a list's rows, titles cut to fit."""
    pairs = pairs[: limits.LIST_ROWS]
    return [{"title": fit_title(t, len(pairs)), "payload": p} for t, p in pairs]
