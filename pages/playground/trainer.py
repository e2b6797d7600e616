"""What the network playground trains: the data set with its train/validation split and the view around it, a
configuration (:class:`Setup`) and its training, recorded as snapshots (``dl_core.lessons.playground``).

Plain functions of names and numbers, no Streamlit: ``train`` runs in the server's helper process
(``ui.helper_process``), which imports this module; ``compute`` caches both for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core import datasets
from dl_core.lessons import playground as lesson
from dl_core.lessons.playground import Recording, SeedsRecording
from dl_core.network import MLP

DATA = ("moons", "circles", "spirals", "xor", "blobs")
SIZES = (50, 100, 200, 400, 800)
VAL_SHARE = 0.3  # of the points made, the share kept for validation
GRID = 45  # grid points per side where the network's probability is recorded (the boundary line; every other: colours)
MARGIN = 0.3  # how far the picture reaches beyond the data
MAX_SNAPSHOTS = 100  # snapshots after step 0: the frames of the playback
MIN_SNAPSHOTS = 25
SEEDS = 10  # the page's comparisons and warnings are counted over seeds 0 to 9, whatever seed is chosen
SNAPSHOT_BUDGET = 1.5e9  # multiply-adds of all snapshots' passes over the grid: a large network takes fewer snapshots


@dataclass(frozen=True)
class DataSet:
    """Training and validation points and the square view around them ``((low1, high1), (low2, high2))``, with the
    grid where the network's output is recorded (``axis`` ``(GRID,)`` each way; ``points`` ``(GRID², 2)``, row by row,
    the second coordinate outer)."""

    x: np.ndarray
    y: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    bounds: tuple[tuple[float, float], tuple[float, float]]
    axis1: np.ndarray
    axis2: np.ndarray

    @property
    def points(self) -> np.ndarray:
        mesh1, mesh2 = np.meshgrid(self.axis1, self.axis2)
        return np.column_stack([mesh1.ravel(), mesh2.ravel()])


def make(data: str, size: int, rng: np.random.Generator, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """``size`` points of the 2-D set ``data``, two classes (blobs: two clouds)."""
    if data == "blobs":
        return datasets.blobs(size, rng, noise, classes=2, radius=1.0)
    return getattr(datasets, data)(size, rng, noise=noise)


def make_dataset(data: str, noise: float, size: int, seed: int) -> DataSet:
    """``size`` points of ``data``, split into training and validation sets (``VAL_SHARE``) with ``seed``."""
    rng = np.random.default_rng([seed, 11])
    x, y = make(data, size, rng, noise)
    x_train, y_train, x_val, y_val = datasets.train_val_split(x, y, VAL_SHARE, rng)
    centre = (x.min(axis=0) + x.max(axis=0)) / 2
    half = float(np.max(x.max(axis=0) - x.min(axis=0))) / 2 + MARGIN  # a square view: the plane is not stretched
    bounds = ((float(centre[0] - half), float(centre[0] + half)), (float(centre[1] - half), float(centre[1] + half)))
    axis1, axis2 = (np.linspace(low, high, GRID) for low, high in bounds)
    return DataSet(x_train, y_train, x_val, y_val, bounds, axis1, axis2)


@dataclass(frozen=True)
class Setup:
    """One configuration of the network and its training: names and numbers only (hashable for the cache)."""

    layers: int = 2
    width: int = 16
    activation: str = "relu"
    initializer: str = "he_normal"
    batch_norm: bool = False
    drop_prob: float = 0.0
    optimizer: str = "adam"
    hyper: tuple[tuple[str, float], ...] = (("lr", 0.01),)
    schedule: str = "constant"
    batch_size: int = 32
    steps: int = 1000

    @property
    def network(self) -> MLP:
        return MLP((2, *[self.width] * self.layers, 2), activation=self.activation, batch_norm=self.batch_norm,
                   drop_prob=self.drop_prob)

    @property
    def lr(self) -> float:
        return dict(self.hyper)["lr"]


def snapshots(setup: Setup) -> int:
    """How many snapshots after step 0: ``MAX_SNAPSHOTS``, fewer (down to ``MIN_SNAPSHOTS``) when the passes of the
    grid through a large network would cost more than ``SNAPSHOT_BUDGET`` multiply-adds in all."""
    sizes = setup.network.sizes
    per_snapshot = GRID**2 * sum(fan_in * fan_out for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True))
    return int(np.clip(SNAPSHOT_BUDGET // per_snapshot, MIN_SNAPSHOTS, MAX_SNAPSHOTS))


def snapshot_every(setup: Setup) -> int:
    """Steps between snapshots (see ``snapshots``)."""
    return max(1, -(-setup.steps // snapshots(setup)))


def train(setup: Setup, data: str, noise: float, size: int, seed: int) -> Recording:
    """``setup`` trained on the data set (``make_dataset``) with ``seed`` and recorded
    (``dl_core.lessons.playground``); the batch is at most the training set."""
    points = make_dataset(data, noise, size, seed)
    batch = min(setup.batch_size, len(points.x))
    return lesson.train_recorded(
        setup.network, points.x, points.y, points.x_val, points.y_val, points.points, steps=setup.steps,
        batch_size=batch, seed=seed, optimizer=setup.optimizer, hyper=dict(setup.hyper), schedule=setup.schedule,
        initializer=setup.initializer, snapshot_every=snapshot_every(setup),
    )


def over_seeds(setup: Setup, data: str, noise: float, size: int) -> SeedsRecording:
    """``setup`` trained for seeds 0 to ``SEEDS - 1``, each with its own data set, in lockstep
    (``dl_core.lessons.playground.train_over_seeds``); seed s is, number for number, ``train`` with seed s."""
    seeds = list(range(SEEDS))
    sets = [make_dataset(data, noise, size, each) for each in seeds]
    stacked = {name: np.stack([getattr(points, name) for points in sets]) for name in ("x", "y", "x_val", "y_val")}
    return lesson.train_over_seeds(
        setup.network, **stacked, seeds=seeds, steps=setup.steps, batch_size=min(setup.batch_size, len(sets[0].x)),
        optimizer=setup.optimizer, hyper=dict(setup.hyper), schedule=setup.schedule, initializer=setup.initializer,
        snapshot_every=snapshot_every(setup),
    )
