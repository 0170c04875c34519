"""Validation of the normalised records with Great Expectations.

The suites come from ``schemas/expectations.py``. A value that fails is dropped from its record,
which goes on, and the drop is noted in quarantine under the record's key, naming the field and
the expectation. Two records with the same (source, record_key) would break lineage, so a repeat
is quarantined whole (``record_key_is_unique``).
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from schemas.expectations import Rule, rules, suite_for
from schemas.records import NormRecord, Quarantined

log = logging.getLogger(__name__)

_SCALARS = (
    "birthday_month",
    "birthday_day",
    "birth_year",
    "country",
    "timezone",
    "gender",
    "language",
    "mobile",
)


@dataclass(slots=True)
class ValidationResult:
    records: list[NormRecord]
    quarantined: list[Quarantined]
    summary: dict[str, dict[str, int]] = field(default_factory=dict)  # rule -> evaluated, failed


def _frames(records: list[NormRecord]) -> dict[str, pd.DataFrame]:
    scalars = pd.DataFrame(
        {name: pd.Series([getattr(r, name) for r in records], dtype="object") for name in _SCALARS}
    )
    emails = [(i, e) for i, r in enumerate(records) for e in r.emails]
    phones = [(i, p.e164) for i, r in enumerate(records) for p in r.phones]
    return {
        "records": scalars,
        "emails": pd.DataFrame(
            {
                "record": [i for i, _ in emails],
                "email": pd.Series([e for _, e in emails], dtype="object"),
            }
        ),
        "phones": pd.DataFrame(
            {
                "record": [i for i, _ in phones],
                "phone": pd.Series([p for _, p in phones], dtype="object"),
            }
        ),
    }


def _run_suites(frames: dict[str, pd.DataFrame], today: dt.date) -> dict[str, list[int]]:
    """rule -> the failing row indexes of its frame."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_pandas("rapport")
    out: dict[str, list[int]] = {}
    for name, frame in frames.items():
        suite = context.suites.add(suite_for(name, today))
        if not suite.expectations:
            continue
        asset = datasource.add_dataframe_asset(name)
        batch = asset.add_batch_definition_whole_dataframe("all").get_batch(
            batch_parameters={"dataframe": frame}
        )
        result = batch.validate(suite, result_format="COMPLETE")
        for item in result.results:
            expectation = item.expectation_config
            assert expectation is not None and expectation.meta is not None
            failing = item.result.get("unexpected_index_list") or []
            out[str(expectation.meta["rule"])] = [int(i) for i in failing]
    return out


def _drop(record: NormRecord, rule: Rule, frames: dict[str, pd.DataFrame], row: int) -> None:
    if rule.frame == "records":
        setattr(record, rule.field, None)
    elif rule.frame == "emails":
        bad = frames["emails"].at[row, "email"]
        record.emails = [e for e in record.emails if e != bad]
    else:
        bad = frames["phones"].at[row, "phone"]
        record.phones = [p for p in record.phones if p.e164 != bad]


def _rule_names(today: dt.date) -> list[str]:
    """Every rule a validation counts: repeated keys first, then the expectations."""
    return ["record_key_is_unique", *(rule.rule for rule in rules(today))]


def _share(
    records: list[NormRecord], quarantined: list[Quarantined], counts: dict[str, list[int]]
) -> ValidationResult:
    return ValidationResult(
        records,
        quarantined,
        {rule: {"evaluated": e, "failed": f} for rule, (e, f) in counts.items()},
    )


def validate_sources(records: Iterable[NormRecord], today: dt.date) -> dict[str, ValidationResult]:
    """Run the suites once over ``records``; each source's share of the outcome (its records,
    its quarantine entries and its counts per rule), by source name, in order of appearance.

    A failing value is dropped from a copy of its record: the records given are not changed,
    so that a source's normalised records can be kept and validated again on another day.
    """
    unique: list[NormRecord] = []
    quarantined: dict[str, list[Quarantined]] = {}  # by source, in order of appearance
    names = _rule_names(today)
    counts: dict[str, dict[str, list[int]]] = {}
    seen: set[tuple[str, str]] = set()

    def note(source: str) -> tuple[list[Quarantined], dict[str, list[int]]]:
        if source not in quarantined:
            quarantined[source] = []
            counts[source] = {name: [0, 0] for name in names}
        return quarantined[source], counts[source]

    for record in records:
        notes, tally = note(record.source)
        key = (record.source, record.record_key)
        tally["record_key_is_unique"][0] += 1
        if key in seen:
            tally["record_key_is_unique"][1] += 1
            notes.append(
                Quarantined(
                    record.source,
                    record.record_key,
                    None,
                    "record_key_is_unique",
                    "the record key was already read from this source (rule record_key_is_unique); "
                    "the repeat was not used",
                    record.raw,
                )
            )
            continue
        seen.add(key)
        unique.append(record)
    if unique:
        frames = _frames(unique)
        outcome = _run_suites(frames, today)
        of_record = pd.Series([r.source for r in unique], dtype="object")
        owners = {
            name: of_record if name == "records" else of_record.iloc[frame["record"]]
            for name, frame in frames.items()
        }
        copied: set[int] = set()
        for rule in rules(today):
            present = frames[rule.frame][rule.field].notna().to_numpy()
            for source, n in owners[rule.frame][present].value_counts().items():
                counts[str(source)][rule.rule][0] += int(n)
            for row in outcome.get(rule.rule, []):
                index = (
                    row if rule.frame == "records" else int(frames[rule.frame].at[row, "record"])
                )
                if index not in copied:  # the caller's record stays as it was read
                    unique[index] = copy.copy(unique[index])
                    copied.add(index)
                record = unique[index]
                _drop(record, rule, frames, row)
                counts[record.source][rule.rule][1] += 1
                quarantined[record.source].append(
                    Quarantined(
                        record.source,
                        record.record_key,
                        rule.column,
                        rule.rule,
                        f"{rule.column} {rule.says} (expectation {rule.rule}); the value was "
                        "dropped and the record kept",
                        record.raw,
                    )
                )
    kept: dict[str, list[NormRecord]] = {source: [] for source in quarantined}
    for record in unique:
        if record.role != "contacts" or record.identifies_a_person():
            kept[record.source].append(record)
        else:
            quarantined[record.source].append(
                Quarantined(
                    record.source,
                    record.record_key,
                    None,
                    "record_identifies_a_person",
                    "after validation the record has no name, email or phone "
                    "(rule record_identifies_a_person); it was not used",
                    record.raw,
                )
            )
    shares = {s: _share(kept[s], quarantined[s], counts[s]) for s in kept}
    log.info(
        "validated %d records of %d sources against %d rules, %d failures",
        len(unique),
        len(shares),
        len(names),
        sum(v["failed"] for share in shares.values() for v in share.summary.values()),
    )
    return shares


def combined(parts: Iterable[ValidationResult], today: dt.date) -> ValidationResult:
    """One result of several sources' shares, in the order given; every rule counted."""
    summary = {name: {"evaluated": 0, "failed": 0} for name in _rule_names(today)}
    records: list[NormRecord] = []
    quarantined: list[Quarantined] = []
    for part in parts:
        records.extend(part.records)
        quarantined.extend(part.quarantined)
        for name, tally in part.summary.items():
            for key, value in tally.items():
                summary.setdefault(name, {"evaluated": 0, "failed": 0})[key] += value
    return ValidationResult(records, quarantined, summary)


def validate_records(records: Iterable[NormRecord], today: dt.date) -> ValidationResult:
    """Run the suites; drop failing values (noting each in quarantine) and repeated keys."""
    return combined(validate_sources(records, today).values(), today)
