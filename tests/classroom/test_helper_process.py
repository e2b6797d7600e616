"""Trainings run in a helper process under ``streamlit run`` and where they are called elsewhere
(``ui.helper_process``)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from support.helped import doubled_where
from ui import helper_process


@pytest.fixture
def served(monkeypatch):
    """As under ``streamlit run``: a Streamlit runtime exists, so marked functions go to a helper."""
    monkeypatch.setattr(helper_process, "served", lambda: True)
    monkeypatch.setattr(helper_process, "HELPERS", 1)
    yield
    if helper_process._pool is not None:
        helper_process._forget(helper_process._pool)


def test_outside_a_server_a_marked_function_runs_where_it_is_called():
    assert helper_process.pool() is None
    assert doubled_where(1.5) == (3.0, os.getpid())


def test_in_an_apptest_a_marked_function_runs_in_the_test():
    """AppTest puts a stand-in Runtime in place: the pages' tests watch their computations where they run."""
    app = AppTest.from_string(
        "import os\nimport streamlit as st\nfrom support.helped import doubled_where\n"
        "st.markdown(str(doubled_where(2.0)[1] == os.getpid()))\n")
    app.run()
    assert not app.exception and app.markdown[0].value == "True"


def test_under_a_server_it_runs_in_one_helper_process_that_stays(served):
    first_value, first = doubled_where(2.0)
    second_value, second = doubled_where(-0.25)
    assert (first_value, second_value) == (4.0, -0.5)
    assert first != os.getpid() and first == second


def test_with_no_helpers_asked_for_it_runs_in_the_server(served, monkeypatch):
    monkeypatch.setattr(helper_process, "HELPERS", 0)
    assert doubled_where(1.0) == (2.0, os.getpid())


def test_a_helper_that_died_costs_one_call_in_the_server_and_is_replaced(served):
    _, helper = doubled_where(1.0)
    os.kill(helper, 9)
    for process in list(helper_process._pool._processes.values()):
        process.join(timeout=10)
    assert doubled_where(3.0) == (6.0, os.getpid())  # the broken pool is dropped, the call runs here
    value, replacement = doubled_where(5.0)
    assert value == 10.0 and replacement not in (helper, os.getpid())


SERVER = """
import sys, time
from ui import helper_process
helper_process.served = lambda: True
from support.helped import doubled_where
print(doubled_where(1.0)[1], flush=True)
time.sleep(60)
"""


def test_a_helper_ends_when_its_server_is_killed_outright(tmp_path):
    """A replica killed with SIGKILL leaves no helper behind (it notices that its parent is gone)."""
    root = Path(__file__).resolve().parents[2]
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True, cwd=root,
                              env={**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{root / 'tests'}"})
    try:
        helper = int(server.stdout.readline())
        assert helper != server.pid and Path(f"/proc/{helper}").exists()
    finally:
        server.kill()
        server.wait()
        server.stdout.close()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{helper}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{helper}").exists()
