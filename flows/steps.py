"""The one place where plain functions from ``tasks/`` become Prefect tasks.

No caching: the inputs are whole record sets, and a cache on them would cost more than the work.
Retries on I/O live in the readers themselves (connection errors only), so a user's mistake is
never retried here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks import stages
from tasks.config import ExecutionConfig
from tasks.resolve.linker import Spread

ingest = task(name="ingest", cache_policy=NO_CACHE, task_run_name="ingest-{source.name}")(
    stages.read_or_down
)
normalise = task(name="normalise", cache_policy=NO_CACHE, task_run_name="normalise-{source.name}")(
    stages.normalise
)
validate = task(name="validate", cache_policy=NO_CACHE)(stages.validate)
resolve = task(name="resolve", cache_policy=NO_CACHE)(stages.resolve_contacts)
occasions = task(name="occasions", cache_policy=NO_CACHE)(stages.occasions)
write = task(name="write", cache_policy=NO_CACHE)(stages.write)


def each(fn: Any, calls: list[dict[str, Any]], address: str | None) -> list[Any]:
    """``fn`` (a task) called with each of ``calls``, in order: one after the other, or, given a
    Dask scheduler's ``address``, all at once on that cluster through prefect-dask."""
    if not address:
        return [fn(**call) for call in calls]
    from prefect_dask import DaskTaskRunner

    with DaskTaskRunner(address=address) as runner:
        futures = [runner.submit(fn, parameters=call) for call in calls]
        return [future.result() for future in futures]


def spread(execution: ExecutionConfig) -> Spread | None:
    """With a Dask scheduler's address, the linker's features and comparisons as Prefect tasks
    on that cluster, by the chunks the settings give; else None (all of it here)."""
    address = execution.dask_address
    if not address:
        return None

    def on_cluster(fn: Callable[..., Any], calls: list[dict[str, Any]]) -> list[Any]:
        return each(task(name=fn.__name__, cache_policy=NO_CACHE)(fn), calls, address)

    return Spread(on_cluster, execution.chunk_records, execution.chunk_pairs)
