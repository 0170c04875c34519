"""Blocking: the pairs worth comparing, and never all pairs."""

from __future__ import annotations

import numpy as np
import pytest

from tasks.resolve.blocking import candidate_pairs
from tasks.resolve.features import build_features
from tests.unit.resolve.people import person

pytestmark = pytest.mark.unit


def _pairs(records: list) -> set[tuple[int, int]]:
    (left, right), _ = candidate_pairs(build_features(records))
    return set(zip(left.tolist(), right.tolist(), strict=True))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ({"email": "ivan@x.ru"}, {"email": "IVAN@x.ru", "full_name": "Ivan"}),
        ({"phone": "+7 916 123-45-67"}, {"phone": "8 916 123 45 67"}),
        ({"full_name": "Иван Смирнов"}, {"full_name": "Ivan Smirnov"}),
        ({"full_name": "Smirnov Ivan"}, {"given_name": "Ivan", "family_name": "Smirnov"}),
        ({"full_name": "Sasha Petrov"}, {"full_name": "Aleksandr Petrov"}),
        ({"full_name": "Ivan Smirnov"}, {"full_name": "Ivan Smirnv"}),
        (
            {"full_name": "Ivan Smirnov", "birthday": "12.03.1980"},
            {"full_name": "Ivan Kuznetsov", "birthday": "12.03"},
        ),
        ({"email": "ivan.smirnov@mail.ru"}, {"email": "ivan_smirnov@gmail.com"}),
        (
            {"email": "galinayarushva@gmail.com"},
            {"full_name": "Galina", "email": "galinayarusheva@gmail.com"},
        ),
        (
            {"email": "ggolworth@gmail.com"},
            {"full_name": "George", "email": "ggoldworth@gmail.com"},
        ),
        (
            {"full_name": "Priya Sharma", "company": "Infosys Ltd"},
            {"full_name": "P. Sharma", "company": "Infosys"},
        ),
    ],
)
def test_records_that_may_be_one_person_are_compared(left: dict, right: dict) -> None:
    assert (0, 1) in _pairs([person(**left), person(**right)])


@pytest.mark.parametrize(
    ("written", "latin", "key"),
    [
        ("குணவேல் தேவேந்திரன்", "Gunavel Devendran", "tamil_names"),
        ("அமித் ஜாம்நகர்கர்", "G. Jamnagarkar", None),  # G is not A
        ("अमित जामनगरकर", "Amit Jamnagarkar", "hindi_names"),
    ],
)
def test_an_indic_name_meets_its_latin_spelling_by_its_script_s_key(
    written: str, latin: str, key: str | None
) -> None:
    (left, right), produced = candidate_pairs(
        build_features([person(region="IN", full_name=written), person(full_name=latin)])
    )
    assert (list(zip(left.tolist(), right.tolist(), strict=True)) == [(0, 1)]) == bool(key)
    if key:
        assert produced.pop(key) > 0
        if key == "tamil_names":
            assert not any(produced.values())  # no other key finds them


def test_a_script_s_key_pairs_no_two_latin_spellings() -> None:
    # Gunavel and Kunavel share a Tamil key; the Tamil record meets both, but in Latin letters
    # k and g are not one letter, and the two Latin records do not meet by it
    records = [
        person(full_name="Gunavel Tevendran"),
        person(full_name="Kunavel Devendran"),
        person(region="IN", full_name="குணவேல் தேவேந்திரன்"),
    ]
    assert _pairs(records) == {(0, 2), (1, 2)}


def test_unrelated_records_are_not_compared() -> None:
    records = [
        person(full_name="Ivan Smirnov", email="ivan@x.ru"),
        person(full_name="Priya Sharma", email="priya@y.in"),
    ]
    assert _pairs(records) == set()


def test_a_huge_block_is_compared_with_neighbours_only() -> None:
    # 300 people share one office mailbox: all pairs would be 44,850
    records = [
        person(full_name=f"Person{chr(65 + n % 26)}{n} Family{n}", email="office@example.org")
        for n in range(300)
    ]
    (left, right), produced = candidate_pairs(build_features(records), max_block=10)
    from tasks.resolve.blocking import WINDOW

    assert produced["email"] <= 300 * (WINDOW - 1)
    assert len(left) <= 300 * (WINDOW - 1) * len(produced)
    assert (left < right).all()


def test_pairs_grow_about_linearly() -> None:
    def build(n: int) -> int:
        records = [
            person(
                full_name=f"Given{k % 50} Family{k // 3}",
                email=f"user{k // 3}@example.org",
                birthday=f"{1 + k % 28:02d}.{1 + k % 12:02d}.1980",
            )
            for k in range(n)
        ]
        (left, _), _ = candidate_pairs(build_features(records))
        return len(left)

    small, large = build(300), build(1200)
    assert large <= 4 * small * 1.5
    assert np.isfinite(large)


def test_email_typos_are_looked_for_only_where_a_record_has_no_name() -> None:
    named = [
        person(full_name="Galina Iarusheva", email="galinayarusheva@gmail.com"),
        person(full_name="Galina Petrova", email="galinayarushva@gmail.com"),
    ]
    _, produced = candidate_pairs(build_features(named))
    assert produced["email_start"] == 0 and produced["email_end"] == 0


def test_a_shared_birthday_and_initial_alone_does_not_compare_other_names() -> None:
    born = "12.03.1980"
    records = [
        person(full_name="Irina Petrova", birthday=born),
        person(full_name="Inna Sidorova", birthday=born),
        person(full_name="Irina Pavlova", birthday=born),  # a new family name: compared
        person(full_name="I. Sokolova", birthday=born),  # only an initial: compared
        person(full_name="Ira Sidorova", birthday=born),  # Irina's diminutive: compared
        person(given_name="Inna", birthday=born),  # no family name: compared
    ]
    (left, right), _ = candidate_pairs(build_features(records))
    pairs = set(zip(left.tolist(), right.tolist(), strict=True))
    assert (0, 1) not in pairs
    assert {(0, 2), (0, 3), (1, 3), (0, 4), (0, 5), (1, 5)} <= pairs
