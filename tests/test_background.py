"""Work on the other core: same result (or same error) as running it here."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from vinhdanh.background import Background

PARENT = os.getpid()


def where_am_i() -> int:
    return os.getpid()


def fails_only_in_a_child() -> str:
    if os.getpid() != PARENT:
        raise RuntimeError("child")
    return "here"


def always_fails() -> None:
    raise ValueError("bad input")


def test_forked_work_runs_in_another_process():
    work = Background(where_am_i, fork=True)
    assert work.forked
    assert work.result() != PARENT


def test_without_fork_the_work_runs_here_when_asked():
    work = Background(where_am_i, fork=False)
    assert not work.forked
    assert work.result() == PARENT


def test_a_failure_in_the_child_runs_the_work_again_here():
    assert Background(fails_only_in_a_child, fork=True).result() == "here"


def test_an_error_reaches_the_caller_as_without_fork():
    with pytest.raises(ValueError, match="bad input"):
        Background(always_fails, fork=True).result()


def test_arguments_and_large_results_come_back_whole():
    rows = Background(lambda n: [(i, "Nguyễn Văn An" * 3) for i in range(n)], 50_000, fork=True)
    assert rows.result() == [(i, "Nguyễn Văn An" * 3) for i in range(50_000)]


def test_cancelled_work_leaves_no_process_behind():
    work = Background(time.sleep, 60, fork=True)
    process = work._process
    work.cancel()
    assert not process.is_alive()


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper does not)."""
    try:
        stat = open(f"/proc/{pid}/stat", encoding="ascii").read()  # noqa: SIM115
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def gone(pid: int, patience: float = 60.0) -> bool:
    """Wait (generously: this is no speed test) for ``pid`` to stop; whether it did."""
    deadline = time.monotonic() + patience
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


ORPHAN = """
import sys, time
from vinhdanh.background import Background
work = Background(time.sleep, 3600, fork=True)
print(work._process.pid, flush=True)
time.sleep(3600)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_worker_whose_parent_is_killed_stops_too():
    parent = subprocess.Popen([sys.executable, "-c", ORPHAN], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert alive(child)
    parent.kill()  # SIGKILL: the parent runs no cleanup code at all
    parent.wait()
    parent.stdout.close()
    assert gone(child)
