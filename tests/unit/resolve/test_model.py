"""The Fellegi–Sunter model: EM recovers m from unlabelled pairs; term frequencies matter."""

from __future__ import annotations

import numpy as np
import pytest

from tasks.resolve.comparisons import Comparison, Level
from tasks.resolve.features import build_features
from tasks.resolve.model import (
    as_wholes,
    estimate_m,
    estimate_u,
    fit,
    patterns,
    random_pairs,
    score,
    tf_values,
)
from tests.unit.resolve.people import person

pytestmark = pytest.mark.unit

TWO = (
    Comparison("a", "given", (Level("same", "exact", 0.5, 0.5), Level("other", "else", 0.5, 0.5))),
    Comparison("b", "family", (Level("same", "exact", 0.5, 0.5), Level("other", "else", 0.5, 0.5))),
    Comparison("c", "city", (Level("same", "exact", 0.5, 0.5), Level("other", "else", 0.5, 0.5))),
)


def test_em_recovers_m_and_the_match_share_without_labels() -> None:
    rng = np.random.default_rng(1)
    true_m, true_u, share, n = (0.9, 0.8, 0.95), (0.05, 0.1, 0.2), 0.3, 40_000
    is_match = rng.random(n) < share
    gamma = np.empty((n, 3), dtype=np.int8)
    for c in range(3):
        agree = np.where(is_match, rng.random(n) < true_m[c], rng.random(n) < true_u[c])
        gamma[:, c] = np.where(agree, 1, 2)
    u = tuple(np.array([0.0, p, 1 - p]) for p in true_u)
    rows, counts = patterns(gamma)
    m, found_share, _ = estimate_m(rows, counts, TWO, u, prior_strength=1.0)
    for c in range(3):
        assert m[c][1] == pytest.approx(true_m[c], abs=0.02)
    assert found_share == pytest.approx(share, abs=0.02)


def test_u_takes_the_matches_out_of_the_random_pairs() -> None:
    counts = [np.array([0.0, 100.0, 900.0])]
    one = TWO[:1]
    plain = estimate_u(one, counts, prior_strength=1.0)
    corrected = estimate_u(one, counts, 90.0, (np.array([0.0, 1.0, 0.0]),), prior_strength=1.0)
    assert plain[0][1] == pytest.approx(0.1, abs=0.01)
    assert corrected[0][1] == pytest.approx(10 / 910, abs=0.01)


def test_random_pairs_are_distinct_and_ordered() -> None:
    left, right = random_pairs(1000, 5000, seed=3)
    assert len(left) == 5000
    assert (left < right).all()
    assert len(set(zip(left.tolist(), right.tolist(), strict=True))) == 5000
    small = random_pairs(10, 5000, seed=3)
    assert len(small[0]) == 45


def test_a_common_family_name_weighs_less_than_a_rare_one() -> None:
    records = [person(full_name=f"Given{n} Ivanov", city=f"City{n}") for n in range(60)]
    records += [person(full_name=f"Given{n} Family{n}", city=f"Town{n}") for n in range(60)]
    records += [person(full_name="Given1 Zatsepin"), person(full_name="Given2 Zatsepin")]
    f = build_features(records)
    left, right = np.array([0, 120]), np.array([1, 121])  # two Ivanovs, two Zatsepins
    from tasks.resolve.comparisons import COMPARISONS, compare

    gamma = compare(f, left, right)
    model = fit(f, gamma, COMPARISONS, random_pair_count=5000)
    weights, _ = score(model, f, gamma, left, right)
    family = [c.name for c in COMPARISONS].index("family_name")
    assert weights[1, family] > weights[0, family] + 2


def test_a_value_only_the_pairs_two_records_carry_is_no_one_elses() -> None:
    # Zatsepin on the pair's two records only, Zorin on a third record too: the pair's own two
    # are taken out, so Zatsepin is rarer among the others than Zorin
    records = [person(full_name=f"Given{n} Family{n}") for n in range(50)]
    records += [person(full_name="Given1 Zatsepin"), person(full_name="Given2 Zatsepin")]
    records += [person(full_name=f"Given{n} Zorin") for n in range(3)]
    f = build_features(records)
    from tasks.resolve.comparisons import COMPARISONS

    family = COMPARISONS[[c.name for c in COMPARISONS].index("family_name")]
    families = np.array([50, 52]) + len(f)  # the family names of records 50 and 52
    rare, other = tf_values(f, family, families, average=0.01, prior_records=10.0)
    assert rare == pytest.approx(0.1 / (55 + 10))
    assert other == pytest.approx(1.1 / (55 + 10))


def test_groups_of_records_count_each_comparison_at_its_best_where_both_have_it() -> None:
    # three pairs between two clusters: names agree on one, cities differ on two, the third
    # pair has no city on either side (null counts for nothing)
    gamma = np.array([[1, 0], [2, 3], [2, 0]], dtype=np.int8)
    weights = np.array([[9.0, 0.0], [-6.0, -3.5], [-6.0, 0.0]])
    assert as_wholes(gamma, weights) == pytest.approx(9.0 - 3.5)
    assert as_wholes(gamma[:, :1], weights[:, :1]) == pytest.approx(9.0)
    assert as_wholes(np.zeros((2, 2), dtype=np.int8), np.zeros((2, 2))) == 0.0
