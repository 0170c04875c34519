"""Given-name equivalence: nicknames, diminutives and variants meet; full names stay apart."""

import csv
import re
from pathlib import Path

import pytest

from tasks.normalise.translit import latin_key, script_of
from tasks.resolve import given_names as module
from tasks.resolve.given_names import GivenNames, load_given_names, read_rows
from tasks.resolve.keys import fold

pytestmark = pytest.mark.unit

NAMEDAYS = Path(__file__).resolve().parents[3] / ".." / "shared" / "reference" / "namedays"
TABLE = module.GIVEN_NAMES
README = TABLE.parent / "README.md"


@pytest.fixture(scope="module")
def names() -> GivenNames:
    return load_given_names()


def _shared(name: str) -> list[dict[str, str]]:
    path = NAMEDAYS / name
    if not path.exists():
        pytest.skip(f"shared reference {name} not found beside the repository")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Bob", "Robert", True),  # English nickname
        ("Bobby", "Rob", True),  # two short forms of one name
        ("Kate", "Katherine", True),
        ("Kate", "Catherine", True),  # spelling fold merges Catherine/Katherine
        ("Kathryn", "Катя", True),  # English variant and Russian diminutive of Ekaterina
        ("Саша", "Александр", True),  # Russian diminutive, Cyrillic
        ("Саша", "Aleksandr", True),  # across scripts
        ("Sasha", "Alexander", True),  # Alexander is a variant row of Aleksandr
        ("Александр", "Alexander", True),
        ("Шура", "Александра", True),  # a diminutive of both Aleksandr and Aleksandra
        ("Шура", "Aleksandr", True),
        ("Миша", "Mikhail", True),
        ("Миша", "Michael", True),  # cross-language variant
        ("Mike", "Misha", True),  # English and Russian short forms of one person's name
        ("Dima", "Dimitri", True),
        ("Лена", "Helen", True),
        ("Katya", "Ekaterina", True),
        ("Bill", "William", True),
        ("Will", "Bill", True),
        ("Peggy", "Margaret", True),
        ("Alex", "Alexei", True),  # Alex also stands for Aleksei
        ("Alex", "Alexandra", True),
        ("Jon", "John", True),
        ("Chris", "Christina", True),
        ("Chris", "Christopher", True),
        ("Mohd", "Muhammad", True),  # abbreviation
        ("Mohammed", "Muhammad", True),  # spelling fold does not merge
        ("Laxmi", "Lakshmi", True),
        ("Vijay", "Vijai", True),  # fold alone
        ("Pradip", "Pradeep", True),
        ("Bala", "Balakrishnan", True),
        ("Aleksandr", "Aleksandra", False),  # Sasha stands for both, but equivalence is no chain
        ("Alexander", "Alexandra", False),
        ("Aleksei", "Aleksandr", False),  # both Alex, still two names
        ("Christopher", "Christina", False),
        ("Balakrishnan", "Balasubramanian", False),  # both Bala
        ("Евгений", "Евгения", False),  # both Женя
        ("Ivan", "Maria", False),
        ("Ivan", "John", False),  # translations are not variants
        ("Mary", "Maria", False),
        ("Michael", "Michelle", False),
        ("Bob", "Bill", False),
        ("Sasha", "Misha", False),
    ],
)
def test_equivalence(names: GivenNames, a: str, b: str, same: bool) -> None:
    assert names.equivalent(a, b) is same
    assert names.equivalent(b, a) is same


def test_canonical_sets_follow_the_issue(names: GivenNames) -> None:
    assert names.canonicals("Aleksandr") == {"aleksandr"}
    assert names.canonicals("Александр") == {"aleksandr"}
    assert names.canonicals("Alexander") == {"aleksandr"}
    assert names.canonicals("Sasha") == {"aleksandr", "aleksandra"}
    assert names.canonicals("Саша") == {"aleksandr", "aleksandra"}
    assert {"kristina", "christofer", "christine"} <= names.canonicals("Chris")


