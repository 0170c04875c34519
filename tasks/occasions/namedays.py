"""Name days (именины, "Angel Day"): which calendar applies, which of its names a given name
stands for, and the day the person's name day falls on in a civil year.

Reads only ``data/reference/namedays/`` (its README gives the format, the provenance and the
choices made when it was built). Calendars: ``ru`` (Russian Orthodox, Julian dates), ``el``
(Greek Orthodox, fixed and Easter-relative), ``cs``, ``hu``, ``it``, ``lv``, ``ro``, ``sk``.

Which calendar: the contact's ISO 3166 country first (:data:`COUNTRY_CALENDARS`: a country is
listed only where the calendar is the custom of most of its people), then its ISO 639-1
language (:data:`LANGUAGE_CALENDARS`), so a Russian speaker in the US or Kazakhstan gets ``ru``
and an English speaker in India gets none.

Which names: tiers tried in order, the first that finds any name wins (:data:`TIERS`). Russian:
the name as written (any case, ё = е, its passport and common Latin spellings), then a
diminutive (Саша, Sasha, Шура), then the same two through :func:`tasks.resolve.keys.fold`
(Alexandr, Tatjana). Greek: as written, then without accents, then in Latin (ELOT 743, as Greek
passports spell: Georgios, Evangelos). Other lists: as written, then without accents (Jiří =
Jiri). Keys are equal or not: a different name is never matched by likeness. A given name of
several words that matches nothing is tried by its first word.

Which day: the first feast of the name on or after the birthday's month/day, wrapping to the
first of the year; that feast's date in the asked year. Without a birthday, the name's ``main``
feast (Russian) or else its first date in the asked year. Dated feasts are placed in the year by
their common-year day (Николай's feast of 13 March, Julian 28 February, is the one for a birthday
of 13 March even in 2028, when it falls on 12 March); Easter-relative ones by their day in the
asked year. A name that may stand for names with different feasts, which the gender does not
settle, has no name day: never guess.
"""

from __future__ import annotations

import calendar as cal
import csv
import datetime as dt
import functools
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii
from dateutil.easter import EASTER_ORTHODOX, easter

from tasks.resolve.keys import fold

logger = logging.getLogger(__name__)

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference" / "namedays"
CALENDARS = ("ru", "cs", "el", "hu", "it", "lv", "ro", "sk")
FEAST_COLUMNS = ("calendar", "name", "gender", "kind", "month", "day", "easter_offset", "main",
                 "church_name", "feast")  # fmt: skip
ALIAS_COLUMNS = ("calendar", "alias", "name", "gender", "kind")
DATED_KINDS = frozenset({"fixed", "leap_shift", "julian", "not_before_easter", "sunday_after"})
KINDS = DATED_KINDS | {"easter"}

COUNTRY_CALENDARS = {
    "RU": "ru", "BY": "ru", "CZ": "cs", "SK": "sk", "HU": "hu", "IT": "it", "SM": "it",
    "VA": "it", "LV": "lv", "RO": "ro", "GR": "el", "CY": "el",
}  # fmt: skip
LANGUAGE_CALENDARS = {c: c for c in CALENDARS}

# Per calendar, the (key, names) tiers of names_for: "full" are the calendar's names and their
# Latin spellings, "short" the diminutives of aliases.csv.
TIERS = {
    "ru": (("exact", "full"), ("exact", "short"), ("fold", "full"), ("fold", "short")),
    "el": (("exact", "full"), ("plain", "full"), ("greek_latin", "full")),
    **{c: (("exact", "full"), ("plain", "full")) for c in ("cs", "hu", "it", "lv", "ro", "sk")},
}
SHORT_ALIASES = frozenset({"diminutive", "diminutive_latin"})
ALIAS_KINDS = SHORT_ALIASES | {"latin", "latin_alt"}

_VOICELESS = "(?=[θκξπστφχψ]|[^α-ω\u0308]|$)"
_ELOT = tuple(
    (re.compile(pattern), latin)
    for pattern, latin in (
        (f"αυ(?!\u0308){_VOICELESS}", "af"), (f"ευ(?!\u0308){_VOICELESS}", "ef"),
        (f"ηυ(?!\u0308){_VOICELESS}", "if"), ("αυ(?!\u0308)", "av"), ("ευ(?!\u0308)", "ev"),
        ("ηυ(?!\u0308)", "iv"), ("ου(?!\u0308)", "ou"), ("γγ", "ng"), ("γξ", "nx"), ("γχ", "nch"),
    )
)  # fmt: skip


def _exact(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace("ё", "е").split())


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", _exact(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _greek_latin(text: str) -> str:
    """``fold`` of the ELOT 743 spelling (αυ, ευ as av/af, ev/ef; ου as ou; γγ as ng), which
    anyascii alone spells ay, ey, oy, gg."""
    decomposed = unicodedata.normalize("NFD", _exact(text))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0308")
    for pattern, latin in _ELOT:
        kept = pattern.sub(latin, kept)
    return fold(anyascii(kept.replace("\u0308", "")))


