"""Cached computations of the optimizer lab: the surfaces, the race, learning-rate sweeps and schedules,
minibatch noise, escapes from local minima and stability maps.

Every cached function takes names and numbers only (a ``Problem`` is a frozen dataclass of them),
so ``st.cache_data`` can hash its arguments and a slider move back to a seen state costs nothing.
Objectives are rebuilt inside (a few milliseconds): they hold functions, which a cache cannot copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import streamlit as st

from dl_core import objectives, optimizers, schedules, stability, trajectories
from dl_core.lessons import learning_rates, minima, race
from ui import figures
from ui.figures import SurfaceView

MAP_RESOLUTION = 128
MAP_LRS = (1e-5, 10.0)
REGRESSION_VIEW_START = (-1.5, -1.5)  # the MSE view is framed for this start, wherever the race starts
ESCAPE_SURFACE = "styblinski_tang"

Hyper = tuple[tuple[str, float], ...]  # sorted (name, value) pairs: hashable hyperparameters


@dataclass(frozen=True)
class LabSurface:
    """A surface of the lab and the learning rate each optimizer starts with on it (nice numbers of the lr
    sliders)."""

    key: str
    lrs: dict


SURFACES = {
    surface.key: surface
    for surface in (  # the first is the default: the course's regression, a narrow valley at x_scale 3
        LabSurface("regression", dict(gd=0.05, momentum=0.01, nesterov=0.03, adagrad=1.0,
                                      rmsprop=0.1, adam=0.2, adamw=0.2)),
        LabSurface("beale", dict(gd=0.01, momentum=0.005, nesterov=0.005, adagrad=1.0,
                                 rmsprop=0.05, adam=0.2, adamw=0.2)),
        LabSurface("quadratic", dict(gd=0.1, momentum=0.02, nesterov=0.05, adagrad=1.0,
                                     rmsprop=0.1, adam=0.2, adamw=0.2)),
        LabSurface("rosenbrock", dict(gd=0.002, momentum=0.001, nesterov=0.001, adagrad=0.5,
                                      rmsprop=0.01, adam=0.1, adamw=0.1)),
        LabSurface("himmelblau", dict(gd=0.01, momentum=0.005, nesterov=0.01, adagrad=0.5,
                                      rmsprop=0.05, adam=0.3, adamw=0.3)),
        LabSurface("saddle", dict(gd=0.1, momentum=0.05, nesterov=0.05, adagrad=0.5,
                                  rmsprop=0.02, adam=0.05, adamw=0.05)),
        LabSurface("styblinski_tang", dict(gd=0.01, momentum=0.005, nesterov=0.005, adagrad=1.0,
                                           rmsprop=0.1, adam=0.3, adamw=0.3)),
    )
}


@dataclass(frozen=True)
class Problem:
    """Which surface, with its own settings: ``kappa`` and ``angle`` (degrees) shape the quadratic bowl,
    ``x_scale``, ``noise`` and ``data_seed`` make the regression's data. Settings a surface does not use
    are kept at their defaults (see :meth:`normalised`), so equal surfaces share cached results."""

    surface: str = "regression"
    kappa: float = 10.0
    angle: float = 0.0
    x_scale: float = 3.0
    noise: float = 0.5
    data_seed: int = 0

    def normalised(self) -> Problem:
        defaults = Problem(self.surface)
        if self.surface == "quadratic":
            return replace(defaults, kappa=self.kappa, angle=self.angle)
        if self.surface == "regression":
            return replace(defaults, x_scale=self.x_scale, noise=self.noise, data_seed=self.data_seed)
        return defaults

    def objective(self):
        """The dl_core objective (rebuilt on every call: it holds functions, which caches cannot store)."""
        if self.surface == "quadratic":
            return objectives.quadratic((1.0, self.kappa), np.radians(self.angle))
        if self.surface == "regression":
            return objectives.course_regression(self.x_scale, self.noise, self.data_seed, start=REGRESSION_VIEW_START)
        return objectives.SURFACES[self.surface]()

    @property
    def eigenvalues(self) -> np.ndarray | None:
        """The Hessian's eigenvalues where it is constant (the bowl and the regression), else None."""
        objective = self.objective()
        if self.surface == "quadratic":
            return np.linalg.eigvalsh(objective.hessian)
        if self.surface == "regression":
            return objective.eigenvalues
        return None


def default_start(problem: Problem) -> tuple[float, float]:
    objective = problem.objective()
    return tuple(float(c) for c in objective.start)


