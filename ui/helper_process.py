"""Trainings run in a helper process, so the server's own process stays free for everyone else's page.

Every student's script runs as a thread of one Python process, and only one thread runs Python at a time (the GIL).
A network trained for a lesson (0.1-0.5 s of NumPy on small matrices, mostly Python) therefore held up every other
student's page while it ran, and a class exploring freely asked one core for more than it had while the machine's
other cores stayed idle. A function marked ``@in_helper`` (below its ``st.cache_data``, so a cache hit never leaves
the server) runs in a helper process when the app is served by ``streamlit run``: the student's thread waits for the
result without holding the GIL, and the pages of the others go on.

There are ``HELPERS`` helper processes per server (``LAB_HELPERS`` in the environment; 0 runs everything in the
server). Elsewhere (tests, AppTest, a benchmark importing a page's module) nothing changes: the function runs where
it is called. If a helper dies (killed, out of memory), the call runs in the server and a new helper is started
for the next one.

A marked function must be defined at the top level of a module, take and return what ``pickle`` carries (names,
numbers, tuples, dataclasses of arrays), and not call another marked function (the helper runs it as it is).
"""

from __future__ import annotations

import functools
import importlib
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from streamlit import runtime
from streamlit.runtime import Runtime

from ui import server_memory

HELPERS = int(os.environ.get("LAB_HELPERS", "1") or 0)
PARENT_CHECK_SECONDS = 1.0

_functions: dict[str, object] = {}  # "module:name" -> the function as written, for the helper to find
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _start_helper() -> None:
    """In a new helper: no warning that a nested cached function has no Streamlit runtime (it caches in memory),
    the server's care of memory (``ui.server_memory``), and a watch on the server, so that the helper ends with it
    even if the server was killed outright."""
    logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)
    server_memory.start_returning_memory(server_memory.glibc())
    threading.Thread(target=_end_with, args=(os.getppid(),), name="server-watch", daemon=True).start()


def _end_with(server: int, every: float = PARENT_CHECK_SECONDS) -> None:
    """End this process once ``server`` is gone (the helper is then adopted: its parent's id changes)."""
    while os.getppid() == server:
        time.sleep(every)
    os._exit(0)


def _run(name: str, args: tuple, kwargs: dict):
    """In the helper: import the function's module (which registers it) and call the function as written."""
    module, _, _ = name.partition(":")
    importlib.import_module(module)
    return _functions[name](*args, **kwargs)


def served() -> bool:
    """Whether this process is a server started by ``streamlit run`` (AppTest puts a stand-in Runtime in place)."""
    return runtime.exists() and type(Runtime.instance()) is Runtime


def pool() -> ProcessPoolExecutor | None:
    """The server's helpers, started on first use; None outside ``streamlit run`` or with ``HELPERS`` = 0."""
    global _pool
    if HELPERS <= 0 or not served():
        return None
    with _pool_lock:
        if _pool is None:  # spawned, not forked: a fork of a threaded server may copy a lock another thread held
            _pool = ProcessPoolExecutor(HELPERS, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_start_helper)
        return _pool


def _forget(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def in_helper(function):
    """Run ``function`` in a helper process when there is one (see the module's docstring)."""
    name = f"{function.__module__}:{function.__qualname__}"
    _functions[name] = function

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        helpers = pool()
        if helpers is None:
            return function(*args, **kwargs)
        try:
            return helpers.submit(_run, name, args, kwargs).result()
        except BrokenProcessPool:
            _forget(helpers)
            return function(*args, **kwargs)

    return wrapper
