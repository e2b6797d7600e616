"""How pytest-xdist hands the tests to its two workers (a plugin that ``tests/conftest.py`` registers only when
pytest-xdist is there: without it, its hook would be unknown to pytest).

Tests are sent in groups; a group runs on one worker, in order, so what its tests share (a module's fixture, the runs
of a page kept per process in ``support.runs``) is computed once:

- a file is a group (xdist's ``loadfile``);
- every test of one page is a group, wherever it is written: ``tests/pages/test_page_<page>.py`` (the sandbox's
  ``test_playground.py``) and ``tests/pages/test_<page>_conclusions.py`` together with the tests parametrized by page
  first (``test_x[<page>]``, ``test_x[<page>-...]``) in the files of ``BY_PAGE``, so a page's runs and trainings
  (the lessons' caches are per process) are made once, and the pages spread over the workers;
- the browser tests (``tests/browser``: one server of the app, Chromium) are one group, and the replica tests
  (``tests/deploy``: two servers behind HAProxy) another: each starts its servers once, and the two go out first, to
  different workers, since they mostly wait on their servers.

The groups that take longest (``SLOWEST``, measured) go out first, the servers' before all, so that the last group
a worker starts is a short one; the rest go out largest first (by number of tests), as xdist's ``loadscope`` sends
them.
"""

from __future__ import annotations

import re
from collections import OrderedDict

SERVER_TESTS = {"tests/browser/": "browser", "tests/deploy/": "deploy"}
# Files whose tests are parametrized by page first: each test joins its page's group.
BY_PAGE = ("tests/pages/test_page_contract.py", "tests/pages/test_shown_text.py", "tests/pages/test_readability.py",
           "tests/pages/test_experiment_anchors.py")
PAGE_FILE = re.compile(r"tests/pages/test_(?:page_(\w+)|(playground)|(\w+)_conclusions)\.py")
SLOWEST = ("browser", "deploy", "page batch_norm", "page dropout", "page initialization", "page playground",
           "page optimizer_lab", "tests/classroom/test_sections.py", "page backprop", "page activations")


def scope(nodeid: str) -> str | None:
    """The group of the test ``nodeid``, or None for its file's group."""
    path = nodeid.split("::")[0]
    for folder, group in SERVER_TESTS.items():
        if path.startswith(folder):
            return group
    if path in BY_PAGE:
        return "page " + re.split(r"[-\]]", nodeid.split("[", 1)[1])[0] if "[" in nodeid else None
    page_file = PAGE_FILE.fullmatch(path)
    return "page " + next(name for name in page_file.groups() if name) if page_file else None


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadFileScheduling

    class ByPage(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope(nodeid) or super()._split_scope(nodeid)

        def _assign_work_unit(self, node) -> None:
            if not getattr(self, "slowest_first", False):  # once, when the first group goes out
                rank = {name: index for index, name in enumerate(SLOWEST)}
                groups = sorted(self.workqueue.items(), key=lambda group: rank.get(group[0], len(rank)))
                self.workqueue = OrderedDict(groups)
                self.slowest_first = True
            super()._assign_work_unit(node)

    return ByPage(config, log)
