"""What the initialization lab computes at length: the symmetry trap (a small network trained from three starts), a
deep stack's statistics for several initializers (one forward and backward pass through up to 50 layers of 512
units), and the same network trained from each initializer.

Plain functions of names and numbers, no Streamlit: ``symmetry_trap``, ``stack`` and ``trained_together`` run in the
server's helper process (``ui.helper_process``), which imports this module; ``compute`` caches them for the page.
The random numbers of the deep stack are drawn once per seed at the largest size and shared by every setting: a
smaller stack is the corner of the large one, so moving the width or the depth draws nothing new.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from dl_core import datasets, network, optimizers, training
from dl_core.lessons import symmetry, variance

MAX_DEPTH = 50
SAMPLES_PER_LAYER = 4096  # values a layer's statistics are measured over: batch x width (8 inputs at 512 units)
MAX_BATCH = SAMPLES_PER_LAYER // 16  # the batch of the narrowest stack
SYMMETRY_POINTS = 300
GRID_RESOLUTION = 90
DATA_MARGIN = 0.3  # the view of a data set reaches this far beyond its points
TRAIN_POINTS, TRAIN_WIDTH, TRAIN_BATCH, TRAIN_MOMENTUM = 300, 32, 32, 0.9
TRAIN_VALIDATION_SHARE = 0.25
TRAIN_TARGET_LOSS = 0.1  # "converged": the training loss first below this


def batch_for(width: int) -> int:
    """Samples per layer for a stack of ``width`` units: ``SAMPLES_PER_LAYER`` values in all (16 at 512 units)."""
    return min(MAX_BATCH, math.ceil(SAMPLES_PER_LAYER / width))


def dataset(name: str, points: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The 2-D classification set ``name`` of ``dl_core.datasets`` with its own noise, drawn from ``seed``."""
    return getattr(datasets, name)(points, np.random.default_rng([seed, 0]))


# ---------------------------------------------------------------- the symmetry trap


@dataclass(frozen=True)
class SymmetryRun:
    """One start of the symmetry trap after training: the first layer at every step ``(steps + 1, 2, units)``
    and its biases, the loss per step, the final accuracy, how many hidden units differ and by how much, and the
    probability of class 1 over the data's view."""

    hidden_weights: np.ndarray
    hidden_bias: np.ndarray
    losses: np.ndarray
    accuracy: float
    distinct: int
    spread: float
    axis1: np.ndarray
    axis2: np.ndarray
    probability: np.ndarray


@dataclass(frozen=True)
class Symmetry:
    x: np.ndarray
    y: np.ndarray
    runs: dict[str, SymmetryRun]


def symmetry_trap(activation: str, data: str, units: int, constant: float, std: float, steps: int, lr: float,
                  seed: int) -> Symmetry:
    """A 2 -> ``units`` -> 2 network trained by full-batch gradient descent from all-zero weights, from all weights
    equal to ``constant`` and from small random weights N(0, std²), on the same data."""
    x, y = dataset(data, SYMMETRY_POINTS, seed)
    mlp = network.MLP((2, units, 2), activation=activation)
    starts = {
        "zeros": mlp.init(np.random.default_rng(seed), "zeros"),
        "constant": mlp.init(np.random.default_rng(seed), "constant", value=constant),
        "random": mlp.init(np.random.default_rng([seed, 1]), "normal", std=std),
    }
    low, high = x.min(axis=0) - DATA_MARGIN, x.max(axis=0) + DATA_MARGIN
    bounds = ((float(low[0]), float(high[0])), (float(low[1]), float(high[1])))
    runs = {}
    recordings = symmetry.train_recordings(mlp, list(starts.values()), x, y, steps=steps, lr=lr)
    for name, recording in zip(starts, recordings, strict=True):
        last_weights, last_bias = recording.hidden_weights[-1], recording.hidden_bias[-1]
        axis1, axis2, probability = symmetry.class_probability_grid(mlp, recording.params, bounds,
                                                                    GRID_RESOLUTION)
        runs[name] = SymmetryRun(
            recording.hidden_weights, recording.hidden_bias, recording.losses, recording.accuracy,
            symmetry.distinct_units(last_weights, last_bias), symmetry.unit_spread(last_weights, last_bias),
            axis1, axis2, probability,
        )
    return Symmetry(x, y, runs)


