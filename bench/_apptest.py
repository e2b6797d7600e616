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
