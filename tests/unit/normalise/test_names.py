"""Truth tables for names: cleaning, case, order, patronymics, honorifics and suffixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.normalise.names import (
    PersonName,
    clean,
    fix_case,
    looks_like_company,
    parse_name,
    patronymic_gender,
)

pytestmark = pytest.mark.unit

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("ИВАН ПЕТРОВ", "Иван Петров", "all capitals, Cyrillic"),
        ("O'BRIEN", "O'Brien", "the letter after an apostrophe is a capital too"),
        ("MCDONALD", "Mcdonald", "Mc is not guessed: a plain capital is enough"),
        ("ANNA VAN DER BERG", "Anna van der Berg", "particles inside a name are lower case"),
        ("VAN MORRISON", "Van Morrison", "a particle that starts the name keeps its capital"),
        ("ANNA-MARIA SMITH", "Anna-Maria Smith", "each part of a double name"),
        ("J.R.R. TOLKIEN", "J.R.R. Tolkien", "initials stay capitals"),
        ("JOHN SMITH III", "John Smith III", "roman numerals stay capitals"),
        ("MD RAHMAN", "Md Rahman", "a suffix's spelling only after the first word"),
        ("ivan petrov", "Ivan Petrov", "all small letters are title-cased too"),
        ("McDonald", "McDonald", "mixed case is left alone"),
        ("van der Berg", "van der Berg", "mixed case is left alone, particles and all"),
        ("SMIRNOV Ivan", "SMIRNOV Ivan", "mixed case is left alone even with a word in capitals"),
        ("प्रिया", "प्रिया", "a script without case is left alone"),
    ],
)
def test_fix_case(text: str, expected: str, why: str) -> None:
    assert fix_case(text) == expected, why


@pytest.mark.parametrize(
    ("token", "expected", "why"),
    [
        ("Петрович", "male", "-ович"),
        ("Сергеевич", "male", "-евич"),
        ("Ильич", "male", "-ич"),
        ("Ивановна", "female", "-овна"),
        ("Сергеевна", "female", "-евна"),
        ("Никитична", "female", "-ична"),
        ("Ильинична", "female", "-инична"),
        ("Petrovich", "male", "Latin -ovich"),
        ("Sergeevich", "male", "Latin -evich"),
        ("Petrovitch", "male", "French-style -ovitch"),
        ("Petrovych", "male", "Ukrainian-style -ovych"),
        ("Sergeevna", "female", "Latin -evna"),
        ("Ivanovna", "female", "Latin -ovna"),
        ("Ilyinichna", "female", "Latin -ichna"),
        ("Ulrich", None, "a Latin -ich is not a patronymic (Ulrich, Aldrich)"),
        ("Ilich", None, "Ильич transliterated is also a family name: told by its place"),
        ("Ич", None, "an ending alone is not a patronymic"),
        ("Иван", None, "a given name"),
        ("Smirnov-Petrovich", None, "a hyphenated word is a family name"),
    ],
)
def test_patronymic_gender(token: str, expected: str | None, why: str) -> None:
    assert patronymic_gender(token) == expected, why


def _parts(name: PersonName) -> tuple[str | None, ...]:
    return (name.given, name.middle, name.family, name.full, name.honorific, name.gender)


@pytest.mark.parametrize(
    ("full", "expected", "why"),
    [
        (
            "Смирнов Иван Петрович",
            ("Иван", "Петрович", "Смирнов", "Иван Петрович Смирнов", None, "male"),
            "three words, the last a patronymic: Фамилия Имя Отчество",
        ),
        (
            "Иван Петрович Смирнов",
            ("Иван", "Петрович", "Смирнов", "Иван Петрович Смирнов", None, "male"),
            "the middle word is a patronymic: Имя Отчество Фамилия",
        ),
        (
            "Ivan Petrovich Smirnov",
            ("Ivan", "Petrovich", "Smirnov", "Ivan Petrovich Smirnov", None, "male"),
            "a transliterated patronymic in the middle",
        ),
        (
            "Dolikov Ivan Nikitich",
            ("Ivan", "Nikitich", "Dolikov", "Ivan Nikitich Dolikov", None, "male"),
            "Фамилия Имя Отчество transliterated, with a patronymic in -ich",
        ),
        (
            "Dragan Ilich",
            ("Dragan", None, "Ilich", "Dragan Ilich", None, None),
            "two words: Ilich is the family name",
        ),
        (
            "Anna Sergeevna Ivanova",
            ("Anna", "Sergeevna", "Ivanova", "Anna Sergeevna Ivanova", None, "female"),
            "a -na patronymic makes the person female",
        ),
        (
            "Иван Петрович Рабинович",
            ("Иван", "Петрович", "Рабинович", "Иван Петрович Рабинович", None, "male"),
            "the first patronymic after the given name wins over a family name in -ович",
        ),
        (
            "Мария Ильинична",
            ("Мария", "Ильинична", None, "Мария Ильинична", None, "female"),
            "two words, the second a patronymic: Имя Отчество, the Russian polite address",
        ),
        (
            "ИВАН ПЕТРОВ",
            ("Иван", None, "Петров", "Иван Петров", None, None),
            "capitals fixed before splitting; no patronymic, no gender",
        ),
        (
            "John Fitzgerald Kennedy",
            ("John", "Fitzgerald", "Kennedy", "John Fitzgerald Kennedy", None, None),
            "Western: Given Middle Family",
        ),
        (
            "Smith, John Fitzgerald",
            ("John", "Fitzgerald", "Smith", "John Fitzgerald Smith", None, None),
            "Family, Given Middle with a comma; full is written Given first",
        ),
        (
            '"Petrov, Ivan"',
            ("Ivan", None, "Petrov", "Ivan Petrov", None, None),
            "quotes around a mail display name are trimmed",
        ),
        (
            "Mr. John Smith Jr.",
            ("John", None, "Smith", "John Smith Jr", "Mr", None),
            "honorific kept apart; suffix out of the family name, in the full name",
        ),
        (
            "John Smith, Jr.",
            ("John", None, "Smith", "John Smith Jr", None, None),
            "a comma before a suffix is not the Family, Given form",
        ),
        (
            "DR JOHN SMITH III",
            ("John", None, "Smith", "John Smith III", "Dr", None),
            "honorific without a dot, in capitals",
        ),
        (
            "Prof. Dr. Hans Müller",
            ("Hans", None, "Müller", "Hans Müller", "Prof Dr", None),
            "several honorifics",
        ),
        (
            "Ludwig van Beethoven",
            ("Ludwig", None, "van Beethoven", "Ludwig van Beethoven", None, None),
            "a particle starts the family name",
        ),
        (
            "Г-Н Иван Петров",
            ("Иван", None, "Петров", "Иван Петров", "г-н", None),
            "a Russian honorific",
        ),
        (
            "Госпожа Анна Иванова",
            ("Анна", None, "Иванова", "Анна Иванова", "Госпожа", None),
            "a Russian honorific spelt out",
        ),
        (
            "प्रिया शर्मा",
            ("प्रिया", None, "शर्मा", "प्रिया शर्मा", None, None),
            "Devanagari stays in its script",
        ),
        (
            "श्रीमती प्रिया शर्मा",
            ("प्रिया", None, "शर्मा", "प्रिया शर्मा", "श्रीमती", None),
            "a Hindi honorific",
        ),
        (
            "Smt. Priya Sharma",
            ("Priya", None, "Sharma", "Priya Sharma", "Smt", None),
            "an Indian honorific abbreviated, with a dot",
        ),
        (
            "திரு முருகன்",
            ("முருகன்", None, None, "முருகன்", "திரு", None),
            "a Tamil honorific; one word left is the given name",
        ),
        (
            "Kumari",
            ("Kumari", None, None, "Kumari", None, None),
            "an honorific word alone is a name, not an honorific",
        ),
        (
            "Смирнов И. П.",
            ("И.", "П.", "Смирнов", "И. П. Смирнов", None, None),
            "a family name, then initials: Фамилия И. О.",
        ),
        (
            "Stepanov N.A.",
            ("N.", "A.", "Stepanov", "N. A. Stepanov", None, None),
            "initials written together",
        ),
        ("Madonna", ("Madonna", None, None, "Madonna", None, None), "one word: a given name"),
        ("ivan@example.com", (None,) * 6, "an email address is no name"),
        ("Acme Ltd", (None,) * 6, "a company's legal form"),
        ("ООО «Ромашка»", (None,) * 6, "a Russian company"),
        ("  -  ", (None,) * 6, "no letters"),
    ],
)
def test_parse_full_name(full: str, expected: tuple[str | None, ...], why: str) -> None:
    assert _parts(parse_name(full_name=full)) == expected, why


@pytest.mark.parametrize(
    ("fields", "expected", "why"),
    [
        (
            {"given_name": "IVAN", "family_name": "PETROV"},
            ("Ivan", None, "Petrov", "Ivan Petrov", None, None),
            "parts given: cleaned, case fixed, joined into full",
        ),
        (
            {"full_name": "Смирнов Иван Петрович", "given_name": "Иван"},
            ("Иван", "Петрович", "Смирнов", "Иван Петрович Смирнов", None, "male"),
            "the missing family and middle come from the full name",
        ),
        (
            {"full_name": "Ivan Smirnov", "given_name": "John", "family_name": "Smith"},
            ("John", None, "Smith", "John Smith", None, None),
            "given parts win; a full name that disagrees with them fills nothing",
        ),
        (
            {"full_name": "John F Kennedy", "given_name": "John", "family_name": "Kennedy"},
            ("John", "F", "Kennedy", "John F Kennedy", None, None),
            "the word the parts do not use is the middle name",
        ),
        (
            {"given_name": "Anna", "middle_name": "Sergeevna", "honorific": "mrs."},
            ("Anna", "Sergeevna", None, "Anna Sergeevna", "Mrs", "female"),
            "gender from a patronymic given as a field; honorific canonical",
        ),
        (
            {"given_name": "Ivan", "honorific": "Herr"},
            ("Ivan", None, None, "Ivan", "Herr", None),
            "an unknown honorific is kept as written",
        ),
        (
            {"full_name": "Acme Ltd", "given_name": "Ivan"},
            ("Ivan", None, None, "Ivan", None, None),
            "a company's name does not fill the person's",
        ),
        (
            {"given_name": "ivan@example.com"},
            (None,) * 6,
            "an email in a name field is no name",
        ),
    ],
)
def test_parse_name_fields(
    fields: dict[str, str], expected: tuple[str | None, ...], why: str
) -> None:
    assert _parts(parse_name(**fields)) == expected, why


def test_script_latin_and_nickname() -> None:
    name = parse_name(full_name="Юлия Сергеевна Иванова", nickname="  ЮЛЯ ")
    assert name.script == "Cyrillic"
    assert name.latin == "iuliia sergeevna ivanova"
    assert name.nickname == "Юля"
    assert name.gender == "female"


def test_empty_name_has_no_script_or_key() -> None:
    assert parse_name() == PersonName()


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        ("Acme Ltd.", True, "legal form with a dot"),
        ("Apple Computer AG", True, "a short legal form as the last word"),
        ("AG Krishnan", False, "a short legal form first is a pair of initials"),
        ("ООО «Ромашка»", True, "a Russian legal form first"),
        ("Ivan Petrov", False, "a person"),
        ("А.О. Петров", False, "initials with dots are not the legal form АО"),
        ("Melissa Bank", False, "Bank is a family name too"),
    ],
)
def test_looks_like_company(text: str, expected: bool, why: str) -> None:
    assert looks_like_company(text) is expected, why


@pytest.mark.parametrize(
    ("text", "expected"),
    [(" \t Ivan\n Petrov ", "Ivan Petrov"), ("«Иван»", "Иван"), ("", None), ("a@b.c", None)],
)
def test_clean(text: str, expected: str | None) -> None:
    assert clean(text) == expected


def _display_names(path: Path) -> list[str]:
    lines = path.read_text("utf-8", errors="replace").splitlines()
    return [line.split(":", 1)[1] for line in lines if line.upper().startswith("FN")]


def test_corpus_display_names() -> None:
    """Real vCards' FN values: honorific and suffix apart, a company card is no person."""
    outlook = parse_name(full_name=_display_names(CORPUS / "vcard" / "outlook-2007.vcf")[0])
    assert _parts(outlook) == ("Michael", None, "Angstadt", "Michael Angstadt Jr", "Mr", None)
    apple = _display_names(CORPUS / "vcard" / "roundcube_apple.vcf")
    assert parse_name(full_name=apple[0]).full is None
