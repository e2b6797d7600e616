"""The simulated students of ``python -m bench classroom``: they count an exception on a page as an error, follow a
page's sliders and drag them within their range."""

import asyncio
import os
import random
import subprocess
import sys
import time

import pytest

from deploy.local import Stack
from deploy.students import Slider, Student, cpu_seconds, rss_mb
from deploy.warm import warm
from pages import lesson_pages

FAULTY_APP = """
import streamlit as st

x = st.slider("x", 0, 10, 1, key="x", bind="query-params")
if x >= 5:
    raise ValueError("x is too large")
st.markdown('<a href="?x=3#here" target="_self">an experiment</a>', unsafe_allow_html=True)
"""


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    script = tmp_path_factory.mktemp("faulty") / "faulty.py"
    script.write_text(FAULTY_APP)
    with Stack(1, proxy=False, app=str(script)) as stack:
        yield stack.url


def test_an_exception_on_the_page_is_an_error(faulty):
    async def visit():
        student = Student(faulty, timeout=30)
        opened = await student.open("")
        slider = student.page.sliders["x"]
        broken = await student.move("x", [7])
        mended = await student.move("x", [2])
        from_url = await student.open("", "x=9")
        await student.close()
        return opened, slider, broken, mended, from_url, student

    opened, slider, broken, mended, from_url, student = asyncio.run(visit())
    assert opened.error == "" and mended.error == ""
    assert (slider.low, slider.high, slider.current, slider.integer) == (0, 10, (1.0,), True)
    # The app's config hides error details (client.showErrorDetails = "none"): the exception element still counts.
    assert broken.error.startswith("exception") and from_url.error.startswith("exception")
    assert student.session_id and opened.received > 0


def test_the_experiment_links_of_a_page_are_read(faulty):
    async def visit():
        student = Student(faulty, timeout=30)
        await student.open("")
        await student.close()
        return student.page.links

    assert asyncio.run(visit()) == ["x=3"]


def test_a_drag_stays_within_the_range_and_near_where_the_slider_stands():
    numeric = Slider("id", "steps", "", (), 1.0, 500.0, 1.0, 1, True, (50.0,))
    options = tuple(str(value) for value in (0.001, 0.01, 0.1, 1.0, 2.0, 10.0))
    select = Slider("id2", "lr", "", options, 0.0, 0.0, 1.0, 1, False, ("0.1",))
    rng = random.Random(0)
    for _ in range(200):
        (value,) = numeric.pick(rng)
        assert isinstance(value, int) and 1 <= value <= 500 and value != 50 and abs(value - 50) <= 50
        (choice,) = select.pick(rng)
        assert choice in options and choice != "0.1"
    assert numeric.pick(rng, (500.0,))[0] < 500  # from the end of the range, only inwards


def test_a_servers_memory_counts_the_processes_it_started():
    """A server's helper processes hold memory of the class too: the bench adds them to the server's."""
    alone = rss_mb(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "import time; kept = b'1' * 80_000_000; time.sleep(60)"])
    try:
        deadline = time.monotonic() + 20
        while rss_mb(child.pid) < 80 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rss_mb(child.pid) >= 80
        assert rss_mb(os.getpid()) - alone >= 75
        # given with its parent (a server and its helper, both by pid), the child is counted once
        assert rss_mb(os.getpid(), child.pid) == pytest.approx(rss_mb(os.getpid()), abs=5)
    finally:
        child.kill()
        child.wait()


def test_a_servers_processor_time_counts_the_processes_it_started():
    """The bench's CPU per action adds a server's helpers to the server: a child busy for 0.5 s shows in both."""
    alone = cpu_seconds(os.getpid())
    child = subprocess.Popen([sys.executable, "-c",
                              "import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass\n"
                              "time.sleep(60)"])
    try:
        deadline = time.monotonic() + 20
        while cpu_seconds(child.pid) < 0.5 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert 0.5 <= cpu_seconds(child.pid) < 5
        assert cpu_seconds(os.getpid()) - alone >= 0.5
        assert cpu_seconds(os.getpid(), child.pid) == pytest.approx(cpu_seconds(os.getpid()), abs=0.2)
    finally:
        child.kill()
        child.wait()
    assert cpu_seconds(child.pid) == 0.0  # gone


def test_warming_reports_a_page_that_fails(tmp_path):
    """The warm-up before a class says which page did not come back whole (the app shows no error details, but an
    exception element), and starting a warmed server fails."""
    script = tmp_path / "broken.py"
    script.write_text("raise RuntimeError('the lesson is broken')\n")
    with Stack(1, proxy=False, app=str(script)) as stack:
        problems = asyncio.run(warm(stack.url))
    assert len(problems) == len(lesson_pages()) and all("exception" in problem for problem in problems)
    with pytest.raises(RuntimeError, match="exception"), Stack(1, proxy=False, app=str(script), warm=True):
        pass
