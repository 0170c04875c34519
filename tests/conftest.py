"""Shared fixtures: one Prefect test harness per session, and one demo run its tests share.

Prefect settings are fixed before Prefect is imported anywhere: a private PREFECT_HOME, no
telemetry, a start-up timeout fit for a loaded 2-core machine (../shared/PLATFORM.md).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="rapport-prefect-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "tasks")
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"
CORPUS = REPO.parent / "shared" / "corpus"
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing: expected {CORPUS} beside the repository")
    return CORPUS


def copy_samples(target: Path) -> Path:
    """A private copy of data/samples; returns its config path (outputs land beside it)."""
    shutil.copytree(SAMPLES, target / "samples", ignore=shutil.ignore_patterns("out", "state"))
    return target / "samples" / "rapport.yaml"


@pytest.fixture(scope="session")
def demo_run(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo's sync flow, run once under Prefect's real engine; tests read its outputs."""
    from flows.sync import sync
    from tasks.config import load_config

    config_path = copy_samples(tmp_path_factory.mktemp("demo"))
    manifest = sync(str(config_path), as_of=AS_OF.isoformat())
    config = load_config(config_path)
    return {"config": config, "manifest": manifest, "out": config.output_dir}