@pytest.mark.parametrize("name", ["Zorbaslav", "Quetzalli", "Ngozi"])
def test_unknown_names_equal_only_themselves_by_fold(names: GivenNames, name: str) -> None:
    assert names.canonicals(name) == {fold(name)}
    assert names.equivalent(name, name.upper())
    assert not names.equivalent(name, name + "a")
    assert not names.equivalent(name, "Robert")
    assert names.gender(name) is None


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("Ktya", {"ekaterina"}),  # a letter dropped from Katya
        ("Paltricia", {"patricia"}),  # a letter added
        ("Robkrt", {"robert"}),  # a letter changed
        ("Taitana", {"tatiana"}),  # two neighbours swapped
        ("Сeрафма", {"serafima"}),  # in Cyrillic, through the fold
        ("Mddie", {"madison", "madeline"}),  # Maddie's names; not Eddie's: the first letter stays
        ("Katya", set()),  # a name the table knows is no slip
        ("Ivn", set()),  # under four letters: too many names lie one slip away
        ("Zorbaslav", set()),  # nothing near
        ("Atya", set()),  # a slip at the first letter is not looked for
        ("Marla", set()),  # Maria and Marta, and more: slips of different names
        ("Dario", set()),  # not Daria: the last letter is where names change with gender
        ("Renat", set()),  # not Rena
        ("Tatiaan", set()),
    ],
)
def test_a_typing_slip_of_a_known_name_stands_for_that_name(
    names: GivenNames, name: str, meant: set[str]
) -> None:
    assert names.misspelt(name) == meant


@pytest.mark.parametrize(
    ("name", "letters", "not_letters"),
    [
        ("Julia", "ijy", ""),  # Юлия: Iuliia, Yuliya, Julia
        ("Юлия", "ijy", ""),
        ("Yakov", "ijy", ""),
        ("Елена", "ely", ""),  # Yelena; Лена
        ("Patricia", "pt", "y"),  # Tricia
        ("Ivan", "iv", "j"),  # Ваня; no other transliteration
        ("Артём", "at", ""),  # Тёма
        ("Emily", "e", "y"),  # not Cyrillic: no Y.
        ("Zorbaslav", "", "z"),  # not in the table
    ],
)
def test_the_initials_of_a_names_other_forms(
    names: GivenNames, name: str, letters: str, not_letters: str
) -> None:
    found = names.initials(name)
    assert set(letters) <= found
    assert not set(not_letters) & found


@pytest.mark.parametrize("empty", ["", None, "  ", "--"])
def test_no_name_stands_for_nothing(names: GivenNames, empty: str | None) -> None:
    assert names.canonicals(empty) == frozenset()
    assert not names.equivalent(empty, empty)
    assert names.gender(empty) is None


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Миша", "m"),
        ("Lena", "f"),
        ("Peggy", "f"),
        ("Sasha", None),
        ("Alex", None),
        ("Zorba", None),
    ],
)
def test_gender_only_when_every_canonical_agrees(
    names: GivenNames, name: str, gender: str | None
) -> None:
    assert names.gender(name) == gender


def test_every_russian_diminutive_maps_to_its_full_name(names: GivenNames) -> None:
    orthodox = {row["name"] for row in _shared("ru_orthodox.csv")}
    rows = _shared("ru_diminutives.csv")
    assert len(rows) > 150
    for row in rows:
        assert row["full_name"] in orthodox
        full = fold(latin_key(row["full_name"]))
        assert full in names.canonicals(row["diminutive"]), row["diminutive"]
        assert full in names.canonicals(row["latin"]), row["latin"]
        assert full in names.canonicals(row["full_name"])


def test_every_russian_full_name_maps_to_its_passport_spelling(names: GivenNames) -> None:
    for row in _shared("ru_orthodox.csv"):
        assert fold(row["latin"]) in names.canonicals(row["name"]), row["name"]


def test_the_table_has_no_duplicate_rows_or_pairs() -> None:
    rows = read_rows(TABLE)
    assert len(rows) > 1000
    assert len({tuple(row.values()) for row in rows}) == len(rows)
    assert len({(row["name"], row["canonical"]) for row in rows}) == len(rows)


def test_every_row_maps_its_name_to_its_canonical_and_the_canonical_to_itself(
    names: GivenNames,
) -> None:
    for row in read_rows(TABLE):
        canon = fold(row["canonical"])
        assert canon in names.canonicals(row["name"]), row
        assert canon in names.canonicals(row["canonical"]), row


def test_latin_variant_rows_add_what_fold_does_not_merge() -> None:
    for row in read_rows(TABLE):
        if row["name"] == row["canonical"]:
            continue  # a full name of its own: the row says only that the name is known
        if row["kind"] == "variant" and script_of(row["name"]) == "Latin":
            assert fold(row["name"]) != fold(row["canonical"]), row


