"""The Fellegi–Sunter model, learnt from the records themselves without labels.

- u (how often two different people agree on a level) is counted on random pairs of records,
  which are almost all non-matches; all pairs when there are few records. Each level's declared
  u is a Dirichlet prior worth 10,000 pairs, which a few records' pairs (mostly of the same
  people) cannot outvote and a million random pairs can.
- m (how often the same person's records land on a level) and the share of matches among the
  candidate pairs are estimated by expectation maximisation over the candidate pairs, with u
  fixed. Each level's declared m is a Dirichlet prior worth ``prior_strength`` pairs, so that a
  small data set keeps sensible weights and a large one speaks for itself.
- Term-frequency adjustment: agreeing exactly on a value replaces the level's average u by the
  value's own frequency among the other records, so "Ivanov", "Kumar" or "Smith" weigh less than
  a rare name, and a name that no record but the pair's two carries weighs most.

A pair's match weight is the sum of its comparisons' log2 Bayes factors; its match probability
adds the prior odds that two records drawn at random are one person's, so that blocking (which
only decides what is compared) does not change a pair's probability.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tasks.resolve.blocking import distinct
from tasks.resolve.comparisons import COMPARISONS, Comparison, compare, name_swap, sides
from tasks.resolve.features import Features

log = logging.getLogger(__name__)

Floats = npt.NDArray[np.float64]
Gamma = npt.NDArray[np.int8]


@dataclass(frozen=True, slots=True)
class Model:
    comparisons: tuple[Comparison, ...]
    m: tuple[Floats, ...]  # per comparison, per level index (0 = null, unused)
    u: tuple[Floats, ...]
    prior: float  # the chance that two records drawn at random are one person's
    iterations: int
    random_pairs: int

    @property
    def prior_weight(self) -> float:
        """log2 of the prior odds that two records drawn at random are one person's."""
        return float(np.log2(self.prior / (1 - self.prior)))

    def weights(self) -> list[Floats]:
        """log2(m / u) per comparison and level; 0 for null."""
        out = []
        for m, u in zip(self.m, self.u, strict=True):
            w = np.zeros(len(m))
            w[1:] = np.log2(m[1:] / u[1:])
            out.append(w)
        return out


def random_pairs(size: int, count: int, seed: int) -> tuple[npt.NDArray[np.int64], ...]:
    """``count`` distinct random pairs of ``size`` records; every pair when there are fewer."""
    if size < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy()
    total = size * (size - 1) // 2
    if total <= count:
        left, right = np.triu_indices(size, k=1)
        return left.astype(np.int64), right.astype(np.int64)
    rng = np.random.default_rng(seed)
    left = rng.integers(0, size, int(count * 1.05), dtype=np.int64)
    right = rng.integers(0, size, int(count * 1.05), dtype=np.int64)
    keep = left != right
    low, high = np.minimum(left[keep], right[keep]), np.maximum(left[keep], right[keep])
    codes = distinct(low * size + high)
    if len(codes) > count:
        codes = np.sort(rng.choice(codes, count, replace=False))
    return codes // size, codes % size


def _prior(comparison: Comparison, which: str) -> Floats:
    p = np.zeros(len(comparison.levels) + 1)
    p[1:] = [getattr(level, which) for level in comparison.levels]
    p[1:] /= p[1:].sum()
    return p


def level_counts(
    f: Features, comparisons: tuple[Comparison, ...], count: int, seed: int
) -> tuple[list[Floats], int]:
    """How many random pairs of records fall on each level of each comparison."""
    left, right = random_pairs(len(f), count, seed)
    gamma = compare(f, left, right, comparisons)
    counts = [
        np.bincount(gamma[:, column], minlength=len(c.levels) + 1).astype(np.float64)
        for column, c in enumerate(comparisons)
    ]
    return counts, len(left)


def estimate_u(
    comparisons: tuple[Comparison, ...],
    counts: list[Floats],
    matches_in_sample: float = 0.0,
    m: tuple[Floats, ...] | None = None,
    prior_strength: float = 10_000.0,
) -> tuple[Floats, ...]:
    """u per comparison and level from the levels of random pairs.

    Random pairs include a few of one person's records (``matches_in_sample`` of them, spread
    over the levels as ``m`` says); they are taken out, or email and phone agreement would look
    a hundred times commoner among different people than it is. Each level's declared u is
    worth ``prior_strength`` pairs.
    """
    out = []
    for column, comparison in enumerate(comparisons):
        observed = counts[column].copy()
        if m is not None:
            observed = np.maximum(observed - matches_in_sample * m[column], 0.0)
        u = observed + prior_strength * _prior(comparison, "u")
        u[0] = 0.0
        u[1:] /= u[1:].sum()
        out.append(u)
    return tuple(out)


def patterns(gamma: Gamma) -> tuple[Gamma, Floats]:
    """The distinct rows of ``gamma`` and how often each occurs (levels packed 4 bits each)."""
    if len(gamma) == 0:
        return gamma, np.zeros(0)
    codes = np.zeros(len(gamma), dtype=np.int64)
    for column in range(gamma.shape[1]):
        codes = (codes << 4) | gamma[:, column].astype(np.int64)
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    counts = np.diff(np.r_[starts, len(ordered)])
    return gamma[order[starts]], counts.astype(np.float64)


