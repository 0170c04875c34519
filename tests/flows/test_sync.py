"""The demo end to end under Prefect's real engine, and the calendar of a few known people."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.conftest import AS_OF, copy_samples

pytestmark = pytest.mark.flow


def contact_by_email(out: Path, email: str) -> pd.Series:
    contacts = pd.read_parquet(out / "contacts.parquet")
    match = contacts[contacts["emails"].map(lambda e: email in list(e))]
    assert len(match) == 1, email
    return match.iloc[0]


def test_manifest_counts_match_an_independent_count_of_the_csv_rows(
    demo_run: dict[str, Any],
) -> None:
    config = demo_run["config"]
    for name in ("google", "google_legacy", "deals"):
        path = config.source(name).path
        with path.open(encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.reader(handle) if any(c.strip() for c in r)]
        assert demo_run["manifest"]["sources"][name]["read"] == len(rows) - 1, name
    assert all(s["status"] == "read" for s in demo_run["manifest"]["sources"].values())


def test_one_person_from_four_sources_is_one_contact(demo_run: dict[str, Any]) -> None:
    out = demo_run["out"]
    ivan = contact_by_email(out, "ivan.smirnov@example.com")
    assert (ivan["given_name"], ivan["middle_name"], ivan["family_name"]) == (
        "Иван",
        "Петрович",
        "Смирнов",
    )
    assert ivan["gender"] == "male" and ivan["language"] == "ru"
    assert "+79161234567" in list(ivan["phones"])
    assert ivan["timezone"] == "Europe/Moscow" and ivan["country"] == "RU"
    assert ivan["first_deal_date"] is not None
    assert ivan["first_message_at"] is not None
    lineage = pd.read_parquet(out / "contact_sources.parquet")
    sources = set(lineage.loc[lineage["contact_id"] == ivan["contact_id"], "source"])
    assert {"google", "crm_ru", "mail", "deals"} <= sources


def _pair(matches: pd.DataFrame, left: tuple[str, str], right: tuple[str, str]) -> pd.Series:
    sides = {left, right}
    for _, row in matches.iterrows():
        if {
            (row["left_source"], row["left_record_key"]),
            (row["right_source"], row["right_record_key"]),
        } == sides:
            return row
    raise AssertionError(f"no row for {left} and {right}")


def test_the_hard_cases_of_the_samples_and_their_explanations(demo_run: dict[str, Any]) -> None:
    out = demo_run["out"]
    matches = pd.read_parquet(out / "matches.parquet")
    # one man in two scripts with only name and birthday in common
    fedorov = _pair(matches, ("crm_ru_old", "2"), ("outlook", "9"))
    assert fedorov["decision"] == "merged" and fedorov["same_contact"]
    assert (fedorov["email_level"], fedorov["birthday_level"]) == ("different", "exact")
    # a married couple sharing a phone and an email
    orlovs = _pair(matches, ("crm_ru_old", "6"), ("crm_ru_old", "7"))
    assert orlovs["decision"] == "kept_apart" and not orlovs["same_contact"]
    assert orlovs["decision_reason"] == "conflict:given_name"
    assert (orlovs["email_level"], orlovs["phone_level"]) == ("exact", "exact")
    assert orlovs["family_name_level"] == "gender_form"
    assert len(contact_by_email(out, "nikolai.fedorov@example.net")) > 0
    assert orlovs["match_probability"] >= 0.9  # the model alone would have merged them
    # namesakes in one city, with their own emails, phones and birthdays
    priya = _pair(matches, ("google", "5"), ("crm_hi", "7"))
    assert priya["decision"] == "kept_apart"
    assert priya["decision_reason"] == "below_threshold"
    assert (priya["given_name_level"], priya["city_level"]) == ("exact", "exact")
    assert priya["birthday_level"] == "different"
    first = contact_by_email(out, "priya.sharma@example.com")
    second = contact_by_email(out, "priya.sharma.1988@example.org")
    assert first["contact_id"] != second["contact_id"]
    # every comparison explains itself with a level and a weight
    levels = [c for c in matches.columns if c.endswith("_level")]
    assert len(levels) >= 9
    for level in levels:
        assert matches[level].notna().all()
        assert matches[level.replace("_level", "_weight")].notna().all()
    assert demo_run["manifest"]["resolution"]["candidate_pairs"] >= len(matches)


def test_birthdays_ages_salutations_and_send_times(demo_run: dict[str, Any]) -> None:
    out = demo_run["out"]
    calendar = pd.read_parquet(out / "occasions")
    ivan = contact_by_email(out, "ivan.smirnov@example.com")
    rows = calendar[calendar["contact_id"] == ivan["contact_id"]]
    row = rows[rows["occasion_type"] == "birthday"].iloc[0]
    assert row["occasion_date"] == dt.date(2027, 3, 14) and row["years"] == 42
    assert row["salutation"] == "Уважаемый Иван Петрович"
    assert row["channel"] == "email" and row["email"] == "ivan.smirnov@example.com"
    assert row["send_at"] == pd.Timestamp("2027-03-14 06:00", tz="UTC")  # 09:00 in Moscow
    window = demo_run["manifest"]["window"]
    dates = calendar["occasion_date"]
    assert dates.min() >= dt.date.fromisoformat(window["start"])
    assert dates.max() <= dt.date.fromisoformat(window["end"])


def test_year_less_birthday_today_has_no_age(demo_run: dict[str, Any]) -> None:
    out = demo_run["out"]
    sarah = contact_by_email(out, "sarah.miller@example.com")
    assert pd.isna(sarah["birth_year"])
    calendar = pd.read_parquet(out / "occasions")
    rows = calendar[calendar["contact_id"] == sarah["contact_id"]]
    row = rows[rows["occasion_type"] == "birthday"].iloc[0]
    assert row["occasion_date"] == AS_OF and pd.isna(row["years"])
    assert row["salutation"] == "Dear Sarah"


def test_opted_out_contacts_are_suppressed(demo_run: dict[str, Any]) -> None:
    out = demo_run["out"]
    olga = contact_by_email(out, "olga.morozova@example.org")
    assert bool(olga["opted_out"])
    calendar = pd.read_parquet(out / "occasions")
    rows = calendar[calendar["contact_id"] == olga["contact_id"]]
    assert {"birthday", "holiday"} <= set(rows["occasion_type"])
    assert rows["suppressed"].all() and (rows["suppression_reason"] == "opted_out").all()
    suppressions = pd.read_parquet(out / "suppressions.parquet")
    assert set(suppressions["value"]) >= {"olga.morozova@example.org", "+14155550142"}
    assert suppressions["value_hash"].str.fullmatch(r"[0-9a-f]{64}").all()


def test_bad_fields_are_dropped_and_the_records_kept(demo_run: dict[str, Any]) -> None:
    out = demo_run["out"]
    quarantine = pd.read_parquet(out / "quarantine.parquet")
    notes = set(
        zip(quarantine["source"], quarantine["field"].fillna("-"), quarantine["rule"], strict=True)
    )
    assert ("google", "birthday", "birthday_is_a_date") in notes
    assert ("crm_ru", "birthday", "birthday_is_a_date") in notes
    assert ("google", "mobile", "phone_is_valid") in notes
    assert ("crm_ru", "-", "record_identifies_a_person") in notes
    assert ("deals", "-", "no_matching_contact") in notes
    for rule in (
        "self_address",
        "mailing_list",
        "bounce_sender",
        "no_reply_address",
        "bulk_precedence",
    ):
        assert ("mail", "-", rule) in notes, rule
    lineage = pd.read_parquet(out / "contact_sources.parquet")
    field_notes = quarantine[quarantine["field"].notna()]
    kept = set(zip(lineage["source"], lineage["record_key"], strict=True))
    for row in field_notes.itertuples():
        assert (row.source, row.record_key) in kept


def test_second_run_keeps_ids_and_backfill_replaces_only_its_window(
    prefect_harness: None,
    tmp_path: Path,
) -> None:
    from flows.backfill import backfill
    from flows.sync import sync

    config_path = copy_samples(tmp_path)
    out = tmp_path / "out"
    sync(str(config_path), as_of=AS_OF.isoformat())
    first = pd.read_parquet(out / "occasions")
    first_contacts = pd.read_parquet(out / "contacts.parquet")
    again = sync(str(config_path), as_of=AS_OF.isoformat())
    assert again["resolution"]["events"] == {}
    second = pd.read_parquet(out / "occasions")
    assert sorted(second["occasion_id"]) == sorted(first["occasion_id"])
    assert sorted(pd.read_parquet(out / "contacts.parquet")["contact_id"]) == sorted(
        first_contacts["contact_id"]
    )

    report = backfill(str(config_path), "2027-11-23", "2028-12-31")
    assert report["command"] == "backfill"
    after = pd.read_parquet(out / "occasions")
    old = after[after["occasion_date"] < dt.date(2027, 11, 23)]
    assert sorted(old["occasion_id"]) == sorted(first["occasion_id"])
    new = after[after["occasion_date"] >= dt.date(2027, 11, 23)]
    assert len(new) > 0 and new["occasion_date"].max() <= dt.date(2028, 12, 31)


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "logs" not in p.parts and p.name != "lock"
    }


def test_a_failed_run_leaves_the_previous_outputs_untouched(
    prefect_harness: None,
    tmp_path: Path,
) -> None:
    from flows.sync import sync
    from tasks.errors import SourceError

    config_path = copy_samples(tmp_path)
    sync(str(config_path), as_of=AS_OF.isoformat())
    before = _digest(tmp_path / "out")
    (config_path.parent / "google.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(SourceError, match="google"):
        sync(str(config_path), as_of=AS_OF.isoformat())
    assert _digest(tmp_path / "out") == before


def test_a_newcomer_is_welcomed_and_the_people_of_a_new_source_are_not(
    prefect_harness: None,
    tmp_path: Path,
) -> None:
    from flows.backfill import backfill
    from flows.sync import sync

    config_path = copy_samples(tmp_path)
    out = tmp_path / "out"
    sync(str(config_path), as_of=AS_OF.isoformat())
    first = pd.read_parquet(out / "occasions")
    assert "welcome" not in set(first["occasion_type"])  # the first run welcomes nobody

    # a week later: a new row in a source read before, a person of one record whose family
    # name was corrected (a new record hash, so a new contact, but no newcomer), and a new
    # source with a new person
    lineage = pd.read_parquet(out / "contact_sources.parquet")
    records = lineage.groupby("contact_id")["record_key"].agg(list)
    lone = lineage[lineage["contact_id"].isin(records[records.map(len) == 1].index)]
    edited = lone[lone["source"] == "google"].iloc[0]
    google = config_path.parent / "google.csv"
    with google.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    header = table[0]
    table[int(edited["record_key"]) - 1][header.index("Last Name")] += "-Lee"
    new = dict.fromkeys(header, "")
    new.update(
        {"First Name": "Глеб", "Last Name": "Новиков", "E-mail 1 - Value": "gleb@example.ru"}
    )
    table.append([new[h] for h in header])
    with google.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)
    (config_path.parent / "fairs.csv").write_text(
        "Name,Email\nДарья Волкова,daria.volkova@example.ru\n", encoding="utf-8"
    )
    config_path.write_text(
        config_path.read_text(encoding="utf-8")
        + "  - name: fairs\n    kind: csv\n    path: fairs.csv\n",
        encoding="utf-8",
    )
    later = AS_OF + dt.timedelta(days=7)
    sync(str(config_path), as_of=later.isoformat())
    gleb = contact_by_email(out, "gleb@example.ru")
    daria = contact_by_email(out, "daria.volkova@example.ru")
    assert gleb["first_seen"] == later and daria["first_seen"] == later

    def welcomes() -> pd.DataFrame:
        calendar = pd.read_parquet(out / "occasions")
        return calendar[calendar["occasion_type"] == "welcome"]

    events = pd.read_parquet(out / "identity_events.parquet")
    created = set(events[events["event"] == "created"]["contact_id"])
    assert len(created) == 3  # Глеб, Дарья and the person whose name was corrected
    found = welcomes()
    assert list(found["contact_id"]) == [gleb["contact_id"]]
    assert found.iloc[0]["occasion_date"] == later
    assert found.iloc[0]["salutation"] == "Здравствуйте, Глеб"
    # the welcome is remembered: a backfill over its day gives the same row again
    backfill(str(config_path), later.isoformat(), later.isoformat(), as_of=later.isoformat())
    assert list(welcomes()["occasion_id"]) == list(found["occasion_id"])

    # a newcomer a backfill of last year finds is welcomed the next day, by the nightly run
    with google.open("a", encoding="utf-8", newline="") as handle:
        new.update({"First Name": "Олег", "E-mail 1 - Value": "oleg@example.ru"})
        csv.writer(handle).writerow([new[h] for h in header])
    backfill(str(config_path), "2026-01-01", "2026-06-30", as_of=later.isoformat())
    oleg = contact_by_email(out, "oleg@example.ru")
    nightly = later + dt.timedelta(days=1)
    sync(str(config_path), as_of=nightly.isoformat())
    oleg_welcome = welcomes()[welcomes()["contact_id"] == oleg["contact_id"]]
    assert list(oleg_welcome["occasion_date"]) == [nightly]


def _reason(value: object) -> object:
    return None if pd.isna(value) else value


def _calendar_of(out: Path, email: str) -> list[tuple[str, str, str, Any]]:
    who = contact_by_email(out, email)
    calendar = pd.read_parquet(out / "occasions")
    rows = calendar[calendar["contact_id"] == who["contact_id"]].sort_values("occasion_date")
    return [
        (str(r.occasion_date), r.occasion_type, r.occasion_name, _reason(r.suppression_reason))
        for r in rows.itertuples()
    ]


def test_the_whole_calendar_of_a_russian_an_indian_and_an_american_customer(
    demo_run: dict[str, Any],
) -> None:
    """Worked out by hand from the samples' README and the rules: moderation keeps at most
    one greeting in 14 days, the birthday first, then the deal's anniversary, the name day,
    the company's anniversary and the holidays, the earlier of two holidays first."""
    out = demo_run["out"]  # window 2026-11-23 .. 2027-11-22
    assert _calendar_of(out, "ivan.smirnov@example.com") == [
        ("2027-01-01", "holiday", "New Year", None),
        ("2027-01-07", "holiday", "Orthodox Christmas", "frequency_cap"),  # 6 days after
        ("2027-02-23", "holiday", "Defender of the Fatherland Day", None),  # he is a man
        ("2027-03-02", "deal_anniversary", "11 years of working together", "frequency_cap"),
        ("2027-03-14", "birthday", "Birthday", None),
        # Иван: first feast on or after 14 March, St John Climacus, 30 March Julian
        ("2027-04-12", "name_day", "Name day", None),
        (
            "2027-04-21",
            "company_anniversary",
            "18 years since the company was founded",
            "frequency_cap",
        ),
    ]
    assert _calendar_of(out, "priya.sharma@example.com") == [
        ("2027-01-01", "holiday", "New Year", None),
        ("2027-09-15", "deal_anniversary", "6 years of working together", None),
        ("2027-10-02", "birthday", "Birthday", None),
        ("2027-10-29", "holiday", "Diwali", None),
    ]
    assert _calendar_of(out, "sarah.miller@example.com") == [
        ("2026-11-23", "birthday", "Birthday", None),
        ("2026-11-26", "holiday", "Thanksgiving", "frequency_cap"),
        ("2026-12-25", "holiday", "Christmas", None),
        ("2027-01-01", "holiday", "New Year", "frequency_cap"),  # a week after Christmas
    ]
    michael = contact_by_email(out, "michael.brown@example.com")
    calendar = pd.read_parquet(out / "occasions")
    cards = calendar[calendar["contact_id"] == michael["contact_id"]]
    assert (cards["channel"] == "postal").all() and cards["address"].notna().all()
    local = cards["send_at"].dt.tz_convert(michael["timezone"])
    assert (local.dt.date == cards["occasion_date"] - dt.timedelta(days=7)).all()
    assert (local.dt.hour == 9).all()
