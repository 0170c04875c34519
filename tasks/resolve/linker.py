"""Record linkage from end to end: block, compare, learn the weights, score, cluster.

:func:`link` takes the records of people and gives their clusters with everything needed to
explain them: each candidate pair's levels, weights, probability and, when it was held back,
why.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from schemas.records import NormRecord
from tasks.config import ResolutionConfig
from tasks.resolve.blocking import all_pairs, candidate_pairs
from tasks.resolve.cluster import Clustering, cluster, components, numbering
from tasks.resolve.comparisons import (
    COMPARISONS,
    REACH,
    Comparison,
    compare,
    household_only,
    name_swap,
    on_levels,
    pair_conflicts,
)
from tasks.resolve.features import Features, build_features, joined, take
from tasks.resolve.given_names import GivenNames
from tasks.resolve.model import Model, as_wholes, fit, score
from tasks.resolve.overrides import Override, bind

log = logging.getLogger(__name__)

Index = npt.NDArray[np.int64]
Levels = npt.NDArray[np.int8]
Weights = npt.NDArray[np.float64]
Conflicts = npt.NDArray[np.int8]
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


class _Judge:
    """Every pair of records that clustering may ask about, compared on every comparison and
    weighed: the candidate pairs as they were scored, and the pairs that blocking never
    compared, for their conflicts and for weighing two clusters as wholes.

    Clusters only grow along the ``joinable`` candidates (indexes), so every pair that
    clustering may ask about lies in one connected component of them: those are compared at
    once, up front (for components of up to ``largest`` records); any other pair when it is
    asked about.
    """

    def __init__(
        self,
        f: Features,
        model: Model | None,
        comparisons: tuple[Comparison, ...],
        candidates: tuple[Index, npt.NDArray[np.int8], npt.NDArray[np.float64], Conflicts],
        joinable: Index,
        threshold: float,
        largest: int = 200,
    ) -> None:
        self.f, self.model, self.comparisons = f, model, comparisons
        self.codes, self.gamma, self.weights, self.conflict = candidates
        self.needed = np.log2(threshold / (1 - threshold)) if threshold < 1 else np.inf
        size = len(f)
        by_size: dict[int, list[list[int]]] = {}
        pairs = self.codes[joinable]
        for component in components(size, pairs // size, pairs % size):
            if 2 < len(component) <= largest:
                by_size.setdefault(len(component), []).append(component)
        lefts, rights = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for count, group in by_size.items():
            members = np.array(group, dtype=np.int64)
            a, b = all_pairs(count)
            lefts.append(members[:, a].ravel())
            rights.append(members[:, b].ravel())
        left, right = np.concatenate(lefts), np.concatenate(rights)
        fresh = ~self._found(self.codes, left * size + right)[0]
        left, right = left[fresh], right[fresh]
        order = np.argsort(left * size + right)
        self.extra_codes = (left * size + right)[order]
        self.extra = self._weigh(left[order], right[order])
        names = [c.name for c in comparisons]
        self.extra_conflicts: dict[int, str | None] = {
            code: names[c] if c >= 0 else None
            for code, c in zip(self.extra_codes.tolist(), self.extra[2].tolist(), strict=True)
        }
        # a pair whose clusters cannot fall below the threshold as wholes, whatever the other
        # records say: each comparison the pair has counts at least as the pair has it, and
        # each it lacks at worst at the lowest weight two joinable records can have on it (a
        # level that conflicts keeps clusters apart before they are weighed as wholes; a
        # given-name conflict that a shared address overrules does not)
        self.sure = np.ones(len(self.codes), dtype=bool)
        if model is not None:
            lowest = np.zeros(len(comparisons))
            for n, (c, w) in enumerate(zip(comparisons, model.weights(), strict=True)):
                levels = [k for k, level in enumerate(c.levels, start=1)
                          if not level.conflict or c.name == "given_name"]  # fmt: skip
                lowest[n] = min(float(w[levels].min()), 0.0)
            gamma = self.gamma[joinable]
            worst = np.where(gamma > 0, self.weights[joinable], lowest).sum(axis=1)
            # and a pair that shares a personal address or a phone joins on it: weighing
            # clusters as wholes is for pairs that agree on less (names, places, a typo'd
            # address, a patronymic)
            sure = worst + model.prior_weight >= self.needed
            self.sure[joinable] = sure | on_levels(gamma, REACH, comparisons)

    @staticmethod
    def _found(codes: Index, wanted: Index) -> tuple[npt.NDArray[np.bool_], Index]:
        at = np.searchsorted(codes, wanted).clip(max=max(len(codes) - 1, 0))
        hit = codes[at] == wanted if len(codes) else np.zeros(len(wanted), dtype=bool)
        return hit, at

    def _weigh(self, left: Index, right: Index) -> tuple[Levels, Weights, Conflicts]:
        swapped, gamma = compared(self.f, left, right, self.comparisons)
        conflicts = pair_conflicts(self.f, left, right, gamma, self.comparisons, swapped)
        if self.model is None:
            return gamma, np.zeros(gamma.shape), conflicts
        return gamma, score(self.model, self.f, gamma, left, right, swapped)[0], conflicts

    def pairs(self, left: Index, right: Index) -> tuple[Levels, Weights, Conflicts]:
        """The levels, weights and first conflicts of the pairs ``left[i]``, ``right[i]``
        (each left < right)."""
        codes = left * len(self.f) + right
        gamma = np.zeros((len(codes), len(self.comparisons)), dtype=np.int8)
        weights = np.zeros(gamma.shape)
        conflicts = np.full(len(codes), -1, dtype=np.int8)
        todo = np.ones(len(codes), dtype=bool)
        for known, (levels, weighed, conflicting) in (
            (self.codes, (self.gamma, self.weights, self.conflict)),
            (self.extra_codes, self.extra),
        ):
            hit, at = self._found(known, codes)
            hit &= todo
            gamma[hit], weights[hit] = levels[at[hit]], weighed[at[hit]]
            conflicts[hit] = conflicting[at[hit]]
            todo &= ~hit
        if todo.any():
            gamma[todo], weights[todo], conflicts[todo] = self._weigh(left[todo], right[todo])
        return gamma, weights, conflicts

    def conflicts(self, left: list[int], right: list[int]) -> list[str | None]:
        """The first conflicting comparison of each pair, or None (a ``ConflictCheck``)."""
        size, known = len(self.f), self.extra_conflicts
        codes = [a * size + b for a, b in zip(left, right, strict=True)]
        if all(code in known for code in codes):  # most asked: pairs inside one component
            return [known[code] for code in codes]
        found = self.pairs(np.array(left, dtype=np.int64), np.array(right, dtype=np.int64))[2]
        return [self.comparisons[c].name if c >= 0 else None for c in found.tolist()]

    def outweighed(self, index: int, one: list[int], other: list[int]) -> bool:
        """Whether two clusters that candidate ``index`` would join fall below the threshold
        taken as wholes (:func:`~tasks.resolve.model.as_wholes`)."""
        if self.model is None or self.sure[index]:
            return False
        a = np.repeat(np.array(one, dtype=np.int64), len(other))
        b = np.tile(np.array(other, dtype=np.int64), len(one))
        gamma, weights, _ = self.pairs(np.minimum(a, b), np.maximum(a, b))
        return as_wholes(gamma, weights) + self.model.prior_weight < self.needed


def compared(
    f: Features, left: Index, right: Index, comparisons: tuple[Comparison, ...] = COMPARISONS
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    """How the pairs' names line up (:func:`name_swap`) and their levels on every comparison."""
    swapped = name_swap(f, left, right)
    return swapped, compare(f, left, right, comparisons, swapped)


