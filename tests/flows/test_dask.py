"""Scale-out: reading, normalising by chunks and linking by blocks on a Dask cluster (a
LocalCluster of two workers) through prefect-dask write the same outputs as a run on one
machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import AS_OF, copy_samples

pytestmark = [pytest.mark.flow, pytest.mark.integration, pytest.mark.slow]


@pytest.fixture
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    # threads, not processes: a worker process would start an embedded Prefect server of its
    # own (PLATFORM.md)
    with LocalCluster(
        n_workers=2, processes=False, threads_per_worker=1, dashboard_address=None
    ) as local:
        yield local


def _outputs(out: Path) -> dict[str, pd.DataFrame]:
    def tidy(frame: pd.DataFrame, *keys: str) -> pd.DataFrame:
        return frame.sort_values(list(keys)).reset_index(drop=True).astype(str)

    return {
        "contacts": tidy(pd.read_parquet(out / "contacts.parquet"), "contact_id"),
        "lineage": tidy(pd.read_parquet(out / "contact_sources.parquet"), "source", "record_key"),
        "quarantine": tidy(
            pd.read_parquet(out / "quarantine.parquet"), "source", "record_key", "rule", "field"
        ),
        "occasions": tidy(pd.read_parquet(out / "occasions"), "occasion_id"),
    }


def test_a_run_on_a_dask_cluster_writes_what_a_local_run_writes(
    prefect_harness: None, tmp_path: Path, cluster: object
) -> None:
    from flows.sync import sync

    local = copy_samples(tmp_path / "local")
    sync(str(local), as_of=AS_OF.isoformat())

    spread = copy_samples(tmp_path / "spread")
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    spread.write_text(
        spread.read_text(encoding="utf-8")
        + f"execution:\n  dask_address: {address}\n  chunk_records: 4\n  chunk_pairs: 16\n",
        encoding="utf-8",
    )
    report = sync(str(spread), as_of=AS_OF.isoformat())
    assert report["counts"]["contacts"] == 37

    # the cluster did the reading (a task per source), the normalising (a task per chunk of
    # four records or fewer), the linker's features (by four records) and its comparisons (by
    # sixteen candidate pairs)
    prefixes = cluster.scheduler.task_prefixes  # type: ignore[attr-defined]
    done = {name: prefix.state_counts["memory"] for name, prefix in prefixes.items()}
    sources = report["sources"].values()
    assert done["read_or_down"] == len(sources)
    assert done["normalise"] > len(sources)  # at least one source in several chunks
    assert done["build_features"] >= 37 // 4
    assert done["compared"] == -(-report["resolution"]["candidate_pairs"] // 16) >= 2

    expected, found = _outputs(tmp_path / "local" / "out"), _outputs(tmp_path / "spread" / "out")
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(found[name], frame, obj=name)
