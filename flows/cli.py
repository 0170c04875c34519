"""``rapport``: argv -> config -> flow. A user's mistake becomes one line on stderr.

Exit 0 when the run finished (even with quarantined rows), 2 for a user's mistake, 1 for
anything else; on a non-zero exit the previous outputs are untouched (``tasks/write.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from tasks.config import Config, load_config
from tasks.errors import RapportError, UserError

REPO = Path(__file__).resolve().parents[1]
DEMO_CONFIG = REPO / "data" / "samples" / "rapport.yaml"

_PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_EXTRA_LOGGERS": "tasks",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UserError(f"{self.prog}: {message}")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _days(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days >= 1")
    return int(text)


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="rapport", description="Keep customer relationships warm.")
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("run", help="one sync: ingest ... write the calendar")
    run.add_argument("--config", required=True, type=Path)
    run.add_argument("--as-of", type=_date)
    run.add_argument("--horizon-days", type=_days)
    back = commands.add_parser("backfill", help="rebuild the calendar for a window")
    back.add_argument("--config", required=True, type=Path)
    back.add_argument("--from", dest="date_from", required=True, type=_date)
    back.add_argument("--to", dest="date_to", required=True, type=_date)
    commands.add_parser("demo", help="run on the bundled samples, writing to data/out/")
    check = commands.add_parser(
        "check", help="validate the config, open every source; write nothing"
    )
    check.add_argument("--config", required=True, type=Path)
    preview = commands.add_parser("preview", help="print the coming greetings as a table")
    preview.add_argument("--config", required=True, type=Path)
    preview.add_argument("--days", type=_days, default=30)
    preview.add_argument("--as-of", type=_date, help="the first day (default: today)")
    export = commands.add_parser("export", help="write a mail-merge CSV and the suppressions")
    export.add_argument("--config", required=True, type=Path)
    export.add_argument("--format", required=True, choices=("listmonk", "mailchimp"))
    export.add_argument("--from", dest="date_from", required=True, type=_date)
    export.add_argument("--to", dest="date_to", required=True, type=_date)
    export.add_argument("--out", type=Path, help="folder (default: OUTPUT_DIR/exports)")
    forget = commands.add_parser("forget", help="remove a person; keep only salted hashes")
    forget.add_argument("--config", required=True, type=Path)
    who = forget.add_mutually_exclusive_group(required=True)
    who.add_argument("--email")
    who.add_argument("--phone")
    return top


def _prefect_logs_to_file(path: Path) -> None:
    """Prefect's own console output goes to a file; our stderr stays for the one error line."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    os.chmod(path, 0o600)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    names = ["prefect", "tasks", "distributed", "uvicorn", "great_expectations"]
    names += [n for n in logging.root.manager.loggerDict if n.startswith("prefect")]
    for name in names:
        logger = logging.getLogger(name)
        for old in list(logger.handlers):
            if isinstance(old, logging.StreamHandler) and not isinstance(old, logging.FileHandler):
                logger.removeHandler(old)
        if name in ("prefect", "tasks", "great_expectations"):
            logger.addHandler(handler)
            logger.propagate = False
    logging.getLogger("tasks").setLevel(logging.INFO)


def _run(args: argparse.Namespace, config: Config) -> dict[str, Any]:
    for key, value in _PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from flows.backfill import backfill
    from flows.sync import sync

    _prefect_logs_to_file(config.state_dir / "logs" / "rapport.log")
    with _terminal_progress():
        if args.command == "backfill":
            return backfill(
                str(config.config_path), args.date_from.isoformat(), args.date_to.isoformat()
            )
        as_of = getattr(args, "as_of", None)
        return sync(
            str(config.config_path),
            as_of.isoformat() if as_of else None,
            getattr(args, "horizon_days", None),
            command=args.command,
        )


class _Bar:
    """The run's stage and a bar for the stages of several steps, on a terminal."""

    def __init__(self, progress: Any) -> None:
        self.progress = progress
        self.task: Any = None

    def stage(self, name: str, steps: int | None = None) -> None:
        if self.task is not None:
            self.progress.refresh()  # the finished stage as it ended
            self.progress.remove_task(self.task)
        self.task = self.progress.add_task(name, total=steps)

    def advance(self) -> None:
        if self.task is not None:
            self.progress.advance(self.task)


@contextlib.contextmanager
def _terminal_progress() -> Iterator[None]:
    """Show the stages while a run works, when stdout is a terminal; nothing otherwise."""
    from tasks import pipeline

    if not sys.stdout.isatty():
        yield
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), transient=True) as shown:
        pipeline.progress = _Bar(shown)
        try:
            yield
        finally:
            pipeline.progress = pipeline.Silent()


