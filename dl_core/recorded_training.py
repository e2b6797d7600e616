r"""One network trained step by step, recorded as snapshots: what it predicts over a grid of the plane, its losses
and accuracies, and what every layer computes, every few steps.

A training run is computed once and played back later, so the run keeps only what a picture of it needs: at step 0
and every ``snapshot_every`` steps (and the last), the probability of class 1 at every point of a grid (the decision
boundary), the loss and accuracy on the training and validation sets, and per layer the measures of the lessons on
initialization and batch normalization (:class:`LayerStats`).

The network is :class:`dl_core.network.MLP`'s (Linear -> BatchNorm (if on) -> activation -> Dropout (if on) per hidden
layer, a Linear output, mean softmax cross-entropy), trained on minibatches with any optimizer of
:mod:`dl_core.optimizers` and any schedule of :mod:`dl_core.schedules`. It is written out for one network, without the
engine's per-layer records and caches, and its parameters are one flat vector that the optimizer updates in one call
(every rule is elementwise, so this is the same update as on the dict of arrays): a step of a small network then costs
a few dozen NumPy calls. The tests check each step against ``MLP.loss_and_grads`` and the optimizer on the dict.

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

from dl_core import activations, layers, lockstep_training, optimizers, schedules
from dl_core.activations import activation_pair
from dl_core.layers import BatchNormStats
from dl_core.lockstep_training import minibatches
from dl_core.network import MLP, checked_classes, require_counts
from dl_core.trajectories import DIVERGENCE_FACTOR

Params = dict[str, np.ndarray]
State = tuple[BatchNormStats, ...]

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
      stopped there (with the parameters before that step) and the later snapshots repeat the last one, so nothing
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


class _Flat:
    """A network's parameters as one vector and back: ``unpack`` gives views into the vector, in the engine's shapes
    and key order."""

    def __init__(self, params: Params):
        self.keys = list(params)
        self.shapes = [params[key].shape for key in self.keys]
        ends = np.cumsum([params[key].size for key in self.keys])
        self.slices = [slice(int(end - params[key].size), int(end)) for key, end in zip(self.keys, ends, strict=True)]

    def pack(self, params: Params) -> np.ndarray:
        return np.concatenate([np.ravel(params[key]) for key in self.keys])

    def unpack(self, theta: np.ndarray) -> Params:
        return {key: theta[part].reshape(shape) for key, part, shape in zip(self.keys, self.slices, self.shapes,
                                                                               strict=True)}


def _forward(mlp: MLP, params: Params, state: State, x: np.ndarray, *, train: bool, rng=None, fn=None):
    """``(logits, caches, new_state)``. ``train``: batch norm by the batch's statistics (running ones updated) and,
    with ``rng``, dropout masks drawn as the engine draws them (one ``rng.random`` per hidden layer, in order)."""
    fn = fn or activation_pair(mlp.activation)[0]
    hidden, caches, new_state = x, [], []
    dropping = rng is not None and mlp.drop_prob > 0.0
    for index in range(1, mlp.depth):
        z = layers.block_product(hidden, params[f"W{index}"]) + params[f"b{index}"]
        batchnorm_cache = None
        if mlp.batch_norm:
            z, running, batchnorm_cache = layers.batchnorm_forward(z, params[f"gamma{index}"], params[f"beta{index}"],
                                                                   state[index - 1], train=train)
            new_state.append(running)
        out = fn(z)
        multiplier = None
        following = out
        if dropping:
            multiplier = (rng.random(out.shape) >= mlp.drop_prob) * (1.0 / (1.0 - mlp.drop_prob))
            following = out * multiplier
        caches.append((hidden, z, out, batchnorm_cache, multiplier))
        hidden = following
    logits = layers.block_product(hidden, params[f"W{mlp.depth}"]) + params[f"b{mlp.depth}"]
    caches.append((hidden, None, None, None, None))
    return logits, caches, tuple(new_state) if train and mlp.batch_norm else state


def _backward(mlp: MLP, params: Params, dlogits: np.ndarray, caches: list, grad=None) -> Params:
    grad = grad or activation_pair(mlp.activation)[1]
    grads: Params = {}
    dout = dlogits
    for index in range(mlp.depth, 0, -1):
        hidden, z, out, batchnorm_cache, multiplier = caches[index - 1]
        if index < mlp.depth:
            if multiplier is not None:
                dout = dout * multiplier
            dout = dout * grad(z, out)
            if batchnorm_cache is not None:
                dout, grads[f"gamma{index}"], grads[f"beta{index}"] = layers.batchnorm_backward(dout, batchnorm_cache)
        grads[f"W{index}"] = layers.block_weight_grad(hidden, dout)
        grads[f"b{index}"] = dout.sum(axis=0)
        if index > 1:
            dout = layers.block_product(dout, params[f"W{index}"].T)
    return {key: grads[key] for key in params}


def loss_and_grads(mlp: MLP, params: Params, state: State, x: np.ndarray, y: np.ndarray,
                   rng: np.random.Generator | None = None) -> tuple[float, Params, State]:
    r"""Train mode: the mean loss of the batch, its gradient keyed like ``params`` and the new running statistics;
    the same numbers as ``mlp.loss_and_grads(params, state, x, y, rng=rng)`` (with a generator in the same state,
    the same dropout masks).

    .. math:: L = \frac{1}{N}\sum_n \Bigl(\log\sum_c e^{z_{nc}} - z_{n y_n}\Bigr)
    """
    if mlp.drop_prob > 0.0 and rng is None:
        raise ValueError("rng is required when drop_prob > 0 (dropout draws its mask from it)")
    logits, caches, new_state = _forward(mlp, params, state, x, train=True, rng=rng)
    loss, dlogits = layers.softmax_cross_entropy(logits, y)
    return loss, _backward(mlp, params, dlogits, caches), new_state


def probability(mlp: MLP, params: Params, state: State, x: np.ndarray, label: int = 1) -> np.ndarray:
    """The softmax probability of ``label`` at every row of ``x`` ``(N, D)``, in eval mode: ``(N,)``."""
    logits = _forward(mlp, params, state, np.asarray(x, dtype=np.float64), train=False)[0]
    return layers.softmax(logits)[:, label]


def layer_stats(mlp: MLP, params: Params, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """One snapshot of :class:`LayerStats` (``percentiles``, ``activation_std``, ``no_gradient``, ``grad_norm``) on
    ``x``, with batch norm normalising by ``x``'s own statistics and no dropout (``snapshots_layer_stats`` of one)."""
    return tuple(values[0] for values in snapshots_layer_stats(mlp, [params], x, y))


