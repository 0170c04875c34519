"""Survivorship: one contact row from a cluster of records, by declared rules.

Records are ranked by source priority (higher first), then completeness (more known fields),
then a spreadsheet's record before mail, and the most recent mail first. Each field takes the
first known value in that order; the name parts travel together from the best record that has
a given name; every email and phone is kept, the best-ranked first. Opted out on any record
means the contact is opted out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields as dataclass_fields
from operator import attrgetter
from typing import Any

from schemas.records import NormRecord

SCRIPT_LANGUAGE = {"Cyrillic": "ru", "Devanagari": "hi", "Tamil": "ta"}
COUNTRY_LANGUAGE = {"RU": "ru", "BY": "ru", "KZ": "ru"}
_NAME_PARTS = ("given_name", "middle_name", "family_name", "full_name", "nickname", "honorific")
_SCALARS = (
    "birthday_month",
    "birthday_day",
    "birth_year",
    "anniversary",
    "gender",
    "language",
    "company",
    "company_founded",
    "city",
    "postcode",
    "region",
    "country",
    "timezone",
    "tier",
)
_COUNTED = tuple(
    f.name
    for f in dataclass_fields(NormRecord)
    if f.name
    not in {
        "source",
        "record_key",
        "role",
        "record_hash",
        "raw",
        "priority",
        "script",
        "name_latin",
        "message_at",
        "opted_out",
    }
)


_COUNTED_VALUES = attrgetter(*_COUNTED)
_SCALAR_VALUES = attrgetter(*_SCALARS)
_NAME_VALUES = attrgetter(*_NAME_PARTS)
_NO_NAME = (None,) * len(_NAME_PARTS)


def completeness(record: NormRecord) -> int:
    """How many fields of the record are known."""
    values: tuple[Any, ...] = _COUNTED_VALUES(record)
    return len(values) - values.count(None) - values.count([]) - values.count("")


def rank(records: list[NormRecord]) -> list[NormRecord]:
    """Best first: priority, completeness, a record from a spreadsheet before mail, the most
    recent mail first."""
    if len(records) == 1:
        return list(records)
    return sorted(
        records,
        key=lambda r: (
            -r.priority,
            -completeness(r),
            r.message_at is not None,
            -(r.message_at.timestamp() if r.message_at else 0.0),
            r.source,
            r.record_key,
        ),
    )


def language_for(script: str | None, country: str | None, explicit: str | None) -> str:
    """The language to write in: explicit, else the name's script, else the country, else en."""
    if explicit:
        return explicit
    if script in SCRIPT_LANGUAGE:
        return SCRIPT_LANGUAGE[script]
    if country in COUNTRY_LANGUAGE:
        return COUNTRY_LANGUAGE[country]
    return "en"


def envelope(
    street: str | None,
    city: str | None,
    postcode: str | None,
    region: str | None,
    country: str | None,
) -> str | None:
    """A postal address as it goes on an envelope, one line per part."""
    if not street:
        return None
    locality = " ".join(p for p in (postcode, city) if p)
    lines = [street, locality, region or "", country or ""]
    return "\n".join(line for line in lines if line)


def phones_country(records: list[NormRecord]) -> str | None:
    """The first country a record or, failing that, a phone number gives."""
    found = next((r.country for r in records if r.country), None)
    return found or next((p.country for r in records for p in r.phones if p.country), None)


def _named(ranked: list[NormRecord], records: list[NormRecord]) -> NormRecord | None:
    """The record whose name parts the contact takes: the best-ranked one with a name, or,
    when the contact's records say it is of a language with a script of its own and one of its
    names is written in that script, the best such one (Николай Федоров of a Russian CRM
    before Nikolai Fedorov of an English export, so that he is greeted as Николай
    Александрович)."""
    names = [r for r in ranked if r.given_name or r.full_name]
    if len(names) < 2:
        return names[0] if names else None
    country = phones_country(records)
    explicit = next((r.language for r in ranked if r.language), None)
    language = explicit or COUNTRY_LANGUAGE.get(country or "")
    native = [r for r in names if language and SCRIPT_LANGUAGE.get(r.script or "") == language]
    best = native or names
    return best[0] if best else None


def build_contact(
    contact_id: str,
    records: list[NormRecord],
    first_seen: dt.date,
    default_timezone: str,
    first_deal_date: dt.date | None,
    suppressed_values: set[str],
) -> dict[str, Any]:
    """One row of contacts.parquet from the records of one person."""
    ranked = rank(records)
    best = ranked[0]
    named = _named(ranked, records)
    row: dict[str, Any] = {"contact_id": contact_id}
    row.update(zip(_NAME_PARTS, _NO_NAME if named is None else _NAME_VALUES(named), strict=True))
    if named is not None and row["nickname"] is None and len(ranked) > 1:
        row["nickname"] = next((r.nickname for r in ranked if r.nickname), None)
    values: list[Any] = list(_SCALAR_VALUES(best))  # each the first known in rank order
    if len(ranked) > 1 and None in values:
        for other in ranked[1:]:
            for n, value in enumerate(_SCALAR_VALUES(other)):
                if values[n] is None:
                    values[n] = value
            if None not in values:
                break
    row.update(zip(_SCALARS, values, strict=True))
    if len(ranked) == 1:
        emails = list(dict.fromkeys(best.emails))
        phones = best.phones
    else:
        emails = list(dict.fromkeys([e for r in ranked for e in r.emails]))
        phones = [p for r in ranked for p in r.phones]
    numbers = list(dict.fromkeys([p.e164 for p in phones]))
    row["emails"] = emails
    row["phones"] = numbers
    row["mobile"] = next((r.mobile for r in ranked if r.mobile), None)
    at = next((r for r in ranked if r.street), None)
    row["address"] = (
        envelope(at.street, at.city, at.postcode, at.region, at.country) if at is not None else None
    )
    if row["timezone"] is None:
        row["timezone"] = default_timezone
    if row["country"] is None:
        row["country"] = next((p.country for p in phones if p.country), None)
    script = named.script if named is not None else None
    row["language"] = language_for(script, row["country"], row["language"])
    row["first_deal_date"] = first_deal_date
    row["first_seen"] = first_seen
    times = [r.message_at for r in records if r.message_at is not None]
    row["first_message_at"] = min(times) if times else None
    row["last_message_at"] = max(times) if times else None
    row["opted_out"] = any(r.opted_out for r in records) or (
        bool(suppressed_values)
        and not (suppressed_values.isdisjoint(emails) and suppressed_values.isdisjoint(numbers))
    )
    return row
