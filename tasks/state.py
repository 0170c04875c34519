"""What a sync remembers between runs, in ``state_dir``.

- ``identity.parquet``: record_hash -> contact_id, each contact's first_seen, and the day a
  newcomer is welcomed on;
- ``seen.parquet``: the salted hash of every email and phone any contact has had, so that a
  person whose record was edited is not taken for a newcomer;
- ``sources.parquet``: each source read so far, with the as_of of its first read;
- ``suppressions.parquet``: every value ever suppressed (opt-outs stay in force);
- ``salt``: the random salt of value hashes, unless the environment gives one;
- ``lock``: held by the run that is writing.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.tables import SUPPRESSIONS
from tasks.errors import LockHeld
from tasks.resolve.identity import IdentityMap
from tasks.suppress import Suppression
from tasks.write import FILE_MODE, Stage, private_dir

IDENTITY = pa.schema(
    [
        ("record_hash", pa.string()),
        ("contact_id", pa.string()),
        ("first_seen", pa.date32()),
        ("welcome_on", pa.date32()),
    ]
)
SOURCES = pa.schema([("source", pa.string()), ("first_read", pa.date32())])


def load_identity(state_dir: Path) -> IdentityMap:
    path = state_dir / "identity.parquet"
    if not path.exists():
        return IdentityMap()
    rows = pq.read_table(path).to_pylist()
    return IdentityMap(
        by_hash={r["record_hash"]: r["contact_id"] for r in rows if r["record_hash"]},
        first_seen={r["contact_id"]: r["first_seen"] for r in rows},
        welcome={r["contact_id"]: r["welcome_on"] for r in rows if r.get("welcome_on")},
    )


def stage_identity(stage: Stage, identity: IdentityMap) -> None:
    rows = [
        {
            "record_hash": h,
            "contact_id": c,
            "first_seen": identity.first_seen[c],
            "welcome_on": identity.welcome.get(c),
        }
        for h, c in sorted(identity.by_hash.items())
    ]
    stage.parquet("state", "identity.parquet", pa.Table.from_pylist(rows, schema=IDENTITY))


SEEN = pa.schema([("value_hash", pa.string())])


def load_seen(state_dir: Path) -> set[str]:
    """The salted hashes of every email and phone seen on a contact so far."""
    path = state_dir / "seen.parquet"
    if not path.exists():
        return set()
    return set(pq.read_table(path).column("value_hash").to_pylist())


def stage_seen(stage: Stage, seen: set[str]) -> None:
    rows = [{"value_hash": h} for h in sorted(seen)]
    stage.parquet("state", "seen.parquet", pa.Table.from_pylist(rows, schema=SEEN))


def load_sources(state_dir: Path) -> dict[str, dt.date]:
    """Each source read by an earlier run, with the as_of of its first read."""
    path = state_dir / "sources.parquet"
    if not path.exists():
        return {}
    return {r["source"]: r["first_read"] for r in pq.read_table(path).to_pylist()}


def stage_sources(stage: Stage, sources: dict[str, dt.date]) -> None:
    rows = [{"source": name, "first_read": day} for name, day in sorted(sources.items())]
    stage.parquet("state", "sources.parquet", pa.Table.from_pylist(rows, schema=SOURCES))


def load_suppressions(state_dir: Path) -> list[Suppression]:
    path = state_dir / "suppressions.parquet"
    if not path.exists():
        return []
    return [Suppression(**row) for row in pq.read_table(path).to_pylist()]


def suppressions_table(rows: list[Suppression]) -> pa.Table:
    """``rows`` as suppressions.parquet holds them, in the output and in the state alike."""
    data = [{name: getattr(s, name) for name in SUPPRESSIONS.names} for s in rows]
    return pa.Table.from_pylist(data, schema=SUPPRESSIONS)


def stage_suppressions(stage: Stage, rows: list[Suppression]) -> None:
    stage.parquet("state", "suppressions.parquet", suppressions_table(rows))


def salt(state_dir: Path, from_environment: str | None) -> bytes:
    """The environment's salt when set; else the state's own, made once."""
    if from_environment:
        return from_environment.encode()
    path = private_dir(state_dir) / "salt"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def merge_suppressions(
    previous: list[Suppression], current: list[Suppression], as_of: dt.date
) -> list[Suppression]:
    """Current rows, plus every earlier row no source brings any more: opt-outs never lapse,
    and a forgotten value stays a hash alone."""
    by_hash = {s.value_hash: s for s in previous}
    merged = {s.value_hash: s for s in previous}
    for row in current:
        earlier = by_hash.get(row.value_hash)
        if earlier is not None and earlier.reason == "forgotten":
            continue  # a forgotten person's value is never kept again, only its hash
        merged[row.value_hash] = (
            row
            if earlier is None
            else Suppression(
                row.kind,
                row.value,
                row.value_hash,
                row.reason,
                row.source,
                row.record_key,
                min(earlier.since, row.since),
            )
        )
    return sorted(merged.values(), key=lambda s: (s.kind, s.value or "", s.value_hash))


@contextmanager
def lock(state_dir: Path, run_id: str) -> Iterator[None]:
    """Hold ``state_dir/lock`` for the run; a second run fails naming the holder."""
    path = private_dir(state_dir) / "lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip() or "another run"
            raise LockHeld(f"{state_dir}: run {holder} holds the lock; try again later") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, run_id.encode(), 0)
        yield
    finally:
        os.close(fd)
