"""The calendar: dates, leap days, ages, every kind of occasion, channels, send_at, moderation,
opt-outs and stable ids."""

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from tasks.occasions.calendar import Settings, build_calendar, occurrence, send_at
from tasks.occasions.channels import postal_tier, top_by_amount
from tasks.occasions.holidays import load_catalogue
from tasks.occasions.kinds import Rules
from tasks.occasions.moderation import moderate
from tasks.occasions.namedays import load_name_days
from tasks.occasions.salutation import load_templates, salutation

pytestmark = pytest.mark.unit
TEMPLATES = load_templates()
BIRTHDAYS_ONLY = Rules()
EVERYTHING = Rules(name_days=load_name_days(), holidays=load_catalogue())
SETTINGS = Settings()


def contact(**kw: object) -> dict:
    base = {
        "contact_id": "c_1",
        "emails": ["ivan@example.com"],
        "phones": [],
        "mobile": None,
        "address": None,
        "birthday_month": 5,
        "birthday_day": 17,
        "birth_year": 1980,
        "language": "ru",
        "gender": "male",
        "given_name": "Иван",
        "middle_name": "Петрович",
        "timezone": "Europe/Moscow",
        "opted_out": False,
        "country": "RU",
        "region": None,
        "tier": None,
        "company_founded": None,
        "first_deal_date": None,
        "first_seen": dt.date(2020, 1, 1),
    }
    base.update(kw)
    return base


def calendar(
    contacts: list[dict],
    start: dt.date,
    end: dt.date,
    rules: Rules = BIRTHDAYS_ONLY,
    settings: Settings = SETTINGS,
    postal: frozenset[str] = frozenset(),
) -> list[dict]:
    return build_calendar(
        contacts, start, end, rules=rules, settings=settings, templates=TEMPLATES, postal=postal
    )


def year_of(contacts: list[dict], year: int = 2027, **kw: object) -> list[dict]:
    return calendar(contacts, dt.date(year, 1, 1), dt.date(year, 12, 31), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("year", "rule", "expected"),
    [
        (2027, "feb28", dt.date(2027, 2, 28)),  # common year, default rule
        (2027, "mar01", dt.date(2027, 3, 1)),  # common year, the setting
        (2028, "feb28", dt.date(2028, 2, 29)),
    ],  # leap year: the day itself
)
def test_29_february(year: int, rule: str, expected: dt.date) -> None:
    assert occurrence(year, 2, 29, rule) == expected


def test_birthday_on_1_january_seen_from_december() -> None:
    rows = calendar(
        [contact(birthday_month=1, birthday_day=1)], dt.date(2026, 12, 20), dt.date(2027, 1, 10)
    )
    assert [r["occasion_date"] for r in rows] == [dt.date(2027, 1, 1)]
    assert rows[0]["years"] == 47


def test_year_less_birthday_has_no_age() -> None:
    rows = year_of([contact(birth_year=None)], 2026)
    assert len(rows) == 1 and rows[0]["years"] is None


def test_send_at_is_local_hour_in_utc() -> None:
    assert send_at(dt.date(2026, 5, 17), 9, "Europe/Moscow") == dt.datetime(
        2026, 5, 17, 6, tzinfo=dt.UTC
    )
    assert send_at(dt.date(2026, 5, 17), 9, "Asia/Kolkata") == dt.datetime(
        2026, 5, 17, 3, 30, tzinfo=dt.UTC
    )
    assert send_at(dt.date(2026, 7, 4), 9, "America/New_York") == dt.datetime(
        2026, 7, 4, 13, tzinfo=dt.UTC
    )  # daylight saving time


@pytest.mark.parametrize(
    ("changes", "channel", "reason"),
    [
        ({}, "email", None),
        ({"emails": [], "mobile": "+79161234567"}, "sms", None),
        ({"emails": [], "mobile": None}, None, "no_channel"),
        ({"opted_out": True}, "email", "opted_out"),
        ({"opted_out": True, "emails": []}, None, "opted_out"),
    ],
)
def test_channel_and_suppression(changes: dict, channel: str | None, reason: str | None) -> None:
    rows = year_of([contact(**changes)], 2026)
    assert rows[0]["channel"] == channel
    assert rows[0]["suppression_reason"] == reason
    assert rows[0]["suppressed"] is (reason is not None)


