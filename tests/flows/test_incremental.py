"""Incremental sync: an unchanged source is not read again, and says so in the manifest."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import AS_OF, copy_samples

pytestmark = pytest.mark.flow


def _ids(out: Path) -> tuple[list[str], list[str]]:
    contacts = pd.read_parquet(out / "contacts.parquet")
    calendar = pd.read_parquet(out / "occasions")
    return sorted(contacts["contact_id"]), sorted(calendar["occasion_id"])


def test_an_unchanged_source_comes_from_the_state_and_a_changed_one_is_read(
    prefect_harness: None, tmp_path: Path
) -> None:
    from flows.sync import sync

    config = copy_samples(tmp_path)
    out = tmp_path / "out"
    first = sync(str(config), as_of=AS_OF.isoformat())
    assert set(first["work"]["sources"]) == {"read"}
    assert first["work"]["records_read_and_normalised"] == 103
    assert first["work"]["records_validated"] > 0
    before = _ids(out)

    second = sync(str(config), as_of=AS_OF.isoformat())
    assert {s["status"] for s in second["sources"].values()} == {"cached"}
    assert second["work"]["records_read_and_normalised"] == 0
    assert second["work"]["records_from_the_state"] == 103
    assert "ingest" not in second["timings"] and "normalise" not in second["timings"]
    assert second["work"]["records_validated"] == 0  # the validation came with the records
    assert second["validation"] == first["validation"]
    assert _ids(out) == before  # the same contacts and occasion ids
    assert second["counts"] == first["counts"]

    # one source changes: only it is read again
    optouts = config.parent / "optouts.csv"
    optouts.write_text(optouts.read_text(encoding="utf-8") + "gone@example.org,\n", "utf-8")
    third = sync(str(config), as_of=AS_OF.isoformat())
    statuses = {name: s["status"] for name, s in third["sources"].items()}
    assert statuses.pop("optouts") == "read" and set(statuses.values()) == {"cached"}
    assert third["work"]["records_read_and_normalised"] == first["sources"]["optouts"]["read"] + 1
    assert 0 < third["work"]["records_validated"] < first["work"]["records_validated"]
    assert third["validation"]["record_key_is_unique"]["evaluated"] == (
        first["validation"]["record_key_is_unique"]["evaluated"] + 1
    )

    # a source taken out of the config takes its records with it
    text = config.read_text(encoding="utf-8")
    start = text.index("  - name: disputes")
    end = text.index("  - name: mail ")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    fourth = sync(str(config), as_of=AS_OF.isoformat())
    assert "disputes" not in fourth["sources"]
    assert not (out / "state" / "cache" / "disputes.pickle").exists()
    calendar = pd.read_parquet(out / "occasions")
    assert "service_recovery" not in set(calendar["occasion_type"])
    lineage = pd.read_parquet(out / "contact_sources.parquet")
    assert "disputes" not in set(lineage["source"])