def _vague(f: Features) -> npt.NDArray[np.bool_]:
    """Records whose given name does not say which person of a family they are: none, an
    initial, or a short form of several names (Alex, Sasha, Kathy for Katherine or Kathleen)."""
    several = np.fromiter((len(names) > 1 for names in f.given_canon), bool, len(f))
    known = f.name_known[: len(f)]  # an unknown name's own key is among its forms
    return np.asarray((f.lengths("given") <= 1) | (several & known))


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
    conflicts = pair_conflicts(f, left, right, gamma, comparisons, swapped)
    household = household_only(gamma, comparisons)
    reached = probability >= settings.match_threshold
    above = np.flatnonzero(reached & ~household)
    # the match weight orders the pairs: probabilities of the strongest all round to 1
    strength = weights.sum(axis=1) + (model.prior_weight if model else 0.0)
    order = above[np.lexsort((above, -strength[above]))]
    rules, unmatched = bind(overrides, records)
    codes = left * len(records) + right
    judge = _Judge(
        f,
        model,
        comparisons,
        (codes, gamma, weights, conflicts),
        above,
        settings.match_threshold,
    )
    clustering = cluster(
        len(records),
        codes,
        order.tolist(),
        conflicts,
        [c.name for c in comparisons],
        judge.conflicts,
        must_link=[(a, b) for rule, a, b in rules if rule.rule == "must_link"],
        cannot_link=[(a, b) for rule, a, b in rules if rule.rule == "cannot_link"],
        vague=_vague(f),
        outweighed=judge.outweighed,
        strength=strength,
    )
    _hold_households(clustering, np.flatnonzero(reached & household), left, right, len(records))
    reasons = Counter(clustering.blocked.values())
    as_household, outweighed = reasons["household_only"], reasons["outweighed"]
    stats = {
        "candidate_pairs": len(left),
        "pairs_above_threshold": int(reached.sum()),
        "merged_pairs": int(reached.sum()) - len(clustering.blocked),
        "held_apart_by_conflict": len(clustering.blocked) - as_household - outweighed,
        "held_apart_as_household": as_household,
        "held_apart_as_wholes": outweighed,
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
