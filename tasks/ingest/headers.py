"""Header recognition: which columns of a sheet feed which Rapport field.

A header row is matched against the exports people actually have (Google Contacts old and new,
Outlook, Thunderbird, Roundcube) and common synonyms in English, Russian and Hindi, with no
``columns`` setting. Matching ignores case, spaces and punctuation (:func:`header_key`). An
explicit ``columns`` mapping wins over recognition for the fields it names. A file with no header
at all can have its columns guessed from the values instead (:func:`guess_from_values`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from schemas.records import FIELDS

#: Fields whose values are dates: a number in such a column of a workbook is an Excel serial.
DATE_FIELDS: frozenset[str] = frozenset(
    {"birthday", "anniversary", "company_founded", "deal_date"}
    | {"dispute_opened", "dispute_resolved"}
)

#: Field -> the header spellings that mean it, separated by "|".
_SYNONYMS: dict[str, str] = {
    "full_name": (
        "Name | Full Name | Display Name | Contact Name | Customer Name | Client Name |"
        "Contact | ФИО | Ф.И.О. | Полное имя | Имя и фамилия | नाम | पूरा नाम"
    ),
    "given_name": "First Name | Given Name | First | Firstname | Forename | Имя | पहला नाम",
    "middle_name": "Middle Name | Additional Name | Middle | Patronymic | Отчество | मध्य नाम",
    "family_name": "Last Name | Family Name | Surname | Last | Lastname | Фамилия | उपनाम | कुलनाम",
    "nickname": "Nickname | Nick | Никнейм | Псевдоним",
    "honorific": "Name Prefix | Prefix | Title | Honorific | Обращение",
    "email": (
        "E-mail | Email | Mail | E-mail Address | Email Address | Эл. почта |"
        "Электронная почта | Почта | Адрес электронной почты | ईमेल | ई-मेल"
    ),
    "phone": (
        "Phone | Telephone | Tel | Phone Number | Contact Number | Contact Phone |"
        "Contact Phone Number | Landline | Телефон | Тел. | Номер телефона |"
        "Рабочий телефон | Домашний телефон | फ़ोन | फोन | फ़ोन नंबर | फोन नंबर"
    ),
    "mobile": (
        "Mobile | Mobile Phone | Mobile Number | Mobile Phone Number | Cell | Cell Phone |"
        "Cellphone | Мобильный | Моб. телефон | Мобильный телефон | Сотовый |"
        "Сотовый телефон | मोबाइल | मोबाइल नंबर"
    ),
    "birthday": (
        "Birthday | Date of Birth | DOB | Birth Date | Birthdate | Дата рождения | ДР |"
        "День рождения | जन्मदिन | जन्म तिथि | जन्मतिथि"
    ),
    "anniversary": "Anniversary | Wedding Anniversary | Годовщина | Годовщина свадьбы | वर्षगांठ",
    "gender": "Gender | Sex | Пол | लिंग",
    "company": (
        "Company | Company Name | Organization | Organisation | Organization Name |"
        "Employer | Компания | Организация | Название компании | कंपनी"
    ),
    "company_founded": (
        "Company Founded | Founded | Date Founded | Founding Date | Founded On |"
        "Дата основания | Дата основания компании"
    ),
    "street": (
        "Street | Address | Street Address | Address Line | Адрес | Улица | Домашний адрес | पता"
    ),
    "city": "City | Town | Locality | Город | Населённый пункт | शहर",
    "postcode": (
        "Postcode | Post Code | Postal Code | Zip | Zip Code | PIN Code | Индекс |"
        "Почтовый индекс | पिन कोड"
    ),
    "region": "Region | State | Province | State/Province | Регион | Область | राज्य",
    "country": "Country | Country/Region | Страна | देश",
    "language": "Language | Preferred Language | Язык | भाषा",
    "tier": "Tier | Customer Tier | Уровень",
    "opted_out": (
        "Opted Out | Opt Out | Unsubscribed | Do Not Contact | Do Not Email | Отписан |"
        "Отписался | Отписка"
    ),
    "timezone": "Time Zone | TZ | Часовой пояс | समय क्षेत्र",
    "deal_date": (
        "Deal Date | Order Date | Purchase Date | Sale Date | Дата сделки | Дата покупки"
    ),
    "amount": "Amount | Sum | Total | Deal Amount | Сумма | राशि",
    "currency": "Currency | Валюта | मुद्रा",
    "dispute_opened": (
        "Opened | Date Opened | Opened On | Complaint Date | Дата открытия | Дата жалобы"
    ),
    "dispute_resolved": (
        "Resolved | Date Resolved | Resolved On | Closed | Date Closed |"
        "Дата закрытия | Дата решения"
    ),
    "dispute_outcome": "Outcome | Result | Resolution | Итог | Результат",
}

#: A plain "Date" column means the deal's or the dispute's date, by the source's role.
_ROLE_SYNONYMS: dict[str, dict[str, str]] = {
    "deals": {"deal_date": "Date | Дата | दिनांक | तारीख"},
    "disputes": {"dispute_opened": "Date | Дата | दिनांक | तारीख"},
}

#: Fields an export repeats per place ("Home Phone", "Business Street", "Email Work").
_LOCATABLE: frozenset[str] = frozenset(
    {"email", "phone", "mobile", "street", "city", "postcode", "region", "country"}
)
_PLACES = "home|business|work|other|primary|secondary|personal|private|main|office"
_PLACE_PREFIX = re.compile(rf"^(?:{_PLACES})(.+)$")
_PLACE_SUFFIX = re.compile(rf"^(.+?)(?:{_PLACES})$")

#: Google's "Phone N - Label" values that mean a mobile or no phone to call (a fax, a pager), and
#: its "Event N - Label" values that mean an anniversary.
_MOBILE_LABELS = ("Mobile", "Cell", "Mobile Phone", "Cell Phone", "Мобильный", "मोबाइल")
_NOT_PHONE_LABELS = ("Fax", "Home Fax", "Work Fax", "Other Fax", "Pager", "Work Pager", "Факс")
_ANNIVERSARY_LABELS = ("Anniversary", "Годовщина", "वर्षगांठ")

_GOOGLE_MULTI = re.compile(r"^(email|phone|event)(\d+)(value|type|label)$")
_GOOGLE_ADDRESS = re.compile(r"^address(\d+)(street|city|postalcode|region|country|formatted)$")
_GOOGLE_ORGANIZATION = re.compile(r"^organization\d+name$")
_ADDRESS_PART = {
    "street": "street",
    "city": "city",
    "postalcode": "postcode",
    "region": "region",
    "country": "country",
}
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def header_key(text: str) -> str:
    """A header's matching key: NFKC, case-folded, letters, marks and digits only, ё as е."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LMN")


