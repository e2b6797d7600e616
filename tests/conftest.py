"""How the suite shares the machine when it runs on two workers (``-n 2``, pytest-xdist, set in pyproject.toml).

- Which worker runs what: ``support/scheduling.py``, a plugin registered here only when pytest-xdist is present.
  Without pytest-xdist (or with ``-p no:xdist``) the suite runs in one process, and ``-n``/``--dist`` (in the
  ``addopts``) are accepted and do nothing.
- A test marked ``alone`` measures time (frames per second, how long a playback takes): while it runs, the other
  worker waits. Every test holds a shared lock on this file for its setup, call and teardown; an ``alone`` test
  holds it exclusively.
- The lessons' texts join the text catalog when ``pages`` is imported: imported here, once, for every test process.
"""

import fcntl
import os

import pytest

import pages  # noqa: F401 (the lessons' texts join ui.catalog.CATALOG)
from support import scheduling


def pytest_addoption(parser, pluginmanager):
    if not pluginmanager.has_plugin("xdist"):  # stand-ins, so that the addopts' "-n 2 --dist loadfile" still parse
        group = parser.getgroup("xdist", "without pytest-xdist: accepted and ignored")
        # Their own names (not xdist's "numprocesses" and "dist"): another plugin reading those would think xdist runs.
        group._addoption("-n", "--numprocesses", dest="ignored_numprocesses", metavar="numprocesses",
                         help="ignored: pytest-xdist is not installed or is disabled")
        group.addoption("--dist", dest="ignored_dist", metavar="distmode",
                        help="ignored: pytest-xdist is not installed or is disabled")


def pytest_configure(config):
    if config.pluginmanager.has_plugin("xdist"):
        config.pluginmanager.register(scheduling, "scheduling")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if "PYTEST_XDIST_WORKER" not in os.environ:  # one process: nothing to share
        return (yield)
    with open(__file__) as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if item.get_closest_marker("alone") else fcntl.LOCK_SH)
        try:
            return (yield)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
