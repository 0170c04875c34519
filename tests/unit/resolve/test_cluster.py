"""Clustering: strongest first, no chaining across conflicts, rules over the model."""

from __future__ import annotations

import numpy as np
import pytest

from tasks.resolve.cluster import cluster

pytestmark = pytest.mark.unit


def _run(size, pairs, conflicting=(), unknown_conflicts=(), **rules):  # type: ignore[no-untyped-def]
    """``pairs``: (left, right, probability), all above the threshold."""
    pairs = sorted(pairs)
    codes = np.array([a * size + b for a, b, _ in pairs], dtype=np.int64)
    conflicts = np.array([0 if (a, b) in conflicting else -1 for a, b, _ in pairs], dtype=np.int8)
    order = sorted(range(len(pairs)), key=lambda i: -pairs[i][2])

    def check(left: list[int], right: list[int]) -> list[str | None]:
        return [
            "birthday" if (a, b) in unknown_conflicts else None
            for a, b in zip(left, right, strict=True)
        ]

    return cluster(size, codes, order, conflicts, ["given_name"], check, **rules)


def test_pairs_join_transitively_without_conflicts() -> None:
    result = _run(4, [(0, 1, 0.99), (1, 2, 0.95)])
    assert result.clusters == [[0, 1, 2], [3]]


def test_a_bridge_does_not_join_two_conflicting_records() -> None:
    # 1 is "I. Smirnov" with the household phone; 0 is Ivan, 2 is Irina: 0 and 2 conflict,
    # so 1 fits two people who cannot be one, and joins neither
    pairs = [(0, 1, 0.99), (1, 2, 0.98), (0, 2, 0.97)]
    result = _run(3, pairs, conflicting={(0, 2)}, vague=np.array([False, True, False]))
    assert result.clusters == [[0], [1], [2]]
    assert sorted(result.blocked.values()) == ["ambiguous", "ambiguous", "conflict:given_name"]


def test_a_record_with_a_given_name_of_its_own_joins_the_strongest() -> None:
    result = _run(3, [(0, 1, 0.99), (1, 2, 0.98), (0, 2, 0.97)], conflicting={(0, 2)})
    assert result.clusters == [[0, 1], [2]]


def test_a_record_conflicting_with_one_of_two_joins_the_other() -> None:
    result = _run(3, [(0, 1, 0.95), (1, 2, 0.99), (0, 2, 0.97)], conflicting={(0, 2), (0, 1)})
    assert result.clusters == [[0], [1, 2]]


def test_a_cluster_never_holds_a_conflicting_pair_whatever_the_order() -> None:
    pairs = [(0, 1, 0.99), (2, 3, 0.98), (1, 2, 0.97), (0, 3, 0.96)]
    result = _run(4, pairs, conflicting={(0, 3)})
    for members in result.clusters:
        assert not ({0, 3} <= set(members))


def test_conflicts_of_pairs_never_compared_are_checked() -> None:
    result = _run(4, [(0, 1, 0.99), (2, 3, 0.99), (1, 2, 0.95)], unknown_conflicts={(0, 3)})
    assert result.clusters == [[0, 1], [2, 3]]


def test_cannot_link_splits_what_the_model_would_merge() -> None:
    result = _run(3, [(0, 1, 0.99), (1, 2, 0.99)], cannot_link=[([0], [2])])
    assert result.clusters == [[0, 1], [2]]
    assert "cannot_link" in result.blocked.values()


def test_must_link_joins_what_the_model_keeps_apart() -> None:
    result = _run(3, [], must_link=[([0], [2])])
    assert result.clusters == [[0, 2], [1]]


def test_must_link_joins_despite_conflicting_evidence() -> None:
    result = _run(2, [(0, 1, 0.99)], conflicting={(0, 1)}, must_link=[([0], [1])])
    assert result.clusters == [[0, 1]]


def test_cannot_link_overrules_must_link_and_says_so() -> None:
    result = _run(2, [], must_link=[([0], [1])], cannot_link=[([0], [1])])
    assert result.clusters == [[0], [1]]
    assert result.broken_rules == 1


def test_clusters_outweighed_as_wholes_stay_apart() -> None:
    # 0-1 one person's two records; 2 matches 1 well, but 0 and 2 disagree (other cities):
    # taken as wholes {0, 1} and {2} fall below the threshold
    asked: list[tuple[list[int], list[int]]] = []

    def outweighed(_: int, one: list[int], other: list[int]) -> bool:
        asked.append((sorted(one), sorted(other)))
        return 2 in one + other

    result = _run(4, [(0, 1, 0.99), (1, 2, 0.95), (2, 3, 0.93)], outweighed=outweighed)
    assert result.clusters == [[0, 1], [2, 3]]
    assert result.blocked == {1: "outweighed"}
    # two single records are their pair: never asked
    assert all(len(one) + len(other) > 2 for one, other in asked)


def test_a_vague_record_joins_the_person_it_fits_a_thousand_times_better() -> None:
    # N. Burokova (1) at Nadezhda's (0) personal address, and with her sister Nina (2) only the
    # initial and the family name: 0 and 2 conflict; 40 bits against 12 is no guess (strength
    # per candidate in pair order: (0, 1), (0, 2), (1, 2))
    pairs = [(0, 1, 0.99), (1, 2, 0.98), (0, 2, 0.97)]
    vague = np.array([False, True, False])
    decisive = _run(3, pairs, conflicting={(0, 2)}, vague=vague, strength=np.array([40.0, 5, 12]))
    assert decisive.clusters == [[0, 1], [2]]
    assert decisive.blocked == {1: "conflict:given_name", 2: "fits_another"}
    close = _run(3, pairs, conflicting={(0, 2)}, vague=vague, strength=np.array([40.0, 5, 35]))
    assert close.clusters == [[0], [1], [2]]


def test_a_vague_record_refused_by_the_likelier_person_joins_no_other() -> None:
    # 1 fits Ivan (0, whose other record is 3) forty bits strongly and Igor (2) twenty-five;
    # the join to Ivan is refused (outweighed): 1 must not fall to Igor, whom the evidence
    # goes against by fifteen bits
    pairs = [(0, 1, 0.99), (0, 2, 0.9), (0, 3, 0.999), (1, 2, 0.98), (2, 3, 0.9)]
    strength = np.array([40.0, 5, 50, 25, 4])  # in pair order, as above

    def outweighed(index: int, one: list[int], other: list[int]) -> bool:
        return index == 0

    result = _run(
        4,
        pairs,
        conflicting={(0, 2), (2, 3)},
        vague=np.array([False, True, False, False]),
        strength=strength,
        outweighed=outweighed,
    )
    assert result.clusters == [[0, 3], [1], [2]]
    assert result.blocked[3] == "fits_another"
