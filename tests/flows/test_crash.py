"""A run killed at any moment leaves the previous outputs and the state consistent, and the
next run completes. The real command, killed with SIGKILL (nothing to clean up after itself)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import copy_samples

pytestmark = [pytest.mark.flow, pytest.mark.slow]


def _digest(folder: Path) -> dict[str, str]:
    """Every output and state file by content; not the log, the lock, or what a run staged
    (the next run removes that)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and "logs" not in p.parts
        and p.name != "lock"
        and not any(part.startswith(".staging-") for part in p.parts)
    }


def _command(config: Path, tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    rapport = Path(sys.executable).with_name("rapport")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    return [str(rapport), "run", "--config", str(config), "--as-of", "2026-11-23"], env


def _run(config: Path, tmp_path: Path) -> None:
    argv, env = _command(config, tmp_path)
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr


def _killed_when(config: Path, tmp_path: Path, moment: Callable[[], bool]) -> None:
    """Start a run, and kill it and everything it started the moment ``moment()`` is true."""
    argv, env = _command(config, tmp_path)
    child = subprocess.Popen(
        argv, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 240
    try:
        while not moment():
            assert child.poll() is None, "the run ended before the moment came"
            assert time.monotonic() < deadline, "the moment never came"
            time.sleep(0.005)
    finally:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(30)


def test_a_run_killed_mid_run_and_mid_write_leaves_consistent_outputs(tmp_path: Path) -> None:
    config = copy_samples(tmp_path)
    out, state = tmp_path / "out", tmp_path / "out" / "state"
    _run(config, tmp_path)
    before = _digest(out)
    google = config.parent / "google.csv"
    header = google.read_text(encoding="utf-8").splitlines()[0].split(",")
    row = dict.fromkeys(header, "")
    row.update(
        {"First Name": "Глеб", "Last Name": "Новиков", "E-mail 1 - Value": "gleb@example.ru"}
    )
    with google.open("a", encoding="utf-8") as handle:
        handle.write(",".join(row[h] for h in header) + "\n")

    # killed while it reads: it holds the lock, nothing is staged yet
    lock = state / "lock"
    _killed_when(config, tmp_path, lambda: lock.exists() and lock.read_text().strip() != "")
    assert _digest(out) == before

    # killed while it writes: something is staged, maybe the commit journaled
    _killed_when(config, tmp_path, lambda: any(out.glob(".staging-*")))
    journaled = list(state.glob("commit-*.json"))
    if not journaled:
        assert _digest(out) == before  # staged files never reached the outputs

    # the next run finishes or discards what was left, and completes
    _run(config, tmp_path)
    assert not list(out.glob(".staging-*")) and not list(state.glob("commit-*.json"))
    contacts = pd.read_parquet(out / "contacts.parquet")
    assert len(contacts) == 38
    assert contacts["emails"].map(lambda e: "gleb@example.ru" in list(e)).sum() == 1
    lineage = pd.read_parquet(out / "contact_sources.parquet")
    assert set(lineage["contact_id"]) == set(contacts["contact_id"])
    calendar = pd.read_parquet(out / "occasions")
    assert set(calendar["contact_id"]) <= set(contacts["contact_id"])
