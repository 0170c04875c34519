"""The nightly sync: ingest, normalise, validate, resolve, occasions, write, manifest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.artifacts import create_table_artifact

from flows import steps
from tasks.config import Config, load_config
from tasks.pipeline import execute, salt_variable, window
from tasks.run import RunInfo


def run_and_publish(config: Config, run: RunInfo) -> dict[str, Any]:
    """Execute the stages as Prefect tasks and publish the counts as an artifact."""
    report = execute(config, run, steps, salt_variable(config))
    rows = [
        {"source": name, **{k: v for k, v in info.items() if k != "kind"}}
        for name, info in report["sources"].items()
    ]
    create_table_artifact(
        rows,
        key="rapport-sources",
        description=f"Rapport run {report['run_id']}: records per source "
        f"(counts only); {report['counts']['contacts']} contacts",
    )
    return report


@flow(name="rapport-sync")
def sync(
    config_path: str,
    as_of: str | None = None,
    horizon_days: int | None = None,
    command: str = "run",
) -> dict[str, Any]:
    """One sync for the window ``[as_of, as_of + horizon)``."""
    config = load_config(Path(config_path))
    day = dt.date.fromisoformat(as_of) if as_of else None
    today, start, end = window(config, day, horizon_days)
    return run_and_publish(config, RunInfo.new(command, today, start, end))
