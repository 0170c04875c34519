"""Great Expectations suites, built in code from the columns of ``schemas/tables.py``.

Each rule is declared as data: the column of ``CONTACTS`` it guards, the record field that holds
it before resolution, the expectation, and the rule's name as quarantine reports it. The suites
run on the normalised records (one row per record; emails and phones one row per value).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any

import great_expectations as gx
import phonenumbers

from schemas.tables import CONTACTS

E164 = r"^\+[1-9][0-9]{6,14}$"
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s.]+$"


@dataclass(frozen=True, slots=True)
class Rule:
    """One expectation on one column, and what the quarantine calls it."""

    rule: str
    column: str  # the CONTACTS column it guards
    field: str  # the record field (and frame column) it runs on
    frame: str  # "records", "emails" or "phones"
    expectation: str  # a great_expectations.expectations class name
    kwargs: dict[str, Any]
    says: str  # the second half of the reason sentence


def rules(today: dt.date) -> tuple[Rule, ...]:
    """The declared rules; ``today`` bounds birth years."""
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    zones = sorted(zoneinfo.available_timezones())
    declared = (
        Rule(
            "birthday_month_in_range",
            "birthday_month",
            "birthday_month",
            "records",
            "ExpectColumnValuesToBeBetween",
            {"min_value": 1, "max_value": 12},
            "must be a month from 1 to 12",
        ),
        Rule(
            "birthday_day_in_range",
            "birthday_day",
            "birthday_day",
            "records",
            "ExpectColumnValuesToBeBetween",
            {"min_value": 1, "max_value": 31},
            "must be a day from 1 to 31",
        ),
        Rule(
            "birth_year_plausible",
            "birth_year",
            "birth_year",
            "records",
            "ExpectColumnValuesToBeBetween",
            {"min_value": 1900, "max_value": today.year},
            f"must lie between 1900 and {today.year}",
        ),
        Rule(
            "country_is_iso_3166",
            "country",
            "country",
            "records",
            "ExpectColumnValuesToBeInSet",
            {"value_set": regions},
            "must be an ISO 3166-1 alpha-2 code",
        ),
        Rule(
            "timezone_is_iana",
            "timezone",
            "timezone",
            "records",
            "ExpectColumnValuesToBeInSet",
            {"value_set": zones},
            "must be an IANA time zone name",
        ),
        Rule(
            "gender_is_known",
            "gender",
            "gender",
            "records",
            "ExpectColumnValuesToBeInSet",
            {"value_set": ["female", "male"]},
            "must be female or male",
        ),
        Rule(
            "language_is_iso_639_1",
            "language",
            "language",
            "records",
            "ExpectColumnValuesToMatchRegex",
            {"regex": r"^[a-z]{2}$"},
            "must be a two-letter ISO 639-1 code",
        ),
        Rule(
            "mobile_is_e164",
            "mobile",
            "mobile",
            "records",
            "ExpectColumnValuesToMatchRegex",
            {"regex": E164},
            "must be an E.164 number",
        ),
        Rule(
            "email_is_valid",
            "emails",
            "email",
            "emails",
            "ExpectColumnValuesToMatchRegex",
            {"regex": EMAIL},
            "must be an email address",
        ),
        Rule(
            "phone_is_e164",
            "phones",
            "phone",
            "phones",
            "ExpectColumnValuesToMatchRegex",
            {"regex": E164},
            "must be an E.164 number",
        ),
    )
    names = set(CONTACTS.names)
    for rule in declared:
        if rule.column not in names:
            raise AssertionError(f"rule {rule.rule} guards {rule.column}, not in CONTACTS")
    return declared


def suite_for(frame: str, today: dt.date) -> gx.ExpectationSuite:
    """The suite for one frame, each expectation carrying its rule in ``meta``."""
    suite = gx.ExpectationSuite(name=f"rapport_{frame}")
    for rule in rules(today):
        if rule.frame != frame:
            continue
        cls = getattr(gx.expectations, rule.expectation)
        suite.add_expectation(cls(column=rule.field, meta={"rule": rule.rule}, **rule.kwargs))
    return suite
