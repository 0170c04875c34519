"""The benchmark's labelled generator and its metric code (benchmarks/messy.py, resolution.py)."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

import numpy as np
import pytest

from benchmarks.messy import (
    SOURCES,
    NameBank,
    Params,
    People,
    format_phone,
    generate,
    namesake_groups,
    transliterate,
    typo,
)
from benchmarks.resolution import groups_merged, pairwise_scores, raw_record, splink_table
from benchmarks.trained import name_counts
from tasks.resolve.linker import link
from tests.unit.resolve.people import person

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def rows() -> list:
    return generate(3000, seed=7)


def test_pairwise_scores_on_a_hand_made_clustering() -> None:
    # truth: people A (records 0, 1, 2) and B (3, 4); prediction: {0, 1}, {2, 3, 4}
    truth = ["A", "A", "A", "B", "B"]
    predicted = [1, 1, 2, 2, 2]
    precision, recall, f1, predicted_pairs, true_pairs, together = pairwise_scores(predicted, truth)
    # predicted pairs: (0,1), (2,3), (2,4), (3,4); true ones among them: (0,1), (3,4)
    assert (predicted_pairs, true_pairs, together) == (4, 4, 2)
    assert precision == pytest.approx(0.5)
    assert recall == pytest.approx(0.5)
    assert f1 == pytest.approx(0.5)


def test_pairwise_scores_of_all_singletons_and_of_the_truth_itself() -> None:
    truth = [1, 1, 2, 3, 3, 3]
    assert pairwise_scores(truth, truth)[:3] == (1.0, 1.0, 1.0)
    precision, recall, f1, *_ = pairwise_scores(list(range(6)), truth)
    assert (precision, recall, f1) == (1.0, 0.0, 0.0)


def test_pairwise_scores_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError):
        pairwise_scores([1, 2], [1])


def test_groups_merged_counts_clusters_holding_two_people_of_one_group() -> None:
    person = [10, 11, 12, 13, 10]
    household = [1, 1, 2, 2, 1]
    # cluster "x" holds people 10 and 11 of household 1; cluster "y" holds only person 12
    assert groups_merged(["x", "x", "y", "z", "x"], person, household) == 1
    assert groups_merged(["x", "y", "z", "w", "x"], person, household) == 0
    # two records of one person in one cluster are no merge of distinct people
    assert groups_merged(["x", "y", "z", "w", "x"], person, [None] * 5) == 0


def test_generate_is_deterministic_by_seed() -> None:
    assert generate(400, seed=3) == generate(400, seed=3)
    assert generate(400, seed=3) != generate(400, seed=4)


def test_generate_gives_exactly_the_count_with_unique_keys_per_source(rows: list) -> None:
    assert len(rows) == 3000
    keys = [(r.source, r.record_key) for r in rows]
    assert len(set(keys)) == len(keys)
    assert {r.source for r in rows} <= set(SOURCES)
    assert all(r.region == SOURCES[r.source][1] for r in rows)


def test_records_per_person_average_about_two(rows: list) -> None:
    people = {r.person_id for r in rows}
    assert 1.9 <= len(rows) / len(people) <= 2.5


def test_households_are_labelled_and_share_family_and_address(rows: list) -> None:
    members: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        if row.household_id is not None:
            members[row.household_id].add(row.person_id)
    assert members, "no household in 3000 records"
    assert any(len(people) >= 2 for people in members.values())
    share = len({p for people in members.values() for p in people}) / len(
        {r.person_id for r in rows}
    )
    assert 0.02 <= share <= 0.12


def test_namesakes_are_distinct_people_with_one_name(rows: list) -> None:
    groups: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        if row.namesake_group is not None:
            groups[row.namesake_group].add(row.person_id)
    assert groups
    assert any(len(people) >= 2 for people in groups.values())


def test_same_city_namesakes_lie_inside_same_name_groups(rows: list) -> None:
    same_name: dict[int, set[int | None]] = defaultdict(set)
    for row in rows:
        if row.namesake_group is not None:
            same_name[row.namesake_group].add(row.name_group)
    assert same_name
    assert all(len(labels) == 1 and None not in labels for labels in same_name.values())


def test_namesake_groups_by_name_ignore_the_city() -> None:
    people = People(random.Random(4), Params(), NameBank.build())
    first = people.person("hi", "male")
    same_city = people.person("hi", "male", given=first.given, family=first.family,
                              city=first.city)  # fmt: skip
    elsewhere = next(c for c in people.bank.cities["hi"] if c.key != first.city.key)
    moved = people.person("hi", "male", given=first.given, family=first.family, city=elsewhere)
    other = people.person("hi", "female")
    group = [first, same_city, moved, other]
    by_city = namesake_groups(group)
    assert set(by_city) == {first.pid, same_city.pid}
    by_name = namesake_groups(group, by_city=False)
    assert set(by_name) == {first.pid, same_city.pid, moved.pid}
    assert len(set(by_name.values())) == 1


@pytest.fixture(scope="module")
def drawn() -> dict[str, list]:
    """1,500 people of each culture and gender, as the generator draws them."""
    people = People(random.Random(11), Params(), NameBank.build())
    return {
        culture: [people.person(culture, g) for g in ("male", "female") for _ in range(1500)]
        for culture in ("ru", "hi", "ta", "en")
    }


def test_namesakes_by_chance_are_a_small_minority_in_every_culture(drawn: dict) -> None:
    for people in drawn.values():
        names = Counter((p.given.key, p.family.key) for p in people)
        share = sum(names[p.given.key, p.family.key] > 1 for p in people) / len(people)
        assert share < 0.05


def test_indian_names_are_many_with_common_ones_not_dominant(drawn: dict) -> None:
    bank = NameBank.build()
    for key in (("hi", "male"), ("hi", "female"), ("ta", "male"), ("ta", "female")):
        assert len(bank.given[key]) >= 180
        assert len(bank.given[key]) + len(bank.given_tail[key]) >= 400
    assert len(bank.family["hi"]) >= 250
    families = Counter(p.family.latin[0] for p in drawn["hi"])
    top = [name for name, _ in families.most_common(6)]
    assert {"Kumar", "Singh", "Sharma"} <= set(top)
    assert families.most_common(1)[0][1] / len(drawn["hi"]) < 0.03
    assert len(bank.cities["hi"]) >= 20 and len(bank.cities["ta"]) >= 15


def test_the_mess_is_there(rows: list) -> None:
    text = " ".join(" ".join(r.fields.values()) for r in rows)
    assert any("\u0400" <= c <= "\u04ff" for c in text)  # Cyrillic
    assert any("\u0900" <= c <= "\u097f" for c in text)  # Devanagari
    assert any("\u0b80" <= c <= "\u0bff" for c in text)  # Tamil
    assert " ::: " in text  # second emails or phones
    assert any(r.fields.get("email", "").split("@")[0].lower() != r.fields.get("email", "").split(
        "@")[0] for r in rows)  # fmt: skip
    assert any("full_name" not in r.fields and "given_name" not in r.fields for r in rows)


def test_transliteration_schemes_differ_as_people_write_them() -> None:
    assert transliterate("Юлия", "icao") == "Iuliia"
    assert transliterate("Юлия", "bgn") == "Yuliya"
    assert transliterate("Елена", "bgn") == "Yelena"
    assert transliterate("Чайковский", "english") == "Chaykovsky"
    assert transliterate("Алексей", "english") == "Alexey"


def test_typo_is_one_edit_and_keeps_the_first_letter() -> None:
    rng = random.Random(1)
    for word in ("Smirnov", "Кузнецова", "Katherine"):
        for _ in range(20):
            changed = typo(rng, word)
            assert changed[0] == word[0]
            assert abs(len(changed) - len(word)) <= 1
    assert typo(rng, "Li") == "Li"


def test_phones_are_written_locally_in_their_own_region_only() -> None:
    rng = random.Random(2)
    local = {format_phone(rng, "+79161234567", "RU") for _ in range(60)}
    assert "8 (916) 123-45-67" in local
    assert "9161234567" in local
    abroad = {format_phone(rng, "+79161234567", "US") for _ in range(30)}
    assert all(p.startswith("+7") for p in abroad)


def test_raw_record_splits_multi_valued_cells(rows: list) -> None:
    row = next(r for r in rows if " ::: " in r.fields.get("email", ""))
    raw = raw_record(row)
    assert len(raw.fields["email"]) == 2
    assert raw.raw == row.fields


def test_splink_table_has_one_row_per_record_with_latin_keys() -> None:
    from schemas.records import NormRecord, Phone

    record = NormRecord(
        source="crm_ru", record_key="2", role="contacts", given_name="Юлия",
        family_name="Смирнова", emails=["y@mail.ru"],
        phones=[Phone("+79161234567", "mobile", "RU", ())], birthday_month=3, birthday_day=12,
    )  # fmt: skip
    table = splink_table([record]).to_pylist()
    assert table[0]["unique_id"] == 0
    assert table[0]["first_name"] == "iuliia"
    assert table[0]["surname"] == "smirnova"
    assert table[0]["phone"] == "+79161234567"
    assert table[0]["dob"] is None  # a year-less birthday is no date of birth


def test_name_counts_tell_the_trained_model_how_many_carry_a_whole_name() -> None:
    records = [
        person("crm", given_name="Ivan", family_name="Smirnov", phone="+79161234567"),
        person("google", given_name="Vanya", family_name="Smirnov", phone="+79161234567"),
        person("crm", given_name="Ivan", family_name="Smirnov", birthday="1980-03-02"),
        person("crm", given_name="I.", family_name="Smirnov", phone="+79161234567"),
        person("vcard", given_name="Olga", family_name="Petrova", email="olga.p@mail.ru"),
        person("vcard", given_name="I.", family_name="Smirnov", phone="+79161234567"),
    ]
    linkage = link(records)
    columns = name_counts(linkage, records)
    pairs = {
        (a, b): row
        for a, b, row in zip(linkage.left.tolist(), linkage.right.tolist(), columns, strict=True)
    }
    ivan_vanya = pairs[(0, 1)]
    assert ivan_vanya[0] == 1  # Vanya is Ivan: one whole name
    assert ivan_vanya[1] == pytest.approx(np.log1p(3))  # three records carry it
    assert ivan_vanya[7] == 0  # from two sources
    assert (ivan_vanya[5], ivan_vanya[6]) == (0, 1)  # three records, not two
    carriers = len({n for n, c in enumerate(linkage.clusters) if set(c) & {0, 1, 2}})
    assert ivan_vanya[2] == pytest.approx(np.log1p(carriers))
    assert ivan_vanya[3] == (carriers == 1) and ivan_vanya[4] == (carriers == 2)
    initial = pairs[(0, 3)]
    assert initial[0] == 0 and initial[1] == 0  # an initial is no whole name
    assert pairs[(3, 5)][0] == 0  # not even the same initial and family name twice
    assert pairs[(0, 2)][7] == 1  # both from the crm
