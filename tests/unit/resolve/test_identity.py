"""Stable ids: created, kept, merged (oldest survives), split (largest part keeps the id)."""

import datetime as dt

import pytest

from tasks.resolve.identity import IdentityMap, assign_ids

pytestmark = pytest.mark.unit
DAY1, DAY2 = dt.date(2026, 1, 1), dt.date(2026, 2, 1)


def test_new_clusters_get_deterministic_ids_and_created_events() -> None:
    first = assign_ids([["h1", "h2"], ["h3"]], IdentityMap(), DAY1)
    again = assign_ids([["h1", "h2"], ["h3"]], IdentityMap(), DAY1)
    assert first.contact_ids == again.contact_ids
    assert len(set(first.contact_ids)) == 2
    assert [e.event for e in first.events] == ["created", "created"]


def test_ids_survive_reordering_and_new_records() -> None:
    first = assign_ids([["h1", "h2"], ["h3"]], IdentityMap(), DAY1)
    second = assign_ids([["h3", "h9"], ["h2", "h1"]], first.identity, DAY2)
    assert second.contact_ids == [first.contact_ids[1], first.contact_ids[0]]
    assert second.events == []
    assert second.identity.first_seen[first.contact_ids[0]] == DAY1


def test_merge_keeps_the_oldest_id() -> None:
    first = assign_ids([["h1"]], IdentityMap(), DAY1)
    second = assign_ids([["h1"], ["h2"]], first.identity, DAY2)
    third = assign_ids([["h2", "h1"]], second.identity, dt.date(2026, 3, 1))
    assert third.contact_ids == [first.contact_ids[0]]
    merged = [e for e in third.events if e.event == "merged"]
    assert merged and merged[0].other_contact_ids == (second.contact_ids[1],)


def test_split_leaves_the_id_with_the_larger_part() -> None:
    first = assign_ids([["h1", "h2", "h3"]], IdentityMap(), DAY1)
    second = assign_ids([["h3"], ["h1", "h2"]], first.identity, DAY2)
    assert second.contact_ids[1] == first.contact_ids[0]
    assert second.contact_ids[0] != first.contact_ids[0]
    split = [e for e in second.events if e.event == "split"]
    assert split and split[0].contact_id == first.contact_ids[0]
    assert split[0].other_contact_ids == (second.contact_ids[0],)


def test_a_part_split_off_keeps_the_first_seen_and_the_welcome_of_nobody_new() -> None:
    first = assign_ids([["h1", "h2", "h3"]], IdentityMap(), DAY1)
    first.identity.welcome[first.contact_ids[0]] = DAY1
    second = assign_ids([["h3"], ["h1", "h2"], ["h9"]], first.identity, DAY2)
    split_off, kept, new = second.contact_ids
    # the split-off part was seen when the whole was: it is no newcomer
    assert second.identity.first_seen[split_off] == DAY1
    assert second.identity.first_seen[new] == DAY2
    assert [e.event for e in second.events if e.contact_id == split_off] == []
    # the welcome stays with the id that keeps the contact, and only with it
    assert second.identity.welcome == {kept: DAY1}
