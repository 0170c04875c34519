"""Rebuild the name-day calendars in this folder from ``../shared/reference/namedays``.

Run from the repository's root: ``.venv/bin/python data/reference/namedays/build.py``
(``--source DIR`` reads another copy of the shared reference). Standard library only. It writes
one CSV per calendar (``ru.csv``, ``cs.csv``, ``el.csv``, ``hu.csv``, ``it.csv``, ``lv.csv``,
``ro.csv``, ``sk.csv``), ``aliases.csv`` (Russian Latin spellings and diminutives) and copies
the licences that travel with the data; ``README.md`` describes the format and every choice made
here. The same input always gives byte-identical output.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import shutil
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parents[2] / ".." / "shared" / "reference" / "namedays"

FEAST_COLUMNS = ("calendar", "name", "gender", "kind", "month", "day", "easter_offset", "main",
                 "church_name", "feast")  # fmt: skip
ALIAS_COLUMNS = ("calendar", "alias", "name", "gender", "kind")
KIND_ORDER = {"fixed": 0, "leap_shift": 1, "julian": 2, "easter": 3, "not_before_easter": 4,
              "sunday_after": 5}  # fmt: skip

# Memento's national lists: calendar code -> file. Latvian: the extended list (see README).
MEMENTO = {
    "cs": "cs_namedays.json", "hu": "hu_namedays.json", "it": "it_namedays.json",
    "lv": "lv_ext_namedays.json", "sk": "sk_namedays.json", "ro": "ro_namedays.json",
}  # fmt: skip

# Greek moving feasts that are rules in Memento's code, not rows of its JSON
# (alexstyl/Memento-Calendar, SpecialGreekNamedaysCalculator.kt, MIT). The dates follow the
# Greek Church's rule as the README cites it; "Μαρκούλ" and "Μελχισεδέ" are cut short there.
GREEK_GEORGE = ("Γεώργιος", "Γεωργής", "Γιώργος", "Γκόγκος", "Γιώργης", "Γιωργίτσης", "Γεωργία",
                "Γιωργία", "Γεωργούλα", "Γιωργίτσα", "Γίτσα")  # fmt: skip
GREEK_MARK = ("Μάρκος", "Μαρκής", "Μαρκία", "Μαρκούλης")
GREEK_FOREFATHERS = ("Ααρών", "Αβραάμ", "Αδάμ", "Αδαμάντιος", "Διαμαντής", "Αδαμαντία",
                     "Διαμαντούλα", "Διαμάντω", "Δαβίδ", "Δαυίδ", "Δανάη", "Δανιήλ", "Δεβόρα",
                     "Εσθήρ", "Εύα", "Ισαάκ", "Ιώβ", "Νώε", "Ραχήλ", "Ρεβέκκα", "Ρουμπίνη",
                     "Σάρα")  # fmt: skip
# The last name of several lists in relative_to_easter.json lost its final letter when scraped;
# these fragments are no one's name and are left out.
GREEK_FRAGMENTS = frozenset({"Αξί", "Λάζο", "Δάφν", "Πάγκαλο", "Αλήθει", "Στασινό",
                             "Λαμπροτρίτ", "Μυροφόρ", "Βηθεσδ", "Νεφέλ", "Κορίνο"})  # fmt: skip
# Latin letters typed inside Greek names (Γερoντιος): the Greek letter they stand for.
GREEK_HOMOGLYPHS = str.maketrans("AaBEeHIiKMNOoPpTXxYyZ", "ΑαΒΕεΗΙιΚΜΝΟοΡρΤΧχΥυΖ")
# Memento's Romanian "special" row says toEaster -1, but Memento's own code
# (RomanianEasterSpecialCalculator) and the feast (Florii, Palm Sunday) put it a week before Easter.
ROMANIAN_FLORII_OFFSET = -7


@dataclass(frozen=True)
class Row:
    calendar: str
    name: str
    gender: str = ""
    kind: str = "fixed"
    month: int | None = None
    day: int | None = None
    easter_offset: int | None = None
    main: bool = False
    church_name: str = ""
    feast: str = ""

    def values(self) -> list[str]:
        def num(value: int | None) -> str:
            return "" if value is None else str(value)

        return [self.calendar, self.name, self.gender, self.kind, num(self.month), num(self.day),
                num(self.easter_offset), "true" if self.main else "false", self.church_name,
                self.feast]  # fmt: skip

    def sort_key(self) -> tuple[object, ...]:
        return (_strip_accents(self.name), self.name, KIND_ORDER[self.kind], self.month or 0,
                self.day or 0, self.easter_offset or 0, self.feast)  # fmt: skip


def _clean(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip().strip(".").strip()


def _split(name: str, calendar: str) -> list[str]:
    """The names a scraped entry holds: "Ernő Tatjána" and "RóbertRobertina" (hu) are two; in
    Czech, "AdamaEva" is "Adam a Eva" with the spaces lost, so the joining "a" goes too."""
    names = []
    for token in name.split():
        start = 0
        for i in range(1, len(token)):
            if token[i].isupper() and token[i - 1].islower():
                piece = token[start:i]
                names.append(piece[:-1] if calendar == "cs" and piece.endswith("a") else piece)
                start = i
        names.append(token[start:])
    return names


def _day_month(text: str) -> tuple[int, int]:
    day, month = (int(part) for part in text.split("/"))
    dt.date(2000, month, day)  # raises on a date that does not exist, 29 February included
    return month, day


def _memento(path: Path) -> tuple[list[tuple[str, int, int]], list[dict[str, Any]]]:
    """(name, month, day) of the JSON's dated entries and its ``special`` list, as read."""
    data = json.loads(path.read_text(encoding="utf-8"))
    dated: list[tuple[str, int, int]] = []
    for entry in data.get("data", []):
        month, day = _day_month(entry["date"])
        dated.extend((_clean(n), month, day) for n in entry["names"])
    return [d for d in dated if d[0] and d[0] != "–"], list(data.get("special", []))


