"""Why two records were or were not merged: matches.parquet, built column by column.

One row per compared pair whose match probability reaches ``matches_floor``, per pair held
apart although it reached the threshold, and per pair named by an override rule, with every
comparison's level and weight. ``decision`` is what happened to the pair (merged, kept_apart,
must_link, cannot_link); ``decision_reason`` says why in a word: above_threshold,
below_threshold, joined_through_others, joined_elsewhere, conflict:<comparison>, ambiguous
(the record fits two people who cannot be one), fits_another (a record without a given name of
its own that fits another person a thousand times better), household_only (an initial, the
family name and the household's address or mailbox, and nothing of the person's own),
outweighed (the two records' clusters, taken as wholes, fall below the threshold: their other
records name other cities, postcodes, addresses), cannot_link or must_link; ``names_swapped``
says that one record writes the family name first, so the given and family
names were compared crosswise.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from schemas.records import NormRecord
from schemas.tables import matches_schema
from tasks.config import ResolutionConfig
from tasks.resolve.comparisons import compare, household_only, name_swap
from tasks.resolve.linker import Linkage
from tasks.resolve.model import score

MAX_RULE_PAIRS = 1000  # rows per override rule

Index = npt.NDArray[np.int64]


def _rule_pairs(linkage: Linkage) -> dict[tuple[int, int], str]:
    pairs: dict[tuple[int, int], str] = {}
    for rule, left, right in linkage.rules:
        count = 0
        for a in left:
            for b in right:
                if a != b and count < MAX_RULE_PAIRS:
                    pairs.setdefault((min(a, b), max(a, b)), rule.rule)
                    count += 1
    return pairs


def _evidence(
    linkage: Linkage, extra: list[tuple[int, int]]
) -> tuple[Index, Index, npt.NDArray[np.int8], npt.NDArray[np.float64], npt.NDArray[np.float64],
           npt.NDArray[np.int8]]:  # fmt: skip
    """Levels, weights, probabilities and name order of override pairs that were not compared."""
    left = np.array([a for a, _ in extra], dtype=np.int64)
    right = np.array([b for _, b in extra], dtype=np.int64)
    f = linkage.features
    swapped = name_swap(f, left, right)
    gamma = compare(f, left, right, linkage.comparisons, swapped)
    if linkage.model is None:
        return left, right, gamma, np.zeros(gamma.shape), np.zeros(len(left)), swapped
    weights, probability = score(linkage.model, f, gamma, left, right, swapped)
    return left, right, gamma, weights, probability, swapped


def explain(
    linkage: Linkage,
    people: Sequence[NormRecord],
    cluster_of: Index,
    settings: ResolutionConfig,
) -> pa.Table:
    """matches.parquet of a linkage; ``cluster_of`` gives each record's cluster
    (:func:`~tasks.resolve.cluster.numbering`)."""
    rules = _rule_pairs(linkage)
    size = len(people)
    codes = linkage.left * size + linkage.right
    shown = linkage.probability >= settings.matches_floor
    shown[list(linkage.blocked)] = True
    extra: list[tuple[int, int]] = []
    for a, b in rules:
        at = int(np.searchsorted(codes, a * size + b))
        if at < len(codes) and codes[at] == a * size + b:
            shown[at] = True
        else:
            extra.append((a, b))
    index = np.flatnonzero(shown)
    left, right = linkage.left[index], linkage.right[index]
    gamma, weights = linkage.gamma[index], linkage.weights[index]
    probability, swapped = linkage.probability[index], linkage.swapped[index]
    held = [linkage.blocked.get(int(i)) for i in index]
    if extra:
        more = _evidence(linkage, extra)
        left, right = np.concatenate([left, more[0]]), np.concatenate([right, more[1]])
        gamma, weights = np.concatenate([gamma, more[2]]), np.concatenate([weights, more[3]])
        probability = np.concatenate([probability, more[4]])
        swapped = np.concatenate([swapped, more[5]])
        held += [None] * len(extra)
    same = cluster_of[left] == cluster_of[right] if len(left) else np.zeros(0, dtype=bool)
    # a pair held as a household's (household_only) merged only through others
    above = (probability >= settings.match_threshold) & ~household_only(gamma, linkage.comparisons)
    decisions = np.where(same, "merged", "kept_apart").astype(object)
    reasons = np.where(
        same,
        np.where(above, "above_threshold", "joined_through_others"),
        np.where(above, "joined_elsewhere", "below_threshold"),
    ).astype(object)
    for n, why in enumerate(held):
        if why is not None and not same[n]:
            reasons[n] = why
    if rules:
        for n, pair in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
            if pair in rules:
                decisions[n] = reasons[n] = rules[pair]
    sources = pa.array([p.source for p in people], pa.string())
    keys = pa.array([p.record_key for p in people], pa.string())
    lefts, rights = pa.array(left, pa.int64()), pa.array(right, pa.int64())
    columns: dict[str, pa.Array | list[object]] = {
        "left_source": sources.take(lefts),
        "left_record_key": keys.take(lefts),
        "right_source": sources.take(rights),
        "right_record_key": keys.take(rights),
        "match_probability": pa.array(probability, pa.float64()),
        "match_weight": pa.array(weights.sum(axis=1) if len(left) else [], pa.float64()),
        "decision": pa.array(decisions, pa.string()),
        "same_contact": pa.array(same, pa.bool_()),
        "decision_reason": pa.array(reasons, pa.string()),
        "names_swapped": pa.array(swapped > 0, pa.bool_()),
    }
    for column, comparison in enumerate(linkage.comparisons):
        labels = pa.array(comparison.labels, pa.string())
        columns[f"{comparison.name}_level"] = labels.take(pa.array(gamma[:, column], pa.int8()))
        columns[f"{comparison.name}_weight"] = pa.array(weights[:, column], pa.float64())
    schema = matches_schema([c.name for c in linkage.comparisons])
    return pa.table({name: columns[name] for name in schema.names}, schema=schema)