def _lookup(synonyms: Mapping[str, str]) -> dict[str, str]:
    return {
        header_key(spelling): name
        for name, spellings in synonyms.items()
        for spelling in spellings.split("|")
    }


_LOOKUP: dict[str, str] = {**{header_key(name): name for name in FIELDS}, **_lookup(_SYNONYMS)}
_ROLE_LOOKUP: dict[str, dict[str, str]] = {
    role: _lookup(synonyms) for role, synonyms in _ROLE_SYNONYMS.items()
}
_PHONE_ROUTES: tuple[tuple[str, str | None], ...] = (
    *((header_key(label), "mobile") for label in _MOBILE_LABELS),
    *((header_key(label), None) for label in _NOT_PHONE_LABELS),
)
_EVENT_ROUTES: tuple[tuple[str, str | None], ...] = tuple(
    (header_key(label), "anniversary") for label in _ANNIVERSARY_LABELS
)


class MissingColumn(ValueError):
    """An explicit ``columns`` setting names a column that the header does not have."""


@dataclass(frozen=True, slots=True)
class Feed:
    """Columns whose non-empty cells, joined with a space, give one value of a field.

    ``field`` is None when only a label routes the value somewhere. ``label`` is the index of a
    Google ``- Label``/``- Type`` column; ``routes`` maps a label's :func:`header_key` to the field
    it sends the value to (None: the value is dropped).
    """

    field: str | None
    columns: tuple[int, ...]
    label: int | None = None
    routes: tuple[tuple[str, str | None], ...] = ()

    def target(self, label_text: str) -> str | None:
        """The field a value goes to, given the text of its label cell ("" when none)."""
        if not self.routes or not label_text:
            return self.field
        key = header_key(label_text)
        for route_key, route_field in self.routes:
            if key == route_key:
                return route_field
        return self.field

    def targets(self) -> set[str]:
        """Every field this feed can send a value to."""
        found = {f for _, f in self.routes if f is not None}
        return found | ({self.field} if self.field else set())


