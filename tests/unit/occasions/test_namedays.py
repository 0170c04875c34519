"""Name days: calendars, spellings and diminutives, the birthday rule, Julian and Easter dates."""

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tasks.occasions import namedays as module
from tasks.occasions.namedays import NameDay, NameDays, civil_date, load_name_days

pytestmark = pytest.mark.unit

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "reference" / "namedays"
D = dt.date


@pytest.fixture(scope="module")
def days() -> NameDays:
    return load_name_days()


def on(days: NameDays, calendar: str, name: str, year: int, birthday=None, gender=None):
    found = days.name_day(calendar, name, year, birthday, gender)
    return None if found is None else found.date


# --- Russian: spellings, diminutives, gender ---------------------------------------------


def test_tatiana_is_25_january_without_a_birthday(days: NameDays) -> None:
    assert days.name_day("ru", "Татьяна", 2025, None, "f") == NameDay(
        D(2025, 1, 25), "Татьяна", "ru", True
    )


@pytest.mark.parametrize(
    ("gender", "expected"),
    [
        ("f", NameDay(D(2025, 5, 6), "Александра", "ru", True)),  # Александра's main feast
        ("female", NameDay(D(2025, 5, 6), "Александра", "ru", True)),
        ("m", NameDay(D(2025, 9, 12), "Александр", "ru", True)),  # Александров день
        (None, None),  # Александр or Александра: their feasts differ, never guess
    ],
)
def test_sasha_needs_a_gender(days: NameDays, gender: str | None, expected) -> None:
    assert days.name_day("ru", "Саша", 2025, None, gender) == expected


@pytest.mark.parametrize(
    "written",
    ["Sasha", "Shura", "Шура", "Aleksandr", "Alexander", "Alexandr", "АЛЕКСАНДР", " александр "],
)
def test_spellings_and_diminutives_of_aleksandr(days: NameDays, written: str) -> None:
    assert days.names_for("ru", written, "m") == ("Александр",)
    assert on(days, "ru", written, 2025, gender="m") == D(2025, 9, 12)


def test_a_diminutive_without_gender_stands_for_all_its_names(days: NameDays) -> None:
    assert days.names_for("ru", "Sasha", None) == ("Александр", "Александра")
    assert days.names_for("ru", "Женя", None) == ("Евгений", "Евгения")
    assert days.name_day("ru", "Женя", 2025, None, None) is None


def test_names_with_one_set_of_feasts_are_not_ambiguous(days: NameDays) -> None:
    # Natalia is the passport spelling of both Наталья and Наталия, which share their feasts
    assert days.names_for("ru", "Natalia", None) == ("Наталия", "Наталья")
    assert on(days, "ru", "Natalia", 2025) == D(2025, 9, 8)
    assert days.names_for("ru", "Наталья", None) == ("Наталья",)  # as written wins


def test_yo_and_ye_are_one_letter(days: NameDays) -> None:
    assert days.names_for("ru", "Алена", None) == ("Алёна",)
    assert days.names_for("ru", "Семен", None) == ("Семён",)


def test_a_given_name_of_two_words_falls_back_to_the_first(days: NameDays) -> None:
    assert days.names_for("ru", "Мария Ивановна", None) == ("Мария",)


@pytest.mark.parametrize(("calendar", "written"), [
    ("ru", "Руслан"),  # no saint, no settled substitute (shared README)
    ("ru", "Alexandre"),  # close to Alexander, but likeness never matches
    ("ru", "John"),
    ("cs", "Jirka"),  # a Czech pet form not in the list
    ("el", "Yiorgos"),
    ("it", ""),
])  # fmt: skip
def test_a_name_not_in_the_calendar_has_no_name_day(
    days: NameDays, calendar: str, written: str
) -> None:
    assert days.names_for(calendar, written, None) == ()
    assert days.name_day(calendar, written, 2025, (5, 1), None) is None


# --- the birthday rule ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birthday", "expected"),
    [
        ((9, 1), D(2025, 9, 12)),  # the next feast on or after the birthday
        ((9, 12), D(2025, 9, 12)),  # a birthday on a feast day is that feast
        ((9, 13), D(2025, 9, 20)),  # a day later: the next one
        ((3, 1), D(2025, 3, 29)),
    ],
)
def test_aleksandr_before_and_after_the_birthday(days: NameDays, birthday, expected) -> None:
    found = days.name_day("ru", "Александр", 2025, birthday, "m")
    assert found == NameDay(expected, "Александр", "ru", False)


