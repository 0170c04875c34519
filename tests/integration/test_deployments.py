"""prefect.yaml end to end: a real server, a process work pool and a worker; both deployments run.

The deployments are made the way an operator makes them: ``prefect --no-prompt deploy --all`` from
the repository root, with RAPPORT_CONFIG (a private copy of the samples), RAPPORT_NIGHTLY_CRON
and RAPPORT_TIMEZONE in the environment. The nightly sync then runs with an ``as_of`` and the
backfill with a window, one after the other (they share the state lock), each in a flow-run
process of the worker, and the test reads what they wrote.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
import yaml

from tests.conftest import AS_OF, REPO, copy_samples
from tests.integration.prefect_server import (
    PrefectServer,
    PrefectWorker,
    prefect_command,
    start_server,
    start_worker,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow]

TIMEZONE = "Asia/Kolkata"  # not the default Europe/Moscow
DEPLOY_TIMEOUT = 240.0
RUN_TIMEOUT = 240.0  # a flow-run process imports the flows (GX: ~10 s on 2 cores), then runs
SCHEDULER_TIMEOUT = 30.0  # it looks at new deployments every 5 s
BACKFILL = (dt.date(2027, 1, 1), dt.date(2027, 1, 31))
PREFECT_YAML = REPO / "prefect.yaml"


def pool_name() -> str:
    """The one work pool prefect.yaml's deployments name."""
    spec = yaml.safe_load(PREFECT_YAML.read_text())
    pools = {d["work_pool"]["name"] for d in spec["deployments"]}
    assert len(pools) == 1, f"prefect.yaml names several work pools: {sorted(pools)}"
    return pools.pop()


def nightly_cron() -> tuple[str, int]:
    """A non-default cron string ~12 hours away in TIMEZONE, so it never fires during the test."""
    hour = (dt.datetime.now(ZoneInfo(TIMEZONE)).hour + 12) % 24
    return f"30 {hour} * * *", hour


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    """One server for the module: a fresh database costs 15-20 s to start."""
    try:
        started = start_server(tmp_path_factory.mktemp("prefect-server"))
    except RuntimeError as exc:
        pytest.fail(f"the Prefect server did not start: {exc}", pytrace=False)
    yield started
    started.stop()


@pytest.fixture(scope="module")
def client(server: PrefectServer) -> Iterator[Any]:
    """A client of the module's server; while the module runs, Prefect here talks to it."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with (
        temporary_settings(updates={PREFECT_API_URL: server.api_url}),
        get_client(sync_client=True) as opened,
    ):
        yield opened


@pytest.fixture
def worker(server: PrefectServer, client: Any, tmp_path: Path) -> Iterator[PrefectWorker]:
    """A process work pool named as prefect.yaml says, and a worker polling it.

    The worker is started, not awaited: the test deploys while it starts. It is stopped (SIGTERM)
    before the server, which outlives the test.
    """
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.workers.process import ProcessWorker

    pool = pool_name()
    template = ProcessWorker.get_default_base_job_template()
    client.create_work_pool(WorkPoolCreate(name=pool, type="process", base_job_template=template))
    started = start_worker(server, pool, tmp_path / "worker")
    yield started
    started.stop()


def deploy(server: PrefectServer, home: Path, **variables: str) -> None:
    """``prefect --no-prompt deploy --all`` from the repository root, as an operator runs it."""
    env = server.client_env(home, **variables)
    try:
        done = subprocess.run(
            prefect_command("--no-prompt", "deploy", "--all"),
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=DEPLOY_TIMEOUT,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"prefect deploy took more than {DEPLOY_TIMEOUT:.0f} s: {exc.output}")
    output = "\n".join((done.stdout + done.stderr).splitlines()[-40:])
    assert done.returncode == 0, f"prefect deploy failed ({done.returncode}):\n{output}"


def run_deployment(
    client: Any, worker: PrefectWorker, name: str, parameters: dict[str, Any]
) -> Any:
    """Create a flow run of deployment ``name`` and wait until the worker brings it to an end."""
    deployment = client.read_deployment_by_name(name)
    flow_run = client.create_flow_run_from_deployment(deployment.id, parameters=parameters)
    return wait_final(client, worker, flow_run.id, f"{name} {parameters}")


def wait_final(client: Any, worker: PrefectWorker, flow_run_id: UUID, what: str) -> Any:
    """Poll the flow run until it is final; fail with the worker's log unless it COMPLETED."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while True:
        flow_run = client.read_flow_run(flow_run_id)
        if flow_run.state is not None and flow_run.state.is_final():
            break
        if not worker.service.running():
            cause = f"the worker exited with {worker.service.process.returncode}"
        elif time.monotonic() > deadline:
            health = "polling" if worker.healthy() else "NOT polling"
            cause = f"not final within {RUN_TIMEOUT:.0f} s (the worker is {health})"
        else:
            time.sleep(0.5)
            continue
        pytest.fail(
            f"flow run of {what}: {cause}; state {flow_run.state_name}.\n"
            f"worker log:\n{worker.log_tail(60)}",
            pytrace=False,
        )
    if not flow_run.state.is_completed():
        pytest.fail(
            f"flow run of {what} ended {flow_run.state_name}: {flow_run.state.message}\n"
            f"worker log:\n{worker.log_tail(60)}",
            pytrace=False,
        )
    return flow_run


