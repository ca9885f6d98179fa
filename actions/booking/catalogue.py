"""The booking catalogue: sites, their opening hours and the services they offer.

Loaded from a YAML file that a deployer edits (`data/catalogue.yml`, or the file named by
`VIGIE_CATALOGUE_PATH`) on first use, validated with messages that name the faulty entry, then
cached. No Rasa import: the form, the slot grid and the tests all use it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from guards import limits
from guards.text import normalise as fold_accents

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = ROOT / "data" / "catalogue.yml"
PATH_VARIABLE = "VIGIE_CATALOGUE_PATH"
LANGUAGES = ("en", "fr")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SITE_KINDS = ("clinic", "pharmacy")
SERVICE_NAME_MAX = limits.ROW_TITLE  # services are offered as a list
SITE_NAME_MAX = limits.BUTTON_TITLE  # sites may be offered as reply buttons
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class CatalogueError(ValueError):
    """The catalogue file is missing or wrong; the message says where."""


def normalise(text: str) -> str:
    """Lower-case, strip accents (`guards.text.normalise`), turn punctuation into spaces and
    squeeze blanks."""
    plain = fold_accents(text)
    plain = re.sub(r"[’'`]", " ", plain)
    plain = re.sub(r"[^\w:/-]+|_", " ", plain)
    return " ".join(plain.split())


@dataclass(frozen=True)
class Service:
    id: str
    names: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    duration: dt.timedelta
    bring: dict[str, str]

    def name(self, language: str) -> str:
        return self.names.get(language, self.names["en"])


@dataclass(frozen=True)
class Site:
    id: str
    kind: str
    names: dict[str, str]
    aliases: tuple[str, ...]
    address: str
    hours: dict[int, tuple[tuple[dt.time, dt.time], ...]]  # weekday (0 = Monday) -> ranges
    places: dict[str, int]  # service id -> parallel places

    def name(self, language: str) -> str:
        return self.names.get(language, self.names["en"])

    def offers(self, service_id: str) -> bool:
        return service_id in self.places

    def ranges(self, day: dt.date) -> tuple[tuple[dt.time, dt.time], ...]:
        return self.hours[day.weekday()]


@dataclass(frozen=True)
class Catalogue:
    timezone: ZoneInfo
    services: dict[str, Service]
    sites: dict[str, Site]
    _service_aliases: list[tuple[str, str]] = field(default_factory=list, repr=False)
    _site_aliases: list[tuple[str, str]] = field(default_factory=list, repr=False)

    def service(self, service_id: str | None) -> Service | None:
        return self.services.get(service_id or "")

    def site(self, site_id: str | None) -> Site | None:
        return self.sites.get(site_id or "")

    def sites_offering(self, service_id: str | None) -> list[Site]:
        """Sites offering the service, in catalogue order; every site when it is None."""
        return [s for s in self.sites.values() if service_id is None or s.offers(service_id)]

    def services_at(self, site_id: str | None) -> list[Service]:
        """Services offered at the site, in catalogue order; every service when it is None."""
        site = self.site(site_id)
        return [s for s in self.services.values() if site is None or site.offers(s.id)]

    def match_service(self, text: str) -> str | None:
        """The service id whose longest alias (or name or id) appears in `text`, or None."""
        return _longest_match(text, self._service_aliases)

    def match_site(self, text: str) -> str | None:
        """The site id whose longest alias (or name or id) appears in `text`, or None."""
        return _longest_match(text, self._site_aliases)

    def now(self) -> dt.datetime:
        """The current local time of the sites, without tzinfo (how appointments are stored)."""
        return dt.datetime.now(self.timezone).replace(tzinfo=None, second=0, microsecond=0)


def _longest_match(text: str, aliases: list[tuple[str, str]]) -> str | None:
    haystack = f" {normalise(text)} "
    for alias, target in aliases:  # sorted longest first
        if f" {alias} " in haystack:
            return target
    return None


def _alias_table(entries: dict[str, list[str]]) -> list[tuple[str, str]]:
    table: dict[str, str] = {}
    for target, phrases in entries.items():
        for phrase in phrases:
            alias = normalise(phrase)
            if alias:
                table.setdefault(alias, target)
    return sorted(table.items(), key=lambda item: (-len(item[0]), item[0]))


# ------------------------------------------------------------------ loading and validation


def _fail(where: str, message: str) -> CatalogueError:
    return CatalogueError(f"catalogue {where}: {message}")


def _mapping(value: Any, where: str) -> dict:
    if not isinstance(value, dict) or not value:
        raise _fail(where, "must be a non-empty mapping")
    return value


def _text(value: Any, where: str, max_length: int | None = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, "must be a non-empty text")
    if max_length is not None and len(value) > max_length:
        raise _fail(where, f"{value!r} is longer than {max_length} characters (button title)")
    return value


def _by_language(value: Any, where: str, max_length: int | None = None) -> dict[str, str]:
    value = _mapping(value, where)
    missing = [lang for lang in LANGUAGES if lang not in value]
    if missing:
        raise _fail(where, f"needs a text for each language, missing: {', '.join(missing)}")
    return {lang: _text(value[lang], f"{where}.{lang}", max_length) for lang in LANGUAGES}


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, "must be a list of phrases")
    return tuple(value)


def _time(value: Any, where: str) -> dt.time:
    match = _HHMM.match(value) if isinstance(value, str) else None
    if not match:
        raise _fail(where, f'{value!r} is not a time written HH:MM (quote it: "09:00")')
    return dt.time(int(match.group(1)), int(match.group(2)))


def _hours(value: Any, where: str) -> dict[int, tuple[tuple[dt.time, dt.time], ...]]:
    value = _mapping(value, where)
    unknown = sorted(set(value) - set(WEEKDAYS))
    if unknown:
        raise _fail(where, f"unknown day(s) {unknown}; use {', '.join(WEEKDAYS)}")
    hours = {}
    for index, day in enumerate(WEEKDAYS):
        if day not in value:
            raise _fail(where, f"missing {day} (write `{day}: []` for a closed day)")
        ranges = value[day] or []
        if not isinstance(ranges, list):
            raise _fail(f"{where}.{day}", "must be a list of [open, close] ranges")
        parsed: list[tuple[dt.time, dt.time]] = []
        for number, pair in enumerate(ranges):
            at = f"{where}.{day}[{number}]"
            if not isinstance(pair, list) or len(pair) != 2:
                raise _fail(at, "must be a pair [open, close]")
            start, end = _time(pair[0], at), _time(pair[1], at)
            if start >= end:
                raise _fail(at, f"opens at {pair[0]} but closes at {pair[1]}")
            if parsed and start < parsed[-1][1]:
                raise _fail(at, "overlaps or comes before the previous range; sort them")
            parsed.append((start, end))
        hours[index] = tuple(parsed)
    return hours


def parse_catalogue(data: Any) -> Catalogue:
    """Build a Catalogue from the YAML data, or raise CatalogueError saying what is wrong."""
    data = _mapping(data, "file")
    try:
        timezone = ZoneInfo(_text(data.get("timezone"), "timezone"))
    except (ZoneInfoNotFoundError, ValueError) as error:
        if isinstance(error, CatalogueError):
            raise
        raise _fail("timezone", f"{data.get('timezone')!r} is not a known time zone") from None

    services = {}
    for service_id, spec in _mapping(data.get("services"), "services").items():
        where = f"services.{service_id}"
        if not isinstance(service_id, str) or not _ID.match(service_id):
            raise _fail(where, "ids are lowercase letters, digits and underscores")
        spec = _mapping(spec, where)
        aliases = _mapping(spec.get("aliases") or {lang: [] for lang in LANGUAGES}, where)
        duration = spec.get("duration_minutes")
        if not isinstance(duration, int) or isinstance(duration, bool) or not 5 <= duration <= 240:
            raise _fail(f"{where}.duration_minutes", "must be a whole number of minutes, 5 to 240")
        services[service_id] = Service(
            id=service_id,
            names=_by_language(spec.get("names"), f"{where}.names", SERVICE_NAME_MAX),
            aliases={
                lang: _phrases(aliases.get(lang), f"{where}.aliases.{lang}") for lang in LANGUAGES
            },
            duration=dt.timedelta(minutes=duration),
            bring=_by_language(spec.get("bring"), f"{where}.bring"),
        )

    sites = {}
    for site_id, spec in _mapping(data.get("sites"), "sites").items():
        where = f"sites.{site_id}"
        if not isinstance(site_id, str) or not _ID.match(site_id):
            raise _fail(where, "ids are lowercase letters, digits and underscores")
        spec = _mapping(spec, where)
        if spec.get("kind") not in SITE_KINDS:
            raise _fail(f"{where}.kind", f"must be one of {', '.join(SITE_KINDS)}")
        places = {}
        for service_id, offer in _mapping(spec.get("services"), f"{where}.services").items():
            at = f"{where}.services.{service_id}"
            if service_id not in services:
                raise _fail(at, f"unknown service; known: {', '.join(services)}")
            count = _mapping(offer, at).get("places")
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise _fail(f"{at}.places", "must be a whole number, at least 1")
            places[service_id] = count
        sites[site_id] = Site(
            id=site_id,
            kind=spec["kind"],
            names=_by_language(spec.get("names"), f"{where}.names", SITE_NAME_MAX),
            aliases=_phrases(spec.get("aliases"), f"{where}.aliases"),
            address=_text(spec.get("address"), f"{where}.address"),
            hours=_hours(spec.get("hours"), f"{where}.hours"),
            places=places,
        )

    return Catalogue(
        timezone=timezone,
        services=services,
        sites=sites,
        _service_aliases=_alias_table(
            {
                s.id: [
                    s.id.replace("_", " "),
                    *s.names.values(),
                    *s.aliases["en"],
                    *s.aliases["fr"],
                ]
                for s in services.values()
            }
        ),
        _site_aliases=_alias_table(
            {s.id: [s.id.replace("_", " "), *s.names.values(), *s.aliases] for s in sites.values()}
        ),
    )


def load_catalogue(path: str | Path) -> Catalogue:
    """Read and validate the catalogue file at `path`."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CatalogueError(f"cannot read the catalogue {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise CatalogueError(f"the catalogue {path} is not valid YAML: {error}") from None
    try:
        return parse_catalogue(data)
    except CatalogueError as error:
        raise CatalogueError(f"{path}: {error}") from None


@lru_cache(maxsize=4)
def _cached(path: str) -> Catalogue:
    return load_catalogue(path)


def get_catalogue() -> Catalogue:
    """The catalogue named by VIGIE_CATALOGUE_PATH (default data/catalogue.yml), cached."""
    return _cached(str(os.environ.get(PATH_VARIABLE) or DEFAULT_PATH))
