"""One sync from config to committed outputs, stage after stage.

``execute`` takes the stage functions as a parameter: the flows pass the Prefect-wrapped ones
(``flows/steps.py``), tests and tools may pass :data:`PLAIN` to run without Prefect.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import time
import zoneinfo
from collections.abc import Callable
from functools import partial
from types import SimpleNamespace
from typing import Any, Protocol, TypeVar

from tasks import cache, stages
from tasks.cache import fingerprint
from tasks.config import Config
from tasks.errors import SourceUnavailable
from tasks.ingest import ReadResult
from tasks.run import RunInfo
from tasks.stages import SourceOutcome
from tasks.state import lock, salt
from tasks.validate import ValidationResult, combined
from tasks.write import recover

T = TypeVar("T")
log = logging.getLogger(__name__)


def _one_by_one(fn: Any, calls: list[dict[str, Any]], address: str | None) -> list[Any]:
    return [fn(**call) for call in calls]


PLAIN = SimpleNamespace(
    each=_one_by_one,
    ingest=stages.read_or_down,
    normalise=stages.normalise,
    validate=stages.validate,
    resolve=stages.resolve_contacts,
    occasions=stages.occasions,
    write=stages.write,
    spread=lambda execution: None,
)


class Progress(Protocol):
    """What a terminal shows of a run: the stage, and how far a stage of several steps is."""

    def stage(self, name: str, steps: int | None = None) -> None: ...

    def advance(self) -> None: ...


class Silent:
    def stage(self, name: str, steps: int | None = None) -> None:
        pass

    def advance(self) -> None:
        pass


#: Set by the command line when it runs on a terminal (a flow's parameters cannot carry it).
progress: Progress = Silent()


def window(
    config: Config,
    as_of: dt.date | None,
    horizon_days: int | None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> tuple[dt.date, dt.date, dt.date]:
    """(as_of, first day, last day) of the run's window, both ends inclusive."""
    today = as_of or dt.datetime.now(zoneinfo.ZoneInfo(config.timezone)).date()
    if start is not None and end is not None:
        return today, start, end
    days = horizon_days or config.horizon_days
    return today, today, today + dt.timedelta(days=days - 1)


def execute(
    config: Config, run: RunInfo, steps: Any = PLAIN, salt_from_environment: str | None = None
) -> dict[str, Any]:
    """Run every stage for ``run`` and commit the outputs; return the manifest."""
    timings: dict[str, float] = {}

    def timed(stage: str, fn: Callable[[], T]) -> T:
        started = time.perf_counter()
        value = fn()
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started
        return value

    shown = progress
    with lock(config.state_dir, run.run_id):
        recover(config.output_dir, config.state_dir)
        reads: dict[str, ReadResult] = {}
        kept: dict[str, SourceOutcome] = {}  # cached or stale
        entries: dict[str, cache.Entry] = {}
        fingerprints: dict[str, str] = {}
        since: dict[str, cache.Entry] = {}  # IMAP sources read from their watermarks
        shown.stage("reading the sources", len(config.sources))
        calls: list[dict[str, Any]] = []
        found: dict[str, cache.Entry] = {}
        for source in config.sources:
            entry = cache.load(config.state_dir, source.name)
            fingerprints[source.name] = timed("fingerprint", partial(fingerprint, source, config))
            usable = cache.reusable(entry, fingerprints[source.name], run.as_of)
            if usable and entry is not None and not cache.is_server(entry.fingerprint):
                kept[source.name], entries[source.name] = cache.as_status(entry, "cached"), entry
                shown.advance()
                continue
            marks = entry.outcome.watermarks if usable and entry is not None else {}
            if marks and entry is not None:
                since[source.name] = entry
            if entry is not None:
                found[source.name] = entry
            calls.append({"source": source, "config": config, "since": marks})
        address = config.execution.dask_address
        read = timed("ingest", lambda: steps.each(steps.ingest, calls, address)) if calls else []
        for call, result in zip(calls, read, strict=True):
            name = call["source"].name
            if isinstance(result, SourceUnavailable):
                if name not in found:
                    raise result
                log.warning("source %s is down: its last good records are used", name)
                kept[name], entries[name] = cache.as_status(found[name], "stale"), found[name]
            else:
                reads[name] = result
            shown.advance()
        outcomes: list[SourceOutcome] = []
        shown.stage("normalising", len(reads))
        normalised = (
            timed("normalise", partial(_normalise, steps, config, run, reads)) if reads else {}
        )
        for s in config.sources:
            if s.name in kept:
                outcomes.append(kept[s.name])
                continue
            outcome = normalised[s.name]
            if s.name in since:
                merged = cache.extended(since[s.name], outcome)
                if merged is None:  # the mailbox was renumbered: read it all again
                    whole = timed("ingest", partial(steps.ingest, s, config))
                    if isinstance(whole, SourceUnavailable):
                        raise whole
                    full = {s.name: whole}
                    again = partial(_normalise, steps, config, run, full)
                    merged = timed("normalise", again)[s.name]
                outcome = merged
            outcomes.append(outcome)
            entries[s.name] = cache.Entry(fingerprints[s.name], run.as_of, outcome)
            shown.advance()
        shown.stage("validating")
        known, todo, earlier = _to_validate(outcomes, entries, kept, since, run.as_of)
        shares = timed("validate", lambda: steps.validate(todo, run.as_of, known))
        for name, before in earlier.items():  # an IMAP source: its earlier messages, then the new
            shares[name] = combined([before, shares[name]], run.as_of)
        valid = combined((shares[o.name] for o in outcomes), run.as_of)
        for name, entry in entries.items():
            entries[name] = dataclasses.replace(
                entry, validated=shares[name], validated_year=run.as_of.year
            )
        value_salt = salt(config.state_dir, salt_from_environment)
        shown.stage("resolving")
        spread = steps.spread(config.execution)
        resolved = timed("resolve", lambda: steps.resolve(valid, config, run, value_salt, spread))
        shown.stage("building the calendar")
        calendar = timed("occasions", lambda: steps.occasions(resolved, config, run))
        report = stages.manifest(
            outcomes,
            valid,
            resolved,
            calendar,
            run,
            timings,
            dt.datetime.now(dt.UTC),
            sum(len(o.records) for o in todo if o.name not in known),
        )
        shown.stage("writing")
        cached = cache.files(entries)
        timed(
            "write",
            lambda: steps.write(outcomes, valid, resolved, calendar, config, run, report, cached),
        )
        shown.stage("done")
    return report


