"""Trainings run in a helper process, so the server's own process stays free for everyone else's page.

Every student's script runs as a thread of one Python process, and only one thread runs Python at a time (the GIL).
A network trained for a lesson (0.1-0.5 s of NumPy on small matrices, mostly Python) therefore held up every other
student's page while it ran, and a class exploring freely asked one core for more than it had while the machine's
other cores stayed idle. ``in_helper(function, *args)``, called inside a ``st.cache_data`` function (so that a cache
hit never leaves the server), runs ``function`` in a helper process when the app is served by ``streamlit run``: the
student's thread waits for the result without holding the GIL, and the pages of the others go on.

There are ``HELPERS`` helper processes per server (``LAB_HELPERS`` in the environment; 0 runs everything in the
server). Elsewhere (tests, AppTest, a benchmark importing a page's module) nothing changes: the function runs where
it is called (:func:`served`). If a helper dies (killed, out of memory), the call runs in the server and a new
helper is started for the next one.

Helpers are spawned, not forked (a fork of a threaded server may copy a lock another thread held). Python prepares
a spawned child by running the parent's main module as ``__mp_main__``, and while a student's script runs,
Streamlit makes that script the main module: so ``app.py`` draws nothing when its ``__name__`` is ``__mp_main__``
(its only guard), and a page script run that way only defines functions (``pages/__init__.py``).

``function`` must be defined at the top level of a module that imports no Streamlit (a lesson's ``trainer.py``:
the helper imports that module, ``ui.helper_main``, and nothing of Streamlit, 43 MB smaller), take and return what
``pickle`` carries (names, numbers, tuples, dataclasses of arrays).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ui import helper_main

APP = Path(__file__).resolve().parents[1] / "app.py"

HELPERS = int(os.environ.get("LAB_HELPERS", "1") or 0)

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def served() -> bool:
    """Whether this process serves the app: ``streamlit run app.py`` hands the script its command line, with the
    script itself as ``sys.argv[0]`` (Streamlit's documented way of passing a script its arguments). A test
    (AppTest runs ``app.py`` inside pytest) or a benchmark keeps its own command line."""
    return bool(sys.argv) and Path(sys.argv[0]).resolve() == APP


def pool() -> ProcessPoolExecutor | None:
    """The server's helpers, started on first use; None outside ``streamlit run`` or with ``HELPERS`` = 0."""
    global _pool
    if HELPERS <= 0 or not served():
        return None
    with _pool_lock:
        if _pool is None:  # spawned, not forked: a fork of a threaded server may copy a lock another thread held
            _pool = ProcessPoolExecutor(HELPERS, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=helper_main.start)
        return _pool


def _forget(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def in_helper(function, *args, **kwargs):
    """``function(*args, **kwargs)``, in a helper process when there is one (see the module's docstring)."""
    helpers = pool()
    if helpers is None:
        return function(*args, **kwargs)
    try:
        return helpers.submit(helper_main.run, f"{function.__module__}:{function.__qualname__}", args, kwargs).result()
    except BrokenProcessPool:
        _forget(helpers)
        return function(*args, **kwargs)
