"""The overrides CSV: its three side forms, its one-line errors, binding to records."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.errors import ConfigError
from tasks.resolve.overrides import Side, bind, load_overrides, parse_side
from tests.unit.resolve.people import person

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("crm:0123abcd", Side("record", "crm:0123abcd")),
        ("email:Ivan@Example.ORG", Side("email", "ivan@example.org")),
        ("phone:+7 916 123-45-67", Side("phone", "+79161234567")),
        (" phone:+79161234567 ", Side("phone", "+79161234567")),
    ],
)
def test_sides(text: str, side: Side) -> None:
    assert parse_side(text) == side


@pytest.mark.parametrize(
    "text", ["", "crm", "email:not-an-address", "phone:89161234567", "phone:12", "bad key:x"]
)
def test_bad_sides(text: str) -> None:
    assert parse_side(text) is None


def test_load_reads_rules_and_notes(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        "rule,left,right,note\n"
        "must_link,email:a@x.org,phone:+79161234567,same man\n"
        "\n"
        "cannot_link,crm:abc,google:def,\n",
        encoding="utf-8",
    )
    rules = load_overrides(path)
    assert [(r.rule, r.line, r.note) for r in rules] == [
        ("must_link", 2, "same man"),
        ("cannot_link", 4, ""),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rule,left\nmust_link,email:a@x.org\n", "line 1: missing column right"),
        ("rule,left,right\nmerge,email:a@x.org,email:b@x.org\n", "line 2: rule must be"),
        ("rule,left,right\nmust_link,email:a@x.org,nobody\n", "line 2: right must be"),
    ],
)
def test_mistakes_are_one_line_errors_naming_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "o.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_overrides(path)
    assert str(path) in str(caught.value) and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bind_finds_records_by_hash_email_and_phone(tmp_path: Path) -> None:
    a = person(full_name="Ivan Smirnov", email="ivan@x.ru")
    b = person("google", full_name="Ivan Smirnov", phone="+79161234567")
    path = tmp_path / "o.csv"
    path.write_text(
        "rule,left,right\n"
        f"must_link,crm:{a.record_hash},phone:+7 916 123 45 67\n"
        "cannot_link,email:ivan@x.ru,email:nobody@x.ru\n",
        encoding="utf-8",
    )
    bound, waiting = bind(load_overrides(path), [a, b])
    assert [(rule.rule, left, right) for rule, left, right in bound] == [("must_link", [0], [1])]
    assert waiting == 1
