"""Birthdays: dates, leap days, ages, channels, send_at and opt-outs."""

import datetime as dt

import pytest

from tasks.occasions.calendar import build_calendar, occurrence, send_at
from tasks.occasions.salutation import load_templates, salutation

pytestmark = pytest.mark.unit
TEMPLATES = load_templates()


def contact(**kw: object) -> dict:
    base = {
        "contact_id": "c_1",
        "emails": ["ivan@example.com"],
        "phones": [],
        "mobile": None,
        "birthday_month": 5,
        "birthday_day": 17,
        "birth_year": 1980,
        "language": "ru",
        "gender": "male",
        "given_name": "Иван",
        "middle_name": "Петрович",
        "timezone": "Europe/Moscow",
        "opted_out": False,
        "country": "RU",
    }
    base.update(kw)
    return base


@pytest.mark.parametrize(
    ("year", "rule", "expected"),
    [
        (2027, "feb28", dt.date(2027, 2, 28)),  # common year, default rule
        (2027, "mar01", dt.date(2027, 3, 1)),  # common year, the setting
        (2028, "feb28", dt.date(2028, 2, 29)),
    ],  # leap year: the day itself
)
def test_29_february(year: int, rule: str, expected: dt.date) -> None:
    assert occurrence(year, 2, 29, rule) == expected


def test_birthday_on_1_january_seen_from_december() -> None:
    rows = build_calendar(
        [contact(birthday_month=1, birthday_day=1)],
        dt.date(2026, 12, 20),
        dt.date(2027, 1, 10),
        send_hour=9,
        feb29="feb28",
        templates=TEMPLATES,
    )
    assert [r["occasion_date"] for r in rows] == [dt.date(2027, 1, 1)]
    assert rows[0]["years"] == 47


def test_year_less_birthday_has_no_age() -> None:
    rows = build_calendar(
        [contact(birth_year=None)],
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        send_hour=9,
        feb29="feb28",
        templates=TEMPLATES,
    )
    assert len(rows) == 1 and rows[0]["years"] is None


def test_send_at_is_local_hour_in_utc() -> None:
    assert send_at(dt.date(2026, 5, 17), 9, "Europe/Moscow") == dt.datetime(
        2026, 5, 17, 6, tzinfo=dt.UTC
    )
    assert send_at(dt.date(2026, 5, 17), 9, "Asia/Kolkata") == dt.datetime(
        2026, 5, 17, 3, 30, tzinfo=dt.UTC
    )
    assert send_at(dt.date(2026, 7, 4), 9, "America/New_York") == dt.datetime(
        2026, 7, 4, 13, tzinfo=dt.UTC
    )  # daylight saving time


@pytest.mark.parametrize(
    ("changes", "channel", "reason"),
    [
        ({}, "email", None),
        ({"emails": [], "mobile": "+79161234567"}, "sms", None),
        ({"emails": [], "mobile": None}, None, "no_channel"),
        ({"opted_out": True}, "email", "opted_out"),
        ({"opted_out": True, "emails": []}, None, "opted_out"),
    ],
)
def test_channel_and_suppression(changes: dict, channel: str | None, reason: str | None) -> None:
    rows = build_calendar(
        [contact(**changes)],
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        send_hour=9,
        feb29="feb28",
        templates=TEMPLATES,
    )
    assert rows[0]["channel"] == channel
    assert rows[0]["suppression_reason"] == reason
    assert rows[0]["suppressed"] is (reason is not None)


def test_ids_are_stable_and_differ_per_year() -> None:
    window = dict(send_hour=9, feb29="feb28", templates=TEMPLATES)
    a = build_calendar([contact()], dt.date(2026, 1, 1), dt.date(2027, 12, 31), **window)
    b = build_calendar([contact()], dt.date(2026, 1, 1), dt.date(2027, 12, 31), **window)
    assert [r["occasion_id"] for r in a] == [r["occasion_id"] for r in b]
    assert len({r["occasion_id"] for r in a}) == 2


@pytest.mark.parametrize(
    ("language", "gender", "given", "middle", "english_ru", "expected"),
    [
        ("ru", "male", "Иван", "Петрович", False, "Уважаемый Иван Петрович"),
        ("ru", "female", "Анна", "Сергеевна", False, "Уважаемая Анна Сергеевна"),
        ("en", None, "Ivan", "Petrovich", True, "Dear Ivan Petrovich"),
        ("en", "female", "Priya", None, False, "Dear Priya"),
        ("en", None, None, None, False, "Dear friend"),
        ("ru", None, None, None, False, "Здравствуйте"),
        ("xx", None, "Jo", None, False, "Dear Jo"),
    ],
)
def test_salutations(
    language: str,
    gender: str | None,
    given: str | None,
    middle: str | None,
    english_ru: bool,
    expected: str,
) -> None:
    assert salutation(TEMPLATES, language, gender, given, middle, english_ru) == expected