@st.cache_data(max_entries=32, show_spinner=False)
def surface(problem: Problem) -> SurfaceView:
    """The surface's view, minimum and minimisers (what the charts mark on it)."""
    return figures.surface_view(problem.objective())


@st.cache_data(max_entries=32, show_spinner=False)
def surface_picture(problem: Problem) -> dict:
    """The background image of the surface (``ui.figures.surface_image``): a PNG, drawn once per surface from
    samples that are not kept."""
    return figures.surface_image(figures.sample_surface(problem.objective()))


@dataclass(frozen=True)
class RaceRun:
    """A race and its standings; ``states[k]`` is entrant ``k``'s optimizer state after every update."""

    names: tuple[str, ...]
    hypers: tuple[dict, ...]
    points: np.ndarray
    losses: np.ndarray
    grads: np.ndarray
    diverged_at: np.ndarray
    states: tuple
    standings: race.Standings


@st.cache_data(max_entries=32, show_spinner=False)
def race_run(
    problem: Problem, entrants: tuple[tuple[str, Hyper], ...], start: tuple[float, float], steps: int, tolerance: float
) -> RaceRun:
    objective = problem.objective()
    run = race.race(objective, [(name, dict(hyper)) for name, hyper in entrants], start, steps)
    return RaceRun(
        names=tuple(name for name, _ in entrants),
        hypers=tuple(dict(hyper) for _, hyper in entrants),
        points=run.points,
        losses=run.losses,
        grads=run.grads,
        diverged_at=run.diverged_at,
        states=run.states,
        standings=race.standings(run, objective.minima, objective.min_value, tolerance),
    )


RATES_TOLERANCE = 1e-3  # a fair race picks each optimizer's rate by how soon it gets this close to the minimum


@st.cache_data(max_entries=32, show_spinner=False)
def best_rates(problem: Problem, entrants: tuple[tuple[str, Hyper], ...], start: tuple[float, float],
               steps: int) -> race.BestRates:
    """Each entrant's best learning rate on this surface (``dl_core.lessons.race.best_rates``; ``entrants`` hold the
    other hyperparameters)."""
    return race.best_rates(problem.objective(), [(name, dict(hyper)) for name, hyper in entrants], start, steps,
                           RATES_TOLERANCE)


# Lesson 6 runs on the course's regression with the features on one scale (lesson 3's baseline), with real
# minibatch noise: the noise is what makes a high rate stall and a decaying rate help.
LR_LESSON = Problem("regression", x_scale=1.0, noise=0.5, data_seed=0)


@dataclass(frozen=True)
class Sweep:
    """Minibatch SGD at lesson 6's four learning rates (``dl_core.lessons.learning_rates``: low, good, high, very
    high)."""

    lrs: np.ndarray
    points: np.ndarray  # (steps + 1, 4, 2)
    losses: np.ndarray  # (steps + 1, 4)
    diverged_at: np.ndarray  # (4,)


@st.cache_data(max_entries=16, show_spinner=False)
def four_rates(batch_size: int, seed: int, steps: int) -> Sweep:
    """The four rates as one batch of runs from the lesson's start, each drawing its own minibatches."""
    objective = LR_LESSON.objective()
    lrs = learning_rates.cs231n_rates(float(objective.eigenvalues[-1]))
    run = trajectories.run(objective, optimizers.make("gd", lr=lrs[:, None]),
                           np.broadcast_to(objective.start, (lrs.size, 2)), steps, rng=np.random.default_rng(seed),
                           batch_size=batch_size)
    return Sweep(lrs, run.points, run.losses, run.diverged_at)


@dataclass(frozen=True)
class ScheduleRuns:
    """Minibatch SGD at a constant rate (index 0) and with a schedule (index 1), on the same minibatches."""

    rates: np.ndarray  # (steps, 2): the learning rate of every update
    points: np.ndarray  # (steps + 1, 2, 2)
    losses: np.ndarray  # (steps + 1, 2)
    diverged_at: np.ndarray
    latex: str

    def final_level(self, min_value: float, last: int = 20) -> np.ndarray:
        """The gap to the minimum each run ends on, averaged over its last ``last`` steps (over the noise)."""
        return (self.losses[-last:] - min_value).mean(axis=0)


