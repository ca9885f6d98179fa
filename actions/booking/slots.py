"""Appointment slots: the grid of start times, why a time cannot be booked, the nearest free ones.

A site's slots for a service start every `duration` minutes from the start of each opening
range and end inside it: a clinic open 08:30-12:30 offers 20-minute consultations at 08:30,
08:50, ..., 12:10. How many people are already booked at a start time comes from a
`BookedCounts` function (the store's `booked_counts`), so this module does no I/O and tests
pass a dictionary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from actions.booking.catalogue import Catalogue, Service, Site

# (site_id, service_id, from, to) -> {start: places taken}
BookedCounts = Callable[[str, str, dt.datetime, dt.datetime], dict[dt.datetime, int]]

UNKNOWN_SERVICE = "unknown_service"
UNKNOWN_SITE = "unknown_site"
NOT_OFFERED = "not_offered"
PAST = "past"
CLOSED_DAY = "closed_day"
LUNCH_BREAK = "lunch_break"
OUTSIDE_HOURS = "outside_hours"
NOT_A_START = "not_a_start"
FULL = "full"
REASONS = (
    UNKNOWN_SERVICE,
    UNKNOWN_SITE,
    NOT_OFFERED,
    PAST,
    CLOSED_DAY,
    LUNCH_BREAK,
    OUTSIDE_HOURS,
    NOT_A_START,
    FULL,
)
SEARCH_DAYS = 21  # how far the nearest-free-slot search looks, both ways


def no_bookings(site_id: str, service_id: str, start: dt.datetime, end: dt.datetime) -> dict:
    return {}


def slot_starts(site: Site, service: Service, day: dt.date) -> list[dt.datetime]:
    """Every start time of `service` at `site` on `day`, in order."""
    starts = []
    for opens, closes in site.ranges(day):
        start = dt.datetime.combine(day, opens)
        end = dt.datetime.combine(day, closes)
        while start + service.duration <= end:
            starts.append(start)
            start += service.duration
    return starts


def hours_reason(site: Site, service: Service, start: dt.datetime) -> str | None:
    """Why `start` is not on the site's grid for the service, or None when it is."""
    ranges = site.ranges(start.date())
    if not ranges:
        return CLOSED_DAY
    moment = start.time()
    if moment < ranges[0][0] or moment >= ranges[-1][1]:
        return OUTSIDE_HOURS
    for (_, closes), (opens, _) in zip(ranges, ranges[1:], strict=False):
        if closes <= moment < opens:
            return LUNCH_BREAK
    if start not in slot_starts(site, service, start.date()):
        return NOT_A_START
    return None


def check_slot(
    catalogue: Catalogue,
    service_id: str | None,
    site_id: str | None,
    start: dt.datetime,
    now: dt.datetime,
    booked: BookedCounts = no_bookings,
) -> str | None:
    """Why `start` cannot be booked for that service at that site (one of REASONS), or None."""
    service = catalogue.service(service_id)
    if service is None:
        return UNKNOWN_SERVICE
    site = catalogue.site(site_id)
    if site is None:
        return UNKNOWN_SITE
    if not site.offers(service.id):
        return NOT_OFFERED
    if start <= now:
        return PAST
    reason = hours_reason(site, service, start)
    if reason:
        return reason
    taken = booked(site.id, service.id, start, start + dt.timedelta(minutes=1)).get(start, 0)
    return FULL if taken >= site.places[service.id] else None


def _free_on(
    site: Site, service: Service, day: dt.date, now: dt.datetime, booked: BookedCounts
) -> Iterator[dt.datetime]:
    starts = [s for s in slot_starts(site, service, day) if s > now]
    if not starts:
        return
    counts = booked(site.id, service.id, starts[0], starts[-1] + dt.timedelta(minutes=1))
    places = site.places[service.id]
    yield from (s for s in starts if counts.get(s, 0) < places)


def free_slots(
    catalogue: Catalogue,
    service_id: str,
    site_id: str,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime,
    booked: BookedCounts = no_bookings,
    limit: int = 10,
) -> list[dt.datetime]:
    """The free start times in [start, end), in order, at most `limit`."""
    service, site = catalogue.service(service_id), catalogue.site(site_id)
    if service is None or site is None or not site.offers(service.id):
        return []
    found: list[dt.datetime] = []
    day = start.date()
    while day <= end.date() and len(found) < limit:
        found += [s for s in _free_on(site, service, day, now, booked) if start <= s < end]
        day += dt.timedelta(days=1)
    return found[:limit]


def nearest_free(
    catalogue: Catalogue,
    service_id: str,
    site_id: str,
    around: dt.datetime,
    now: dt.datetime,
    booked: BookedCounts = no_bookings,
    limit: int = 3,
) -> list[dt.datetime]:
    """The `limit` free start times closest to `around` (never in the past), in order."""
    service, site = catalogue.service(service_id), catalogue.site(site_id)
    if service is None or site is None or not site.offers(service.id):
        return []
    around = max(around, now)
    candidates: list[dt.datetime] = []
    first = around.date() - dt.timedelta(days=SEARCH_DAYS)
    for offset in range(2 * SEARCH_DAYS + 1):
        day = first + dt.timedelta(days=offset)
        if day < now.date():
            continue
        candidates += _free_on(site, service, day, now, booked)
        # stop once enough slots lie after `around`: later days are only farther
        if sum(1 for c in candidates if c >= around) >= limit and day > around.date():
            break
    candidates.sort(key=lambda s: (abs(s - around), s))
    return sorted(candidates[:limit])


def next_free(
    catalogue: Catalogue,
    service_id: str,
    site_id: str,
    now: dt.datetime,
    booked: BookedCounts = no_bookings,
    limit: int = 3,
) -> list[dt.datetime]:
    """The first `limit` free start times from now on."""
    end = now + dt.timedelta(days=SEARCH_DAYS)
    return free_slots(catalogue, service_id, site_id, now, end, now, booked, limit)