def scheduled_starts(client: Any, deployment_id: UUID) -> list[dt.datetime]:
    """The start times the server's scheduler gave the deployment's scheduled runs."""
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    runs = client.read_flow_runs(
        deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])),
        flow_run_filter=FlowRunFilter(
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))
        ),
    )
    return sorted(r.expected_start_time for r in runs if r.expected_start_time is not None)


def read_json(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text()))


def test_deploy_and_run_both_deployments(
    server: PrefectServer, client: Any, worker: PrefectWorker, tmp_path: Path
) -> None:
    from prefect.client.schemas.schedules import CronSchedule

    from tasks.config import load_config

    config_path = copy_samples(tmp_path)
    out = load_config(config_path).output_dir
    cron, hour = nightly_cron()
    deploy(
        server,
        tmp_path / "deploy",
        RAPPORT_CONFIG=str(config_path),
        RAPPORT_NIGHTLY_CRON=cron,
        RAPPORT_TIMEZONE=TIMEZONE,
    )
    worker.wait_ready()

    nightly = client.read_deployment_by_name("rapport-sync/nightly")
    assert nightly.parameters == {"config_path": str(config_path)}
    assert nightly.pull_steps == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(REPO)}}
    ]
    schedules = [s.schedule for s in nightly.schedules]
    assert len(schedules) == 1 and isinstance(schedules[0], CronSchedule), schedules
    assert (schedules[0].cron, schedules[0].timezone) == (cron, TIMEZONE)
    backfill = client.read_deployment_by_name("rapport-backfill/backfill")
    assert backfill.schedules == []
    assert backfill.parameters == {"config_path": str(config_path)}

    run_deployment(client, worker, "rapport-sync/nightly", {"as_of": AS_OF.isoformat()})
    assert (out / "contacts.parquet").is_file()
    assert (out / "occasions").is_dir()
    manifests = list((out / "runs").glob("*.json"))
    assert len(manifests) == 1, manifests
    nightly_manifest = read_json(manifests[0])
    assert (nightly_manifest["command"], nightly_manifest["as_of"]) == ("run", AS_OF.isoformat())
    assert read_json(out / "run_manifest.json")["run_id"] == nightly_manifest["run_id"]

    date_from, date_to = (day.isoformat() for day in BACKFILL)
    parameters = {"date_from": date_from, "date_to": date_to}
    run_deployment(client, worker, "rapport-backfill/backfill", parameters)
    latest = read_json(out / "run_manifest.json")
    assert latest["command"] == "backfill"
    assert latest["window"] == {"start": date_from, "end": date_to}
    assert latest["run_id"] != nightly_manifest["run_id"]
    assert read_json(out / "runs" / f"{nightly_manifest['run_id']}.json") == nightly_manifest
    assert len(pd.read_parquet(out / "contacts.parquet")) > 0
    occasions = pd.read_parquet(out / "occasions")
    dates = pd.to_datetime(occasions["occasion_date"]).dt.date
    assert dates.between(*BACKFILL).any(), "the backfill's window holds no occasion"

    # What the flow runs published on the server (artifacts, logs) holds counts, not people.
    contacts = pd.read_parquet(out / "contacts.parquet")
    people = {v for row in contacts["emails"] for v in row}
    people |= {v for row in contacts["phones"] for v in row}
    people |= set(contacts["full_name"].dropna()) | set(contacts["family_name"].dropna())
    artifacts = client.read_artifacts()
    assert any(a.key == "rapport-sources" for a in artifacts)
    published = " ".join(f"{a.data} {a.description}" for a in artifacts)
    published += " ".join(log.message for log in client.read_logs())
    for value in people:
        assert value not in published, "a person's detail reached the Prefect server"

    # The server's scheduler turned the cron string into runs at that hour in that time zone.
    deadline = time.monotonic() + SCHEDULER_TIMEOUT
    while not (starts := scheduled_starts(client, nightly.id)) and time.monotonic() < deadline:
        time.sleep(1)
    assert starts, (
        f"the scheduler created no runs of the nightly deployment in {SCHEDULER_TIMEOUT:.0f} s"
    )
    local = [s.astimezone(ZoneInfo(TIMEZONE)) for s in starts]
    assert {(t.hour, t.minute) for t in local} == {(hour, 30)}, local