@dataclass(frozen=True, slots=True)
class BirthParts:
    """Thunderbird's Birth Year, Birth Month and Birth Day columns (year optional)."""

    year: int | None
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """Which columns feed which field; ``feeds`` are in column order."""

    feeds: tuple[Feed, ...]
    birth_parts: BirthParts | None = None

    @property
    def recognised(self) -> bool:
        """True when at least one column feeds a field."""
        return bool(self.feeds) or self.birth_parts is not None

    def fields(self) -> set[str]:
        """Every field some column can feed."""
        found = {f for feed in self.feeds for f in feed.targets()}
        return found | ({"birthday"} if self.birth_parts else set())


def field_for(key: str, role: str = "contacts") -> str | None:
    """The field a single header key (see :func:`header_key`) means, or None."""
    role_lookup = _ROLE_LOOKUP.get(role, {})
    for candidate in (key, key.rstrip("0123456789"), re.sub(r"\d+", "", key)):
        found = role_lookup.get(candidate) or _LOOKUP.get(candidate)
        if found:
            return found
        for place in (_PLACE_PREFIX.match(candidate), _PLACE_SUFFIX.match(candidate)):
            if place and _LOOKUP.get(place.group(1)) in _LOCATABLE:
                return _LOOKUP[place.group(1)]
    return None


def _birth_part(header: str, key: str) -> str | None:
    if key in ("birthyear", "yearofbirth"):
        return "year"
    if key in ("birthmonth", "monthofbirth"):
        return "month"
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", header).casefold())
    if key == "dayofbirth" or words == ["birth", "day"]:
        return "day"
    return None


def _google(keys: list[str]) -> tuple[dict[int, Feed], set[int]]:
    """Feeds from Google's numbered columns, and the label columns they use."""
    feeds: dict[int, Feed] = {}
    labels = {
        (m.group(1), m.group(2)): index
        for index, key in enumerate(keys)
        if (m := _GOOGLE_MULTI.match(key)) and m.group(3) != "value"
    }
    streets = {
        m.group(1) for key in keys if (m := _GOOGLE_ADDRESS.match(key)) and m.group(2) == "street"
    }
    for index, key in enumerate(keys):
        if (m := _GOOGLE_MULTI.match(key)) and m.group(3) == "value":
            kind, label = m.group(1), labels.get((m.group(1), m.group(2)))
            if kind == "email":
                feeds[index] = Feed("email", (index,), label)
            elif kind == "phone":
                feeds[index] = Feed("phone", (index,), label, _PHONE_ROUTES)
            else:
                feeds[index] = Feed(None, (index,), label, _EVENT_ROUTES)
        elif m := _GOOGLE_ADDRESS.match(key):
            part = m.group(2)
            if part in _ADDRESS_PART:
                feeds[index] = Feed(_ADDRESS_PART[part], (index,))
            elif m.group(1) not in streets:  # formatted, kept only when there is no street
                feeds[index] = Feed("street", (index,))
        elif _GOOGLE_ORGANIZATION.match(key):
            feeds[index] = Feed("company", (index,))
    used = set(feeds) | set(labels.values())
    return feeds, used


def _recognised(headers: Sequence[str], role: str) -> tuple[dict[int, Feed], BirthParts | None]:
    keys = [header_key(h) for h in headers]
    feeds, used = _google(keys)
    parts = {
        part: i
        for i, (h, k) in enumerate(zip(headers, keys, strict=True))
        if i not in used and (part := _birth_part(h, k))
    }
    birth = None
    if "month" in parts and "day" in parts:
        birth = BirthParts(parts.get("year"), parts["month"], parts["day"])
        used |= set(parts.values())
    first_street: dict[str, int] = {}
    for index, key in enumerate(keys):
        if index in used or not key:
            continue
        number = _TRAILING_NUMBER.match(key)
        if number and int(number.group(2)) >= 2 and field_for(number.group(1), role) == "street":
            base = first_street.get(number.group(1), first_street.get(number.group(1) + "1"))
            if base is not None:  # "Home Street 2", "Address Line 2": the same street, continued
                feeds[base] = Feed("street", (*feeds[base].columns, index))
                continue
        found = field_for(key, role)
        if found:
            feeds[index] = Feed(found, (index,))
            if found == "street":
                first_street.setdefault(key, index)
    return feeds, birth


