"""Atomic writes: a staged run that never commits changes nothing; a journaled one completes."""

import json
import os
import stat
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tasks.write import Stage, recover, table

pytestmark = pytest.mark.unit
SCHEMA = pa.schema([("a", pa.string())])


def staged(tmp_path: Path, run: str, value: str) -> Stage:
    stage = Stage(run, tmp_path / "out", tmp_path / "state")
    stage.parquet("out", "t.parquet", table([{"a": value}], SCHEMA))
    stage.text("state", "s.txt", value)
    return stage


def test_commit_replaces_outputs_and_state_with_owner_only_modes(tmp_path: Path) -> None:
    staged(tmp_path, "r1", "one").commit()
    assert pq.read_table(tmp_path / "out" / "t.parquet").column("a").to_pylist() == ["one"]
    assert (tmp_path / "state" / "s.txt").read_text() == "one"
    for path in (tmp_path / "out" / "t.parquet", tmp_path / "state" / "s.txt"):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "out").st_mode) == 0o700
    assert not list((tmp_path / "out").glob(".staging-*"))


def test_a_run_that_dies_before_commit_leaves_the_previous_outputs(tmp_path: Path) -> None:
    staged(tmp_path, "r1", "one").commit()
    staged(tmp_path, "r2", "two")  # killed before commit: no journal
    assert recover(tmp_path / "out", tmp_path / "state") == 0
    assert pq.read_table(tmp_path / "out" / "t.parquet").column("a").to_pylist() == ["one"]
    assert not list((tmp_path / "out").glob(".staging-*"))


def test_a_run_killed_mid_commit_is_finished_by_the_next(tmp_path: Path) -> None:
    staged(tmp_path, "r1", "one").commit()
    stage = staged(tmp_path, "r2", "two")
    journal = tmp_path / "state" / "commit-r2.json"
    journal.write_text(
        json.dumps(
            {
                "moves": [[str(a), str(b)] for a, b in stage.moves],
                "cleanup": [str(stage.out), str(stage.state)],
            }
        )
    )
    # as if killed after the first move only
    os.replace(stage.moves[0][0], stage.moves[0][1])
    assert recover(tmp_path / "out", tmp_path / "state") == 1
    assert pq.read_table(tmp_path / "out" / "t.parquet").column("a").to_pylist() == ["two"]
    assert (tmp_path / "state" / "s.txt").read_text() == "two"
    assert not journal.exists()


def test_table_casts_to_the_schema_and_keeps_extra_columns_after() -> None:
    data = table([{"a": "x", "b_level": "exact"}], SCHEMA)
    assert data.column_names == ["a", "b_level"]
    assert data.schema.field("a").type == pa.string()