def national(calendar: str, source: Path) -> list[Row]:
    """One of Memento's national lists as rows, with the fixes the README lists."""
    dated, special = _memento(source / "memento" / MEMENTO[calendar])
    rows = set()
    dated = [(part, m, d) for name, m, d in dated for part in _split(name, calendar)]
    for name, month, day in dated:
        kind = "fixed"
        if calendar == "hu" and month == 2 and day >= 25:
            # Memento lists Hungary's leap-year February (Mátyás 25, ... Elemér 29): store the
            # common year's day and let the loader move it back in a leap year.
            kind, day = "leap_shift", day - 1
        rows.add(Row(calendar, name, kind=kind, month=month, day=day))
    for entry in special:
        offset = ROMANIAN_FLORII_OFFSET if calendar == "ro" else int(entry["toEaster"])
        for name in entry["variations"]:
            rows.add(Row(calendar, _clean(name), kind="easter", easter_offset=offset,
                         feast="Florii" if calendar == "ro" else ""))  # fmt: skip
    return sorted(rows, key=Row.sort_key)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _greek_name(name: str) -> str:
    return _clean(name).translate(GREEK_HOMOGLYPHS)


def greek(source: Path) -> list[Row]:
    """The Greek calendar: fixed names, Easter-relative feasts and the moving feasts above.

    Spellings that differ only in accents or case (Μαρια, Μαρία) are one name, written in the
    spelling with the most accents (the first met when equal).
    """
    folder = source / "greek"
    rows: list[tuple[str, Row]] = []
    recurring = json.loads((folder / "recurring_namedays.json").read_text(encoding="utf-8"))
    for entry in recurring["data"]:
        month, day = _day_month(entry["date"])
        rows.extend((_greek_name(n), Row("el", "", month=month, day=day)) for n in entry["names"])
    easter = json.loads((folder / "relative_to_easter.json").read_text(encoding="utf-8"))
    for entry in easter["special"]:
        for name in entry["variations"]:
            row = Row("el", "", kind="easter", easter_offset=int(entry["toEaster"]),
                      feast=entry["main"].strip())  # fmt: skip
            rows.append((_greek_name(name), row))
    rows.extend((n, Row("el", "", kind="not_before_easter", month=4, day=23, easter_offset=1,
                        feast="Αγίου Γεωργίου")) for n in GREEK_GEORGE)  # fmt: skip
    rows.extend((n, Row("el", "", kind="not_before_easter", month=4, day=25, easter_offset=2,
                        feast="Αποστόλου Μάρκου")) for n in GREEK_MARK)  # fmt: skip
    rows.extend((n, Row("el", "", kind="sunday_after", month=12, day=11,
                        feast="Κυριακή των Προπατόρων")) for n in GREEK_FOREFATHERS)  # fmt: skip
    rows = [(n, r) for n, r in rows if n and n not in GREEK_FRAGMENTS]

    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name, _ in rows:
        spellings[_strip_accents(name)][name] += 1
    written = {}
    for key, counts in spellings.items():
        order = list(counts)  # first met first
        written[key] = max(order, key=lambda s: (_accents(s), -order.index(s)))
    merged = {Row(**{**r.__dict__, "name": written[_strip_accents(n)]}) for n, r in rows}
    return sorted(merged, key=Row.sort_key)


