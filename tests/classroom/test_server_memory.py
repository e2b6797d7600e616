"""The server hands what a class frees back to the system (``ui.server_memory``)."""

import ctypes
import threading
import time
from pathlib import Path

import pytest

from ui import server_memory

GLIBC = server_memory._glibc()


def resident_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024


class Recorder:
    """A stand-in for the C library that records the calls."""

    def __init__(self):
        self.calls = []

    def mallopt(self, parameter, value):
        self.calls.append(("mallopt", parameter, value))

    def malloc_trim(self, pad):
        self.calls.append(("malloc_trim", pad))


def test_the_arenas_are_capped_and_the_heap_trimmed_again_and_again():
    library, stop = Recorder(), threading.Event()
    thread = server_memory.start_returning_memory(library, seconds=0.01, stop=stop)
    time.sleep(0.2)
    stop.set()
    thread.join(timeout=5)
    assert thread.daemon and not thread.is_alive()
    assert library.calls[0] == ("mallopt", -8, server_memory.ARENAS)  # M_ARENA_MAX in glibc's malloc.h
    assert library.calls[1:] == [("malloc_trim", 0)] * (len(library.calls) - 1) and len(library.calls) >= 4


@pytest.mark.skipif(GLIBC is None, reason="needs glibc")
def test_trimming_gives_freed_memory_back():
    """Blocks freed in the middle of the heap stay in the process until it is trimmed (what happened after a class:
    the memory of finished script runs, interleaved with what they kept)."""
    GLIBC.mallopt(server_memory.M_ARENA_MAX, server_memory.ARENAS)
    GLIBC.malloc.restype, GLIBC.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    GLIBC.free.argtypes = [ctypes.c_void_p]
    blocks = [GLIBC.malloc(4000) for _ in range(40_000)]  # 160 MB in blocks below glibc's mmap threshold
    for block in blocks:
        ctypes.memset(block, 1, 4000)
    kept = blocks[::64]  # one block in 64 stays: the heap cannot shrink from its top
    kept_set = set(kept)
    for block in blocks:
        if block not in kept_set:
            GLIBC.free(block)
    before = resident_mb()
    GLIBC.malloc_trim(0)
    after = resident_mb()
    for block in kept:
        GLIBC.free(block)
    assert before - after > 100, (before, after)
