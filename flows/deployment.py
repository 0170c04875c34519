"""``prefect.yaml``'s build step: the deployments' settings, read once at deploy time.

``RAPPORT_CONFIG`` names the config file and is required; the config is loaded, so a bad one
stops the deploy with the setting it gets wrong. The nightly run's cron string is
``RAPPORT_NIGHTLY_CRON`` (default 02:00 every day) and its time zone ``RAPPORT_TIMEZONE``,
default the config's own ``timezone``.
"""

from __future__ import annotations

import os
from pathlib import Path

from tasks.config import load_config

DEFAULT_CRON = "0 2 * * *"


def settings() -> dict[str, str]:
    """``config`` (its absolute path), ``cron``, ``timezone`` and ``directory`` (where the
    code is: the folder the deploy runs in). Raises ValueError naming RAPPORT_CONFIG when it is
    not set, and the config's own error when the file is bad."""
    path = os.environ.get("RAPPORT_CONFIG", "").strip()
    if not path:
        raise ValueError(
            "RAPPORT_CONFIG: is not set; export RAPPORT_CONFIG=/absolute/path/to/rapport.yaml"
        )
    config = load_config(Path(path))
    return {
        "config": str(config.config_path),
        "cron": os.environ.get("RAPPORT_NIGHTLY_CRON", "").strip() or DEFAULT_CRON,
        "timezone": os.environ.get("RAPPORT_TIMEZONE", "").strip() or config.timezone,
        "directory": os.getcwd(),
    }
