"""Header recognition as truth tables: each header cell and the field it must feed (None: none)."""

from __future__ import annotations

import pytest

from tasks.ingest.headers import (
    BirthParts,
    HeaderMap,
    MissingColumn,
    guess_from_values,
    header_key,
    recognise,
)

pytestmark = pytest.mark.unit


def fed(header_map: HeaderMap, headers: list[str]) -> dict[str, str | None]:
    """Header cell -> the field its column feeds (a labelled feed shows its default field)."""
    table: dict[str, str | None] = dict.fromkeys(headers)
    for feed in header_map.feeds:
        for index in feed.columns:
            table[headers[index]] = feed.field
    return table


def check(table: list[tuple[str, str | None]], role: str = "contacts") -> HeaderMap:
    headers = [header for header, _ in table]
    header_map = recognise(headers, {}, role)
    assert fed(header_map, headers) == dict(table)
    return header_map


GOOGLE_NEW = [
    ("First Name", "given_name"),
    ("Middle Name", "middle_name"),
    ("Last Name", "family_name"),
    ("Phonetic First Name", None),  # a reading aid, not the name
    ("Phonetic Middle Name", None),
    ("Phonetic Last Name", None),
    ("Name Prefix", "honorific"),
    ("Name Suffix", None),
    ("Nickname", "nickname"),
    ("File As", None),  # a sort key
    ("Organization Name", "company"),
    ("Organization Title", None),  # a job title
    ("Organization Department", None),
    ("Birthday", "birthday"),
    ("Notes", None),
    ("Labels", None),
    ("E-mail 1 - Label", None),  # read through its value column
    ("E-mail 1 - Value", "email"),
    ("E-mail 2 - Label", None),
    ("E-mail 2 - Value", "email"),
    ("Phone 1 - Label", None),
    ("Phone 1 - Value", "phone"),
    ("Address 1 - Label", None),
    ("Address 1 - Formatted", None),  # the Street column says it better
    ("Address 1 - Street", "street"),
    ("Address 1 - City", "city"),
    ("Address 1 - PO Box", None),
    ("Address 1 - Region", "region"),
    ("Address 1 - Postal Code", "postcode"),
    ("Address 1 - Country", "country"),
    ("Address 1 - Extended Address", None),
    ("Event 1 - Label", None),
    ("Event 1 - Value", None),  # only an "Anniversary" label sends it somewhere
    ("Website 1 - Label", None),
    ("Website 1 - Value", None),
]

GOOGLE_OLD = [
    ("Name", "full_name"),
    ("Given Name", "given_name"),
    ("Additional Name", "middle_name"),
    ("Family Name", "family_name"),
    ("Yomi Name", None),
    ("Given Name Yomi", None),
    ("Name Prefix", "honorific"),
    ("Name Suffix", None),
    ("Nickname", "nickname"),
    ("Birthday", "birthday"),
    ("Gender", "gender"),
    ("Group Membership", None),
    ("E-mail 1 - Type", None),
    ("E-mail 1 - Value", "email"),
    ("Phone 1 - Type", None),
    ("Phone 1 - Value", "phone"),
    ("Phone 2 - Type", None),
    ("Phone 2 - Value", "phone"),
    ("Address 1 - Formatted", "street"),  # no "Address 1 - Street": the formatted one stands in
    ("Organization 1 - Name", "company"),
    ("Organization 1 - Title", None),
]

OUTLOOK = [
    ("Title", "honorific"),  # Outlook's Title is Mr./Dr.; the job is "Job Title"
    ("First Name", "given_name"),
    ("Middle Name", "middle_name"),
    ("Last Name", "family_name"),
    ("Suffix", None),
    ("Company", "company"),
    ("Department", None),
    ("Job Title", None),
    ("Business Street", "street"),
    ("Business Street 2", "street"),  # continues Business Street, same value
    ("Business City", "city"),
    ("Business State", "region"),
    ("Business Postal Code", "postcode"),
    ("Business Country/Region", "country"),
    ("Home Street", "street"),
    ("Home City", "city"),
    ("Home State", "region"),
    ("Home Postal Code", "postcode"),
    ("Home Country/Region", "country"),
    ("Assistant's Phone", None),  # not the person's number
    ("Business Fax", None),
    ("Business Phone", "phone"),
    ("Business Phone 2", "phone"),
    ("Car Phone", None),
    ("Company Main Phone", None),
    ("Home Phone", "phone"),
    ("Mobile Phone", "mobile"),
    ("Pager", None),
    ("Primary Phone", "phone"),
    ("Other Phone", "phone"),
    ("Anniversary", "anniversary"),
    ("Birthday", "birthday"),
    ("Business Address PO Box", None),
    ("E-mail Address", "email"),
    ("E-mail Type", None),
    ("E-mail Display Name", None),
    ("E-mail 2 Address", "email"),
    ("E-mail 3 Address", "email"),
    ("Gender", "gender"),
    ("Language", "language"),
    ("Office Location", None),
    ("Notes", None),
]