@st.cache_data(max_entries=16, show_spinner=False)
def schedule_runs(lr: float, steps: int, kind: str, gamma: float, step_size: int, decay_rate: float,
                  batch_size: int, seed: int) -> ScheduleRuns:
    """One run at the constant rate ``lr`` and one with the schedule ``kind`` starting at ``lr``."""
    objective = LR_LESSON.objective()
    schedule = schedules.for_run(kind, lr, steps, gamma=gamma, step_size=step_size, decay_rate=decay_rate)
    runs = [
        trajectories.run(objective, optimizers.make("gd", lr=rate), objective.start, steps,
                         rng=np.random.default_rng(seed), batch_size=batch_size)
        for rate in (schedules.constant(lr), schedule)
    ]
    rates = np.stack([schedules.values(schedules.constant(lr), steps), schedules.values(schedule, steps)], axis=1)
    return ScheduleRuns(
        rates=rates,
        points=np.stack([run.points for run in runs], axis=1),
        losses=np.stack([run.losses for run in runs], axis=1),
        diverged_at=np.array([int(run.diverged_at) for run in runs]),
        latex=schedule.latex,
    )


@dataclass(frozen=True)
class NoisyRuns:
    """Full-batch runs (deterministic) next to noisy runs (several seeds), on one surface."""

    grid: SurfaceView
    exact: np.ndarray  # (steps + 1, k, 2): one path per deterministic optimizer
    exact_losses: np.ndarray
    noisy: np.ndarray  # (steps + 1, seeds, 2)
    noisy_losses: np.ndarray
    noisy_diverged: np.ndarray
    exact_diverged: np.ndarray
    exact_nearest: np.ndarray  # index of the minimum each run ended nearest to
    noisy_nearest: np.ndarray
    minima_values: np.ndarray  # the loss at each known minimum


@st.cache_data(max_entries=16, show_spinner=False)
def minibatch_runs(
    problem: Problem, lr: float, batch_size: int, seeds: int, seed: int, start: tuple[float, float], steps: int
) -> NoisyRuns:
    """Gradient descent on the regression with the full batch and with minibatches of ``batch_size`` samples,
    ``seeds`` noisy runs at once (each start draws its own minibatches)."""
    objective = problem.objective()
    descent = optimizers.make("gd", lr=lr)
    exact = trajectories.run(objective, descent, start, steps)
    noisy = trajectories.run(objective, descent, np.broadcast_to(start, (seeds, 2)), steps,
                             rng=np.random.default_rng(seed), batch_size=batch_size)
    return _noisy_runs(problem, exact, noisy, objective.minima)


@st.cache_data(max_entries=16, show_spinner=False)
def escape_runs(lr: float, momentum: float, grad_noise: float, seeds: int, seed: int, steps: int) -> NoisyRuns:
    """On the surface with local minima, from its default start: GD and Momentum without noise, and
    ``seeds`` runs of GD with gradient noise of standard deviation ``grad_noise``. Every run lowers its
    learning rate along a cosine from ``lr`` to 0, so that each settles in some basin by the end."""
    problem = Problem(ESCAPE_SURFACE)
    objective = problem.objective()
    rate = schedules.cosine(lr, max(steps, 1))
    exact = trajectories.run(objective, race.stacked([optimizers.make("gd", lr=rate),
                                                       optimizers.make("momentum", lr=rate, momentum=momentum)]),
                             np.broadcast_to(objective.start, (2, 2)), steps)
    noisy = trajectories.run(objective, optimizers.make("gd", lr=rate), np.broadcast_to(objective.start, (seeds, 2)),
                             steps, rng=np.random.default_rng(seed), grad_noise=grad_noise)
    return _noisy_runs(problem, exact, noisy, objective.minima)


def _noisy_runs(problem: Problem, exact, noisy, known_minima) -> NoisyRuns:
    exact_points = exact.points if exact.points.ndim == 3 else exact.points[:, None, :]
    exact_losses = exact.losses if exact.losses.ndim == 2 else exact.losses[:, None]
    return NoisyRuns(
        grid=surface(problem),
        exact=exact_points,
        exact_losses=exact_losses,
        noisy=noisy.points,
        noisy_losses=noisy.losses,
        noisy_diverged=noisy.diverged_at,
        exact_diverged=np.atleast_1d(exact.diverged_at),
        exact_nearest=minima.nearest_minimum(exact_points[-1], known_minima),
        noisy_nearest=minima.nearest_minimum(noisy.points[-1], known_minima),
        minima_values=problem.objective().value(known_minima),
    )


