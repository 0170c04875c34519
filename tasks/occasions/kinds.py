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

from tasks.normalise.translit import script_of
from tasks.occasions.holidays import ANY_COUNTRY, LANGUAGE_COUNTRY, Catalogue, audience
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
    service_recovery_days: int = 3
    welcome: Mapping[str, dt.date] = field(default_factory=dict)  # contact id -> its day
    # contact id -> (the complaint's record hash, the day it was resolved)
    disputes: Mapping[str, Sequence[tuple[str, dt.date]]] = field(default_factory=dict)


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
    """The holidays of the contact's country that are occasions; without a country, those of
    the country of its language, else those for any country."""
    if rules.holidays is None:
        return []
    language = contact.get("language") or ""
    country = contact.get("country") or LANGUAGE_COUNTRY.get(language) or ANY_COUNTRY
    name = contact.get("given_name") or contact.get("full_name") or ""
    who = audience(contact.get("gender"), language, script_of(name), contact.get("region"))
    return [
        Found("holiday", h.occasion, h.occasion, h.date, None)
        for h in rules.holidays.occasions(country, year, who, rules.holiday_settings)
    ]


def welcomes(contact: Mapping[str, Any], year: int, rules: Rules) -> list[Found]:
    """A welcome for a newcomer, on the day the sync that found them chose."""
    day = rules.welcome.get(contact["contact_id"])
    if day is None or day.year != year:
        return []
    return [Found("welcome", "", "Welcome", day, None)]


def service_recoveries(contact: Mapping[str, Any], year: int, rules: Rules) -> list[Found]:
    """A greeting ``service_recovery_days`` after each complaint was resolved."""
    delay = dt.timedelta(days=rules.service_recovery_days)
    found = []
    for record_hash, resolved in sorted(rules.disputes.get(contact["contact_id"], ())):
        day = resolved + delay
        if day.year == year:
            found.append(Found("service_recovery", record_hash, "Service recovery", day, None))
    return found


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
