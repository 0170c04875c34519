"""Resolution: records in, one contact per person out, with lineage and explanations.

:func:`resolve` is the one entry point: :mod:`tasks.resolve.linker` clusters the records of
people, :mod:`tasks.resolve.identity` keeps their ids, :mod:`tasks.resolve.contacts` picks the
surviving values and :mod:`tasks.resolve.explain` says why pairs were or were not merged.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from schemas.records import NormRecord, Quarantined
from tasks.config import ResolutionConfig
from tasks.resolve.cluster import numbering
from tasks.resolve.contacts import build_contact
from tasks.resolve.explain import explain
from tasks.resolve.identity import IdentityEvent, IdentityMap, assign_ids
from tasks.resolve.linker import Spread, link
from tasks.resolve.overrides import Override
from tasks.suppress import Suppression


@dataclass(slots=True)
class Resolution:
    contacts: list[dict[str, Any]]
    lineage: list[dict[str, str]]
    matches: pa.Table  # matches.parquet
    quarantined: list[Quarantined]
    events: list[IdentityEvent]
    identity: IdentityMap
    stats: dict[str, int] = field(default_factory=dict)
    deals: dict[str, list[NormRecord]] = field(default_factory=dict)  # contact_id -> deals
    disputes: dict[str, list[NormRecord]] = field(default_factory=dict)
    optout_origins: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> source, key


def _index(
    people: list[NormRecord], clusters: list[list[int]], contact_ids: list[str]
) -> dict[str, str]:
    """Each email and phone of a contact's records -> its contact id; a value two contacts
    share goes to the first (its emails before its phones)."""
    index: dict[str, str] = {}
    for contact_id, cluster in zip(contact_ids, clusters, strict=True):
        for value in [e for i in cluster for e in people[i].emails] + [
            p.e164 for i in cluster for p in people[i].phones
        ]:
            index.setdefault(value, contact_id)
    return index


def _attach(record: NormRecord, index: dict[str, str]) -> str | None:
    for value in record.emails + [p.e164 for p in record.phones]:
        if value in index:
            return index[value]
    return None


def _lineage(record: NormRecord, contact_id: str) -> dict[str, str]:
    return {
        "source": record.source,
        "record_key": record.record_key,
        "record_hash": record.record_hash,
        "contact_id": contact_id,
    }


def resolve(
    records: list[NormRecord],
    previous: IdentityMap,
    as_of: dt.date,
    default_timezone: str,
    suppressions: list[Suppression],
    settings: ResolutionConfig | None = None,
    overrides: Sequence[Override] = (),
    spread: Spread | None = None,
) -> Resolution:
    """Cluster the contact records, give stable ids, attach deals, disputes and opt-outs; the
    heavy part of linking where ``spread`` says (see :class:`~tasks.resolve.linker.Spread`)."""
    with paused_gc():
        return _resolve(
            records, previous, as_of, default_timezone, suppressions, settings, overrides, spread
        )


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector paused: resolution makes millions of small objects and no
    cycles, and the collector, walking the whole heap again and again, would take most of the
    time (four fifths of building the features, measured at 100,000 records)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _resolve(
    records: list[NormRecord],
    previous: IdentityMap,
    as_of: dt.date,
    default_timezone: str,
    suppressions: list[Suppression],
    settings: ResolutionConfig | None,
    overrides: Sequence[Override],
    spread: Spread | None,
) -> Resolution:
    settings = settings or ResolutionConfig()
    people = [r for r in records if r.role == "contacts"]
    linkage = link(people, settings, overrides, spread=spread)
    clusters = linkage.clusters
    assignment = assign_ids([[people[i].record_hash for i in c] for c in clusters], previous, as_of)

    # deals and disputes attach to contacts through their emails and phones
    others = [r for r in records if r.role != "contacts"]
    index = _index(people, clusters, assignment.contact_ids) if others else {}
    lineage: list[dict[str, str]] = []
    quarantined: list[Quarantined] = []
    deals: dict[str, list[NormRecord]] = defaultdict(list)
    disputes: dict[str, list[NormRecord]] = defaultdict(list)
    for record in others:
        contact_id = _attach(record, index)
        if contact_id is None:
            if record.role != "optouts":
                quarantined.append(
                    Quarantined(
                        record.source,
                        record.record_key,
                        None,
                        "no_matching_contact",
                        f"the {record.role[:-1]} matches no contact by email or phone "
                        "(rule no_matching_contact)",
                        record.raw,
                    )
                )
            continue
        lineage.append(_lineage(record, contact_id))
        if record.role == "deals":
            deals[contact_id].append(record)
        elif record.role == "disputes":
            disputes[contact_id].append(record)

    suppressed = {s.value: s for s in suppressions if s.value is not None}
    suppressed_values = set(suppressed)
    contacts = []
    optout_origins: dict[str, tuple[str, str]] = {}
    for n, cluster in enumerate(clusters):
        contact_id = assignment.contact_ids[n]
        members = [people[i] for i in cluster]
        dates = [d.deal_date for d in deals.get(contact_id, []) if d.deal_date is not None]
        contact = build_contact(
            contact_id,
            members,
            assignment.identity.first_seen[contact_id],
            default_timezone,
            min(dates) if dates else None,
            suppressed_values,
        )
        contacts.append(contact)
        if contact["opted_out"]:
            optout_origins[contact_id] = _optout_origin(contact, members, suppressed)
        lineage.extend(_lineage(record, contact_id) for record in members)

    matches = explain(linkage, people, numbering(len(people), clusters), settings)
    return Resolution(
        contacts,
        lineage,
        matches,
        quarantined,
        assignment.events,
        assignment.identity,
        dict(linkage.stats),
        dict(deals),
        dict(disputes),
        optout_origins,
    )


def _optout_origin(
    contact: dict[str, Any], members: list[NormRecord], suppressed: dict[str, Suppression]
) -> tuple[str, str]:
    """The source and record key that opted a contact out."""
    for value in contact["emails"] + contact["phones"]:
        if value in suppressed:
            return suppressed[value].source, suppressed[value].record_key
    record = next(r for r in members if r.opted_out)
    return record.source, record.record_key


def raw_json(raw: dict[str, Any]) -> str:
    """A record as read, as JSON for quarantine.raw."""
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, default=str)
