"""What the activations lab trains: the same deep network with each of lesson 1's rectifier-like functions, for ten
seeds in lockstep, to measure the ELU paper's claim that ELU networks learn faster.

Plain functions of names and numbers, no Streamlit: ``race`` runs in the server's helper process
(``ui.helper_process``); ``compute`` caches it for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core import datasets, network, optimizers, training

ACTIVATIONS = ("relu", "leaky_relu", "elu", "tanh")
SEEDS = 10
POINTS, VALIDATION_SHARE, NOISE = 300, 0.25, 0.1
DEPTH, WIDTH, BATCH, EPOCHS, LR, MOMENTUM = 5, 32, 32, 40, 0.01, 0.9
TARGET_LOSS = 0.1  # "learned": the training loss below this


@dataclass(frozen=True)
class Race:
    """Per activation (``ACTIVATIONS``) and seed ``(A, S)``: the first epoch whose training loss was below
    ``TARGET_LOSS`` (-1 if none) and the final training loss."""

    seeds: np.ndarray
    reached_at: np.ndarray
    final_loss: np.ndarray


def race(data: str, seed: int) -> Race:
    """``DEPTH`` hidden layers of ``WIDTH`` units with each activation (He initialization, SGD with momentum),
    trained on ``POINTS`` points of ``data`` for ``SEEDS`` seeds from ``seed`` on; every seed has its own data,
    split, first weights and batches, the same for every activation."""
    seeds = list(range(seed, seed + SEEDS))
    sets = [datasets.train_val_split(*getattr(datasets, data)(POINTS, np.random.default_rng([each, 1]), noise=NOISE),
                                     VALIDATION_SHARE, np.random.default_rng([each, 2])) for each in seeds]
    x, y = np.stack([split[0] for split in sets]), np.stack([split[1] for split in sets])
    reached, final = [], []
    for activation in ACTIVATIONS:
        mlp = network.MLP((2, *[WIDTH] * DEPTH, 2), activation=activation)
        params = mlp.init_copies([np.random.default_rng([each, 3]) for each in seeds], "he_normal")
        run = training.train(mlp, params, (), optimizers.sgd(LR, momentum=MOMENTUM), x, y, epochs=EPOCHS,
                             batch_size=BATCH, rng=[np.random.default_rng([each, 4]) for each in seeds],
                             layer_statistics=False)
        below = (run.train_loss < TARGET_LOSS) & ~np.isnan(run.train_loss)
        reached.append(np.where(below.any(axis=0), below.argmax(axis=0), -1))
        final.append(run.train_loss[-1])
    return Race(np.array(seeds), np.array(reached), np.array(final))