def _accents(text: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", text) if unicodedata.combining(c))


def russian(source: Path) -> tuple[list[Row], list[list[str]]]:
    """``ru_orthodox.csv`` as Julian-dated rows, and the aliases of ``ru_diminutives.csv``.

    Checks on the way that every civil date of the file is its Julian date + 13 days in a
    common year (the loader converts per year instead of copying them).
    """
    rows, aliases = [], set()
    genders = {}
    with (source / "ru_orthodox.csv").open(encoding="utf-8", newline="") as handle:
        for line, r in enumerate(csv.DictReader(handle), start=2):
            jm, jd = int(r["julian_month"]), int(r["julian_day"])
            civil = dt.date(2001, jm, jd) + dt.timedelta(days=13)
            if (civil.month, civil.day) != (int(r["month"]), int(r["day"])):
                raise SystemExit(f"ru_orthodox.csv line {line}: civil date is not Julian + 13")
            rows.append(Row("ru", r["name"], r["gender"], "julian", jm, jd, None,
                            r["main"] == "true", r["church_name"], r["saint"]))  # fmt: skip
            genders[r["name"]] = r["gender"]
            for kind in ("latin", "latin_alt"):
                if r[kind] and r[kind] != r["name"]:
                    aliases.add(("ru", r[kind], r["name"], r["gender"], kind))
    with (source / "ru_diminutives.csv").open(encoding="utf-8", newline="") as handle:
        for line, r in enumerate(csv.DictReader(handle), start=2):
            if genders.get(r["full_name"]) != r["gender"]:
                raise SystemExit(f"ru_diminutives.csv line {line}: unknown name or gender")
            aliases.add(("ru", r["diminutive"], r["full_name"], r["gender"], "diminutive"))
            if r["latin"]:
                aliases.add(("ru", r["latin"], r["full_name"], r["gender"], "diminutive_latin"))
    ordered = sorted(aliases, key=lambda a: (a[2], a[4], a[1]))
    return sorted(rows, key=Row.sort_key), [list(a) for a in ordered]


def _write(path: Path, header: Iterable[str], rows: Iterable[list[str]]) -> int:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def build(source: Path, out: Path) -> dict[str, tuple[int, int]]:
    """Write every file; give (names, rows) per calendar."""
    calendars: dict[str, list[Row]] = {}
    calendars["ru"], aliases = russian(source)
    calendars["el"] = greek(source)
    for code in MEMENTO:
        calendars[code] = national(code, source)
    figures = {}
    for code, rows in sorted(calendars.items()):
        _write(out / f"{code}.csv", FEAST_COLUMNS, (r.values() for r in rows))
        figures[code] = (len({r.name for r in rows}), len(rows))
    _write(out / "aliases.csv", ALIAS_COLUMNS, aliases)
    shutil.copyfile(source / "memento" / "LICENSE", out / "LICENSE-Memento-Calendar.txt")
    shutil.copyfile(source / "greek" / "LICENSE", out / "LICENSE-Greek-namedays.txt")
    figures["aliases"] = (len({a[1] for a in aliases}), len(aliases))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    if not (args.source / "ru_orthodox.csv").is_file():
        print(f"build.py: no ru_orthodox.csv in {args.source}", file=sys.stderr)
        return 2
    for code, (names, rows) in build(args.source.resolve(), args.out).items():
        print(f"{code}: {names} names, {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
