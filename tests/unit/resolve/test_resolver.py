"""The resolver end to end: who becomes one contact, who stays apart, and ids over runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from schemas.records import NormRecord
from tasks.config import ResolutionConfig
from tasks.resolve import Resolution, resolve
from tasks.resolve.features import build_features
from tasks.resolve.identity import IdentityMap
from tasks.resolve.keys import fold
from tasks.resolve.overrides import load_overrides
from tasks.suppress import contact_suppressions, suppressions_from
from tests.unit.resolve.people import person

pytestmark = pytest.mark.unit
DAY = dt.date(2026, 11, 23)
LOW = ResolutionConfig(match_threshold=0.3)


def _run(
    records: list[NormRecord],
    previous: IdentityMap | None = None,
    overrides_csv: Path | None = None,
    day: dt.date = DAY,
) -> Resolution:
    overrides = load_overrides(overrides_csv) if overrides_csv else []
    return resolve(records, previous or IdentityMap(), day, "UTC", [], None, overrides)


def _groups(result: Resolution) -> dict[str, str]:
    """record_key -> contact_id."""
    return {row["record_key"]: row["contact_id"] for row in result.lineage}


def _together(result: Resolution, *records: NormRecord) -> bool:
    groups = _groups(result)
    return len({groups[r.record_key] for r in records}) == 1


def test_one_person_in_three_scripts_and_spellings_is_one_contact() -> None:
    crm = person(full_name="Иван Петрович Смирнов", email="ivan.s@mail.ru", birthday="12.03.1980")
    google = person("google", full_name="Ivan Smirnov", email="Ivan.S@mail.ru")
    mail = person("mail", full_name="I. Smirnov", email="ivan.s@mail.ru")
    result = _run([crm, google, mail])
    assert _together(result, crm, google, mail)
    assert len(result.contacts) == 1


def test_nickname_and_shared_phone_make_one_contact() -> None:
    bob = person(region="US", full_name="Bob Jones", phone="(415) 555-0134")
    robert = person(region="US", full_name="Robert Jones", phone="+1 415 555 0134")
    assert _together(_run([bob, robert]), bob, robert)


def test_a_household_sharing_phone_and_email_stays_two_contacts() -> None:
    ivan = person(
        full_name="Иван Петрович Смирнов",
        phone="+7 495 123-45-67",
        email="smirnovy@mail.ru",
        birthday="12.03.1980",
    )
    maria = person(
        full_name="Мария Ивановна Смирнова",
        phone="+7 495 123-45-67",
        email="smirnovy@mail.ru",
        birthday="01.02.1982",
    )
    only_email = person("mail", email="smirnovy@mail.ru")
    result = _run([ivan, maria, only_email])
    assert not _together(result, ivan, maria)
    assert not _together(result, ivan, maria, only_email)
    assert all(
        not m["same_contact"]
        for m in result.matches.to_pylist()
        if {m["left_record_key"], m["right_record_key"]} == {ivan.record_key, maria.record_key}
    )


@pytest.mark.parametrize(
    "shared",
    # Ivan is a given name: ivan.family@ still names nobody
    ["smirnov.family@mail.ru", "info@smirnov-trade.ru", "ivan.family@mail.ru"],
)
def test_a_nameless_message_from_a_shared_mailbox_is_not_evidence(shared: str) -> None:
    """Only the husband is known by the family's address, but his wife may have written: the
    message cannot say who did, so it is not even compared with him."""
    ivan = person(full_name="Иван Смирнов", phone="+7 495 123-45-67", email=shared)
    only_email = person("mail", email=shared)
    result = _run([ivan, only_email])
    assert not _together(result, ivan, only_email)
    assert result.matches.num_rows == 0


def test_a_nameless_message_from_a_personal_address_is_compared_by_it() -> None:
    ivan = person(full_name="Иван Смирнов", phone="+7 495 123-45-67", email="vsmirnov@mail.ru")
    only_email = person("mail", email="vsmirnov@mail.ru")
    (row,) = _run([ivan, only_email]).matches.to_pylist()
    assert row["email_level"] == "exact" and row["email_weight"] > 5


def test_a_named_message_from_a_family_mailbox_still_joins_its_writer() -> None:
    family = "smirnov.family@mail.ru"
    ivan = person(full_name="Иван Смирнов", phone="+7 495 123-45-67", email=family)
    named = person("mail", full_name="Иван Смирнов", email=family)
    assert _together(_run([ivan, named]), ivan, named)


def test_a_household_is_kept_apart_by_conflict_even_when_the_model_would_merge() -> None:
    ivan = person(full_name="Иван Смирнов", phone="+7 495 123-45-67", email="smirnovy@mail.ru")
    maria = person(full_name="Мария Смирнова", phone="+7 495 123-45-67", email="smirnovy@mail.ru")
    result = _run([ivan, maria])
    (row,) = result.matches.to_pylist()
    assert row["match_probability"] >= 0.9
    assert row["decision"] == "kept_apart"
    assert row["decision_reason"] == "conflict:given_name"
    assert row["email_level"] == "exact" and row["phone_level"] == "exact"
    assert row["family_name_level"] == "gender_form"
    assert len(result.contacts) == 2


def test_an_initial_cannot_bridge_two_people() -> None:
    ivan = person(full_name="Ivan Smirnov", phone="+7 916 000-00-01", birthday="12.03.1980")
    igor = person(full_name="Igor Smirnov", phone="+7 916 000-00-01", birthday="30.09.1975")
    bridge = person("mail", full_name="I. Smirnov", phone="+7 916 000-00-01")
    result = _run([ivan, igor, bridge])
    assert not _together(result, ivan, igor)


def test_namesakes_in_one_city_with_different_birthdays_stay_apart() -> None:
    one = person(full_name="Ivan Ivanov", city="Moskva", birthday="01.01.1970", email="a@x.ru")
    two = person(full_name="Ivan Ivanov", city="Moskva", birthday="05.06.1990", email="b@y.ru")
    assert not _together(_run([one, two]), one, two)


def test_a_name_alone_does_not_merge() -> None:
    one = person(full_name="Ivan Ivanov", email="a@x.ru")
    two = person(full_name="Ivan Ivanov", email="b@y.ru")
    assert not _together(_run([one, two]), one, two)


def test_matches_explain_each_comparison() -> None:
    a = person(full_name="Sasha Petrov", email="sasha@x.ru", birthday="12.03.1980")
    b = person(full_name="Aleksandr Petrov", email="sasha@x.ru", birthday="03.12.1980")
    result = _run([a, b])
    (row,) = result.matches.to_pylist()
    assert row["decision"] == "merged" and row["same_contact"]
    assert row["given_name_level"] == "nickname"
    assert row["birthday_level"] == "day_month_swapped"
    assert row["match_weight"] == pytest.approx(
        sum(v for k, v in row.items() if k.endswith("_weight") and k != "match_weight")
    )
    assert 0.9 <= row["match_probability"] <= 1.0


def test_stable_ids_over_three_runs_with_changes(tmp_path: Path) -> None:
    ivan = person(full_name="Ivan Smirnov", email="ivan@x.ru")
    ivan_mail = person("mail", full_name="Ivan Smirnov", email="ivan@x.ru", phone="+79160000001")
    priya = person(region="IN", full_name="Priya Sharma", email="priya@y.in")
    first = _run([ivan, ivan_mail, priya])
    ids = _groups(first)
    assert ids[ivan.record_key] == ids[ivan_mail.record_key] != ids[priya.record_key]

    # run 2: rows reordered and moved (new record keys), a new source, a new person
    moved = dataclasses.replace(priya, record_key="99")
    priya_vcard = person("vcard", full_name="प्रिया शर्मा", email="priya@y.in")
    anna = person(full_name="Anna Kuznetsova", email="anna@z.ru")
    second = _run(
        [anna, moved, ivan_mail, ivan, priya_vcard], first.identity, day=DAY.replace(day=24)
    )
    ids2 = _groups(second)
    assert ids2["99"] == ids2[priya_vcard.record_key] == ids[priya.record_key]
    assert ids2[ivan.record_key] == ids[ivan.record_key]
    assert [e.event for e in second.events] == ["created"]

    # run 3: the operator undoes the Ivan merge with one cannot_link line
    rules = tmp_path / "overrides.csv"
    rules.write_text(
        "rule,left,right,note\n"
        f"cannot_link,crm:{ivan.record_hash},mail:{ivan_mail.record_hash},two Ivans\n"
    )
    third = _run([anna, moved, ivan_mail, ivan, priya_vcard], second.identity, rules, DAY)
    ids3 = _groups(third)
    assert ids3[ivan.record_key] != ids3[ivan_mail.record_key]
    assert ids[ivan.record_key] in {ids3[ivan.record_key], ids3[ivan_mail.record_key]}
    assert ids3["99"] == ids[priya.record_key]
    assert [e.event for e in third.events] == ["split"]
    row = next(m for m in third.matches.to_pylist() if m["decision"] == "cannot_link")
    assert not row["same_contact"]


def test_must_link_by_email_joins_two_contacts(tmp_path: Path) -> None:
    a = person(full_name="Ivan Smirnov", email="ivan@x.ru")
    b = person(full_name="Ivan Smirnov", email="boss@company.ru")
    assert not _together(_run([a, b]), a, b)
    rules = tmp_path / "overrides.csv"
    rules.write_text("rule,left,right,note\nmust_link,email:ivan@x.ru,email:BOSS@company.ru,\n")
    result = _run([a, b], overrides_csv=rules)
    assert _together(result, a, b)
    assert result.stats["overrides_applied"] == 1


def test_an_opt_out_on_one_record_covers_the_whole_contact() -> None:
    a = person(full_name="Ivan Smirnov", email="ivan@x.ru", opted_out="yes")
    b = person("google", full_name="Ivan Smirnov", email="ivan@x.ru", phone="+79160000001")
    result = _run([a, b])
    (contact,) = result.contacts
    assert contact["opted_out"]
    rows = contact_suppressions(result.contacts, result.optout_origins, b"salt", DAY, {})
    assert {(s.kind, s.value) for s in rows} == {("email", "ivan@x.ru"), ("phone", "+79160000001")}
    assert {s.source for s in rows} == {"crm"}


def test_a_nameless_record_is_named_by_an_email_that_spells_a_known_given_name() -> None:
    crm = person(full_name="Никита Григорьевич Белорогов", email="nikitab@atlant.ru")
    mail = person("mail", email="belorogov.nikita@bk.ru")
    result = _run([crm, mail])
    (row,) = result.matches.to_pylist()
    assert (row["given_name_level"], row["family_name_level"]) == ("exact", "exact")
    assert row["email_level"] == "different"


def test_a_misspelt_diminutive_is_the_person_it_is_short_for() -> None:
    # Ktya is Katya with a letter dropped: Ekaterina, not another given name behind her email
    full = person(full_name="Екатерина Егоровна Галалова", email="e.galalova@mail.ru")
    slip = person("mail", full_name="Ktya Galalova", email="e.galalova@mail.ru")
    sister = person("mail", full_name="Kira Galalova", email="e.galalova@mail.ru")
    result = _run([full, slip, sister])
    assert _together(result, full, slip)
    assert not _together(result, full, sister)


def test_an_initial_of_another_spelling_or_a_diminutive_is_the_same_person() -> None:
    # Юлия is Julia, Yuliya and Iuliia: Y. is her; T. is Patricia written as Tricia
    julia = person(full_name="Julia Maximovna Bekunova", email="bekunova.julia@mail.ru")
    y = person("mail", full_name="Y. Maksimovna Bekunova", email="bekunova.julia@mail.ru")
    patricia = person(region="US", full_name="Patricia Arkham", phone="(415) 555-0199")
    t = person("vcard", region="US", full_name="T. Arkham", phone="+1 415 555 0199")
    result = _run([julia, y, patricia, t])
    assert _together(result, julia, y)
    assert _together(result, patricia, t)
    assert len(result.contacts) == 2


def test_gmail_dots_and_plus_tags_reach_one_mailbox() -> None:
    dotted = person(full_name="Pushpa Pratapgarhia", email="pushpa.pratapgarhia43@gmail.com")
    plain = person("mail", email="PushpaPratapgarhia43+shop@googlemail.com")
    (row,) = _run([dotted, plain]).matches.to_pylist()
    assert row["email_level"] == "exact"
    named = person("mail", full_name="Pushpa Pratapgarhia", email="pushpapratapgarhia43@gmail.com")
    result = _run([dotted, named])
    assert _together(result, dotted, named)
    (contact,) = result.contacts  # every address kept, as written: opt-outs match them
    assert contact["emails"] == [
        "pushpa.pratapgarhia43@gmail.com",
        "pushpapratapgarhia43@gmail.com",
    ]


def test_two_people_known_by_an_initial_and_different_names_stay_apart() -> None:
    # a Tamil father's initial and his children's given names, behind the family's address
    # and phone: the model would merge them, the names say two people
    home = {"email": "kannan.family@gmail.com", "phone": "+91 44 4206 3661"}
    valli = person("google", region="IN", full_name="K. Valli", **home)
    ramkumar = person(region="IN", full_name="K. Ramkumar", **home)
    result = _run([valli, ramkumar])
    (row,) = result.matches.to_pylist()
    assert row["match_probability"] >= 0.9
    assert row["decision"] == "kept_apart"
    assert row["decision_reason"] == "conflict:family_name"
    assert row["family_name_level"] == "different_by_initials"
    assert len(result.contacts) == 2


def test_an_opt_out_of_one_spelling_of_a_gmail_address_covers_the_contact() -> None:
    undotted = person(full_name="Ivan Petrov", email="ivanpetrov@gmail.com", phone="+79161234567")
    dotted = person(full_name="Ivan Petrov", email="ivan.petrov@gmail.com", phone="+79161234567")
    optout = dataclasses.replace(person("optouts", email="ivan.petrov@gmail.com"), role="optouts")
    suppressions = suppressions_from([optout], b"salt", DAY, {})
    for records in ([undotted, dotted], [dotted, undotted]):
        result = resolve([*records, optout], IdentityMap(), DAY, "UTC", suppressions)
        (contact,) = result.contacts
        assert contact["opted_out"]
        assert set(contact["emails"]) == {"ivanpetrov@gmail.com", "ivan.petrov@gmail.com"}


def test_a_daughter_named_after_her_father_is_not_him_written_backwards() -> None:
    # Baskar Rajamurugan, and his daughter I. Bhaskar (Ilakkiya, whose second name is his):
    # crosswise their names share Baskar, but her initial fits nothing of his
    home = {"email": "baskar.family@rediffmail.com", "phone": "+91 80 6827 5516"}
    father = person("mail", region="IN", full_name="Baskar Rajamurugan", **home)
    daughter = person(region="IN", given_name="I.", family_name="Bhaskar", **home)
    result = _run([father, daughter])
    (row,) = result.matches.to_pylist()
    assert row["decision"] == "kept_apart"
    assert row["given_name_level"] == "different"  # B. and I., as written
    assert len(result.contacts) == 2


def test_an_initial_with_only_the_households_name_and_address_does_not_join() -> None:
    # S. Dartcombe, with an email and a phone of their own, at Sara's household: even at a
    # threshold any pair reaches, the initial alone cannot say which member it is
    us = {"region": "US", "postcode": "10001", "city": "New York"}
    sara = person(full_name="Sara Dartcombe", email="sarad@icloud.com", phone="646-805-8516", **us)
    s = person(full_name="S. Dartcombe", email="sdartcombe@gmail.com", phone="917-993-0795", **us)
    records = [sara, s]
    settings = ResolutionConfig(match_threshold=0.001)
    result = resolve(records, IdentityMap(), DAY, "UTC", [], settings)
    assert not _together(result, sara, s)
    (row,) = result.matches.to_pylist()
    assert (row["decision"], row["decision_reason"]) == ("kept_apart", "household_only")
    assert result.stats["held_apart_as_household"] == 1
    # with something of the person's own (a shared phone) the pair joins on its own
    sam = person(full_name="S. Dartcombe", phone="+1 646 805 8516", **us)
    assert _together(resolve([sara, sam], IdentityMap(), DAY, "UTC", [], settings), sara, sam)


def test_a_nameless_record_is_named_by_an_email_with_digits_after_the_name() -> None:
    crm = person(region="US", full_name="Kimberly Garcia", birthday="06/19/2000")
    mail = person("mail", region="US", email="kimberly.garcia85@icloud.com")
    (row,) = _run([crm, mail]).matches.to_pylist()
    assert (row["given_name_level"], row["family_name_level"]) == ("exact", "exact")


@pytest.mark.parametrize(
    ("written", "latin"),
    [
        ("ஜெயந்தி ராமன்", "Jayanth Raman"),  # Jayanthi, his sister
        ("தீபிகா ராஜ்", "Dipak Raj"),
        ("கோபால் ராஜ்", "Kapil Raj"),
        ("ஷாலினி ராஜ்", "Selina Raj"),
        ("चंदर शर्मा", "Sunder Sharma"),  # Devanagari writes ch and s apart
    ],
)
def test_a_household_with_one_name_in_an_indic_script_stays_two_contacts(
    written: str, latin: str
) -> None:
    phone = "+91 44 2167 2506"
    one = person(region="IN", full_name=written, phone=phone)
    other = person(region="IN", full_name=latin, phone=phone)
    assert not _together(_run([one, other]), one, other)


def test_a_tamil_name_and_its_latin_spelling_behind_one_phone_are_one_contact() -> None:
    phone = "+91 44 2167 2506"
    tamil = person(region="IN", full_name="குணவேல் தேவேந்திரன்", phone=phone)
    latin = person(region="IN", full_name="Gunavel Devendran", phone=phone)
    result = _run([tamil, latin])
    assert _together(result, tamil, latin)
    (row,) = result.matches.to_pylist()
    assert (row["given_name_level"], row["family_name_level"]) == (
        "transliterated",
        "transliterated",
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # two given names neither one nor known apart, at the family's mailbox
        ({"full_name": "Chetan Jha"}, {"full_name": "Chanda Jha"}),
        # one name alone (his), and hers with it as her family name
        ({"full_name": "Muniyandi"}, {"full_name": "Bhuvaneswari Muniyandi"}),
    ],
)
def test_a_family_mailbox_and_a_family_name_alone_do_not_join(one: dict, other: dict) -> None:
    box = {"email": f"{other['full_name'].split()[-1].lower()}.family@gmail.com"}
    first = person(region="IN", **(one | box))
    second = person(region="IN", **(other | box))
    result = resolve([first, second], IdentityMap(), DAY, "UTC", [], LOW)
    assert not _together(result, first, second)
    (row,) = result.matches.to_pylist()
    assert row["decision_reason"] == "household_only"


def test_one_name_at_an_address_spelling_a_given_name_before_it_is_named_by_both() -> None:
    # Mani at tamilselvi.mani@ is Tamilselvi Mani, not Dinesh Mani behind their home phone
    phone = "+91 427 698 6403"
    dinesh = person(region="IN", full_name="Dinesh Mani", phone=phone)
    selvi = person(region="IN", full_name="Mani", email="tamilselvi.mani@gmail.com", phone=phone)
    assert not _together(_run([dinesh, selvi]), dinesh, selvi)
    features = build_features([selvi])
    assert (features.given[0], features.family[0]) == (fold("Tamilselvi"), fold("Mani"))


@pytest.mark.parametrize(
    ("alone", "email"),
    [
        ("Priya", "priya.rahul@gmail.com"),  # her address, with her husband's name after hers
        ("Anna", "anna.james@gmail.com"),
        ("Mani", "the.mani@gmail.com"),  # not a given name the table knows
        ("Mani", "prof.mani@gmail.com"),
        ("Mani", "mani.family@gmail.com"),  # a family's mailbox
    ],
)
def test_one_name_keeps_its_place_at_other_addresses(alone: str, email: str) -> None:
    features = build_features([person(region="IN", full_name=alone, email=email)])
    assert (features.given[0], features.family[0]) == (fold(alone), "")


def test_a_family_name_alone_with_the_family_mailbox_joins_by_its_own_phone() -> None:
    # household_only spares a pair with evidence of the person's own
    box = "muniyandi.family@gmail.com"
    alone = person(region="IN", full_name="Muniyandi", email=box, phone="+91 98935 84566")
    full = person(
        region="IN", full_name="Bhuvaneswari Muniyandi", email=box, phone="+91 98935 84566"
    )
    assert _together(_run([alone, full]), alone, full)


def test_a_short_form_of_two_names_behind_a_shared_phone_joins_neither() -> None:
    # Alex may be Alexander or Alexis: with the phone the two share, he is neither's
    phone = "(415) 555-0134"
    alexander = person(region="US", full_name="Alexander Smith", phone=phone, birthday="03/04/1970")
    alexis = person(region="US", full_name="Alexis Smith", phone=phone, birthday="11/02/1972")
    alex = person(region="US", full_name="Alex Smith", phone=phone)
    result = _run([alexander, alexis, alex])
    assert not _together(result, alexander, alexis)
    assert not _together(result, alex, alexander)
    assert not _together(result, alex, alexis)
    reasons = {row["decision_reason"] for row in result.matches.to_pylist()}
    assert "ambiguous" in reasons


def test_a_short_form_spelt_out_by_its_own_address_keeps_two_sisters_apart() -> None:
    # Kathleen and Katherine Tregrove, both "Kathy" in two exports, one phone at home; only
    # katherine_tregrove@ says which of them the second Kathy (written family name first) is
    phone = "(617) 555-0148"
    kathy = person("google", region="US", full_name="Kathy Tregrove", phone=phone)
    katherine = person(
        "google",
        region="US",
        given_name="Tregrove",
        family_name="Kathy",
        email="katherine_tregrove@comcast.net",
        phone=phone,
    )
    kathleen = person(
        region="US", full_name="Kathleen Tregrove", phone=phone, email="kt@icloud.com"
    )
    again = person("mail", region="US", full_name="Kathleen Tregrove", email="kt@icloud.com")
    result = _run([kathy, katherine, kathleen, again])
    assert _together(result, kathleen, again)
    assert not _together(result, katherine, kathleen)
    assert not _together(result, kathy, katherine)
    assert not _together(result, kathy, kathleen)


def test_two_namesakes_whose_other_records_disagree_stay_apart_as_wholes() -> None:
    # Mariya Pokrovskaya of Moscow (a message and a CRM row sharing her address) and another
    # of Krasnodar: the message matches the Krasnodar row on the name alone, but taken as
    # wholes the two differ in their cities and postcodes
    moscow = {"city": "Москва", "postcode": "104474", "phone": "+7 977 430-64-14"}
    message = person("mail", full_name="Мария Павловна Покровская", email="mpp@mail.ru")
    row = person(full_name="Мария Павловна Покровская", email="mpp@mail.ru", **moscow)
    other = person(
        full_name="Мария Покровская", email="m.p@inbox.ru", city="Краснодар", postcode="350064"
    )
    settings = ResolutionConfig(match_threshold=0.3)
    result = resolve([message, row, other], IdentityMap(), DAY, "UTC", [], settings)
    assert _together(result, message, row)
    assert not _together(result, message, other)
    reasons = {
        (r["left_record_key"], r["right_record_key"]): (
            r["match_probability"],
            r["decision_reason"],
        )
        for r in result.matches.to_pylist()
    }
    probability, reason = reasons[(message.record_key, other.record_key)]
    assert probability >= 0.3 and reason == "outweighed"
    assert result.stats["held_apart_as_wholes"] == 1
