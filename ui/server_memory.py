"""The server's memory: what a class frees goes back to the system.

Every student's script runs as a thread of one Python process. Two things are done once per process:

- Garbage: Streamlit's full collection after every script run (``runner.postScriptGC``) took 50-80 ms of every
  run once a class's caches were in memory, and held all other runs meanwhile, so it is off
  (``.streamlit/config.toml``); a background thread collects every ``TIDY_SECONDS`` instead.
- The heap: glibc's malloc gives threads that contend for the heap arenas of their own (up to eight per core) and
  keeps what is freed in them for reuse, so after a class the process held hundreds of megabytes it no longer
  used. The process therefore uses at most ``ARENAS`` arenas (``mallopt(M_ARENA_MAX)``, what the
  ``MALLOC_ARENA_MAX`` environment variable does) and the same thread hands freed memory back after each
  collection (``malloc_trim(0)``; the call releases the GIL, so scripts go on meanwhile). Where the C library is
  not glibc (macOS, Alpine), only the collection is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading

M_ARENA_MAX = -8  # mallopt's parameter number in glibc's malloc.h
ARENAS = 2
TIDY_SECONDS = 20.0


def glibc():
    """glibc, or None where the C library is another one."""
    name = ctypes.util.find_library("c")
    try:
        library = ctypes.CDLL(name)
        library.gnu_get_libc_version  # noqa: B018 - only glibc has it
        library.malloc_trim  # noqa: B018
    except (OSError, AttributeError, TypeError):
        return None
    return library


def _tidy_until(stop: threading.Event, library, seconds: float) -> None:
    while not stop.wait(seconds):
        gc.collect()
        if library is not None:
            library.malloc_trim(0)


def start_returning_memory(library, seconds: float = TIDY_SECONDS, stop: threading.Event | None = None
                           ) -> threading.Thread:
    """Cap ``library``'s malloc arenas at ``ARENAS`` (unless it is None) and start the thread that collects garbage
    and trims the heap every ``seconds`` (until ``stop`` is set; by default, for the life of the process)."""
    if library is not None:
        library.mallopt(M_ARENA_MAX, ARENAS)
    thread = threading.Thread(target=_tidy_until, args=(stop or threading.Event(), library, seconds),
                              name="memory-tidy", daemon=True)
    thread.start()
    return thread


_once = threading.Lock()
_started: list[bool] = []  # filled by the first call of return_freed_memory: whether the heap is trimmed too


def return_freed_memory() -> bool:
    """Once per process: ``start_returning_memory``. True where the C library is glibc (the heap is trimmed too).
    No Streamlit here: the server's helper processes (``ui.helper_process``) start it too, without importing it."""
    with _once:
        if not _started:
            library = glibc()
            start_returning_memory(library)
            _started.append(library is not None)
    return _started[0]
