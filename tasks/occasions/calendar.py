"""The occasions calendar: one row per occasion of a contact within a window.

Birthdays for now. Each row has a stable ``occasion_id`` (contact, type, date), the salutation,
the channel (email, else SMS to a mobile, else suppressed ``no_channel``), ``send_at`` at the
configured local hour in the contact's time zone, stored in UTC, and opted-out contacts
suppressed ``opted_out``.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
import hashlib
import zoneinfo
from collections.abc import Iterator
from typing import Any

from tasks.occasions.salutation import Templates, salutation


def occurrence(year: int, month: int, day: int, feb29: str) -> dt.date:
    """The day a yearly date falls on in ``year``; 29 February by the ``feb29`` rule."""
    if month == 2 and day == 29 and not cal.isleap(year):
        return dt.date(year, 3, 1) if feb29 == "mar01" else dt.date(year, 2, 28)
    return dt.date(year, month, day)


def yearly(month: int, day: int, start: dt.date, end: dt.date, feb29: str) -> Iterator[dt.date]:
    """Every occurrence of a yearly date in ``[start, end]``."""
    for year in range(start.year, end.year + 1):
        when = occurrence(year, month, day, feb29)
        if start <= when <= end:
            yield when


def stable_id(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:20]


def send_at(day: dt.date, hour: int, timezone: str) -> dt.datetime:
    """``hour`` o'clock local time on ``day`` in ``timezone``, as an aware UTC datetime."""
    local = dt.datetime.combine(day, dt.time(hour), tzinfo=zoneinfo.ZoneInfo(timezone))
    return local.astimezone(dt.UTC)


def birthday_rows(
    contact: dict[str, Any],
    start: dt.date,
    end: dt.date,
    *,
    send_hour: int,
    feb29: str,
    templates: Templates,
) -> list[dict[str, Any]]:
    """The birthday occasions of one contact within ``[start, end]``."""
    month, day = contact.get("birthday_month"), contact.get("birthday_day")
    if month is None or day is None:
        return []
    rows = []
    for when in yearly(int(month), int(day), start, end, feb29):
        year = contact.get("birth_year")
        rows.append(
            _row(
                contact,
                "birthday",
                "Birthday",
                when,
                when.year - int(year) if year is not None else None,
                send_hour=send_hour,
                templates=templates,
            )
        )
    return rows


def _row(
    contact: dict[str, Any],
    kind: str,
    name: str,
    when: dt.date,
    years: int | None,
    *,
    send_hour: int,
    templates: Templates,
) -> dict[str, Any]:
    language = contact["language"]
    email = contact["emails"][0] if contact["emails"] else None
    mobile = contact.get("mobile")
    channel = "email" if email else ("sms" if mobile else None)
    reason = "opted_out" if contact["opted_out"] else (None if channel else "no_channel")
    russian_in_english = language == "en" and contact.get("country") == "RU"
    return {
        "occasion_id": stable_id(contact["contact_id"], kind, when.isoformat()),
        "greeting_id": stable_id(contact["contact_id"], when.isoformat()),
        "contact_id": contact["contact_id"],
        "occasion_type": kind,
        "occasion_name": name,
        "occasion_date": when,
        "years": years,
        "language": language,
        "salutation": salutation(
            templates,
            language,
            contact.get("gender"),
            contact.get("given_name"),
            contact.get("middle_name"),
            russian_in_english,
        ),
        "channel": channel,
        "email": email if channel == "email" else None,
        "phone": mobile if channel == "sms" else None,
        "address": None,
        "send_at": send_at(when, send_hour, contact["timezone"]),
        "suppressed": reason is not None,
        "suppression_reason": reason,
    }


def build_calendar(
    contacts: list[dict[str, Any]],
    start: dt.date,
    end: dt.date,
    *,
    send_hour: int,
    feb29: str,
    templates: Templates,
) -> list[dict[str, Any]]:
    """Every occasion of every contact within ``[start, end]``, by date then contact."""
    rows = [
        row
        for contact in contacts
        for row in birthday_rows(
            contact, start, end, send_hour=send_hour, feb29=feb29, templates=templates
        )
    ]
    return sorted(rows, key=lambda r: (r["occasion_date"], r["contact_id"], r["occasion_type"]))
