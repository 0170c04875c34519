"""Readers: one module per source kind, each with ``read(source, context) -> ReadResult``.

A reader never raises for a bad record: the record goes to ``ReadResult.quarantined``. It raises
:class:`tasks.errors.SourceError` only when the source cannot be read at all (missing, not a file
of its kind, corrupt beyond recovery), and :class:`tasks.errors.SourceUnavailable` for a server
that cannot be reached after retries.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from schemas.records import Quarantined, RawRecord
from tasks.config import SourceConfig


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a reader needs beyond its own source's settings."""

    self_addresses: frozenset[str] = frozenset()  # lower-cased; never made a contact
    # IMAP: per folder, (UIDVALIDITY, last UID) of the last read; only later messages are read
    since: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(slots=True)
class ReadResult:
    records: list[RawRecord] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    # IMAP: per folder, (UIDVALIDITY, highest UID) after this read
    watermarks: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def read(self) -> int:
        """Records read: every distinct record key, used or not."""
        keys = {r.record_key for r in self.records}
        keys.update(q.record_key for q in self.quarantined if q.field is None)
        return len(keys)


_READERS = {
    "csv": "tasks.ingest.csv_reader",
    "xlsx": "tasks.ingest.xlsx_reader",
    "mbox": "tasks.ingest.mbox",
    "maildir": "tasks.ingest.maildir",
    "eml": "tasks.ingest.eml",
    "vcard": "tasks.ingest.vcard",
    "imap": "tasks.ingest.imap",
}


def read_source(source: SourceConfig, context: ReadContext) -> ReadResult:
    """Read one source with the reader for its kind."""
    module = importlib.import_module(_READERS[source.kind])
    result: ReadResult = module.read(source, context)
    return result
