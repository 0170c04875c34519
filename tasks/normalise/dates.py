"""Dates as people write them: full, year-less (birthdays), in three orders and three languages."""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from tasks.normalise.problems import FieldProblem

Order = Literal["DMY", "MDY", "YMD"]

#: Regions that write the month first, and those that write the year first; all others DMY.
MDY_REGIONS = frozenset({"US", "CA", "PH", "FM", "MH", "PW", "GU", "PR", "AS", "VI", "MP", "UM"})
YMD_REGIONS = frozenset({"CN", "JP", "KR", "KP", "TW", "HU", "LT", "IR", "MN"})

#: Month names and abbreviations: English; Russian nominative and genitive; Hindi.
MONTHS: dict[str, int] = {
    unicodedata.normalize("NFC", name): number
    for number, names in enumerate(
        [
            "january jan январь января янв जनवरी",
            "february feb февраль февраля фев февр फ़रवरी फरवरी",
            "march mar март марта мар मार्च",
            "april apr апрель апреля апр अप्रैल अप्रेल",
            "may май мая मई",
            "june jun июнь июня июн जून",
            "july jul июль июля июл जुलाई",
            "august aug август августа авг अगस्त",
            "september sep sept сентябрь сентября сен сент सितंबर सितम्बर",
            "october oct октябрь октября окт अक्टूबर अक्तूबर",
            "november nov ноябрь ноября ноя нояб नवंबर नवम्बर",
            "december dec декабрь декабря дек दिसंबर दिसम्बर",
        ],
        start=1,
    )
    for name in names.split()
}
_NOISE = frozenset({"г", "гг", "год", "года", "го", "of", "the"})
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]\d{2}.*)?")
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:t\d{2}.*)?")
_SERIAL = re.compile(r"(\d{1,6})(?:\.0+)?")
_SEPARATORS = re.compile(r"[\s,./\-]+")
#: What exports write in a date column for "no date": all zeros (Outlook's CSV export writes
#: ``0/0/00``, ``0.0.00`` under a dotted locale; MySQL's zero date ``0000-00-00``, also with
#: ``00:00:00``, leaks through PHP CRMs) and the first day of year 1 (.NET's ``DateTime.MinValue``,
#: ``1/1/0001 12:00:00 AM``; 1C's empty date, ``01.01.0001 0:00:00``), with or without midnight.
_EMPTY_DATE = re.compile(
    r"(?:0+(?:[./\-]0+){1,2}|0{8}|0?1(?P<sep>[./\-])0?1(?P=sep)0001|0001-0?1-0?1)"
    r"(?:[t ](?:0?0|12):00(?::00(?:\.0+)?)?(?: ?[ap]\.?m\.?)?(?:z|[+-]00:?00)?)?"
)
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # right for every serial after 28 February 1900
_APPLE_NO_YEAR = 1604
_LEAP_YEAR = 2000  # checks 29 February when the year is unknown

