"""Median rerun of a page after slider moves, measured in AppTest (the whole script run, charts included)."""

from __future__ import annotations

import logging
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def quiet_streamlit() -> None:
    """Silence Streamlit's bare-mode warnings (it sets a level on each of its loggers)."""
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


def open_page(page: str, **query: str) -> AppTest:
    quiet_streamlit()
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params.update(query)
    app.run()
    app.switch_page(page).run()
    return app


def median_rerun(app: AppTest, widget, values: list) -> tuple[float, list[float]]:
    """Set ``widget`` to each value in turn; return the median and all rerun times in seconds."""
    timings = []
    for value in values:
        started = time.perf_counter()
        widget().set_value(value).run()
        timings.append(time.perf_counter() - started)
        if app.exception:
            raise SystemExit(f"the page raised: {app.exception[0].value}")
    return statistics.median(timings), timings


def spec_bytes(app: AppTest, index: int = 0) -> int:
    return len(app.get("plotly_chart")[index].proto.spec.encode())


Move = tuple[str, str, object]  # (widget kind, key, value), e.g. ("slider", "bn_gamma", 1.5)


def first_view_and_moves(page: str, moves: list[Move]) -> tuple[AppTest, float, list[int], list[float]]:
    """Open ``page`` in a fresh AppTest, then make each ``(widget kind, key, value)`` move in turn.

    Returns the app, the first view's seconds, each chart's spec size in bytes, and each move's rerun seconds."""
    started = time.perf_counter()
    app = open_page(page)
    first_view = time.perf_counter() - started
    sizes = [len(chart.proto.spec.encode()) for chart in app.get("plotly_chart")]
    redraws = []
    for kind, key, value in moves:
        moved = time.perf_counter()
        getattr(app, kind)(key=key).set_value(value).run()
        redraws.append(time.perf_counter() - moved)
        if app.exception:
            raise SystemExit(f"the page raised: {app.exception[0].value}")
    return app, first_view, sizes, redraws
