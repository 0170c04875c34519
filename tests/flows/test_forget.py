"""``rapport forget``: a person leaves the outputs and the state, and stays suppressed."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from flows.cli import main
from tests.conftest import AS_OF, copy_samples

pytestmark = pytest.mark.flow

IVAN = ("ivan.smirnov@example.com", "+79161234567")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _everything(folder: Path) -> list[str]:
    """Every string value in every Parquet file and dataset, and every text file, under
    ``folder``."""
    found: list[str] = []
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix == ".parquet":
            for row in pq.read_table(path).to_pylist():
                for value in row.values():
                    found += _strings(value)
        elif path.is_file():  # JSON, logs, the sources' cache: their bytes as text
            found.append(path.read_bytes().decode("utf-8", errors="replace"))
    return found


def test_forget_removes_a_person_and_a_source_cannot_bring_them_back(
    prefect_harness: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from flows.sync import sync

    config = copy_samples(tmp_path)
    out, state = tmp_path / "out", tmp_path / "out" / "state"
    sync(str(config), as_of=AS_OF.isoformat())
    before = pd.read_parquet(out / "contacts.parquet")
    ivan = before[before["emails"].map(lambda e: IVAN[0] in list(e))].iloc[0]["contact_id"]
    assert any(IVAN[0] in text for text in _everything(out))

    assert main(["forget", "--config", str(config), "--email", " Ivan.Smirnov@EXAMPLE.com "]) == 0
    said = capsys.readouterr().out
    assert "forgotten: 1 contact(s)" in said and IVAN[0] not in said
    for text in _everything(out):  # the state lies inside out/ in the samples
        assert IVAN[0] not in text and IVAN[1] not in text
    contacts = pd.read_parquet(out / "contacts.parquet")
    assert ivan not in set(contacts["contact_id"]) and len(contacts) == len(before) - 1
    calendar = ds.dataset(out / "occasions", partitioning="hive").to_table().to_pandas()
    assert ivan not in set(calendar["contact_id"])
    events = pd.read_parquet(out / "identity_events.parquet")
    assert ((events["event"] == "forgotten") & (events["contact_id"] == ivan)).sum() == 1
    suppressions = pd.read_parquet(out / "suppressions.parquet")
    forgotten = suppressions[suppressions["reason"] == "forgotten"]
    assert len(forgotten) >= 2 and forgotten["value"].isna().all()
    assert set(forgotten["kind"]) == {"email", "phone"}
    assert (state / "suppressions.parquet").exists()
    assert json.loads((out / "run_manifest.json").read_text())["command"] == "run"

    # the sources still hold him: the next run makes him a contact again, opted out for good
    sync(str(config), as_of=AS_OF.isoformat())
    contacts = pd.read_parquet(out / "contacts.parquet")
    back = contacts[contacts["emails"].map(lambda e: IVAN[0] in list(e))].iloc[0]
    assert bool(back["opted_out"])
    calendar = ds.dataset(out / "occasions", partitioning="hive").to_table().to_pandas()
    mine = calendar[calendar["contact_id"] == back["contact_id"]]
    assert len(mine) > 0 and (mine["suppression_reason"] == "opted_out").all()
    suppressions = pd.read_parquet(out / "suppressions.parquet")
    assert IVAN[0] not in set(suppressions["value"].dropna())
    assert set(forgotten["value_hash"]) <= set(
        suppressions[suppressions["reason"] == "forgotten"]["value_hash"]
    )


def test_forget_someone_unknown_keeps_their_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = copy_samples(tmp_path)
    assert main(["forget", "--config", str(config), "--phone", "+7 999 000-00-00"]) == 0
    assert "forgotten: 0 contact(s)" in capsys.readouterr().out
    suppressions = pd.read_parquet(tmp_path / "out" / "state" / "suppressions.parquet")
    assert list(suppressions["reason"]) == ["forgotten"] and suppressions["value"].isna().all()


@pytest.mark.parametrize(
    ("argv", "says"),
    [(["--email", "not an email"], "--email"), ([], "--email"), (["--phone", "12"], "--phone")],
)
def test_forget_mistakes_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    config = copy_samples(tmp_path)
    assert main(["forget", "--config", str(config), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err
