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

import os
import statistics
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

    compute.trained_together.clear()
    started = time.perf_counter()
    compute.trainings(DEFAULT_SCHEMES, "tanh", "circles", 8, 25, 0.01, 0.01, 0)
    return time.perf_counter() - started


def pass_alone(values: list[float]) -> tuple[float, float]:
    """The stack's forward and backward pass by itself, for each of ``values`` of Var(x): median wall-clock seconds
    and median CPU seconds of the computing thread (which other programs taking turns on the processor do not add
    to, so it shows what a quiet machine would take)."""
    from dl_core.lessons import variance
    from pages.initialization import trainer

    bases = trainer.layered_bases(0, 512).bases(50)
    walls, cpus = [], []
    for value in values:
        wall, cpu = time.perf_counter(), time.thread_time()
        variance.stack_statistics("tanh", DEFAULT_SCHEMES, 512, 50, value * 1.01, bases, batch=trainer.batch_for(512))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.thread_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str]) -> None:
    quiet_streamlit()
    import streamlit as st

    from pages.initialization import trainer

    st.cache_data.clear()
    trainer.layered_bases.cache_clear()
    started = time.perf_counter()
    app = open_page(PAGE, init_depth="50", init_width="512")
    first_view = time.perf_counter() - started
    training = first_view_training()

    values = [value for value in log_options(0.01, 100.0) if value != 1.0][:20]
    median, timings = median_rerun(app, lambda: app.select_slider(key="init_stack_var"), values)
    depths = list(range(49, 29, -1))
    depth_median, depth_timings = median_rerun(app, lambda: app.slider(key="init_depth"), depths)
    alone_wall, alone_cpu = pass_alone(values)
    report([
        ("stack", "50 layers x 512 units, 5 initializers (8 inputs each), forward and backward"),
        ("moves of Var(x)", f"{len(timings)} ({values[0]:g} .. {values[-1]:g})"),
        ("median rerun", f"{median * 1e3:.0f} ms (target <= {TARGET_RERUN_S * 1e3:.0f} ms)"),
        ("slowest rerun", f"{max(timings) * 1e3:.0f} ms"),
        ("moves of the depth", f"{len(depth_timings)} ({depths[0]} .. {depths[-1]} layers of 512)"),
        ("median rerun", f"{depth_median * 1e3:.0f} ms"),
        ("the pass alone", f"median {alone_wall * 1e3:.0f} ms wall-clock, {alone_cpu * 1e3:.0f} ms CPU of its thread"),
        ("machine load", "{:.1f} {:.1f} {:.1f} (1, 5, 15 min) on {} cores".format(*os.getloadavg(), os.cpu_count())),
        ("first-view training", f"{training:.2f} s for {len(DEFAULT_SCHEMES)} initializers "
                                f"(target <= {TARGET_TRAINING_S:g} s)"),
        ("whole first view", f"{first_view:.2f} s (random numbers of the stack, symmetry trap, training, ...)"),
    ])
    if median > TARGET_RERUN_S or training > TARGET_TRAINING_S:
        raise SystemExit("target missed")
