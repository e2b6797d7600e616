"""Loss landscape: the MSE surface on a 200 x 200 grid, sufficient statistics against the lesson's formula.

    python -m bench landscape [--samples 2000] [--grid 200]

The lesson's notebook evaluates the loss of every grid point on every sample,
``np.mean((x.dot(np.vstack([W1.ravel(), W2.ravel()])) - y)**2, axis=0)``: O(grid x samples).
``dl_core.objectives.linear_regression(x, y).value`` reduces the data to X^T X / n, X^T y / n and
the residual at the optimum once, then costs O(grid). Both are timed on the same data (the best of
five runs each; building the statistics is included), and must agree within 1e-9 relative.
"""

import argparse

import numpy as np

from bench._timing import best_of, report
from dl_core import datasets, objectives


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench landscape")
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--grid", type=int, default=200)
    args = parser.parse_args(argv)

    x, y = datasets.linear_regression(args.samples, (1.0, 1.0), np.random.default_rng(0), x_scale=3.0, noise=0.5)
    w1, w2 = np.meshgrid(np.linspace(-3, 5, args.grid), np.linspace(-3, 5, args.grid))

    def lesson_formula():
        return np.mean((x.dot(np.vstack([w1.ravel(), w2.ravel()])) - y[:, None]) ** 2, axis=0).reshape(w1.shape)

    def sufficient_statistics():
        return objectives.linear_regression(x, y).value(np.stack([w1, w2], axis=-1))

    reference, ours = lesson_formula(), sufficient_statistics()
    relative = float(np.max(np.abs(ours - reference) / np.abs(reference)))
    slow, fast = best_of(lesson_formula), best_of(sufficient_statistics)
    report([
        ("grid x samples", f"{args.grid} x {args.grid} x {args.samples}"),
        ("lesson formula", f"{slow * 1e3:.1f} ms"),
        ("sufficient statistics", f"{fast * 1e3:.2f} ms"),
        ("speed-up", f"{slow / fast:.0f}x (target >= 200x)"),
        ("max relative difference", f"{relative:.1e} (target <= 1e-9)"),
    ])
    if relative > 1e-9 or slow / fast < 200:
        raise SystemExit("target missed")
