"""The command line: one line on stderr and the contract's exit codes."""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from flows.cli import main
from tests.conftest import copy_samples

pytestmark = pytest.mark.flow


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["run"], "--config"),
        (["run", "--config", "nope.yaml"], "nope.yaml"),
        (["run", "--config", "x.yaml", "--as-of", "2026-13-01"], "--as-of"),
        (["run", "--config", "x.yaml", "--horizon-days", "0"], "--horizon-days"),
        (["backfill", "--config", "x.yaml", "--from", "2026-01-01"], "--to"),
        (["launch"], "launch"),
    ],
)
def test_user_mistakes_exit_2_with_one_line(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err and "Traceback" not in err


def test_bad_config_setting_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = copy_samples(tmp_path)
    config.write_text(config.read_text() + "colour: red\n")
    assert main(["run", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "colour: unknown setting" in err


def test_check_reads_every_source_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_samples(tmp_path)
    assert main(["check", "--config", str(config)]) == 0
    assert "config OK: 12 sources" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_a_bad_overrides_line_is_named_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_samples(tmp_path)
    rules = config.parent / "overrides.csv"
    rules.write_text("rule,left,right,note\nmust_link,email:a@example.org,nobody,\n")
    config.write_text(
        config.read_text() + "resolution:\n  overrides: overrides.csv\n", encoding="utf-8"
    )
    saved = {
        name: (logger.handlers[:], logger.propagate, logger.level)
        for name in ("tasks", "prefect", "great_expectations")
        for logger in [logging.getLogger(name)]
    }
    try:
        for command in ("check", "run"):
            assert main([command, "--config", str(config)]) == 2
            err = capsys.readouterr().err
            assert err.count("\n") == 1 and "overrides.csv: line 2: right must be" in err
    finally:  # the command sends these loggers to its file for good; later tests need them
        for name, (handlers, propagate, level) in saved.items():
            logger = logging.getLogger(name)
            for handler in logger.handlers[:]:
                if handler not in handlers:
                    logger.removeHandler(handler)
                    handler.close()
            logger.propagate, logger.level = propagate, level
    assert not (tmp_path / "out" / "contacts.parquet").exists()


@pytest.mark.slow
def test_unreadable_source_through_the_real_command(tmp_path: Path) -> None:
    """The installed command, a fresh process with the embedded API: exit 2, one line."""
    config = copy_samples(tmp_path)
    (config.parent / "crm_ru.xlsx").write_bytes(b"PK\x03\x04 truncated")
    rapport = Path(sys.executable).with_name("rapport")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    done = subprocess.run(
        [str(rapport), "run", "--config", str(config)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "crm_ru" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "contacts.parquet").exists()


@pytest.mark.slow
def test_run_through_the_real_command_prints_counts_and_logs_no_personal_data(
    tmp_path: Path,
) -> None:
    """`rapport run` as an operator types it: exit 0, a summary, a private log without values."""
    import pandas as pd

    config = copy_samples(tmp_path)
    rapport = Path(sys.executable).with_name("rapport")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    done = subprocess.run(
        [str(rapport), "run", "--config", str(config), "--as-of", "2026-11-23"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "contacts: 37" in done.stdout and "birthday" in done.stdout
    log = tmp_path / "out" / "state" / "logs" / "rapport.log"
    assert log.stat().st_mode & 0o077 == 0
    text = log.read_text(encoding="utf-8") + done.stdout + done.stderr
    assert "flow run" in text  # Prefect's own lines went to the file
    contacts = pd.read_parquet(tmp_path / "out" / "contacts.parquet")
    values = {v for row in contacts["emails"] for v in row}
    values |= {v for row in contacts["phones"] for v in row}
    values |= set(contacts["full_name"].dropna())
    for value in values:
        assert value not in text, "a personal value reached the log or the terminal"


def test_a_salutation_language_without_templates_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_samples(tmp_path)
    config.write_text(config.read_text() + "occasions:\n  language: Russian\n")
    assert main(["check", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "occasions.language: 'Russian' is not one of en, hi" in err


def test_a_holiday_the_country_does_not_have_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_samples(tmp_path)
    config.write_text(config.read_text() + "occasions:\n  holidays:\n    RU: [Diwali]\n")
    assert main(["check", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "occasions.holidays.RU: 'Diwali' is not a holiday of RU" in err


def _window_greetings(out: Path, start: str, end: str) -> pd.DataFrame:
    """The rows sent from ``start`` to ``end``, by the day of send_at in Moscow (the demo's
    time zone), counted here from the calendar itself."""
    calendar = pd.read_parquet(out / "occasions")
    days = calendar["send_at"].dt.tz_convert("Europe/Moscow").dt.date.astype(str)
    chosen = calendar[~calendar["suppressed"] & (days >= start) & (days <= end)]
    return chosen.assign(send_day=days[chosen.index])


def test_preview_prints_the_coming_greetings(
    demo_run: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    config = demo_run["config"].config_path
    argv = ["preview", "--config", str(config), "--days", "40", "--as-of", "2026-11-23"]
    assert main(argv) == 0
    shown = capsys.readouterr().out
    expected = _window_greetings(demo_run["out"], "2026-11-23", "2027-01-01")
    assert f"greetings sent 2026-11-23..2027-01-01: {len(expected)}" in shown
    assert "Sarah" in shown and "Birthday" in shown
    # Michael Brown's New Year card of 2027-01-01 left on 2026-12-25 and his Christmas card
    # on 2026-12-18; the card for a later occasion leaves within the window too
    cards = expected[expected["channel"] == "postal"]
    assert len(cards) > 0 and (cards["send_day"] < cards["occasion_date"].astype(str)).all()


@pytest.mark.parametrize(
    ("form", "header"),
    [
        ("listmonk", ["email", "name", "attributes"]),
        ("mailchimp", ["Email Address", "First Name", "Last Name", "Salutation", "Occasion"]),
    ],
)
def test_export_writes_a_file_per_day_each_address_once_and_the_suppressions(
    demo_run: dict[str, Any], tmp_path: Path, form: str, header: list[str]
) -> None:
    config = demo_run["config"].config_path
    argv = ["export", "--config", str(config), "--format", form]
    argv += ["--from", "2026-11-23", "--to", "2027-03-31", "--out", str(tmp_path)]
    assert main(argv) == 0
    expected = _window_greetings(demo_run["out"], "2026-11-23", "2027-03-31")
    by_email = expected[expected["channel"] == "email"]
    sheets = sorted(tmp_path.glob(f"{form}-greetings-*.csv"))
    assert [p.name[-14:-4] for p in sheets] == sorted(set(by_email["send_day"]))
    exported = []
    for sheet in sheets:
        assert sheet.stat().st_mode & 0o777 == 0o600
        with sheet.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][: len(header)] == header
        emails = [r[0] for r in rows[1:]]
        assert len(emails) == len(set(emails)) > 0  # each address once a file
        exported += [(sheet.name[-14:-4], r) for r in rows[1:]]
    assert sorted((day, r[0]) for day, r in exported) == sorted(
        set(zip(by_email["send_day"], by_email["email"], strict=True))
    )
    if form == "listmonk":
        fields = [json.loads(r[2]) for _, r in exported]
        assert {f["greeting_id"] for f in fields} <= set(by_email["greeting_id"])
        assert all(f["salutation"] and r[1] for f, (_, r) in zip(fields, exported, strict=True))
    blocked = tmp_path / f"{form}-suppressions.csv"
    assert blocked.stat().st_mode & 0o777 == 0o600
    with blocked.open(encoding="utf-8", newline="") as handle:
        suppressed = {r[0] for r in csv.reader(handle)}
    assert "olga.morozova@example.org" in suppressed
    assert "olga.morozova@example.org" not in {r[0] for _, r in exported}


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--format", "csv", "--from", "2026-01-01", "--to", "2026-02-01"], "--format"),
        (["--format", "listmonk", "--from", "2026-02-01", "--to", "2026-01-01"], "--to"),
    ],
)
def test_export_mistakes_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    config = copy_samples(tmp_path)
    assert main(["export", "--config", str(config), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err


def test_preview_before_any_run_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = copy_samples(tmp_path)
    assert main(["preview", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run `rapport run" in err


def _on_a_terminal(argv: list[str], env: dict[str, str], timeout: float = 300) -> tuple[int, str]:
    """Run ``argv`` with a pseudo-terminal as stdout; give its exit code and what it showed."""
    import pty
    import select
    import time

    leader, follower = pty.openpty()
    child = subprocess.Popen(argv, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    shown = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        elif child.poll() is not None:
            break
    os.close(leader)
    return child.wait(timeout=30), shown.decode("utf-8", errors="replace")


@pytest.mark.slow
def test_a_run_on_a_terminal_shows_its_stages(tmp_path: Path) -> None:
    config = copy_samples(tmp_path)
    rapport = Path(sys.executable).with_name("rapport")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "COLUMNS": "120"}
    code, shown = _on_a_terminal(
        [str(rapport), "run", "--config", str(config), "--as-of", "2026-11-23"], env
    )
    assert code == 0, shown[-2000:]
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)  # colours and cursor moves
    for stage in ("reading the sources", "normalising", "resolving", "writing"):
        assert stage in shown
    assert "12/12" in shown  # the bar over the sources reached its end
    assert "contacts: 37" in shown
    assert "ivan.smirnov@example.com" not in shown
