"""The typed records passed between stages.

Readers (``tasks/ingest``) yield :class:`RawRecord` and :class:`Quarantined`; the normaliser turns a
``RawRecord`` into a :class:`NormRecord`. Field names are Rapport's (see ``FIELDS``), never a
source's own headers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["contacts", "deals", "optouts", "disputes"]

#: Rapport's field names, as the contract lists them for ``columns``.
FIELDS: tuple[str, ...] = (
    "full_name",
    "given_name",
    "middle_name",
    "family_name",
    "nickname",
    "honorific",
    "email",
    "phone",
    "mobile",
    "birthday",
    "anniversary",
    "gender",
    "company",
    "company_founded",
    "street",
    "city",
    "postcode",
    "region",
    "country",
    "language",
    "tier",
    "opted_out",
    "deal_date",
    "amount",
    "currency",
    "dispute_opened",
    "dispute_resolved",
    "dispute_outcome",
)

#: Fields that readers may add beyond the contract's ``columns`` keys.
#: ``message_at``: ISO 8601 time of the message a mail record came from.
#: ``timezone``: an explicit IANA zone from the source.
#: ``mail_role``: from, to, cc or reply-to.
INTERNAL_FIELDS: tuple[str, ...] = ("message_at", "timezone", "mail_role")


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as a reader found it.

    ``fields`` maps a Rapport field name to the non-empty values found for it, in source order
    (several emails or phones, Google's ``:::`` multi-values). ``raw`` is the record as read,
    JSON-serialisable (header -> cell text for a spreadsheet, header -> value for mail).
    """

    source: str
    record_key: str
    fields: dict[str, list[str]]
    raw: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A record, or one field of it, that was not used.

    ``field`` is None when the whole record was not used; otherwise the one field dropped while
    the record went on. ``rule`` is a short snake_case name (``birthday_is_a_date``); ``reason``
    a sentence naming the field and the rule, with no personal value in it.
    """

    source: str
    record_key: str
    field: str | None
    rule: str
    reason: str
    raw: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str
    kind: str  # phonenumbers type name, lower case: mobile, fixed_line, fixed_line_or_mobile, ...
    country: str | None  # ISO 3166-1 alpha-2 the number belongs to
    timezones: tuple[str, ...]  # canonical IANA names the number implies


@dataclass(slots=True)
class NormRecord:
    """A record after normalisation: clean values, None where unknown."""

    source: str
    record_key: str
    role: Role
    record_hash: str = ""
    given_name: str | None = None
    middle_name: str | None = None
    family_name: str | None = None
    full_name: str | None = None
    nickname: str | None = None
    honorific: str | None = None
    name_latin: str | None = None  # a Latin form of the full name, for matching
    script: str | None = None  # Latin, Cyrillic, Devanagari, Tamil, ...
    emails: list[str] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    mobile: str | None = None
    birthday_month: int | None = None
    birthday_day: int | None = None
    birth_year: int | None = None
    anniversary: dt.date | None = None
    gender: str | None = None
    language: str | None = None
    company: str | None = None
    company_founded: dt.date | None = None
    street: str | None = None
    city: str | None = None
    postcode: str | None = None
    region: str | None = None
    country: str | None = None
    timezone: str | None = None
    tier: str | None = None
    opted_out: bool = False
    deal_date: dt.date | None = None
    amount: float | None = None
    currency: str | None = None
    dispute_opened: dt.date | None = None
    dispute_resolved: dt.date | None = None
    dispute_outcome: str | None = None
    message_at: dt.datetime | None = None  # UTC
    priority: int = 0
    raw: dict[str, Any] = field(default_factory=dict)

    def identifies_a_person(self) -> bool:
        """A record can stand for a person when it has an email, a phone or a name."""
        return bool(
            self.emails or self.phones or self.full_name or self.given_name or self.family_name
        )
