"""Record linkage from end to end: block, compare, learn the weights, score, cluster.

:func:`link` takes the records of people and gives their clusters with everything needed to
explain them: each candidate pair's levels, weights, probability and, when it was held back,
why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from schemas.records import NormRecord
from tasks.config import ResolutionConfig
from tasks.resolve.blocking import all_pairs, candidate_pairs
from tasks.resolve.cluster import Clustering, ConflictCheck, cluster, components, numbering
from tasks.resolve.comparisons import (
    COMPARISONS,
    Comparison,
    compare,
    first_conflict,
    household_only,
    name_swap,
)
from tasks.resolve.features import Features, build_features, joined, take
from tasks.resolve.given_names import GivenNames
from tasks.resolve.model import Model, fit, score
from tasks.resolve.overrides import Override, bind

log = logging.getLogger(__name__)

Index = npt.NDArray[np.int64]
Rule = tuple[Override, list[int], list[int]]
Each = Callable[[Callable[..., Any], list[dict[str, Any]]], list[Any]]


@dataclass(frozen=True, slots=True)
class Spread:
    """Where the heavy parts of linking run: ``each`` calls a function with each of a list of
    keyword arguments and gives the results in order (on a Dask cluster, say). The features are
    built by chunks of ``records`` records, the candidate pairs compared by blocks of ``pairs``
    pairs, each block with the features of its own records only. Everything else (the model,
    which learns from all pairs, and the clustering) runs where :func:`link` was called."""

    each: Each
    records: int = 5000
    pairs: int = 100_000


@dataclass(slots=True)
class Linkage:
    clusters: list[list[int]]
    left: Index  # candidate pairs, left < right
    right: Index
    swapped: npt.NDArray[np.int8]  # how the pair's names line up (see name_swap)
    gamma: npt.NDArray[np.int8]  # (pairs, comparisons) level indexes
    weights: npt.NDArray[np.float64]  # (pairs, comparisons) log2 Bayes factors
    probability: npt.NDArray[np.float64]
    blocked: dict[int, str]  # candidate index -> why a pair above the threshold stayed apart
    rules: list[Rule]
    model: Model | None
    features: Features
    comparisons: tuple[Comparison, ...] = COMPARISONS
    stats: dict[str, int] = field(default_factory=dict)


def _checker(
    f: Features,
    comparisons: tuple[Comparison, ...],
    candidates: Index,
    joinable: tuple[Index, Index],
    largest: int = 200,
) -> ConflictCheck:
    """Conflicts of pairs that blocking never compared, on the comparisons that can conflict.

    Clusters only grow along ``joinable`` pairs, so every pair that clustering may ask about
    lies in one connected component of them: those are compared at once, up front (for
    components of up to ``largest`` records); any other pair when it is asked about.
    """
    telling = tuple(c for c in comparisons if any(level.conflict for level in c.levels))
    size = len(f)

    def conflicts(left: Index, right: Index) -> list[str | None]:
        gamma = compare(f, left, right, telling)
        return [telling[c].name if c >= 0 else None for c in first_conflict(gamma, telling)]

    by_size: dict[int, list[list[int]]] = {}
    for component in components(size, *joinable):
        if 2 < len(component) <= largest:
            by_size.setdefault(len(component), []).append(component)
    lefts, rights = [], []
    for count, group in by_size.items():
        members = np.array(group, dtype=np.int64)
        a, b = all_pairs(count)
        lefts.append(members[:, a].ravel())
        rights.append(members[:, b].ravel())
    known: dict[int, str | None] = {}
    if lefts:
        left, right = np.concatenate(lefts), np.concatenate(rights)
        codes = left * size + right
        at = np.searchsorted(candidates, codes).clip(max=max(len(candidates) - 1, 0))
        fresh = candidates[at] != codes if len(candidates) else np.ones(len(codes), dtype=bool)
        left, right = left[fresh], right[fresh]
        known = dict(zip((left * size + right).tolist(), conflicts(left, right), strict=True))

    def check(left: list[int], right: list[int]) -> list[str | None]:
        codes = [a * size + b for a, b in zip(left, right, strict=True)]
        if all(code in known for code in codes):
            return [known[code] for code in codes]
        return conflicts(np.array(left, dtype=np.int64), np.array(right, dtype=np.int64))

    return check


def compared(
    f: Features, left: Index, right: Index
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    """How the pairs' names line up (:func:`name_swap`) and their levels on every comparison."""
    swapped = name_swap(f, left, right)
    return swapped, compare(f, left, right, COMPARISONS, swapped)


