"""The one place where plain functions from ``tasks/`` become Prefect tasks.

No caching: the inputs are whole record sets, and a cache on them would cost more than the work.
Retries on I/O live in the readers themselves (connection errors only), so a user's mistake is
never retried here.
"""

from __future__ import annotations

from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks import stages

ingest = task(name="ingest", cache_policy=NO_CACHE, task_run_name="ingest-{source.name}")(
    stages.ingest
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
