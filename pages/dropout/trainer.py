"""What the dropout lesson trains: small noisy data sets, the same network trained without dropout and with several
rates, what each predicts over the plane, and Monte-Carlo dropout over the plane.

Plain functions of names and numbers, no Streamlit: ``train`` and ``monte_carlo_passes`` run in the server's helper
process (``ui.helper_process``), which imports this module; ``compute`` caches them for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core import datasets
from dl_core.lessons import dropout as lesson
from dl_core.lessons.dropout import MonteCarlo, RatesRun, SeedsRun
from dl_core.network import MLP

DATA = ("moons", "circles", "xor", "spirals")
TRAIN_SIZES = (25, 50, 100, 200)
VAL_SIZE = 300
WIDTHS = (4, 8, 16, 32, 64)
RATES = (0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95)  # the dropout rates (p_drop) a student can add
MAX_RATES = 4
BATCH = 25
RECORDS = 50  # measurements over a training run
SEEDS = 10  # the page's conclusions hold over seeds 0 to 9, whatever seed a student looks at: they never flip
GRID = 60  # points per side of the decision-boundary pictures
MC_GRID = 40  # points per side of the Monte-Carlo pictures
MARGIN = 0.4  # how far the pictures reach beyond the data


@dataclass(frozen=True)
class DataSet:
    """A small noisy training set and a larger validation set from the same distribution, and the view around
    them ``((low1, high1), (low2, high2))``."""

    x: np.ndarray
    y: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    bounds: tuple[tuple[float, float], tuple[float, float]]


def make_dataset(data: str, noise: float, size: int, seed: int) -> DataSet:
    """``size`` training points and ``VAL_SIZE`` validation points of a ``dl_core.datasets`` set."""
    make = getattr(datasets, data)
    x, y = make(size, np.random.default_rng([seed, 4]), noise=noise)
    x_val, y_val = make(VAL_SIZE, np.random.default_rng([seed, 5]), noise=noise)
    both = np.concatenate([x, x_val])
    low, high = both.min(axis=0) - MARGIN, both.max(axis=0) + MARGIN
    return DataSet(x, y, x_val, y_val, ((float(low[0]), float(high[0])), (float(low[1]), float(high[1]))))


def network(width: int) -> MLP:
    """Two hidden ReLU layers of ``width`` units on 2-D inputs, two classes (dropout after each hidden layer)."""
    return MLP((2, width, width, 2))


def grid_points(bounds, resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The two axes of a ``resolution`` x ``resolution`` grid over ``bounds`` and its points ``(resolution², 2)``,
    row by row (the second coordinate outer)."""
    (low1, high1), (low2, high2) = bounds
    axis1, axis2 = np.linspace(low1, high1, resolution), np.linspace(low2, high2, resolution)
    mesh1, mesh2 = np.meshgrid(axis1, axis2)
    return axis1, axis2, np.column_stack([mesh1.ravel(), mesh2.ravel()])


@dataclass(frozen=True)
class Training:
    """The networks trained without dropout (index 0) and with each chosen rate, and what each predicts over the
    plane in eval mode: ``probability`` ``(K, GRID, GRID)``, the probability of class 1 (rows: the second
    coordinate ``axis2``, columns: ``axis1``)."""

    run: RatesRun
    axis1: np.ndarray
    axis2: np.ndarray
    probability: np.ndarray


def train(data: str, noise: float, size: int, width: int, epochs: int, lr: float, seed: int,
             rates: tuple[float, ...]) -> Training:
    """``dl_core.lessons.dropout.train_rates`` with rates ``(0, *rates)`` (Adam at ``lr``, minibatches of
    ``BATCH``), and each network's eval-mode probability on the grid."""
    points = make_dataset(data, noise, size, seed)
    mlp = network(width)
    run = lesson.train_rates(
        mlp, (0.0, *rates), points.x, points.y, points.x_val, points.y_val, epochs=epochs,
        batch_size=min(BATCH, size), seed=seed, lr=lr, record_every=max(1, epochs // RECORDS),
    )
    axis1, axis2, grid = grid_points(points.bounds, GRID)
    probability = lesson.probabilities(mlp, run.params, grid).reshape(-1, GRID, GRID)
    return Training(run, axis1, axis2, np.nan_to_num(probability, nan=0.5))


def over_seeds(data: str, noise: float, size: int, width: int, epochs: int, lr: float,
               rates: tuple[float, ...]) -> SeedsRun:
    """The comparison of ``train`` for seeds 0 to ``SEEDS - 1``, each with its own data set, all networks in lockstep
    (``dl_core.lessons.dropout.train_rates_over_seeds``)."""
    seeds = list(range(SEEDS))
    sets = [make_dataset(data, noise, size, each) for each in seeds]
    stacked = {name: np.stack([getattr(points, name) for points in sets]) for name in ("x", "y", "x_val", "y_val")}
    return lesson.train_rates_over_seeds(network(width), (0.0, *rates), **stacked, seeds=seeds, epochs=epochs,
                                         batch_size=min(BATCH, size), lr=lr, record_every=max(1, epochs // RECORDS))


@dataclass(frozen=True)
class Plane:
    """Monte-Carlo dropout over a ``MC_GRID`` x ``MC_GRID`` grid (``result`` holds flat arrays; ``mean``, ``std`` and
    ``eval`` give them as ``(MC_GRID, MC_GRID)``)."""

    axis1: np.ndarray
    axis2: np.ndarray
    result: MonteCarlo

    def _shaped(self, values: np.ndarray) -> np.ndarray:
        return np.nan_to_num(values, nan=0.0).reshape(len(self.axis2), len(self.axis1))

    @property
    def mean(self) -> np.ndarray:
        return self._shaped(self.result.mean)

    @property
    def std(self) -> np.ndarray:
        return self._shaped(self.result.std)

    @property
    def eval(self) -> np.ndarray:
        return self._shaped(self.result.eval)


def monte_carlo_passes(width: int, params: dict[str, np.ndarray], mc_rate: float, bounds, passes: int,
                        seed: int) -> Plane:
    """``passes`` passes with dropout on (``dl_core.lessons.dropout.mc_dropout``, 0.1-0.4 s) of the network with
    ``params`` over the plane of ``bounds``: its arguments are the trained weights, not the settings, so a helper
    running it does not train again."""
    axis1, axis2, grid = grid_points(bounds, MC_GRID)
    result = lesson.mc_dropout(network(width), params, mc_rate, grid, passes=passes,
                                         rng=np.random.default_rng([seed, 6]))
    return Plane(axis1, axis2, result)
