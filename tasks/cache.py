"""Incremental sync: each source's normalised records, kept in ``state_dir/cache/`` with the
fingerprint of what made them.

A file source whose fingerprint is unchanged is not read or normalised again: its records come
from the state (status ``cached``). The fingerprint covers the bytes of every file of the source
(content, not paths or times), the source's settings, the config settings that change how
records are normalised, and :data:`VERSION`, which changes with the normaliser. Records
normalised on an earlier day are reused only within the same year (two-digit years pivot on
it) and when none of their dates was quarantined for lying in the future, which a later day
could change.

A source that is down (:class:`~tasks.errors.SourceUnavailable`, after the reader's own retries)
gives its last good records instead (status ``stale``), with a warning. IMAP sources are read
every time (a server has no fingerprint), but keep their last good records the same way. The
folder is replaced whole by each run, so a source removed from the config leaves no records
behind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import pickle
from dataclasses import dataclass
from pathlib import Path

from tasks.config import Config, SourceConfig
from tasks.stages import SourceOutcome
from tasks.validate import ValidationResult

log = logging.getLogger(__name__)

#: Changes whenever reading or normalising would make other records of the same bytes.
VERSION = "2"
FOLDER = "cache"
IMAP = "imap:"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Entry:
    """One source's outcome and what made it."""

    fingerprint: str
    today: dt.date  # the as_of it was normalised for
    outcome: SourceOutcome
    validated: ValidationResult | None = None  # its share of the validation, when it had one
    validated_year: int = 0  # the year whose rules that validation applied


def fingerprint(source: SourceConfig, config: Config) -> str:
    """The content fingerprint of a file source; of an IMAP source, its settings' alone
    (marked ``imap:``): the server says what is new."""
    digest = hashlib.sha256()
    settings = source.model_dump_json(exclude={"path"})
    shared = (config.default_region, sorted(config.self_addresses))
    sms = config.channels.sms_to_fixed_line_or_mobile
    digest.update(f"{VERSION}|{settings}|{shared}|{sms}".encode())
    if source.kind == "imap" or source.path is None:
        return f"{IMAP}{digest.hexdigest()}"
    path = Path(source.path)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(str(file.relative_to(path) if path.is_dir() else file.name).encode())
        with file.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def load(state_dir: Path, name: str) -> Entry | None:
    """The entry kept for source ``name``; None when there is none or it cannot be read."""
    path = state_dir / FOLDER / f"{name}.pickle"  # source names are [a-z0-9_]+
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            entry = pickle.load(handle)
    except Exception as error:  # an older layout, a torn file: read the source again
        log.warning("cache of source %s unreadable (%s); reading it", name, type(error).__name__)
        return None
    if not isinstance(entry, Entry):
        return None
    if not hasattr(entry, "validated_year"):  # kept before validations were: records only
        return Entry(entry.fingerprint, entry.today, entry.outcome)
    return entry


def reusable(entry: Entry | None, current: str, today: dt.date) -> bool:
    """Whether ``entry`` stands for the source as it is now, read on ``today`` (for IMAP: for
    the messages up to its watermarks)."""
    if entry is None or entry.fingerprint != current:
        return False
    if entry.today.year != today.year:
        return False
    return entry.today == today or not any(
        "in the future" in q.reason for q in entry.outcome.quarantined
    )


def validation(entry: Entry, today: dt.date) -> ValidationResult | None:
    """The entry's validation when it holds for ``today``: the rules change with the year only."""
    if entry.validated is None or entry.validated_year != today.year:
        return None
    return entry.validated


def is_server(current: str) -> bool:
    return current.startswith(IMAP)


def extended(entry: Entry, newer: SourceOutcome) -> SourceOutcome | None:
    """``entry``'s records with those of ``newer``, read from its watermarks on (only these
    are validated; the earlier ones keep ``entry``'s validation); None when a folder's
    UIDVALIDITY changed, so that its old UIDs mean nothing and all must be read."""
    old = entry.outcome.watermarks
    if any(old.get(folder, mark)[0] != mark[0] for folder, mark in newer.watermarks.items()):
        return None
    known = {r.record_key for r in entry.outcome.records}
    known |= {q.record_key for q in entry.outcome.quarantined if q.field is None}
    records = [r for r in newer.records if r.record_key not in known]
    return dataclasses.replace(
        newer,
        records=entry.outcome.records + records,
        quarantined=entry.outcome.quarantined + newer.quarantined,
        read=entry.outcome.read + newer.read,
        fresh=newer.read,
        watermarks={**old, **newer.watermarks},
    )


def as_status(entry: Entry, status: str) -> SourceOutcome:
    """The entry's outcome, marked ``cached`` or ``stale``."""
    return dataclasses.replace(entry.outcome, status=status)


def files(entries: dict[str, Entry]) -> dict[str, bytes]:
    """The cache folder's files for ``entries`` (source name -> entry)."""
    return {
        f"{name}.pickle": pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
        for name, entry in entries.items()
    }
