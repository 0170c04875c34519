"""Validation with real Great Expectations: failing values dropped and noted, records kept."""

import datetime as dt

import pytest

from schemas.records import NormRecord, Phone
from tasks.validate import validate_records

pytestmark = pytest.mark.unit
TODAY = dt.date(2026, 11, 23)


def rec(key: str, **kw: object) -> NormRecord:
    return NormRecord(
        "crm", key, "contacts", record_hash=key, full_name="Ivan Smirnov", raw={"row": key}, **kw
    )  # type: ignore[arg-type]


def test_bad_values_are_dropped_and_named_with_the_expectation() -> None:
    records = [
        rec("2", birthday_month=13, birthday_day=5, emails=["ivan@example.com"]),
        rec("3", country="XX", gender="other", timezone="Mars/Base"),
        rec(
            "4",
            emails=["not-an-email", "ok@example.org"],
            phones=[Phone("12345", "unknown", None, ())],
        ),
        rec("5", birth_year=1850, language="russian"),
        rec("6", country="RU", timezone="Europe/Moscow", gender="female", language="ru"),
    ]
    result = validate_records(records, TODAY)
    notes = {(q.record_key, q.field, q.rule) for q in result.quarantined}
    assert notes == {
        ("2", "birthday_month", "birthday_month_in_range"),
        ("3", "country", "country_is_iso_3166"),
        ("3", "gender", "gender_is_known"),
        ("3", "timezone", "timezone_is_iana"),
        ("4", "emails", "email_is_valid"),
        ("4", "phones", "phone_is_e164"),
        ("5", "birth_year", "birth_year_plausible"),
        ("5", "language", "language_is_iso_639_1"),
    }
    kept = {r.record_key: r for r in result.records}
    assert set(kept) == {"2", "3", "4", "5", "6"}
    assert kept["2"].birthday_month is None and kept["2"].emails == ["ivan@example.com"]
    assert kept["4"].emails == ["ok@example.org"] and kept["4"].phones == []
    assert kept["6"].country == "RU"
    assert result.summary["email_is_valid"] == {"evaluated": 3, "failed": 1}
    for q in result.quarantined:
        assert q.field in q.reason and q.rule in q.reason


def test_a_record_left_without_identity_and_a_repeated_key_go_whole() -> None:
    lonely = NormRecord("crm", "7", "contacts", record_hash="7", emails=["bad@"], raw={})
    result = validate_records([lonely, rec("8"), rec("8")], TODAY)
    whole = {(q.record_key, q.rule) for q in result.quarantined if q.field is None}
    assert whole == {("7", "record_identifies_a_person"), ("8", "record_key_is_unique")}
    assert [r.record_key for r in result.records] == ["8"]
