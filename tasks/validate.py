"""Validation of the normalised records with Great Expectations.

The suites come from ``schemas/expectations.py``. A value that fails is dropped from its record,
which goes on, and the drop is noted in quarantine under the record's key, naming the field and
the expectation. Two records with the same (source, record_key) would break lineage, so a repeat
is quarantined whole (``record_key_is_unique``).
"""

from __future__ import annotations

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


def _run_suites(
    frames: dict[str, pd.DataFrame], today: dt.date
) -> dict[str, tuple[int, list[int]]]:
    """rule -> (values evaluated, failing row indexes of its frame)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_pandas("rapport")
    out: dict[str, tuple[int, list[int]]] = {}
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
            rule = str(expectation.meta["rule"])
            column = expectation.kwargs["column"]
            evaluated = int(frame[column].notna().sum()) if len(frame) else 0
            failing = [int(i) for i in item.result.get("unexpected_index_list") or []]
            out[rule] = (evaluated, failing)
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


def validate_records(records: Iterable[NormRecord], today: dt.date) -> ValidationResult:
    """Run the suites; drop failing values (noting each in quarantine) and repeated keys."""
    unique: list[NormRecord] = []
    quarantined: list[Quarantined] = []
    seen: set[tuple[str, str]] = set()
    repeats = 0
    for record in records:
        key = (record.source, record.record_key)
        if key in seen:
            repeats += 1
            quarantined.append(
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
    summary: dict[str, dict[str, int]] = {
        "record_key_is_unique": {"evaluated": len(unique) + repeats, "failed": repeats}
    }
    if not unique:
        return ValidationResult(unique, quarantined, summary)
    frames = _frames(unique)
    outcome = _run_suites(frames, today)
    for rule in rules(today):
        evaluated, failing = outcome.get(rule.rule, (0, []))
        summary[rule.rule] = {"evaluated": evaluated, "failed": len(failing)}
        for row in failing:
            index = row if rule.frame == "records" else int(frames[rule.frame].at[row, "record"])
            record = unique[index]
            _drop(record, rule, frames, row)
            quarantined.append(
                Quarantined(
                    record.source,
                    record.record_key,
                    rule.column,
                    rule.rule,
                    f"{rule.column} {rule.says} (expectation {rule.rule}); the value was dropped "
                    "and the record kept",
                    record.raw,
                )
            )
    kept: list[NormRecord] = []
    for record in unique:
        if record.role != "contacts" or record.identifies_a_person():
            kept.append(record)
        else:
            quarantined.append(
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
    failed = sum(v["failed"] for v in summary.values())
    log.info(
        "validated %d records against %d rules, %d failures", len(unique), len(summary), failed
    )
    return ValidationResult(kept, quarantined, summary)
