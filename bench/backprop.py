"""Backprop lab: median rerun after 20 moves of an input slider and of the walk's step (target <= 200 ms).

    python -m bench backprop

Each input move goes to a value not seen before in the session, so no cached graph pass or gradient check is
reused; the step moves reuse the pass and redraw the graph. The BLAS timing is measured once, when the page first
opens, and is not part of any rerun.
"""

from bench._apptest import median_rerun, open_page
from bench._timing import report

PAGE = "pages/backprop/page.py"
TARGET = 0.200


def main(argv: list[str]) -> None:
    app = open_page(PAGE)
    inputs = [round(-2.9 + 0.3 * index, 1) for index in range(20)]
    median, timings = median_rerun(app, lambda: app.slider(key="bp_x1"), inputs)
    steps = [(7 * index) % 19 for index in range(1, 21)]
    step_median, step_timings = median_rerun(app, lambda: app.slider(key="bp_step"), steps)
    weights = [round(-2.95 + 0.3 * index, 2) for index in range(20)]
    weight_median, _ = median_rerun(app, lambda: app.slider(key="bp_w11"), weights)
    report([
        ("moves", f"{len(timings)} (input x1 from {inputs[0]} to {inputs[-1]})"),
        ("median rerun, input", f"{median * 1e3:.0f} ms (target <= {TARGET * 1e3:.0f} ms)"),
        ("slowest rerun, input", f"{max(timings) * 1e3:.0f} ms"),
        ("median rerun, weight w11", f"{weight_median * 1e3:.0f} ms"),
        ("median rerun, walk step", f"{step_median * 1e3:.0f} ms (slowest {max(step_timings) * 1e3:.0f} ms)"),
    ])
    if max(median, step_median, weight_median) > TARGET:
        raise SystemExit("target missed")