KEYS: dict[str, Callable[[str], str]] = {
    "exact": _exact, "plain": _plain, "fold": fold, "greek_latin": _greek_latin,
}  # fmt: skip


def civil_date(julian_month: int, julian_day: int, year: int) -> dt.date | None:
    """The civil (Gregorian) date in civil ``year`` of a Julian month/day, by Julian Day Number.

    Julian 12 January is 25 January (1900-2099); Julian 25 December falls on 7 January of the
    next civil year; Julian 28 February is 13 March, but 12 March in a Gregorian leap year.
    None when that Julian day does not fall in ``year`` (Julian 18 December in 2100).
    """
    for julian_year in (year - 1, year):
        if (julian_month, julian_day) == (2, 29) and julian_year % 4:
            continue
        a = (14 - julian_month) // 12
        y, m = julian_year + 4800 - a, julian_month + 12 * a - 3
        jdn = julian_day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
        civil = dt.date.fromordinal(jdn - 1721425)
        if civil.year == year:
            return civil
    return None


@dataclass(frozen=True, slots=True)
class Feast:
    """One feast of a name, as a row of the calendar's CSV (see the folder's README)."""

    kind: str
    month: int
    day: int
    easter_offset: int
    main: bool

    def date_in(self, year: int) -> dt.date | None:
        """The civil day of this feast in ``year``; 29 February is 28 February in a common year."""
        if self.kind == "julian":
            return civil_date(self.month, self.day, year)
        if self.kind in ("easter", "not_before_easter"):
            pascha = easter(year, EASTER_ORTHODOX) + dt.timedelta(days=self.easter_offset)
            return pascha if self.kind == "easter" else max(self._fixed(year), pascha)
        fixed = self._fixed(year)
        if self.kind == "leap_shift":
            return fixed + dt.timedelta(days=int(cal.isleap(year)))
        if self.kind == "sunday_after":
            return fixed + dt.timedelta(days=(6 - fixed.weekday()) % 7)
        return fixed

    def _fixed(self, year: int) -> dt.date:
        if (self.month, self.day) == (2, 29) and not cal.isleap(year):
            return dt.date(year, 2, 28)
        return dt.date(year, self.month, self.day)

    def place(self, year: int) -> tuple[int, int] | None:
        """(month, day) by which the birthday rule orders feasts: the common-year day of a
        dated feast, the day in ``year`` of a movable one."""
        if self.kind in ("fixed", "leap_shift"):
            return (self.month, self.day)
        when = self.date_in(year - 1 if cal.isleap(year) and self.kind == "julian" else year)
        return None if when is None else (when.month, when.day)


@dataclass(frozen=True)
class NameDay:
    """A person's name day in one civil year."""

    date: dt.date  # the civil day in the asked year
    name: str  # the calendar's name as written (Александр, Jan, Γεώργιος)
    calendar: str  # 'ru', 'cs', 'el', 'hu', 'it', 'lv', 'ro', 'sk'
    main: bool  # the name's main feast was used (no birthday given)


def _gender(gender: str | None) -> str:
    first = (gender or "").strip()[:1].casefold()
    return first if first in ("m", "f") else ""


_Tier = tuple[Callable[[str], str], dict[str, frozenset[str]]]


