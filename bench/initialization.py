"""The initialization page: median rerun of 20 slider moves on a 50-layer, 512-wide stack, and first-view training.

    python -m bench initialization

The page opens with the deep stack at its largest (50 layers of 512 units, the default five initializers). Each move
sets the inputs' variance Var(x) to a value not seen before in the session, so every rerun makes a new forward and
backward pass through all 50 layers for every initializer shown (plus the histograms and the theory); a second series
moves the number of layers (49, 48, ...), which recomputes the backward pass from a new top. First-view training is
the time the page spends training the network from each default initializer with empty caches (what a student waits
for, behind the progress bar, on the page's first view); the whole first view is reported beside it.
Targets: median rerun <= 300 ms; first-view training <= 2 s.
"""

from __future__ import annotations

import time

from bench._apptest import median_rerun, open_page, quiet_streamlit
from bench._timing import report
from ui.controls import log_options

PAGE = "pages/initialization/page.py"
DEFAULT_SCHEMES = ("small_normal", "unit_normal", "standard_uniform", "xavier_normal", "he_normal")
TARGET_RERUN_S, TARGET_TRAINING_S = 0.300, 2.0


def first_view_training() -> float:
    """The page's training loop on its defaults, caches emptied: seconds."""
    from pages.initialization import compute

    compute.training.clear()
    started = time.perf_counter()
    for scheme in DEFAULT_SCHEMES:
        compute.training(scheme, "tanh", "circles", 8, 25, 0.01, 0.01, 0)
    return time.perf_counter() - started


def main(argv: list[str]) -> None:
    quiet_streamlit()
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    started = time.perf_counter()
    app = open_page(PAGE, init_depth="50", init_width="512")
    first_view = time.perf_counter() - started
    training = first_view_training()

    values = [value for value in log_options(0.01, 100.0) if value != 1.0][:20]
    median, timings = median_rerun(app, lambda: app.select_slider(key="init_stack_var"), values)
    depths = list(range(49, 29, -1))
    depth_median, depth_timings = median_rerun(app, lambda: app.slider(key="init_depth"), depths)
    report([
        ("stack", "50 layers x 512 units, 5 initializers (16 inputs each), forward and backward"),
        ("moves of Var(x)", f"{len(timings)} ({values[0]:g} .. {values[-1]:g})"),
        ("median rerun", f"{median * 1e3:.0f} ms (target <= {TARGET_RERUN_S * 1e3:.0f} ms)"),
        ("slowest rerun", f"{max(timings) * 1e3:.0f} ms"),
        ("moves of the depth", f"{len(depth_timings)} ({depths[0]} .. {depths[-1]} layers of 512)"),
        ("median rerun", f"{depth_median * 1e3:.0f} ms"),
        ("first-view training", f"{training:.2f} s for {len(DEFAULT_SCHEMES)} initializers "
                                f"(target <= {TARGET_TRAINING_S:g} s)"),
        ("whole first view", f"{first_view:.2f} s (random numbers of the stack, symmetry trap, training, ...)"),
    ])
    if median > TARGET_RERUN_S or training > TARGET_TRAINING_S:
        raise SystemExit("target missed")
