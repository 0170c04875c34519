"""Survivorship: which record's values a contact keeps."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tasks.resolve.contacts import build_contact, rank
from tests.unit.resolve.people import person

pytestmark = pytest.mark.unit
DAY = dt.date(2026, 11, 23)


def _contact(records: list) -> dict:
    return build_contact("c_1", records, DAY, "Europe/Moscow", None, set())


def test_a_higher_source_priority_wins_a_conflict() -> None:
    low = person(full_name="Ivan Smirnov", city="Kazan", email="a@x.ru", company="Old LLC")
    high = dataclasses.replace(person("crm", full_name="Иван Смирнов", city="Moskva"), priority=10)
    contact = _contact([low, high])
    assert (contact["given_name"], contact["city"]) == ("Иван", "Moskva")
    assert contact["company"] == "Old LLC"  # a value only the other record has still survives


def test_the_more_complete_record_wins_at_equal_priority() -> None:
    thin = person(full_name="Ivan Smirnov", city="Kazan")
    rich = person(full_name="Иван Петрович Смирнов", city="Moskva", email="i@x.ru", company="X")
    assert rank([thin, rich])[0] is rich
    assert _contact([thin, rich])["middle_name"] == "Петрович"


def test_a_spreadsheet_before_mail_and_the_latest_mail_first() -> None:
    sheet = person(full_name="Ivan Smirnov", email="i@x.ru")
    old = dataclasses.replace(
        person("mail", full_name="I. Smirnov", email="i@x.ru"),
        message_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    new = dataclasses.replace(
        person("mail", full_name="Vanya Smirnov", email="i@x.ru"),
        message_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    assert rank([old, new, sheet]) == [sheet, new, old]


def test_every_email_and_phone_is_kept_the_best_record_first() -> None:
    best = person(full_name="Иван Петрович Смирнов", email="main@x.ru", phone="+79160000001")
    other = person("google", full_name="Ivan Smirnov", email="second@y.ru", phone="+79160000002")
    contact = _contact([other, best])
    assert contact["emails"] == ["main@x.ru", "second@y.ru"]
    assert contact["phones"] == ["+79160000001", "+79160000002"]
