"""Rebuild the calendar for a past or future window from the current contacts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from prefect import flow

from flows.sync import run_and_publish
from tasks.config import load_config
from tasks.errors import UserError
from tasks.pipeline import window
from tasks.run import RunInfo


@flow(name="rapport-backfill")
def backfill(
    config_path: str, date_from: str, date_to: str, as_of: str | None = None
) -> dict[str, Any]:
    """Replace the occasions whose date lies in ``[date_from, date_to]``; keep all others."""
    config = load_config(Path(config_path))
    start, end = dt.date.fromisoformat(date_from), dt.date.fromisoformat(date_to)
    if end < start:
        raise UserError(f"--to {date_to} is before --from {date_from}")
    day = dt.date.fromisoformat(as_of) if as_of else None
    today, start, end = window(config, day, None, start, end)
    return run_and_publish(config, RunInfo.new("backfill", today, start, end))
