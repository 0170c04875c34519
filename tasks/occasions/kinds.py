"""Every reason to greet one contact in one calendar year, before moderation.

Each kind is a function of the contact's row (``contacts.parquet``'s columns) and the year:
birthdays, name days, company founding anniversaries, anniversaries of the first deal,
holidays of the contact's own culture, a welcome for a newcomer and a service recovery after a
resolved complaint.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tasks.occasions.holidays import Catalogue, audience
from tasks.occasions.namedays import NameDays

# Moderation's declared priority: the first of these wins a day and a place under the cap.
PRIORITY = (
    "birthday",
    "deal_anniversary",
    "service_recovery",
    "name_day",
    "company_anniversary",
    "holiday",
    "welcome",
)
_GENDER = {"male": "m", "female": "f"}


@dataclass(frozen=True, slots=True)
class Found:
    """One occasion of a contact: its kind, a key that tells apart two of one kind on one day
    (the holiday's name), the name to show, the day, and the age or count of years."""

    kind: str
    key: str
    name: str
    date: dt.date
    years: int | None


@dataclass(frozen=True, slots=True)
class Rules:
    """What the kinds need besides the contact: the settings and the reference data."""

    feb29: str = "feb28"
    name_days: NameDays | None = None  # None: name days are off
    holidays: Catalogue | None = None  # None: no holidays
    holiday_settings: Mapping[str, Sequence[str]] = field(default_factory=dict)
    default_country: str | None = None
    service_recovery_days: int = 3
    welcome: frozenset[str] = frozenset()  # contact ids to welcome on their first_seen
    disputes: Mapping[str, Sequence[dt.date]] = field(default_factory=dict)  # id -> resolved


def occurrence(year: int, month: int, day: int, feb29: str) -> dt.date:
    """The day a yearly date falls on in ``year``; 29 February by the ``feb29`` rule."""
    if month == 2 and day == 29 and not cal.isleap(year):
        return dt.date(year, 3, 1) if feb29 == "mar01" else dt.date(year, 2, 28)
    return dt.date(year, month, day)


def birthdays(contact: Mapping[str, Any], year: int, rules: Rules) -> list[Found]:
    """The birthday, with the age when the year of birth is known."""
    month, day = contact.get("birthday_month"), contact.get("birthday_day")
    if month is None or day is None:
        return []
    born = contact.get("birth_year")
    age = year - int(born) if born is not None else None
    if age is not None and age < 0:
        return []
    return [Found("birthday", "", "Birthday", occurrence(year, month, day, rules.feb29), age)]


def name_days(contact: Mapping[str, Any], year: int, rules: Rules) -> list[Found]:
    """The name day from the calendar of the contact's country or language, if any."""
    given = contact.get("given_name")
    if rules.name_days is None or not given:
        return []
    country = contact.get("country") or None
    calendar = rules.name_days.calendar_for(country, contact.get("language"))
    if calendar is None:
        return []
    month, day = contact.get("birthday_month"), contact.get("birthday_day")
    birthday = (int(month), int(day)) if month is not None and day is not None else None
    gender = _GENDER.get(contact.get("gender") or "")
    found = rules.name_days.name_day(calendar, given, year, birthday, gender)
    return [Found("name_day", "", "Name day", found.date, None)] if found else []


# (kind, the contact's column with the first day, what the years are of)
ANNIVERSARIES = (
    ("company_anniversary", "company_founded", "since the company was founded"),
    ("deal_anniversary", "first_deal_date", "of working together"),
)


def anniversaries(contact: Mapping[str, Any], year: int, rules: Rules) -> list[Found]:
    """The company's founding day and the first deal's, from the first full year on, with the
    count: "5 years of working together"."""
    found = []
    for kind, column, phrase in ANNIVERSARIES:
        since: dt.date | None = contact.get(column)
        if since is None or year <= since.year:
            continue
        years = year - since.year
        name = f"{years} {'year' if years == 1 else 'years'} {phrase}"
        day = occurrence(year, since.month, since.day, rules.feb29)
        found.append(Found(kind, "", name, day, years))
    return found


def holidays(contact: Mapping[str, Any], year: int, rules: Rules) -> list[Found]:
    """The holidays of the contact's country (else the config's region) that are occasions."""
    country = contact.get("country") or rules.default_country
    if rules.holidays is None or not country:
        return []
    who = audience(contact.get("gender"), contact.get("language"), None, contact.get("region"))
    return [
        Found("holiday", h.occasion, h.occasion, h.date, None)
        for h in rules.holidays.occasions(country, year, who, rules.holiday_settings)
    ]


def welcomes(contact: Mapping[str, Any], year: int, rules: Rules) -> list[Found]:
    """A welcome on the day a newcomer was first seen."""
    first_seen = contact.get("first_seen")
    if contact["contact_id"] not in rules.welcome or first_seen is None or first_seen.year != year:
        return []
    return [Found("welcome", "", "Welcome", first_seen, None)]


def service_recoveries(contact: Mapping[str, Any], year: int, rules: Rules) -> list[Found]:
    """A greeting ``service_recovery_days`` after each complaint was resolved."""
    delay = dt.timedelta(days=rules.service_recovery_days)
    days = sorted({d + delay for d in rules.disputes.get(contact["contact_id"], ())})
    return [
        Found("service_recovery", "", "Service recovery", d, None) for d in days if d.year == year
    ]


KINDS: tuple[Callable[[Mapping[str, Any], int, Rules], list[Found]], ...] = (
    birthdays,
    name_days,
    anniversaries,
    holidays,
    welcomes,
    service_recoveries,
)


def occasions_of(contact: Mapping[str, Any], year: int, rules: Rules) -> list[Found]:
    """Every occasion of ``contact`` in ``year``, of every kind."""
    return [found for kind in KINDS for found in kind(contact, year, rules)]