def test_every_origin_is_documented_in_the_readme() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", README.read_text("utf-8"), re.MULTILINE))
    used = {row["origin"] for row in read_rows(TABLE)}
    assert used <= documented, used - documented
    assert {"ru_dim", "ru_orth", "cn"} <= used


INDIAN = ("in_btn", "in_pop")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Priya", "Pooja", False),  # issue 3: two different known names
        ("Hari", "Harini", False),  # husband and wife of issue 3, spelt alike
        ("Rajesh", "Ramesh", False),
        ("Arun", "Aruna", False),  # a different gender is a different name
        ("Anuj", "Anuja", False),
        ("Lalit", "Lalita", False),
        ("Vijay", "Vijaya", False),
        ("Krishna", "Kishan", False),  # kept apart although Behind the Name links them
        ("Narayan", "Narayanan", False),  # the Tamil form in -an is a name of its own
        ("Vidhya", "Vidya", True),  # fold merges the aspirate, no row needed
        ("Karthik", "Kartik", True),
        ("Gourav", "Gaurav", True),  # a variant row
        ("Sourav", "Saurabh", True),  # the Bengali spelling
        ("Bijoy", "Vijay", True),  # Behind the Name: Bengali form of Vijay
        ("Jitender", "Jitendra", True),  # Behind the Name: Punjabi form
        ("Duleep", "Dilip", True),  # a new variant meets an older in_var row of Dileep
        ("आनन्द", "Anand", True),  # a Devanagari row: translit keeps the final a of a cluster
        ("राजेश", "Rajesh", True),  # translit and fold alone
    ],
)
def test_indian_names_meet_only_their_own_spellings(
    names: GivenNames, a: str, b: str, same: bool
) -> None:
    assert names.equivalent(a, b) is same
    assert names.equivalent(b, a) is same


@pytest.mark.parametrize(
    "name",
    ["Priya", "Pooja", "Hari", "Harini", "Rajesh", "Ramesh", "Anuj", "Vidhya", "Vidya", "Aruna",
     "Karthik", "Senthil", "Manjunath", "Biju", "Sushmita", "Dharmesh", "Salman", "Nasreen",
     "प्रिया"],
)  # fmt: skip
def test_common_indian_names_are_known(names: GivenNames, name: str) -> None:
    assert names.known(name)


def test_known_different_names_need_both_names_known(names: GivenNames) -> None:
    # the resolver's other_name level: both known, canonical sets disjoint
    for a, b in [("Hari", "Harini"), ("Priya", "Pooja"), ("Rajesh", "Ramesh")]:
        assert names.known(a) and names.known(b)
        assert names.canonicals(a).isdisjoint(names.canonicals(b))
    assert not names.known("Harinya")  # an unlisted spelling stays unknown


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Priya", "f"),
        ("Harini", "f"),
        ("Aruna", "f"),  # Behind the Name's Aruna is the god; the records list's a woman
        ("Rajesh", "m"),
        ("Hari", "m"),  # also Harry's key (Harold, Henry): all men
        ("Gourav", "m"),  # a variant gives its canonical's gender
        ("Kiran", None),  # u: the source says m & f
        ("Krishna", None),  # u: a man's name to Behind the Name, also women's in the records
        ("Ali", None),  # a Muslim man's name and the English short form of Alison
    ],
)
def test_indian_genders_follow_the_sources(
    names: GivenNames, name: str, gender: str | None
) -> None:
    assert names.gender(name) == gender


def test_indian_rows_come_last_one_block_per_origin_by_canonical() -> None:
    rows = read_rows(TABLE)
    origins = [row["origin"] for row in rows]
    first = origins.index("in_btn")
    assert first > max(i for i, o in enumerate(origins) if o == "in_short")
    assert origins[first:] == sorted(origins[first:], key=INDIAN.index)
    for origin in INDIAN:
        block = [row for row in rows if row["origin"] == origin]
        canonicals = [row["canonical"].casefold() for row in block]
        assert canonicals == sorted(canonicals), origin
        # each canonical's first row is the row to itself, when it has one
        for n, row in enumerate(block):
            if row["name"] == row["canonical"] and n:
                assert block[n - 1]["canonical"] != row["canonical"], row


