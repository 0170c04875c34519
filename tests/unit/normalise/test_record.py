"""RawRecord -> NormRecord: fields normalised, failures quarantined without their values."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from schemas.records import NormRecord, Quarantined, RawRecord, Role
from tasks.config import load_config
from tasks.ingest import ReadContext, read_source
from tasks.normalise.record import normalise_record

pytestmark = pytest.mark.unit

TODAY = dt.date(2026, 6, 1)


def _raw(fields: dict[str, list[str]], key: str = "2", source: str = "google") -> RawRecord:
    return RawRecord(source=source, record_key=key, fields=fields, raw={"row": dict(fields)})


def _run(
    fields: dict[str, list[str]],
    role: Role = "contacts",
    region: str = "RU",
    date_order: str | None = None,
    **kwargs: bool,
) -> tuple[NormRecord | None, list[Quarantined]]:
    return normalise_record(
        _raw(fields),
        role=role,
        region=region,
        date_order=date_order,
        priority=3,
        today=TODAY,
        **kwargs,
    )


def _kept(fields: dict[str, list[str]], **kwargs: object) -> NormRecord:
    record, _ = _run(fields, **kwargs)  # type: ignore[arg-type]
    assert record is not None
    return record


def test_a_russian_contact() -> None:
    record, quarantined = _run(
        {
            "full_name": ["Смирнов Иван Петрович"],
            "email": ["Ivan.Smirnov@Example.com", "ivan.smirnov@example.com"],
            "phone": ["8 916 123-45-67"],
            "birthday": ["17.05.1980"],
            "city": ["Новосибирск"],
            "country": ["Россия"],
        }
    )
    assert quarantined == []
    assert record is not None
    assert (record.given_name, record.middle_name, record.family_name) == (
        "Иван",
        "Петрович",
        "Смирнов",
    )
    assert record.full_name == "Иван Петрович Смирнов"
    assert (record.name_latin, record.script) == ("ivan petrovich smirnov", "Cyrillic")
    assert record.gender == "male", "from the patronymic"
    assert record.emails == ["ivan.smirnov@example.com"], "duplicates removed after normalising"
    assert [p.e164 for p in record.phones] == ["+79161234567"]
    assert record.mobile == "+79161234567"
    assert (record.birthday_month, record.birthday_day, record.birth_year) == (5, 17, 1980)
    assert record.country == "RU"
    assert record.timezone == "Asia/Novosibirsk", "the address wins over the phone's many zones"
    assert (record.source, record.record_key, record.role, record.priority) == (
        "google",
        "2",
        "contacts",
        3,
    )
    assert record.raw["row"]["full_name"] == ["Смирнов Иван Петрович"], "the raw record rides along"


def test_a_bad_phone_is_dropped_and_the_record_kept() -> None:
    raw = _raw({"given_name": ["Ivan"], "phone": ["n/a"]})
    record, quarantined = normalise_record(
        raw, role="contacts", region="RU", date_order=None, priority=0, today=TODAY
    )
    assert record is not None and record.phones == []
    assert quarantined == [
        Quarantined(
            source="google",
            record_key="2",
            field="phone",
            rule="phone_is_valid",
            reason="phone is not a valid phone number (rule phone_is_valid); "
            "the field was dropped and the record kept",
            raw=raw.raw,
        )
    ]


BAD_VALUES = {
    "email": ("secret.person@", "email_is_valid"),
    "phone": ("555-SECRET", "phone_is_valid"),
    "mobile": ("+7 000 000-00-00", "phone_is_valid"),
    "birthday": ("31.02.1980", "birthday_is_a_date"),
    "anniversary": ("17.05", "anniversary_is_a_date"),
    "company_founded": ("2099-01-01", "company_founded_is_a_date"),
    "gender": ("Xenomorph", "gender_is_known"),
    "country": ("Atlantis", "country_is_known"),
    "language": ("Klingon", "language_is_known"),
    "timezone": ("Mars/Olympus", "timezone_is_known"),
    "amount": ("lots of money", "amount_is_a_number"),
    "currency": ("доллары", "currency_is_known"),
    "opted_out": ("maybe later", "opted_out_is_a_flag"),
    "message_at": ("last Tuesday", "message_at_is_a_timestamp"),
}


def test_every_bad_field_is_quarantined_by_name_and_rule_without_its_value() -> None:
    fields = {name: [value] for name, (value, _) in BAD_VALUES.items()}
    record, quarantined = _run({"full_name": ["Anna Petrova"], **fields})
    assert record is not None, "a named person is kept whatever else fails"
    assert {(q.field, q.rule) for q in quarantined} == {
        (name, rule) for name, (_, rule) in BAD_VALUES.items()
    }
    for item in quarantined:
        assert item.field is not None and item.reason.startswith(f"{item.field} ")
        assert f"(rule {item.rule})" in item.reason
        for value, _ in BAD_VALUES.values():
            assert value not in item.reason, "no value ever appears in a reason"


@pytest.mark.parametrize(
    ("role", "fields", "rule", "why"),
    [
        ("contacts", {"phone": ["нет"], "full_name": ["ivan@example.com"]},
         "record_identifies_a_person", "an address used as a name is no name"),
        ("contacts", {"company": ["Acme"]}, "record_identifies_a_person", "a company alone"),
        ("optouts", {"full_name": ["Ivan Petrov"]}, "optout_has_email_or_phone",
         "an opt-out needs something to suppress"),
        ("deals", {"email": ["a@example.com"], "deal_date": ["31.02.2020"]},
         "deal_date_is_a_date", "a deal needs a valid date"),
        ("deals", {"deal_date": ["2020-01-01"]}, "record_identifies_a_person",
         "a deal needs a person"),
        ("disputes", {"dispute_opened": ["2020-01-01"]}, "record_identifies_a_person",
         "a dispute needs a person"),
    ],
)  # fmt: skip
def test_whole_record_quarantine(
    role: Role, fields: dict[str, list[str]], rule: str, why: str
) -> None:
    record, quarantined = _run(fields, role=role)
    assert record is None, why
    assert len(quarantined) == 1
    whole = quarantined[0]
    assert (whole.field, whole.rule, whole.raw) == (None, rule, _raw(fields).raw), why
    assert f"(rule {rule}); the record was not used" in whole.reason


def test_a_whole_record_reason_lists_the_fields_it_lost() -> None:
    _, quarantined = _run({"email": ["not-an-address"], "phone": ["n/a"]})
    assert [q.rule for q in quarantined] == ["record_identifies_a_person"]
    assert "fields dropped: email (email_is_valid), phone (phone_is_valid)" in quarantined[0].reason
    assert "not-an-address" not in quarantined[0].reason


def test_roles_that_keep_records() -> None:
    optout = _kept({"email": ["A@Example.com"]}, role="optouts")
    assert optout.opted_out is True, "every opt-out record is opted out"
    deal = _kept(
        {"email": ["a@example.com"], "deal_date": ["2030-01-01"], "amount": ["₹1,00,000"]},
        role="deals",
    )
    assert (deal.deal_date, deal.amount, deal.currency) == (dt.date(2030, 1, 1), 100000.0, "INR")
    dispute = _kept(
        {"full_name": ["Ivan Petrov"], "dispute_opened": ["01.02.2024"]}, role="disputes"
    )
    assert dispute.dispute_opened == dt.date(2024, 2, 1)


@pytest.mark.parametrize(
    ("fields", "expected", "why"),
    [
        ({"full_name": ["Иван Петрович Смирнов"]}, "male", "a patronymic fills an empty field"),
        ({"full_name": ["Anna Sergeevna Ivanova"]}, "female", "a -na patronymic"),
        ({"full_name": ["Иван Петрович Смирнов"], "gender": ["Ж"]}, "female",
         "the field wins over the patronymic"),
        ({"full_name": ["Иван Петрович Смирнов"], "gender": ["?"]}, "male",
         "a field that fails is empty: the patronymic fills it"),
        ({"full_name": ["Ivan Smirnov"]}, None, "no patronymic, no field: unknown"),
        ({"full_name": ["Priya Sharma"], "gender": ["महिला"]}, "female", "Hindi"),
    ],
)  # fmt: skip
def test_gender(fields: dict[str, list[str]], expected: str | None, why: str) -> None:
    assert _kept(fields).gender == expected, why


@pytest.mark.parametrize(
    ("fields", "region", "expected", "why"),
    [
        ({"timezone": ["Asia/Calcutta"], "country": ["RU"], "city": ["Москва"],
          "email": ["a@example.com"]}, "RU", "Asia/Kolkata",
         "an explicit zone wins, canonicalised"),
        ({"country": ["India"], "phone": ["+7 495 123-45-67"]}, "RU", "Asia/Kolkata",
         "the address wins over the phone"),
        ({"phone": ["+7 495 123-45-67"]}, "RU", "Europe/Moscow",
         "no address: the phone's one zone"),
        ({"phone": ["8 916 123-45-67"]}, "RU", None,
         "a Russian mobile implies many zones: left to the config default"),
        ({"phone": ["(201) 555-0123"]}, "US", "America/New_York", "a US number's one zone"),
        ({"email": ["a@example.com"], "country": ["RU"]}, "RU", None,
         "Russia without a city has many zones"),
        ({"email": ["a@example.com"], "city": ["Москва"]}, "RU", None,
         "a city without a country is not looked up"),
    ],
)  # fmt: skip
def test_timezone(
    fields: dict[str, list[str]], region: str, expected: str | None, why: str
) -> None:
    assert _kept(fields, region=region).timezone == expected, why


def test_phones_are_deduplicated_and_the_sms_number_chosen() -> None:
    record = _kept(
        {
            "phone": ["+7 495 123-45-67", "+7 916 123-45-67", "8 (916) 1234567"],
            "mobile": ["8 495 123 45 67", "89161234567"],
        }
    )
    assert [p.e164 for p in record.phones] == ["+74951234567", "+79161234567"]
    assert record.mobile == "+79161234567", "the landline in the mobile column cannot take SMS"


@pytest.mark.parametrize(("flag", "expected"), [(True, "+12015550123"), (False, None)])
def test_us_mobile_follows_the_config_flag(flag: bool, expected: str | None) -> None:
    record = _kept({"mobile": ["(201) 555-0123"]}, region="US", sms_to_fixed_line_or_mobile=flag)
    assert record.mobile == expected


@pytest.mark.parametrize(
    ("region", "date_order", "expected", "why"),
    [
        ("US", None, (5, 6), "the region's order: MDY"),
        ("RU", None, (6, 5), "the region's order: DMY"),
        ("RU", "MDY", (5, 6), "the source's date_order wins over its region"),
        ("RU", "nonsense", (6, 5), "an unknown order falls back to the region's"),
    ],
)
def test_date_order(
    region: str, date_order: str | None, expected: tuple[int, int], why: str
) -> None:
    record = _kept(
        {"email": ["a@example.com"], "birthday": ["05/06/1980"]},
        region=region,
        date_order=date_order,
    )
    assert (record.birthday_month, record.birthday_day) == expected, why


def test_a_birthday_in_the_future_is_dropped() -> None:
    record, quarantined = _run({"email": ["a@example.com"], "birthday": ["2027-01-01"]})
    assert record is not None and record.birthday_month is None
    assert [(q.field, q.rule) for q in quarantined] == [("birthday", "birthday_is_a_date")]


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"birthday": ["0/0/00"], "anniversary": ["0/0/00"]}, "Outlook's empty dates"),
        ({"gender": ["Unspecified"]}, "Outlook's empty gender"),
        ({"gender": ["Не указан"]}, "a Russian form's empty gender"),
        ({"company_founded": ["0000-00-00"]}, "MySQL's zero date"),
        ({"anniversary": ["1/1/0001 12:00:00 AM"]}, ".NET's DateTime.MinValue"),
        ({"birthday": ["01.01.0001 0:00:00"]}, "1C's empty date"),
    ],
)
def test_export_placeholders_are_empty_fields(fields: dict[str, list[str]], why: str) -> None:
    record, quarantined = _run({"email": ["a@example.com"], **fields}, region="US")
    assert quarantined == [], why
    assert record is not None
    assert (record.birthday_month, record.birth_year, record.anniversary) == (None, None, None)
    assert (record.gender, record.company_founded) == (None, None), why


def test_a_placeholder_leaves_room_for_the_next_value_and_the_name() -> None:
    record = _kept(
        {"full_name": ["Иван Петрович Смирнов"], "gender": ["Unspecified"],
         "birthday": ["0/0/00", "17.05.1980"]}
    )  # fmt: skip
    assert record.gender == "male", "an empty gender field: the patronymic fills it"
    assert (record.birthday_month, record.birthday_day) == (5, 17), "the first real value"


def test_a_deal_whose_date_is_a_placeholder_has_no_date() -> None:
    record, quarantined = _run(
        {"email": ["a@example.com"], "deal_date": ["0/0/00"]}, role="deals", region="US"
    )
    assert record is None
    assert [(q.field, q.rule) for q in quarantined] == [(None, "deal_date_is_a_date")]
    assert "fields dropped" not in quarantined[0].reason, "an empty field was never dropped"


def test_a_year_less_birthday() -> None:
    record = _kept({"email": ["a@example.com"], "birthday": ["29.02"]})
    assert (record.birthday_month, record.birthday_day, record.birth_year) == (2, 29, None)


def test_a_company_in_the_name_field_becomes_the_company() -> None:
    record = _kept({"full_name": ["ООО «Ромашка»"], "email": ["info@example.com"]})
    assert record.full_name is None and record.given_name is None
    assert record.company == "ООО «Ромашка»"


def test_text_fields_are_cleaned() -> None:
    record = _kept(
        {
            "email": ["a@example.com"],
            "street": ["  ул. Ленина,\u00a0 д. 1 \n\n  кв. 2 "],
            "city": ["  Нижний   Новгород "],
            "postcode": ["sw1a 1aa"],
            "language": ["Русский"],
            "opted_out": ["да"],
            "message_at": ["2024-01-02T06:04:05+03:00"],
        }
    )
    assert record.street == "ул. Ленина, д. 1\nкв. 2", "lines kept, spaces collapsed"
    assert record.city == "Нижний Новгород"
    assert record.postcode == "SW1A 1AA"
    assert record.language == "ru"
    assert record.opted_out is True
    assert record.message_at == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _hash(fields: dict[str, list[str]], key: str = "2", source: str = "google") -> str:
    record, _ = normalise_record(
        _raw(fields, key, source), role="contacts", region="RU", date_order=None, priority=0,
        today=TODAY,
    )  # fmt: skip
    assert record is not None
    return record.record_hash


def test_record_hash_follows_content_not_place() -> None:
    base = {"full_name": ["Ivan Petrov"], "email": ["ivan@example.com"]}
    digest = _hash(base)
    assert re.fullmatch(r"[0-9a-f]{16}", digest)
    assert _hash(base, key="17") == digest, "a row that moved keeps its hash"
    assert _hash(base, source="outlook") == digest, "the source name is not content"
    assert _hash({**base, "message_at": ["2024-01-01T00:00:00Z"]}) == digest, "nor the time"
    assert _hash({**base, "email": ["IVAN@example.com "]}) == digest, "normalised before hashing"
    assert _hash({**base, "email": ["petr@example.com"]}) != digest, "other content, other hash"
    assert _hash({**base, "phone": ["8 916 123-45-67"]}) != digest


def test_the_outlook_sample_normalises_without_quarantine() -> None:
    """data/samples/outlook.csv: every Birthday and Anniversary it leaves empty is 0/0/00 and
    most Genders are Unspecified; all seven contacts are kept and nothing is quarantined."""
    config = load_config(Path(__file__).resolve().parents[3] / "data" / "samples" / "rapport.yaml")
    source = config.source("outlook")
    read = read_source(source, ReadContext())
    assert read.quarantined == []
    region = source.default_region or config.default_region
    outcomes = [
        normalise_record(
            raw, role=source.role, region=region, date_order=source.date_order, priority=1,
            today=dt.date(2026, 11, 23),
        )
        for raw in read.records
    ]  # fmt: skip
    records = [record for record, _ in outcomes if record is not None]
    assert len(records) == 8
    assert [q for _, quarantined in outcomes for q in quarantined] == []
    birthdays = {(r.birthday_month, r.birthday_day, r.birth_year) for r in records}
    assert birthdays == {(None, None, None), (10, 2, 1992), (4, 9, 1983), (12, 3, 1975)}