# The second axis of a stability map: a hyperparameter of the optimizer, or a setting of the surface.
MAP_AXES = {
    "momentum": ("μ", (0.0, 0.99), "linear"),
    "beta1": ("β₁", (0.0, 0.99), "linear"),
    "alpha": ("α", (0.5, 0.999), "linear"),
    "eps": ("ε", (1e-10, 1.0), "log"),
    "kappa": ("κ", (1.0, 1000.0), "log"),
    "x_scale": ("s", (0.01, 100.0), "log"),
}
_MEMORY = {"gd": "momentum", "momentum": "momentum", "nesterov": "momentum", "adagrad": "eps", "rmsprop": "alpha",
           "adam": "beta1", "adamw": "beta1"}


def map_axes(name: str, surface_key: str) -> list[str]:
    """The second axes a map of optimizer ``name`` on ``surface_key`` can have, the most telling first.

    Plain GD has no momentum: its μ axis runs heavy-ball momentum, whose row μ = 0 is GD itself.
    """
    own = {"quadratic": ["kappa"], "regression": ["x_scale"]}.get(surface_key, [])
    return own + [_MEMORY[name]] if name == "gd" else [_MEMORY[name], *own]


def _axis_values(axis: str) -> np.ndarray:
    _, (low, high), scale = MAP_AXES[axis]
    return np.geomspace(low, high, MAP_RESOLUTION) if scale == "log" else np.linspace(low, high, MAP_RESOLUTION)


@dataclass(frozen=True)
class MapResult:
    """A stability map and the theory drawn on it (see ``dl_core.stability.Theory``)."""

    result: stability.StabilityMap
    theory: stability.Theory


def map_optimizer(name: str, axis: str) -> str:
    """GD's momentum map runs heavy-ball momentum (its row μ = 0 is GD)."""
    return "momentum" if name == "gd" and axis == "momentum" else name


@st.cache_data(max_entries=16, show_spinner=False)
def stability_map(problem: Problem, name: str, axis: str, hyper: Hyper, start: tuple[float, float], steps: int):
    """The map of optimizer ``name`` over learning rate x ``axis``, as one batch of 128 x 128 runs."""
    lrs = np.geomspace(*MAP_LRS, MAP_RESOLUTION)
    seconds = _axis_values(axis)
    runner = map_optimizer(name, axis)
    fixed = {key: value for key, value in dict(hyper).items() if key not in ("lr", axis)}
    if runner != name:
        fixed = {key: value for key, value in fixed.items() if key in optimizers.DEFAULTS[runner]}
    if axis == "kappa":
        objective = stability.Bowls(seconds, angle=np.radians(problem.angle))
        eigenvalues = objective.eigenvalues
        result = stability.stability_map(objective, runner, lrs, steps, start, seconds=seconds, hyper=fixed)
    elif axis == "x_scale":
        rows = [objectives.course_regression(scale, problem.noise, problem.data_seed) for scale in seconds]
        objective = objectives.linear_regression(np.stack([row.x for row in rows])[:, None],
                                                 np.stack([row.y for row in rows])[:, None])
        eigenvalues = objective.eigenvalues[:, 0]
        result = stability.stability_map(objective, runner, lrs, steps, start, seconds=seconds, hyper=fixed)
    else:
        objective = problem.objective()
        eigenvalues = problem.eigenvalues
        eigenvalues = None if eigenvalues is None else np.broadcast_to(eigenvalues, (seconds.size, 2))
        result = stability.stability_map(objective, runner, lrs, steps, start, second=axis, seconds=seconds,
                                         hyper=fixed)
    momentum = seconds if axis == "momentum" else fixed.get("momentum", 0.0)
    theory = stability.theory(runner, objective, seconds.size, momentum, fixed.get("weight_decay", 0.0), eigenvalues)
    return MapResult(result, theory)


def trajectories_csv(run: RaceRun, labels: dict[str, str]) -> str:
    """Every entrant's path as CSV: optimizer, step, w1, w2, loss, the two gradient components, diverged."""
    steps = run.points.shape[0]
    rows = ["optimizer,step,w1,w2,loss,grad_w1,grad_w2,diverged"]
    for index, name in enumerate(run.names):
        diverged_at = int(run.diverged_at[index])
        for step in range(steps):
            diverged = 0 <= diverged_at <= step
            w1, w2 = run.points[step, index]
            g1, g2 = run.grads[step, index]
            rows.append(f"{labels[name]},{step},{w1:.10g},{w2:.10g},{run.losses[step, index]:.10g},"
                        f"{g1:.10g},{g2:.10g},{int(diverged)}")
    return "\n".join(rows) + "\n"
