"""Cached computations of the feature-scaling lab: the course's regression, its surface and a descent on it.

Arguments are names and numbers only, so ``st.cache_data`` can hash them; a slider move
that returns to a seen state costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from dl_core import objectives, optimizers, stability, trajectories
from ui.figures import SurfaceView, sample_surface, surface_image


@dataclass(frozen=True)
class View:
    """The MSE surface of one data set: its view, minimum and minimisers, and its picture (the chart's
    background)."""

    grid: SurfaceView
    picture: dict


@st.cache_data(max_entries=16, show_spinner=False)
def view(x_scale: float, noise: float, seed: int, standardize: bool, start: tuple[float, float]) -> View:
    """The surface's view and picture, cached by the data settings alone: a new learning rate or optimizer reuses
    them. The samples the picture is drawn from (1.8 MB) are not kept."""
    problem = objectives.course_regression(x_scale, noise, seed, standardize=standardize, start=start)
    grid = sample_surface(problem)
    return View(SurfaceView(grid.min_value, grid.minima, grid.bounds), surface_image(grid))


@dataclass(frozen=True)
class RegressionRun:
    """A descent on the MSE surface of one data set, and the numbers that explain it."""

    min_value: float
    points: np.ndarray
    losses: np.ndarray
    grads: np.ndarray
    diverged_at: int
    eigenvalues: np.ndarray
    condition_number: float
    max_stable_lr: float  # 2 / lambda_max: plain gradient descent's limit
    optimizer_limit: float | None  # the chosen optimizer's limit where theory gives one (GD, Momentum, Nesterov)
    feature_std: np.ndarray
    minimizer: np.ndarray

    @property
    def settled_at(self) -> int | None:
        """The step from which the loss stays within ``SETTLED_SHARE`` of the starting gap to the minimum until the
        last step (``dl_core.trajectories.settled_at``), or None."""
        gaps = self.losses - self.min_value
        step = int(trajectories.settled_at(gaps, SETTLED_SHARE * max(gaps[0], 1e-300), self.diverged_at))
        return step if step >= 0 else None

    @property
    def distance_left(self) -> float:
        """How far the last point is from the least-squares weights."""
        return float(np.linalg.norm(self.points[-1] - self.minimizer))

    @property
    def start_distance(self) -> float:
        return float(np.linalg.norm(self.points[0] - self.minimizer))


SETTLED_SHARE = 0.01  # "near the minimum": within 1% of the starting gap L(w0) - L*


def optimizer_limit(optimizer: str, hyper: dict, lambda_max: float) -> float | None:
    """The largest stable learning rate of ``optimizer`` with ``hyper`` on a quadratic of curvature ``lambda_max``
    (``dl_core.stability.max_stable_lr``), or None for the adaptive optimizers, which have no simple limit."""
    name = "gd" if optimizer == "momentum" and hyper.get("momentum", 0.0) == 0 else optimizer
    if not stability.has_theory(name):
        return None
    return float(stability.max_stable_lr(name, lambda_max, hyper.get("momentum", 0.0), hyper.get("weight_decay", 0.0)))


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
        min_value=float(problem.min_value),
        points=run.points,
        losses=run.losses,
        grads=run.grads,
        diverged_at=int(run.diverged_at),
        eigenvalues=problem.eigenvalues,
        condition_number=problem.condition_number,
        max_stable_lr=problem.max_stable_lr,
        optimizer_limit=optimizer_limit(optimizer, dict(hyper), float(problem.eigenvalues[-1])),
        feature_std=problem.x.std(axis=0),
        minimizer=problem.minimizer,
    )
