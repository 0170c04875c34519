"""Clustering that does not chain: strongest pairs first, never across conflicting evidence.

Must-link rules join first. Then pairs at or above the threshold join their clusters in order of
match weight, unless some record of one cluster conflicts with some record of the other
(a conflicting level such as different birthdays or different given names), a cannot-link
rule separates them, or the two clusters taken as wholes fall below the threshold (their other
records disagree: different cities, postcodes, addresses). So a husband and wife who share a
phone and an email stay apart, and "I. Smirnov" cannot bridge Ivan and Igor; a record that fits
two people who conflict (a message from their shared address with no name) joins neither.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

# Given cross pairs of records that were not compared, the name of the first conflicting
# comparison of each, or None.
ConflictCheck = Callable[[list[int], list[int]], list[str | None]]
# Given a candidate and the records of the two clusters it would join, whether they fall below
# the threshold taken as wholes.
Outweighed = Callable[[int, list[int], list[int]], bool]


@dataclass(slots=True)
class Clustering:
    clusters: list[list[int]]
    blocked: dict[int, str] = field(default_factory=dict)  # candidate index -> why not joined
    broken_rules: int = 0  # must-link rules a cannot-link rule overruled


class _Clusters:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, list[int]] = {i: [i] for i in range(size)}
        self.tags: dict[int, set[tuple[int, int]]] = {}

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def separated(self, a: int, b: int) -> bool:
        """Whether a cannot-link rule has one side in cluster ``a`` and the other in ``b``."""
        tags_a, tags_b = self.tags.get(a, set()), self.tags.get(b, set())
        return any((rule, 1 - side) in tags_b for rule, side in tags_a)

    def join(self, a: int, b: int) -> None:
        keep, gone = min(a, b), max(a, b)
        self.parent[gone] = keep
        self.members[keep].extend(self.members.pop(gone))
        if gone in self.tags:
            self.tags.setdefault(keep, set()).update(self.tags.pop(gone))


FirstConflict = Callable[[list[tuple[int, int]]], str | None]


def _first_conflict(
    size: int,
    candidates: npt.NDArray[np.int64],
    conflicts: npt.NDArray[np.int8],
    conflict_names: Sequence[str],
    check: ConflictCheck,
    joinable: npt.NDArray[np.bool_],
) -> FirstConflict:
    """A function giving the first conflicting comparison among pairs of records: looked up for
    the pairs that were compared, asked of ``check`` for the others; None when none conflict.
    Only pairs of ``joinable`` records (those an above-threshold pair or a must-link rule names)
    are ever asked about: a record of no such pair stays alone."""
    keep = joinable[candidates // size] & joinable[candidates % size]
    compared = dict(zip(candidates[keep].tolist(), conflicts[keep].tolist(), strict=True))

    def first(pairs: list[tuple[int, int]]) -> str | None:
        unknown: list[tuple[int, int]] = []
        for a, b in pairs:
            low, high = min(a, b), max(a, b)
            conflict = compared.get(low * size + high)
            if conflict is None:
                unknown.append((low, high))
            elif conflict >= 0:
                return conflict_names[conflict]
        if unknown:
            found = check([a for a, _ in unknown], [b for _, b in unknown])
            return next((name for name in found if name), None)
        return None

    return first


def ambiguous(
    size: int,
    candidates: npt.NDArray[np.int64],
    order: Sequence[int],
    conflicts: npt.NDArray[np.int8],
    first_conflict: FirstConflict,
    vague: npt.NDArray[np.bool_],
    strength: npt.NDArray[np.float64] | None = None,
    margin: float = 10.0,
) -> tuple[set[int], set[int]]:
    """Records without a given name of their own (``vague``: none, an initial, or a short form
    of several names) that match two people who cannot be one: a message from a household's
    shared address with no name, which could be from the husband or the wife; "I. Smirnov"
    with the phone of Ivan and Igor; "Alex Smith" with the phone of Alexander and Alexis.
    Such a record joins neither: to pick one would be to guess. Unless the evidence for one is
    ``margin`` bits of match weight (``strength``, per candidate) stronger, a thousand to one:
    N. Burokova at Nadezhda's personal address is Nadezhda, not her sister Nina. Then the
    weaker candidate never joins, whether or not the stronger one does.

    Gives the records that join neither, and the weaker candidates."""
    neighbours: dict[int, list[tuple[int, int]]] = {}
    for index in order:
        code = int(candidates[index])
        a, b = code // size, code % size
        if vague[a]:
            neighbours.setdefault(a, []).append((b, index))
        if vague[b]:
            neighbours.setdefault(b, []).append((a, index))
    found: set[int] = set()
    weaker: set[int] = set()
    for record, near in neighbours.items():
        fitting = [(other, index) for other, index in near if conflicts[index] < 0]
        close: list[tuple[int, int]] = []
        decided: list[tuple[int, int, int]] = []
        for n, (x, i) in enumerate(fitting):
            for y, j in fitting[n + 1 :]:
                if strength is None or abs(strength[i] - strength[j]) < margin:
                    close.append((x, y))
                else:
                    decided.append((x, y, i if strength[i] < strength[j] else j))
        if close and first_conflict(close):
            found.add(record)
            continue
        weaker.update(loser for x, y, loser in decided if first_conflict([(x, y)]))
    return found, weaker


def numbering(size: int, clusters: Sequence[Sequence[int]]) -> npt.NDArray[np.int64]:
    """Each of ``size`` records' cluster: its index in ``clusters``."""
    out = np.zeros(size, dtype=np.int64)
    if clusters:
        lengths = np.fromiter(map(len, clusters), np.int64, len(clusters))
        members = np.fromiter(chain.from_iterable(clusters), np.int64, int(lengths.sum()))
        out[members] = np.repeat(np.arange(len(clusters)), lengths)
    return out


