"""The sync's stages as plain functions; ``flows/`` wraps each once as a Prefect task.

ingest -> normalise -> validate -> resolve -> occasions -> write -> manifest
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from schemas import tables
from schemas.records import NormRecord, Quarantined
from tasks.config import Config, SourceConfig
from tasks.errors import SourceUnavailable
from tasks.ingest import ReadContext, ReadResult, read_source
from tasks.normalise.dates import date_order_for_region
from tasks.normalise.record import normalise_record
from tasks.occasions.calendar import Settings as CalendarSettings
from tasks.occasions.calendar import build_calendar
from tasks.occasions.channels import TOP_TIER, postal_tier, top_by_amount
from tasks.occasions.holidays import load_catalogue
from tasks.occasions.kinds import Rules
from tasks.occasions.namedays import load_name_days
from tasks.occasions.salutation import load_templates
from tasks.resolve import Resolution, raw_json, resolve
from tasks.resolve.linker import Spread
from tasks.resolve.overrides import load_overrides
from tasks.run import RunInfo
from tasks.state import (
    load_identity,
    load_seen,
    load_sources,
    load_suppressions,
    merge_suppressions,
    stage_identity,
    stage_seen,
    stage_sources,
    stage_suppressions,
    suppressions_table,
)
from tasks.suppress import Suppression, contact_suppressions, suppressions_from, value_hashes
from tasks.validate import ValidationResult, validate_sources
from tasks.write import Stage, read_dataset, table

log = logging.getLogger(__name__)


@dataclass(slots=True)
class SourceOutcome:
    """One source after reading and normalising."""

    name: str
    kind: str
    role: str
    status: str  # read, cached, stale
    read: int
    records: list[NormRecord] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    fresh: int | None = None  # records read and normalised by this run; None: all of ``read``
    watermarks: dict[str, tuple[int, int]] = field(default_factory=dict)  # IMAP folders


def ingest(
    source: SourceConfig, config: Config, since: dict[str, tuple[int, int]] | None = None
) -> ReadResult:
    """Read one source (an IMAP source's folders from the ``since`` watermarks on)."""
    context = ReadContext(
        self_addresses=frozenset(a.lower() for a in config.self_addresses), since=since or {}
    )
    return read_source(source, context)


def read_or_down(
    source: SourceConfig, config: Config, since: dict[str, tuple[int, int]] | None = None
) -> ReadResult | SourceUnavailable:
    """:func:`ingest`, with a source that is down given back as its error, so that one source
    down among many read at once (on a cluster) does not stop the others."""
    try:
        return ingest(source, config, since)
    except SourceUnavailable as down:
        return down


def normalise(
    source: SourceConfig, result: ReadResult, config: Config, today: dt.date
) -> SourceOutcome:
    """Normalise one source's records; bad fields and unusable records go to quarantine."""
    region = source.default_region or config.default_region
    order = source.date_order or date_order_for_region(region)
    outcome = SourceOutcome(
        source.name,
        source.kind,
        source.role,
        "read",
        result.read,
        quarantined=list(result.quarantined),
        watermarks=dict(result.watermarks),
    )
    for raw in result.records:
        record, problems = normalise_record(
            raw,
            role=source.role,
            region=region,
            date_order=order,
            priority=source.priority,
            today=today,
            sms_to_fixed_line_or_mobile=config.channels.sms_to_fixed_line_or_mobile,
        )
        outcome.quarantined.extend(problems)
        if record is not None:
            outcome.records.append(record)
    log.info(
        "source %s: %d read, %d records kept, %d quarantine notes",
        source.name,
        outcome.read,
        len(outcome.records),
        len(outcome.quarantined),
    )
    return outcome


def chunks(result: ReadResult, size: int) -> list[ReadResult]:
    """``result`` in parts of at most ``size`` records; the reader's quarantine and watermarks
    go with the first part. Always at least one part."""
    parts = [
        ReadResult(records=result.records[start : start + size])
        for start in range(0, len(result.records), size)
    ] or [ReadResult()]
    parts[0].quarantined = list(result.quarantined)
    parts[0].watermarks = dict(result.watermarks)
    return parts


def joined(parts: list[SourceOutcome], whole: ReadResult) -> SourceOutcome:
    """One source's outcome from the outcomes of its parts, in order; ``whole`` is what was
    read (its count of records read, its watermarks)."""
    first = parts[0]
    return SourceOutcome(
        first.name,
        first.kind,
        first.role,
        first.status,
        whole.read,
        records=[r for part in parts for r in part.records],
        quarantined=[q for part in parts for q in part.quarantined],
        watermarks=dict(whole.watermarks),
    )


def validate(
    outcomes: list[SourceOutcome],
    today: dt.date,
    known: dict[str, ValidationResult] | None = None,
) -> dict[str, ValidationResult]:
    """Each source's share of the validation, by name: a source in ``known`` (its records as an
    earlier run of the same year validated them) keeps it; the others are validated together,
    in one run of the expectation suites."""
    known = known or {}
    fresh = validate_sources([r for o in outcomes if o.name not in known for r in o.records], today)
    nothing = ValidationResult([], [], {})
    return {o.name: known.get(o.name, fresh.get(o.name, nothing)) for o in outcomes}


@dataclass(slots=True)
class Resolved:
    resolution: Resolution
    suppressions: list[Suppression]
    seen: set[str] = field(default_factory=set)  # hashes of every email and phone seen so far
    sources: dict[str, dt.date] = field(default_factory=dict)  # read before, first read on


def resolve_contacts(
    valid: ValidationResult,
    config: Config,
    run: RunInfo,
    salt: bytes,
    spread: Spread | None = None,
) -> Resolved:
    """Suppressions first (opt-outs win), then one contact per person (the heavy part of
    linking where ``spread`` says)."""
    previous = load_suppressions(config.state_dir)
    since = {s.value_hash: s.since for s in previous}
    current = suppressions_from(valid.records, salt, run.as_of, since)
    suppressions = merge_suppressions(previous, current, run.as_of)
    overrides = load_overrides(config.resolution.overrides) if config.resolution.overrides else []
    identity = load_identity(config.state_dir)
    records = opt_out_forgotten(valid.records, suppressions, salt)
    resolution = resolve(
        records,
        identity,
        run.as_of,
        config.timezone,
        suppressions,
        config.resolution,
        overrides,
        spread,
    )
    seen, sources = load_seen(config.state_dir), load_sources(config.state_dir)
    if identity.first_seen:  # the first run on an empty state welcomes nobody
        # a backfill's window is elsewhere: its newcomers are welcomed by the next nightly run
        day = run.as_of + dt.timedelta(days=1 if run.command == "backfill" else 0)
        welcome_newcomers(resolution, set(sources), seen, salt, day)
    for contact in resolution.contacts:
        seen |= value_hashes(salt, contact["emails"], contact["phones"])
    # an opt-out covers every email and phone of the contact, and outlives later splits; a
    # value suppressed already keeps its own row (the spread rows go in as the earlier ones)
    widened = contact_suppressions(
        resolution.contacts, resolution.optout_origins, salt, run.as_of, since
    )
    merged = merge_suppressions(widened, suppressions, run.as_of)
    return Resolved(resolution, merged, seen, sources)


def opt_out_forgotten(
    records: list[NormRecord], suppressions: list[Suppression], salt: bytes
) -> list[NormRecord]:
    """The records, those holding an email or phone of a forgotten person marked opted out:
    a source that brings the person back cannot make them reachable again."""
    forgotten = {s.value_hash for s in suppressions if s.reason == "forgotten"}
    if not forgotten:
        return records

    def held(record: NormRecord) -> bool:
        return bool(forgotten & value_hashes(salt, record.emails, [p.e164 for p in record.phones]))

    return [
        dataclasses.replace(r, opted_out=True) if not r.opted_out and held(r) else r
        for r in records
    ]


def welcome_newcomers(
    resolution: Resolution, known_sources: set[str], seen: set[str], salt: bytes, day: dt.date
) -> None:
    """Mark for a welcome on ``day`` the contacts this run created that are new people: a
    source read before brought them (the people a new source brings were customers before it
    was added), and none of their emails and phones was ever seen (a record edited gets a new
    hash, and so a new contact, but is no newcomer)."""
    created = {e.contact_id for e in resolution.events if e.event == "created"}
    brought = {
        row["contact_id"]
        for row in resolution.lineage
        if row["contact_id"] in created and row["source"] in known_sources
    }
    for contact in resolution.contacts:
        if contact["contact_id"] not in brought:
            continue
        if not seen & value_hashes(salt, contact["emails"], contact["phones"]):
            resolution.identity.welcome[contact["contact_id"]] = day


def occasions(resolved: Resolved, config: Config, run: RunInfo) -> list[dict[str, Any]]:
    """The calendar rows for the run's window. Marks the contacts the channels rule puts in
    the top tier (``tier`` = top) when no source gave them a tier."""
    settings = config.occasions
    catalogue = load_catalogue()  # its settings were checked with the config
    resolution = resolved.resolution
    top = top_by_amount(resolution.deals, config.channels.postal_top_share)
    postal = set()
    for contact in resolution.contacts:
        if not contact.get("tier") and contact["contact_id"] in top:
            contact["tier"] = TOP_TIER
        if postal_tier(contact, top, config.channels.postal_tiers):
            postal.add(contact["contact_id"])
    rules = Rules(
        feb29=settings.feb29,
        name_days=load_name_days() if settings.name_days else None,
        holidays=catalogue,
        holiday_settings=settings.holidays,
        service_recovery_days=settings.service_recovery_days,
        welcome=dict(resolution.identity.welcome),
        disputes={
            contact_id: [
                (r.record_hash, r.dispute_resolved)
                for r in records
                if r.dispute_resolved is not None
            ]
            for contact_id, records in resolution.disputes.items()
        },
    )
    return build_calendar(
        resolution.contacts,
        run.start,
        run.end,
        rules=rules,
        settings=CalendarSettings(
            send_hour=settings.send_hour,
            postal_lead_days=settings.postal_lead_days,
            min_days_between=config.moderation.min_days_between,
            max_per_year=config.moderation.max_per_year,
            language=settings.language,
        ),
        templates=load_templates(),
        postal=frozenset(postal),
    )


def _occasions_table(new_rows: list[dict[str, Any]], config: Config, run: RunInfo) -> pa.Table:
    """New rows for the window, and every earlier row outside it as it was."""
    fresh = table(new_rows, tables.OCCASIONS)
    folder = config.output_dir / "occasions"
    if folder.is_dir():
        old = read_dataset(folder, tables.OCCASIONS, tables.OCCASION_PARTITIONS).to_table()
        old = old.select([n for n in old.column_names if n not in ("year", "month")])
        dates = old.column("occasion_date").to_pylist()
        keep = [not (run.start <= d <= run.end) for d in dates]
        old = old.filter(pa.array(keep, type=pa.bool_())).cast(tables.OCCASIONS)
        fresh = pa.concat_tables([old, fresh])
    dates = fresh.column("occasion_date").to_pylist()
    fresh = fresh.append_column("year", pa.array([d.year for d in dates], pa.int16()))
    fresh = fresh.append_column("month", pa.array([d.month for d in dates], pa.int8()))
    return fresh.sort_by([("occasion_date", "ascending"), ("contact_id", "ascending")])


def all_quarantined(
    outcomes: list[SourceOutcome], valid: ValidationResult, resolution: Resolution
) -> list[Quarantined]:
    """Every quarantine entry of the run: readers and normaliser, validation, resolution."""
    return [q for o in outcomes for q in o.quarantined] + valid.quarantined + resolution.quarantined


def quarantine_rows(
    outcomes: list[SourceOutcome], valid: ValidationResult, resolution: Resolution
) -> list[dict[str, Any]]:
    return [
        {
            "source": q.source,
            "record_key": q.record_key,
            "field": q.field,
            "rule": q.rule,
            "reason": q.reason,
            "raw": raw_json(q.raw),
        }
        for q in all_quarantined(outcomes, valid, resolution)
    ]


def write(
    outcomes: list[SourceOutcome],
    valid: ValidationResult,
    resolved: Resolved,
    calendar: list[dict[str, Any]],
    config: Config,
    run: RunInfo,
    manifest: dict[str, Any],
    cached: dict[str, bytes] | None = None,
) -> None:
    """Stage every output and the state (with ``cached``, the files of the sources' cache),
    then commit them together."""
    resolution = resolved.resolution
    stage = Stage(run.run_id, config.output_dir, config.state_dir)
    try:
        stage.parquet("out", "contacts.parquet", table(resolution.contacts, tables.CONTACTS))
        stage.parquet(
            "out", "contact_sources.parquet", table(resolution.lineage, tables.CONTACT_SOURCES)
        )
        stage.parquet(
            "out",
            "quarantine.parquet",
            table(quarantine_rows(outcomes, valid, resolution), tables.QUARANTINE),
        )
        stage.parquet("out", "suppressions.parquet", suppressions_table(resolved.suppressions))
        stage.parquet("out", "matches.parquet", resolution.matches)
        events = [
            {
                "run_id": run.run_id,
                "event": e.event,
                "contact_id": e.contact_id,
                "other_contact_ids": list(e.other_contact_ids),
                "records": e.records,
            }
            for e in resolution.events
        ]
        stage.parquet("out", "identity_events.parquet", table(events, tables.IDENTITY_EVENTS))
        stage.dataset(
            "out", "occasions", _occasions_table(calendar, config, run), tables.OCCASION_PARTITIONS
        )
        text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        stage.text("out", "run_manifest.json", text)
        stage.text("out", f"runs/{run.run_id}.json", text)
        stage_identity(stage, resolution.identity)
        sources = dict(resolved.sources)
        for outcome in outcomes:
            if outcome.status == "read":
                sources.setdefault(outcome.name, run.as_of)
        stage_sources(stage, sources)
        stage_seen(stage, resolved.seen)
        if cached is not None:
            stage.folder("state", "cache", cached)
        stage_suppressions(stage, resolved.suppressions)
        stage.commit()
    except BaseException:
        stage.abandon()
        raise


def _fresh(outcome: SourceOutcome) -> int:
    if outcome.status != "read":
        return 0
    return outcome.read if outcome.fresh is None else outcome.fresh


def manifest(
    outcomes: list[SourceOutcome],
    valid: ValidationResult,
    resolved: Resolved,
    calendar: list[dict[str, Any]],
    run: RunInfo,
    timings: dict[str, float],
    finished_at: dt.datetime,
    validated: int = 0,
) -> dict[str, Any]:
    """The run's manifest: counts and ids only; ``validated``: the records this run validated
    (the others' validation came from the state with their records)."""
    resolution = resolved.resolution
    reached = Counter(row["source"] for row in resolution.lineage)
    whole: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    for q in all_quarantined(outcomes, valid, resolution):
        (whole if q.field is None else dropped)[q.source] += 1
    suppressed_by_source = Counter(s.source for s in resolved.suppressions)
    sources = {
        o.name: {
            "status": o.status,
            "kind": o.kind,
            "role": o.role,
            "read": o.read,
            "quarantined": whole[o.name],
            "fields_dropped": dropped[o.name],
            "reached_contact": reached[o.name],
            "suppressions": suppressed_by_source[o.name],
        }
        for o in outcomes
    }
    return {
        "schema_version": tables.MANIFEST_SCHEMA_VERSION,
        "run_id": run.run_id,
        "command": run.command,
        "as_of": run.as_of.isoformat(),
        "window": {"start": run.start.isoformat(), "end": run.end.isoformat()},
        "started_at": run.started_at.isoformat(),
        "finished_at": finished_at.isoformat(),
        "sources": sources,
        "counts": {
            "contacts": len(resolution.contacts),
            "occasions": dict(sorted(Counter(r["occasion_type"] for r in calendar).items())),
            "suppressed": dict(
                sorted(
                    Counter(r["suppression_reason"] for r in calendar if r["suppressed"]).items()
                )
            ),
        },
        "validation": valid.summary,
        "resolution": {
            **resolution.stats,
            "events": dict(sorted(Counter(e.event for e in resolution.events).items())),
        },
        "timings": {k: round(v, 3) for k, v in timings.items()},
        "work": {
            "sources": dict(sorted(Counter(o.status for o in outcomes).items())),
            "records_read_and_normalised": sum(_fresh(o) for o in outcomes),
            "records_from_the_state": sum(o.read - _fresh(o) for o in outcomes),
            "records_validated": validated,
        },
    }
