"""Exact-key resolution: same email, or same phone with a compatible name."""

import pytest

from schemas.records import NormRecord, Phone
from tasks.resolve.exact import link, names_compatible

pytestmark = pytest.mark.unit
PHONE = Phone("+79161234567", "mobile", "RU", ("Europe/Moscow",))


def rec(
    key: str, name: str | None = None, emails: tuple[str, ...] = (), phone: bool = False
) -> NormRecord:
    return NormRecord(
        "s",
        key,
        "contacts",
        record_hash=key,
        name_latin=name,
        full_name=name,
        emails=list(emails),
        phones=[PHONE] if phone else [],
    )


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ("ivan smirnov", "ivan smirnov", "compatible"),  # same name
        ("ivan smirnov", "i smirnov", "compatible"),  # initial
        ("ivan smirnov", "smirnov ivan", "compatible"),  # swapped order
        ("ivan smirnov", "ivan", "compatible"),  # no family name on one side
        ("ivan smirnov", "maria smirnova", "conflicting"),  # household: other given name
        ("ivan smirnov", None, "null"),
    ],  # no name at all
)
def test_name_compatibility(a: str, b: str | None, level: str) -> None:
    assert names_compatible(rec("1", a), rec("2", b)) == level


def test_same_email_merges_and_shared_phone_with_other_name_does_not() -> None:
    records = [
        rec("1", "ivan smirnov", ("ivan@example.com",), phone=True),
        rec("2", "i smirnov", ("ivan@example.com",)),
        rec("3", "maria smirnova", ("maria@example.com",), phone=True),
        rec("4", None, (), phone=True),
    ]
    clusters, decisions = link(records)
    assert [0, 1, 3] in clusters and [2] in clusters
    kept_apart = [d for d in decisions if not d.merged]
    assert [(d.left, d.right, d.name_level) for d in kept_apart] == [(0, 2, "conflicting")]
