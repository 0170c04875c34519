"""Incremental sync from IMAP, and a mail server that is down, through the whole pipeline (the
plain stages, without Prefect) against a real Dovecot on loopback."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tasks.config import load_config
from tasks.pipeline import PLAIN, execute
from tasks.run import RunInfo
from tests.integration.dovecot import OWNER, PASSWORD_ENV, Dovecot, message

pytestmark = pytest.mark.integration
DAY = dt.date(2026, 11, 23)


def _run(config_path: Path) -> dict[str, Any]:
    config = load_config(config_path)
    return execute(config, RunInfo.new("run", DAY, DAY, DAY + dt.timedelta(days=30)), PLAIN)


def _config(tmp_path: Path, server: Dovecot) -> Path:
    path = tmp_path / "rapport.yaml"
    path.write_text(
        f"self_addresses: [{OWNER}]\n"
        "sources:\n"
        "  - name: office_mail\n"
        "    kind: imap\n"
        f"    host: {server.host}\n"
        f"    port: {server.imaps_port}\n"
        "    security: tls\n"
        f"    username: {server.user}\n"
        f"    password_env: {PASSWORD_ENV}\n"
        "    folders: [INBOX, Sent]\n",
        encoding="utf-8",
    )
    return path


def test_only_new_messages_are_read_and_a_server_that_is_down_gives_its_last_records(
    fresh_dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, fresh_dovecot.password)
    monkeypatch.setenv("SSL_CERT_FILE", str(fresh_dovecot.cafile))  # trust the test CA
    config = _config(tmp_path, fresh_dovecot)
    out = tmp_path / "out"

    first = _run(config)
    mail = first["sources"]["office_mail"]
    assert mail["status"] == "read" and mail["read"] > 0
    assert first["work"]["records_read_and_normalised"] == mail["read"]
    contacts = pd.read_parquet(out / "contacts.parquet")

    again = _run(config)  # nothing new on the server
    assert again["sources"]["office_mail"]["status"] == "read"
    assert again["work"]["records_read_and_normalised"] == 0
    assert again["work"]["records_from_the_state"] == mail["read"]
    assert again["work"]["records_validated"] == 0  # the earlier messages' validation is kept
    assert again["validation"] == first["validation"]
    assert sorted(pd.read_parquet(out / "contacts.parquet")["contact_id"]) == sorted(
        contacts["contact_id"]
    )

    new = message(
        "Message-ID: <new.1@example.ru>",
        "Date: Mon, 23 Nov 2026 10:00:00 +0300",
        "From: Gleb Novikov <gleb@example.ru>",
        f"To: Rapport Owner <{OWNER}>",
        "Subject: Hello",
    )
    inbox = fresh_dovecot.folder_dir("INBOX") / "new"
    (inbox / f"{int(time.time())}.Mnew.rapport-test").write_bytes(new)
    third = _run(config)
    added = third["sources"]["office_mail"]["read"] - mail["read"]
    assert added == 2  # its sender, and its recipient (the owner, quarantined)
    assert third["work"]["records_read_and_normalised"] == added
    assert third["work"]["records_validated"] == 1  # the new sender; the owner is quarantined
    evaluated = third["validation"]["record_key_is_unique"]["evaluated"]
    assert evaluated == first["validation"]["record_key_is_unique"]["evaluated"] + 1
    emails = {e for row in pd.read_parquet(out / "contacts.parquet")["emails"] for e in row}
    assert "gleb@example.ru" in emails

    fresh_dovecot.stop()  # the server is down: the run goes on with the last good records
    down = _run(config)
    assert down["sources"]["office_mail"]["status"] == "stale"
    assert down["sources"]["office_mail"]["read"] == mail["read"] + added
    assert down["counts"]["contacts"] == third["counts"]["contacts"]
    assert down["work"]["records_validated"] == 0 and down["validation"] == third["validation"]