def _to_validate(
    outcomes: list[SourceOutcome],
    entries: dict[str, cache.Entry],
    kept: dict[str, SourceOutcome],
    since: dict[str, cache.Entry],
    today: dt.date,
) -> tuple[dict[str, ValidationResult], list[SourceOutcome], dict[str, ValidationResult]]:
    """What validation has to do: the validation of each source taken from the state whole
    (cached or stale) that still holds; the outcomes to validate, an IMAP source read from its
    watermarks with its new records only; and such a source's validation of its earlier ones."""
    known: dict[str, ValidationResult] = {}
    for name in kept:
        if (share := cache.validation(entries[name], today)) is not None:
            known[name] = share
    earlier: dict[str, ValidationResult] = {}
    todo = []
    for outcome in outcomes:
        entry = since.get(outcome.name)
        before = cache.validation(entry, today) if entry is not None else None
        if outcome.name in kept or entry is None or before is None or outcome.fresh is None:
            todo.append(outcome)
            continue
        earlier[outcome.name] = before
        todo.append(
            dataclasses.replace(outcome, records=outcome.records[len(entry.outcome.records) :])
        )
    return known, todo, earlier


def _normalise(
    steps: Any, config: Config, run: RunInfo, reads: dict[str, ReadResult]
) -> dict[str, SourceOutcome]:
    """Each read source normalised, by chunks of ``execution.chunk_records`` records: on the
    Dask cluster of ``execution.dask_address`` when there is one, else here."""
    size = config.execution.chunk_records
    calls, owners = [], []
    for source in config.sources:
        if source.name not in reads:
            continue
        for chunk in stages.chunks(reads[source.name], size):
            calls.append({"source": source, "result": chunk, "config": config, "today": run.as_of})
            owners.append(source.name)
    done = steps.each(steps.normalise, calls, config.execution.dask_address)
    parts: dict[str, list[SourceOutcome]] = {}
    for name, outcome in zip(owners, done, strict=True):
        parts.setdefault(name, []).append(outcome)
    return {name: stages.joined(found, reads[name]) for name, found in parts.items()}


def salt_variable(config: Config) -> str | None:
    """The salt from the environment variable the config names (read at the edge only)."""
    return os.environ.get(config.privacy.forget_salt_env)
