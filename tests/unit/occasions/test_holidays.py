"""Holidays of the contact's own culture: which count, on which day, for whom."""

from __future__ import annotations

import datetime as dt

import pytest

from tasks.errors import ConfigError
from tasks.occasions.holidays import audience, load_catalogue

pytestmark = pytest.mark.unit

EVERYONE = frozenset({"all"})
D = dt.date


def _days(country: str, year: int, who: frozenset[str] = EVERYONE, settings=None) -> dict:
    found = load_catalogue().occasions(country, year, who, settings or {})
    return {h.occasion: h.date for h in found}


@pytest.mark.parametrize(
    ("country", "year", "who", "expected"),
    [
        # Russia's New Year holidays run 1-8 January: greeted once, on the 1st
        ("RU", 2027, EVERYONE, {"New Year": D(2027, 1, 1), "Orthodox Christmas": D(2027, 1, 7)}),
        (
            "RU",
            2027,
            frozenset({"all", "male"}),
            {
                "New Year": D(2027, 1, 1),
                "Orthodox Christmas": D(2027, 1, 7),
                "Defender of the Fatherland Day": D(2027, 2, 23),
            },
        ),
        (
            "RU",
            2028,
            frozenset({"all", "female"}),
            {
                "New Year": D(2028, 1, 1),
                "Orthodox Christmas": D(2028, 1, 7),
                "International Women's Day": D(2028, 3, 8),
            },
        ),
        ("IN", 2027, EVERYONE, {"New Year": D(2027, 1, 1), "Diwali": D(2027, 10, 29)}),
        ("IN", 2028, EVERYONE, {"New Year": D(2028, 1, 1), "Diwali": D(2028, 10, 17)}),
        (
            "IN",
            2027,
            frozenset({"all", "tamil"}),
            {"New Year": D(2027, 1, 1), "Diwali": D(2027, 10, 29), "Pongal": D(2027, 1, 15)},
        ),
        # the package lists Diwali up to 2035: later years give no date, so no occasion
        ("IN", 2036, EVERYONE, {"New Year": D(2036, 1, 1)}),
        (
            "US",
            2027,
            EVERYONE,
            {
                "New Year": D(2027, 1, 1),
                "Thanksgiving": D(2027, 11, 25),
                "Christmas": D(2027, 12, 25),
            },
        ),
        (
            "CA",
            2027,
            EVERYONE,
            {
                "New Year": D(2027, 1, 1),
                "Thanksgiving": D(2027, 10, 11),
                "Christmas": D(2027, 12, 25),
            },
        ),
        ("GB", 2027, EVERYONE, {"New Year": D(2027, 1, 1), "Christmas": D(2027, 12, 25)}),
        # a country the catalogue does not list: the New Year only
        ("BR", 2027, EVERYONE, {"New Year": D(2027, 1, 1)}),
    ],
)
def test_default_holidays(country: str, year: int, who: frozenset[str], expected: dict) -> None:
    assert _days(country, year, who) == expected


def test_the_config_replaces_a_countrys_defaults_and_may_name_any_holiday_of_the_package() -> None:
    settings = {"RU": ["New Year", "Victory Day", "Russia Day"], "US": []}
    assert _days("RU", 2027, settings=settings) == {
        "New Year": D(2027, 1, 1),
        "Victory Day": D(2027, 5, 9),
        "Russia Day": D(2027, 6, 12),
    }
    assert _days("US", 2027, settings=settings) == {}
    assert "Diwali" in _days("IN", 2027, settings=settings)  # other countries keep defaults


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"RU": ["Diwali"]}, "occasions.holidays.RU: 'Diwali' is not a holiday of RU"),
        ({"XX": ["New Year"]}, "occasions.holidays.XX: 'XX' is not a country"),
    ],
)
def test_a_holiday_the_country_does_not_have_is_a_config_error(
    settings: dict, message: str
) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        load_catalogue().validate(settings, 2027)


def test_valid_settings_pass() -> None:
    load_catalogue().validate({"RU": ["Victory Day", "New Year"], "IN": ["Holi"]}, 2027)


@pytest.mark.parametrize(
    ("gender", "language", "script", "region", "expected"),
    [
        (None, "en", "Latin", None, {"all"}),
        ("female", "ru", "Cyrillic", None, {"all", "female"}),
        ("male", "en", None, None, {"all", "male"}),
        (None, "ta", None, None, {"all", "tamil"}),
        (None, "en", "Tamil", None, {"all", "tamil"}),
        (None, "en", "Latin", "Tamil Nadu", {"all", "tamil"}),
        (None, "en", "Latin", "TN", {"all", "tamil"}),
        (None, "en", "Latin", "IN-TN", {"all", "tamil"}),
        (None, "en", "Latin", "Tamilnadu", {"all", "tamil"}),
        (None, "en", "Latin", "Puducherry", {"all", "tamil"}),
        (None, "hi", "Devanagari", "MH", {"all"}),
    ],
)
def test_audience(gender, language, script, region, expected) -> None:
    assert audience(gender, language, script, region) == expected


def test_every_default_holiday_has_a_day_in_every_year_the_package_covers() -> None:
    catalogue = load_catalogue()
    everyone = frozenset({"all", "female", "male", "tamil"})
    for country, rules in catalogue.rules.items():
        for year in range(2024, 2036):  # Diwali and the like are listed up to 2035
            found = {h.occasion for h in catalogue.occasions(country, year, everyone, {})}
            assert found == {r.occasion for r in rules if r.default}, (country, year)


def test_a_star_list_stands_for_every_country_without_its_own() -> None:
    settings = {"*": ["New Year", "Christmas"], "RU": ["New Year"]}
    assert _days("BR", 2027, settings=settings) == {
        "New Year": D(2027, 1, 1),
        "Christmas": D(2027, 12, 25),
    }
    assert _days("RU", 2027, settings=settings) == {"New Year": D(2027, 1, 1)}


def test_listing_pongal_greets_every_contact_of_the_country() -> None:
    assert "Pongal" not in _days("IN", 2027)
    assert "Pongal" in _days("IN", 2027, settings={"IN": ["Diwali", "Pongal"]})
