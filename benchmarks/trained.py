"""What Rapport's comparisons could reach with the labels' help, on the labelled messy set.

``python -m benchmarks.trained --size 100000 --seed 1`` asks whether the pairwise F1 Rapport
reaches is bounded by its weights or by its evidence. It links the set once (made first when
not cached yet), then fits a logistic regression *on the labels* to the candidate pairs'
comparison levels (one indicator per level of each comparison, and the term-frequency weights
of the names, company and city agreed on exactly), cross-fitted: each
half of the pairs is scored by the model learnt on the other half. Those probabilities replace
the learnt Fellegi–Sunter ones, and Rapport's own clustering (conflicts, households, pairs
weighed as wholes) runs on them at several thresholds. It prints, for the learnt weights and for
the trained ones, the direct pairs' F1 and the clusters' precision, recall, F1 and merged
households.

A third model is told more than Rapport compares: how many records carry the pair's whole
name (the canonical given name and the family name), how many of the first linking's clusters
do, and whether the two records come from one source. Those are what could tell one person
with a rare name from two namesakes, if anything in the records can.

A resolver without labels cannot know more than this model is told; if the trained weights,
clustered the same way, stay below a goal, what is missing is evidence, not weighting.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from benchmarks.linked import linked_set
from benchmarks.resolution import score
from schemas.records import NormRecord
from tasks.config import ResolutionConfig
from tasks.resolve import linker
from tasks.resolve.cluster import numbering
from tasks.resolve.features import Features
from tasks.resolve.linker import Linkage, link
from tasks.resolve.model import Model

Floats = npt.NDArray[np.float64]
THRESHOLDS = (0.5, 0.7, 0.9)


def design(linkage: Linkage) -> Floats:
    """One column per level of each comparison (null left out) and one per term-frequency
    weight, for each candidate pair."""
    columns = []
    for n, comparison in enumerate(linkage.comparisons):
        for level in range(1, len(comparison.labels)):
            columns.append(linkage.gamma[:, n] == level)
        if comparison.tf:
            columns.append(np.where(linkage.gamma[:, n] == 1, linkage.weights[:, n], 0.0))
    return np.column_stack([np.ones(len(linkage.left)), *columns]).astype(np.float64)


def whole_names(f: Features) -> list[tuple[str, str] | None]:
    """Each record's whole name: its given name's first canonical form (else its key) and its
    family name's key; None without both, or with an initial."""
    out: list[tuple[str, str] | None] = []
    for given, family, canon in zip(f.given, f.family, f.given_canon, strict=True):
        whole = len(given) > 1 and bool(family)
        out.append((min(canon) if canon else given, family) if whole else None)
    return out


def name_counts(linkage: Linkage, records: Sequence[NormRecord]) -> Floats:
    """Columns for the candidate pairs: one whole name on both sides; the log of how many
    records and of how many of ``linkage``'s clusters carry it; one or two clusters carry it;
    two or three records carry it; both records from one source."""
    names = whole_names(linkage.features)
    records_with = Counter(name for name in names if name)
    clusters_with: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    for name, cluster in zip(names, numbering(len(names), linkage.clusters).tolist(), strict=True):
        if name:
            clusters_with[name].add(cluster)
    left, right = linkage.left.tolist(), linkage.right.tolist()
    pairs = list(zip(left, right, strict=True))
    one = np.array([names[a] is not None and names[a] == names[b] for a, b in pairs])
    whole = [names[a] if o else None for a, o in zip(left, one.tolist(), strict=True)]
    count = np.array([records_with[w] if w else 0 for w in whole], dtype=np.float64)
    held = np.array([len(clusters_with[w]) if w else 0 for w in whole], dtype=np.float64)
    source = np.array([records[a].source == records[b].source for a, b in pairs])
    columns = (one, np.log1p(count), np.log1p(held), held == 1, held == 2, count == 2,
               count == 3, source)  # fmt: skip
    return np.column_stack([np.asarray(c, dtype=np.float64) for c in columns])


def fit_logistic(x: Floats, y: npt.NDArray[np.bool_], ridge: float = 1e-3) -> Floats:
    """Coefficients of a ridge logistic regression by Newton's method."""
    beta = np.zeros(x.shape[1])
    penalty = ridge * np.eye(x.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (y - p) - penalty @ beta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        beta += step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def cross_fitted(x: Floats, y: npt.NDArray[np.bool_], seed: int) -> Floats:
    """Each half of the pairs scored by the model fitted to the other half."""
    half = np.random.default_rng(seed).random(len(y)) < 0.5
    out = np.zeros(len(y))
    for train in (half, ~half):
        beta = fit_logistic(x[train], y[train])
        out[~train] = 1.0 / (1.0 + np.exp(-np.clip(x[~train] @ beta, -30, 30)))
    return out


def relink(records: list, probability: Floats, first: Linkage, threshold: float) -> Linkage:
    """Rapport's linking again, with ``probability`` for the candidate pairs of ``first``."""
    size = len(first.features)
    codes = first.left * size + first.right
    order = np.argsort(codes)
    learnt = linker.score

    def trained(
        model: Model,
        f: Features,
        gamma: npt.NDArray[np.int8],
        left: npt.NDArray[np.int64],
        right: npt.NDArray[np.int64],
        swapped: npt.NDArray[np.int8] | None = None,
    ) -> tuple[Floats, Floats]:
        weights, fs = learnt(model, f, gamma, left, right, swapped)
        asked = left * size + right
        at = np.minimum(np.searchsorted(codes, asked, sorter=order), len(codes) - 1)
        known = codes[order[at]] == asked
        return weights, np.where(known, probability[order[at]], fs)

    linker.score = trained  # type: ignore[assignment]
    try:
        return link(records, ResolutionConfig(match_threshold=threshold))
    finally:
        linker.score = learnt  # type: ignore[assignment]


def main(argv: Sequence[str] | None = None) -> int:
    linked = linked_set(__doc__.splitlines()[0], argv)
    records, first, same = linked.records, linked.linkage, linked.same
    x = design(first)
    trained = cross_fitted(x, same, linked.seed)
    told = cross_fitted(np.column_stack([x, name_counts(first, records)]), same, linked.seed)
    print(f"{linked.size} records, {len(same)} candidate pairs, {int(same.sum())} of them true")
    print("weights   threshold  direct F1  precision  recall   F1      households")
    runs = (("learnt", first.probability), ("trained", trained), ("+names", told))
    for name, probability in runs:
        for threshold in THRESHOLDS:
            direct = linked.direct(probability, threshold)[0]
            if name == "learnt":
                linkage = link(records, ResolutionConfig(match_threshold=threshold))
            else:
                linkage = relink(records, probability, first, threshold)
            s = score(numbering(len(records), linkage.clusters).tolist(), linked.truth)
            print(
                f"{name:9s} {threshold:9.2f}  {direct:9.4f}  {s.precision:9.4f}  "
                f"{s.recall:.4f}  {s.f1:.4f}  {s.households_merged:10d}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
