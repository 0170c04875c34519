"""Config: every mistake is one ConfigError naming the setting."""

from pathlib import Path

import pytest

from tasks.config import load_config
from tasks.errors import ConfigError

pytestmark = pytest.mark.unit


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "a.csv").write_text("Email\nx@example.com\n")
    path = tmp_path / "rapport.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_config_resolves_paths_against_the_config_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "sources:\n  - {name: a, kind: csv, path: a.csv}\n"))
    assert config.sources[0].path == tmp_path / "a.csv"
    assert config.output_dir == tmp_path / "out"
    assert config.state_dir == tmp_path / "state"
    assert config.horizon_days == 365 and config.default_region == "RU"
    assert config.resolution.match_threshold == 0.9


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("sources: []\n", "sources"),
        ("colour: red\nsources:\n  - {name: a, kind: csv, path: a.csv}\n", "colour"),
        ("sources:\n  - {name: a, kind: csv, path: missing.csv}\n", "sources[0].path"),
        ("default_region: XX\nsources:\n  - {name: a, kind: csv, path: a.csv}\n", "default_region"),
        ("timezone: Mars/Base\nsources:\n  - {name: a, kind: csv, path: a.csv}\n", "timezone"),
        (
            "sources:\n  - {name: a, kind: csv, path: a.csv}\n"
            "  - {name: a, kind: csv, path: a.csv}\n",
            "duplicate source name",
        ),
        ("sources:\n  - {name: A-1, kind: csv, path: a.csv}\n", "sources[0].name"),
        ("sources:\n  - {name: a, kind: pdf, path: a.csv}\n", "sources[0].kind"),
        ("sources:\n  - {name: a, kind: csv, path: a.csv, columns: {shoe_size: X}}\n", "shoe_size"),
        ("sources:\n  - {name: m, kind: imap, host: h, username: u}\n", "password_env"),
        (
            "sources:\n  - {name: a, kind: csv, path: a.csv}\nmoderation: {max_per_yer: 3}\n",
            "moderation.max_per_yer",
        ),
        ("sources: [\n", "not valid YAML"),
        ("- 1\n- 2\n", "mapping"),
    ],
)
def test_each_mistake_names_the_setting(tmp_path: Path, text: str, names: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    message = str(caught.value)
    assert names in message
    assert "\n" not in message
    assert str(tmp_path / "rapport.yaml") in message


def test_missing_config_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")


def test_config_is_frozen(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "sources:\n  - {name: a, kind: csv, path: a.csv}\n"))
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error
        config.horizon_days = 3  # type: ignore[misc]
