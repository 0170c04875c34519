"""Every written file against schemas/ and ../shared/CONTRACT.md."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from schemas import tables

pytestmark = [pytest.mark.contract, pytest.mark.flow]
MANIFEST_SCHEMA = Path(tables.__file__).with_name("manifest.schema.json")


@pytest.mark.parametrize("name", sorted(tables.PARQUET_FILES))
def test_each_parquet_file_has_the_contract_schema(demo_run: dict[str, Any], name: str) -> None:
    expected = tables.PARQUET_FILES[name]
    written = pq.read_schema(demo_run["out"] / name)
    assert written.names[: len(expected)] == expected.names
    for field in expected:
        assert written.field(field.name).type == field.type, field.name
    if name != "matches.parquet":  # only matches grows per-comparison columns
        assert len(written.names) == len(expected.names)
    else:
        extra = written.names[len(expected.names) :]
        assert extra and all(n.endswith(("_level", "_weight")) for n in extra)


def test_occasions_is_a_hive_dataset_pandas_reads_whole(demo_run: dict[str, Any]) -> None:
    folder = demo_run["out"] / "occasions"
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    for field in tables.OCCASIONS:
        assert dataset.schema.field(field.name).type == field.type, field.name
    parts = {p.relative_to(folder).parts[:2] for p in folder.rglob("*.parquet")}
    assert parts and all(a.startswith("year=") and b.startswith("month=") for a, b in parts)
    frame = pd.read_parquet(folder)
    assert len(frame) == dataset.count_rows() > 0
    years = frame["occasion_date"].map(lambda d: d.year).astype(int)
    assert (years == frame["year"].astype(int)).all()


def test_manifest_matches_its_json_schema(demo_run: dict[str, Any]) -> None:
    schema = json.loads(MANIFEST_SCHEMA.read_text())
    latest = json.loads((demo_run["out"] / "run_manifest.json").read_text())
    jsonschema.validate(latest, schema)
    copy = demo_run["out"] / "runs" / f"{latest['run_id']}.json"
    assert json.loads(copy.read_text()) == latest


def test_outputs_and_state_are_readable_by_their_owner_only(demo_run: dict[str, Any]) -> None:
    config = demo_run["config"]
    for root in (config.output_dir, config.state_dir):
        for path in [root, *root.rglob("*")]:
            mode = stat.S_IMODE(os.stat(path).st_mode)
            assert mode & 0o077 == 0, f"{path} is mode {oct(mode)}"


def test_every_record_read_is_in_lineage_suppressions_or_quarantine(
    demo_run: dict[str, Any],
) -> None:
    out = demo_run["out"]
    lineage = pd.read_parquet(out / "contact_sources.parquet")
    quarantine = pd.read_parquet(out / "quarantine.parquet")
    suppressions = pd.read_parquet(out / "suppressions.parquet")
    whole = quarantine[quarantine["field"].isna()]
    for name, info in demo_run["manifest"]["sources"].items():
        keys = set(lineage.loc[lineage["source"] == name, "record_key"])
        keys |= set(whole.loc[whole["source"] == name, "record_key"])
        keys |= set(suppressions.loc[suppressions["source"] == name, "record_key"])
        assert len(keys) == info["read"], name


def test_lineage_points_at_real_contacts(demo_run: dict[str, Any]) -> None:
    out = demo_run["out"]
    contacts = pd.read_parquet(out / "contacts.parquet")
    lineage = pd.read_parquet(out / "contact_sources.parquet")
    assert contacts["contact_id"].is_unique
    assert set(lineage["contact_id"]) <= set(contacts["contact_id"])
    assert not lineage.duplicated(["source", "record_key"]).any()


def test_quarantine_reasons_name_field_and_rule(demo_run: dict[str, Any]) -> None:
    quarantine = pd.read_parquet(demo_run["out"] / "quarantine.parquet")
    assert len(quarantine) > 0
    for row in quarantine.itertuples():
        assert row.rule in row.reason
        if not pd.isna(row.field):
            assert row.field in row.reason
        json.loads(row.raw)


def test_manifest_and_quarantine_reasons_carry_no_personal_values(
    demo_run: dict[str, Any],
) -> None:
    out = demo_run["out"]
    contacts = pd.read_parquet(out / "contacts.parquet")
    values = {v for row in contacts["emails"] for v in row}
    values |= {v for row in contacts["phones"] for v in row}
    values |= {v for v in contacts["family_name"].dropna() if len(v) > 3}
    assert len(values) > 30
    manifest = (out / "run_manifest.json").read_text(encoding="utf-8")
    reasons = " ".join(pd.read_parquet(out / "quarantine.parquet")["reason"])
    for value in values:
        assert value not in manifest, value
        assert value not in reasons, value
