"""Writing outputs and state atomically.

Everything a run writes is first staged beside its target (``output_dir/.staging-RUN_ID``,
``state_dir/.staging-RUN_ID``). Then a journal listing each staged path and its target is written
to ``state_dir/commit-RUN_ID.json`` and fsynced, the staged paths are moved into place, and the
journal is removed. A run killed before the journal exists leaves the previous outputs as they
were; one killed after it is finished by the next run (:func:`recover`), so outputs and state
never disagree. Files are readable by their owner only.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows cast to ``schema``: extra keys become extra columns after the contract's."""
    extra = [k for k in (rows[0] if rows else {}) if k not in schema.names]
    columns = {name: [r.get(name) for r in rows] for name in schema.names}
    data = pa.table(
        {n: pa.array(v, type=schema.field(n).type) for n, v in columns.items()}, schema=schema
    )
    for name in extra:
        data = data.append_column(name, pa.array([r.get(name) for r in rows]))
    return data


def read_dataset(folder: Path, schema: pa.Schema, partitions: pa.Schema) -> ds.Dataset:
    """A hive-partitioned dataset written by :meth:`Stage.dataset`, with its schema given, so
    that a dataset of no rows (an empty window) reads as an empty table."""
    fields = list(schema) + [f for f in partitions if f.name not in schema.names]
    return ds.dataset(
        folder,
        schema=pa.schema(fields),
        format="parquet",
        partitioning=ds.partitioning(partitions, flavor="hive"),
    )


def _chmod_tree(path: Path) -> None:
    if path.is_dir():
        os.chmod(path, DIR_MODE)
        for child in path.rglob("*"):
            os.chmod(child, DIR_MODE if child.is_dir() else FILE_MODE)
    else:
        os.chmod(path, FILE_MODE)


class Stage:
    """A set of files and folders to replace together."""

    def __init__(self, run_id: str, output_dir: Path, state_dir: Path) -> None:
        self.run_id = run_id
        self.output_dir = private_dir(output_dir)
        self.state_dir = private_dir(state_dir)
        self.out = private_dir(output_dir / f".staging-{run_id}")
        self.state = private_dir(state_dir / f".staging-{run_id}")
        self.moves: list[tuple[Path, Path]] = []

    def _path(self, area: str, name: str) -> tuple[Path, Path]:
        staging, final = (
            (self.out, self.output_dir) if area == "out" else (self.state, self.state_dir)
        )
        return staging / name, final / name

    def parquet(self, area: str, name: str, data: pa.Table) -> None:
        staged, final = self._path(area, name)
        private_dir(staged.parent)
        pq.write_table(data, staged)
        _chmod_tree(staged)
        self.moves.append((staged, final))

    def text(self, area: str, name: str, text: str) -> None:
        staged, final = self._path(area, name)
        private_dir(staged.parent)
        staged.write_text(text, encoding="utf-8")
        _chmod_tree(staged)
        self.moves.append((staged, final))

    def folder(self, area: str, name: str, files: dict[str, bytes]) -> None:
        """A folder of files, replaced whole (files it had and ``files`` lacks are gone)."""
        staged, final = self._path(area, name)
        private_dir(staged)
        for file_name, data in files.items():
            (staged / file_name).write_bytes(data)
        _chmod_tree(staged)
        self.moves.append((staged, final))

    def dataset(self, area: str, name: str, data: pa.Table, partitioning: pa.Schema) -> None:
        """A hive-partitioned Parquet dataset, replaced whole."""
        staged, final = self._path(area, name)
        ds.write_dataset(
            data,
            staged,
            format="parquet",
            partitioning=ds.partitioning(partitioning, flavor="hive"),
            existing_data_behavior="overwrite_or_ignore",
            basename_template="part-{i}.parquet",
        )
        staged.mkdir(parents=True, exist_ok=True)
        _chmod_tree(staged)
        self.moves.append((staged, final))

    def commit(self) -> None:
        """Journal the moves, then make them. After the journal is durable the run has landed."""
        journal = self.state_dir / f"commit-{self.run_id}.json"
        tmp = journal.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(
                {
                    "moves": [[str(a), str(b)] for a, b in self.moves],
                    "cleanup": [str(self.out), str(self.state)],
                },
                handle,
            )
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, journal)
        _fsync_dir(self.state_dir)
        _apply(journal)

    def abandon(self) -> None:
        for path in (self.out, self.state):
            shutil.rmtree(path, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(staged: Path, final: Path) -> None:
    if not staged.exists():
        return  # moved already by an interrupted commit
    if final.is_dir() and staged.is_dir():
        old = final.with_name(f".old-{final.name}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(final, old)
        os.replace(staged, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        private_dir(final.parent)
        os.replace(staged, final)


def _apply(journal: Path) -> None:
    plan = json.loads(journal.read_text(encoding="utf-8"))
    for staged, final in plan["moves"]:
        _replace(Path(staged), Path(final))
    for folder in plan["cleanup"]:
        shutil.rmtree(folder, ignore_errors=True)
    journal.unlink()


def recover(output_dir: Path, state_dir: Path) -> int:
    """Finish commits a killed run journaled, drop staging it left; return commits finished."""
    finished = 0
    if state_dir.is_dir():
        for journal in sorted(state_dir.glob("commit-*.json")):
            _apply(journal)
            finished += 1
    for folder in (output_dir, state_dir):
        if folder.is_dir():
            for staging in folder.glob(".staging-*"):
                shutil.rmtree(staging, ignore_errors=True)
    if finished:
        log.warning("finished %d commit(s) left by an interrupted run", finished)
    return finished