def _summary(report: dict[str, Any], config: Config) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    grid = Table(title=f"Rapport {report['command']} {report['run_id']}")
    for column in (
        "source",
        "kind",
        "status",
        "read",
        "quarantined",
        "fields dropped",
        "reached contact",
    ):
        grid.add_column(
            column, justify="left" if column in ("source", "kind", "status") else "right"
        )
    for name, info in report["sources"].items():
        grid.add_row(
            name,
            info["kind"],
            info["status"],
            str(info["read"]),
            str(info["quarantined"]),
            str(info["fields_dropped"]),
            str(info["reached_contact"]),
        )
    console.print(grid)
    counts = report["counts"]
    occasions = ", ".join(f"{k} {v}" for k, v in counts["occasions"].items()) or "none"
    suppressed = ", ".join(f"{k} {v}" for k, v in counts["suppressed"].items()) or "none"
    window = report["window"]
    console.print(
        f"contacts: {counts['contacts']}   occasions {window['start']}..{window['end']}: "
        f"{occasions}   suppressed: {suppressed}"
    )
    console.print(f"outputs: {config.output_dir}")


def _check(config: Config) -> None:
    """Open and read every source; print what a run would read. Writes nothing."""
    from rich.console import Console
    from rich.table import Table

    from tasks.stages import ingest

    grid = Table(title=f"rapport check {config.config_path}")
    for column in ("source", "kind", "role", "records", "quarantined"):
        grid.add_column(column)
    for source in config.sources:
        result = ingest(source, config)
        whole = sum(1 for q in result.quarantined if q.field is None)
        grid.add_row(source.name, source.kind, source.role, str(len(result.records)), str(whole))
    Console().print(grid)
    if config.resolution.overrides is not None:
        from tasks.resolve.overrides import load_overrides

        rules = load_overrides(config.resolution.overrides)
        print(f"overrides OK: {len(rules)} rules")
    print(f"config OK: {len(config.sources)} sources; outputs would go to {config.output_dir}")


def _preview(config: Config, days: int, as_of: dt.date | None) -> None:
    """The coming greetings that will be sent, as a table; their count when there are none."""
    from rich.console import Console
    from rich.table import Table

    from tasks.export import greetings

    start = as_of or dt.datetime.now(ZoneInfo(config.timezone)).date()
    end = start + dt.timedelta(days=days - 1)
    found = greetings(config, start, end)
    grid = Table(title=f"greetings sent {start}..{end}: {len(found)}")
    for column in ("sent", "send at (UTC)", "occasion", "contact", "occasions", "channel"):
        grid.add_column(column)
    grid.add_column("salutation")
    for row in found.itertuples():
        grid.add_row(
            row.send_day.isoformat(),
            f"{row.send_at:%Y-%m-%d %H:%M}",
            row.occasion_date.isoformat(),
            row.contact_name,
            row.occasions,
            row.channel,
            row.salutation,
        )
    Console().print(grid)


def _export(config: Config, args: argparse.Namespace) -> None:
    from tasks.export import export

    if args.date_to < args.date_from:
        raise UserError(f"--to {args.date_to} is before --from {args.date_from}")
    done = export(config, args.format, args.date_from, args.date_to, args.out)
    folder = done.suppressions.parent
    print(
        f"{done.rows} greetings in {len(done.greetings)} file(s), one per day of sending: {folder}"
    )
    if done.left_out:
        print(f"{done.left_out} left out: an address another greeting of that day already has")
    print(f"{done.suppressed} suppressed addresses: {done.suppressions}")


def _forget(config: Config, email: str | None, phone: str | None) -> None:
    from tasks.forget import forget, normalised
    from tasks.pipeline import salt_variable

    kind, value = normalised(config, email, phone)
    done = forget(config, kind, value, salt_variable(config))
    print(
        f"forgotten: {done.contacts} contact(s), {done.records} record(s); "
        f"{done.values} email(s) and phone(s) kept as salted hashes only"
    )


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        path = DEMO_CONFIG if args.command == "demo" else args.config
        config = load_config(path)
        if args.command == "check":
            _check(config)
            return 0
        if args.command == "preview":
            _preview(config, args.days, args.as_of)
            return 0
        if args.command == "export":
            _export(config, args)
            return 0
        if args.command == "forget":
            _forget(config, args.email, args.phone)
            return 0
        report = _run(args, config)
        _summary(report, config)
        return 0
    except RapportError as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("rapport: interrupted; the previous outputs are untouched", file=sys.stderr)
        return 1
    except Exception as exc:  # anything else is ours: one line, the details in the log
        logging.getLogger("tasks").exception("run failed")
        print(f"rapport: internal error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
