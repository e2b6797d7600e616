"""Batched runs: 64 learning rates x 64 feature scales x 200 Adam steps, in one call and one at a time.

    python -m bench batched [--side 64] [--steps 200] [--sample 256]

The vectorised run gives every configuration its own data set (a batch of 64 regression problems,
one per feature scale) and its own learning rate, and runs all 4,096 with one call of
``trajectories.run``. The baseline runs the same configurations one at a time through the same
code; timing all 4,096 that way takes minutes, so by default a random sample of ``--sample`` of them
is timed and the per-configuration cost is scaled to the whole grid (``--sample 0`` runs them all).
The sampled runs must match the batch's results to floating-point precision.
"""

import argparse
import time

import numpy as np

from bench._timing import best_of, report
from dl_core import datasets, objectives, optimizers, trajectories

START = np.array([-1.0, -1.0])


def problems(scales: np.ndarray) -> objectives.LinearRegression:
    """One regression data set per feature scale, as one batched objective (batch shape (len(scales),))."""
    data = [datasets.linear_regression(500, (1.0, 1.0), np.random.default_rng(0), x_scale=s, noise=0.5)
            for s in scales]
    return objectives.linear_regression(np.stack([x for x, _ in data]), np.stack([y for _, y in data]))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench batched")
    parser.add_argument("--side", type=int, default=64)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--sample", type=int, default=256)
    args = parser.parse_args(argv)

    learning_rates = np.geomspace(1e-3, 1.0, args.side)
    scales = np.geomspace(0.1, 10.0, args.side)
    batch = problems(scales)
    lr_grid = learning_rates[:, None, None]  # (side, 1, 1) against problems (side,) -> (side, side, 2)

    starts = np.broadcast_to(START, (args.side, args.side, 2))

    def vectorised():
        return trajectories.run(batch, optimizers.make("adam", lr=lr_grid), starts, args.steps)

    together = vectorised()
    fast = best_of(vectorised, repeats=3)

    singles = [problems([s]) for s in scales]
    pairs = [(i, j) for i in range(args.side) for j in range(args.side)]
    if args.sample:
        pairs = [pairs[k] for k in np.random.default_rng(1).choice(len(pairs), args.sample, replace=False)]
    started = time.perf_counter()
    worst = 0.0
    for i, j in pairs:
        optimizer = optimizers.make("adam", lr=float(learning_rates[i]))
        alone = trajectories.run(singles[j], optimizer, START[None], args.steps)
        worst = max(worst, float(np.max(np.abs(alone.points[:, 0] - together.points[:, i, j]))))
    per_config = (time.perf_counter() - started) / len(pairs)
    slow = per_config * args.side**2
    report([
        ("configurations x steps", f"{args.side**2} x {args.steps} Adam steps"),
        ("one vectorised call", f"{fast:.3f} s"),
        ("one at a time", f"{slow:.1f} s ({'all' if not args.sample else f'{len(pairs)} timed, scaled'})"),
        ("speed-up", f"{slow / fast:.0f}x (target >= 50x)"),
        ("largest difference", f"{worst:.1e}"),
    ])
    if slow / fast < 50 or worst > 1e-9:
        raise SystemExit("target missed")
