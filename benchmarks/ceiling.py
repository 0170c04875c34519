"""How far Rapport's resolver is from what its evidence allows, on the labelled messy set.

``python -m benchmarks.ceiling --size 100000 --seed 1`` (the set made first when not cached
yet) runs the linker once and prints these figures against the truth:

- **blocking**: every true pair among the candidate pairs joined, nothing else, closed
  transitively: the recall no classifier can pass with these candidate pairs;
- **best decision per pattern**: the candidate pairs grouped by their comparison levels (one
  pattern per combination of levels); with the labels, the patterns taken best first to the
  highest pairwise F1 over direct pairs. No model that sees only the levels can do better on
  direct pairs, whatever its weights or threshold (term frequencies aside);
- **Rapport's direct pairs**: the pairs at or above the match threshold, before clustering,
  and Rapport's clusters, as the resolution benchmark scores them;
- **evidence**: every true pair (blocked or not) that agrees on something of the person's own
  (an address, a phone, a birthday, a patronymic: ``comparisons.personal``), then also those
  that agree on a whole name no other person of the set has, each closed transitively. A
  resolver that never merged two people could reach these recalls with the evidence the records
  carry; beyond them, only guesses on names that several people share.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

import numpy as np
import numpy.typing as npt

from benchmarks.linked import linked_set
from benchmarks.resolution import Truth, score
from tasks.config import ResolutionConfig
from tasks.resolve.cluster import components, numbering
from tasks.resolve.comparisons import compare, on_levels, personal
from tasks.resolve.linker import Linkage

Index = npt.NDArray[np.int64]


def _closed(size: int, left: Index, right: Index) -> list[int]:
    """A cluster label per record, joining the given pairs transitively."""
    label = list(range(size))
    for n, members in enumerate(components(size, left, right)):
        for i in members:
            label[i] = size + n
    return label


def _evidence(linkage: Linkage, truth: Truth) -> list[tuple[str, tuple[Index, Index]]]:
    """The true pairs with evidence of their own, and with that or a name only they have."""
    groups: dict[int, list[int]] = defaultdict(list)
    for record, person in enumerate(truth.person):
        groups[person].append(record)
    pairs = [pair for members in groups.values() for pair in combinations(members, 2)]
    left = np.array([a for a, _ in pairs], dtype=np.int64)
    right = np.array([b for _, b in pairs], dtype=np.int64)
    gamma = compare(linkage.features, left, right)
    own = personal(gamma)
    alike = ("exact", "transliterated", "one_typo", "jaro_winkler_92")
    name = on_levels(gamma, {"given_name": ("nickname", *alike)})
    name &= on_levels(gamma, {"family_name": alike})
    alone = np.array([truth.same_name[a] is None for a in left.tolist()], dtype=bool)
    both = own | (name & alone)
    return [
        ("of the person's own", (left[own], right[own])),
        ("that, or a name no one else has", (left[both], right[both])),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    linked = linked_set(__doc__.splitlines()[0], argv)
    records, truth, linkage = linked.records, linked.truth, linked.linkage
    left, right, same, true_pairs = linkage.left, linkage.right, linked.same, linked.true_pairs

    oracle = _closed(len(records), left[same], right[same])
    print(f"blocking: {score(oracle, truth)}")

    gamma = linkage.gamma.astype(np.int64)
    _, pattern = np.unique(gamma, axis=0, return_inverse=True)
    pattern = pattern.ravel()
    hits = np.bincount(pattern, weights=same.astype(float))
    sizes = np.bincount(pattern).astype(float)
    order = np.argsort(-(hits / sizes), kind="stable")
    found, predicted = np.cumsum(hits[order]), np.cumsum(sizes[order])
    f1 = 2 * found / (predicted + true_pairs)
    best = int(f1.argmax())
    print(
        f"best decision per pattern ({len(sizes)} patterns): direct-pair F1 {f1[best]:.4f}, "
        f"precision {found[best] / predicted[best]:.4f}, recall {found[best] / true_pairs:.4f}"
    )

    f1, precision, recall = linked.direct(linkage.probability, ResolutionConfig().match_threshold)
    print(f"Rapport's direct pairs: F1 {f1:.4f}, precision {precision:.4f}, recall {recall:.4f}")
    for label, allowed in _evidence(linkage, truth):
        print(f"evidence: {label}: {score(_closed(len(records), *allowed), truth)}")
    clusters = numbering(len(records), linkage.clusters).tolist()
    print(f"Rapport's clusters: {score(clusters, truth)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
