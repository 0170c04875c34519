"""A labelled set linked once, for the scripts that weigh Rapport's linking against the truth
(``ceiling.py``, ``trained.py``)."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from benchmarks.resolution import Truth, labelled_set
from schemas.records import NormRecord
from tasks.config import ResolutionConfig
from tasks.resolve.linker import Linkage, link


@dataclass(frozen=True, slots=True)
class Linked:
    size: int
    seed: int
    records: list[NormRecord]
    truth: Truth
    linkage: Linkage  # with the default settings
    same: npt.NDArray[np.bool_]  # per candidate pair: one person's two records
    true_pairs: int  # of the whole set, compared or not

    def direct(self, probability: npt.NDArray[np.float64], threshold: float) -> tuple[float, ...]:
        """F1, precision and recall of the candidate pairs at or above ``threshold``, each
        taken alone (before clustering), against all the set's true pairs."""
        chosen = probability >= threshold
        hit, picked = int((chosen & self.same).sum()), int(chosen.sum())
        return 2 * hit / (picked + self.true_pairs), hit / max(picked, 1), hit / self.true_pairs


def linked_set(description: str, argv: Sequence[str] | None = None) -> Linked:
    """The set that ``--size`` and ``--seed`` name (made first when not cached yet), linked."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    records, truth = labelled_set(args.size, args.seed)
    linkage = link(records, ResolutionConfig())
    person = np.array(truth.person)
    same = person[linkage.left] == person[linkage.right]
    true_pairs = sum(n * (n - 1) // 2 for n in Counter(truth.person).values())
    return Linked(args.size, args.seed, records, truth, linkage, same, true_pairs)
