"""The activations page: median rerun after 20 slider moves, and the one-off cost measurement.

    python -m bench activations

The moves go round the page's sliders (depth, weight scale, bias shift, input mean and spread,
both α, x range), each to a value not seen before in the session, so every move recomputes what
depends on it. Targets: median rerun <= 150 ms; the cost measurement <= 1 s, then cached.
"""

from __future__ import annotations

import time

from bench._apptest import first_view_and_moves, quiet_streamlit
from bench._timing import median_of, report

PAGE = "pages/activations/page.py"
MOVES = [
    ("slider", "act_depth", 30), ("select_slider", "act_scale", 2.0), ("slider", "act_bias", -3.0),
    ("slider", "act_mu", 0.5), ("select_slider", "act_sigma", 2.0), ("slider", "act_alpha_leaky", 0.1),
    ("slider", "act_alpha_elu", 0.5), ("slider", "act_x", (-10.0, 10.0)), ("slider", "act_depth", 40),
    ("select_slider", "act_scale", 0.7), ("slider", "act_bias", -1.0), ("slider", "act_mu", -1.0),
    ("select_slider", "act_sigma", 5.0), ("slider", "act_alpha_leaky", 0.3), ("slider", "act_alpha_elu", 2.0),
    ("slider", "act_x", (-3.0, 1.0)), ("slider", "act_depth", 50), ("select_slider", "act_scale", 3.0),
    ("slider", "act_bias", -4.5), ("slider", "act_mu", 1.5),
]
TARGET_RERUN_S, TARGET_COST_S = 0.150, 1.0


def main(argv: list[str]) -> None:
    quiet_streamlit()
    from pages.activations import compute as activations

    activations.cost.clear()
    started = time.perf_counter()
    measured = activations.cost()
    cost_seconds = time.perf_counter() - started

    _, _, _, timings = first_view_and_moves(PAGE, MOVES)
    median = median_of(timings)
    report([
        ("moves", f"{len(timings)} ({', '.join(sorted({key for _, key, _ in MOVES}))})"),
        ("median rerun", f"{median * 1e3:.0f} ms (target <= {TARGET_RERUN_S * 1e3:.0f} ms)"),
        ("slowest rerun", f"{max(timings) * 1e3:.0f} ms"),
        ("cost measurement", f"{cost_seconds:.2f} s (target <= {TARGET_COST_S:g} s)"),
        ("machine", ", ".join(f"{key} {value}" for key, value in measured.machine.items())),
        ("sigmoid / ReLU", f"{measured.ns_per_element['sigmoid'] / measured.ns_per_element['relu']:.1f}x"),
    ])
    if median > TARGET_RERUN_S or cost_seconds > TARGET_COST_S:
        raise SystemExit("target missed")
