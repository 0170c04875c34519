"""Stable contact ids across runs: the identity map in ``state_dir``.

The map keys on ``record_hash`` (content, not position), so reordered rows keep their contact.
A cluster takes the id that most of its records had; when clusters merge, the oldest id survives;
when one splits, the part with most of the old records keeps the id. New ids are derived from the
cluster's content, so the same input on an empty state gets the same ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field


@dataclass(slots=True)
class IdentityMap:
    """record_hash -> contact_id, contact_id -> the as_of of the first run that saw it, and the
    day each newcomer is welcomed on."""

    by_hash: dict[str, str] = field(default_factory=dict)
    first_seen: dict[str, dt.date] = field(default_factory=dict)
    welcome: dict[str, dt.date] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IdentityEvent:
    event: str  # created, merged, split, forgotten
    contact_id: str
    other_contact_ids: tuple[str, ...]
    records: int


@dataclass(slots=True)
class Assignment:
    contact_ids: list[str]  # one per cluster
    events: list[IdentityEvent]
    identity: IdentityMap


def _new_id(hashes: list[str], taken: set[str]) -> str:
    seed = min(hashes)
    digest = hashlib.sha256(seed.encode()).hexdigest()
    candidate = f"c_{digest[:12]}"
    n = 1
    while candidate in taken:
        candidate = f"c_{digest[:12]}_{n}"
        n += 1
    return candidate


def assign_ids(clusters: list[list[str]], previous: IdentityMap, as_of: dt.date) -> Assignment:
    """Give each cluster (a list of record hashes) a contact id, keeping previous ids stable."""
    votes: list[Counter[str]] = []
    holders: dict[str, list[int]] = defaultdict(list)
    known = previous.by_hash
    none: Counter[str] = Counter()  # shared by the clusters no record of which was seen before
    for index, hashes in enumerate(clusters):
        olds = [known[h] for h in hashes if h in known]
        counter = Counter(olds) if olds else none
        votes.append(counter)
        for old in counter:
            holders[old].append(index)

    def age(old: str) -> tuple[dt.date, str]:
        return previous.first_seen.get(old, as_of), old

    claims = sorted(
        (
            (index, old, count)
            for index, counter in enumerate(votes)
            for old, count in counter.items()
        ),
        key=lambda item: (age(item[1]), -item[2], item[0]),
    )
    ids: list[str | None] = [None] * len(clusters)
    used: set[str] = set()
    for index, old, _count in claims:
        if ids[index] is None and old not in used:
            ids[index] = old
            used.add(old)
    taken = set(previous.first_seen) | used
    events: list[IdentityEvent] = []
    for index, hashes in enumerate(clusters):
        if ids[index] is None:
            new = _new_id(hashes, taken)
            taken.add(new)
            ids[index] = new
            if not votes[index]:
                events.append(IdentityEvent("created", new, (), len(hashes)))
    final = [i for i in ids if i is not None]
    for index, counter in enumerate(votes):
        if len(counter) < 2:  # a part that only left its old contact is a split
            continue
        others = tuple(sorted(o for o in counter if o != final[index]))
        if others:
            events.append(IdentityEvent("merged", final[index], others, len(clusters[index])))
    position = {cid: index for index, cid in enumerate(final)}
    for old, indexes in sorted(holders.items()):
        if len(indexes) > 1 and old in used:
            keeper = position[old]
            parts = tuple(sorted(final[i] for i in indexes if i != keeper))
            events.append(IdentityEvent("split", old, parts, len(clusters[keeper])))
    first_seen = {}
    seen = previous.first_seen
    for index, cid in enumerate(final):
        if cid in seen:
            first_seen[cid] = seen[cid]
        else:  # a part split off an older contact was seen when that contact was
            first_seen[cid] = min((seen[old] for old in votes[index] if old in seen), default=as_of)
    identity = IdentityMap(
        by_hash={h: final[i] for i, hashes in enumerate(clusters) for h in hashes},
        first_seen=first_seen,
        welcome={c: d for c, d in previous.welcome.items() if c in position},
    )
    return Assignment(final, events, identity)
