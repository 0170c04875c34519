"""One :class:`RawRecord` to one :class:`NormRecord`: every field normalised, every failure kept.

A field that cannot be used is dropped and becomes a field-level :class:`Quarantined`; the
record goes on. A record that cannot be used at all for its source's role becomes one
whole-record :class:`Quarantined` (``field`` None) and no NormRecord. Reasons name fields and
rules, never a value: values stay in ``Quarantined.raw``, the record as read. A value that an
export writes for "no value" (``PLACEHOLDERS``: Outlook's ``0/0/00``, ``Unspecified``) counts as
a blank cell: the field is empty and nothing is quarantined.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar, cast

from schemas.records import NormRecord, Phone, Quarantined, RawRecord, Role
from tasks.normalise.dates import (
    Order,
    PartialDate,
    date_order_for_region,
    is_empty_date,
    parse_date,
    parse_partial_date,
    parse_timestamp,
)
from tasks.normalise.emails import normalise_email
from tasks.normalise.names import looks_like_company, parse_name
from tasks.normalise.phones import can_take_sms, normalise_phone
from tasks.normalise.places import canonical_timezone, normalise_country, timezone_for
from tasks.normalise.problems import FieldProblem
from tasks.normalise.values import (
    currency_in_amount,
    is_empty_gender,
    normalise_currency,
    normalise_gender,
    normalise_language,
    parse_amount,
    parse_flag,
)

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: NormRecord attributes left out of ``record_hash``: where the record was found, when a
#: message was sent, and what is derived from other fields or set by the run.
HASH_EXCLUDES = frozenset(
    {"source", "record_key", "record_hash", "message_at", "raw", "priority", "name_latin", "script"}
)
_ORDERS: frozenset[str] = frozenset({"DMY", "MDY", "YMD"})
_DATE_FIELDS = (
    "birthday", "anniversary", "company_founded", "deal_date", "dispute_opened", "dispute_resolved"
)  # fmt: skip
#: Per field, the test for an export's "no value" marker (Outlook's ``0/0/00`` and
#: ``Unspecified``): such a value is left out as if the cell were blank, and quarantines nothing.
PLACEHOLDERS: dict[str, Callable[[str], bool]] = {
    **dict.fromkeys(_DATE_FIELDS, is_empty_date),
    "gender": is_empty_gender,
}


class _Fields:
    """The raw values of one record, and the problems met while normalising them."""

    def __init__(self, raw: RawRecord) -> None:
        self.raw = raw
        self.problems: list[tuple[str, FieldProblem]] = []

    def values(self, name: str) -> list[str]:
        """The field's values that hold something: blanks and placeholders left out."""
        placeholder = PLACEHOLDERS.get(name)
        return [
            value
            for value in self.raw.fields.get(name, [])
            if value and value.strip() and not (placeholder and placeholder(value))
        ]

    def first(self, name: str) -> str | None:
        values = self.values(name)
        return values[0] if values else None

    def each(self, name: str, parse: Callable[[str], T]) -> list[T]:
        """Every value of a field parsed; a value that fails is noted and left out."""
        parsed: list[T] = []
        for value in self.values(name):
            try:
                parsed.append(parse(value))
            except FieldProblem as problem:
                self.problems.append((name, problem))
        return parsed

    def one(self, name: str, parse: Callable[[str], T]) -> T | None:
        """The first value of a single-valued field parsed; None when missing or failing."""
        value = self.first(name)
        if value is None:
            return None
        try:
            return parse(value)
        except FieldProblem as problem:
            self.problems.append((name, problem))
            return None


def _text(value: str | None, *, lines: bool = False) -> str | None:
    if value is None:
        return None
    value = unicodedata.normalize("NFC", value)
    kept = [" ".join(line.split()) for line in value.splitlines()] if lines else [value]
    text = "\n".join(line for line in kept if line) if lines else " ".join(value.split())
    return text or None


