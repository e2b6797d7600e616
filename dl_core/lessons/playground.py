r"""The sandbox's training: one network trained step by step, recorded as snapshots for playback: what it predicts
over a grid of the plane, its losses and accuracies, and what every layer computes, every few steps.

A training run is computed once and played back later, so the run keeps only what a picture of it needs: at step 0
and every ``snapshot_every`` steps (and the last), the probability of class 1 at every point of a grid (the decision
boundary), the loss and accuracy on the training and validation sets, and per layer the measures of the lessons on
initialization and batch normalization (:class:`LayerStats`).

The training is the engine's (:func:`dl_core.training.train`, with any optimizer of :mod:`dl_core.optimizers` and
any schedule of :mod:`dl_core.schedules`); the grid's probabilities and the snapshots' parameters are what its
``keep`` records, and the layer statistics are measured at the end, every snapshot as one of the engine's copies.

::

    mlp = MLP((2, 16, 16, 2), activation="tanh", batch_norm=True, drop_prob=0.1)
    run = train_recorded(mlp, x, y, x_val, y_val, grid, steps=1000, batch_size=32, seed=0,
                         optimizer="adam", hyper={"lr": 0.01}, snapshot_every=10)
    run.probability.shape      # (101, len(grid)): P(class 1) at every grid point, at steps 0, 10, ..., 1000
    run.layers.grad_norm[-1]   # the gradient's size at each layer's weights after training

Batch normalization: Ioffe & Szegedy 2015, arXiv 1502.03167. Dropout: Srivastava et al., JMLR 15, 2014.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from dl_core import activations, layers, optimizers, schedules, training
from dl_core.network import MLP, Params, State, checked_classes, require_counts

PERCENTILES = (15.0, 50.0, 85.0)
NO_GRADIENT_SHARE = 0.05  # a unit passes (almost) no gradient where |f'(z)| is below this share of its largest value
SNAPSHOTS_AT_ONCE = 500_000  # hidden values (snapshots x samples x units) measured in one batch: 4 MB per array


@lru_cache(maxsize=16)
def largest_derivative(name: str) -> float:
    r""":math:`\max_z |f'(z)|` of an activation (default parameters), read on a fine grid of :math:`[-10, 10]`."""
    return float(np.max(np.abs(activations.get(name).grad(np.linspace(-10.0, 10.0, 20001)))))


@dataclass(frozen=True)
class LayerStats:
    r"""What each layer computes at each snapshot, on the training set (or its first ``probe`` points) with dropout
    off and batch norm normalising by the set's own statistics (what the layer computes while it learns). Hidden
    layers only, except ``grad_norm``:

    - ``percentiles`` ``(S, hidden, 3)``: the 15th, 50th and 85th percentiles of the pre-activations (what enters the
      activation, after batch norm when it is on): the curves of Ioffe & Szegedy's Figure 1;
    - ``activation_std`` ``(S, hidden)``: the standard deviation of the activations over samples and units (how a
      signal's spread changes from layer to layer, the measure of the initialization lesson);
    - ``no_gradient`` ``(S, hidden)``: the share of (sample, unit) pairs where
      :math:`|f'(z)| < 0.05 \max|f'|`: saturated sigmoid and tanh units, ReLU units that are off; when it reaches 1
      the layer is dead and passes no gradient back;
    - ``grad_norm`` ``(S, layers)``: :math:`\lVert \partial L / \partial W_k \rVert_F` of the mean training loss, every
      layer including the last (vanishing or exploding gradients).
    """

    percentiles: np.ndarray
    activation_std: np.ndarray
    no_gradient: np.ndarray
    grad_norm: np.ndarray


@dataclass(frozen=True)
class Recording:
    """A recorded training run.

    - ``steps`` ``(S,)``: the steps after which the network was measured (0 = untrained);
    - ``probability`` ``(S, G)``: the probability of class 1 at each of the G grid points, in eval mode (running
      statistics, no dropout): the network's actual output there;
    - ``train_loss``, ``val_loss``, ``train_accuracy``, ``val_accuracy`` ``(S,)``: in eval mode, on the whole sets;
    - ``layers``: :class:`LayerStats`;
    - ``batch_loss`` ``(steps,)``: the train-mode loss of each minibatch (what the optimizer saw);
    - ``diverged_at``: the first step whose minibatch loss was not finite or exceeded ``max_loss``, or -1. Training
      stopped there and went back to the last snapshot (the engine's rule); the later snapshots repeat it, so nothing
      holds NaN or inf;
    - ``params``, ``state``: the network at the end, in the engine's shapes.
    """

    steps: np.ndarray
    probability: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray
    train_accuracy: np.ndarray
    val_accuracy: np.ndarray
    layers: LayerStats
    batch_loss: np.ndarray
    diverged_at: int
    params: Params
    state: State

    @property
    def diverged(self) -> bool:
        return self.diverged_at >= 0


def probability(mlp: MLP, params: Params, state: State, x: np.ndarray, label: int = 1) -> np.ndarray:
    """The softmax probability of ``label`` at every row of ``x`` ``(N, D)``, in eval mode: ``(N,)`` (``(K, N)`` for
    copies)."""
    return layers.softmax(mlp.predict(params, state, np.asarray(x, dtype=np.float64)))[..., label]


def snapshots_layer_stats(mlp: MLP, snapshots: Params, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """:class:`LayerStats` of every snapshot (``snapshots``: the parameters with a leading axis S, as the engine's
    copies) on ``x``, each ``(S, ...)``: train mode without dropout (batch norm by ``x``'s own statistics),
    ``SNAPSHOTS_AT_ONCE`` numbers at a time."""
    plain = MLP(mlp.sizes, mlp.activation, batch_norm=mlp.batch_norm)
    derivative = activations.activation_pair(mlp.activation)[1]
    limit = NO_GRADIENT_SHARE * largest_derivative(mlp.activation)
    count = len(snapshots["W1"])
    chunk = max(1, SNAPSHOTS_AT_ONCE // max(len(x) * sum(mlp.sizes[1:-1]), 1))
    parts = []
    for first in range(0, count, chunk):
        params = {key: value[first : first + chunk] for key, value in snapshots.items()}
        copies = len(params["W1"])
        state = plain.init_state(copies=copies)
        hidden = [(record.pre_activation.reshape(copies, -1), record.activation.reshape(copies, -1))
                  for record in plain.forward(params, state, x, train=True).layers[:-1]]
        grads = plain.loss_and_grads(params, state, x, y)[1]
        parts.append((
            _by_layer([np.percentile(z, PERCENTILES, axis=1).T for z, _ in hidden], copies, len(PERCENTILES)),
            _by_layer([a.std(axis=1) for _, a in hidden], copies),
            _by_layer([np.mean(np.abs(derivative(z, a)) < limit, axis=1) for z, a in hidden], copies),
            _by_layer([np.sqrt(np.einsum("kij,kij->k", grads[f"W{index}"], grads[f"W{index}"]))
                       for index in range(1, mlp.depth + 1)], copies),
        ))
    return tuple(np.concatenate(values) for values in zip(*parts, strict=True))


def layer_stats(mlp: MLP, params: Params, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """One snapshot of :class:`LayerStats` (``percentiles``, ``activation_std``, ``no_gradient``, ``grad_norm``) on
    ``x``: ``snapshots_layer_stats`` of one network."""
    return tuple(values[0] for values in snapshots_layer_stats(mlp, {key: value[None] for key, value in
                                                                    params.items()}, x, y))


def _by_layer(values: list[np.ndarray], copies: int, *tail: int) -> np.ndarray:
    """Per-layer ``(S, *tail)`` arrays as one ``(S, layers, *tail)`` (a network may have no hidden layer)."""
    return np.stack(values, axis=1) if values else np.empty((copies, 0, *tail))


def train_recorded(
    mlp: MLP,
    x: np.ndarray,
    y: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
    grid: np.ndarray,
    *,
    steps: int,
    batch_size: int,
    seed: int,
    optimizer: str = "adam",
    hyper: Mapping[str, float] | None = None,
    schedule: str = "constant",
    initializer: str = "he_normal",
    snapshot_every: int = 10,
    probe: int = 256,
    max_loss: float | None = None,
) -> Recording:
    r"""Train ``mlp`` for ``steps`` minibatch steps (:func:`dl_core.training.train`) and record it (see
    :class:`Recording`).

    .. math:: \theta_{t+1} = \theta_t + \mathrm{update}_t\bigl(\nabla_\theta L_{B_t}(\theta_t)\bigr)

    ``rng = default_rng(seed)`` gives the initial weights (``mlp.init(rng, initializer)``), then the minibatches and
    the dropout masks. The optimizer is ``optimizers.make(optimizer, lr=schedules.for_run(schedule, lr, steps),
    **hyper)`` with ``lr`` from ``hyper`` (the optimizer's default without it). ``grid`` ``(G, D)``: where the
    probability is recorded. The layer statistics are measured on the first ``probe`` training points.
    """
    if not mlp.is_classifier:
        raise ValueError("train_recorded trains classifiers (softmax cross-entropy)")
    (x, y), (x_val, y_val) = checked_classes(mlp, x, y, "train"), checked_classes(mlp, x_val, y_val, "val")
    grid = np.asarray(grid, dtype=np.float64)
    if grid.ndim != 2 or grid.shape[1] != mlp.sizes[0]:
        raise ValueError(f"grid must be (G, {mlp.sizes[0]}), got {grid.shape}")
    require_counts(("snapshot_every", snapshot_every, 1), ("probe", probe, 2))
    hyper = dict(hyper or {})
    lr = hyper.pop("lr", optimizers.DEFAULTS[optimizer]["lr"] if optimizer in optimizers.DEFAULTS else None)
    rule = optimizers.make(optimizer, lr=schedules.for_run(schedule, lr, steps), **hyper)
    rng = np.random.default_rng(seed)
    params = mlp.init(rng, initializer)
    keys = list(params)

    def keep(params: Params, state: State) -> tuple[np.ndarray, ...]:
        return (probability(mlp, params, state, grid), *(params[key] for key in keys))

    run = training.train(mlp, params, mlp.init_state(), rule, x, y, steps=steps, batch_size=batch_size, rng=rng,
                         record_every=snapshot_every, x_val=x_val, y_val=y_val, max_loss=max_loss,
                         layer_statistics=False, keep=keep)
    grid_probability, *snapshots = run.kept
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        # Finite outputs leave the layers' values finite, but a gradient could still overflow: the largest float.
        stats = [np.nan_to_num(values, nan=0.0, posinf=np.finfo(float).max, neginf=-np.finfo(float).max)
                 for values in snapshots_layer_stats(mlp, dict(zip(keys, snapshots, strict=True)), x[:probe],
                                                     y[:probe])]
    return Recording(
        steps=run.steps, probability=grid_probability, train_loss=run.train_loss, val_loss=run.val_loss,
        train_accuracy=run.train_accuracy, val_accuracy=run.val_accuracy, layers=LayerStats(*stats),
        batch_loss=run.batch_losses, diverged_at=run.diverged_step, params=run.params, state=run.state,
    )


@dataclass(frozen=True)
class SeedsRecording:
    """One configuration trained for S seeds in lockstep, each with its own data, weights, minibatches and masks:
    ``steps`` ``(T,)``; ``val_loss``, ``val_accuracy`` ``(T, S)`` in eval mode; ``diverged`` ``(S,)``;
    ``no_gradient`` ``(S, hidden layers)`` and ``grad_norm`` ``(S, layers)``: :class:`LayerStats` at the end of each
    seed's training."""

    seeds: np.ndarray
    steps: np.ndarray
    val_loss: np.ndarray
    val_accuracy: np.ndarray
    diverged: np.ndarray
    no_gradient: np.ndarray
    grad_norm: np.ndarray


def train_over_seeds(
    mlp: MLP,
    x: np.ndarray,
    y: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
    *,
    seeds,
    steps: int,
    batch_size: int,
    optimizer: str = "adam",
    hyper: Mapping[str, float] | None = None,
    schedule: str = "constant",
    initializer: str = "he_normal",
    snapshot_every: int = 10,
    probe: int = 256,
) -> SeedsRecording:
    """:func:`train_recorded` without its grid, for every seed at once: ``x`` ``(S, N, D)`` and the other sets hold
    each seed's data; seed s starts from ``mlp.init(default_rng(seeds[s]), initializer)`` and draws its minibatches
    and masks from that generator, as :func:`train_recorded` does."""
    hyper = dict(hyper or {})
    lr = hyper.pop("lr", optimizers.DEFAULTS[optimizer]["lr"] if optimizer in optimizers.DEFAULTS else None)
    rule = optimizers.make(optimizer, lr=schedules.for_run(schedule, lr, steps), **hyper)
    generators = [np.random.default_rng(seed) for seed in seeds]
    params = mlp.init_copies(generators, initializer)
    run = training.train(mlp, params, mlp.init_state(copies=len(generators)), rule, x, y, steps=steps,
                         batch_size=batch_size, rng=generators, record_every=snapshot_every, x_val=x_val, y_val=y_val,
                         layer_statistics=False)
    x, y = np.asarray(x), np.asarray(y)
    ends = [snapshots_layer_stats(mlp, {key: value[k : k + 1] for key, value in run.params.items()}, x[k, :probe],
                                  y[k, :probe]) for k in range(len(generators))]
    return SeedsRecording(np.asarray(seeds), run.steps, run.val_loss, run.val_accuracy, run.diverged_at >= 0,
                          np.stack([end[2][0] for end in ends]), np.stack([end[3][0] for end in ends]))