@pytest.mark.parametrize(
    ("birthday", "expected"),
    [
        ((1, 1), D(2025, 1, 25)),
        ((1, 26), D(2025, 7, 17)),  # after 25 January: the July feast
        ((7, 18), D(2025, 1, 25)),  # after the last feast: wraps to January, same year
    ],
)
def test_tatiana_before_and_after_the_birthday(days: NameDays, birthday, expected) -> None:
    assert on(days, "ru", "Татьяна", 2025, birthday) == expected


def test_after_the_last_feast_wraps_to_a_julian_december_feast_in_january(
    days: NameDays,
) -> None:
    # Иван's last civil feast is 17 December; his first is 2 January (Julian 20 December)
    assert on(days, "ru", "Иван", 2025, (12, 18)) == D(2025, 1, 2)
    assert on(days, "ru", "Иван", 2025, (12, 17)) == D(2025, 12, 17)


# --- Julian to civil, per year -------------------------------------------------------------


@pytest.mark.parametrize(
    ("julian", "year", "civil"),
    [
        ((1, 12), 2025, D(2025, 1, 25)),  # Татьяна
        ((12, 25), 2025, D(2025, 1, 7)),  # Christmas of Julian 2024 falls in January 2025
        ((2, 28), 2027, D(2027, 3, 13)),
        ((2, 28), 2028, D(2028, 3, 12)),  # Gregorian leap year: one day earlier
        ((2, 15), 2028, D(2028, 2, 28)),  # before the 16th: no shift
        ((12, 25), 2101, D(2101, 1, 8)),  # from March 2100 the gap is 14 days
        ((12, 18), 2100, None),  # that Julian day falls in no day of civil 2100
    ],
)
def test_civil_date_of_a_julian_day(julian, year: int, civil) -> None:
    month, day = julian
    assert civil_date(month, day, year) == civil


def test_kira_is_12_march_in_a_leap_year_and_13_march_otherwise(days: NameDays) -> None:
    assert on(days, "ru", "Кира", 2027) == D(2027, 3, 13)
    assert on(days, "ru", "Кира", 2028) == D(2028, 3, 12)
    # a feast is chosen by its common-year day, then dated in the year asked: Николай's
    # 13 March feast (Julian 28 February) is the one for a birthday of 13 March, even in 2028
    assert on(days, "ru", "Николай", 2028, (3, 13)) == D(2028, 3, 12)
    assert on(days, "ru", "Николай", 2028, (3, 14)) == D(2028, 5, 22)


def test_a_julian_december_main_feast_is_in_january(days: NameDays) -> None:
    assert on(days, "ru", "Аглая", 2025) == D(2025, 1, 1)  # Julian 19 December


# --- Greek: fixed, Easter-relative and moved feasts ----------------------------------------


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("Λάμπρος", 2025, D(2025, 4, 20)),  # Orthodox Easter Sunday
        ("Λάμπρος", 2026, D(2026, 4, 12)),
        ("Θεόδωρος", 2025, D(2025, 3, 8)),  # Easter - 43: Saturday of St Theodore
        ("Θεόδωρος", 2026, D(2026, 2, 28)),
        ("Γεώργιος", 2025, D(2025, 4, 23)),  # Easter 20 April: 23 April as usual
        ("Γεώργιος", 2024, D(2024, 5, 6)),  # Easter 5 May: moved to Easter Monday
        ("Γεώργιος", 2006, D(2006, 4, 24)),  # 23 April was Easter Sunday itself
        ("Μάρκος", 2025, D(2025, 4, 25)),
        ("Μάρκος", 2024, D(2024, 5, 7)),  # moved to Easter Tuesday, after St George
        ("Αδάμ", 2025, D(2025, 12, 14)),  # Sunday of the Forefathers, 11-17 December
        ("Νικόλαος", 2025, D(2025, 12, 6)),
    ],
)
def test_greek_feasts(days: NameDays, name: str, year: int, expected: dt.date) -> None:
    assert on(days, "el", name, year) == expected


@pytest.mark.parametrize(
    ("written", "name"),
    [("Georgios", "Γεώργιος"), ("Evangelos", "Ευάγγελος"), ("Γιωργος", "Γιώργος"),
     ("ΓΙΏΡΓΟΣ", "Γιώργος"), ("Vangelis", "Βαγγέλης")],
)  # fmt: skip
def test_greek_names_in_any_case_without_accents_or_in_latin(
    days: NameDays, written: str, name: str
) -> None:
    assert days.names_for("el", written, None) == (name,)


