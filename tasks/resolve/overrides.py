"""Must-link and cannot-link rules: the operator's word over the model's.

The CSV named by ``resolution.overrides`` has the columns ``rule`` (must_link or cannot_link),
``left``, ``right`` and ``note``. A side names a record as ``SOURCE:RECORD_HASH`` or a contact by
one of its values, ``email:x@y.org`` or ``phone:+79161234567``. Undoing a wrong merge is one
cannot_link line; the next run splits the contact.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import phonenumbers

from schemas.records import NormRecord
from tasks.errors import ConfigError
from tasks.normalise.emails import normalise_email
from tasks.normalise.problems import FieldProblem

RULES = ("must_link", "cannot_link")
_COLUMNS = ("rule", "left", "right")


@dataclass(frozen=True, slots=True)
class Side:
    kind: str  # record, email or phone
    value: str  # "SOURCE:RECORD_HASH", a normalised email or an E.164 number


@dataclass(frozen=True, slots=True)
class Override:
    rule: str
    left: Side
    right: Side
    note: str
    line: int  # the CSV line, header = 1


def parse_side(text: str) -> Side | None:
    """A side as written in the CSV, normalised; None when it is not one of the three forms."""
    kind, sep, value = text.strip().partition(":")
    if not sep or not value.strip():
        return None
    value = value.strip()
    if kind == "email":
        try:
            return Side("email", normalise_email(value))
        except FieldProblem:
            return None
    if kind == "phone":
        try:
            number = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_possible_number(number):
            return None
        return Side(
            "phone", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        )
    if kind and all(ch.isalnum() or ch == "_" for ch in kind):
        return Side("record", f"{kind}:{value}")
    return None


def load_overrides(path: Path) -> list[Override]:
    """Read the overrides CSV; a missing file or a malformed line raises a one-line ConfigError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problem = f"cannot be read ({type(exc).__name__})"
        raise ConfigError(f"{path}: resolution.overrides: {problem}") from None
    rows = csv.DictReader(text.splitlines())
    missing = [c for c in _COLUMNS if c not in (rows.fieldnames or [])]
    if missing:
        raise ConfigError(f"{path}: line 1: missing column {missing[0]}")
    out = []
    for row in rows:
        line = rows.line_num
        rule = (row.get("rule") or "").strip()
        if not rule and not (row.get("left") or row.get("right")):
            continue
        if rule not in RULES:
            raise ConfigError(f"{path}: line {line}: rule must be must_link or cannot_link")
        sides = []
        for column in ("left", "right"):
            side = parse_side(row.get(column) or "")
            if side is None:
                raise ConfigError(
                    f"{path}: line {line}: {column} must be SOURCE:RECORD_HASH, "
                    "email:ADDRESS or phone:+E164"
                )
            sides.append(side)
        out.append(Override(rule, sides[0], sides[1], (row.get("note") or "").strip(), line))
    return out


def _index(records: Sequence[NormRecord]) -> dict[tuple[str, str], list[int]]:
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        index[("record", f"{record.source}:{record.record_hash}")].append(i)
        for email in record.emails:
            index[("email", email)].append(i)
        for phone in record.phones:
            index[("phone", phone.e164)].append(i)
    return index


def bind(
    overrides: Sequence[Override], records: Sequence[NormRecord]
) -> tuple[list[tuple[Override, list[int], list[int]]], int]:
    """Each rule with the indexes of the records on its two sides; and how many rules name a
    record or value that is not among ``records`` (they wait, harmless, for a later run)."""
    if not overrides:
        return [], 0
    index = _index(records)
    bound, unmatched = [], 0
    for override in overrides:
        left = index.get((override.left.kind, override.left.value), [])
        right = index.get((override.right.kind, override.right.value), [])
        if not left or not right:
            unmatched += 1
            continue
        bound.append((override, left, right))
    return bound, unmatched
