"""What the batch-norm lab trains: deep networks with and without batch norm on a 2-D data set, one run each with the
spread of every layer's values, and a sweep of learning rates run as one batch
(``dl_core.lessons.batch_norm.train_at_rates``).

Plain functions of names and numbers, no Streamlit: ``deep_run`` and ``sweep`` run in the server's helper process
(``ui.helper_process``), which imports this module; ``compute`` caches them for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core import datasets
from dl_core.lessons.batch_norm import RatesRun, constant_guess_loss, sweep_over_seeds, train_at_rates
from dl_core.network import MLP

DATA = ("moons", "circles", "xor", "spirals")
NOISE = {"moons": 0.15, "circles": 0.08, "xor": 0.1, "spirals": 0.05}
ACTIVATIONS = ("sigmoid", "tanh", "relu")
INITIALIZER = {"sigmoid": "xavier_normal", "tanh": "xavier_normal", "relu": "he_normal"}
SAMPLES = 384
WIDTH = 16
BATCH = 64
FRAMES = 20  # snapshots of a training run
PROBE = 192  # samples whose layer values are drawn
SWEEP_LRS = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
SWEEP_STEPS = 150
SWEEP_RECORD_EVERY = 75  # a rate that blows up goes back to its last record: at most 75 steps before
TRAINED_SHARE = 0.5  # "trained": loss at most half of the best constant guess's
PRE_EDGES = np.linspace(-4.0, 4.0, 41)
OUTPUT_EDGES = {"sigmoid": np.linspace(0.0, 1.0, 41), "tanh": np.linspace(-1.0, 1.0, 41),
                "relu": np.linspace(0.0, 4.0, 41)}


def make_dataset(data: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``SAMPLES`` points of a 2-D data set of ``dl_core.datasets`` (two classes)."""
    return getattr(datasets, data)(SAMPLES, np.random.default_rng([seed, 7]), noise=NOISE[data])


def network(activation: str, depth: int, batch_norm: bool) -> MLP:
    """``depth`` hidden layers of ``WIDTH`` units on 2-D inputs, two classes."""
    return MLP((2, *(WIDTH,) * depth, 2), activation=activation, batch_norm=batch_norm)


def deep_run(activation: str, depth: int, lr: float, steps: int, data: str, seed: int,
             batch_norm: bool) -> RatesRun:
    """One network trained with minibatch SGD at ``lr`` (``dl_core.lessons.batch_norm.train_at_rates``), with the
    spread of every hidden layer's values at ``FRAMES`` snapshots."""
    x, y = make_dataset(data, seed)
    probe = x[_probe_order(seed, len(x))]
    return train_at_rates(
        network(activation, depth, batch_norm), [lr], x, y, steps=steps, batch_size=BATCH, seed=seed,
        initializer=INITIALIZER[activation], record_every=max(steps // FRAMES, 1), probe=probe,
        pre_edges=PRE_EDGES, activation_edges=OUTPUT_EDGES[activation],
    )


SEEDS = 10  # the sweep's conclusions hold over seeds 0 to 9, whatever seed is chosen: they never flip
HOLDS = 8  # of the seeds: a rate "trains" (or "does not") when it does so in at least this many


@dataclass(frozen=True)
class Sweep:
    """Short runs at every rate of ``SWEEP_LRS`` for ``SEEDS`` seeds: per seed and rate ``(S, R)``, the final loss on
    the training set (normalised with the whole set's statistics), whether it diverged and whether it trained
    (``dl_core.lessons.batch_norm.trained``: below ``TRAINED_SHARE`` of that seed's constant guess)."""

    lrs: np.ndarray
    losses: np.ndarray
    diverged: np.ndarray
    trained: np.ndarray

    @property
    def trained_count(self) -> np.ndarray:
        """``(R,)``: in how many seeds each rate trained."""
        return self.trained.sum(axis=0)

    @property
    def trains(self) -> np.ndarray:
        """``(R,)``: the rates that trained in at least ``HOLDS`` seeds."""
        return self.trained_count >= HOLDS


@dataclass(frozen=True)
class Spread:
    """How the spread of the last hidden layer's inputs (``LayerHistograms.pre_std``) moves while the network
    without batch norm trains, for seeds 0 to ``SEEDS - 1``: per seed, whether it *collapsed* (at the end below
    ``COLLAPSED`` of layer 1's), else whether it *grew* (at some record above ``GREW`` times its start)."""

    collapsed: np.ndarray
    grew: np.ndarray

    @property
    def steady(self) -> np.ndarray:
        """Per seed: neither collapsed nor grew."""
        return ~self.collapsed & ~self.grew


COLLAPSED, GREW = 1e-2, 3.0


def spread_verdicts(pre_std: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """From ``pre_std`` ``(records, ..., hidden layers)``: per run, (collapsed, grew) as :class:`Spread` defines
    them."""
    last = pre_std[..., -1]
    collapsed = last[-1] < COLLAPSED * pre_std[-1, ..., 0]
    grew = ~collapsed & (last.max(axis=0) > GREW * last[0])
    return collapsed, grew


def spread(activation: str, depth: int, lr: float, steps: int, data: str) -> Spread:
    """``deep_run`` without batch norm for seeds 0 to ``SEEDS - 1`` in lockstep (same data, starts, minibatches
    and probes as ``deep_run`` with each seed), reduced to :class:`Spread`."""
    seeds = list(range(SEEDS))
    sets = [make_dataset(data, each) for each in seeds]
    x, y = np.stack([points for points, _ in sets]), np.stack([labels for _, labels in sets])
    probes = np.stack([points[_probe_order(each, len(points))] for each, points in zip(seeds, x, strict=True)])
    found = sweep_over_seeds(network(activation, depth, False), [lr], x, y, seeds=seeds, steps=steps,
                             batch_size=BATCH, initializer=INITIALIZER[activation],
                             record_every=max(steps // FRAMES, 1), probe=probes)
    return Spread(*spread_verdicts(found.pre_std[:, :, 0]))


def _probe_order(seed: int, count: int) -> np.ndarray:
    """The ``PROBE`` samples of seed ``seed``'s data set whose layer values are measured."""
    return np.random.default_rng([seed, 11]).permutation(count)[:PROBE]


def sweep(activation: str, depth: int, data: str, batch_norm: bool) -> Sweep:
    """``SWEEP_STEPS`` steps at each rate of ``SWEEP_LRS`` for seeds 0 to ``SEEDS - 1``, each with its own data set,
    all rates and seeds as one batch; seed s's runs have the initial weights and minibatches of ``deep_run`` with
    seed s."""
    seeds = list(range(SEEDS))
    sets = [make_dataset(data, each) for each in seeds]
    x, y = np.stack([points for points, _ in sets]), np.stack([labels for _, labels in sets])
    found = sweep_over_seeds(network(activation, depth, batch_norm), SWEEP_LRS, x, y, seeds=seeds,
                             steps=SWEEP_STEPS, batch_size=BATCH, initializer=INITIALIZER[activation],
                             record_every=SWEEP_RECORD_EVERY)
    guesses = np.array([constant_guess_loss(labels, 2) for labels in y])[:, None]
    return Sweep(found.lrs, found.losses, found.diverged,
                 ~found.diverged & (found.losses <= TRAINED_SHARE * guesses))
