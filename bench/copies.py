"""Ten seeds for the price of a few: K copies of a lesson's network trained in lockstep against one copy.

    python -m bench copies

The engine's one training loop (``dl_core.network.train``) runs K copies of a network side by side, one batched
product per layer. What makes a conclusion over ten seeds affordable is that ten copies cost far less than ten
trainings. For each lesson network trained by the engine, this times its default training (data, network,
optimizer and budget as the page uses them) with 1 copy and with 10 copies, best of three, and prints the ratio.
Target: 10 copies in at most 3x the time of one.
"""

from __future__ import annotations

import numpy as np

from bench._timing import best_of, report
from dl_core import datasets, network, optimizers, symmetry
from pages.initialization import trainer as initialization

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
    network.train(mlp, mlp.init_copies(rngs), (), optimizers.sgd(0.01, momentum=initialization.TRAIN_MOMENTUM),
                  x_train, y_train, epochs=25, batch_size=initialization.TRAIN_BATCH,
                  rng=[np.random.default_rng(100 + seed) for seed in range(copies)], x_val=x_val, y_val=y_val,
                  layer_statistics=False)


def symmetry_training(copies: int) -> None:
    """The symmetry trap's training (2 -> 8 -> 2, tanh, 500 full-batch steps) from ``copies`` small random starts."""
    x, y = initialization.dataset("circles", initialization.SYMMETRY_POINTS, 0)
    mlp = network.MLP((2, 8, 2), activation="tanh")
    starts = [mlp.init(np.random.default_rng(seed), "normal", std=0.1) for seed in range(copies)]
    symmetry.train_recordings(mlp, starts, x, y, steps=500, lr=1.0)


LESSONS = {"initialization (comparison of schemes)": initialization_training,
           "initialization (symmetry trap)": symmetry_training}


def main(argv: list[str]) -> None:
    rows = []
    for name, training in LESSONS.items():
        one, ten = (best_of(lambda copies=copies, training=training: training(copies), 3) for copies in (1, COPIES))
        verdict = "meets" if ten <= TARGET_RATIO * one else "misses"
        rows.append((name, f"1 copy {one * 1e3:.0f} ms, {COPIES} copies {ten * 1e3:.0f} ms: "
                           f"{ten / one:.2f}x ({verdict} the target of {TARGET_RATIO:g}x)"))
    report(rows)
