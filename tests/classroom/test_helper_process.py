"""Trainings run in a helper process under ``streamlit run`` and where they are called elsewhere
(``ui.helper_process``)."""

import ast
import os
import subprocess
import sys
import time
import types
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


def test_a_helper_started_during_a_script_run_imports_no_streamlit(served, monkeypatch):
    """A helper imports the module of its work and ``ui.helper_main``, no Streamlit (43 MB of a process). During a
    script run Streamlit makes the app's script the ``__main__`` module, and a spawned helper first runs the parent's
    main script: app.py does nothing there."""
    main = types.ModuleType("__main__")
    main.__file__ = str(Path(__file__).resolve().parents[2] / "app.py")
    monkeypatch.setitem(sys.modules, "__main__", main)
    from support import helped_work
    from ui.helper_process import in_helper

    assert in_helper(helped_work.streamlit_imported) is False
    assert helped_work.streamlit_imported() is True  # the test itself has


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


TRAINERS = sorted(path.parent.name for path in (Path(__file__).resolve().parents[2] / "pages").glob("*/trainer.py"))


def test_every_lesson_trainer_imports_no_streamlit():
    """What a helper runs lives in a lesson's ``trainer.py``, which imports no Streamlit, nor does the helper's own
    module: a helper is 43 MB smaller."""
    root = Path(__file__).resolve().parents[2]
    modules = ["ui.helper_main", *(f"pages.{lesson}.trainer" for lesson in TRAINERS)]
    assert len(modules) >= 5
    code = f"import sys\nfor name in {modules!r}:\n    __import__(name)\nprint('streamlit' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert found.stdout.strip() == "False"


def test_the_pages_send_only_trainer_functions_to_a_helper():
    """Every ``in_helper(function, ...)`` of a lesson's ``compute.py`` sends a function of its ``trainer``."""
    root = Path(__file__).resolve().parents[2]
    calls = []
    for path in sorted((root / "pages").glob("*/compute.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "in_helper":
                target = node.args[0]
                calls.append((path.parent.name, isinstance(target, ast.Attribute)
                              and getattr(target.value, "id", "") == "trainer"))
    assert len(calls) >= 7 and all(ok for _, ok in calls), calls
    assert {lesson for lesson, _ in calls} == set(TRAINERS)