def _features(
    records: Sequence[NormRecord], names: GivenNames | None, spread: Spread | None
) -> Features:
    if spread is None or not records:
        return build_features(records, names)
    step = spread.records
    calls = [
        {"records": list(records[at : at + step]), "names": names}
        for at in range(0, len(records), step)
    ]
    return joined(spread.each(build_features, calls))


def _compared(
    f: Features, left: Index, right: Index, spread: Spread | None
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    if spread is None or not len(left):
        return compared(f, left, right)
    calls = []
    for at in range(0, len(left), spread.pairs):
        lefts, rights = left[at : at + spread.pairs], right[at : at + spread.pairs]
        rows = np.unique(np.concatenate([lefts, rights]))
        calls.append(
            {
                "f": take(f, rows),
                "left": np.searchsorted(rows, lefts),
                "right": np.searchsorted(rows, rights),
            }
        )
    parts = spread.each(compared, calls)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _hold_households(
    clustering: Clustering, held: Index, left: Index, right: Index, size: int
) -> None:
    """Mark the pairs that reached the threshold but were not let join on their own
    (:func:`household_only`) and did not end in one cluster through others."""
    cluster_of = numbering(size, clustering.clusters)
    for index in held[cluster_of[left[held]] != cluster_of[right[held]]].tolist():
        clustering.blocked[index] = "household_only"


def link(
    records: Sequence[NormRecord],
    settings: ResolutionConfig | None = None,
    overrides: Sequence[Override] = (),
    names: GivenNames | None = None,
    seed: int = 0,
    spread: Spread | None = None,
) -> Linkage:
    """Cluster ``records`` (indexes into it) into people, with the evidence for each pair;
    the features and the comparisons made where ``spread`` says, when it is given."""
    settings = settings or ResolutionConfig()
    comparisons = COMPARISONS
    f = _features(records, names, spread)
    (left, right), produced = candidate_pairs(f, settings.max_block)
    swapped, gamma = _compared(f, left, right, spread)
    model = fit(f, gamma, comparisons, settings.random_pairs, seed) if len(left) else None
    if model is not None:
        weights, probability = score(model, f, gamma, left, right, swapped)
    else:
        weights, probability = np.zeros(gamma.shape), np.zeros(len(left))
    conflicts = first_conflict(gamma, comparisons)
    household = household_only(gamma, comparisons)
    reached = probability >= settings.match_threshold
    above = np.flatnonzero(reached & ~household)
    order = above[np.lexsort((above, -probability[above]))]
    rules, unmatched = bind(overrides, records)
    clustering = cluster(
        len(records),
        left * len(records) + right,
        order.tolist(),
        conflicts,
        [c.name for c in comparisons],
        _checker(f, comparisons, left * len(records) + right, (left[above], right[above])),
        must_link=[(a, b) for rule, a, b in rules if rule.rule == "must_link"],
        cannot_link=[(a, b) for rule, a, b in rules if rule.rule == "cannot_link"],
        vague=f.lengths("given") <= 1,
    )
    held_apart = len(clustering.blocked)
    _hold_households(clustering, np.flatnonzero(reached & household), left, right, len(records))
    stats = {
        "candidate_pairs": len(left),
        "pairs_above_threshold": int(reached.sum()),
        "merged_pairs": int(reached.sum()) - len(clustering.blocked),
        "held_apart_by_conflict": held_apart,
        "held_apart_as_household": len(clustering.blocked) - held_apart,
        "clusters": len(clustering.clusters),
        "overrides_applied": len(rules),
        "overrides_waiting": unmatched,
        "overrides_overruled": clustering.broken_rules,
        "em_iterations": model.iterations if model else 0,
        **{f"blocking_{key}": count for key, count in produced.items()},
    }
    log.info(
        "resolution: %d records, %d candidate pairs, %d clusters",
        len(records),
        len(left),
        len(clustering.clusters),
    )
    return Linkage(
        clustering.clusters,
        left,
        right,
        swapped,
        gamma,
        weights,
        probability,
        clustering.blocked,
        rules,
        model,
        f,
        comparisons,
        stats,
    )