def components(
    size: int, left: npt.NDArray[np.int64], right: npt.NDArray[np.int64]
) -> list[list[int]]:
    """The connected components (of two records or more) of the pairs ``left``-``right``, each
    sorted, in the order of their first records."""
    if len(left) == 0:
        return []
    edges = np.ones(len(left), dtype=np.int8)
    graph = coo_matrix((edges, (left, right)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    ordered = labels[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    return [group.tolist() for group in np.split(order, starts[1:]) if len(group) > 1]


def cluster(
    size: int,
    candidates: npt.NDArray[np.int64],
    order: Sequence[int],
    conflicts: npt.NDArray[np.int8],
    conflict_names: Sequence[str],
    check: ConflictCheck,
    must_link: Sequence[tuple[list[int], list[int]]] = (),
    cannot_link: Sequence[tuple[list[int], list[int]]] = (),
    vague: npt.NDArray[np.bool_] | None = None,
    outweighed: Outweighed | None = None,
    strength: npt.NDArray[np.float64] | None = None,
) -> Clustering:
    """Cluster ``size`` records.

    ``candidates`` are the sorted pair codes ``left * size + right`` that were compared;
    ``order`` the candidate indexes to try joining, best first; ``conflicts`` each candidate's
    first conflicting comparison (an index into ``conflict_names``) or -1; ``check`` finds
    conflicts of pairs that were not compared. Rules name records by index. ``vague`` marks the
    records without a given name of their own, and ``strength`` each candidate's match weight
    (see :func:`ambiguous`). ``outweighed`` tells
    whether two clusters of more than two records in all fall below the threshold as wholes;
    such a pair stays apart (``outweighed``).
    """
    state = _Clusters(size)
    result = Clustering([])
    for number, (left, right) in enumerate(cannot_link):
        for side, records in enumerate((left, right)):
            for record in records:
                state.tags.setdefault(record, set()).add((number, side))
    for left, right in must_link:
        for a in left:
            for b in right:
                ra, rb = state.find(a), state.find(b)
                if ra == rb:
                    continue
                if state.separated(ra, rb):
                    result.broken_rules += 1
                    continue
                state.join(ra, rb)

    joinable = np.zeros(size, dtype=bool)
    joined = candidates[np.asarray(order, dtype=np.int64)]
    joinable[joined // size] = True
    joinable[joined % size] = True
    for left, right in must_link:
        joinable[list(left)] = True
        joinable[list(right)] = True
    first_conflict = _first_conflict(size, candidates, conflicts, conflict_names, check, joinable)

    def why_apart(ra: int, rb: int) -> str | None:
        if state.separated(ra, rb):
            return "cannot_link"
        name = first_conflict([(a, b) for a in state.members[ra] for b in state.members[rb]])
        return f"conflict:{name}" if name else None

    unsure, weaker = ambiguous(
        size,
        candidates,
        order,
        conflicts,
        first_conflict,
        np.zeros(size, bool) if vague is None else vague,
        strength,
    )
    for index in order:
        code = int(candidates[index])
        if code // size in unsure or code % size in unsure:
            result.blocked[index] = "ambiguous"
            continue
        if index in weaker:
            result.blocked[index] = "fits_another"
            continue
        ra, rb = state.find(code // size), state.find(code % size)
        if ra == rb:
            continue
        reason = why_apart(ra, rb)
        one, other = state.members[ra], state.members[rb]
        if reason is None and outweighed and len(one) + len(other) > 2:
            reason = "outweighed" if outweighed(index, one, other) else None
        if reason is None:
            state.join(ra, rb)
        else:
            result.blocked[index] = reason
    result.clusters = sorted(sorted(members) for members in state.members.values())
    return result