def test_indian_names_are_one_canonical_each_with_one_gender() -> None:
    rows = [row for row in read_rows(TABLE) if row["origin"] in INDIAN]
    spelt: dict[str, set[str]] = {}
    genders: dict[str, set[str]] = {}
    for row in rows:
        spelt.setdefault(fold(row["canonical"]), set()).add(row["canonical"])
        genders.setdefault(row["canonical"], set()).add(row["gender"])
    assert len(rows) > 600
    assert all(len(v) == 1 for v in spelt.values()), {k: v for k, v in spelt.items() if len(v) > 1}
    assert all(len(v) == 1 for v in genders.values())
    # no spelling stands for two of these names
    meant: dict[str, set[str]] = {}
    for row in rows:
        meant.setdefault(fold(row["name"]), set()).add(fold(row["canonical"]))
    assert all(len(v) == 1 for v in meant.values()), {k: v for k, v in meant.items() if len(v) > 1}


def test_the_default_table_is_read_once() -> None:
    assert load_given_names() is load_given_names()


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(["name,canonical,gender,kind,origin", *lines]) + "\n", "utf-8")
    return path


def test_a_given_file_is_loaded_and_equivalence_is_not_transitive(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "names.csv",
        [
            "Sasha,Aleksandr,m,diminutive,t",
            "Sasha,Aleksandra,f,diminutive,t",
            "Alexander,Aleksandr,m,variant,t",
        ],
    )
    names = load_given_names(path)
    assert names.canonicals("Alexander") == {"aleksandr"}
    assert names.equivalent("Alexander", "Sasha")
    assert names.equivalent("Sasha", "Aleksandra")
    assert not names.equivalent("Alexander", "Aleksandra")
    assert names.gender("Alexander") == "m"
    assert not names.equivalent("Bob", "Robert")  # only what the file says


@pytest.mark.parametrize(
    "lines",
    [
        ["Bob,Robert,x,nickname,t"],  # unknown gender
        ["Bob,Robert,m,pet_name,t"],  # unknown kind
    ],
)
def test_a_malformed_row_is_rejected_with_its_line(tmp_path: Path, lines: list[str]) -> None:
    with pytest.raises(ValueError, match="line 2"):
        load_given_names(_write(tmp_path / "bad.csv", lines))


def test_a_wrong_header_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("nick,full\nBob,Robert\n", "utf-8")
    with pytest.raises(ValueError, match="header"):
        load_given_names(path)


def test_conflicting_genders_of_one_canonical_give_no_gender() -> None:
    names = GivenNames([("Sam", "Sam", "m"), ("Sammy", "Sam", "f")])
    assert names.gender("Sammy") is None
    assert names.equivalent("Sam", "Sammy")


def test_answers_stay_right_when_the_memo_starts_over(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "_MEMO_LIMIT", 2)
    names = GivenNames([("Bob", "Robert", "m"), ("Kate", "Katherine", "f")])
    for _ in range(3):
        assert names.canonicals("Bob") == {"robert"}
        assert names.canonicals("Kate") == {"katerine"}
        assert names.canonicals("Zed") == {"zed"}


def test_english_names_of_their_own_are_known_with_their_gender(names: GivenNames) -> None:
    rows = [row for row in read_rows(TABLE) if row["origin"] == "us_census"]
    assert len(rows) == 151  # as the README says
    assert all(row["name"] == row["canonical"] for row in rows)
    assert names.gender("Lauren") == "f" and names.gender("Wendy") == "f"
    assert names.gender("Tracy") is None  # on the women's and the men's list
    # two names, not one name spelt two ways
    assert not names.equivalent("Lauren", "Larry")
    assert not names.equivalent("Paul", "Paula")
    # one slip from a name of the same gender: left unknown, compared by spelling
    assert not names.known("Sharon") and not names.known("Shannon")
    assert not names.known("Delores")


def test_written_initials_are_the_first_letters_of_every_spelling(names: GivenNames) -> None:
    assert {"и", "в", "i", "v"} <= names.written_initials("Ivan")  # Иван, Ваня
    assert "я" in names.written_initials("Yana") and "я" not in names.written_initials("Irina")
    assert names.written_initials("Zzyzx") == frozenset()


def test_nika_is_a_name_of_its_own_and_veronika_for_short() -> None:
    names = load_given_names()
    assert {"nika", "veronika"} <= names.canonicals("Ника")
    assert "veronika" in names.canonicals("Nika")
