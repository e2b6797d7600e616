"""The batch-norm page: median redraw after 20 slider moves that retrain nothing, and the time of a retraining.

    python -m bench batch_norm

Redraws: 20 moves round the sliders of the first three sections (γ, β, the stream's momentum, steps and true
values, the input x₀), each to a value not seen before in the session; none of them retrains a network. Target:
median <= 300 ms.

Retraining: the learning rate moved to 5 new values (each trains the two deep networks again; the sweep stays
cached) and the seed to 3 new values (the two networks and both sweeps of 10 learning rates). Target: the median
retraining of the two networks <= 2 s (the whole page's rerun, charts included). The first view (a fresh process,
nothing cached), the largest training the controls allow (12 layers, 600 steps) and the size of every chart are
reported too.
"""

from __future__ import annotations

import time

from bench._apptest import first_view_and_moves, median_rerun, quiet_streamlit
from bench._timing import median_of, report

PAGE = "pages/batch_norm/page.py"
MOVES = [
    ("slider", "bn_gamma", 1.5), ("slider", "bn_beta", 0.5), ("select_slider", "bn_momentum", 0.05),
    ("slider", "bn_stream_steps", 300), ("slider", "bn_mu", 1.0), ("slider", "bn_sigma", 1.0),
    ("slider", "bn_x0", 2.0), ("slider", "bn_gamma", 2.5), ("slider", "bn_beta", -1.5),
    ("select_slider", "bn_momentum", 0.2), ("slider", "bn_stream_steps", 500), ("slider", "bn_mu", -2.0),
    ("slider", "bn_sigma", 3.0), ("slider", "bn_x0", -4.0), ("slider", "bn_gamma", 0.3),
    ("select_slider", "bn_momentum", 0.02), ("slider", "bn_stream_steps", 800), ("slider", "bn_mu", 4.5),
    ("slider", "bn_sigma", 0.5), ("slider", "bn_x0", 8.5),
]
LEARNING_RATES = (0.1, 1.0, 0.03, 3.0, 0.5)
SEEDS = (101, 202, 303)
TARGET_REDRAW_S, TARGET_RETRAIN_S = 0.300, 2.0


def main(argv: list[str]) -> None:
    quiet_streamlit()
    app, first_view, sizes, redraws = first_view_and_moves(PAGE, MOVES)

    retrain, retrain_times = median_rerun(app, lambda: app.select_slider(key="bn_lr"), list(LEARNING_RATES))
    with_sweep, sweep_times = median_rerun(app, lambda: app.number_input(key="bn_seed"), list(SEEDS))
    app.slider(key="bn_steps").set_value(600).run()  # the longest runs the page offers
    largest = time.perf_counter()
    app.slider(key="bn_depth").set_value(12).run()
    largest = time.perf_counter() - largest
    redraw = median_of(redraws)
    report([
        ("first view (fresh process)", f"{first_view:.2f} s (page, imports and all four trainings)"),
        ("chart sizes", ", ".join(f"{size / 1e3:.0f} kB" for size in sizes)),
        ("redraws", f"{len(redraws)} moves of γ, β, the stream's sliders and x₀"),
        ("median redraw", f"{redraw * 1e3:.0f} ms (target <= {TARGET_REDRAW_S * 1e3:.0f} ms)"),
        ("slowest redraw", f"{max(redraws) * 1e3:.0f} ms"),
        ("retraining (new η)", f"median {retrain:.2f} s over {len(retrain_times)} (target <= {TARGET_RETRAIN_S:g} s),"
                               f" slowest {max(retrain_times):.2f} s"),
        ("retraining + sweeps (new seed)", f"median {with_sweep:.2f} s over {len(sweep_times)},"
                                           f" slowest {max(sweep_times):.2f} s"),
        ("largest (12 layers, 600 steps)", f"{largest:.2f} s (the two networks and both sweeps)"),
    ])
    if redraw > TARGET_REDRAW_S or retrain > TARGET_RETRAIN_S:
        raise SystemExit("target missed")
