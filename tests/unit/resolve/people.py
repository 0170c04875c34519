"""Records for resolver tests, made by Rapport's own normaliser from spreadsheet-like cells."""

from __future__ import annotations

import datetime as dt
import itertools

from schemas.records import NormRecord, RawRecord
from tasks.normalise.record import normalise_record

TODAY = dt.date(2026, 11, 23)
_rows = itertools.count(2)


def person(source: str = "crm", region: str = "RU", **cells: str) -> NormRecord:
    """One normalised contact record; ``cells`` are field names with one cell each."""
    raw = RawRecord(source, str(next(_rows)), {k: [v] for k, v in cells.items()}, dict(cells))
    record, _ = normalise_record(
        raw, role="contacts", region=region, date_order=None, priority=0, today=TODAY
    )
    assert record is not None, cells
    return record