THUNDERBIRD = [
    ("First Name", "given_name"),
    ("Last Name", "family_name"),
    ("Display Name", "full_name"),
    ("Nickname", "nickname"),
    ("Primary Email", "email"),
    ("Secondary Email", "email"),
    ("Screen Name", None),
    ("Work Phone", "phone"),
    ("Home Phone", "phone"),
    ("Fax Number", None),
    ("Pager Number", None),
    ("Mobile Number", "mobile"),
    ("Home Address", "street"),
    ("Home Address 2", "street"),
    ("Home City", "city"),
    ("Home State", "region"),
    ("Home ZipCode", "postcode"),
    ("Home Country", "country"),
    ("Organization", "company"),
    ("Web Page 1", None),
    ("Birth Year", None),  # the three birth columns make one birthday, see below
    ("Birth Month", None),
    ("Birth Day", None),
    ("Custom 1", None),
    ("Notes", None),
    ("", None),  # Thunderbird's trailing comma
]

RUSSIAN = [
    ("Фамилия", "family_name"),
    ("Имя", "given_name"),
    ("Отчество", "middle_name"),
    ("ФИО", "full_name"),
    ("Полное имя", "full_name"),
    ("Эл. почта", "email"),
    ("E-mail", "email"),
    ("Почта", "email"),
    ("Телефон", "phone"),
    ("Мобильный", "mobile"),
    ("Моб. телефон", "mobile"),
    ("Дата рождения", "birthday"),
    ("ДР", "birthday"),
    ("Компания", "company"),
    ("Организация", "company"),
    ("Город", "city"),
    ("Страна", "country"),
    ("Индекс", "postcode"),
    ("Адрес", "street"),
    ("Пол", "gender"),
    ("Дата основания", "company_founded"),
    ("Уровень", "tier"),
    ("Язык", "language"),
    ("Отписан", "opted_out"),
    ("Примечание", None),
]

HINDI = [
    ("नाम", "full_name"),
    ("पहला नाम", "given_name"),
    ("उपनाम", "family_name"),  # the family name in Hindi usage
    ("ईमेल", "email"),
    ("\u095e\u094b\u0928", "phone"),  # फ़ोन with the precomposed nukta letter U+095E
    ("\u092b\u093c\u094b\u0928", "phone"),  # फ़ोन as फ + the combining nukta U+093C
    ("फोन", "phone"),
    ("मोबाइल", "mobile"),
    ("जन्मदिन", "birthday"),
    ("जन्म तिथि", "birthday"),
    ("कंपनी", "company"),
    ("शहर", "city"),
    ("देश", "country"),
    ("पिन कोड", "postcode"),
    ("पता", "street"),
    ("लिंग", "gender"),
    ("टिप्पणी", None),
]

OTHER_FIELDS = [
    ("opted_out", "opted_out"),
    ("Unsubscribed", "opted_out"),
    ("Tier", "tier"),
    ("Language", "language"),
    ("Time zone", "timezone"),
    ("Deal date", "deal_date"),
    ("Дата сделки", "deal_date"),
    ("Amount", "amount"),
    ("Сумма", "amount"),
    ("Currency", "currency"),
    ("Валюта", "currency"),
    ("Date", None),  # a bare "Date" means something only for deals and disputes
]


@pytest.mark.parametrize(
    "table",
    [GOOGLE_NEW, GOOGLE_OLD, OUTLOOK, THUNDERBIRD, RUSSIAN, HINDI, OTHER_FIELDS],
    ids=["google_new", "google_old", "outlook", "thunderbird", "russian", "hindi", "other"],
)
def test_truth_table(table: list[tuple[str, str | None]]) -> None:
    check(table)


def test_bare_date_is_the_deal_date_for_deals_and_opened_for_disputes() -> None:
    check([("Email", "email"), ("Date", "deal_date"), ("Сумма", "amount")], role="deals")
    check(
        [("Email", "email"), ("Дата", "dispute_opened"), ("Resolved", "dispute_resolved")],
        role="disputes",
    )


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("  e-MAIL ", "email"),
        ("FIRST_NAME", "given_name"),
        ("first-name", "given_name"),
        ("ＥＭＡＩＬ", "email"),  # full-width letters, folded by NFKC
        ("ДАТА  РОЖДЕНИЯ", "birthday"),
        ("Населенный пункт", "city"),  # е for ё
        ("birthday:", "birthday"),
    ],
)
def test_matching_ignores_case_space_and_punctuation(header: str, field: str) -> None:
    assert fed(recognise([header]), [header]) == {header: field}


def test_header_key_keeps_devanagari_vowel_signs() -> None:
    assert header_key("पिन कोड") != header_key("पन कड")
    assert header_key("E-mail 1 - Value") == "email1value"


def test_thunderbird_birth_columns_combine() -> None:
    header_map = check(THUNDERBIRD)
    assert header_map.birth_parts == BirthParts(year=20, month=21, day=22)
    assert "birthday" in header_map.fields()


def test_birthday_column_without_month_column_is_a_whole_birthday() -> None:
    header_map = recognise(["Name", "Birth Day"])
    assert header_map.birth_parts is None
    assert fed(header_map, ["Name", "Birth Day"])["Birth Day"] == "birthday"


