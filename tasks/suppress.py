"""The suppression list: every email and phone that must not be contacted.

It comes from ``optouts`` sources and from records marked opted out, whether or not the person
is a contact yet. Each value also carries a salted hash, which is all that is kept of a
forgotten person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from schemas.records import NormRecord


@dataclass(frozen=True, slots=True)
class Suppression:
    kind: str  # email or phone
    value: str | None
    value_hash: str
    reason: str
    source: str
    record_key: str
    since: dt.date


def value_hash(salt: bytes, kind: str, value: str) -> str:
    """Salted SHA-256 of a normalised value, so a forgotten person stays suppressed."""
    return hashlib.sha256(salt + f"{kind}:{value}".encode()).hexdigest()


def value_hashes(salt: bytes, emails: Iterable[str], phones: Iterable[str]) -> set[str]:
    """The salted hashes of a person's emails and E.164 phones."""
    found = {value_hash(salt, "email", e) for e in emails}
    return found | {value_hash(salt, "phone", p) for p in phones}


def _opted_out(
    emails: list[str],
    phones: list[str],
    source: str,
    record_key: str,
    salt: bytes,
    as_of: dt.date,
    since: dict[str, dt.date],
) -> list[Suppression]:
    """An ``opted_out`` row for each of ``emails`` and ``phones``, dated from ``since`` (value
    hash -> the date it was first suppressed, kept in the state) or else ``as_of``."""
    values = [("email", e) for e in emails] + [("phone", p) for p in phones]
    rows = []
    for kind, value in values:
        digest = value_hash(salt, kind, value)
        when = since.get(digest, as_of)
        rows.append(Suppression(kind, value, digest, "opted_out", source, record_key, when))
    return rows


def suppressions_from(
    records: list[NormRecord], salt: bytes, as_of: dt.date, since: dict[str, dt.date]
) -> list[Suppression]:
    """Rows for each email and phone of opt-out records and opted-out contact records.

    ``since`` maps a value hash to the date it was first suppressed (kept in the state).
    """
    rows: dict[tuple[str, str | None], Suppression] = {}
    for record in records:
        if not (record.role == "optouts" or record.opted_out):
            continue
        phones = [p.e164 for p in record.phones]
        for row in _opted_out(
            record.emails, phones, record.source, record.record_key, salt, as_of, since
        ):
            rows.setdefault((row.kind, row.value), row)
    return sorted(rows.values(), key=lambda s: (s.kind, s.value or ""))


def contact_suppressions(
    contacts: list[dict[str, Any]],
    origins: dict[str, tuple[str, str]],
    salt: bytes,
    as_of: dt.date,
    since: dict[str, dt.date],
) -> list[Suppression]:
    """Rows for every email and phone of each opted-out contact, so that an opt-out given on
    one record covers the whole person and stays with each value through later splits.

    ``origins`` maps a contact id to the source and record key that opted it out.
    """
    rows = []
    for contact in contacts:
        if contact["opted_out"]:
            source, record_key = origins[contact["contact_id"]]
            rows += _opted_out(
                contact["emails"], contact["phones"], source, record_key, salt, as_of, since
            )
    return rows