def estimate_m(
    rows: Gamma,
    counts: Floats,
    comparisons: tuple[Comparison, ...],
    u: tuple[Floats, ...],
    m: tuple[Floats, ...] | None = None,
    free: frozenset[int] | None = None,
    prior_strength: float = 20.0,
    max_iterations: int = 60,
    tolerance: float = 1e-5,
    share_prior: tuple[float, float] = (2.0, 18.0),
) -> tuple[tuple[Floats, ...], float, int]:
    """m per comparison and level, and the match share, by EM over pairs whose level patterns
    are ``rows``, each seen ``counts`` times (see :func:`patterns`).

    Only the comparisons in ``free`` (all by default) are learnt; the others keep their ``m``
    (by default the declared priors), as in a training session blocked on them. Each
    level's declared m is a Dirichlet prior worth ``prior_strength`` pairs, and
    ``share_prior`` a Beta prior on the share of matches (matches, non-matches).
    """
    priors = [_prior(c, "m") for c in comparisons]
    current = [p.copy() for p in (m or priors)]
    learn = range(len(comparisons)) if free is None else sorted(free)
    share, iterations = 0.3, 0
    log_u = np.zeros(len(rows))
    for column in range(len(comparisons)):
        log_u += np.log(np.where(rows[:, column] > 0, u[column][rows[:, column]], 1.0))
    for iterations in range(1, max_iterations + 1):  # noqa: B007
        log_m = np.zeros(len(rows))
        for column in range(len(comparisons)):
            log_m += np.log(np.where(rows[:, column] > 0, current[column][rows[:, column]], 1.0))
        odds = share / (1 - share) * np.exp(np.clip(log_m - log_u, -700, 700))
        weight = odds / (1 + odds) * counts
        fresh_share = float((weight.sum() + share_prior[0]) / (counts.sum() + sum(share_prior)))
        change = abs(fresh_share - share)
        for column in learn:
            size = len(comparisons[column].levels) + 1
            tally = np.bincount(rows[:, column], weights=weight, minlength=size)
            tally[0] = 0.0
            fresh = tally + prior_strength * priors[column]
            fresh[1:] /= fresh[1:].sum()
            change = max(change, float(np.abs(fresh - current[column]).max()))
            current[column] = fresh
        share = min(max(fresh_share, 1e-9), 1 - 1e-9)
        if change < tolerance:
            break
    return tuple(current), share, iterations


@dataclass(frozen=True, slots=True)
class Session:
    """EM over the pairs that agree exactly on ``on`` (on any of them, or on all), blind to
    those comparisons, which the choice of pairs has made uninformative; it learns the m of
    ``learns`` (None: of every other comparison)."""

    on: tuple[str, ...]
    every: bool
    learns: tuple[str, ...] | None

    def pairs(self, rows: Gamma, comparisons: tuple[Comparison, ...]) -> npt.NDArray[np.bool_]:
        columns = [n for n, c in enumerate(comparisons) if c.name in self.on]
        agree = rows[:, columns] == 1
        return np.asarray(agree.all(axis=1) if self.every else agree.any(axis=1))

    def free(self, comparisons: tuple[Comparison, ...]) -> frozenset[int]:
        return frozenset(
            n
            for n, c in enumerate(comparisons)
            if c.name not in self.on and (self.learns is None or c.name in self.learns)
        )


MIN_RECORDS = 100

# Training sessions, as Splink trains. Contact data has two kinds of evidence, independent
# enough: how to reach a person, and who the person is. The pairs that share an email or a
# phone teach what one person's names, birthday and places look like; the pairs with one whole
# name teach how often one person keeps one email and one phone.
SESSIONS: tuple[Session, ...] = (
    Session(("email", "phone"), every=False, learns=None),
    Session(("given_name", "family_name"), every=True, learns=("email", "phone")),
)


def count_matches(
    f: Features,
    rows: Gamma,
    seen: Floats,
    comparisons: tuple[Comparison, ...],
    u: tuple[Floats, ...],
    m: tuple[Floats, ...],
) -> tuple[float, int]:
    """How many pairs of all the records are one person's, and the EM rounds it took.

    EM over all the candidates would count far too many: blocking picks pairs that agree on a
    name, which random pairs (and so u) rarely do. So, as Splink estimates its prior from
    deterministic rules: EM, blind to email and phone, counts the matches among the pairs that
    share one, and divides by the share of all matches that do (each record's chance of having
    an email or a phone, squared, times m of agreeing on it).
    """
    first = SESSIONS[0]
    chosen = first.pairs(rows, comparisons)
    blind = rows[chosen].copy()
    recall_miss = 1.0
    for n, c in enumerate(comparisons):
        if c.name in first.on:
            blind[:, n] = 0
            present = float(f.known(c.column).mean())
            recall_miss *= 1.0 - present**2 * float(m[n][1])
    _, share, rounds = estimate_m(blind, seen[chosen], comparisons, u, m, frozenset())
    found = share * float(seen[chosen].sum())
    return found / max(1.0 - recall_miss, 0.05), rounds


