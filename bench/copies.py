"""Ten seeds for the price of a few: K copies of a lesson's network trained in lockstep against one copy.

    python -m bench copies

The engine's one training loop (``dl_core.training.train``) runs K copies of a network side by side, one batched
product per layer. What makes a conclusion over ten seeds affordable is that ten copies cost far less than ten
trainings. For each lesson network trained by the engine, this times its default training (data, network,
optimizer and budget as the page uses them) with 1 copy and with 10 copies, best of three, and prints the ratio.
Target: 10 copies in at most 3x the time of one.
"""

from __future__ import annotations

import numpy as np

from bench._timing import best_of, report
from dl_core import datasets, network, optimizers, training
from dl_core.lessons import symmetry
from pages.batch_norm import trainer as batch_norm
from pages.dropout import trainer as dropout
from pages.initialization import trainer as initialization
from pages.playground import trainer as playground

COPIES = 10
TARGET_RATIO = 3.0


def initialization_training(copies: int) -> None:
    """The initialization lab's comparison (tanh, 8 hidden layers of its width, 25 epochs, SGD with momentum) with
    ``copies`` copies from He's start, one generator per copy."""
    x, y = initialization.dataset("circles", initialization.TRAIN_POINTS, 0)
    x_train, y_train, x_val, y_val = datasets.train_val_split(x, y, initialization.TRAIN_VALIDATION_SHARE,
                                                              np.random.default_rng(5))
    mlp = initialization.training_network("tanh", 8)
    rngs = [np.random.default_rng(seed) for seed in range(copies)]
    training.train(mlp, mlp.init_copies(rngs), (), optimizers.sgd(0.01, momentum=initialization.TRAIN_MOMENTUM),
                  x_train, y_train, epochs=25, batch_size=initialization.TRAIN_BATCH,
                  rng=[np.random.default_rng(100 + seed) for seed in range(copies)], x_val=x_val, y_val=y_val,
                  layer_statistics=False)


def symmetry_training(copies: int) -> None:
    """The symmetry trap's training (2 -> 8 -> 2, tanh, 500 full-batch steps) from ``copies`` small random starts."""
    x, y = initialization.dataset("circles", initialization.SYMMETRY_POINTS, 0)
    mlp = network.MLP((2, 8, 2), activation="tanh")
    starts = [mlp.init(np.random.default_rng(seed), "normal", std=0.1) for seed in range(copies)]
    symmetry.train_recordings(mlp, starts, x, y, steps=500, lr=1.0)


def seeds(copies: int) -> tuple[list, list]:
    """Generators for the copies' initial weights and for their minibatches, one per copy."""
    return ([np.random.default_rng(seed) for seed in range(copies)],
            [np.random.default_rng(100 + seed) for seed in range(copies)])


def batch_norm_training(copies: int) -> None:
    """The batch-norm lab's deep network (sigmoid, 10 hidden layers of 16, batch norm, SGD at 0.3, 300 steps of 64,
    20 records) from ``copies`` seeds."""
    x, y = batch_norm.make_dataset("moons", 0)
    mlp = batch_norm.network("sigmoid", 10, True)
    starts, batches = seeds(copies)
    training.train(mlp, mlp.init_copies(starts, "xavier_normal"), mlp.init_state(copies=copies), optimizers.sgd(0.3),
                   x, y, steps=300, batch_size=batch_norm.BATCH, rng=batches, record_every=15, layer_statistics=False)


def dropout_training(copies: int) -> None:
    """The dropout lesson's network (2-64-64-2, dropout 0.5, Adam at 0.01, 200 epochs of 100 points in batches of 25,
    50 records) from ``copies`` seeds."""
    points = dropout.make_dataset("moons", 0.25, 100, 0)
    mlp = network.MLP((2, 64, 64, 2), drop_prob=0.5)
    starts, batches = seeds(copies)
    training.train(mlp, mlp.init_copies(starts), (), optimizers.adam(0.01), points.x, points.y, epochs=200,
                   batch_size=dropout.BATCH, rng=batches, x_val=points.x_val, y_val=points.y_val, record_every=16,
                   layer_statistics=False)


def sandbox_training(copies: int) -> None:
    """The sandbox's default network (2-16-16-2, ReLU, Adam at 0.01, 1,000 steps of 32, 100 records with the
    probability on its grid) from ``copies`` seeds."""
    points = playground.make_dataset("moons", 0.2, 200, 0)
    mlp = playground.Setup().network
    grid = points.points
    starts, batches = seeds(copies)
    training.train(mlp, mlp.init_copies(starts), (), optimizers.adam(0.01), points.x, points.y, steps=1000,
                   batch_size=32, rng=batches, x_val=points.x_val, y_val=points.y_val, record_every=10,
                   layer_statistics=False, keep=lambda params, state: (mlp.predict(params, state, grid),))


LESSONS = {"initialization (comparison of schemes)": initialization_training,
           "initialization (symmetry trap)": symmetry_training,
           "batch norm (deep network)": batch_norm_training,
           "dropout (network with dropout)": dropout_training,
           "sandbox (default network, recorded)": sandbox_training}


def main(argv: list[str]) -> None:
    rows = []
    for name, lesson in LESSONS.items():
        one, ten = (best_of(lambda copies=copies, lesson=lesson: lesson(copies), 3) for copies in (1, COPIES))
        verdict = "meets" if ten <= TARGET_RATIO * one else "misses"
        rows.append((name, f"1 copy {one * 1e3:.0f} ms, {COPIES} copies {ten * 1e3:.0f} ms: "
                           f"{ten / one:.2f}x ({verdict} the target of {TARGET_RATIO:g}x)"))
    report(rows)
