"""Truth tables for dates: full, year-less, by order, in three languages, and timestamps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tasks.normalise.dates import (
    Order,
    PartialDate,
    date_order_for_region,
    is_empty_date,
    parse_date,
    parse_partial_date,
    parse_timestamp,
)
from tasks.normalise.problems import FieldProblem

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"
TODAY = dt.date(2026, 6, 1)
MAY_17_1980 = PartialDate(1980, 5, 17)


@pytest.mark.parametrize(
    ("text", "order", "expected", "why"),
    [
        ("1980-05-17", "DMY", MAY_17_1980, "ISO, whatever the order"),
        ("1980-05-17T00:00:00", "MDY", MAY_17_1980, "ISO with a time"),
        ("20090808T1430-0500", "DMY", PartialDate(2009, 8, 8), "basic ISO with a time (vCard)"),
        ("19800517", "DMY", MAY_17_1980, "basic ISO"),
        ("17.05.1980", "DMY", MAY_17_1980, "Russian dots"),
        ("17/05/1980", "DMY", MAY_17_1980, "slashes, DMY"),
        ("05/17/1980", "MDY", MAY_17_1980, "slashes, MDY"),
        ("17/05/1980", "MDY", MAY_17_1980, "a first number above 12 can only be a day"),
        ("05/17/1980", "DMY", MAY_17_1980, "a second number above 12 can only be a day"),
        ("05/06/1980", "DMY", PartialDate(1980, 6, 5), "ambiguous: the order decides (DMY)"),
        ("05/06/1980", "MDY", PartialDate(1980, 5, 6), "ambiguous: the order decides (MDY)"),
        ("1980/05/17", "MDY", MAY_17_1980, "a four-digit first number is a year"),
        ("80/05/17", "YMD", MAY_17_1980, "YMD with a two-digit year"),
        ("17-05-1980", "DMY", MAY_17_1980, "hyphens"),
        ("17 May 1980", "MDY", MAY_17_1980, "an English month name settles the order"),
        ("May 17, 1980", "DMY", MAY_17_1980, "month first with a comma"),
        ("17th May 1980", "DMY", MAY_17_1980, "an English ordinal"),
        ("17-May-80", "DMY", MAY_17_1980, "abbreviated month, two-digit year"),
        ("1980 May 17", "DMY", MAY_17_1980, "year first with a month name"),
        ("17 мая 1980", "DMY", MAY_17_1980, "Russian genitive month"),
        ("17 мая 1980 г.", "DMY", MAY_17_1980, "Russian 'г.' after the year"),
        ("Май 17", "DMY", PartialDate(None, 5, 17), "Russian nominative month, no year"),
        ("17 मई 1980", "DMY", MAY_17_1980, "Hindi month name"),
        ("17 мая", "DMY", PartialDate(None, 5, 17), "a year-less birthday"),
        ("--05-17", "DMY", PartialDate(None, 5, 17), "vCard 4 year-less"),
        ("--0517", "DMY", PartialDate(None, 5, 17), "vCard 4 year-less, basic"),
        ("17.05", "DMY", PartialDate(None, 5, 17), "day.month"),
        ("05/17", "MDY", PartialDate(None, 5, 17), "month/day"),
        ("1604-05-17", "DMY", PartialDate(None, 5, 17), "Apple writes 'no year' as 1604"),
        ("17.05.80", "DMY", MAY_17_1980, "80 is above 26 (2026): 1980"),
        ("17.05.05", "DMY", PartialDate(2005, 5, 17), "05 is not above 26: 2005"),
        ("29.02", "DMY", PartialDate(None, 2, 29), "29 February without a year is a birthday"),
        ("29.02.1980", "DMY", PartialDate(1980, 2, 29), "1980 was a leap year"),
    ],
)
def test_parse_partial_date(text: str, order: Order, expected: PartialDate, why: str) -> None:
    assert parse_partial_date(text, order, not_after=TODAY, today=TODAY) == expected, why


@pytest.mark.parametrize(
    ("text", "reason", "why"),
    [
        ("31.02.1980", "is not a valid date", "February has no 31st"),
        ("29.02.1981", "is not a valid date", "1981 was not a leap year"),
        ("13/13/1980", "is not a valid date", "no thirteenth month either way"),
        ("1899-12-31", "is a date before 1900", "too old to be a customer's birthday"),
        ("2030-01-01", "is a date in the future", "after not_after"),
        ("May 1980", "is not a valid date", "no day"),
        ("29358", "is not a valid date", "a serial number without excel_serial"),
        ("abc", "is not a valid date", "words that are no month"),
        ("", "is not a valid date", "empty"),
    ],
)
def test_rejects(text: str, reason: str, why: str) -> None:
    with pytest.raises(FieldProblem) as caught:
        parse_partial_date(text, "DMY", "birthday", not_after=TODAY, today=TODAY)
    assert (caught.value.rule, caught.value.reason) == ("birthday_is_a_date", reason), why


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("0/0/00", True, "Outlook's CSV export for an empty Birthday or Anniversary"),
        ("0.0.00", True, "the same under a dotted locale"),
        ("0000-00-00", True, "MySQL's zero date"),
        ("0000-00-00 00:00:00", True, "MySQL's zero datetime"),
        ("00.00.0000", True, "all zeros with dots"),
        ("00000000", True, "all zeros, basic ISO"),
        ("1/1/0001 12:00:00 AM", True, ".NET's DateTime.MinValue"),
        ("01.01.0001 0:00:00", True, "1C's empty date"),
        ("0001-01-01T00:00:00", True, "DateTime.MinValue in ISO"),
        (" 0/0/00 ", True, "spaces around"),
        ("", False, "a blank is no marker: the caller drops blanks itself"),
        ("0", False, "a lone zero could be a bad serial: left to the parser"),
        ("1/1/2001", False, "a real New Year's Day"),
        ("00/05/1980", False, "a zero day with a real month and year is a bad date, not a marker"),
        ("1/1/0001 12:30", False, "not midnight: not DateTime.MinValue"),
        ("10/1/0001", False, "year 1 but not 1 January"),
    ],
)
def test_is_empty_date(text: str, expected: bool, why: str) -> None:
    assert is_empty_date(text) is expected, why


def test_the_field_names_the_rule() -> None:
    with pytest.raises(FieldProblem) as caught:
        parse_partial_date("31.02.1980", "DMY", "anniversary")
    assert caught.value.rule == "anniversary_is_a_date"


def test_excel_serial_only_when_asked() -> None:
    assert parse_partial_date("29358", "DMY", excel_serial=True) == MAY_17_1980
    assert parse_partial_date("29358.0", "DMY", excel_serial=True) == MAY_17_1980


def test_parse_date_needs_a_year() -> None:
    assert parse_date("17.05.2020", "DMY", "deal_date") == dt.date(2020, 5, 17)
    with pytest.raises(FieldProblem) as caught:
        parse_date("17.05", "DMY", "deal_date")
    assert (caught.value.rule, caught.value.reason) == (
        "deal_date_is_a_date",
        "is a date without a year",
    )


@pytest.mark.parametrize(
    ("region", "expected", "why"),
    [
        ("US", "MDY", "the United States"),
        ("CA", "MDY", "Canada, mixed in practice: MDY"),
        ("ph", "MDY", "case-insensitive"),
        ("CN", "YMD", "China"),
        ("JP", "YMD", "Japan"),
        ("HU", "YMD", "Hungary"),
        ("RU", "DMY", "Russia"),
        ("IN", "DMY", "India"),
        (None, "DMY", "unknown region"),
    ],
)
def test_date_order_for_region(region: str | None, expected: str, why: str) -> None:
    assert date_order_for_region(region) == expected, why


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("2024-01-02T03:04:05Z", dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC), "Zulu"),
        ("2024-01-02T06:04:05+03:00", dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC), "offset"),
        ("2024-01-02 03:04:05", dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC), "naive is UTC"),
        ("Tue, 02 Jan 2024 06:04:05 +0300", dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
         "an RFC 2822 Date: header"),
    ],
)  # fmt: skip
def test_parse_timestamp(text: str, expected: dt.datetime, why: str) -> None:
    moment = parse_timestamp(text)
    assert moment == expected and moment.utcoffset() == dt.timedelta(0), why


def test_parse_timestamp_rejects() -> None:
    with pytest.raises(FieldProblem) as caught:
        parse_timestamp("yesterday")
    assert caught.value.rule == "message_at_is_a_timestamp"


def test_corpus_vcard_birthdays_and_anniversaries() -> None:
    """BDAY and ANNIVERSARY in the four notations real vCards use all parse."""
    values = [
        line.split(":", 1)[1]
        for path in sorted((CORPUS / "vcard").glob("*.vcf"))
        for line in path.read_bytes().decode("utf-8", errors="replace").splitlines()
        if line.upper().startswith(("BDAY", "ANNIVERSARY", "X-ANNIVERSARY")) and ":" in line
    ]
    assert len(values) >= 10
    parsed = [parse_partial_date(value, "DMY", today=TODAY) for value in values]
    assert PartialDate(None, 2, 3) in parsed  # BDAY:--0203
    assert PartialDate(1922, 3, 10) in parsed  # BDAY:19220310
    assert PartialDate(2009, 8, 8) in parsed  # ANNIVERSARY:20090808T1430-0500