def fit(
    f: Features,
    gamma: Gamma,
    comparisons: tuple[Comparison, ...] = COMPARISONS,
    random_pair_count: int = 300_000,
    seed: int = 0,
) -> Model:
    """Learn u from random pairs of ``f``, m and the match rate from the candidates' ``gamma``.

    m is learnt in :data:`SESSIONS`. The prior, the chance that two records drawn at random are
    one person's, is :func:`count_matches` over all pairs. A second round takes those matches
    out of the random pairs that u was counted on, and learns again. The rate is taken over at
    least :data:`MIN_RECORDS` records: in a handful of records two strangers with one name must
    not look like one person.
    """
    counts, sampled = level_counts(f, comparisons, random_pair_count, seed)
    rows, seen = patterns(gamma)
    pairs = max(len(f) * (len(f) - 1) // 2, 1)
    size = max(len(f), MIN_RECORDS)
    all_pairs = size * (size - 1) // 2
    u = estimate_u(comparisons, counts)
    m = tuple(_prior(c, "m") for c in comparisons)
    rate, iterations = 1.0 / all_pairs, 0
    for _ in range(2):
        learnt = list(m)
        for session in SESSIONS:
            chosen = session.pairs(rows, comparisons)
            if seen[chosen].sum() < 20:
                continue
            blind = rows[chosen].copy()
            for n, c in enumerate(comparisons):
                if c.name in session.on:
                    blind[:, n] = 0
            free = session.free(comparisons)
            found, _, rounds = estimate_m(blind, seen[chosen], comparisons, u, m, free)
            iterations += rounds
            for n in free:
                learnt[n] = found[n]
        m = tuple(learnt)
        matches, rounds = count_matches(f, rows, seen, comparisons, u, m)
        iterations += rounds
        rate = min(max(matches / all_pairs, 1.0 / all_pairs), 0.5)
        u = estimate_u(comparisons, counts, min(matches / pairs, 1.0) * sampled, m)
    log.info("model fitted: %d EM iterations, %d random pairs", iterations, sampled)
    return Model(comparisons, m, u, rate, iterations, sampled)


def tf_values(
    f: Features,
    comparison: Comparison,
    left: npt.NDArray[np.int64],
    average: float,
    prior_records: float = 1000.0,
) -> Floats:
    """The frequency of each pair's agreed value (the ``left`` record's) among the records
    other than the pair's own two, which both carry it: how likely another person's record is
    to agree with them by chance. Shrunk towards the level's ``average`` u as if
    ``prior_records`` more records had it at that rate: a few records cannot make a value look
    common, or rare."""
    codes = f.codes(comparison.column)
    pool = codes
    if comparison.side == "given":
        pool = codes[: len(f)]
    elif comparison.side == "family":
        pool = codes[len(f) :]
    known = pool >= 0
    tally = np.bincount(pool[known], minlength=int(codes.max(initial=0)) + 1).astype(np.float64)
    others = np.maximum(tally - 2.0, 0.0)
    freq = (others + prior_records * average) / (known.sum() + prior_records)
    mine = codes[left]
    return np.where(mine >= 0, freq[np.maximum(mine, 0)], average)


def score(
    model: Model,
    f: Features,
    gamma: Gamma,
    left: npt.NDArray[np.int64],
    right: npt.NDArray[np.int64],
    swapped: npt.NDArray[np.int8] | None = None,
) -> tuple[Floats, Floats]:
    """Per-comparison weights (pairs × comparisons) and match probabilities of the pairs;
    ``swapped`` is the pairs' :func:`~tasks.resolve.comparisons.name_swap`."""
    if swapped is None:
        swapped = name_swap(f, left, right)
    tables = model.weights()
    weights = np.zeros(gamma.shape, dtype=np.float64)
    for column, comparison in enumerate(model.comparisons):
        weights[:, column] = tables[column][gamma[:, column]]
        if not comparison.tf:
            continue
        exact = np.flatnonzero(gamma[:, column] == 1)
        if len(exact) == 0:
            continue
        # the level's learnt u, unless a few very common values make it more than declared
        average = min(float(model.u[column][1]), float(_prior(comparison, "u")[1]))
        side, _ = sides(comparison, f, left[exact], right[exact], swapped[exact])
        tf = tf_values(f, comparison, side, average)
        weights[exact, column] = np.log2(model.m[column][1] / tf)
    probability = 1.0 / (1.0 + np.exp2(-(weights.sum(axis=1) + model.prior_weight)))
    return weights, probability


def as_wholes(gamma: Gamma, weights: Floats) -> float:
    """The match weight, prior aside, of two groups of records taken as wholes, from the levels
    and weights of the pairs between them: each comparison counts at its best among the pairs
    where both sides have the field, and not at all where none has. Two Mariya Pokrovskayas
    whose records name different cities and postcodes disagree as wholes, however well a
    nameless message of one matches the other."""
    present = np.where(gamma > 0, weights, -np.inf)
    best = present.max(axis=0, initial=-np.inf)
    return float(np.where(np.isfinite(best), best, 0.0).sum())
