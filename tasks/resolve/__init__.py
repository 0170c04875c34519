"""Resolution: records in, one contact per person out, with lineage and explanations.

:func:`resolve` is the one entry point; what links records is behind it (exact keys for now).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from schemas.records import NormRecord, Quarantined
from tasks.resolve.contacts import build_contact
from tasks.resolve.exact import link
from tasks.resolve.identity import IdentityEvent, IdentityMap, assign_ids
from tasks.suppress import Suppression


@dataclass(slots=True)
class Resolution:
    contacts: list[dict[str, Any]]
    lineage: list[dict[str, str]]
    matches: list[dict[str, Any]]
    quarantined: list[Quarantined]
    events: list[IdentityEvent]
    identity: IdentityMap
    stats: dict[str, int] = field(default_factory=dict)
    deals: dict[str, list[NormRecord]] = field(default_factory=dict)  # contact_id -> deals
    disputes: dict[str, list[NormRecord]] = field(default_factory=dict)


def _index(contacts: list[dict[str, Any]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for contact in contacts:
        for value in contact["emails"] + contact["phones"]:
            index.setdefault(value, contact["contact_id"])
    return index


def _attach(record: NormRecord, index: dict[str, str]) -> str | None:
    for value in record.emails + [p.e164 for p in record.phones]:
        if value in index:
            return index[value]
    return None


def resolve(
    records: list[NormRecord],
    previous: IdentityMap,
    as_of: dt.date,
    default_timezone: str,
    suppressions: list[Suppression],
) -> Resolution:
    """Cluster the contact records, give stable ids, attach deals, disputes and opt-outs."""
    people = [r for r in records if r.role == "contacts"]
    clusters, decisions = link(people)
    assignment = assign_ids([[people[i].record_hash for i in c] for c in clusters], previous, as_of)
    cluster_of = {i: n for n, c in enumerate(clusters) for i in c}

    # deals and disputes attach to contacts through their emails and phones
    provisional = [
        {
            "contact_id": cid,
            "emails": [e for i in c for e in people[i].emails],
            "phones": [p.e164 for i in c for p in people[i].phones],
        }
        for cid, c in zip(assignment.contact_ids, clusters, strict=True)
    ]
    index = _index(provisional)
    lineage: list[dict[str, str]] = []
    quarantined: list[Quarantined] = []
    deals: dict[str, list[NormRecord]] = defaultdict(list)
    disputes: dict[str, list[NormRecord]] = defaultdict(list)
    for record in records:
        if record.role == "contacts":
            continue
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
        lineage.append(
            {
                "source": record.source,
                "record_key": record.record_key,
                "record_hash": record.record_hash,
                "contact_id": contact_id,
            }
        )
        if record.role == "deals":
            deals[contact_id].append(record)
        elif record.role == "disputes":
            disputes[contact_id].append(record)

    suppressed_values = {s.value for s in suppressions if s.value is not None}
    contacts = []
    for n, cluster in enumerate(clusters):
        contact_id = assignment.contact_ids[n]
        members = [people[i] for i in cluster]
        dates = [d.deal_date for d in deals.get(contact_id, []) if d.deal_date is not None]
        contacts.append(
            build_contact(
                contact_id,
                members,
                assignment.identity.first_seen[contact_id],
                default_timezone,
                min(dates) if dates else None,
                suppressed_values,
            )
        )
        for record in members:
            lineage.append(
                {
                    "source": record.source,
                    "record_key": record.record_key,
                    "record_hash": record.record_hash,
                    "contact_id": contact_id,
                }
            )

    matches = []
    for d in decisions:
        left, right = people[d.left], people[d.right]
        matches.append(
            {
                "left_source": left.source,
                "left_record_key": left.record_key,
                "right_source": right.source,
                "right_record_key": right.record_key,
                "match_probability": 1.0 if d.merged else 0.0,
                "match_weight": None,
                "decision": "merged" if d.merged else "kept_apart",
                "same_contact": cluster_of[d.left] == cluster_of[d.right],
                "email_level": d.email_level,
                "email_weight": None,
                "phone_level": d.phone_level,
                "phone_weight": None,
                "name_level": d.name_level,
                "name_weight": None,
            }
        )
    stats = {
        "candidate_pairs": len(decisions),
        "merged_pairs": sum(1 for d in decisions if d.merged),
        "clusters": len(clusters),
    }
    return Resolution(
        contacts,
        lineage,
        matches,
        quarantined,
        assignment.events,
        assignment.identity,
        stats,
        dict(deals),
        dict(disputes),
    )


def raw_json(raw: dict[str, Any]) -> str:
    """A record as read, as JSON for quarantine.raw."""
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, default=str)
