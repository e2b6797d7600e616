"""Backprop lab: median rerun after a slider move (target <= 200 ms), AppTest, 20 moves."""

from __future__ import annotations

from bench._apptest import median_rerun, open_page
from bench._timing import report

PAGE = "pages/backprop/page.py"


def main(argv: list[str]) -> None:
    app = open_page(PAGE)
    values = [round(-2.0 + 0.2 * index, 1) for index in range(20)]
    median, timings = median_rerun(app, lambda: app.slider(key="bp_x1"), values)
    walk_median, _ = median_rerun(app, lambda: app.slider(key="bp_walk"), [index % 10 for index in range(20)])
    report([
        ("moves", f"{len(timings)} (input x1 from -2 to 1.8)"),
        ("median rerun", f"{median * 1000:.0f} ms (target <= 200 ms)"),
        ("slowest rerun", f"{max(timings) * 1000:.0f} ms"),
        ("median rerun, walk step", f"{walk_median * 1000:.0f} ms"),
    ])
