"""What the mailers take away: the coming greetings for a terminal, and mail-merge CSVs.

Reads the outputs of the last run (``occasions/``, ``contacts.parquet``,
``suppressions.parquet``); writes nothing but the export files. A greeting is the lead
occasion of a contact's day that is not suppressed; the occasions combined into it are listed
with it.

Export formats, each a greetings CSV and a suppression list beside it:
- ``listmonk``: its subscriber import (``email``, ``name``, ``attributes`` as a JSON object);
  the suppression list in the same shape, to import in blocklist mode.
- ``mailchimp``: an audience import (``Email Address``, ``First Name``, ``Last Name``, then one
  column per merge field); the suppression list as ``Email Address`` alone, to import as
  unsubscribed.

Only greetings sent by email go into these files: postal cards and SMS have other tools.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow.dataset as ds

from tasks.config import Config
from tasks.errors import UserError
from tasks.occasions.moderation import rank
from tasks.write import FILE_MODE, private_dir

FORMATS = ("listmonk", "mailchimp")
MAILCHIMP_FIELDS = (
    ("Salutation", "salutation"),
    ("Occasion", "occasion_name"),
    ("Occasion Type", "occasion_type"),
    ("Occasions", "occasions"),
    ("Occasion Date", "occasion_date"),
    ("Years", "years"),
    ("Language", "language"),
    ("Send At", "send_at"),
    ("Greeting ID", "greeting_id"),
    ("Contact ID", "contact_id"),
)


def greetings(config: Config, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The greetings to send with an occasion in ``[start, end]``, by send time, with the
    contact's names and the names of all the occasions of the greeting's day (``occasions``).
    Raises :class:`UserError` when there is no calendar yet."""
    folder = config.output_dir / "occasions"
    if not folder.is_dir():
        raise UserError(f"no calendar in {folder}: run `rapport run --config ...` first")
    table = ds.dataset(folder, format="parquet", partitioning="hive").to_table(
        filter=(ds.field("occasion_date") >= start) & (ds.field("occasion_date") <= end)
    )
    rows = table.to_pandas()
    if rows.empty:
        return rows.assign(occasions=[], given_name=[], family_name=[])
    names = (
        rows.assign(lead=rows["occasion_type"].map(rank))
        .sort_values(["greeting_id", "lead", "occasion_name"])
        .groupby("greeting_id")["occasion_name"]
        .agg(" + ".join)
    )
    sent = rows[~rows["suppressed"]].copy()
    sent["occasions"] = sent["greeting_id"].map(names)
    contacts = pd.read_parquet(
        config.output_dir / "contacts.parquet", columns=["contact_id", "given_name", "family_name"]
    )
    sent = sent.merge(contacts, on="contact_id", how="left")
    return sent.sort_values(["send_at", "contact_id"]).reset_index(drop=True)


def suppressed_emails(config: Config) -> list[str]:
    """Every email that must not be written to, sorted."""
    path = config.output_dir / "suppressions.parquet"
    if not path.exists():
        return []
    table = pd.read_parquet(path, columns=["kind", "value"])
    emails = table[(table["kind"] == "email") & table["value"].notna()]["value"]
    return sorted(set(emails))


@dataclass(frozen=True, slots=True)
class Exported:
    greetings: Path
    suppressions: Path
    rows: int
    suppressed: int


def export(
    config: Config, form: str, start: dt.date, end: dt.date, out: Path | None = None
) -> Exported:
    """Write ``FORM-greetings-START-END.csv`` and ``FORM-suppressions.csv`` into ``out``
    (default: ``output_dir/exports``), readable by their owner only."""
    if form not in FORMATS:
        raise UserError(f"--format {form!r}: choose one of {', '.join(FORMATS)}")
    folder = private_dir(out or config.output_dir / "exports")
    found = greetings(config, start, end)
    by_email = found[found["channel"] == "email"]
    blocked = suppressed_emails(config)
    mail_path = folder / f"{form}-greetings-{start.isoformat()}-{end.isoformat()}.csv"
    block_path = folder / f"{form}-suppressions.csv"
    with _private(mail_path) as handle:
        if form == "listmonk":
            _listmonk(handle, by_email)
        else:
            _mailchimp(handle, by_email)
    with _private(block_path) as handle:
        writer = csv.writer(handle)
        if form == "listmonk":
            writer.writerow(["email", "name", "attributes"])
            writer.writerows([email, "", "{}"] for email in blocked)
        else:
            writer.writerow(["Email Address"])
            writer.writerows([email] for email in blocked)
    return Exported(mail_path, block_path, len(by_email), len(blocked))


def _merge_fields(row: Any) -> dict[str, Any]:
    return {
        "salutation": row.salutation,
        "occasion_name": row.occasion_name,
        "occasion_type": row.occasion_type,
        "occasions": row.occasions,
        "occasion_date": row.occasion_date.isoformat(),
        "years": None if pd.isna(row.years) else int(row.years),
        "language": row.language,
        "send_at": row.send_at.isoformat(),
        "greeting_id": row.greeting_id,
        "contact_id": row.contact_id,
    }


def _full_name(row: Any) -> str:
    parts = (row.given_name, row.family_name)
    return " ".join(p for p in parts if isinstance(p, str) and p)


def _listmonk(handle: IO[str], rows: pd.DataFrame) -> None:
    writer = csv.writer(handle)
    writer.writerow(["email", "name", "attributes"])
    for row in rows.itertuples():
        attributes = json.dumps(_merge_fields(row), ensure_ascii=False)
        writer.writerow([row.email, _full_name(row), attributes])


def _mailchimp(handle: IO[str], rows: pd.DataFrame) -> None:
    writer = csv.writer(handle)
    writer.writerow(["Email Address", "First Name", "Last Name", *(h for h, _ in MAILCHIMP_FIELDS)])
    for row in rows.itertuples():
        fields = _merge_fields(row)
        first = row.given_name if isinstance(row.given_name, str) else ""
        last = row.family_name if isinstance(row.family_name, str) else ""
        values = ["" if fields[k] is None else fields[k] for _, k in MAILCHIMP_FIELDS]
        writer.writerow([row.email, first, last, *values])


@contextmanager
def _private(path: Path) -> Iterator[IO[str]]:
    """A new file only its owner can read, written whole or not at all."""
    partial = path.with_name(f".{path.name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.chmod(partial, FILE_MODE)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
