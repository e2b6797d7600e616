"""Cached computations of the feature-scaling lab: the regression problem, its surface and a descent on it.

Arguments are names and numbers only, so ``st.cache_data`` can hash them; a slider move
that returns to a seen state costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from dl_core import datasets, objectives, optimizers, trajectories
from ui.figures import SurfaceGrid

SAMPLES = 1000
TRUE_WEIGHTS = (1.0, 1.0)
GRID_RESOLUTION = 480  # about one grid point per pixel of the chart: level lines without stair steps


@dataclass(frozen=True)
class RegressionRun:
    """A descent on the MSE surface of one data set, and the numbers that explain it."""

    grid: SurfaceGrid
    points: np.ndarray
    losses: np.ndarray
    grads: np.ndarray
    diverged_at: int
    eigenvalues: np.ndarray
    condition_number: float
    max_stable_lr: float
    minimizer: np.ndarray
    feature_std: np.ndarray

    @property
    def steps_to_converge(self) -> int | None:
        """First step whose loss is within 1% of the start's distance to the minimum, or None."""
        above = self.losses - self.grid.min_value
        close = np.flatnonzero(above <= 0.01 * max(above[0], 1e-300))
        return int(close[0]) if close.size and self.diverged_at < 0 else None


def make_problem(x_scale: float, noise: float, seed: int, standardize: bool, start) -> objectives.LinearRegression:
    x, y = datasets.linear_regression(SAMPLES, TRUE_WEIGHTS, np.random.default_rng(seed), x_scale=x_scale, noise=noise)
    if standardize:
        x = datasets.standardize(x)
    return objectives.linear_regression(x, y, start=start)


@st.cache_data(max_entries=64, show_spinner=False)
def regression_run(
    x_scale: float,
    noise: float,
    seed: int,
    standardize: bool,
    optimizer: str,
    hyper: tuple[tuple[str, float], ...],
    steps: int,
    start: tuple[float, float],
) -> RegressionRun:
    """Build the data, descend from ``start`` with ``optimizers.make(optimizer, **hyper)``, sample the surface."""
    problem = make_problem(x_scale, noise, seed, standardize, start)
    run = trajectories.run(problem, optimizers.make(optimizer, **dict(hyper)), problem.start, steps)
    axis1, axis2, values = objectives.evaluate_grid(problem, problem.bounds, GRID_RESOLUTION)
    grid = SurfaceGrid(axis1, axis2, values, problem.min_value, problem.minima, problem.bounds)
    return RegressionRun(
        grid=grid,
        points=run.points,
        losses=run.losses,
        grads=run.grads,
        diverged_at=int(run.diverged_at),
        eigenvalues=problem.eigenvalues,
        condition_number=problem.condition_number,
        max_stable_lr=problem.max_stable_lr,
        minimizer=problem.minimizer,
        feature_std=problem.x.std(axis=0),
    )
