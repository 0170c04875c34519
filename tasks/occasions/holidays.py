"""Holidays of a contact's own culture that are greeting occasions.

Which holidays count is data: ``data/reference/occasions/holidays.csv`` (its header says why
each is there) gives per country the occasions and whether each is a default; the config's
``occasions.holidays: {COUNTRY: [occasion, ...]}`` replaces a country's defaults, and may name
any other day the ``holidays`` package lists for that country by its English name. The dates
come from the package: a holiday of several days is greeted on its first (Russia's New Year
holidays), a day the package stops listing (Diwali after 2035) gives no occasion that year.

An occasion may be for part of a country's people: the men or the women (23 February and
8 March in Russia), or Tamil people (Pongal: a contact written to in Tamil, with a name in Tamil
script, or living in Tamil Nadu or Puducherry). Listing an occasion for Tamil people in the
config (``IN: [New Year, Diwali, Pongal]``) greets every contact of that country on it.

A contact without a country has the holidays of the country its language is most spoken in
(ru: RU, hi and ta: IN), else those for any country (the New Year). ``"*"`` in the config
stands for every country without a list of its own.
"""

from __future__ import annotations

import csv
import datetime as dt
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import holidays as holiday_calendars

from tasks.errors import ConfigError

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference" / "occasions"
ANY_COUNTRY = "*"
AUDIENCES = frozenset({"all", "female", "male", "tamil"})
# Tamil Nadu and Puducherry as people write them: ISO 3166-2 codes with or without the country,
# and the names, folded to letters only
TAMIL_REGIONS = frozenset({"tn", "intn", "py", "inpy", "tamilnadu", "puducherry", "pondicherry"})
LANGUAGE_COUNTRY = {"ru": "RU", "hi": "IN", "ta": "IN"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One holiday that may be an occasion in a country."""

    country: str  # ISO 3166-1 alpha-2, or "*" for any country not listed
    occasion: str  # the occasion's name, as written to occasion_name
    holiday: str  # the holidays package's en_US name; "" when ``fixed``
    fixed: tuple[int, int] | None  # (month, day) of a day the package does not list
    subdiv: str | None  # the package's subdivision to ask
    audience: str  # all, female, male or tamil
    default: bool


@dataclass(frozen=True, slots=True)
class Holiday:
    occasion: str
    date: dt.date


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The holiday rules by country."""

    rules: Mapping[str, tuple[Rule, ...]]
    listed: dict[tuple[str, str | None, int], list[tuple[str, dt.date]]] = field(
        default_factory=dict, repr=False
    )  # the package's holidays per (country, subdivision, year), asked once

    def chosen(self, country: str, settings: Mapping[str, Sequence[str]]) -> tuple[Rule, ...]:
        """The rules that make occasions for ``country``: the config's list for it (or its
        ``"*"`` list) when it has one, each a catalogue occasion or any holiday of the package
        by its English name, an occasion for Tamil people then being for everyone; else the
        catalogue's defaults for the country, else those for any country."""
        own = self.rules.get(country)
        known = own if own is not None else self.rules.get(ANY_COUNTRY, ())
        listed = settings.get(country, settings.get(ANY_COUNTRY))
        if listed is None:
            return tuple(r for r in known if r.default)
        by_name = {r.occasion: r for r in (*self.rules.get(ANY_COUNTRY, ()), *known)}
        found = []
        for name in listed:
            rule = by_name.get(name) or _package_rule(country, name)
            found.append(replace(rule, audience="all") if rule.audience == "tamil" else rule)
        return tuple(found)

    def validate(self, settings: Mapping[str, Sequence[str]], year: int) -> None:
        """Raise :class:`ConfigError` naming ``occasions.holidays.COUNTRY`` for a name that is
        neither an occasion of the catalogue nor a holiday the package lists for the country
        in ``year`` or the next."""
        for country, names in settings.items():
            setting = f"occasions.holidays.{country}"
            if (
                country != ANY_COUNTRY
                and country not in holiday_calendars.list_supported_countries()
            ):
                raise ConfigError(
                    f"{setting}: {country!r} is not a country the holidays package knows"
                )
            catalogue = {
                r.occasion for r in (*self.rules.get(ANY_COUNTRY, ()), *self.rules.get(country, ()))
            }
            for name in names:
                known = any(self._day(country, None, y, name) for y in (year, year + 1))
                if name not in catalogue and not known:
                    raise ConfigError(f"{setting}: {name!r} is not a holiday of {country}")

    def _day(self, country: str, subdiv: str | None, year: int, name: str) -> dt.date | None:
        """The first day of the holiday whose English name starts with ``name`` in ``year``;
        None when the package lists none (a country it does not know, a year it does not
        cover: Diwali after 2035)."""
        key = (country, subdiv, year)
        if key not in self.listed:
            self.listed[key] = _listed(country, subdiv, year)
        days = [day for holiday, day in self.listed[key] if holiday.startswith(name)]
        return min(days, default=None)

    def occasions(
        self,
        country: str,
        year: int,
        audience: frozenset[str],
        settings: Mapping[str, Sequence[str]],
    ) -> list[Holiday]:
        """The holiday occasions of a contact of ``country`` and ``audience`` in ``year``."""
        found = []
        for rule in self.chosen(country, settings):
            if rule.audience not in audience:
                continue
            if rule.fixed is not None:
                found.append(Holiday(rule.occasion, dt.date(year, *rule.fixed)))
                continue
            day = self._day(country, rule.subdiv, year, rule.holiday)
            if day is not None:
                found.append(Holiday(rule.occasion, day))
        return found


def audience(
    gender: str | None, language: str | None, script: str | None, region: str | None
) -> frozenset[str]:
    """The audiences a contact belongs to."""
    groups = {"all"}
    if gender in ("female", "male"):
        groups.add(gender)
    tamil_region = "".join(ch for ch in (region or "").lower() if ch.isalpha()) in TAMIL_REGIONS
    if language == "ta" or script == "Tamil" or tamil_region:
        groups.add("tamil")
    return frozenset(groups)


def _listed(country: str, subdiv: str | None, year: int) -> list[tuple[str, dt.date]]:
    """(English name, day) of every holiday the package lists for ``country`` in ``year``."""
    if country == ANY_COUNTRY:
        return []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Diwali after 2035 and the like: no date, no occasion
        try:
            found = holiday_calendars.country_holidays(
                country, subdiv=subdiv, years=year, language="en_US"
            )
        except NotImplementedError:
            return []
        return [(name, day) for day, names in found.items() for name in names.split("; ")]


def _package_rule(country: str, name: str) -> Rule:
    return Rule(country, name, name, None, None, "all", True)


def load_catalogue(path: Path = REFERENCE / "holidays.csv") -> Catalogue:
    """The rules of ``holidays.csv``. Raises ValueError naming the file and line of a bad row."""
    rules: dict[str, list[Rule]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(line for line in handle if not line.startswith("#"))
        for number, row in enumerate(reader, start=1):
            try:
                rule = _rule(row)
            except (KeyError, ValueError) as error:
                raise ValueError(f"{path.name}: data row {number}: {error}") from None
            rules.setdefault(rule.country, []).append(rule)
    return Catalogue({country: tuple(found) for country, found in rules.items()})


def _rule(row: dict[str, str]) -> Rule:
    fixed = None
    if row["fixed"]:
        month, day = (int(part) for part in row["fixed"].split("-"))
        dt.date(2000, month, day)  # a real day of the year
        fixed = (month, day)
    if bool(row["holiday"]) == bool(fixed):
        raise ValueError("give either a holiday or a fixed day")
    if row["audience"] not in AUDIENCES:
        raise ValueError(f"audience must be one of {sorted(AUDIENCES)}")
    if row["default"] not in ("true", "false"):
        raise ValueError("default must be true or false")
    return Rule(
        row["country"],
        row["occasion"],
        row["holiday"],
        fixed,
        row["subdiv"] or None,
        row["audience"],
        row["default"] == "true",
    )
