"""Child process: Rapport's resolver on the benchmark's normalised records.

Run by ``benchmarks/resolution.py`` as ``python -m benchmarks.run_rapport RECORDS.pkl OUT.json``
from the repository root. Loads the pickled ``list[NormRecord]``, times only the
:func:`tasks.resolve.resolve` call (wall clock), and writes JSON: ``clusters`` (the predicted
contact of each record, by position), ``seconds``, ``rss_before_mib`` (resident memory just
before resolving), ``peak_rss_mib`` (the process's peak) and the resolver's ``stats``.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import tasks.resolve
from benchmarks.memory import current_rss_mib, peak_rss_mib
from schemas.records import NormRecord
from tasks.config import ResolutionConfig
from tasks.resolve import resolve
from tasks.resolve.identity import IdentityMap

AS_OF = dt.date(2026, 6, 1)


def run(records: list[NormRecord]) -> dict[str, object]:
    """Resolve ``records`` once; give the figures and one contact id per record, in order."""
    linking: list[float] = []
    link = tasks.resolve.link

    def timed_link(*args: Any, **kwargs: Any) -> Any:
        begin = time.perf_counter()
        try:
            return link(*args, **kwargs)
        finally:
            linking.append(time.perf_counter() - begin)

    tasks.resolve.link = timed_link  # resolve calls it through the module's name
    before = current_rss_mib()
    start = time.perf_counter()
    try:
        result = resolve(records, IdentityMap(), AS_OF, "UTC", [], settings=ResolutionConfig())
    finally:
        tasks.resolve.link = link
    seconds = time.perf_counter() - start
    peak = peak_rss_mib()
    contact_of = {(row["source"], row["record_key"]): row["contact_id"] for row in result.lineage}
    clusters = [contact_of.get((r.source, r.record_key)) for r in records]
    return {
        "tool": "rapport",
        "seconds": seconds,
        "link_seconds": sum(linking),
        "rss_before_mib": before,
        "peak_rss_mib": peak,
        "stats": result.stats,
        "clusters": clusters,
    }


def main(argv: list[str]) -> int:
    """``RECORDS.pkl OUT.json``: resolve and write the figures; 2 on wrong arguments."""
    if len(argv) != 2:
        print("usage: python -m benchmarks.run_rapport RECORDS.pkl OUT.json", file=sys.stderr)
        return 2
    with Path(argv[0]).open("rb") as handle:
        records: list[NormRecord] = pickle.load(handle)
    Path(argv[1]).write_text(json.dumps(run(records)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
