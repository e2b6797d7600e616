"""Shared timing helpers for the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def best_of(function: Callable[[], object], repeats: int = 5) -> float:
    """The fastest of ``repeats`` wall-clock timings of ``function()``, in seconds (the least disturbed run)."""
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def median_of(timings: list[float]) -> float:
    return statistics.median(timings)


def report(rows: list[tuple[str, str]]) -> None:
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
