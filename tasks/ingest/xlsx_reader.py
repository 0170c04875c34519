"""XLSX reader: every worksheet of a workbook, rows to records.

Cells are read with python-calamine (cached formula values, date-formatted cells as dates), or
with openpyxl when calamine cannot open the file. Record keys are ``SHEET!ROW`` as the
spreadsheet shows them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook, SheetTypeEnum

from tasks.config import SourceConfig
from tasks.errors import SourceError
from tasks.ingest import ReadContext, ReadResult
from tasks.ingest.headers import MissingColumn
from tasks.ingest.tabular import Row, read_rows

logger = logging.getLogger(__name__)

#: Excel's day 0 in the 1900 date system, as every library counts it (1900 is no leap year).
EXCEL_EPOCH = dt.date(1899, 12, 30)
_LAST_SERIAL = (dt.date(9999, 12, 31) - EXCEL_EPOCH).days

Sheet = tuple[str, Sequence[Sequence[object]]]


def cell_text(value: object, as_date: bool) -> str:
    """A cell's value as text.

    Dates become ISO ``YYYY-MM-DD``; in a date column (``as_date``) a number is an Excel serial
    and becomes its date too. Whole numbers lose their ``.0`` (``79161234567``); other numbers
    show at most 15 significant digits, as Excel does. Booleans are ``TRUE``/``FALSE``.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if as_date or value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        if as_date and 1 <= value <= _LAST_SERIAL:
            return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    return str(value)


def _with_calamine(path: Path) -> list[Sheet]:
    workbook = CalamineWorkbook.from_path(str(path))
    try:
        return [
            (meta.name, workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False))
            for meta in workbook.sheets_metadata
            if meta.typ == SheetTypeEnum.WorkSheet
        ]
    finally:
        workbook.close()


def _with_openpyxl(path: Path) -> list[Sheet]:
    workbook = openpyxl.load_workbook(path, data_only=True)
    try:
        return [
            (sheet.title, [list(row) for row in sheet.iter_rows(min_row=1, values_only=True)])
            for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()


def load_sheets(source: SourceConfig, path: Path) -> list[Sheet]:
    """Every worksheet's name and cells, row 1 first; raise SourceError if none can be read."""
    try:
        return _with_calamine(path)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's errors, and a Rust panic, which is no Exception
        logger.info(
            "source %s: calamine failed (%s); trying openpyxl", source.name, type(exc).__name__
        )
    try:
        return _with_openpyxl(path)
    except Exception as exc:  # zipfile, XML and openpyxl's own errors alike
        logger.info("source %s: openpyxl failed (%s)", source.name, type(exc).__name__)
        raise SourceError(source.name, str(path), "not a readable XLSX workbook") from None


def read(source: SourceConfig, context: ReadContext) -> ReadResult:
    """Read every worksheet of an XLSX source of any role.

    Takes the source (an existing workbook at ``source.path``) and the read context. Gives one
    record per non-blank row under each sheet's header row, or a whole-record quarantine; keys
    are ``SHEET!ROW``. Rejects a file that is not a readable workbook, or a ``columns`` setting
    naming a column some sheet's header lacks, with :class:`SourceError`.
    """
    path = source.path
    if path is None:
        raise SourceError(source.name, "(no path)", "an xlsx source needs a path")
    result = ReadResult()
    for name, cells in load_sheets(source, path):
        rows = (Row(f"{name}!{number}", row) for number, row in enumerate(cells, start=1))
        try:
            sheet = read_rows(source, rows, cell_text)
        except MissingColumn as exc:
            raise SourceError(source.name, str(path), f"sheet {name!r}: {exc}") from None
        result.records.extend(sheet.records)
        result.quarantined.extend(sheet.quarantined)
    logger.info(
        "source %s: %d records, %d quarantined",
        source.name,
        len(result.records),
        len(result.quarantined),
    )
    return result
