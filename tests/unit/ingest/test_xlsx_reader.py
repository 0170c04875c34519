"""The XLSX reader on workbooks built with openpyxl in tmp_path."""

from __future__ import annotations

import datetime as dt
import random
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tasks.config import SourceConfig
from tasks.errors import SourceError
from tasks.ingest import ReadContext, ReadResult, xlsx_reader
from tasks.ingest.xlsx_reader import cell_text, read

pytestmark = pytest.mark.unit


def source(path: Path, **settings: Any) -> SourceConfig:
    return SourceConfig(name="test_xlsx", kind="xlsx", path=path, **settings)


def read_path(path: Path, **settings: Any) -> ReadResult:
    return read(source(path, **settings), ReadContext())


def by_key(result: ReadResult) -> dict[str, dict[str, list[str]]]:
    return {r.record_key: r.fields for r in result.records}


def set_cached_value(path: Path, cell: str, value: str) -> None:
    """Give a formula cell the cached value openpyxl does not write (as Excel would)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    pattern = rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?'
    patched, count = re.subn(pattern, rf"\1<v>{value}</v>", sheet)
    assert count == 1
    members["xl/worksheets/sheet1.xml"] = patched.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    clients = book.active
    assert clients is not None
    clients.title = "Клиенты"
    # Rows 1 and 2 stay blank: the header is on row 3.
    clients.append([])
    clients.append([])
    clients.append(["ФИО", "Дата рождения", "Телефон", "Индекс", "Сумма", "Примечание"])
    clients.append(["Иван Петров", dt.date(1980, 5, 17), 79161234567, 101000.0, "=2+3", None])
    clients.append(["Анна Смирнова", 29541, "+7 903 765-43-21", None, 1234.5, "=1/0"])
    clients.append(["Пётр", "17.05.1980", None, None, None, None])
    clients.append([])
    clients.append([None, None, None, None, None, "заметка"])
    opt_outs = book.create_sheet("Opt outs")
    opt_outs.append(["Email"])
    opt_outs.append(["gone@example.org"])
    book.create_sheet("Empty")
    header_only = book.create_sheet("Header only")
    header_only.append(["Email", "Name"])
    path = tmp_path / "contacts.xlsx"
    book.save(path)
    set_cached_value(path, "E4", "5")
    return path


def test_every_sheet_with_sheet_row_keys(workbook: Path) -> None:
    result = read_path(workbook)
    assert by_key(result) == {
        "Клиенты!4": {
            "full_name": ["Иван Петров"],
            "birthday": ["1980-05-17"],  # a date-formatted cell
            "phone": ["79161234567"],  # a whole number, no ".0"
            "postcode": ["101000"],
            "amount": ["5"],  # the formula's cached value
        },
        "Клиенты!5": {
            "full_name": ["Анна Смирнова"],
            "birthday": ["1980-11-16"],  # serial 29541 in a General cell of a date column
            "phone": ["+7 903 765-43-21"],
            "amount": ["1234.5"],
        },
        "Клиенты!6": {"full_name": ["Пётр"], "birthday": ["17.05.1980"]},  # text dates stay text
        "Opt outs!2": {"email": ["gone@example.org"]},
    }
    (empty_row,) = result.quarantined
    assert (empty_row.record_key, empty_row.field, empty_row.rule) == (
        "Клиенты!8",
        None,
        "empty_row",
    )


def test_raw_keeps_the_cells_as_shown(workbook: Path) -> None:
    record = read_path(workbook).records[1]
    assert record.raw == {
        "ФИО": "Анна Смирнова",
        "Дата рождения": "29541",
        "Телефон": "+7 903 765-43-21",
        "Сумма": "1234.5",
    }


def test_formula_without_cached_value_gives_no_value(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Email", "Amount"])
    sheet.append(["a@x.org", "=1+1"])
    path = tmp_path / "formula.xlsx"
    book.save(path)
    assert by_key(read_path(path)) == {"Sheet!2": {"email": ["a@x.org"]}}


def test_openpyxl_reads_when_calamine_fails(
    workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = by_key(read_path(workbook))

    def broken(path: Path) -> list[Any]:
        raise RuntimeError("calamine cannot read this")

    monkeypatch.setattr(xlsx_reader, "_with_calamine", broken)
    assert by_key(read_path(workbook)) == expected


@pytest.mark.parametrize("kind", ["random", "truncated", "text"])
def test_unreadable_file_is_a_source_error(workbook: Path, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "bad.xlsx"
    if kind == "random":
        path.write_bytes(random.Random(3).randbytes(5000))
    elif kind == "truncated":
        data = workbook.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_text("Name,Email\nAnn,a@x.org\n")
    with pytest.raises(SourceError) as caught:
        read_path(path)
    assert caught.value.problem == "not a readable XLSX workbook"
    assert caught.value.where == str(path)


def test_explicit_column_missing_names_the_sheet(workbook: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_path(workbook, columns={"email": "Email"})
    assert caught.value.problem == (
        "sheet 'Клиенты': columns.email: no column \"Email\" in the header"
    )


def test_sheet_without_recognised_header(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Data"
    sheet.append(["a", "b"])
    sheet.append([1, 2])
    path = tmp_path / "plain.xlsx"
    book.save(path)
    result = read_path(path)
    assert [(q.record_key, q.rule) for q in result.quarantined] == [
        ("Data!2", "no_recognised_columns")
    ]
    assert result.quarantined[0].raw == {"a": "1", "b": "2"}


def test_title_row_above_the_header(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "2024"
    sheet["A1"] = "Клиенты на 1 января"
    sheet.append([])
    sheet.append(["Имя", "Фамилия", "E-mail"])
    sheet.append(["Анна", "Смирнова", "anna@example.ru"])
    path = tmp_path / "titled.xlsx"
    book.save(path)
    result = read_path(path)
    assert by_key(result) == {
        "2024!4": {
            "given_name": ["Анна"],
            "family_name": ["Смирнова"],
            "email": ["anna@example.ru"],
        }
    }
    assert [(q.record_key, q.rule) for q in result.quarantined] == [("2024!1", "above_header")]


@pytest.mark.parametrize(
    ("value", "as_date", "text"),
    [
        (None, False, ""),
        ("  text ", False, "  text "),
        (79161234567.0, False, "79161234567"),
        (101000.0, False, "101000"),
        (1234.5, False, "1234.5"),
        (0.1 + 0.2, False, "0.3"),
        (42, False, "42"),
        (29541, True, "1980-11-16"),
        (29541.75, True, "1980-11-16"),
        (29541, False, "29541"),
        (0, True, "0"),  # no day 0: not a date
        (True, False, "TRUE"),
        (True, True, "TRUE"),
        (dt.date(2001, 2, 3), False, "2001-02-03"),
        (dt.datetime(2001, 2, 3), False, "2001-02-03"),
        (dt.datetime(2001, 2, 3, 4, 5, 6), False, "2001-02-03 04:05:06"),
        (dt.datetime(2001, 2, 3, 4, 5, 6), True, "2001-02-03"),
        (dt.time(9, 30), False, "09:30:00"),
    ],
)
def test_cell_text(value: object, as_date: bool, text: str) -> None:
    assert cell_text(value, as_date) == text