def snapshots_layer_stats(mlp: MLP, snapshots: list[Params], x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """:class:`LayerStats` of every snapshot's parameters (engine shapes) on ``x``, each ``(S, ...)``: the snapshots
    as copies of one network side by side (``dl_core.lockstep_training``, train mode: batch norm by ``x``'s
    statistics), ``SNAPSHOTS_AT_ONCE`` numbers at a time, instead of a few dozen NumPy calls per snapshot."""
    fn, grad = activation_pair(mlp.activation)
    limit = NO_GRADIENT_SHARE * largest_derivative(mlp.activation)
    per_snapshot = len(x) * sum(mlp.sizes[1:-1])
    chunk = max(1, SNAPSHOTS_AT_ONCE // max(per_snapshot, 1))
    parts = []
    for first in range(0, len(snapshots), chunk):
        params = {key: np.stack([snapshot[key] for snapshot in snapshots[first : first + chunk]])
                  for key in snapshots[0]}
        params = {key: value[:, None] if value.ndim == 2 else value for key, value in params.items()}  # (S, 1, width)
        copies = len(params["W1"])
        state = lockstep_training.initial_state(mlp, copies)
        _, _, pre, out, _ = lockstep_training.forward(mlp, params, state, x, train=True)
        grads = lockstep_training.loss_and_grads(mlp, params, state, x, y)[1]
        hidden = [(z.reshape(copies, -1), a.reshape(copies, -1)) for z, a in zip(pre, out, strict=True)]
        parts.append((
            _by_layer([np.percentile(z, PERCENTILES, axis=1).T for z, _ in hidden], copies, len(PERCENTILES)),
            _by_layer([a.std(axis=1) for _, a in hidden], copies),
            _by_layer([np.mean(np.abs(grad(z, a)) < limit, axis=1) for z, a in hidden], copies),
            _by_layer([np.sqrt(np.einsum("kij,kij->k", grads[f"W{index}"], grads[f"W{index}"]))
                       for index in range(1, mlp.depth + 1)], copies),
        ))
    return tuple(np.concatenate(values) for values in zip(*parts, strict=True))


def _by_layer(values: list[np.ndarray], copies: int, *tail: int) -> np.ndarray:
    """Per-layer ``(S, *tail)`` arrays as one ``(S, layers, *tail)`` (a network may have no hidden layer)."""
    return np.stack(values, axis=1) if values else np.empty((copies, 0, *tail))


def _checked(mlp: MLP, x, y, x_val, y_val, grid, steps, batch_size, snapshot_every, probe):
    if not mlp.is_classifier:
        raise ValueError("train_recorded trains classifiers (softmax cross-entropy)")
    sets = [checked_classes(mlp, x, y, "train"), checked_classes(mlp, x_val, y_val, "val")]
    grid = np.asarray(grid, dtype=np.float64)
    if grid.ndim != 2 or grid.shape[1] != mlp.sizes[0]:
        raise ValueError(f"grid must be (G, {mlp.sizes[0]}), got {grid.shape}")
    require_counts(("steps", steps, 0), ("batch_size", batch_size, 2 if mlp.batch_norm else 1),
                   ("snapshot_every", snapshot_every, 1), ("probe", probe, 2))
    if batch_size > len(sets[0][0]):
        raise ValueError(f"batch_size {batch_size} exceeds the {len(sets[0][0])} training samples")
    return sets[0], sets[1], grid


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
    r"""Train ``mlp`` for ``steps`` minibatch steps and record it (see :class:`Recording`).

    .. math:: \theta_{t+1} = \theta_t + \mathrm{update}_t\bigl(\nabla_\theta L_{B_t}(\theta_t)\bigr)

    ``rng = default_rng(seed)`` gives, in this order, the initial weights (``mlp.init(rng, initializer)``), every
    minibatch (:func:`dl_core.lockstep_training.minibatches`: a fresh permutation each epoch, cut into whole batches of
    ``batch_size``) and, step by step, the dropout masks (as ``mlp.loss_and_grads(..., rng=rng)`` draws them). The
    optimizer is ``optimizers.make(optimizer, lr=schedules.for_run(schedule, lr, steps), **hyper)`` with ``lr`` from
    ``hyper`` (the optimizer's default without it). So the run is, number for number, the engine's ``loss_and_grads``
    and that optimizer on the dict of parameters, step after step.

    Training stops at the first minibatch loss that is not finite or exceeds ``max_loss`` (default
    :math:`10^6 (1 + L_0)`, as the engine's ``train``). ``grid`` ``(G, D)``: where the probability is recorded.
    The layer statistics are measured on the first ``probe`` training points (all of them when there are fewer).
    """
    (x, y), (x_val, y_val), grid = _checked(mlp, x, y, x_val, y_val, grid, steps, batch_size, snapshot_every, probe)
    hyper = dict(hyper or {})
    lr = hyper.pop("lr", optimizers.DEFAULTS[optimizer]["lr"] if optimizer in optimizers.DEFAULTS else None)
    rule = optimizers.make(optimizer, lr=schedules.for_run(schedule, lr, steps), **hyper)
    rng = np.random.default_rng(seed)
    params = mlp.init(rng, initializer)
    state = mlp.init_state()
    order = minibatches(len(x), batch_size, steps, rng)
    flat = _Flat(params)
    theta = flat.pack(params)
    optimizer_state = rule.init(theta)
    fn, grad = activation_pair(mlp.activation)
    snapshot_steps = sorted({*range(0, steps, snapshot_every), steps})
    snapshot_after = set(snapshot_steps)
    everything = np.concatenate([x, x_val, grid])
    train_rows, val_rows = slice(0, len(x)), slice(len(x), len(x) + len(x_val))
    records: list[tuple] = []
    measured: list[Params] = []  # the parameters of each record, whose layer statistics are measured at the end

    def snapshot(params: Params, state: State) -> None:
        logits = _forward(mlp, params, state, everything, train=False, fn=fn)[0]
        predicted = logits.argmax(axis=1)
        records.append((
            layers.softmax(logits[val_rows.stop :])[:, 1],
            layers.softmax_cross_entropy_of_checked(logits[train_rows], y)[0],
            layers.softmax_cross_entropy_of_checked(logits[val_rows], y_val)[0],
            float(np.mean(predicted[train_rows] == y)), float(np.mean(predicted[val_rows] == y_val)),
        ))
        measured.append(params)

    batch_loss = np.zeros(steps)
    diverged_at = -1
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        snapshot(params, state)
        if max_loss is None:
            max_loss = DIVERGENCE_FACTOR * (1.0 + abs(records[0][1]))
        for step in range(steps):
            batch = order[step]
            logits, caches, new_state = _forward(mlp, params, state, x[batch], train=True, rng=rng, fn=fn)
            loss, dlogits = layers.softmax_cross_entropy_of_checked(logits, y[batch])
            if not loss <= max_loss:
                diverged_at = step
                batch_loss[step:] = batch_loss[step - 1] if step else records[0][1]
                break
            batch_loss[step] = loss
            grads = _backward(mlp, params, dlogits, caches, grad)
            updates, optimizer_state = rule.update(flat.pack(grads), optimizer_state, theta)
            candidate = theta + updates
            if not np.all(np.isfinite(candidate)):
                diverged_at = step
                batch_loss[step + 1 :] = loss
                break
            theta, state = candidate, new_state
            params = flat.unpack(theta)
            if step + 1 in snapshot_after:
                snapshot(params, state)
                if not all(np.all(np.isfinite(value)) for value in records[-1]):
                    records.pop()
                    measured.pop()
                    theta = theta - updates
                    params = flat.unpack(theta)
                    diverged_at = step
                    batch_loss[step + 1 :] = loss
                    break
        # Finite outputs leave the layers' values finite, but a gradient could still overflow: the largest float.
        stats = [np.nan_to_num(values, nan=0.0, posinf=np.finfo(float).max, neginf=-np.finfo(float).max)
                 for values in snapshots_layer_stats(mlp, measured, x[:probe], y[:probe])]
    records = [(*record, *(values[index] for values in stats)) for index, record in enumerate(records)]
    records += [records[-1]] * (len(snapshot_steps) - len(records))
    columns = [np.array(values) for values in zip(*records, strict=True)]
    return Recording(
        steps=np.array(snapshot_steps), probability=columns[0], train_loss=columns[1], val_loss=columns[2],
        train_accuracy=columns[3], val_accuracy=columns[4], layers=LayerStats(*columns[5:]),
        batch_loss=batch_loss, diverged_at=diverged_at, params={key: value.copy() for key, value in params.items()},
        state=state,
    )