# --- the national lists --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "written", "year", "expected"),
    [
        ("cs", "Jiří", 2025, D(2025, 4, 24)),
        ("cs", "Jiri", 2025, D(2025, 4, 24)),  # accent-insensitive
        ("sk", "Matej", 2025, D(2025, 2, 24)),
        ("hu", "Mátyás", 2027, D(2027, 2, 24)),
        ("hu", "Matyas", 2028, D(2028, 2, 25)),  # leap year: 24 February is the leap day
        ("hu", "Elemér", 2028, D(2028, 2, 29)),
        ("it", "Giuseppe", 2025, D(2025, 3, 19)),
        ("lv", "Jānis", 2025, D(2025, 6, 24)),
        ("ro", "Ion", 2025, D(2025, 1, 7)),
        ("ro", "Florin", 2025, D(2025, 4, 13)),  # Florii, Palm Sunday: Easter - 7
        ("el", "Νικόλαος", 2025, D(2025, 12, 6)),
        ("cs", "Horymír", 2027, D(2027, 2, 28)),  # 29 February in a common year
        ("cs", "Horymír", 2028, D(2028, 2, 29)),
    ],
)
def test_one_name_per_national_calendar(
    days: NameDays, calendar: str, written: str, year: int, expected: dt.date
) -> None:
    assert on(days, calendar, written, year) == expected


def test_a_name_on_several_dates_follows_the_birthday_rule(days: NameDays) -> None:
    # Petr: 22 February and 29 June (Petr a Pavel) in the Czech list
    assert on(days, "cs", "Petr", 2025) == D(2025, 2, 22)  # no birthday: first of the year
    assert on(days, "cs", "Petr", 2025, (3, 1)) == D(2025, 6, 29)
    assert on(days, "cs", "Petr", 2025, (7, 1)) == D(2025, 2, 22)  # wraps


def test_exact_spelling_wins_over_an_accent_insensitive_match(days: NameDays) -> None:
    # Janis and Jānis are two names of the Latvian list, on different days
    assert on(days, "lv", "Janis", 2025) == D(2025, 8, 27)
    assert on(days, "lv", "Jānis", 2025) == D(2025, 6, 24)


# --- which calendar ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "language", "calendar"),
    [
        ("RU", None, "ru"), ("by", "be", "ru"), ("CZ", "cs", "cs"), ("SK", None, "sk"),
        ("HU", "hu", "hu"), ("IT", None, "it"), ("LV", "lv", "lv"), ("RO", "ro", "ro"),
        ("GR", None, "el"), ("CY", "en", "el"),  # the country decides first
        ("US", "ru", "ru"), ("KZ", "ru-KZ", "ru"), (None, "el", "el"),  # then the language
        ("US", "en", None), ("IN", "hi", None), ("KZ", "kk", None), (None, None, None),
    ],
)  # fmt: skip
def test_calendar_for(days: NameDays, country, language, calendar) -> None:
    assert days.calendar_for(country, language) == calendar


# --- rejections and the data ---------------------------------------------------------------


def test_an_unknown_calendar_or_an_impossible_birthday_is_rejected(days: NameDays) -> None:
    with pytest.raises(ValueError, match="calendar"):
        days.names_for("de", "Hans", None)
    with pytest.raises(ValueError):
        days.name_day("ru", "Татьяна", 2025, (2, 30), None)


def test_the_default_calendars_are_read_once(days: NameDays) -> None:
    assert load_name_days() is days
    counts = days.counts()
    assert set(counts) == set(module.CALENDARS)
    assert counts["ru"][0] >= 200  # the brief: at least the 200 most common Russian names


def test_a_malformed_row_names_its_file_and_line(tmp_path: Path) -> None:
    for path in module.REFERENCE.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    rows = (tmp_path / "cs.csv").read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].replace(",fixed,", ",weekly,")
    (tmp_path / "cs.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cs\.csv line 3"):
        load_name_days(tmp_path)


def test_an_alias_of_an_unknown_name_is_rejected(tmp_path: Path) -> None:
    for path in module.REFERENCE.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    with (tmp_path / "aliases.csv").open("a", encoding="utf-8") as handle:
        handle.write("ru,Vanya,Ванятка,m,diminutive_latin\n")
    with pytest.raises(ValueError, match=r"aliases\.csv line 666: alias of an unknown name"):
        load_name_days(tmp_path)


def test_the_data_is_what_build_py_makes_of_the_shared_reference(tmp_path: Path) -> None:
    if not (SHARED / "ru_orthodox.csv").exists():
        pytest.skip("shared reference not found beside the repository")
    script = module.REFERENCE / "build.py"
    command = [sys.executable, str(script), "--source", str(SHARED), "--out", str(tmp_path)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(
        p.name for p in module.REFERENCE.iterdir() if p.suffix in {".csv", ".txt"}
    )
    for name in made:
        assert (tmp_path / name).read_bytes() == (module.REFERENCE / name).read_bytes(), name
