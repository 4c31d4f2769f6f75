"""Bulk work done fast: on the other core, and without needless garbage collection.

``paused_gc`` — loading thousands of files makes millions of small objects and
no reference cycles; Python's collector would still rescan all of them again and
again as they accumulate, which made a 5,000-unit build spend half its time there.

``Background`` — a function run in a forked process.

A build is mostly single-threaded Python (MkDocs renders one page after
another), so on a machine with two or more cores the honour roll's downloads
can be made at the same time in a forked child, which already holds the
submissions in memory (nothing is copied in). Only the result comes back, as a
pickle through a pipe. Where forking is not safe or possible (not Linux, one
core, or a process with other threads, as under ``mkdocs serve``) the function
simply runs when its result is asked for. Any failure in the child also falls
back to running it here, so the caller sees the same result or the same error.
A child dies with its parent, even one killed with SIGKILL (``die_with_parent``).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_FAILED = b"-"


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside the block (reference counting goes on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _can_fork() -> bool:
    """Linux only (macOS offers fork but system libraries may not survive it)."""
    return (
        sys.platform.startswith("linux")
        and len(os.sched_getaffinity(0)) > 1  # cores this process may use
        and threading.active_count() == 1
    )


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Have Linux kill this process (SIGKILL) when its parent dies, however it dies.

    A parent killed with SIGKILL runs no cleanup code, so it cannot stop its
    children; the kernel can: ``prctl(PR_SET_PDEATHSIG)`` asks it to signal
    this process when the thread that forked it ends. The setting survives
    ``execve``, so a program this process then becomes dies the same way. Should
    the parent have died before the call (``parent`` is no longer the parent),
    this process exits at once. Elsewhere than Linux it does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _child(connection: Any, function: Callable[..., Any], args: tuple, parent: int) -> None:
    die_with_parent(parent)
    try:
        payload = pickle.dumps(function(*args), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - the parent runs it again and reports properly
        payload = _FAILED
    connection.send_bytes(payload)
    connection.close()


class Background(Generic[T]):
    """``function(*args)``, started now, its value given by ``result()``."""

    def __init__(self, function: Callable[..., T], *args: Any, fork: bool | None = None) -> None:
        self._function, self._args = function, args
        self._process = self._connection = None
        if _can_fork() if fork is None else fork:
            context = multiprocessing.get_context("fork")
            self._connection, child_end = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_child, args=(child_end, function, args, os.getpid()), daemon=True
            )
            self._process.start()
            child_end.close()

    @property
    def forked(self) -> bool:
        return self._process is not None

    def cancel(self) -> None:
        """Stop the child, if any: its result is no longer wanted (a failed build)."""
        if self._process is not None and self._connection is not None:
            self._process.terminate()
            self._process.join()
            self._connection.close()
            self._process = None

    def result(self) -> T:
        if self._process is None or self._connection is None:
            return self._function(*self._args)
        try:
            payload = self._connection.recv_bytes()
        except EOFError:
            payload = _FAILED
        finally:
            self._connection.close()
            self._process.join()
            self._process = None
        if payload == _FAILED:
            return self._function(*self._args)
        return pickle.loads(payload)
