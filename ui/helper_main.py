"""What runs inside a helper process (see ``ui.helper_process``, the server's side). No Streamlit here, nor in the
modules whose functions a helper runs (each lesson's ``trainer.py``): importing Streamlit costs a process 43 MB, and a
helper never draws a page.
"""

from __future__ import annotations

import importlib
import os
import threading
import time

from ui import server_memory

PARENT_CHECK_SECONDS = 1.0


def start() -> None:
    """In a new helper: the server's care of memory (``ui.server_memory``) and a watch on the server, so that the
    helper ends with it even if the server was killed outright."""
    server_memory.return_freed_memory()
    threading.Thread(target=_end_with, args=(os.getppid(),), name="server-watch", daemon=True).start()


def _end_with(server: int, every: float = PARENT_CHECK_SECONDS) -> None:
    """End this process once ``server`` is gone (the helper is then adopted: its parent's id changes)."""
    while os.getppid() == server:
        time.sleep(every)
    os._exit(0)


def run(name: str, args: tuple, kwargs: dict):
    """The function ``name`` ("module:qualified name") called with ``args`` and ``kwargs``."""
    module, _, qualname = name.partition(":")
    function = importlib.import_module(module)
    for part in qualname.split("."):
        function = getattr(function, part)
    return function(*args, **kwargs)
