"""Resident memory of this process, for the benchmark's child processes (standard library only,
so that both Rapport's venv and Splink's can import it)."""

from __future__ import annotations

import resource
from pathlib import Path


def current_rss_mib() -> float:
    """The process's resident set size now, from /proc (Linux); its peak elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mib()


def peak_rss_mib() -> float:
    """The process's peak resident set size so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
