"""The incremental-sync cache: what is reused, for which day, and entries of older layouts."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

from tasks import cache
from tasks.cache import Entry
from tasks.stages import SourceOutcome
from tasks.validate import ValidationResult

pytestmark = pytest.mark.unit
DAY = dt.date(2026, 11, 23)


def _entry(**kw: object) -> Entry:
    outcome = SourceOutcome("mail", "imap", "contacts", "read", 3)
    return Entry("imap:abc", DAY, outcome, **kw)  # type: ignore[arg-type]


def test_a_validation_holds_for_the_year_whose_rules_it_applied() -> None:
    share = ValidationResult([], [], {"record_key_is_unique": {"evaluated": 3, "failed": 0}})
    entry = _entry(validated=share, validated_year=2026)
    assert cache.validation(entry, DAY) is share
    assert cache.validation(entry, dt.date(2026, 1, 1)) is share
    assert cache.validation(entry, dt.date(2027, 1, 1)) is None  # birth years up to 2027 now
    assert cache.validation(entry, dt.date(2025, 12, 31)) is None  # a backfill into 2025
    assert cache.validation(_entry(), DAY) is None  # never validated


def test_an_entry_kept_before_validations_were_is_read_as_records_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _entry()
    # pickled as the earlier layout did: three fields
    monkeypatch.setattr(
        Entry, "__getstate__", lambda self: [self.fingerprint, self.today, self.outcome]
    )
    data = pickle.dumps(old)
    monkeypatch.undo()
    folder = tmp_path / cache.FOLDER
    folder.mkdir()
    (folder / "mail.pickle").write_bytes(data)
    loaded = cache.load(tmp_path, "mail")
    assert loaded is not None and loaded.outcome.read == 3
    assert cache.validation(loaded, DAY) is None  # validated again, records kept (stale if down)
