"""What the mailers take away: the coming greetings for a terminal, and mail-merge CSVs.

Reads the outputs of the last run (``occasions/``, ``contacts.parquet``,
``suppressions.parquet``); writes nothing but the export files. A greeting is the lead
occasion of a contact's day that is not suppressed; the occasions combined into it are listed
with it. Greetings are chosen by the day they are sent (``send_at`` in the config's time zone),
so a card that leaves a week before its occasion is in the window it leaves in.

Both tools import one subscriber per address, so an export is one CSV per day of sending, each
address once in it: two people who share an address and are greeted on one day (a household)
get the first greeting, and the others are counted as left out. Formats, each with a
suppression list beside the greetings:
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

from schemas import tables
from tasks.config import Config
from tasks.errors import UserError
from tasks.occasions.moderation import rank
from tasks.write import FILE_MODE, private_dir, read_dataset

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
    ("Send Day", "send_day"),
    ("Greeting ID", "greeting_id"),
    ("Contact ID", "contact_id"),
)


def greetings(config: Config, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The greetings sent from ``start`` to ``end`` (the days of ``send_at`` in the config's time
    zone), by send time, with the contact's names ("" when unknown; ``contact_name`` both
    together), the day they are sent (``send_day``) and the names of all the occasions of the
    greeting's day (``occasions``). Raises
    :class:`UserError` when there is no calendar yet."""
    folder = config.output_dir / "occasions"
    if not folder.is_dir():
        raise UserError(f"no calendar in {folder}: run `rapport run --config ...` first")
    latest = end + dt.timedelta(days=config.occasions.postal_lead_days)
    dataset = read_dataset(folder, tables.OCCASIONS, tables.OCCASION_PARTITIONS)
    table = dataset.to_table(
        filter=(ds.field("occasion_date") >= start) & (ds.field("occasion_date") <= latest)
    )
    rows = table.to_pandas()
    if rows.empty:
        return rows.assign(
            occasions=[], given_name=[], family_name=[], contact_name=[], send_day=[]
        )
    names = (
        rows.assign(lead=rows["occasion_type"].map(rank))
        .sort_values(["greeting_id", "lead", "occasion_name"])
        .groupby("greeting_id")["occasion_name"]
        .agg(" + ".join)
    )
    sent = rows[~rows["suppressed"]].copy()
    sent["occasions"] = sent["greeting_id"].map(names)
    sent["send_day"] = sent["send_at"].dt.tz_convert(config.timezone).dt.date
    sent = sent[(sent["send_day"] >= start) & (sent["send_day"] <= end)]
    contacts = pd.read_parquet(
        config.output_dir / "contacts.parquet", columns=["contact_id", "given_name", "family_name"]
    )
    sent = sent.merge(contacts, on="contact_id", how="left")
    sent[["given_name", "family_name"]] = sent[["given_name", "family_name"]].fillna("")
    sent["contact_name"] = (sent["given_name"] + " " + sent["family_name"]).str.strip()
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
    greetings: list[Path]  # one file per day of sending
    suppressions: Path
    rows: int
    left_out: int  # greetings to an address another greeting of that day already has
    suppressed: int


def export(
    config: Config, form: str, start: dt.date, end: dt.date, out: Path | None = None
) -> Exported:
    """Write ``FORM-greetings-DAY.csv`` for each day of sending in the window and
    ``FORM-suppressions.csv`` into ``out`` (default: ``output_dir/exports``), readable by their
    owner only."""
    if form not in FORMATS:
        raise UserError(f"--format {form!r}: choose one of {', '.join(FORMATS)}")
    folder = private_dir(out or config.output_dir / "exports")
    found = greetings(config, start, end)
    by_email = found[found["channel"] == "email"]
    once = by_email.drop_duplicates(["send_day", "email"])
    written = []
    for day, rows in once.groupby("send_day", sort=True):
        path = folder / f"{form}-greetings-{day.isoformat()}.csv"
        with _private(path) as handle:
            (_listmonk if form == "listmonk" else _mailchimp)(handle, rows)
        written.append(path)
    blocked = suppressed_emails(config)
    block_path = folder / f"{form}-suppressions.csv"
    with _private(block_path) as handle:
        writer = csv.writer(handle)
        if form == "listmonk":
            writer.writerow(["email", "name", "attributes"])
            writer.writerows([email, email, "{}"] for email in blocked)
        else:
            writer.writerow(["Email Address"])
            writer.writerows([email] for email in blocked)
    return Exported(written, block_path, len(once), len(by_email) - len(once), len(blocked))


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
        "send_day": row.send_day.isoformat(),
        "greeting_id": row.greeting_id,
        "contact_id": row.contact_id,
    }


def _listmonk(handle: IO[str], rows: pd.DataFrame) -> None:
    writer = csv.writer(handle)
    writer.writerow(["email", "name", "attributes"])
    for row in rows.itertuples():
        attributes = json.dumps(_merge_fields(row), ensure_ascii=False)
        writer.writerow([row.email, row.contact_name or row.email, attributes])


def _mailchimp(handle: IO[str], rows: pd.DataFrame) -> None:
    writer = csv.writer(handle)
    writer.writerow(["Email Address", "First Name", "Last Name", *(h for h, _ in MAILCHIMP_FIELDS)])
    for row in rows.itertuples():
        fields = _merge_fields(row)
        values = ["" if fields[k] is None else fields[k] for _, k in MAILCHIMP_FIELDS]
        writer.writerow([row.email, row.given_name, row.family_name, *values])


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