# ---------------------------------------------------------------- the deep stack


@functools.lru_cache(maxsize=1)
def layered_bases(seed: int, width: int) -> variance.LayeredBases:
    """The random numbers of this seed's stacks of ``width`` units (``variance.LayeredBases``): the normal ones drawn
    layer by layer as stacks ask for them (one more layer keeps the others) and kept while the width and seed stay,
    5 MB for the default 10 x 256 and 52 MB for the largest stack, 50 layers of 512 (another width or seed starts
    afresh); the uniform ones drawn whenever a stack reads them, never kept."""
    return variance.LayeredBases(MAX_DEPTH, width, batch_for(width), (seed, 3, width))


def stack(activation: str, names: tuple[str, ...], width: int, depth: int, input_variance: float,
          small_std: float, seed: int) -> variance.StackStatistics:
    """The measured statistics of every layer for the schemes ``names`` (one forward and backward pass)."""
    return variance.stack_statistics(activation, names, width, depth, input_variance,
                                     layered_bases(seed, width).bases(depth, variance.distributions_of(names)),
                                     batch=batch_for(width), small_std=small_std)


# ---------------------------------------------------------------- training from each initializer


@dataclass(frozen=True)
class Training:
    """One network trained from one initializer: per epoch (0 = untrained) the training loss and the validation
    accuracy, the epoch training stopped at if it diverged (-1 if not), and the first epoch whose training loss
    was below ``TRAIN_TARGET_LOSS`` (-1 if none)."""

    train_loss: np.ndarray
    val_accuracy: np.ndarray
    diverged_at: int
    reached_at: int


def training_network(activation: str, depth: int) -> network.MLP:
    return network.MLP((2, *([TRAIN_WIDTH] * depth), 2), activation=activation)


def trained_together(names: tuple[str, ...], activation: str, data: str, depth: int, epochs: int, lr: float,
                     small_std: float, seed: int) -> dict[str, Training]:
    """A ``depth``-hidden-layer network trained from each initializer of ``names``, side by side
    (the engine's copies in ``dl_core.training.train``: for each, number for number its training alone): the same
    data, the same batches in the same order, SGD with momentum and the same budget; only the first weights differ
    (normal schemes even share their random numbers, scaled)."""
    return trained_over_seeds(names, activation, data, depth, epochs, lr, small_std, (seed,))[seed]


def trained_over_seeds(names: tuple[str, ...], activation: str, data: str, depth: int, epochs: int, lr: float,
                       small_std: float, seeds: tuple[int, ...]) -> dict[int, dict[str, Training]]:
    """``trained_together`` for each of ``seeds`` (its own data, split, first weights and batches), every seed and
    initializer one copy of one lockstep training: ``{seed: {initializer: run}}``."""
    sets = []
    for seed in seeds:
        x, y = dataset(data, TRAIN_POINTS, seed)
        sets.append(datasets.train_val_split(x, y, TRAIN_VALIDATION_SHARE, np.random.default_rng([seed, 5])))
    mlp = training_network(activation, depth)
    starts = [variance.init_params(mlp, name, np.random.default_rng([seed, 6]), small_std)
              for seed in seeds for name in names]
    same_batches = [np.random.default_rng([seed, 7]) for seed in seeds for _ in names]  # a seed's copies in step

    def each_copy(part: int) -> np.ndarray:  # seed-major, like the copies
        return np.repeat(np.stack([split[part] for split in sets]), len(names), axis=0)

    run = training.train(
        mlp, network.stack_copies(starts), (), optimizers.sgd(lr, momentum=TRAIN_MOMENTUM), each_copy(0),
        each_copy(1), epochs=epochs, batch_size=TRAIN_BATCH, rng=same_batches, x_val=each_copy(2),
        y_val=each_copy(3), layer_statistics=False,
    )
    found: dict[int, dict[str, Training]] = {}
    for index, (seed, name) in enumerate((seed, name) for seed in seeds for name in names):
        losses, diverged_at = run.train_loss[:, index], int(run.diverged_at[index])
        below = np.flatnonzero(losses[: diverged_at if diverged_at >= 0 else None] < TRAIN_TARGET_LOSS)
        found.setdefault(seed, {})[name] = Training(losses, run.val_accuracy[:, index], diverged_at,
                                                    int(below[0]) if below.size else -1)
    return found
