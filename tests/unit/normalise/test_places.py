"""Truth tables for countries, canonical time zones and the zone of an address."""

from __future__ import annotations

import csv
import zoneinfo

import pytest

from tasks.normalise.places import (
    PLACE_TIMEZONES,
    canonical_timezone,
    normalise_country,
    timezone_for,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("RU", "RU", "an alpha-2 code"),
        ("ru", "RU", "codes are case-insensitive"),
        ("RUS", "RU", "an alpha-3 code"),
        ("Russia", "RU", "the English name from iso3166.tab"),
        ("Russian Federation", "RU", "the official English name"),
        ("Россия", "RU", "Russian"),
        ("РФ", "RU", "the Russian abbreviation"),
        ("Индия", "IN", "India in Russian"),
        ("भारत", "IN", "India in Hindi"),
        ("இந்தியா", "IN", "India in Tamil"),
        ("США", "US", "the USA in Russian"),
        ("Соединённые Штаты", "US", "ё read as е"),
        ("U.S.A.", "US", "dots dropped"),
        ("UK", "GB", "UK is not an ISO code but means GB"),
        ("Great Britain", "GB", "a common synonym"),
        ("  germany ", "DE", "trimmed, any case"),
        ("The Netherlands", "NL", "a leading 'the'"),
        ("Narnia", None, "unknown: the caller quarantines it"),
        ("XX", None, "not a code"),
    ],
)
def test_normalise_country(text: str, expected: str | None, why: str) -> None:
    assert normalise_country(text) == expected, why


@pytest.mark.parametrize(
    ("name", "expected", "why"),
    [
        ("Asia/Calcutta", "Asia/Kolkata", "legacy link to the canonical name"),
        ("Europe/Kiev", "Europe/Kyiv", "renamed in 2022"),
        ("US/Eastern", "America/New_York", "a backward-compatible alias"),
        ("asia/kolkata", "Asia/Kolkata", "any case"),
        ("Europe/Moscow", "Europe/Moscow", "already canonical"),
        ("Europe/Oslo", "Europe/Oslo", "a country's own zone is not merged into Europe/Berlin"),
        ("UTC", "Etc/UTC", "UTC's canonical name"),
        ("Etc/Unknown", None, "not a zone"),
        ("Mars/Olympus", None, "not a zone"),
        ("Europe", None, "a folder, not a zone"),
        ("", None, "empty"),
    ],
)
def test_canonical_timezone(name: str, expected: str | None, why: str) -> None:
    assert canonical_timezone(name) == expected, why


@pytest.mark.parametrize(
    ("country", "region", "city", "expected", "why"),
    [
        ("IN", None, None, "Asia/Kolkata", "India has one zone"),
        ("India", "Tamil Nadu", "Chennai", "Asia/Kolkata", "one zone whatever the city"),
        ("GB", None, "London", "Europe/London", "one zone"),
        ("DE", None, None, "Europe/Berlin", "most of Germany: Busingen is an exclave"),
        ("RU", None, "Москва", "Europe/Moscow", "a city in Russian"),
        ("RU", None, "St. Petersburg", "Europe/Moscow", "a city in English, with a dot"),
        ("Россия", None, "г. Новосибирск", "Asia/Novosibirsk", "'г.' is dropped"),
        ("RU", "Свердловская область", None, "Asia/Yekaterinburg", "a region, 'область' dropped"),
        ("RU", None, "Vladivostok", "Asia/Vladivostok", "the Far East"),
        ("RU", None, None, None, "Russia has eleven zones: no guess"),
        ("RU", None, "Atlantis", None, "an unknown city gives no zone"),
        ("US", "CA", None, "America/Los_Angeles", "a state code"),
        ("USA", "New York", "Buffalo", "America/New_York", "a state name when the city is unknown"),
        ("US", "TN", None, None, "Tennessee is split between zones"),
        ("CA", "Ontario", None, "America/Toronto", "a Canadian province"),
        (None, None, "Moscow", None, "no country, no zone"),
        ("Narnia", None, None, None, "an unknown country"),
    ],
)
def test_timezone_for(
    country: str | None, region: str | None, city: str | None, expected: str | None, why: str
) -> None:
    assert timezone_for(country, region, city) == expected, why


def test_every_place_of_the_reference_table_gives_its_canonical_zone() -> None:
    """Each row of place_timezones.csv is found by its own spelling (no two rows collide after
    folding) and names an IANA zone that is already canonical."""
    text = PLACE_TIMEZONES.read_text("utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert len(rows) > 100
    for row in rows:
        zone = timezone_for(row["country"], None, row["place"])
        assert zone is not None and zone == row["timezone"], row
        assert canonical_timezone(zone) == zone, row
        zoneinfo.ZoneInfo(zone)