class NameDays:
    """The loaded calendars: feasts and gender per name, and the spellings that :data:`TIERS`
    index per calendar when the calendar is first asked (most runs need one or two)."""

    __slots__ = ("_feasts", "_genders", "_spellings", "_tiers")

    def __init__(self, feasts: list[dict[str, str]], aliases: list[dict[str, str]]) -> None:
        """Hold rows of the calendars' CSVs and of ``aliases.csv`` (already checked)."""
        by_name: dict[str, dict[str, list[Feast]]] = defaultdict(lambda: defaultdict(list))
        self._genders: dict[str, dict[str, str]] = defaultdict(dict)
        self._spellings: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
        for r in feasts:
            code, name = r["calendar"], r["name"]
            month, day, offset = (int(r[c] or 0) for c in ("month", "day", "easter_offset"))
            by_name[code][name].append(Feast(r["kind"], month, day, offset, r["main"] == "true"))
            self._genders[code][name] = r["gender"]
            self._spellings[code, "full"].add((name, name))
        for r in aliases:
            group = "short" if r["kind"] in SHORT_ALIASES else "full"
            self._spellings[r["calendar"], group].add((r["alias"], r["name"]))
        self._feasts = {c: {n: tuple(f) for n, f in names.items()} for c, names in by_name.items()}
        self._tiers: dict[str, list[_Tier]] = {}

    def _tiers_of(self, calendar: str) -> list[_Tier]:
        if calendar not in TIERS:
            raise ValueError(f"unknown name-day calendar {calendar!r}")
        if calendar not in self._tiers:
            tiers = []
            for key, group in TIERS[calendar]:
                index: dict[str, set[str]] = defaultdict(set)
                for spelling, name in self._spellings[calendar, group]:
                    if found := KEYS[key](spelling):
                        index[found].add(name)
                tiers.append((KEYS[key], {k: frozenset(v) for k, v in index.items()}))
            self._tiers[calendar] = tiers
        return self._tiers[calendar]

    def counts(self) -> dict[str, tuple[int, int]]:
        """(names, feasts) per calendar."""
        return {c: (len(n), sum(map(len, n.values()))) for c, n in self._feasts.items()}

    def calendar_for(self, country: str | None, language: str | None) -> str | None:
        """The calendar for an ISO 3166 alpha-2 ``country`` (any case), else for an ISO 639-1
        ``language`` (``ru``, ``ru-RU``); None when neither has one (US and en, IN and hi)."""
        found = COUNTRY_CALENDARS.get((country or "").strip().upper())
        primary = re.split(r"[-_]", (language or "").strip().casefold(), maxsplit=1)[0]
        return found or LANGUAGE_CALENDARS.get(primary)

    def names_for(self, calendar: str, given_name: str, gender: str | None) -> tuple[str, ...]:
        """The names of ``calendar`` that ``given_name`` as written may stand for, sorted.

        ``gender`` (m/f, male/female) keeps the names of that gender when some have it (Саша
        with f: Александра); empty when nothing matches. Raises ValueError for an unknown
        calendar.
        """
        tiers = self._tiers_of(calendar)
        words = (given_name or "").split()
        found: frozenset[str] = frozenset()
        for text in dict.fromkeys([" ".join(words), *words[:1]]):
            found = next((hit for key, index in tiers if (hit := index.get(key(text)))), found)
            if found:
                break
        wanted, genders = _gender(gender), self._genders[calendar]
        same = [n for n in found if wanted and genders[n] == wanted]
        return tuple(sorted(same or found))

    def name_day(
        self,
        calendar: str,
        given_name: str,
        year: int,
        birthday: tuple[int, int] | None,
        gender: str | None,
    ) -> NameDay | None:
        """The name day in civil ``year`` of a person with ``given_name`` (and ``birthday``
        as (month, day), ``gender``), by the rules of the module's docstring.

        None when the name is not in the calendar, or when it may stand for names with
        different feasts and ``gender`` does not settle it (Саша, Женя without a gender).
        Raises ValueError for an unknown calendar or a birthday that is no day of the year.
        """
        if birthday is not None:
            dt.date(2000, *birthday)  # raises ValueError for (2, 30), (13, 1)
        names = self.names_for(calendar, given_name, gender)
        if len({frozenset(self._feasts[calendar][n]) for n in names}) != 1:
            return None
        feasts = self._feasts[calendar][names[0]]
        if birthday is None:
            mains = [f for f in feasts if f.main]
            dated = [(when, f) for f in mains or feasts if (when := f.date_in(year))]
            feast = min(dated, key=lambda pair: pair[0])[1] if dated else None
        else:
            placed = [(at, f) for f in feasts if (at := f.place(year))]
            later = [pair for pair in placed if pair[0] >= birthday]
            feast = min(later or placed, key=lambda pair: pair[0])[1] if placed else None
        when = feast.date_in(year) if feast else None
        return NameDay(when, names[0], calendar, birthday is None) if when else None


def _read(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of one CSV of the folder, checked; ValueError naming the file and line."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}: the header must be {','.join(columns)}")
        rows = list(reader)
    for line, row in enumerate(rows, start=2):
        if not _valid(row):
            raise ValueError(f"{path} line {line}: not a valid name-day row")
    return rows


def _valid(row: dict[str, str]) -> bool:
    if row["calendar"] not in CALENDARS or row["gender"] not in ("m", "f", "") or not row["name"]:
        return False
    if "alias" in row:
        return bool(row["alias"]) and row["kind"] in ALIAS_KINDS
    if row["kind"] not in KINDS or row["main"] not in ("true", "false"):
        return False
    try:
        if row["kind"] in DATED_KINDS:
            dt.date(2000, int(row["month"]), int(row["day"]))
        if row["kind"] in ("easter", "not_before_easter"):
            int(row["easter_offset"])
    except ValueError:
        return False
    return True


def _load(folder: Path) -> NameDays:
    feasts = [r for code in CALENDARS for r in _read(folder / f"{code}.csv", FEAST_COLUMNS)]
    aliases = _read(folder / "aliases.csv", ALIAS_COLUMNS)
    known = {(r["calendar"], r["name"]) for r in feasts}
    for line, row in enumerate(aliases, start=2):
        if (row["calendar"], row["name"]) not in known:
            raise ValueError(f"{folder / 'aliases.csv'} line {line}: alias of an unknown name")
    name_days = NameDays(feasts, aliases)
    logger.debug("name days: %s from %s", name_days.counts(), folder.name)
    return name_days


@functools.lru_cache(maxsize=1)
def _load_default() -> NameDays:
    return _load(REFERENCE)


def load_name_days(folder: Path | None = None) -> NameDays:
    """The name-day calendars in ``folder``; by default the project's own, read once and cached.

    Raises OSError when a file cannot be read and ValueError naming the file and line when one
    is malformed: the tables are project data, so a bad row is a bug to fix.
    """
    return _load_default() if folder is None else _load(folder)
