"""Rows of a sheet to records: the logic the CSV and XLSX readers share.

The first non-blank row is the header, unless title rows sit above it; :mod:`headers` says which
columns feed which field. Every other non-blank row becomes a :class:`RawRecord` or a
whole-record :class:`Quarantined`, never nothing. A file whose first row holds an email address
instead of a header is read as headerless, its columns guessed from the values.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from schemas.records import Quarantined, RawRecord
from tasks.config import SourceConfig
from tasks.ingest import ReadResult
from tasks.ingest.headers import (
    DATE_FIELDS,
    BirthParts,
    HeaderMap,
    MissingColumn,
    guess_from_values,
    looks_like_email,
    looks_like_phone,
    recognise,
)

logger = logging.getLogger(__name__)

#: A cell longer than this is dropped from ``fields`` (rule ``cell_too_long``).
CELL_LIMIT = 100_000
#: A cell is cut to this many characters in ``raw``.
RAW_LIMIT = 1_000
_MULTI_FIELDS = frozenset({"email", "phone", "mobile"})
#: How many non-blank rows to look through for a header under title rows.
HEADER_SEARCH = 10

#: Turns a cell as the file holds it into text; the flag says the column is a date field.
Render = Callable[[object, bool], str]


def plain(value: object, as_date: bool) -> str:
    """The text of a cell that is already text (a CSV's): None is empty."""
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a sheet: its record key (as a spreadsheet shows it) and its cells."""

    key: str
    cells: Sequence[object]


def _texts(row: Row, render: Render) -> list[str]:
    return [render(cell, False) for cell in row.cells]


def _blank(texts: Sequence[str]) -> bool:
    return not any(text.strip() for text in texts)


def _cut(text: str) -> str:
    if len(text) <= RAW_LIMIT:
        return text
    return f"{text[:RAW_LIMIT]}… [truncated: {len(text)} characters]"


def _raw_keys(names: Sequence[str]) -> list[str]:
    keys: list[str] = []
    for index, name in enumerate(names, start=1):
        base = _cut(name) if name else f"_column_{index}"
        key, count = base, 1
        while key in keys:
            count += 1
            key = f"{base} ({count})"
        keys.append(key)
    return keys


def _raw(keys: Sequence[str], cells: Sequence[str]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for index, text in enumerate(cells):
        if text.strip():
            key = keys[index] if index < len(keys) else f"_extra_{index - len(keys) + 1}"
            raw[key] = _cut(text)
    return raw


def _birthday(parts: BirthParts, text: Callable[[int | None], str]) -> tuple[str | None, bool]:
    """Thunderbird's three birth columns as one value, and whether some part was missing."""
    year, month, day = text(parts.year), text(parts.month), text(parts.day)
    if not (month and day):
        return None, bool(year or month or day)
    if month.isdigit() and day.isdigit() and (not year or (year.isdigit() and len(year) == 4)):
        return f"{year or '-'}-{int(month):02d}-{int(day):02d}", False
    return " ".join(p for p in (day, month, year) if p), False


def _fields(
    header: HeaderMap, cells: Sequence[object], texts: Sequence[str], render: Render
) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """The values of one row by field, and the (field, rule) of each value dropped.

    ``texts`` are the row's cells rendered once; a date field renders its cells again as dates.
    """

    def text(index: int | None, as_date: bool = False) -> str:
        if index is None or index >= len(texts):
            return ""
        return (render(cells[index], True) if as_date else texts[index]).strip()

    fields: dict[str, list[str]] = {}
    dropped: list[tuple[str, str]] = []
    for feed in header.feeds:
        target = feed.field if feed.label is None else feed.target(text(feed.label))
        if target is None:
            continue
        as_date = target in DATE_FIELDS
        parts = [text(i, as_date) for i in feed.columns]
        value = " ".join(p for p in parts if p) if len(parts) > 1 else parts[0]
        if not value:
            continue
        if len(value) > CELL_LIMIT and any(len(p) > CELL_LIMIT for p in parts):
            dropped.append((target, "cell_too_long"))
        elif target in _MULTI_FIELDS and ":::" in value:
            values = (v.strip() for v in value.split(":::"))
            fields.setdefault(target, []).extend(v for v in values if v)
        else:
            fields.setdefault(target, []).append(value)
    if header.birth_parts is not None:
        birthday, incomplete = _birthday(header.birth_parts, text)
        if birthday:
            fields.setdefault("birthday", []).append(birthday)
        elif incomplete:
            dropped.append(("birthday", "birthday_parts_incomplete"))
    return {k: v for k, v in fields.items() if v}, dropped


_REASONS = {
    "cell_too_long": "a cell longer than {limit} characters was dropped",
    "birthday_parts_incomplete": "the birth year, month and day columns lack a month or a day",
    "empty_row": "the row has values but none in a recognised column",
    "no_recognised_columns": "no header cell was recognised as a field, so no value can be used",
    "above_header": "the row lies above the header row, so it is a title and no record",
}


def _quarantine(
    source: str, key: str, field: str | None, rule: str, raw: dict[str, Any]
) -> Quarantined:
    what = _REASONS[rule].format(limit=CELL_LIMIT)
    if field is not None:
        reason = f"{field}: {what} ({rule})"
    elif rule in ("cell_too_long", "birthday_parts_incomplete"):
        reason = f"record: {what}, and no other recognised field has a value ({rule})"
    else:
        reason = f"record: {what} ({rule})"
    return Quarantined(source, key, field, rule, reason, raw)


def _headerless(names: Sequence[str], role: str) -> bool:
    if any(looks_like_email(name) for name in names):
        return True
    return role == "optouts" and any(looks_like_phone(name) for name in names)


def _header(
    candidates: Sequence[Sequence[str]], explicit: Mapping[str, Sequence[str]], role: str
) -> tuple[int, HeaderMap]:
    """Which of the first non-blank rows is the header, and what it maps.

    The first row is, when it names a field. Otherwise a later one is (a title row above it)
    when it has every explicit column, or names at least two fields. Failing that, the first
    row is, recognised or not.
    """
    failure: MissingColumn | None = None
    for position, texts in enumerate(candidates):
        try:
            header = recognise([t.strip() for t in texts], explicit, role)
        except MissingColumn as exc:
            failure = failure or exc
            continue
        named = {index for feed in header.feeds for index in feed.columns}
        if (position == 0 and header.recognised) or explicit or len(named) >= 2:
            return position, header
    if failure is not None:
        raise failure
    return 0, recognise([t.strip() for t in candidates[0]], explicit, role)


def read_rows(source: SourceConfig, rows: Iterable[Row], render: Render = plain) -> ReadResult:
    """Turn one sheet's rows into records.

    Takes the source (its name, role and ``columns``), the sheet's rows in order, blank ones
    included, and how to render a cell as text. Gives a :class:`ReadResult` in which every
    non-blank row other than the header is one record or one whole-record quarantine (a title
    row above the header too). Raises :class:`tasks.ingest.headers.MissingColumn` when a
    ``columns`` setting names a column no header row has.
    """
    result = ReadResult()
    filled = [(row, texts) for row in rows if not _blank(texts := _texts(row, render))]
    if not filled:
        return result
    candidates = [texts for _, texts in filled[:HEADER_SEARCH]]
    position, header = _header(candidates, source.column_map(), source.role)
    for row, texts in filled[:position]:
        raw = _raw(_raw_keys([""] * len(texts)), texts)
        result.quarantined.append(_quarantine(source.name, row.key, None, "above_header", raw))
    names = [text.strip() for text in filled[position][1]]
    data = filled[position + 1 :]
    if not header.recognised and _headerless(names, source.role):
        header = guess_from_values([texts for _, texts in filled[:200]], source.role)
        names, data = [], filled
        logger.info("source %s: no header row; columns guessed from values", source.name)
    keys = _raw_keys(names)
    for row, texts in data:
        raw = _raw(keys, texts)
        if not header.recognised:
            result.quarantined.append(
                _quarantine(source.name, row.key, None, "no_recognised_columns", raw)
            )
            continue
        fields, dropped = _fields(header, row.cells, texts, render)
        if not fields:
            rule = dropped[0][1] if dropped else "empty_row"
            result.quarantined.append(_quarantine(source.name, row.key, None, rule, raw))
            continue
        result.records.append(RawRecord(source.name, row.key, fields, raw))
        result.quarantined.extend(
            _quarantine(source.name, row.key, field, rule, raw) for field, rule in dropped
        )
    if position:
        logger.info("source %s: header found below %d title rows", source.name, position)
    if not header.recognised and data:
        logger.warning(
            "source %s: no header cell recognised; %d rows quarantined", source.name, len(data)
        )
    return result