def _find(headers: Sequence[str], name: str) -> int | None:
    stripped = [h.strip() for h in headers]
    if name.strip() in stripped:
        return stripped.index(name.strip())
    keys = [header_key(h) for h in headers]
    key = header_key(name)
    return keys.index(key) if key and key in keys else None


def _without(feed: Feed, explicit: Mapping[str, object]) -> Feed | None:
    """A recognised feed minus the fields an explicit mapping takes over."""
    field = None if feed.field in explicit else feed.field
    routes = tuple((k, None if f in explicit else f) for k, f in feed.routes)
    if field is None and all(f is None for _, f in routes):
        return None
    return Feed(field, feed.columns, feed.label, routes)


def recognise(
    headers: Sequence[str],
    explicit: Mapping[str, Sequence[str]] | None = None,
    role: str = "contacts",
) -> HeaderMap:
    """Map a header row to Rapport's fields.

    Takes the header cells in order, the source's ``columns`` setting as field -> column names
    (:meth:`SourceConfig.column_map`) and the source's role. Gives a :class:`HeaderMap`; columns
    not recognised feed nothing. Rejects an explicit column absent from the header with
    :class:`MissingColumn` naming the setting, e.g. ``columns.given_name: no column "Имя" in
    the header``.
    """
    explicit = explicit or {}
    chosen: list[tuple[int, Feed]] = []
    taken: set[int] = set()
    for name, columns in explicit.items():
        indexes = []
        for column in columns:
            index = _find(headers, column)
            if index is None:
                raise MissingColumn(f'columns.{name}: no column "{column}" in the header')
            indexes.append(index)
        if indexes:
            chosen.append((min(indexes), Feed(name, tuple(indexes))))
            taken.update(indexes)
    feeds, birth = _recognised(headers, role)
    for index, feed in feeds.items():
        kept = _without(feed, explicit)
        if kept is not None and taken.isdisjoint(feed.columns):
            chosen.append((index, kept))
    if birth is not None and (
        "birthday" in explicit or not taken.isdisjoint({birth.year, birth.month, birth.day})
    ):
        birth = None
    chosen.sort(key=lambda pair: pair[0])
    return HeaderMap(tuple(feed for _, feed in chosen), birth)


_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]{7,24}$")
_DATE = re.compile(
    r"^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|--\d{2}-?\d{2})$"
)
_DATE_BY_ROLE = {
    "contacts": ("birthday",),
    "deals": ("deal_date",),
    "disputes": ("dispute_opened", "dispute_resolved"),
}


def looks_like_email(text: str) -> bool:
    """True when a cell's text has the shape of one email address."""
    return bool(_EMAIL.match(text.strip()))


def looks_like_phone(text: str) -> bool:
    """True when a cell's text has the shape of one phone number (7 to 15 digits)."""
    text = text.strip()
    digits = sum(ch.isdigit() for ch in text)
    return bool(_PHONE.match(text)) and 7 <= digits <= 15 and not _DATE.match(text)


def _kind(values: Sequence[str]) -> str:
    if not values:
        return "empty"
    tests: tuple[tuple[str, Callable[[str], bool]], ...] = (
        ("email", looks_like_email),
        ("date", lambda v: bool(_DATE.match(v))),
        ("phone", looks_like_phone),
        ("text", lambda v: any(ch.isalpha() for ch in v)),
    )
    for kind, test in tests:
        if sum(1 for v in values if test(v)) * 2 > len(values):
            return kind
    return "other"


def guess_from_values(rows: Sequence[Sequence[str]], role: str = "contacts") -> HeaderMap:
    """Guess the fields of a file without a header from its first rows' values.

    Takes rows of cell texts. Gives email columns as ``email``, phone columns as ``phone``, the
    first date column(s) as the role's date fields, and the first other text column as
    ``full_name``; every other column feeds nothing.
    """
    sample = rows[:200]
    width = max((len(r) for r in sample), default=0)
    feeds: list[Feed] = []
    dates = list(_DATE_BY_ROLE.get(role, ()))
    named = False
    for column in range(width):
        values = [r[column].strip() for r in sample if column < len(r) and r[column].strip()]
        kind = _kind(values)
        if kind in ("email", "phone"):
            feeds.append(Feed(kind, (column,)))
        elif kind == "date" and dates:
            feeds.append(Feed(dates.pop(0), (column,)))
        elif kind == "text" and not named:
            feeds.append(Feed("full_name", (column,)))
            named = True
    return HeaderMap(tuple(feeds))
