r"""K copies of one network trained side by side, one learning rate each, as one vectorised computation.

A learning-rate sweep ("which rates train at all?") is K short trainings that differ only in the rate: same
architecture, same initial weights, same minibatches. Here they run in lockstep: every parameter carries a
leading axis of length K (``W1`` is ``(K, D, H1)``, ``b1`` and ``gamma1`` are ``(K, 1, H1)``), one batched matrix
product serves all K networks, and the K learning rates are one array ``(K, 1, 1)`` that
:mod:`dl_core.optimizers` broadcasts against every parameter. A K of 1 is an ordinary training run.

Each network is exactly :class:`dl_core.network.MLP`'s (Linear -> BatchNorm (if on) -> activation per hidden layer,
a Linear output, mean softmax cross-entropy): batch normalization goes through
:func:`dl_core.layers.batchnorm_forward`/``_backward`` themselves, with the K networks' units side by side, so the
running statistics follow ``torch.nn.BatchNorm1d`` as the engine's do. The tests check every one of the K runs
against the engine's ``MLP.loss_and_grads`` step by step.

::

    mlp = MLP((2, 32, 32, 2), activation="sigmoid", batch_norm=True)
    run = train_lockstep(mlp, np.geomspace(1e-3, 10, 9), x, y, steps=200, batch_size=64, seed=0)
    run.losses[-1]         # (9,): the loss on the whole training set after 200 steps, one per rate
    run.diverged_at        # (9,): the first step whose minibatch loss blew up, or -1

Batch normalization: Ioffe & Szegedy 2015, arXiv 1502.03167.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dl_core import layers, optimizers
from dl_core.activations import activation_pair
from dl_core.layers import BatchNormStats
from dl_core.network import MLP, FlatParams, checked_classes, require_counts
from dl_core.trajectories import DIVERGENCE_FACTOR

Params = dict[str, np.ndarray]
State = tuple[BatchNormStats, ...]  # per hidden layer: mean and var of shape (K, 1, width)


@dataclass(frozen=True)
class LayerHistograms:
    """How the values of every hidden layer are spread at each snapshot, for a fixed probe batch.

    ``pre_activation`` (what enters the activation: the batch-norm output when batch norm is on) and
    ``activation`` (what comes out) are ``(S, K, hidden layers, bins)``: the share of the probe's values
    (over samples and units) in each bin of ``pre_edges`` / ``activation_edges``; values beyond the edges
    count in the first or last bin. ``percentiles`` ``(S, K, hidden layers, 3)``: the 15th, 50th and 85th
    percentiles of the pre-activations, the curves of Ioffe & Szegedy's Figure 1; ``pre_std`` ``(S, K, hidden
    layers)``: how much a unit's pre-activation varies from one probe sample to the next (its standard deviation
    over the samples, averaged over the layer's units). When it falls towards 0, the layer's units answer nearly the
    same to every input.
    """

    pre_edges: np.ndarray
    activation_edges: np.ndarray
    pre_activation: np.ndarray
    activation: np.ndarray
    percentiles: np.ndarray
    pre_std: np.ndarray


PERCENTILES = (15.0, 50.0, 85.0)


@dataclass(frozen=True)
class LockstepRun:
    """K trainings of one network, one learning rate each (``lrs`` ``(K,)``).

    - ``batch_losses`` ``(steps, K)``: the train-mode loss of each minibatch step;
    - ``snapshot_steps`` ``(S,)``: the steps after which the networks were measured (0 = untrained, then every
      ``snapshot_every`` steps and the last); ``losses`` and ``accuracy`` ``(S, K)``: loss and accuracy on the whole
      training set in eval mode (running statistics), as :func:`dl_core.network.train` reports them;
      ``population_losses`` and ``population_accuracy`` ``(S, K)``: the same with batch norm normalising by the
      statistics of the whole training set under the current weights (train mode on the whole set: close to the
      population statistics of Ioffe & Szegedy's Algorithm 2), free of the lag of the running estimates; without
      batch norm they equal ``losses`` and ``accuracy``;
    - ``diverged_at`` ``(K,)``: the first step whose minibatch loss was not finite or exceeded ``max_loss``, or -1;
      that network stopped there (its parameters are those before the step that blew up) and its later losses
      are those of the stopped network, so no history holds NaN or inf;
    - ``params``, ``state``: the K networks at the end (leading axis K);
    - ``histograms``: :class:`LayerHistograms` of the probe batch, or None without one.
    """

    lrs: np.ndarray
    batch_losses: np.ndarray
    snapshot_steps: np.ndarray
    losses: np.ndarray
    accuracy: np.ndarray
    population_losses: np.ndarray
    population_accuracy: np.ndarray
    diverged_at: np.ndarray
    params: Params
    state: State
    histograms: LayerHistograms | None

    def network(self, index: int) -> tuple[Params, State]:
        """The ``index``-th network's parameters and running statistics in the engine's shapes (``b1`` ``(H1,)``),
        for :class:`dl_core.network.MLP`'s ``forward`` and ``predict``."""
        params = {key: value[index].reshape(value.shape[2:]) if value.shape[1] == 1 and value.ndim == 3
                  else value[index] for key, value in self.params.items()}
        state = tuple(BatchNormStats(stats.mean[index, 0], stats.var[index, 0]) for stats in self.state)
        return params, state


def stack_params(params: Params, copies: int) -> Params:
    """The engine's parameters (``W1`` ``(D, H1)``, ``b1`` ``(H1,)``, ...) repeated for K networks: ``W1``
    ``(K, D, H1)``, every vector ``(K, 1, H1)``, so that an array of K rates ``(K, 1, 1)`` broadcasts against all."""
    return {key: np.repeat((value if value.ndim == 2 else value[None, :])[None], copies, axis=0)
            for key, value in params.items()}


def initial_state(mlp: MLP, copies: int) -> State:
    """Running statistics mean 0, variance 1 for K networks (``(K, 1, width)`` each), or ``()`` without batch norm."""
    return tuple(BatchNormStats(np.zeros((copies, 1, width)), np.ones((copies, 1, width)))
                 for width in mlp.sizes[1:-1]) if mlp.batch_norm else ()


def _batchnorm(z: np.ndarray, gamma: np.ndarray, beta: np.ndarray, running: BatchNormStats, train: bool,
               momentum: float, eps: float):
    """The engine's batch norm on ``z`` ``(K, N, M)``: the K networks' units side by side as K*M features."""
    copies, count, width = z.shape
    flat = z.transpose(1, 0, 2).reshape(count, copies * width)
    stats = BatchNormStats(running.mean.reshape(-1), running.var.reshape(-1))
    out, new, cache = layers.batchnorm_forward(flat, gamma.reshape(-1), beta.reshape(-1), stats, train=train,
                                               momentum=momentum, eps=eps)
    shape = (copies, 1, width)
    return (out.reshape(count, copies, width).transpose(1, 0, 2),
            BatchNormStats(new.mean.reshape(shape), new.var.reshape(shape)), cache)


def _batchnorm_backward(dout: np.ndarray, cache) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    copies, count, width = dout.shape
    dx, dgamma, dbeta = layers.batchnorm_backward(dout.transpose(1, 0, 2).reshape(count, copies * width), cache)
    shape = (copies, 1, width)
    return dx.reshape(count, copies, width).transpose(1, 0, 2), dgamma.reshape(shape), dbeta.reshape(shape)


def forward(mlp: MLP, params: Params, state: State, x: np.ndarray, *, train: bool, momentum: float = 0.1,
            eps: float = 1e-5, exact: bool = False):
    """The K networks on one batch ``x`` ``(N, D)``: ``(logits (K, N, C), caches, pre_activations, activations,
    new_state)``, the last three per hidden layer (each ``(K, N, width)``). ``exact``: the engine's activation
    functions (see :func:`activation_pair`)."""
    fn = activation_pair(mlp.activation, exact)[0]
    hidden, caches, pre_activations, activated, new_state = x, [], [], [], []
    for index in range(1, mlp.depth):
        z = hidden @ params[f"W{index}"] + params[f"b{index}"]
        batchnorm_cache = None
        if mlp.batch_norm:
            z_in, running, batchnorm_cache = _batchnorm(z, params[f"gamma{index}"], params[f"beta{index}"],
                                                        state[index - 1], train, momentum, eps)
            new_state.append(running)
        else:
            z_in = z
        out = fn(z_in)
        caches.append((hidden, z_in, out, batchnorm_cache))
        pre_activations.append(z_in)
        activated.append(out)
        hidden = out
    logits = hidden @ params[f"W{mlp.depth}"] + params[f"b{mlp.depth}"]
    caches.append((hidden, None, None, None))
    return logits, caches, pre_activations, activated, tuple(new_state) if train and mlp.batch_norm else state


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each network's mean softmax cross-entropy ``(K,)`` and its gradient ``(K, N, C)``, for logits ``(K, N, C)`` and
    labels ``(N,)``: the engine's (:func:`dl_core.layers.softmax_cross_entropy_of_checked`)."""
    return layers.softmax_cross_entropy_of_checked(logits, labels)


def loss_and_grads(mlp: MLP, params: Params, state: State, x: np.ndarray, y: np.ndarray, *, momentum: float = 0.1,
                   eps: float = 1e-5, exact: bool = False) -> tuple[np.ndarray, Params, State]:
    """Train mode: the K minibatch losses ``(K,)``, the gradients keyed like ``params`` and the new running
    statistics; for each k the same numbers as ``mlp.loss_and_grads`` of network k (with ``exact``, the engine's
    activation functions, bit for bit where the batched products round as the engine's)."""
    grad = activation_pair(mlp.activation, exact)[1]
    logits, caches, _, _, new_state = forward(mlp, params, state, x, train=True, momentum=momentum, eps=eps,
                                              exact=exact)
    losses, dout = cross_entropy(logits, y)
    grads: Params = {}
    for index in range(mlp.depth, 0, -1):
        hidden, z_in, out, batchnorm_cache = caches[index - 1]
        if index < mlp.depth:
            dout = dout * grad(z_in, out)
            if batchnorm_cache is not None:
                dout, grads[f"gamma{index}"], grads[f"beta{index}"] = _batchnorm_backward(dout, batchnorm_cache)
        grads[f"W{index}"] = hidden.mT @ dout
        grads[f"b{index}"] = dout.sum(axis=1, keepdims=True)
        if index > 1:
            dout = dout @ params[f"W{index}"].mT
    return losses, {key: grads[key] for key in params}, new_state


def _shares(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Per network and layer, the share of ``values`` ``(K, N, M)`` in each bin (the outer bins take the rest)."""
    bins = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, len(edges) - 2)
    copies = values.shape[0]
    flat = bins.reshape(copies, -1) + (len(edges) - 1) * np.arange(copies)[:, None]
    counts = np.bincount(flat.ravel(), minlength=copies * (len(edges) - 1)).reshape(copies, -1)
    return counts / bins[0].size


def _evaluate(mlp, params, state, x, y, train: bool) -> tuple[np.ndarray, np.ndarray]:
    """Loss and accuracy of the K networks on ``x`` in eval mode, or in train mode (``x`` as one batch)."""
    logits = forward(mlp, params, state, x, train=train)[0]
    losses, _ = cross_entropy(logits, y)
    return losses, np.mean(logits.argmax(axis=2) == y, axis=1)


def _checked(mlp: MLP, lrs, x, y, steps, batch_size, snapshot_every) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not mlp.is_classifier or mlp.drop_prob > 0:
        raise ValueError("train_lockstep trains classifiers (softmax cross-entropy) without dropout")
    lrs = np.atleast_1d(np.asarray(lrs, dtype=np.float64))
    if lrs.ndim != 1 or not np.all(np.isfinite(lrs) & (lrs > 0)):
        raise ValueError(f"lrs must be a 1-D array of positive learning rates, got {lrs!r}")
    x, y = checked_classes(mlp, x, y, "train")
    require_counts(("steps", steps, 0), ("batch_size", batch_size, 2 if mlp.batch_norm else 1),
                   ("snapshot_every", snapshot_every, 1))
    if batch_size > len(x):
        raise ValueError(f"batch_size {batch_size} exceeds the {len(x)} training samples")
    return lrs, x, y


def minibatches(count: int, batch_size: int, steps: int, rng: np.random.Generator) -> np.ndarray:
    """``(steps, batch_size)`` sample indices: each epoch a fresh permutation of ``count`` samples cut into whole
    batches (a remainder smaller than a batch is left out of that epoch)."""
    per_epoch = count // batch_size
    epochs = -(-steps // per_epoch) if steps else 0
    orders = [rng.permutation(count)[: per_epoch * batch_size].reshape(per_epoch, batch_size) for _ in range(epochs)]
    return np.concatenate(orders)[:steps] if orders else np.zeros((0, batch_size), dtype=int)


def train_lockstep(
    mlp: MLP,
    lrs,
    x: np.ndarray,
    y: np.ndarray,
    *,
    steps: int,
    batch_size: int,
    seed: int,
    initializer: str = "xavier_normal",
    optimizer: str = "gd",
    snapshot_every: int = 10,
    probe: np.ndarray | None = None,
    pre_edges: np.ndarray | None = None,
    activation_edges: np.ndarray | None = None,
    max_loss: float | None = None,
    on_progress: Callable[[float], None] | None = None,
) -> LockstepRun:
    r"""Train ``len(lrs)`` copies of ``mlp`` with minibatch steps, copy k with learning rate ``lrs[k]``.

    .. math:: \theta^{(k)}_{t+1} = \theta^{(k)}_t - \eta_k \nabla_\theta L_{B_t}\bigl(\theta^{(k)}_t\bigr)

    (for ``optimizer="gd"``; any name of :func:`dl_core.optimizers.make` with its defaults). All copies start from
    ``mlp.init(default_rng(seed), initializer)`` and see the same minibatches (:func:`minibatches`, from the same
    generator after the initial weights). Batch norm in train mode normalises with the minibatch's statistics
    (momentum 0.1, eps 1e-5, as ``torch.nn.BatchNorm1d``). A copy stops at the first step whose minibatch loss is
    not finite or exceeds ``max_loss`` (default :math:`10^6(1 + L_0)`, as the engine's ``train``).

    ``probe`` ``(P, D)`` with ``pre_edges`` and ``activation_edges``: at each snapshot the probe goes through every
    copy in train mode (batch statistics of the probe itself: what a layer computes while it learns) and the spread
    of each hidden layer's values is kept (:class:`LayerHistograms`). ``on_progress(share)`` is called after
    each snapshot with the share of steps done. See :class:`LockstepRun`.
    """
    lrs, x, y = _checked(mlp, lrs, x, y, steps, batch_size, snapshot_every)
    copies = len(lrs)
    rng = np.random.default_rng(seed)
    params = stack_params(mlp.init(rng, initializer), copies)
    flat = FlatParams(params)
    theta = flat.pack(params)  # the rule is elementwise: one (K, P) array steps as the dict of arrays would
    params = flat.unpack(theta)
    state = initial_state(mlp, copies)
    order = minibatches(len(x), batch_size, steps, rng)
    rule = optimizers.make(optimizer, lr=lrs[:, None])
    optimizer_state = rule.init(theta)
    snapshot_steps = sorted({*range(0, steps, snapshot_every), steps})
    recording = probe is not None
    if recording and (pre_edges is None or activation_edges is None):
        raise ValueError("a probe needs pre_edges and activation_edges")

    losses, accuracy, population_losses, population_accuracy = [], [], [], []
    pre_shares, activation_shares, percentiles, spreads = [], [], [], []
    batch_losses = np.zeros((steps, copies))
    diverged_at = np.full(copies, -1)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):

        def snapshot(params, state):
            step_losses, step_accuracy = _evaluate(mlp, params, state, x, y, train=False)
            losses.append(step_losses)
            accuracy.append(step_accuracy)
            if mlp.batch_norm:
                step_losses, step_accuracy = _evaluate(mlp, params, state, x, y, train=True)
            population_losses.append(step_losses)
            population_accuracy.append(step_accuracy)
            if recording:
                _, _, pre, out, _ = forward(mlp, params, state, probe, train=True)
                pre_shares.append(np.stack([_shares(values, pre_edges) for values in pre], axis=1))
                activation_shares.append(np.stack([_shares(values, activation_edges) for values in out], axis=1))
                flat = np.stack([values.reshape(copies, -1) for values in pre], axis=1)
                percentiles.append(np.moveaxis(np.percentile(flat, PERCENTILES, axis=2), 0, -1))
                spreads.append(np.stack([values.std(axis=1).mean(axis=1) for values in pre], axis=1))

        snapshot(params, state)
        if max_loss is None:
            max_loss = DIVERGENCE_FACTOR * (1.0 + float(np.max(np.abs(losses[0]))))
        active = np.ones(copies, dtype=bool)
        last_loss = losses[0].copy()
        previous = theta, state
        for step in range(steps):
            batch = order[step]
            step_losses, grads, new_state = loss_and_grads(mlp, params, state, x[batch], y[batch])
            blown = active & ~(step_losses <= max_loss)
            if blown.any():  # back to the parameters before the step that blew up, and stop there
                diverged_at[blown] = step
                active &= ~blown
                theta = np.where(blown[:, None], previous[0], theta)
                params, state = flat.unpack(theta), _where_state(blown, previous[1], state)
                step_losses, grads, new_state = loss_and_grads(mlp, params, state, x[batch], y[batch])
            last_loss = np.where(active, step_losses, last_loss)
            batch_losses[step] = last_loss
            updates, optimizer_state = rule.update(flat.pack(grads), optimizer_state, theta)
            previous = theta, state
            if active.all():
                theta, state = theta + updates, new_state
            else:  # a stopped copy keeps its parameters and running statistics
                theta = np.where(active[:, None], theta + updates, theta)
                state = _where_state(active, new_state, state)
            params = flat.unpack(theta)
            if step + 1 in snapshot_steps:
                snapshot(params, state)
                if on_progress is not None:
                    on_progress((step + 1) / steps)

    histograms = None
    if recording:
        histograms = LayerHistograms(np.asarray(pre_edges, dtype=np.float64),
                                     np.asarray(activation_edges, dtype=np.float64), np.array(pre_shares),
                                     np.array(activation_shares), np.array(percentiles), np.array(spreads))
    finite_cap = float(max_loss)
    return LockstepRun(
        lrs=lrs,
        batch_losses=np.nan_to_num(batch_losses, nan=finite_cap, posinf=finite_cap),
        snapshot_steps=np.array(snapshot_steps),
        losses=np.nan_to_num(np.array(losses), nan=finite_cap, posinf=finite_cap),
        accuracy=np.nan_to_num(np.array(accuracy)),
        population_losses=np.nan_to_num(np.array(population_losses), nan=finite_cap, posinf=finite_cap),
        population_accuracy=np.nan_to_num(np.array(population_accuracy)),
        diverged_at=diverged_at,
        params=params,
        state=state,
        histograms=histograms,
    )


def _where_state(chosen: np.ndarray, when_chosen: State, otherwise: State) -> State:
    mask = chosen[:, None, None]
    return tuple(BatchNormStats(np.where(mask, new.mean, old.mean), np.where(mask, new.var, old.var))
                 for new, old in zip(when_chosen, otherwise, strict=True))


def constant_guess_loss(y: np.ndarray, classes: int) -> float:
    r"""The cross-entropy of the best constant prediction (the class frequencies): :math:`-\sum_c p_c \log p_c`.
    A network that learned nothing from its inputs does no better."""
    shares = np.bincount(np.asarray(y), minlength=classes) / len(y)
    shares = shares[shares > 0]
    return float(-(shares * np.log(shares)).sum())


def trained(run: LockstepRun, y: np.ndarray, classes: int, share: float = 0.5) -> np.ndarray:
    """``(K,)``: which copies *trained*: did not diverge, and ended with a loss on the training set (normalised with
    the whole set's statistics: ``population_losses``) at most ``share`` of :func:`constant_guess_loss`: it learned
    something the class frequencies alone do not give."""
    return (run.diverged_at < 0) & (run.population_losses[-1] <= share * constant_guess_loss(y, classes))
