"""Every file in ../shared/corpus/ through a real run: each file a source of its own.

No crash, no traceback; every record read is in lineage, suppressions or quarantine; cards and
messages are counted independently of the readers.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from tests.conftest import AS_OF, CORPUS

pytestmark = [pytest.mark.flow, pytest.mark.slow]
KINDS = {"csv": "csv", "mail": "eml", "mbox": "mbox", "vcard": "vcard"}


def corpus_files() -> list[Path]:
    files = []
    for folder in KINDS:
        files += sorted(p for p in (CORPUS / folder).iterdir() if p.is_file())
    return files


def source_name(path: Path) -> str:
    return re.sub(r"[^a-z0-9_]", "_", f"{path.parent.name}_{path.stem}".lower())


@pytest.fixture(scope="module")
def corpus_run(
    prefect_harness: None, corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    from flows.sync import sync

    folder = tmp_path_factory.mktemp("corpus")
    sources = [
        {
            "name": source_name(p),
            "kind": KINDS[p.parent.name],
            "path": str(p),
            "default_region": "US",
        }
        for p in corpus_files()
    ]
    config = folder / "rapport.yaml"
    config.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True), encoding="utf-8")
    manifest = sync(str(config), as_of=AS_OF.isoformat())
    out = folder / "out"
    return {
        "manifest": manifest,
        "lineage": pd.read_parquet(out / "contact_sources.parquet"),
        "quarantine": pd.read_parquet(out / "quarantine.parquet"),
        "contacts": pd.read_parquet(out / "contacts.parquet"),
    }


def test_the_corpus_holds_what_its_readme_says(corpus: Path) -> None:
    assert len(corpus_files()) == 108  # the brief's 108 real-world inputs


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_file_is_read_and_accounted_for(
    corpus_run: dict[str, Any], path: Path
) -> None:
    name = source_name(path)
    info = corpus_run["manifest"]["sources"][name]
    assert info["status"] == "read"
    lineage, quarantine = corpus_run["lineage"], corpus_run["quarantine"]
    whole = quarantine[quarantine["field"].isna()]
    keys = set(lineage.loc[lineage["source"] == name, "record_key"])
    keys |= set(whole.loc[whole["source"] == name, "record_key"])
    assert len(keys) == info["read"]
    if path.parent.name in ("mail", "mbox"):
        assert info["read"] >= 1, "a message must be a record or a quarantine entry"
    if path.parent.name == "vcard":
        data = path.read_bytes()
        text = data.decode("utf-16-be") if data[:1] == b"\x00" else data.decode("latin-1")
        cards = len(re.findall(r"(?im)^begin:vcard\s*$", text))
        assert info["read"] == cards


def test_bounces_lists_and_no_reply_senders_make_no_contact(corpus_run: dict[str, Any]) -> None:
    quarantine = corpus_run["quarantine"]
    rules = set(quarantine["rule"])
    assert {"bounce_sender", "mailing_list", "bulk_precedence", "no_headers"} <= rules
    contacts = corpus_run["contacts"]
    emails = {e for row in contacts["emails"] for e in row}
    assert not {e for e in emails if e.split("@")[0] in ("mailer-daemon", "postmaster")}