def test_unset_schedule_variables_default_and_unset_config_stops_the_deploy(
    client: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """prefect.yaml's build step as ``prefect deploy`` runs it, and its outputs applied: the
    cron string defaults to 02:00 and the time zone to the config's own."""
    from prefect.deployments.steps.core import StepExecutionError, run_steps
    from prefect.utilities.templating import apply_values

    spec = yaml.safe_load(PREFECT_YAML.read_text())
    nightly = next(d for d in spec["deployments"] if d["name"] == "nightly")
    config = copy_samples(tmp_path)
    config.write_text(
        config.read_text().replace("timezone: Europe/Moscow", "timezone: Asia/Kolkata")
    )
    monkeypatch.delenv("RAPPORT_NIGHTLY_CRON", raising=False)
    monkeypatch.delenv("RAPPORT_TIMEZONE", raising=False)
    monkeypatch.setenv("RAPPORT_CONFIG", str(config))
    monkeypatch.chdir(REPO)
    outputs = asyncio.run(run_steps(spec["build"], print_function=lambda *a, **k: None))
    assert apply_values(spec["pull"], outputs) == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(REPO)}}
    ]
    assert apply_values(nightly["schedules"], outputs) == [
        {"cron": "0 2 * * *", "timezone": "Asia/Kolkata"}
    ]
    assert apply_values(nightly["parameters"], outputs) == {"config_path": str(config.resolve())}

    monkeypatch.delenv("RAPPORT_CONFIG")
    with pytest.raises(StepExecutionError) as failed:
        asyncio.run(run_steps(spec["build"], print_function=lambda *a, **k: None))
    assert "RAPPORT_CONFIG: is not set" in str(failed.value.__cause__)

    monkeypatch.setenv("RAPPORT_CONFIG", str(config))
    config.write_text(config.read_text() + "colour: red\n")
    with pytest.raises(StepExecutionError) as failed:
        asyncio.run(run_steps(spec["build"], print_function=lambda *a, **k: None))
    assert "colour: unknown setting" in str(failed.value.__cause__)
