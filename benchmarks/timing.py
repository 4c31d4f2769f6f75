"""The one way the benchmarks time work: the best of a few runs (the machine is noisy)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best(repeat: int, work: Callable[[], object]) -> float:
    """Seconds of the fastest of ``repeat`` runs of ``work``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)
