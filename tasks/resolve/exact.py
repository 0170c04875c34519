"""Resolution for now: records with the same email, or the same phone and a compatible name,
are one person. The fuzzy resolver will replace this behind :func:`tasks.resolve.resolve`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from schemas.records import NormRecord


@dataclass(frozen=True, slots=True)
class PairDecision:
    left: int
    right: int
    email_level: str  # exact, different, null
    phone_level: str
    name_level: str  # compatible, conflicting, null
    merged: bool


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _name_parts(record: NormRecord) -> tuple[str, str] | None:
    latin = (record.name_latin or "").split()
    if not latin:
        return None
    return latin[0], latin[-1] if len(latin) > 1 else ""


def names_compatible(a: NormRecord, b: NormRecord) -> str:
    """``null`` when either has no name; ``compatible`` when initials and family names agree."""
    pa, pb = _name_parts(a), _name_parts(b)
    if pa is None or pb is None:
        return "null"
    given_ok = pa[0][:1] == pb[0][:1]
    family_ok = not pa[1] or not pb[1] or pa[1] == pb[1] or {pa[0], pa[1]} == {pb[0], pb[1]}
    swapped = {pa[0], pa[1]} == {pb[0], pb[1]}
    return "compatible" if (given_ok and family_ok) or swapped else "conflicting"


def _level(left: set[str], right: set[str]) -> str:
    if not left or not right:
        return "null"
    return "exact" if left & right else "different"


def link(records: list[NormRecord]) -> tuple[list[list[int]], list[PairDecision]]:
    """Cluster records (indexes) by shared email, or shared phone with compatible names."""
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        for email in record.emails:
            by_key[("email", email)].append(index)
        for phone in record.phones:
            by_key[("phone", phone.e164)].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in by_key.values():
        first = members[0]
        for other in members[1:]:
            pairs.add((min(first, other), max(first, other)))
            # chain the rest through the first: candidate pairs stay linear in a block
    union = _UnionFind(len(records))
    decisions: list[PairDecision] = []
    for left, right in sorted(pairs):
        a, b = records[left], records[right]
        email = _level(set(a.emails), set(b.emails))
        phones = _level({p.e164 for p in a.phones}, {p.e164 for p in b.phones})
        names = names_compatible(a, b)
        merged = email == "exact" or (phones == "exact" and names != "conflicting")
        if merged:
            union.union(left, right)
        decisions.append(PairDecision(left, right, email, phones, names, merged))
    clusters: dict[int, list[int]] = defaultdict(list)
    for index in range(len(records)):
        clusters[union.find(index)].append(index)
    return sorted(clusters.values()), decisions
