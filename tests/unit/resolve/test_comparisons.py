"""Each comparison level, reached by a pair of records that should reach it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from tasks.resolve.comparisons import (
    COMPARISONS,
    address_overrules,
    compare,
    conflict_levels,
    first_conflict,
    household_only,
    name_swap,
)
from tasks.resolve.features import build_features
from tests.unit.resolve.people import person

pytestmark = pytest.mark.unit

NAMES = {c.name: n for n, c in enumerate(COMPARISONS)}

CASES = [
    # comparison, left cells, right cells, expected level
    ("given_name", {"given_name": "Ivan"}, {"given_name": "Иван"}, "exact"),
    ("given_name", {"given_name": "Sasha"}, {"given_name": "Александр"}, "nickname"),
    ("given_name", {"given_name": "Шура"}, {"given_name": "Aleksandra"}, "nickname"),
    ("given_name", {"given_name": "Bob"}, {"given_name": "Robert"}, "nickname"),
    ("given_name", {"given_name": "Misha"}, {"given_name": "Mikhail"}, "nickname"),
    # Tamil writes k and g with one letter (keys.tamil_key), Hindi does not say inherent
    # vowels (keys.hindi_key): only where one of the names is written in that script
    (
        "given_name",
        {"full_name": "குணவேல் செல்வம்"},
        {"full_name": "Gunavel Selvam"},
        "transliterated",
    ),
    ("given_name", {"full_name": "Kunavel Selvam"}, {"full_name": "Gunavel Selvam"}, "one_typo"),
    (
        "family_name",
        {"full_name": "சிவா தேவேந்திரன்"},
        {"full_name": "Siva Devendran"},
        "transliterated",
    ),
    (
        "family_name",
        {"full_name": "अमित जामनगरकर"},
        {"full_name": "Amit Jamnagarkar"},
        "transliterated",
    ),
    (
        "family_name",
        {"full_name": "Amit Jamanagarakar"},
        {"full_name": "Amit Jamnagarkar"},
        "jaro_winkler_80",
    ),
    ("given_name", {"full_name": "த. சக்திவேல்"}, {"full_name": "D. Sakthivel"}, "initial"),
    ("given_name", {"full_name": "T. Sakthivel"}, {"full_name": "D. Sakthivel"}, "different"),
    ("given_name", {"full_name": "त. शर्मा"}, {"full_name": "D. Sharma"}, "different"),
    # short names keep their vowels: தீபா is Deepa, and would not be Dipu
    ("given_name", {"full_name": "தீபா சேகர்"}, {"full_name": "Deepa Sekar"}, "transliterated"),
    ("given_name", {"full_name": "ச. முருகன்"}, {"full_name": "C. Murugan"}, "initial"),
    # two common English names of their own (US Census 1990), however alike
    ("given_name", {"full_name": "Lauren Anderson"}, {"full_name": "Larry Anderson"}, "other_name"),
    # an initial spelt out by the record's own address, its name and digits only
    (
        "given_name",
        {"full_name": "A. Bhattacharya", "email": "abhishek83@yahoo.co.in"},
        {"full_name": "Abhishek Bhattacharya"},
        "exact",
    ),
    (
        "given_name",
        {"full_name": "A. Bhattacharya", "email": "abhishek83@yahoo.co.in"},
        {"full_name": "Abha Bhattacharya"},
        "other_name",
    ),
    # in another script, by the letters the names table writes the name with: И. for Ivan;
    # but Я. (Яна), which folds to the Latin i, is not Irina: it stays an initial
    (
        "given_name",
        {"full_name": "И. Смирнов", "email": "ivan85@mail.ru"},
        {"full_name": "Иван Смирнов"},
        "exact",
    ),
    (
        "given_name",
        {"full_name": "Я. Петрова", "email": "irina85@mail.ru"},
        {"full_name": "Ирина Петрова"},
        "initial",
    ),
    # a short form of several names (Kathy: Katherine or Kathleen) spelt out by the record's
    # own address, in either name field; not by a family's mailbox, nor by two addresses
    (
        "given_name",
        {"full_name": "Kathy Tregrove", "email": "katherine_tregrove@comcast.net"},
        {"full_name": "Kathleen Tregrove"},
        "other_name",
    ),
    (
        "given_name",
        {"given_name": "Tregrove", "family_name": "Kathy", "email": "katherine_t@comcast.net"},
        {"full_name": "Kathleen Tregrove"},
        "other_name",
    ),
    (
        "given_name",
        {"full_name": "Kathy Tregrove", "email": "kathy.tregrove@comcast.net"},
        {"full_name": "Kathleen Tregrove"},
        "nickname",
    ),
    (
        "given_name",
        {"full_name": "Kathy Tregrove", "email": "katherine.family@comcast.net"},
        {"full_name": "Kathleen Tregrove"},
        "nickname",
    ),
    # nor by the record's other name, nor by an address that holds the short form itself,
    # where it is the family name (Pat Patrick, Terence Terry, John Terry at teresa.terry@)
    (
        "given_name",
        {"full_name": "Pat Patrick", "email": "pat.patrick@comcast.net"},
        {"full_name": "Patricia Patrick"},
        "nickname",
    ),
    (
        "given_name",
        {"full_name": "Pat Patrick", "email": "patrick.p@comcast.net"},
        {"full_name": "Patricia Patrick"},
        "nickname",
    ),
    (
        "family_name",
        {"given_name": "Terence", "family_name": "Terry", "email": "terence.terry@mail.com"},
        {"full_name": "Terence Terry"},
        "exact",
    ),
    (
        "family_name",
        {"given_name": "John", "family_name": "Terry", "email": "teresa.terry@mail.com"},
        {"full_name": "John Terry"},
        "exact",
    ),
    # Sam alone at samuel.sam@ is Samuel Sam (_given_before), not Samuel
    (
        "family_name",
        {"full_name": "Sam", "email": "samuel.sam@mail.com"},
        {"full_name": "Samuel Sam"},
        "exact",
    ),
    # nor by an address that does not fit it, nor by two addresses that spell two names
    (
        "given_name",
        {"full_name": "P. Bhattacharya", "email": "abhishek83@yahoo.co.in"},
        {"full_name": "Priya Bhattacharya"},
        "initial",
    ),
    # an address with both names does not say which of them the initial is: M. Periyasamy,
    # Periyasamy son of Mani, at mani.periyasamy@
    (
        "given_name",
        {"full_name": "M. Periyasamy", "email": "mani.periyasamy@gmail.com"},
        {"full_name": "Manoj Periyasamy"},
        "initial",
    ),
    (
        "given_name",
        {"given_name": "Smirnov", "family_name": "Ivan"},
        {"given_name": "Ivan", "family_name": "Smirnov"},
        "exact",
    ),
    (
        "family_name",
        {"given_name": "Smirnov", "family_name": "Ivan"},
        {"given_name": "Ivan", "family_name": "Smirnov"},
        "exact",
    ),
    (
        "given_name",
        {"given_name": "Smirnov", "family_name": "I."},
        {"given_name": "Ivan", "family_name": "Smirnov"},
        "initial",
    ),
    ("family_name", {"family_name": "Smirnov"}, {"family_name": "S."}, "initial"),
    ("given_name", {"given_name": "Ivan"}, {"given_name": "Ivna"}, "jaro_winkler_92"),
    ("given_name", {"given_name": "I."}, {"given_name": "Ivan"}, "initial"),
    ("given_name", {"given_name": "Ivan"}, {"given_name": "Maria"}, "other_name"),
    ("given_name", {"given_name": "Яна"}, {"given_name": "Инна"}, "other_name"),
    ("given_name", {"given_name": "Aleksandr"}, {"given_name": "Aleksandra"}, "other_name"),
    ("given_name", {"given_name": "Anhna"}, {"given_name": "Anna"}, "one_typo"),
    ("given_name", {"given_name": "Zorvik"}, {"given_name": "Maria"}, "different"),
    ("given_name", {"given_name": "E."}, {"given_name": "Лена"}, "initial"),
    ("given_name", {"given_name": "Ivan"}, {"email": "x@example.org"}, "null"),
    ("family_name", {"family_name": "Smirnov"}, {"family_name": "Смирнов"}, "exact"),
    ("family_name", {"family_name": "Smirnoff"}, {"family_name": "Smirnov"}, "exact"),
    ("family_name", {"family_name": "Smirnov"}, {"family_name": "Smirnova"}, "gender_form"),
    ("family_name", {"family_name": "Вишневский"}, {"family_name": "Вишневская"}, "gender_form"),
    ("family_name", {"family_name": "Smirnov"}, {"family_name": "Smirnv"}, "jaro_winkler_92"),
    (
        "family_name",
        {"given_name": "Ivan", "family_name": "Ivanov"},
        {"given_name": "Ivan", "family_name": "Petrov"},
        "different",
    ),
    ("family_name", {"family_name": "Ivanov"}, {"family_name": "Petrov"}, "different_by_initials"),
    (
        "family_name",
        {"given_name": "K.", "family_name": "Ramkumar"},
        {"given_name": "K.", "family_name": "Jayashree"},
        "different_by_initials",
    ),
    (
        "family_name",
        {"given_name": "K.", "family_name": "Ramkumar"},
        {"given_name": "Kannan", "family_name": "Jayashree"},
        "different",
    ),
    (
        "family_name",
        {"given_name": "K.", "family_name": "Valli"},
        {"given_name": "K.", "family_name": "Lakshmi"},
        "other_name",
    ),
    (
        "patronymic",
        {"full_name": "Иван Петрович Смирнов"},
        {"full_name": "Ivan Petrovich Smirnov"},
        "exact",
    ),
    (
        "patronymic",
        {"full_name": "Ivan Andreyevich Smirnov"},
        {"full_name": "Иван Андреевич Смирнов"},
        "exact",
    ),
    (
        "patronymic",
        {"given_name": "Ivan", "middle_name": "P."},
        {"given_name": "Ivan", "middle_name": "Petrovich"},
        "initial",
    ),
    (
        "patronymic",
        {"full_name": "Иван Петрович Смирнов"},
        {"full_name": "Иван Сергеевич Смирнов"},
        "different",
    ),
    (
        "gender",
        {"full_name": "Саша Петрович Смирнов"},
        {"full_name": "Саша Петровна Смирнова"},
        "different",
    ),
    ("email", {"email": "Ivan.S@Mail.ru"}, {"email": "ivan.s@mail.ru"}, "exact"),
    # a family's mailbox is read by all of them: agreeing on it is a level of its own
    (
        "email",
        {"full_name": "Ivan Smirnov", "email": "smirnov.family@mail.ru"},
        {"full_name": "Maria Smirnova", "email": "smirnov.family@mail.ru"},
        "shared_mailbox",
    ),
    # a role's mailbox at Gmail, written with and without the dots that Gmail ignores
    (
        "email",
        {"full_name": "Ivan Smirnov", "email": "sales.team@gmail.com"},
        {"full_name": "Maria Smirnova", "email": "salesteam@gmail.com"},
        "shared_mailbox",
    ),
    ("email", {"email": "ivan.s@mail.ru"}, {"email": "maria@gmail.com"}, "different"),
    ("email", {"email": "tiger.1985@mail.ru"}, {"email": "tiger1985@gmail.com"}, "local_part"),
    (
        "email",
        {"email": "galinayarushva@gmail.com"},
        {"email": "galinayarusheva@gmail.com"},
        "one_typo",
    ),
    ("email", {"email": "ab@gmail.com"}, {"email": "ac@gmail.com"}, "different"),
    # digits are picked, not mistyped: two mailboxes of two Ivan Petrovs
    ("email", {"email": "ivan.petrov12@mail.ru"}, {"email": "ivan.petrov13@mail.ru"}, "different"),
    ("email", {"email": "ivan.petrov12@mail.ru"}, {"email": "ivan.pertov12@mail.ru"}, "one_typo"),
    # a family's mailbox mistyped is no one's own address
    (
        "email",
        {"full_name": "Лидия Новоголовина", "email": "novogolovin.family@inbox.ru"},
        {"full_name": "Александр Новоголовин", "email": "novogolvoin.family@inbox.ru"},
        "different",
    ),
    (
        "email",
        {"full_name": "Лидия Новоголовина", "email": "lnovogolovina@inbox.ru"},
        {"full_name": "Лидия Новоголовина", "email": "lnovogolvina@inbox.ru"},
        "one_typo",
    ),
    # a family's addresses differ by an initial, first or last; a separator is picked
    (
        "email",
        {"email": "dsaharanpuria@gmail.com"},
        {"email": "ssaharanpuria@gmail.com"},
        "different",
    ),
    ("email", {"email": "valentinat@yandex.ru"}, {"email": "valentinag@yandex.ru"}, "different"),
    (
        "email",
        {"full_name": "Amy Hughes", "email": "amyhughes@aol.com"},
        {"full_name": "Amy Hughes", "email": "amy_hughes@aol.com"},
        "different",
    ),
    ("email", {"email": "valentinat@yandex.ru"}, {"email": "valentinta@yandex.ru"}, "one_typo"),
    # a changed letter is one either way round, even next to a separator
    ("email", {"email": "amy.hughes@mail.ru"}, {"email": "amyxhughes@mail.ru"}, "one_typo"),
    ("email", {"email": "amyxhughes@mail.ru"}, {"email": "amy.hughes@mail.ru"}, "one_typo"),
    (
        "email",
        {"full_name": "Ivan Smirnov", "email": "ivan.smirnov@mail.ru"},
        {"full_name": "Ivan Smirnov", "email": "ivansmirnov@gmail.com"},
        "different",
    ),
    (
        "email",
        {"full_name": "Ivan Smirnov", "email": "ismirnov77@mail.ru"},
        {"full_name": "Ivan Smirnov", "email": "ismirnov77@gmail.com"},
        "local_part",
    ),
    ("phone", {"phone": "+7 916 123-45-67"}, {"phone": "8 (916) 1234567"}, "exact"),
    ("phone", {"phone": "+7 916 523-45-67"}, {"phone": "+1 916 523 4567"}, "last_nine_digits"),
    ("phone", {"phone": "+7 916 123-45-67"}, {"phone": "+7 916 765-43-21"}, "different"),
    ("birthday", {"birthday": "12.03.1980"}, {"birthday": "1980-03-12"}, "exact"),
    ("birthday", {"birthday": "12.03"}, {"birthday": "1980-03-12"}, "exact"),
    ("birthday", {"birthday": "12.03.1980"}, {"birthday": "12.03.1981"}, "year_differs"),
    ("birthday", {"birthday": "03.12.1980"}, {"birthday": "12.03.1980"}, "day_month_swapped"),
    ("birthday", {"birthday": "03.12"}, {"birthday": "12.03.1980"}, "day_month_swapped"),
    ("birthday", {"birthday": "03.12.1975"}, {"birthday": "12.03.1980"}, "different"),
    ("birthday", {"birthday": "12.03.1980"}, {"birthday": "13.03.1980"}, "one_digit"),
    ("birthday", {"birthday": "12.03"}, {"birthday": "13.03.1980"}, "one_digit"),
    # a day and a year apart are two birthdays, not a typo
    ("birthday", {"birthday": "26.07.1974"}, {"birthday": "28.07.1977"}, "different"),
    ("birthday", {"birthday": "12.03.1980"}, {"birthday": "25.07.1980"}, "different"),
    ("company", {"company": "ООО «Ромашка»"}, {"company": "Romashka LLC"}, "exact"),
    ("company", {"company": "Romashka Trading"}, {"company": "Romashka"}, "token_set_90"),
    ("company", {"company": "Romashka"}, {"company": "Gazprom"}, "different"),
    ("city", {"city": "Москва"}, {"city": "Moskva"}, "exact"),
    ("city", {"city": "Novosibirsk"}, {"city": "Novosibirks"}, "jaro_winkler_90"),
    ("city", {"city": "Moskva"}, {"city": "Kazan"}, "different"),
    ("postcode", {"postcode": "101000"}, {"postcode": "101 000"}, "exact"),
    ("postcode", {"postcode": "101000"}, {"postcode": "101999"}, "first_three"),
    ("postcode", {"postcode": "101000"}, {"postcode": "420000"}, "different"),
]


@pytest.mark.parametrize(("comparison", "left", "right", "expected"), CASES)
def test_each_level(comparison: str, left: dict, right: dict, expected: str) -> None:
    base = {"email": "left@example.org"} if "email" not in left else {}
    records = [person(**(base | left)), person(**({"email": "r@example.net"} | right))]
    if comparison == "email":
        records = [person(**left), person(**right)]
    f = build_features(records)
    gamma = compare(f, np.array([0]), np.array([1]))
    column = NAMES[comparison]
    assert COMPARISONS[column].labels[gamma[0, column]] == expected


def test_two_addresses_that_spell_two_names_spell_out_neither() -> None:
    kathy = dataclasses.replace(
        person(full_name="Kathy Tregrove"), emails=["katherine@a.com", "kathleen@b.com"]
    )
    f = build_features([kathy, person(full_name="Kathleen Tregrove")])
    gamma = compare(f, np.array([0]), np.array([1]))
    column = NAMES["given_name"]
    assert COMPARISONS[column].labels[gamma[0, column]] == "nickname"
    one = dataclasses.replace(
        kathy, emails=["katherine@a.com", "k.t@b.com"]
    )  # one address spells it
    f = build_features([one, person(full_name="Kathleen Tregrove")])
    gamma = compare(f, np.array([0]), np.array([1]))
    assert COMPARISONS[column].labels[gamma[0, column]] == "other_name"


def test_levels_are_symmetric() -> None:
    base = {"email": "someone@example.org"}
    records = [person(**(base | left)) for _, left, _, _ in CASES]
    records += [person(**(base | right)) for _, _, right, _ in CASES]
    f = build_features(records)
    n = len(CASES)
    left, right = np.arange(n), np.arange(n, 2 * n)
    assert (compare(f, left, right) == compare(f, right, left)).all()


def test_conflicting_levels_are_the_strong_evidence_of_two_people() -> None:
    table = conflict_levels()
    marked = {
        (c.name, c.labels[i]) for n, c in enumerate(COMPARISONS) for i in np.flatnonzero(table[n])
    }
    assert marked == {
        ("given_name", "other_name"),
        ("given_name", "different"),
        ("family_name", "gender_form"),
        ("family_name", "other_name"),
        ("family_name", "different_by_initials"),
        ("patronymic", "different"),
        ("gender", "different"),
        ("birthday", "different"),
    }


def test_first_conflict_names_the_first_conflicting_comparison() -> None:
    records = [
        person(full_name="Иван Петрович Смирнов", birthday="12.03.1980"),
        person(full_name="Мария Петровна Смирнова", birthday="01.02.1982"),
        person(full_name="Иван Петрович Смирнов", birthday="1980-03-12"),
    ]
    f = build_features(records)
    gamma = compare(f, np.array([0, 0]), np.array([1, 2]))
    conflicts = first_conflict(gamma)
    assert COMPARISONS[conflicts[0]].name == "given_name"
    assert conflicts[1] == -1


@pytest.mark.parametrize(
    ("left", "right", "swapped"),
    [
        ({"full_name": "Smirnov Ivan"}, {"full_name": "Ivan Smirnov"}, True),
        ({"given_name": "Smirnov", "family_name": "I."}, {"full_name": "Ivan Smirnov"}, True),
        ({"full_name": "Ivan Smirnov"}, {"full_name": "Ivan Smirnov"}, False),
        ({"full_name": "Ivan Ivanov"}, {"full_name": "Petr Smirnov"}, False),
        ({"full_name": "Ivan Smirnov"}, {"email": "ivan@example.org"}, False),
        # a Tamil initial is the father's name: ப. துர்கா is Durga, daughter of Balaji
        ({"full_name": "ப. துர்கா"}, {"full_name": "Durga Balaji"}, True),
        ({"full_name": "P. Turka"}, {"full_name": "Durga Balaji"}, False),
    ],
)
def test_names_written_family_first_are_compared_crosswise(
    left: dict, right: dict, swapped: bool
) -> None:
    base = {"email": "someone@example.org"}
    f = build_features([person(**(base | left)), person(**(base | right))])
    assert (name_swap(f, np.array([0]), np.array([1]))[0] > 0) == swapped
    assert (name_swap(f, np.array([1]), np.array([0]))[0] > 0) == swapped


def test_crosswise_names_compare_the_known_given_names_as_given() -> None:
    sanov = person(full_name="Санов Максим", email="x@example.org")
    sanova = person(full_name="Наталья Санова", email="x@example.org")
    f = build_features([sanov, sanova])
    gamma = compare(f, np.array([0]), np.array([1]))
    given = COMPARISONS[NAMES["given_name"]]
    assert given.labels[gamma[0, NAMES["given_name"]]] == "other_name"


def test_a_typo_among_several_addresses_keeps_the_digits_too() -> None:
    records = [
        dataclasses.replace(
            person(email="ip.home@x.ru"), emails=["ivan.petrov12@mail.ru", "ip.home@x.ru"]
        ),
        person(email="ivan.petrov13@mail.ru"),
        person(email="ivan.pertov12@mail.ru"),
    ]
    f = build_features(records)
    gamma = compare(f, np.array([0, 0]), np.array([1, 2]))
    column = NAMES["email"]
    assert [COMPARISONS[column].labels[g] for g in gamma[:, column]] == ["different", "one_typo"]


def test_a_personal_address_shared_beside_a_family_one_is_an_exact_match() -> None:
    both = ["ivan.smirnov@mail.ru", "smirnov.family@mail.ru"]
    records = [
        dataclasses.replace(person(full_name="Ivan Smirnov", email=both[0]), emails=both),
        person(full_name="Ivan Smirnov", email="ivan.smirnov@mail.ru"),
        person(full_name="Maria Smirnova", email="smirnov.family@mail.ru"),
    ]
    f = build_features(records)
    gamma = compare(f, np.array([0, 0]), np.array([1, 2]))
    column = NAMES["email"]
    assert [COMPARISONS[column].labels[g] for g in gamma[:, column]] == [
        "exact",
        "shared_mailbox",
    ]


def test_two_addresses_that_spell_two_names_leave_the_initial_alone() -> None:
    both = ["abhishek83@yahoo.co.in", "amit.b@gmail.com", "amit@mail.ru"]
    records = [
        dataclasses.replace(person(full_name="A. Bhattacharya", email=both[0]), emails=both),
        person(full_name="Amit Bhattacharya", email="a.bhatta@x.in"),
    ]
    f = build_features(records)
    gamma = compare(f, np.array([0]), np.array([1]))
    column = NAMES["given_name"]
    assert COMPARISONS[column].labels[gamma[0, column]] == "initial"


def test_household_only_pairs_agree_on_nothing_of_the_persons_own() -> None:
    us = {"region": "US", "postcode": "10001"}
    records = [
        person(full_name="Sara Dartcombe", email="sarad@icloud.com", phone="646-805-8516", **us),
        person(full_name="S. Dartcombe", email="sdartcombe@gmail.com", phone="917-993-0795", **us),
        person(full_name="S. Dartcombe", **us),  # nothing of their own to contradict
        person(full_name="S. Dartcombe", phone="646-805-8516", **us),  # Sara's phone
        person(full_name="Sam Dartcombe", email="sdartcombe@gmail.com", **us),  # a whole name
    ]
    f = build_features(records)
    gamma = compare(f, np.zeros(4, dtype=np.int64), np.arange(1, 5))
    assert household_only(gamma).tolist() == [True, False, False, False]


@pytest.mark.parametrize(
    ("left", "right", "overruled"),
    [
        # a misspelt name behind one personal address: one person
        ("Нцдя Писакина", "Nadezhda Pisakina", True),  # Надя mistyped, at n.pisakina@
        ("Yana Tonkodubova", "Юлия Тонкодубова", True),  # tonkodubova.y...: Y. fits both
        # but a slip that lands on another known name is told from a brother's by nothing:
        # the address spells one of them (Andei folds as Andi, a short Andrea or Andrew)
        ("Andei Vetushev", "Андрей Ветушев", False),
        ("Rajani Pawar", "Rajni Pawar", False),
        # a sister writing from Ekaterina's address, and a household's: two people
        ("Kira Galalova", "Екатерина Галалова", False),
        ("Иван Смирнов", "Мария Смирнова", False),
        ("Igor Smirnov", "Ivan Smirnov", False),  # ivan.smirnov@: Ivan's, borrowed by Igor
    ],
)
def test_a_shared_personal_address_overrules_different_given_names_it_fits(
    left: str, right: str, overruled: bool
) -> None:
    address = {
        "Нцдя Писакина": "n.pisakina@mail.ru",
        "Andei Vetushev": "andreivetushev@mail.ru",
        "Rajani Pawar": "rajni94@rediffmail.com",
        "Yana Tonkodubova": "tonkodubova.y98@gmail.com",
        "Kira Galalova": "e.galalova@mail.ru",
        "Иван Смирнов": "smirnovy@mail.ru",
        "Igor Smirnov": "ivan.smirnov@mail.ru",
    }[left]
    f = build_features(
        [person(full_name=left, email=address), person(full_name=right, email=address)]
    )
    gamma = compare(f, np.array([0]), np.array([1]))
    given = COMPARISONS[NAMES["given_name"]]
    assert given.levels[gamma[0, NAMES["given_name"]] - 1].conflict
    assert COMPARISONS[NAMES["email"]].labels[gamma[0, NAMES["email"]]] == "exact"
    mask = address_overrules(f, np.array([0]), np.array([1]), gamma)
    assert bool(mask[0]) == overruled
    conflict = first_conflict(gamma, COMPARISONS, mask)[0]
    assert (conflict < 0) == overruled


def test_a_family_mailbox_never_overrules_different_given_names() -> None:
    home = "smirnov.family@mail.ru"
    f = build_features(
        [
            person(full_name="Игорь Смирнов", email=home),
            person(full_name="Инна Смирнова", email=home),
        ]
    )
    gamma = compare(f, np.array([0]), np.array([1]))
    assert not address_overrules(f, np.array([0]), np.array([1]), gamma)[0]
