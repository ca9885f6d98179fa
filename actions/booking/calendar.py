"""The appointment as an iCalendar file (RFC 5545), offered with the booking's confirmation.

It holds what the user needs in their calendar and nothing more: the service, the site, its
address, the start and end in the site's time zone (a VTIMEZONE with the offset of that day, so
the file is valid on its own) and what to bring. No name, no phone number: the UID is the
appointment's number at this deployment.

The file travels as a Rasa `attachment` of type `file` whose payload is a `data:` URL with a
file name: downloadable as is by a REST client, uploaded through the Graph API's media
endpoint and sent as a document by the WhatsApp channel.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from actions.booking.store import Appointment

MIME_TYPE = "text/calendar"
FILENAME = "appointment.ics"
PRODUCT_ID = "-//Vigie//Appointments//EN"
UID_DOMAIN = "vigie.invalid"


def _escape(text: str) -> str:
    """TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF and a space (RFC 5545 3.1)."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def _offset(delta: dt.timedelta | None) -> str:
    minutes = int((delta or dt.timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def ics(
    appointment: Appointment,
    values: dict[str, str],
    duration: dt.timedelta,
    time_zone: str,
    stamp: dt.datetime | None = None,
) -> str:
    """The VCALENDAR text of one appointment (CRLF line ends)."""
    zone = ZoneInfo(time_zone)
    start = appointment.starts_at.replace(tzinfo=None)
    end = start + duration
    offset = _offset(start.replace(tzinfo=zone).utcoffset())
    kind = "DAYLIGHT" if start.replace(tzinfo=zone).dst() else "STANDARD"
    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VTIMEZONE",
        f"TZID:{time_zone}",
        f"BEGIN:{kind}",
        "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        f"END:{kind}",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        f"UID:appointment-{appointment.id}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp.astimezone(dt.timezone.utc):%Y%m%dT%H%M%SZ}",
        f"DTSTART;TZID={time_zone}:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID={time_zone}:{end:%Y%m%dT%H%M%S}",
        f"SUMMARY:{_escape(values['service_name'] + ' - ' + values['site_name'])}",
        f"LOCATION:{_escape(values['site_name'] + ', ' + values['site_address'])}",
        f"DESCRIPTION:{_escape(values['bring'])}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def attachment(text: str) -> dict[str, Any]:
    """The Rasa attachment carrying the file: a `data:` URL and its name."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return {
        "type": "file",
        "payload": {
            "url": f"data:{MIME_TYPE};charset=utf-8;base64,{encoded}",
            "filename": FILENAME,
            "mime_type": MIME_TYPE,
        },
    }
