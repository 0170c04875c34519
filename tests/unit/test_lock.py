"""One writer per state directory: a second run says which run holds the lock."""

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from tasks.errors import LockHeld
from tasks.state import lock

pytestmark = pytest.mark.unit


def test_a_second_run_names_the_run_that_holds_the_lock(tmp_path: Path) -> None:
    first = lock(tmp_path, "20261123T020000Z-aaaaaa")
    second = lock(tmp_path, "20261123T020500Z-bbbbbb")
    with first, pytest.raises(LockHeld, match="20261123T020000Z-aaaaaa holds the lock"), second:
        pass
    with lock(tmp_path, "20261123T021000Z-cccccc"):  # free again once the first is done
        pass


def _hold(path: str, held: Any, stop: Any) -> None:
    with lock(Path(path), "holder-in-another-process"):
        held.set()
        stop.wait(30)


def test_the_lock_holds_across_processes_and_dies_with_its_holder(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    held, stop = context.Event(), context.Event()
    holder = context.Process(target=_hold, args=(str(tmp_path), held, stop))
    holder.start()
    try:
        assert held.wait(30)
        with pytest.raises(LockHeld, match="holder-in-another-process"), lock(tmp_path, "second"):
            pass
    finally:
        holder.kill()  # as if the run were killed: the kernel lets go of the lock
        holder.join(30)
    with lock(tmp_path, "after-the-kill"):
        pass
