"""Linking spread over workers gives what linking in one place gives; no decision depends on the
order of the records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from tasks.resolve.comparisons import name_swap
from tasks.resolve.features import build_features
from tasks.resolve.linker import Spread, link
from tests.unit.resolve.people import person

pytestmark = pytest.mark.unit


def _people() -> list[Any]:
    return [
        person(given_name="Иван", family_name="Смирнов", phone="+7 916 123-45-67"),
        person("google", full_name="Ivan Smirnov", email="ivan.smirnov@mail.ru"),
        person(full_name="Smirnov Ivan", email="ivan.smirnov@mail.ru", birthday="17.05.1984"),
        person("google", full_name="Sasha Petrova", phone="8 (916) 555-12-12"),
        person(full_name="Александра Петрова", phone="+79165551212", birthday="01.02.1990"),
        person(full_name="Pyotr Petrov", phone="+79165551212", birthday="30.07.1961"),
        person(region="US", full_name="Robert Smith", email="bob@example.com", city="Boston"),
        person("mail", region="US", full_name="Bob Smith", email="bob@example.com"),
        person("mail", region="US", full_name="Kate Smith", email="kate@example.com"),
        person(region="US", full_name="Katherine Smith", phone="(415) 523-0134"),
        person("google", region="US", full_name="Katherine Smith", phone="415.523.0134"),
    ]


def test_linking_by_chunks_and_blocks_elsewhere_gives_the_same_evidence_and_clusters() -> None:
    records = _people()
    calls: dict[str, int] = {}

    def each(fn: Callable[..., Any], arguments: list[dict[str, Any]]) -> list[Any]:
        calls[fn.__name__] = calls.get(fn.__name__, 0) + len(arguments)
        return [fn(**kwargs) for kwargs in arguments]

    here = link(records)
    there = link(records, spread=Spread(each, records=3, pairs=4))
    assert calls["build_features"] == 4  # 11 records by 3
    assert calls["compared"] == -(-len(here.left) // 4) >= 3
    assert np.array_equal(here.left, there.left) and np.array_equal(here.right, there.right)
    assert np.array_equal(here.swapped, there.swapped)
    assert np.array_equal(here.gamma, there.gamma)
    assert np.allclose(here.probability, there.probability)
    assert here.clusters == there.clusters
    assert len(here.clusters) < len(records)


def test_how_two_names_line_up_does_not_depend_on_the_records_before_them() -> None:
    # two names the names table does not know, of one length, written in both orders: the
    # crossing is decided by the names themselves, whatever else was read first
    a = person(given_name="Kolar", family_name="Brunt")
    b = person("google", given_name="Brunt", family_name="Kolar")
    first = person("mail", given_name="Brunt", family_name="Oswy")
    pair = (np.array([0]), np.array([1]))
    alone = name_swap(build_features([a, b]), *pair)
    after = name_swap(build_features([a, b, first]), *pair)
    assert alone[0] != 0
    assert np.array_equal(alone, after)
    behind = name_swap(build_features([first, a, b]), np.array([1]), np.array([2]))
    assert np.array_equal(alone, behind)
