"""How the suite shares the machine when it runs on two workers (``-n 2``, pytest-xdist, set in pyproject.toml).

- A file's tests run on one worker, in their order (xdist's ``loadfile``): a module's fixture, such as one session
  whose controls the tests move one after another, serves them all. A file listed in ``PER_PAGE_TESTS`` is split by
  page instead, so its pages spread over both workers.
- The tests that start servers and a browser (``tests/browser``, ``tests/deploy``) count as one file here: they run
  one after another on one worker, so at most one such server runs at a time, beside the other worker's tests.
- A test marked ``alone`` measures time (frames per second, how long a playback takes): while it runs, the other
  worker waits. Every test holds a shared lock on this file for its setup, call and teardown; an ``alone`` test
  holds it exclusively.
"""

import fcntl
import os

import pytest

SERVER_TESTS = ("tests/browser/", "tests/deploy/")
# Files whose tests are parametrized by page first (``test_x[<page>-...]``): each page's tests run together on one
# worker (they share that page's runs, kept per process), the pages spread over the workers.
PER_PAGE_TESTS = ("tests/pages/test_shown_text.py",)


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadFileScheduling

    class ServersTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(SERVER_TESTS):
                return "servers"
            if nodeid.startswith(PER_PAGE_TESTS) and "[" in nodeid:  # test_x[<page>-...]: a page's tests together
                return nodeid.split("::")[0] + "::" + nodeid.split("[")[1].split("-")[0].rstrip("]")
            return super()._split_scope(nodeid)

    return ServersTogether(config, log)


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