def _country(text: str) -> str:
    code = normalise_country(text)
    if code is None:
        raise FieldProblem("country_is_known", "is not a known country")
    return code


def _timezone(text: str) -> str:
    zone = canonical_timezone(text)
    if zone is None:
        raise FieldProblem("timezone_is_known", "is not a known IANA time zone")
    return zone


def _unique_phones(phones: list[Phone]) -> list[Phone]:
    seen: dict[str, Phone] = {}
    for phone in phones:
        seen.setdefault(phone.e164, phone)
    return list(seen.values())


def record_hash(record: NormRecord) -> str:
    """A stable content hash: the first 16 hex digits of the SHA-256 of a canonical JSON of the
    role and every normalised field that holds a value (phones as E.164, dates in ISO), leaving
    out ``HASH_EXCLUDES``. The same content on another row, in another source or in another
    message keeps its hash; a field added to NormRecord later changes no hash while empty."""
    content: dict[str, Any] = {}
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        if item.name in HASH_EXCLUDES or value is None or value is False or value in ("", []):
            continue
        if item.name == "phones":
            value = [phone.e164 for phone in value]
        content[item.name] = value.isoformat() if isinstance(value, dt.date) else value
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _field_quarantine(raw: RawRecord, name: str, problem: FieldProblem) -> Quarantined:
    reason = (
        f"{name} {problem.reason} (rule {problem.rule}); the field was dropped and the record kept"
    )
    return Quarantined(raw.source, raw.record_key, name, problem.rule, reason, raw.raw)


def _whole_quarantine(raw: RawRecord, rule: str, what: str, fields: _Fields) -> Quarantined:
    reason = f"{what} (rule {rule}); the record was not used"
    if fields.problems:
        dropped = ", ".join(f"{name} ({problem.rule})" for name, problem in fields.problems)
        reason += f"; fields dropped: {dropped}"
    return Quarantined(raw.source, raw.record_key, None, rule, reason, raw.raw)


def _whole_record_rule(record: NormRecord, role: Role) -> tuple[str, str] | None:
    if role == "optouts":
        if record.emails or record.phones:
            return None
        return "optout_has_email_or_phone", "the opt-out has no usable email or phone"
    if not record.identifies_a_person():
        return "record_identifies_a_person", "the record has no usable email, phone or name"
    if role == "deals" and record.deal_date is None:
        return "deal_date_is_a_date", "deal_date is missing or not a valid date"
    return None


