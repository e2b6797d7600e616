r"""K copies of one network, each from its own initial weights, trained side by side on the same minibatches.

A comparison of initializers is K trainings that differ only in the first weights: same architecture, same data,
same minibatches in the same order, same optimizer. Here they run in lockstep as the engine's copies
(:meth:`dl_core.network.MLP.init_copies`): every parameter carries a leading axis of length K and one batched
product serves all K networks. Copy k is, epoch for epoch, what

    ``dl_core.network.train(mlp, starts[k], (), optimizer, x, y, epochs=..., batch_size=..., rng=rng, x_val=...,
    y_val=...)``

gives with a generator in the same state: the same shuffles, the same minibatches (the last one of an epoch
smaller), the engine's own activation functions, the same divergence rule (:math:`10^6 (1 + L_0)` per copy, or a
loss that is not finite), the same histories frozen at the last good epoch. The numbers agree up to the rounding of
the batched products (on this machine's NumPy they are bit for bit the same). Networks without batch norm or
dropout only (neither is part of a comparison of initializers).

::

    starts = [variance.init_params(mlp, name, np.random.default_rng(6)) for name in ("xavier_normal", "he_normal")]
    run = train_from_starts(mlp, starts, optimizers.sgd(0.01, momentum=0.9), x, y, epochs=25, batch_size=32,
                            rng=np.random.default_rng(7), x_val=x_val, y_val=y_val)
    run.train_loss[:, 1]   # (26,): He's loss on the training set before training and after each epoch
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dl_core import layers
from dl_core.network import MLP, FlatParams, checked_classes, epoch_minibatches, require_counts
from dl_core.optimizers import Optimizer
from dl_core.trajectories import DIVERGENCE_FACTOR

Params = dict[str, np.ndarray]


@dataclass(frozen=True)
class StartsRun:
    """K trainings of one network from K starts.

    ``train_loss``, ``val_loss``, ``train_accuracy``, ``val_accuracy`` ``(epochs + 1, K)``: measured on the whole set
    before training (row 0) and after each epoch, as :class:`dl_core.network.TrainingRun` measures them;
    ``diverged_at`` ``(K,)``: the epoch copy k stopped at (-1 if none), its histories frozen from there on at the
    last good epoch; ``params``: the K networks at the end (the engine's copies: leading axis K).
    """

    train_loss: np.ndarray
    val_loss: np.ndarray
    train_accuracy: np.ndarray
    val_accuracy: np.ndarray
    diverged_at: np.ndarray
    params: Params


def stack_starts(starts: Sequence[Params]) -> Params:
    """The K starts as the engine's copies: ``W1`` ``(K, D, H1)``, ``b1`` ``(K, H1)``, ..."""
    keys = list(starts[0])
    if any(list(start) != keys for start in starts):
        raise ValueError("every start must have the same parameters")
    return {key: np.stack([np.asarray(start[key], dtype=np.float64) for start in starts]) for key in keys}


def _measure(mlp: MLP, params: Params, x: np.ndarray, y: np.ndarray, y_val: np.ndarray) -> tuple[np.ndarray, bool]:
    """``(4, K)``: loss and accuracy on the training set, then on the validation set (``x`` holds both, training rows
    first), eval mode; and per copy whether everything it computed on the training set was finite."""
    passed = mlp.forward(params, (), x)
    logits, rows = passed.output, len(y)
    train_loss, _ = layers.softmax_cross_entropy_of_checked(logits[:, :rows], y)
    val_loss, _ = layers.softmax_cross_entropy_of_checked(logits[:, rows:], y_val)
    predicted = logits.argmax(axis=2)
    record = np.stack([train_loss, np.mean(predicted[:, :rows] == y, axis=1),
                       val_loss, np.mean(predicted[:, rows:] == y_val, axis=1)])
    finite = np.all(np.isfinite(record), axis=0)
    for layer in passed.layers[:-1]:
        finite &= np.all(np.isfinite(layer.pre_activation[:, :rows]), axis=(1, 2))
    return record, finite


def _checked(mlp: MLP, starts, x, y, x_val, y_val, epochs, batch_size):
    if mlp.batch_norm or mlp.drop_prob > 0 or not mlp.is_classifier:
        raise ValueError("train_from_starts trains classifiers without batch norm or dropout")
    if not starts:
        raise ValueError("give at least one start")
    require_counts(("epochs", epochs, 0), ("batch_size", batch_size, 1))
    return [checked_classes(mlp, x, y, "train"), checked_classes(mlp, x_val, y_val, "val")]


def train_from_starts(
    mlp: MLP,
    starts: Sequence[Params],
    optimizer: Optimizer,
    x_train: np.ndarray,
    y_train: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    rng: np.random.Generator,
    x_val: np.ndarray,
    y_val: np.ndarray,
) -> StartsRun:
    r"""Train copy k of ``mlp`` from ``starts[k]`` with ``optimizer``, all copies on the same minibatches.

    .. math:: \theta^{(k)}_{t+1} = \theta^{(k)}_t + \mathrm{update}\bigl(\nabla_\theta L_{B_t}(\theta^{(k)}_t)\bigr)

    Each epoch ``rng`` shuffles the training set once for every copy. Copy k stops at the first epoch in which a
    minibatch loss or its loss on the whole training set is not finite or exceeds :math:`10^6 (1 + L^{(k)}_0)`,
    or a value it computes on the training set is not finite; it keeps the parameters of the epoch before. The
    engine's ``train`` also stops on a gradient norm of the whole set that is not finite, which is not computed
    here (with finite weights and activations it is finite). See :class:`StartsRun`.
    """
    (x, y), (x_val, y_val) = _checked(mlp, starts, x_train, y_train, x_val, y_val, epochs, batch_size)
    both = np.concatenate([x, x_val])
    params = stack_starts(starts)
    flat = FlatParams(params)
    theta = flat.pack(params)
    optimizer_state = optimizer.init(theta)

    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        record, finite = _measure(mlp, params, both, y, y_val)
        if not finite.all():
            raise ValueError("an initial network's loss or layer values are not finite")
        max_loss = DIVERGENCE_FACTOR * (1.0 + np.abs(record[0]))
        records = [record]
        diverged_at = np.full(len(starts), -1)
        active = np.ones(len(starts), dtype=bool)
        for epoch in range(1, epochs + 1):
            if not active.any():
                records.append(records[-1])
                continue
            start = theta
            blown = np.zeros_like(active)
            for batch in epoch_minibatches(rng.permutation(len(x)), batch_size, drop_single=False):
                losses, grads, _ = mlp.loss_and_grads(flat.unpack(theta), (), x[batch], y[batch])
                blown |= active & ~(losses <= max_loss)
                updates, optimizer_state = optimizer.update(flat.pack(grads), optimizer_state, theta)
                theta = np.where((active & ~blown)[:, None], theta + updates, theta)
            record, finite = _measure(mlp, flat.unpack(theta), both, y, y_val)
            stopped = active & (blown | ~finite | ~(record[0] <= max_loss))
            diverged_at[stopped] = epoch
            active &= ~stopped
            theta = np.where(stopped[:, None], start, theta)
            records.append(np.where(active, record, records[-1]))

    histories = np.array(records)
    return StartsRun(histories[:, 0], histories[:, 2], histories[:, 1], histories[:, 3], diverged_at,
                     flat.unpack(theta))
