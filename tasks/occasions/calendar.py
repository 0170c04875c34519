"""The occasions calendar: one row per occasion of a contact within a window.

For each contact and each calendar year the window touches, every occasion of every kind
(:mod:`tasks.occasions.kinds`) is found and moderated over the whole year
(:mod:`tasks.occasions.moderation`); the rows within the window are kept. Each row has a stable
``occasion_id`` (contact, kind, the key that tells apart two of a kind on one day, date) and a
``greeting_id`` shared by the occasions of one contact's day, the salutation in the contact's
language, the channel (:mod:`tasks.occasions.channels`), and ``send_at``: ``send_hour`` local
time in the contact's time zone on the day, or ``postal_lead_days`` earlier for a card, stored
in UTC. An opted-out contact's rows are all suppressed ``opted_out``; a contact that cannot be
reached has all its rows suppressed ``no_channel``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tasks.occasions.channels import Channel, channel
from tasks.occasions.kinds import Found, Rules, occasions_of
from tasks.occasions.kinds import occurrence as occurrence
from tasks.occasions.moderation import Decision, moderate, sent_days
from tasks.occasions.salutation import Templates, salutation, written_in


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings of ``occasions`` and ``moderation`` that shape rows, not occasions."""

    send_hour: int = 9
    postal_lead_days: int = 7
    min_days_between: int = 14
    max_per_year: int = 6
    language: str | None = None  # one salutation language for everyone


def stable_id(*parts: object) -> str:
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:20]


# kinds that come once, not every year: their key alone tells them apart
ONCE = frozenset({"welcome", "service_recovery"})


def occasion_id(contact_id: str, found: Found) -> str:
    """The same occasion's id on every run: the contact, the kind, its key (the holiday; the
    complaint's record) and, for a yearly occasion, the year, not the day: a corrected
    birthday, ``feb29`` changed or a holiday's estimated date fixed keep the id."""
    if found.kind in ONCE:
        return stable_id(contact_id, found.kind, found.key)
    return stable_id(contact_id, found.kind, found.key, found.date.year)


def send_at(day: dt.date, hour: int, timezone: str) -> dt.datetime:
    """``hour`` o'clock local time on ``day`` in ``timezone``, as an aware UTC datetime."""
    local = dt.datetime.combine(day, dt.time(hour), tzinfo=zoneinfo.ZoneInfo(timezone))
    return local.astimezone(dt.UTC)


def build_calendar(
    contacts: Iterable[Mapping[str, Any]],
    start: dt.date,
    end: dt.date,
    *,
    rules: Rules,
    settings: Settings,
    templates: Templates,
    postal: frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    """Every occasion of every contact within ``[start, end]``, by date then contact; moderated
    over the whole years the window touches. ``postal``: the contact ids of the top tier."""
    rows = []
    for contact in contacts:
        reach = channel(contact, contact["contact_id"] in postal)
        unposted = channel(contact, False)  # welcomes and service recoveries never go by post
        last_year = _year(contact, start.year - 1, rules)
        before = sent_days(last_year, moderate(last_year, *_limits(settings)))
        for year in range(start.year, end.year + 1):
            found = occasions_of(contact, year, rules)
            ids = [occasion_id(contact["contact_id"], f) for f in found]
            keys = [(f.kind, f.date, i) for f, i in zip(found, ids, strict=True)]
            decisions = moderate(keys, *_limits(settings), before)
            if contact["opted_out"] or reach.kind is None:
                reason = "opted_out" if contact["opted_out"] else "no_channel"
                decisions = [Decision(d.lead, reason) for d in decisions]
            for f, oid, decision in zip(found, ids, decisions, strict=True):
                if start <= f.date <= end:
                    way = reach if f.kind not in ONCE or reach.kind != "postal" else unposted
                    rows.append(_row(contact, f, oid, decision, way, settings, templates))
            before = sent_days(keys, moderate(keys, *_limits(settings)))
    return sorted(rows, key=lambda r: (r["occasion_date"], r["contact_id"], r["occasion_type"]))


def _limits(settings: Settings) -> tuple[int, int]:
    return settings.min_days_between, settings.max_per_year


def _year(contact: Mapping[str, Any], year: int, rules: Rules) -> list[tuple[str, dt.date, str]]:
    """(kind, date, occasion_id) of each occasion of ``contact`` in ``year``."""
    return [
        (f.kind, f.date, occasion_id(contact["contact_id"], f))
        for f in occasions_of(contact, year, rules)
    ]


def _row(
    contact: Mapping[str, Any],
    found: Found,
    oid: str,
    decision: Decision,
    reach: Channel,
    settings: Settings,
    templates: Templates,
) -> dict[str, Any]:
    language = written_in(templates, settings.language or contact["language"])
    russian_in_english = language == "en" and contact.get("country") == "RU"
    day = found.date
    if reach.kind == "postal":
        day = day - dt.timedelta(days=settings.postal_lead_days)
    return {
        "occasion_id": oid,
        "greeting_id": stable_id(contact["contact_id"], found.date.isoformat()),
        "contact_id": contact["contact_id"],
        "occasion_type": found.kind,
        "occasion_name": found.name,
        "occasion_date": found.date,
        "years": found.years,
        "language": language,
        "salutation": salutation(
            templates,
            language,
            contact.get("gender"),
            contact.get("given_name"),
            contact.get("middle_name"),
            russian_in_english,
        ),
        "channel": reach.kind,
        "email": reach.email,
        "phone": reach.phone,
        "address": reach.address,
        "send_at": send_at(day, settings.send_hour, contact["timezone"]),
        "suppressed": decision.reason is not None,
        "suppression_reason": decision.reason,
    }
