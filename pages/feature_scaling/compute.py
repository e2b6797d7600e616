"""Cached computations of the feature-scaling lab: the course's regression, its surface and a descent on it.

Arguments are names and numbers only, so ``st.cache_data`` can hash them; a slider move
that returns to a seen state costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from dl_core import objectives, optimizers, trajectories
from ui.figures import SurfaceGrid, sample_surface


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
    feature_std: np.ndarray

    @property
    def steps_to_converge(self) -> int | None:
        """First step whose loss is within 1% of the start's distance to the minimum, or None."""
        above = self.losses - self.grid.min_value
        close = np.flatnonzero(above <= 0.01 * max(above[0], 1e-300))
        return int(close[0]) if close.size and self.diverged_at < 0 else None


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
    problem = objectives.course_regression(x_scale, noise, seed, standardize=standardize, start=start)
    run = trajectories.run(problem, optimizers.make(optimizer, **dict(hyper)), problem.start, steps)
    return RegressionRun(
        grid=sample_surface(problem),
        points=run.points,
        losses=run.losses,
        grads=run.grads,
        diverged_at=int(run.diverged_at),
        eigenvalues=problem.eigenvalues,
        condition_number=problem.condition_number,
        max_stable_lr=problem.max_stable_lr,
        feature_std=problem.x.std(axis=0),
    )
