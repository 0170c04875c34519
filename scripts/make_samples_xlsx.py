"""Build ``data/samples/crm_ru.xlsx``, the demo's Russian CRM workbook, the same bytes every run.

Usage: ``.venv/bin/python scripts/make_samples_xlsx.py [--out PATH]``

The workbook is what a small Russian CRM exports: sheet ``Клиенты`` with one ``ФИО`` column and
sheet ``Партнёры`` with the name split into ``Фамилия``, ``Имя``, ``Отчество``. Its cells are
typed the way such exports mix them: birthdays as real date cells, as text (``17.05.1980``) and as
a bare serial number; phones as text and as one number cell. Every person is fictional (see
``data/samples/README.md``, which also says which rows are meant to be quarantined).

openpyxl stamps the time of saving into ``docProps/core.xml`` and into every zip entry; both are
fixed here so the binary in git changes only when this file does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

Cell = str | int | dt.date | None

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "samples" / "crm_ru.xlsx"
FIXED_TIME = dt.datetime(2026, 1, 12, 9, 0, 0)
DATE_FORMAT = "DD.MM.YYYY"

CLIENTS_HEADER = (
    "ФИО",
    "Дата рождения",
    "Телефон",
    "Эл. почта",
    "Компания",
    "Дата основания",
    "Город",
    "Страна",
    "Пол",
)
# Row 2 onwards of sheet Клиенты. Birthday column: a date cell, a date cell, text, a bare serial
# number (30000 = 18.02.1982, no date format), an impossible date as text; the last row has a
# company and no person at all.
CLIENTS: tuple[tuple[Cell, ...], ...] = (
    (
        "Смирнов Иван Петрович",
        dt.date(1985, 3, 14),
        "8 (916) 123-45-67",
        "ivan.smirnov@example.com",
        "ООО «Северный ветер»",
        dt.date(2009, 4, 21),
        "Москва",
        "Россия",
        "М",
    ),
    (
        "Морозова Ольга Викторовна",
        dt.date(1990, 11, 5),
        "+7 903 555-12-34",
        "olga.morozova@example.org",
        "ИП Морозова О. В.",
        None,
        "Тула",
        "Россия",
        "Ж",
    ),
    (
        "ВОЛКОВ ДМИТРИЙ АЛЕКСАНДРОВИЧ",
        "17.05.1980",
        "+7 916 555-01-23",
        "d.volkov@example.com",
        "АО «Волга-Трейд»",
        "12.03.2001",
        "Самара",
        "Россия",
        "М",
    ),
    (
        "Попов Сергей Николаевич",
        30000,
        79261112233,
        "sergey.popov@example.net",
        "ООО «Попов и партнёры»",
        dt.date(2015, 10, 1),
        "Новосибирск",
        "Россия",
        "М",
    ),
    (
        "Лебедева Татьяна Игоревна",
        "31.02.1979",
        "+7 985 555-44-21",
        "t.lebedeva@example.org",
        None,
        None,
        "Москва",
        "Россия",
        "Ж",
    ),
    (None, None, None, None, "АО «Техностиль»", dt.date(1998, 6, 15), "Москва", "Россия", None),
)

PARTNERS_HEADER = (
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Телефон",
    "Эл. почта",
    "Компания",
    "Город",
    "Страна",
)
PARTNERS: tuple[tuple[Cell, ...], ...] = (
    (
        "Новиков",
        "Алексей",
        "Михайлович",
        None,
        "+7 917 555-66-77",
        "alexey.novikov@example.com",
        "ООО «Новиков Логистик»",
        "Казань",
        "Россия",
    ),
    (
        "Белова",
        "Екатерина",
        "Андреевна",
        None,
        "+7 962 555-08-19",
        "ekaterina.belova@example.org",
        "Белова Дизайн",
        "Москва",
        "Россия",
    ),
    (
        "Егорова",
        "Наталья",
        "Ивановна",
        dt.date(1983, 8, 26),
        "+7 911 555-90-01",
        "natalia.egorova@example.net",
        None,
        "Санкт-Петербург",
        "Россия",
    ),
    (
        "Козлов",
        "Андрей",
        "Викторович",
        None,
        "+7 999 555-43-21",
        "andrey.kozlov@example.com",
        "ООО «Козлов Групп»",
        "Москва",
        "Россия",
    ),
)


def _fill(sheet: Worksheet, header: tuple[str, ...], rows: tuple[tuple[Cell, ...], ...]) -> None:
    """Write a bold header and the rows; date cells get a Russian date format."""
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, int) and cell.value > 10**9:
                cell.number_format = "0"  # a phone typed as a number: no 7,93E+10
    for index, name in enumerate(header):
        width = max(len(name), *(len(str(r[index] or "")) for r in rows)) + 2
        sheet.column_dimensions[sheet.cell(row=1, column=index + 1).column_letter].width = width
    sheet.freeze_panes = "A2"


def build_workbook() -> Workbook:
    """Return the CRM workbook: sheets ``Клиенты`` and ``Партнёры`` filled from the constants."""
    workbook = Workbook()
    clients = workbook.active
    assert clients is not None
    clients.title = "Клиенты"
    _fill(clients, CLIENTS_HEADER, CLIENTS)
    _fill(workbook.create_sheet("Партнёры"), PARTNERS_HEADER, PARTNERS)
    workbook.properties.creator = "CRM export"
    workbook.properties.lastModifiedBy = "CRM export"
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    return workbook


def write_workbook(path: Path) -> None:
    """Write the workbook to ``path`` (parent folders must exist) with fixed timestamps.

    openpyxl is left to write the package into memory; its entries are then copied, in the same
    order, into the final archive with :data:`FIXED_TIME` as every entry's date.
    """
    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED) as draft:
        ExcelWriter(build_workbook(), draft).write_data()
    with ZipFile(buffer) as draft, ZipFile(path, "w", ZIP_DEFLATED) as archive:
        for entry in draft.infolist():
            fixed = ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            archive.writestr(fixed, draft.read(entry.filename))


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--out PATH`` (default ``data/samples/crm_ru.xlsx``). Returns 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the XLSX")
    args = parser.parse_args(argv)
    write_workbook(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
