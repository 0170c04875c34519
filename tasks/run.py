"""What identifies one run: its id, command, as_of and window."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RunInfo:
    run_id: str
    command: str  # run, backfill, demo
    as_of: dt.date
    start: dt.date  # first day of the window, inclusive
    end: dt.date  # last day of the window, inclusive
    started_at: dt.datetime

    @classmethod
    def new(cls, command: str, as_of: dt.date, start: dt.date, end: dt.date) -> RunInfo:
        now = dt.datetime.now(dt.UTC)
        run_id = f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
        return cls(run_id, command, as_of, start, end, now)