def normalise_record(
    raw: RawRecord,
    *,
    role: Role,
    region: str,
    date_order: str | None,
    priority: int,
    today: dt.date,
    sms_to_fixed_line_or_mobile: bool = True,
) -> tuple[NormRecord | None, list[Quarantined]]:
    """Normalise one record of a source of ``role``; give (the record or None, quarantined).

    ``region`` is the source's region for phones and, unless ``date_order`` is given, for the
    order of numeric dates. ``today`` bounds birthdays, anniversaries and foundings (none in the
    future) and sets the two-digit-year pivot. ``mobile`` is the first number that can take SMS
    (see :func:`can_take_sms`): the ``mobile`` values first, then the ``phone`` values.
    ``timezone`` is the explicit field, else the address's zone, else the first phone's zone
    when it implies just one, else None (the caller applies the config's default). A record of
    an ``optouts`` source is always ``opted_out``. A single-valued field (birthday, country,
    ...) uses its first value; emails and phones keep every value, in order, without duplicates.

    Gives None and one whole-record Quarantined when a contact, deal or dispute names no person
    (no email, phone or name: ``record_identifies_a_person``), an opt-out has no email or phone
    (``optout_has_email_or_phone``) or a deal no valid date (``deal_date_is_a_date``).
    """
    order = cast(Order, date_order) if date_order in _ORDERS else date_order_for_region(region)
    fields = _Fields(raw)

    def partial(name: str) -> Callable[[str], PartialDate]:
        return lambda v: parse_partial_date(v, order, name, not_after=today, today=today)

    def full_date(name: str, *, past: bool) -> Callable[[str], dt.date]:
        limit = today if past else None
        return lambda v: parse_date(v, order, name, not_after=limit, today=today)

    full_name = fields.first("full_name")
    person = parse_name(
        full_name=full_name,
        given_name=fields.first("given_name"),
        middle_name=fields.first("middle_name"),
        family_name=fields.first("family_name"),
        nickname=fields.first("nickname"),
        honorific=fields.first("honorific"),
    )
    company = _text(fields.first("company"))
    if company is None and full_name and looks_like_company(full_name):
        company = _text(full_name)
    emails = list(dict.fromkeys(fields.each("email", normalise_email)))
    phones = fields.each("phone", lambda v: normalise_phone(v, region))
    mobiles = fields.each("mobile", lambda v: normalise_phone(v, region))
    sms = [p for p in mobiles + phones if can_take_sms(p, sms_to_fixed_line_or_mobile)]
    all_phones = _unique_phones(phones + mobiles)
    birthday = fields.one("birthday", partial("birthday"))
    amount_text = fields.first("amount")
    amount = fields.one("amount", parse_amount)
    currency = fields.one("currency", normalise_currency)
    if currency is None and amount is not None and amount_text is not None:
        currency = currency_in_amount(amount_text)
    country = fields.one("country", _country)
    city, region_name = _text(fields.first("city")), _text(fields.first("region"))
    zone = fields.one("timezone", _timezone)
    if zone is None and country is not None:
        zone = timezone_for(country, region_name, city)
    if zone is None and all_phones and len(all_phones[0].timezones) == 1:
        zone = all_phones[0].timezones[0]
    opted_out = fields.one("opted_out", parse_flag)
    postcode = _text(fields.first("postcode"))

    record = NormRecord(
        source=raw.source,
        record_key=raw.record_key,
        role=role,
        given_name=person.given,
        middle_name=person.middle,
        family_name=person.family,
        full_name=person.full,
        nickname=person.nickname,
        honorific=person.honorific,
        name_latin=person.latin,
        script=person.script,
        emails=emails,
        phones=all_phones,
        mobile=sms[0].e164 if sms else None,
        birthday_month=birthday.month if birthday else None,
        birthday_day=birthday.day if birthday else None,
        birth_year=birthday.year if birthday else None,
        anniversary=fields.one("anniversary", full_date("anniversary", past=True)),
        gender=fields.one("gender", normalise_gender) or person.gender,
        language=fields.one("language", normalise_language),
        company=company,
        company_founded=fields.one("company_founded", full_date("company_founded", past=True)),
        street=_text(fields.first("street"), lines=True),
        city=city,
        postcode=postcode.upper() if postcode else None,
        region=region_name,
        country=country,
        timezone=zone,
        tier=_text(fields.first("tier")),
        opted_out=role == "optouts" or bool(opted_out),
        deal_date=fields.one("deal_date", full_date("deal_date", past=False)),
        amount=amount,
        currency=currency,
        dispute_opened=fields.one("dispute_opened", full_date("dispute_opened", past=False)),
        dispute_resolved=fields.one("dispute_resolved", full_date("dispute_resolved", past=False)),
        dispute_outcome=_text(fields.first("dispute_outcome")),
        message_at=fields.one("message_at", parse_timestamp),
        priority=priority,
        raw=raw.raw,
    )
    whole = _whole_record_rule(record, role)
    if whole is not None:
        logger.debug("source %s: a record failed %s", raw.source, whole[0])
        return None, [_whole_quarantine(raw, whole[0], whole[1], fields)]
    if fields.problems:
        rules = sorted({problem.rule for _, problem in fields.problems})
        logger.debug("source %s: %d field(s) dropped (%s)", raw.source, len(fields.problems), rules)
    record.record_hash = record_hash(record)
    return record, [_field_quarantine(raw, name, problem) for name, problem in fields.problems]
