"""The server hands what a class frees back to the system (``ui.server_memory``)."""

import ctypes
import threading
import time
import tomllib
from pathlib import Path

import pytest

from ui import server_memory

GLIBC = server_memory.glibc()


def resident_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024


class Recorder:
    """A stand-in for the C library that records the calls, each with the thread that made it."""

    def __init__(self, calls: list):
        self.calls = calls

    def mallopt(self, parameter, value):
        self.calls.append((threading.get_ident(), ("mallopt", parameter, value)))

    def malloc_trim(self, pad):
        self.calls.append((threading.get_ident(), ("malloc_trim", pad)))


def run_tidier(with_glibc: bool, monkeypatch) -> list:
    """Run the tidying thread for a moment with a recording C library (or none); return the calls made here and in
    that thread, garbage collections included. Another tidying thread (``return_freed_memory``, started by an
    earlier test in this process) may collect meanwhile: its calls are left out."""
    calls = []
    monkeypatch.setattr(server_memory.gc, "collect", lambda: calls.append((threading.get_ident(), ("collect",))))
    stop = threading.Event()
    thread = server_memory.start_returning_memory(Recorder(calls) if with_glibc else None, seconds=0.01, stop=stop)
    time.sleep(0.2)
    stop.set()
    thread.join(timeout=5)
    assert thread.daemon and not thread.is_alive()
    return [call for ident, call in calls if ident in (thread.ident, threading.get_ident())]


def test_the_arenas_are_capped_and_garbage_collected_then_trimmed_again_and_again(monkeypatch):
    calls = run_tidier(True, monkeypatch)
    assert calls[0] == ("mallopt", -8, server_memory.ARENAS)  # M_ARENA_MAX in glibc's malloc.h
    rounds = (len(calls) - 1) // 2
    assert rounds >= 3 and calls[1:1 + 2 * rounds] == [("collect",), ("malloc_trim", 0)] * rounds


def test_without_glibc_garbage_is_still_collected(monkeypatch):
    calls = run_tidier(False, monkeypatch)
    assert len(calls) >= 3 and set(calls) == {("collect",)}


def test_the_server_does_not_collect_after_every_run_nor_watch_the_sources():
    """The full collection after each run and the file watcher cost most of a light run's time in a class."""
    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False
    assert config["server"]["fileWatcherType"] == "none"


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