def test_street_continuations_share_one_feed() -> None:
    headers = [h for h, _ in OUTLOOK]
    header_map = recognise(headers)
    streets = [f.columns for f in header_map.feeds if f.field == "street"]
    assert (headers.index("Business Street"), headers.index("Business Street 2")) in streets
    assert (headers.index("Home Street"),) in streets


def test_google_phone_label_routes_the_value() -> None:
    headers = ["Phone 1 - Type", "Phone 1 - Value"]
    (feed,) = recognise(headers).feeds
    assert feed.label == 0
    assert feed.target("* Mobile") == "mobile"
    assert feed.target("Mobile") == "mobile"
    assert feed.target("Work") == "phone"
    assert feed.target("") == "phone"
    assert feed.target("Home Fax") is None


def test_google_event_labelled_anniversary_is_the_anniversary() -> None:
    (feed,) = recognise(["Event 1 - Label", "Event 1 - Value"]).feeds
    assert feed.target("Anniversary") == "anniversary"
    assert feed.target("Other") is None


def test_feeds_are_in_column_order() -> None:
    headers = ["E-mail 3 Address", "Name", "E-mail Address", "E-mail 2 Address"]
    header_map = recognise(headers)
    assert [f.columns for f in header_map.feeds if f.field == "email"] == [(0,), (2,), (3,)]


def test_nothing_recognised() -> None:
    header_map = recognise(["a", "b", "c"])
    assert not header_map.recognised
    assert header_map.feeds == ()


class TestExplicit:
    def test_explicit_column_wins_for_its_field(self) -> None:
        headers = ["Email", "Рабочая почта", "Name"]
        header_map = recognise(headers, {"email": ["Рабочая почта"]})
        assert fed(header_map, headers) == {
            "Email": None,
            "Рабочая почта": "email",
            "Name": "full_name",
        }

    def test_explicit_column_is_not_also_recognised_as_another_field(self) -> None:
        headers = ["Name", "Email"]
        header_map = recognise(headers, {"company": ["Name"]})
        assert fed(header_map, headers) == {"Name": "company", "Email": "email"}

    def test_a_list_of_columns_is_one_joined_feed(self) -> None:
        headers = ["number", "address_1", "City"]
        header_map = recognise(headers, {"street": ["number", "address_1"]})
        assert [(f.field, f.columns) for f in header_map.feeds] == [
            ("street", (0, 1)),
            ("city", (2,)),
        ]

    def test_explicit_name_matches_loosely_when_not_exact(self) -> None:
        header_map = recognise(["ИМЯ КЛИЕНТА"], {"given_name": ["имя клиента"]})
        assert [(f.field, f.columns) for f in header_map.feeds] == [("given_name", (0,))]

    def test_missing_column_names_the_setting(self) -> None:
        with pytest.raises(MissingColumn) as caught:
            recognise(["Name", "Email"], {"given_name": ["Имя"]})
        assert str(caught.value) == 'columns.given_name: no column "Имя" in the header'

    def test_explicit_birthday_replaces_the_birth_columns(self) -> None:
        headers = ["Born", "Birth Year", "Birth Month", "Birth Day"]
        header_map = recognise(headers, {"birthday": ["Born"]})
        assert header_map.birth_parts is None
        assert [(f.field, f.columns) for f in header_map.feeds] == [("birthday", (0,))]

    def test_explicit_phone_keeps_google_mobiles_but_drops_other_phones(self) -> None:
        headers = ["Phone 1 - Type", "Phone 1 - Value", "Tel"]
        header_map = recognise(headers, {"phone": ["Tel"]})
        google = next(f for f in header_map.feeds if f.columns == (1,))
        assert google.target("Mobile") == "mobile"
        assert google.target("Work") is None


class TestGuessFromValues:
    def test_thunderbird_rows_without_header(self) -> None:
        rows = [
            ["John Doe", "John", "Doe", "john@doe.invalid"],
            ["Jane Doe", "Jane", "Doe", "jane@doe.invalid"],
        ]
        header_map = guess_from_values(rows)
        assert [(f.field, f.columns) for f in header_map.feeds] == [
            ("full_name", (0,)),
            ("email", (3,)),
        ]

    def test_phones_dates_and_numbers(self) -> None:
        rows = [
            ["a@x.org", "+7 916 123-45-67", "2024-03-01", "1500", "Иван"],
            ["b@x.org", "8 (916) 765-43-21", "2024-04-02", "20", "Пётр"],
        ]
        header_map = guess_from_values(rows, role="deals")
        assert [(f.field, f.columns) for f in header_map.feeds] == [
            ("email", (0,)),
            ("phone", (1,)),
            ("deal_date", (2,)),
            ("full_name", (4,)),  # the number column is not a name
        ]

    def test_a_date_is_not_taken_for_a_phone(self) -> None:
        header_map = guess_from_values([["x@y.org", "17.05.1980"]])
        assert [f.field for f in header_map.feeds] == ["email", "birthday"]
