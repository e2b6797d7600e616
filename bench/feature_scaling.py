"""The feature-scaling page: median rerun after 20 learning-rate moves, and the animated chart's size.

    python -m bench feature_scaling

Each move goes to a learning rate not seen before in the session, so no cached result is reused
(a real slider drag mostly visits new values too). Targets: median rerun <= 150 ms, spec <= 1 MB
(the spec is also measured at 500 steps, the largest animation the page can make).
"""

from bench._apptest import median_rerun, open_page, spec_bytes
from bench._timing import report
from ui.controls import log_options

PAGE = "pages/feature_scaling/page.py"


def main(argv: list[str]) -> None:
    app = open_page(PAGE)
    values = [value for value in log_options(1e-4, 10.0) if value != 0.1][:20]
    median, timings = median_rerun(app, lambda: app.select_slider(key="lr"), values)
    default_size = spec_bytes(app)
    largest = open_page(PAGE, steps="500", lr="0.1")
    largest_size = spec_bytes(largest)
    report([
        ("moves", f"{len(timings)} (learning rate {values[0]:g} .. {values[-1]:g})"),
        ("median rerun", f"{median * 1e3:.0f} ms (target <= 150 ms)"),
        ("slowest rerun", f"{max(timings) * 1e3:.0f} ms"),
        ("spec, 50 steps", f"{default_size / 1e3:.0f} kB"),
        ("spec, 500 steps", f"{largest_size / 1e3:.0f} kB (target <= 1000 kB)"),
    ])
    if median > 0.150 or largest_size > 1_000_000:
        raise SystemExit("target missed")
