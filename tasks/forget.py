"""``rapport forget``: remove one person from the outputs and the state, keeping only salted
hashes of their emails and phones so that they stay suppressed when a source brings them back.

The person is every contact holding the given email or phone. Removed: their rows in
``contacts.parquet``, ``contact_sources.parquet`` and ``occasions/``; the rows of
``matches.parquet`` that name one of their records; the rows of ``quarantine.parquet`` that name
one of their records or hold one of their emails or phones; their record hashes in the identity
map; the sources' records kept for incremental sync (the next run reads every source again).
Their suppressions keep the salted hash with no value and the reason ``forgotten``, which later
runs never turn back into a value; ``identity_events.parquet`` gains a ``forgotten`` row
per contact, with ids and counts only. Everything is staged and committed together under the
state's lock, as a run is.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas import tables
from tasks.config import Config
from tasks.errors import UserError
from tasks.normalise.emails import normalise_email
from tasks.normalise.phones import normalise_phone
from tasks.normalise.problems import FieldProblem
from tasks.state import (
    load_identity,
    load_suppressions,
    lock,
    salt,
    stage_identity,
    stage_suppressions,
    suppressions_table,
)
from tasks.suppress import Suppression, value_hash
from tasks.write import Stage, read_dataset, recover

log = logging.getLogger(__name__)
FORGOTTEN = "forgotten"


@dataclass(frozen=True, slots=True)
class Forgotten:
    contacts: int
    records: int
    values: int  # emails and phones now kept as hashes only


def normalised(config: Config, email: str | None, phone: str | None) -> tuple[str, str]:
    """(kind, normal form) of what the user typed. Raises :class:`UserError` naming the option
    when it is not an email or a phone number."""
    try:
        if email is not None:
            return "email", normalise_email(email)
        if phone is not None:
            return "phone", normalise_phone(phone, config.default_region).e164
    except FieldProblem:
        option = "--email" if email is not None else "--phone"
        raise UserError(f"{option}: not a valid {option[2:]}") from None
    raise UserError("give --email or --phone")


def forget(config: Config, kind: str, value: str, salt_from_environment: str | None) -> Forgotten:
    """Forget the person holding ``value`` (a normalised email or E.164 phone)."""
    run_id = f"forget-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
    today = dt.date.today()
    with lock(config.state_dir, run_id):
        recover(config.output_dir, config.state_dir)
        key = salt(config.state_dir, salt_from_environment)
        out = config.output_dir
        contacts = _read(out / "contacts.parquet", tables.CONTACTS)
        column = "emails" if kind == "email" else "phones"
        held = [value in (found or []) for found in contacts.column(column).to_pylist()]
        gone = contacts.filter(pa.array(held, pa.bool_()))
        ids = set(gone.column("contact_id").to_pylist())
        values = {(kind, value)}
        for row in gone.to_pylist():
            values |= {("email", e) for e in row["emails"]} | {("phone", p) for p in row["phones"]}
        lineage = _read(out / "contact_sources.parquet", tables.CONTACT_SOURCES)
        mine = _isin(lineage, "contact_id", ids)
        records = {(r["source"], r["record_key"]) for r in lineage.filter(mine).to_pylist()}
        hashes = {r["record_hash"] for r in lineage.filter(mine).to_pylist()}

        stage = Stage(run_id, out, config.state_dir)
        try:
            stage.parquet(
                "out", "contacts.parquet", contacts.filter(pc.invert(pa.array(held, pa.bool_())))
            )
            stage.parquet("out", "contact_sources.parquet", lineage.filter(pc.invert(mine)))
            matches = _read(out / "matches.parquet", tables.matches_schema([]))
            stage.parquet("out", "matches.parquet", _without_pairs(matches, records))
            quarantine = _read(out / "quarantine.parquet", tables.QUARANTINE)
            stage.parquet(
                "out", "quarantine.parquet", _without_records(quarantine, records, values)
            )
            events = _read(out / "identity_events.parquet", tables.IDENTITY_EVENTS)
            stage.parquet("out", "identity_events.parquet", _with_events(events, run_id, gone))
            if (out / "occasions").is_dir():
                occasions = read_dataset(
                    out / "occasions", tables.OCCASIONS, tables.OCCASION_PARTITIONS
                )
                kept = occasions.to_table(filter=~ds.field("contact_id").isin(sorted(ids)))
                stage.dataset("out", "occasions", kept, tables.OCCASION_PARTITIONS)
            suppressions = _forgotten(load_suppressions(config.state_dir), values, key, today)
            stage.parquet("out", "suppressions.parquet", suppressions_table(suppressions))
            stage_suppressions(stage, suppressions)
            identity = load_identity(config.state_dir)
            for record_hash in hashes:
                identity.by_hash.pop(record_hash, None)
            for contact_id in ids:
                identity.first_seen.pop(contact_id, None)
                identity.welcome.pop(contact_id, None)
            stage_identity(stage, identity)
            stage.folder("state", "cache", {})  # the sources' records held them: read again
            stage.commit()
        except BaseException:
            stage.abandon()
            raise
    log.info(
        "forget: %d contacts, %d records, %d values hashed", len(ids), len(records), len(values)
    )
    return Forgotten(len(ids), len(records), len(values))


def _read(path: Path, schema: pa.Schema) -> pa.Table:
    return pq.read_table(path) if path.exists() else schema.empty_table()


def _isin(table: pa.Table, column: str, values: set[str]) -> pa.ChunkedArray:
    return pc.is_in(table.column(column), value_set=pa.array(sorted(values), pa.string()))


def _without_pairs(matches: pa.Table, records: set[tuple[str, str]]) -> pa.Table:
    if matches.num_rows == 0:
        return matches
    left = zip(
        matches.column("left_source").to_pylist(),
        matches.column("left_record_key").to_pylist(),
        strict=True,
    )
    right = zip(
        matches.column("right_source").to_pylist(),
        matches.column("right_record_key").to_pylist(),
        strict=True,
    )
    keep = [a not in records and b not in records for a, b in zip(left, right, strict=True)]
    return matches.filter(pa.array(keep, pa.bool_()))


def _without_records(
    quarantine: pa.Table, records: set[tuple[str, str]], values: set[tuple[str, str]]
) -> pa.Table:
    texts = [v for _, v in values]
    keep = []
    for row in quarantine.to_pylist():
        raw = row["raw"] or ""
        keep.append(
            (row["source"], row["record_key"]) not in records and not any(t in raw for t in texts)
        )
    return quarantine.filter(pa.array(keep, pa.bool_()))


def _with_events(events: pa.Table, run_id: str, gone: pa.Table) -> pa.Table:
    rows: list[dict[str, Any]] = [
        {
            "run_id": run_id,
            "event": FORGOTTEN,
            "contact_id": cid,
            "other_contact_ids": [],
            "records": 0,
        }
        for cid in sorted(gone.column("contact_id").to_pylist())
    ]
    return pa.concat_tables([events, pa.Table.from_pylist(rows, schema=tables.IDENTITY_EVENTS)])


def _forgotten(
    previous: list[Suppression], values: set[tuple[str, str]], key: bytes, today: dt.date
) -> list[Suppression]:
    """The suppressions with each of ``values`` kept as its hash alone, reason forgotten."""
    digests = {value_hash(key, kind, value): kind for kind, value in values}
    kept = [s for s in previous if s.value_hash not in digests]
    since = {s.value_hash: s.since for s in previous}
    kept += [
        Suppression(kind, None, digest, FORGOTTEN, "forget", "", since.get(digest, today))
        for digest, kind in digests.items()
    ]
    return sorted(kept, key=lambda s: (s.kind, s.value or "", s.value_hash))