_Triple = tuple[int | None, int, int]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date whose year may be unknown (a birthday without the year)."""

    year: int | None
    month: int
    day: int


def date_order_for_region(region: str | None) -> Order:
    """How a region writes numeric dates: MDY (US, CA, PH, ...), YMD (CN, JP, KR, HU, LT, IR,
    ...) or DMY (everyone else, and an unknown region)."""
    code = (region or "").upper()
    if code in MDY_REGIONS:
        return "MDY"
    if code in YMD_REGIONS:
        return "YMD"
    return "DMY"


def _year(token: str, pivot: int) -> int | None:
    if len(token) == 4:
        return int(token)
    if len(token) == 2:  # a two-digit year is in the past century unless it is this one's
        return (1900 if int(token) > pivot % 100 else 2000) + int(token)
    return None


def _day_month(first: str, second: str, order: Order) -> tuple[int, int] | None:
    if len(first) > 2 or len(second) > 2:
        return None
    day, month = (int(first), int(second)) if order == "DMY" else (int(second), int(first))
    if month > 12 >= day:  # 17/05 read as MDY can only be DMY, and the other way round
        day, month = month, day
    return day, month


def _numeric(numbers: list[str], order: Order, pivot: int) -> _Triple | None:
    if len(numbers) == 2:
        pair = _day_month(numbers[0], numbers[1], order)
        return None if pair is None else (None, pair[1], pair[0])
    first, second, third = numbers
    if len(first) == 4 or (order == "YMD" and len(third) <= 2):
        year, pair = _year(first, pivot), _day_month(third, second, "DMY")
    else:
        year, pair = _year(third, pivot), _day_month(first, second, order)
    if year is None or pair is None:
        return None
    return year, pair[1], pair[0]


def _named(month: int, numbers: list[str], pivot: int) -> _Triple | None:
    if len(numbers) == 1:
        return None if len(numbers[0]) > 2 else (None, month, int(numbers[0]))
    year_at = 0 if len(numbers[0]) == 4 else 1  # "1980 May 17" or "17 May 1980", "May 17, 80"
    year, day_token = _year(numbers[year_at], pivot), numbers[1 - year_at]
    if year is None or len(day_token) > 2:
        return None
    return year, month, int(day_token)


def _parse(value: str, order: Order, excel_serial: bool, pivot: int) -> _Triple | None:
    for pattern, has_year in ((_ISO, True), (_NO_YEAR, False), (_COMPACT, True)):
        found = pattern.fullmatch(value)
        if found:
            parts = [int(group) for group in found.groups()]
            return (parts[0], parts[1], parts[2]) if has_year else (None, parts[0], parts[1])
    serial = _SERIAL.fullmatch(value)
    if serial:
        if not excel_serial or int(serial.group(1)) < 61:
            return None
        day = _EXCEL_EPOCH + dt.timedelta(days=int(serial.group(1)))
        return day.year, day.month, day.day
    tokens = [_ORDINAL.sub(r"\1", t) for t in _SEPARATORS.split(value) if t and t not in _NOISE]
    numbers = [t for t in tokens if t.isdecimal()]
    months = [MONTHS[t] for t in tokens if t in MONTHS]
    if len(numbers) + len(months) != len(tokens) or len(months) > 1:
        return None
    if months and len(numbers) in (1, 2):
        return _named(months[0], numbers, pivot)
    if not months and len(numbers) in (2, 3):
        return _numeric(numbers, order, pivot)
    return None


def is_empty_date(text: str) -> bool:
    """True when a date field holds an export's "no date" marker rather than a date: all zeros
    (``0/0/00``, ``0000-00-00``, ``00.00.0000``, ``00000000``) or 1 January of year 1
    (``1/1/0001 12:00:00 AM``, ``01.01.0001 0:00:00``, ``0001-01-01T00:00:00``), with or without
    a midnight time. Such a field is empty, not a bad date. Rejects nothing."""
    value = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return _EMPTY_DATE.fullmatch(value) is not None


def parse_partial_date(
    text: str,
    order: Order,
    field: str = "birthday",
    *,
    not_after: dt.date | None = None,
    excel_serial: bool = False,
    today: dt.date | None = None,
) -> PartialDate:
    """Read a date whose year may be missing; give a :class:`PartialDate`.

    Takes ISO (``1980-05-17``, ``1980-05-17T00:00:00``, ``19800517``, ``20090808T1430-0500``:
    the time is ignored), numbers with ``.``, ``/``,
    ``-`` in ``order`` (``17.05.1980``, ``05/17/1980`` with MDY; a first number above 12 settles
    the order whatever it is), month names in English, Russian and Hindi (``17 May 1980``,
    ``May 17, 1980``, ``17 мая 1980 г.``), year-less forms (``--05-17``, ``--0517``, ``17.05``,
    ``17 мая``), Apple's year 1604 (= no year), two-digit years (``17.05.80``: a year above this
    year's last two digits is 19xx, else 20xx; "this year" is ``today``, default the real
    date), and Excel serial numbers only when ``excel_serial`` is true.

    Rejects with :class:`FieldProblem`, rule ``<field>_is_a_date``: anything else, impossible
    dates (31.02.1980, 29.02.1981; 29.02 without a year is fine), years before 1900, and dates
    after ``not_after``.
    """
    rule = f"{field}_is_a_date"
    value = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    pivot = (today or dt.date.today()).year
    parsed = _parse(value, order, excel_serial, pivot)
    if parsed is None:
        raise FieldProblem(rule, "is not a valid date")
    year, month, day = parsed
    if year == _APPLE_NO_YEAR:
        year = None
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year or _LEAP_YEAR, month)[1]:
        raise FieldProblem(rule, "is not a valid date")
    if year is not None and year < 1900:
        raise FieldProblem(rule, "is a date before 1900")
    if year is not None and not_after is not None and dt.date(year, month, day) > not_after:
        raise FieldProblem(rule, "is a date in the future")
    return PartialDate(year, month, day)


def parse_date(
    text: str,
    order: Order,
    field: str,
    *,
    not_after: dt.date | None = None,
    excel_serial: bool = False,
    today: dt.date | None = None,
) -> dt.date:
    """Read a full date (a deal, a founding, a dispute) as :func:`parse_partial_date` does;
    a date without a year is rejected too (rule ``<field>_is_a_date``)."""
    partial = parse_partial_date(
        text, order, field, not_after=not_after, excel_serial=excel_serial, today=today
    )
    if partial.year is None:
        raise FieldProblem(f"{field}_is_a_date", "is a date without a year")
    return dt.date(partial.year, partial.month, partial.day)


def parse_timestamp(text: str, field: str = "message_at") -> dt.datetime:
    """Read an ISO 8601 timestamp (or an RFC 2822 ``Date:`` value); give an aware UTC datetime.

    A timestamp without an offset is taken as UTC. Rejects anything else with
    :class:`FieldProblem`, rule ``<field>_is_a_timestamp``.
    """
    value = text.strip()
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            raise FieldProblem(f"{field}_is_a_timestamp", "is not a timestamp") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)
