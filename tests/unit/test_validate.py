"""Validation with real Great Expectations: failing values dropped and noted, records kept."""

import datetime as dt

import pytest

from schemas.records import NormRecord, Phone
from tasks.validate import combined, validate_records, validate_sources

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


def test_each_source_gets_its_share_and_the_records_given_stay_as_read() -> None:
    records = [
        rec("1", birth_year=1850),
        NormRecord("vcf", "a", "contacts", record_hash="a", full_name="Olga", raw={}, gender="x"),
        rec("2", emails=["ok@example.org", "bad"]),
        rec("2"),
    ]
    shares = validate_sources(records, TODAY)
    assert list(shares) == ["crm", "vcf"]
    crm, vcf = shares["crm"], shares["vcf"]
    assert {(q.record_key, q.rule) for q in crm.quarantined} == {
        ("1", "birth_year_plausible"),
        ("2", "email_is_valid"),
        ("2", "record_key_is_unique"),
    }
    assert [(q.record_key, q.rule) for q in vcf.quarantined] == [("a", "gender_is_known")]
    assert crm.summary["email_is_valid"] == {"evaluated": 2, "failed": 1}
    assert vcf.summary["email_is_valid"] == {"evaluated": 0, "failed": 0}
    assert crm.summary["record_key_is_unique"] == {"evaluated": 3, "failed": 1}
    # the values were dropped from copies: a cached source can be validated again
    assert records[0].birth_year == 1850 and records[2].emails == ["ok@example.org", "bad"]
    assert records[1].gender == "x" and vcf.records[0].gender is None
    whole = combined(shares.values(), TODAY)
    assert whole.summary == validate_records(records, TODAY).summary
    assert whole.summary["gender_is_known"] == {"evaluated": 1, "failed": 1}
    assert len(whole.records) == 3 and len(whole.quarantined) == 4