def test_ids_are_stable_and_differ_per_year() -> None:
    a = calendar([contact()], dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    b = calendar([contact()], dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert [r["occasion_id"] for r in a] == [r["occasion_id"] for r in b]
    assert len({r["occasion_id"] for r in a}) == 2


@pytest.mark.parametrize(
    ("language", "gender", "given", "middle", "english_ru", "expected"),
    [
        ("ru", "male", "Иван", "Петрович", False, "Уважаемый Иван Петрович"),
        ("ru", "female", "Анна", "Сергеевна", False, "Уважаемая Анна Сергеевна"),
        ("en", None, "Ivan", "Petrovich", True, "Dear Ivan Petrovich"),
        ("en", "female", "Priya", None, False, "Dear Priya"),
        ("en", None, None, None, False, "Dear friend"),
        ("ru", None, None, None, False, "Здравствуйте"),
        ("xx", None, "Jo", None, False, "Dear Jo"),
        # a Russian contact written to in English: the name and patronymic in Latin letters
        ("en", "male", "Иван", "Петрович", True, "Dear Ivan Petrovich"),
        ("en", "female", "Анна", "Сергеевна", True, "Dear Anna Sergeevna"),
        ("hi", None, "प्रिया", None, False, "प्रिय प्रिया जी"),
        ("hi", None, None, None, False, "नमस्ते"),
        ("ta", None, "செல்வி", None, False, "அன்புள்ள செல்வி"),
        ("ta", None, None, None, False, "வணக்கம்"),
    ],
)
def test_salutations(
    language: str,
    gender: str | None,
    given: str | None,
    middle: str | None,
    english_ru: bool,
    expected: str,
) -> None:
    assert salutation(TEMPLATES, language, gender, given, middle, english_ru) == expected


def _kinds(rows: list[dict]) -> list[tuple[str, dt.date, str | None]]:
    return [(r["occasion_type"], r["occasion_date"], r["suppression_reason"]) for r in rows]


def test_a_russian_contact_has_every_kind_of_occasion() -> None:
    ivan = contact(
        birthday_month=3,
        birthday_day=14,
        birth_year=1985,
        company_founded=dt.date(2009, 4, 21),
        first_deal_date=dt.date(2016, 7, 2),
    )
    rows = year_of([ivan], rules=EVERYTHING, settings=Settings(min_days_between=0))
    by_kind = {(r["occasion_type"], r["occasion_name"]): r for r in rows}
    assert by_kind["birthday", "Birthday"]["years"] == 42
    # Иван: the first feast on or after 14 March is St John Climacus, 30 March Julian, 12 April
    assert by_kind["name_day", "Name day"]["occasion_date"] == dt.date(2027, 4, 12)
    assert by_kind["company_anniversary", "18 years since the company was founded"]["years"] == 18
    deal = by_kind["deal_anniversary", "11 years of working together"]
    assert deal["occasion_date"] == dt.date(2027, 7, 2) and deal["years"] == 11
    holidays = {n: r["occasion_date"] for (k, n), r in by_kind.items() if k == "holiday"}
    assert holidays == {
        "New Year": dt.date(2027, 1, 1),
        "Orthodox Christmas": dt.date(2027, 1, 7),
        "Defender of the Fatherland Day": dt.date(2027, 2, 23),
    }
    assert all(r["salutation"] == "Уважаемый Иван Петрович" for r in rows)


def test_the_first_year_of_an_anniversary_is_one_year_and_the_founding_year_has_none() -> None:
    rows = calendar(
        [contact(birthday_month=None, first_deal_date=dt.date(2026, 2, 10))],
        dt.date(2026, 1, 1),
        dt.date(2027, 12, 31),
    )
    assert [(r["occasion_date"], r["occasion_name"]) for r in rows] == [
        (dt.date(2027, 2, 10), "1 year of working together")
    ]


def test_name_days_follow_the_setting_and_the_country() -> None:
    ivan = contact(birthday_month=None)
    assert [r["occasion_type"] for r in year_of([ivan], rules=Rules(name_days=None))] == []
    american = contact(birthday_month=None, given_name="John", country="US", language="en")
    named = Rules(name_days=load_name_days())
    assert year_of([american], rules=named) == []
    # without a birthday, the name's main feast: Иван, 7 July (the Nativity of St John)
    (row,) = year_of([ivan], rules=named)
    assert (row["occasion_type"], row["occasion_date"]) == ("name_day", dt.date(2027, 7, 7))


def test_service_recovery_follows_a_resolved_dispute() -> None:
    rules = Rules(service_recovery_days=3, disputes={"c_1": [("d1", dt.date(2027, 6, 29))]})
    rows = year_of([contact(birthday_month=None)], rules=rules)
    assert _kinds(rows) == [("service_recovery", dt.date(2027, 7, 2), None)]


def test_welcome_only_for_a_contact_marked_new() -> None:
    newcomer = contact(birthday_month=None, first_seen=dt.date(2027, 3, 1))
    assert year_of([newcomer]) == []
    rows = year_of([newcomer], rules=Rules(welcome={"c_1": dt.date(2027, 3, 1)}))
    assert _kinds(rows) == [("welcome", dt.date(2027, 3, 1), None)]


def test_occasions_on_one_day_are_one_greeting_led_by_the_highest_priority() -> None:
    both = contact(birthday_month=1, birthday_day=1, birth_year=None)
    rows = year_of([both], rules=Rules(holidays=load_catalogue()))
    day = [r for r in rows if r["occasion_date"] == dt.date(2027, 1, 1)]
    assert {(r["occasion_type"], r["suppression_reason"]) for r in day} == {
        ("birthday", None),
        ("holiday", "combined"),
    }
    assert len({r["greeting_id"] for r in day}) == 1


@pytest.mark.parametrize(
    ("occasions", "min_days", "per_year", "expected"),
    [
        # the birthday wins over a holiday three days before it, whatever the order
        ([("holiday", (1, 1)), ("birthday", (1, 4))], 14, 6, ["frequency_cap", None]),
        # a tie in priority: the earlier day wins, then the smaller id
        ([("holiday", (1, 7)), ("holiday", (1, 1))], 14, 6, ["frequency_cap", None]),
        ([("holiday", (1, 1)), ("holiday", (1, 15))], 14, 6, [None, None]),  # 14 days apart
        ([("holiday", (1, 1)), ("holiday", (1, 14))], 14, 6, [None, "frequency_cap"]),
        # the yearly cap keeps the greetings of highest priority
        (
            [("holiday", (1, 1)), ("name_day", (3, 1)), ("birthday", (6, 1))],
            14,
            2,
            ["frequency_cap", None, None],
        ),
        ([("welcome", (5, 1)), ("service_recovery", (5, 5))], 0, 6, [None, None]),
        ([("welcome", (5, 1)), ("service_recovery", (5, 5))], 7, 6, ["frequency_cap", None]),
    ],
)
def test_frequency_cap(occasions: list, min_days: int, per_year: int, expected: list) -> None:
    keys = [(k, dt.date(2027, *md), f"id{n}") for n, (k, md) in enumerate(occasions)]
    assert [d.reason for d in moderate(keys, min_days, per_year)] == expected


def test_the_new_year_is_held_back_after_a_christmas_greeting_a_week_before() -> None:
    american = contact(birthday_month=None, country="US", language="en", given_name="John")
    rules = Rules(holidays=load_catalogue())
    rows = calendar([american], dt.date(2027, 12, 1), dt.date(2028, 1, 31), rules=rules)
    assert _kinds(rows) == [
        ("holiday", dt.date(2027, 12, 25), None),
        ("holiday", dt.date(2028, 1, 1), "frequency_cap"),
    ]


def test_decisions_do_not_depend_on_the_window() -> None:
    ivan = contact(company_founded=dt.date(2001, 5, 20), first_deal_date=dt.date(2010, 1, 3))
    whole = calendar([ivan], dt.date(2026, 1, 1), dt.date(2028, 12, 31), rules=EVERYTHING)
    for start, end in [
        (dt.date(2027, 1, 1), dt.date(2027, 1, 31)),
        (dt.date(2027, 5, 1), dt.date(2028, 2, 1)),
    ]:
        part = calendar([ivan], start, end, rules=EVERYTHING)
        expected = [r for r in whole if start <= r["occasion_date"] <= end]
        assert part == expected


def test_opted_out_beats_everything() -> None:
    rows = year_of(
        [contact(opted_out=True, address="1 Main St")], rules=EVERYTHING, postal=frozenset({"c_1"})
    )
    assert rows and all(r["suppression_reason"] == "opted_out" and r["suppressed"] for r in rows)


@pytest.mark.parametrize(
    ("changes", "top", "channel", "where"),
    [
        ({"address": "1 Main St\nSpringfield"}, True, "postal", "1 Main St\nSpringfield"),
        ({"address": None}, True, "email", "ivan@example.com"),  # a card needs an address
        ({"address": "1 Main St"}, False, "email", "ivan@example.com"),
        ({"emails": [], "mobile": "+79161234567"}, False, "sms", "+79161234567"),
        ({"emails": [], "mobile": None, "address": "1 Main St"}, False, None, None),
    ],
)
def test_channels(changes: dict, top: bool, channel: str | None, where: str | None) -> None:
    rows = year_of([contact(**changes)], postal=frozenset({"c_1"}) if top else frozenset())
    (row,) = rows
    assert row["channel"] == channel
    assert {"postal": row["address"], "email": row["email"], "sms": row["phone"], None: None}[
        channel
    ] == where
    assert row["suppression_reason"] == (None if channel else "no_channel")


def test_a_card_is_sent_postal_lead_days_before_the_day() -> None:
    (row,) = year_of(
        [contact(address="ул. Ленина, 1")],
        postal=frozenset({"c_1"}),
        settings=Settings(postal_lead_days=7),
    )
    assert row["occasion_date"] == dt.date(2027, 5, 17)
    assert row["send_at"] == dt.datetime(2027, 5, 10, 6, tzinfo=dt.UTC)  # 09:00 in Moscow


def _deal(amount: float | None, currency: str | None = "RUB") -> SimpleNamespace:
    return SimpleNamespace(amount=amount, currency=currency)


def test_the_top_share_by_deal_amount_is_ranked_per_currency() -> None:
    deals = {
        "big": [_deal(900), _deal(200)],
        "mid": [_deal(1000)],
        "small": [_deal(10), _deal(None)],
        "usd": [_deal(5, "USD")],
        "usd2": [_deal(3, "USD")],
    }
    # the count is rounded half up per currency: RUB has 3 customers, USD 2
    assert top_by_amount(deals, 0.3) == {"big", "usd"}  # 0.9 -> 1 and 0.6 -> 1
    assert top_by_amount(deals, 0.5) == {"big", "mid", "usd"}  # 1.5 -> 2 and 1.0 -> 1
    assert top_by_amount(deals, 0.2) == {"big"}  # 0.6 -> 1, but 0.4 -> 0: no USD card
    assert top_by_amount(deals, 0.0) == set()


@pytest.mark.parametrize(
    ("tier", "in_top", "expected"),
    [
        ("VIP", False, True),
        ("gold", False, True),
        ("bronze", True, False),
        (None, True, True),
        (None, False, False),
    ],
)
def test_an_explicit_tier_wins_over_the_amount_rule(
    tier: str | None, in_top: bool, expected: bool
) -> None:
    one = contact(tier=tier)
    assert postal_tier(one, {"c_1"} if in_top else set(), ("top", "vip", "gold")) is expected


def test_ids_are_the_same_for_a_backfill_of_part_of_the_window() -> None:
    ivan = contact(first_deal_date=dt.date(2010, 1, 3))
    whole = calendar([ivan], dt.date(2027, 1, 1), dt.date(2027, 12, 31), rules=EVERYTHING)
    part = calendar([ivan], dt.date(2027, 5, 1), dt.date(2027, 5, 31), rules=EVERYTHING)
    assert {r["occasion_id"] for r in part} <= {r["occasion_id"] for r in whole}
    assert part and all(r["occasion_id"] for r in part)
    changed = dataclasses.replace(SETTINGS, send_hour=10)
    again = calendar(
        [ivan], dt.date(2027, 1, 1), dt.date(2027, 12, 31), rules=EVERYTHING, settings=changed
    )
    assert [r["occasion_id"] for r in again] == [r["occasion_id"] for r in whole]


def test_holidays_of_a_contact_without_a_country_follow_its_language() -> None:
    rules = Rules(holidays=load_catalogue())
    russian = contact(birthday_month=None, country=None, language="ru")
    assert {
        r["occasion_name"]
        for r in year_of([russian], rules=rules, settings=Settings(min_days_between=0))
    } == {
        "New Year",
        "Orthodox Christmas",
        "Defender of the Fatherland Day",
    }
    english = contact(birthday_month=None, country=None, language="en", given_name="Karen")
    assert [r["occasion_name"] for r in year_of([english], rules=rules)] == ["New Year"]


def test_a_tamil_name_brings_pongal() -> None:
    rules = Rules(holidays=load_catalogue())
    selvi = contact(
        birthday_month=None, country="IN", language="en", given_name="செல்வி", gender=None
    )
    names = {
        r["occasion_name"]
        for r in year_of([selvi], rules=rules, settings=Settings(min_days_between=0))
    }
    assert names == {"New Year", "Pongal", "Diwali"}


def test_a_greeting_held_back_by_last_years_leaves_its_place_to_the_next() -> None:
    """Born on 22 December: the New Year falls 10 days after the birthday greeting and is held
    back; Orthodox Christmas, 16 days after it, is sent."""
    rules = Rules(holidays=load_catalogue())
    ivan = contact(birthday_month=12, birthday_day=22, gender=None)
    rows = calendar([ivan], dt.date(2027, 1, 1), dt.date(2027, 1, 31), rules=rules)
    assert _kinds(rows) == [
        ("holiday", dt.date(2027, 1, 1), "frequency_cap"),
        ("holiday", dt.date(2027, 1, 7), None),
    ]


def test_occasions_combined_into_a_greeting_held_back_are_held_back_too() -> None:
    keys = [("birthday", dt.date(2027, 1, 10), "a"), ("holiday", dt.date(2027, 1, 10), "b")]
    decisions = moderate(keys, 14, 6, before=[dt.date(2026, 12, 31)])
    assert [d.reason for d in decisions] == ["frequency_cap", "frequency_cap"]


def test_an_occasion_keeps_its_id_when_its_day_moves() -> None:
    leap = contact(birthday_month=2, birthday_day=29)
    a = year_of([leap], rules=Rules(feb29="feb28"))
    b = year_of([leap], rules=Rules(feb29="mar01"))
    assert a[0]["occasion_date"] != b[0]["occasion_date"]
    assert a[0]["occasion_id"] == b[0]["occasion_id"]


def test_the_language_column_is_the_language_the_salutation_is_written_in() -> None:
    (row,) = year_of([contact(language="de", given_name="Hans", middle_name=None, country="DE")])
    assert (row["language"], row["salutation"]) == ("en", "Dear Hans")


def test_welcomes_and_service_recoveries_never_go_by_post() -> None:
    rules = Rules(
        welcome={"c_1": dt.date(2027, 3, 1)}, disputes={"c_1": [("d1", dt.date(2027, 6, 1))]}
    )
    rows = year_of([contact(address="ул. Ленина, 1")], rules=rules, postal=frozenset({"c_1"}))
    channels = {r["occasion_type"]: r["channel"] for r in rows}
    assert channels == {"birthday": "postal", "welcome": "email", "service_recovery": "email"}
