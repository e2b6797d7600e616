r"""A fully connected network (multilayer perceptron) built from :mod:`dl_core.layers`, and its training loop.

::

    mlp = MLP(sizes=(2, 16, 16, 2), activation="relu", batch_norm=True, drop_prob=0.1)
    params = mlp.init(rng)                    # {"W1", "b1", "gamma1", "beta1", ..., "W3", "b3"}
    state = mlp.init_state()                  # the batch-norm running statistics
    loss, grads, state = mlp.loss_and_grads(params, state, x, y, rng=rng)
    run = train(mlp, params, state, optimizers.adam(0.01), x, y, epochs=50, batch_size=32, rng=rng)

Each hidden layer is Linear -> BatchNorm (if on) -> activation -> Dropout (if ``drop_prob > 0``); the
last layer is Linear only, and its output (the logits, or the prediction for ``mse``) goes into the
loss.

**Copies.** K independent networks advance in lockstep, one batched matrix product per layer: every array of
``params`` carries a leading axis K, and copy k is exactly the network ``init(rngs[k])`` would build::

    params = mlp.init_copies([np.random.default_rng(seed) for seed in range(10)])   # W1 (10, 2, 16), ...
    state = mlp.init_state(copies=10)
    loss, grads, state = mlp.loss_and_grads(params, state, x, y, rng=rngs)           # loss (10,)

The data is shared (``x (N, D)``, ``y (N,)``) or one set per copy (``(K, N, D)``, ``(K, N)``); dropout draws each
copy's masks from its own generator (``rng``: a sequence of K). Copy k of every result equals the single call on
copy k (``tests/dl_core/test_network_copies.py``).

Weights are ``(fan_in, fan_out)`` so a layer computes ``x @ W + b`` (PyTorch stores ``W.T``).
Everything is pure: parameters and running statistics come in and new ones go out.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np

from dl_core import activations, layers
from dl_core.initializers import INITIALIZERS
from dl_core.layers import BatchNormStats
from dl_core.optimizers import Optimizer
from dl_core.trajectories import DIVERGENCE_FACTOR

Params = dict[str, np.ndarray]
State = tuple[BatchNormStats, ...]

LOSSES: dict[str, Callable[[np.ndarray, np.ndarray], tuple[float, np.ndarray]]] = {
    "softmax_cross_entropy": layers.softmax_cross_entropy,
    "mse": layers.mse,
}


class LayerRecord(NamedTuple):
    """What one layer computed, for drawing per-layer statistics; every array is ``(N, fan_out)``.

    ``linear``: :math:`z = xW + b`. ``pre_activation``: what enters the activation (the batch-norm
    output when batch norm is on, else ``linear``). ``activation``: the activation's output, before
    dropout. The last layer has no activation: all three are its output.
    """

    linear: np.ndarray
    pre_activation: np.ndarray
    activation: np.ndarray


class ForwardPass(NamedTuple):
    """``output``: the last layer's output ``(N, C)``; ``layers``: one :class:`LayerRecord` per layer;
    ``state``: the running statistics after this pass (unchanged in eval mode)."""

    output: np.ndarray
    layers: tuple[LayerRecord, ...]
    state: State


class _LayerNames(NamedTuple):
    weight: str
    bias: str
    gamma: str
    beta: str


class _HiddenCaches(NamedTuple):
    linear: layers.LinearCache
    batchnorm: layers.BatchNormCache | None
    activation: layers.ActivationCache
    dropout: layers.DropoutCache | None


@dataclass(frozen=True)
class MLP:
    r"""A frozen description of a fully connected network.

    ``sizes = (D, H1, ..., C)``: input features, hidden widths, outputs. ``activation``: a name of
    :data:`dl_core.activations.ACTIVATIONS` (default parameters). ``batch_norm``: batch normalization
    (arXiv 1502.03167) before each hidden activation. ``drop_prob``: PyTorch's dropout ``p``, the
    probability of *dropping* a hidden unit (the lesson's keep probability is ``1 - drop_prob``).
    ``loss``: ``"softmax_cross_entropy"`` (integer labels ``(N,)``) or ``"mse"`` (targets ``(N, C)``,
    or ``(N,)`` when ``C = 1``).
    """

    sizes: tuple[int, ...]
    activation: str = "relu"
    batch_norm: bool = False
    drop_prob: float = 0.0
    loss: str = "softmax_cross_entropy"

    def __post_init__(self):
        sizes = tuple(self.sizes)
        if len(sizes) < 2 or not all(is_count(size) for size in sizes):
            raise ValueError(f"sizes must hold at least two integers >= 1 (inputs, ..., outputs), got {self.sizes!r}")
        object.__setattr__(self, "sizes", tuple(int(size) for size in sizes))
        activations.get(self.activation)
        if not 0.0 <= self.drop_prob < 1.0:
            raise ValueError(f"drop_prob must be in [0, 1), got {self.drop_prob!r}")
        if self.loss not in LOSSES:
            raise ValueError(f"loss must be one of {', '.join(LOSSES)}, got {self.loss!r}")

    @property
    def depth(self) -> int:
        """The number of linear layers (hidden layers + 1)."""
        return len(self.sizes) - 1

    @property
    def is_classifier(self) -> bool:
        return self.loss == "softmax_cross_entropy"

    @cached_property
    def _names(self) -> tuple[_LayerNames, ...]:
        return tuple(_LayerNames(f"W{k}", f"b{k}", f"gamma{k}", f"beta{k}") for k in range(1, self.depth + 1))

    def init(self, rng: np.random.Generator, initializer: str = "he_normal", **init_params: float) -> Params:
        """Fresh parameters: each ``W`` from ``INITIALIZERS[initializer]`` (with ``init_params``), biases 0,
        and ``gamma`` 1, ``beta`` 0 for hidden layers with batch norm. Keys ``W1, b1, gamma1, beta1, ...``."""
        if initializer not in INITIALIZERS:
            raise ValueError(f"initializer must be one of {', '.join(INITIALIZERS)}, got {initializer!r}")
        sample = INITIALIZERS[initializer].sample
        params = {}
        for index, (fan_in, fan_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:], strict=True)):
            names = self._names[index]
            params[names.weight] = sample(fan_in, fan_out, rng, **init_params)
            params[names.bias] = np.zeros(fan_out)
            if self.batch_norm and index < self.depth - 1:
                params[names.gamma] = np.ones(fan_out)
                params[names.beta] = np.zeros(fan_out)
        return params

    def init_copies(self, rngs, initializer: str = "he_normal", **init_params: float) -> Params:
        """K copies' parameters, every array with a leading axis K: copy k is ``init(rngs[k], initializer)``."""
        singles = [self.init(rng, initializer, **init_params) for rng in rngs]
        if not singles:
            raise ValueError("init_copies needs at least one generator")
        return stack_copies(singles)

    def init_state(self, copies: int | None = None) -> State:
        """The running statistics: one :class:`BatchNormStats` (mean 0, variance 1) per hidden layer with
        batch norm, or ``()`` without it; with ``copies=K`` each array has a leading axis K."""
        if not self.batch_norm:
            return ()
        if copies is None:
            return tuple(BatchNormStats.initial(width) for width in self.sizes[1:-1])
        require_counts(("copies", copies, 1))
        return tuple(BatchNormStats(np.zeros((copies, width)), np.ones((copies, width))) for width in self.sizes[1:-1])

    @staticmethod
    def copies_of(params: Params) -> int | None:
        """How many copies ``params`` holds (the leading axis of ``W1``), or ``None`` for one network."""
        weight = params["W1"]
        return weight.shape[0] if weight.ndim == 3 else None

    def forward(
        self,
        params: Params,
        state: State,
        x: np.ndarray,
        *,
        train: bool = False,
        rng: np.random.Generator | None = None,
    ) -> ForwardPass:
        """The forward pass with every layer's arrays (see :class:`LayerRecord`), in eval mode by default.

        ``x`` ``(N, D)``. In train mode batch norm uses the batch's statistics and dropout draws from ``rng``.
        """
        output, _, records, new_state = self._forward(params, state, np.asarray(x, dtype=np.float64), train, rng)
        return ForwardPass(output, tuple(records), new_state)

    def predict(self, params: Params, state: State, x: np.ndarray) -> np.ndarray:
        """The last layer's output ``(N, C)`` (the logits) in eval mode."""
        return self.forward(params, state, x).output

    def loss_and_grads(
        self,
        params: Params,
        state: State,
        x: np.ndarray,
        y: np.ndarray,
        *,
        train: bool = True,
        rng: np.random.Generator | None = None,
    ) -> tuple[float, Params, State]:
        r"""The mean loss over the batch, its gradient with respect to every parameter, and the new state.

        .. math:: L(\theta) = \frac{1}{N}\sum_n \ell\bigl(f_\theta(x_n), y_n\bigr),\qquad
            \nabla_\theta L \text{ by backpropagation}

        ``grads`` is keyed like ``params``. In train mode batch norm normalises with the batch's
        statistics (and updates the running ones) and dropout needs ``rng``.
        """
        output, caches, _, new_state = self._forward(params, state, np.asarray(x, dtype=np.float64), train, rng)
        loss, dout = self._loss(output, y)
        return loss, self._backward(params, dout, caches), new_state

    def _loss(self, output: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """The mean loss (``(K,)`` for copies, whose ``output`` is ``(K, N, C)``) and its gradient."""
        if self.is_classifier:
            return layers.softmax_cross_entropy(output, y)
        target = np.asarray(y, dtype=np.float64)
        one_column = output.shape[-1] == 1 and (target.ndim == 1 or target.shape[-1] != 1)  # (N,) or (K, N) targets
        return layers.mse(output, target[..., None] if one_column else target, copies=output.ndim == 3)

    def _forward(self, params: Params, state: State, x: np.ndarray, train: bool, rng) -> tuple:
        """``(output, caches, records, new_state)``: one cache and one record per layer."""
        dropout = self.drop_prob > 0.0
        copies = self.copies_of(params)
        if copies is not None and train and dropout and rng is not None and len(rng) != copies:
            raise ValueError(f"rng must be a sequence of {copies} generators, one per copy, got {len(rng)}")
        if self.batch_norm and len(state) != self.depth - 1:
            raise ValueError(f"state must hold {self.depth - 1} BatchNormStats (mlp.init_state()), got {len(state)}")
        if train and dropout and rng is None:
            raise ValueError("rng is required in train mode when drop_prob > 0 (dropout draws its mask from it)")
        caches, records, new_state = [], [], []
        hidden = x
        for index, names in enumerate(self._names[:-1]):
            linear, linear_cache = layers.linear_forward(hidden, params[names.weight], params[names.bias])
            pre_activation, batchnorm_cache = linear, None
            if self.batch_norm:
                pre_activation, running, batchnorm_cache = layers.batchnorm_forward(
                    linear, params[names.gamma], params[names.beta], state[index], train=train
                )
                new_state.append(running)
            activated, activation_cache = layers.activation_forward(pre_activation, self.activation)
            hidden, dropout_cache = activated, None
            if dropout:
                mask = None if copies is None or not train else np.stack(  # each copy's mask from its own generator
                    [generator.random(activated.shape[1:]) >= self.drop_prob for generator in rng])
                hidden, dropout_cache = layers.dropout_forward(activated, self.drop_prob, rng, train=train, mask=mask)
            caches.append(_HiddenCaches(linear_cache, batchnorm_cache, activation_cache, dropout_cache))
            records.append(LayerRecord(linear, pre_activation, activated))
        last = self._names[-1]
        output, output_cache = layers.linear_forward(hidden, params[last.weight], params[last.bias])
        caches.append(output_cache)
        records.append(LayerRecord(output, output, output))
        return output, caches, records, tuple(new_state) if train and self.batch_norm else state

    def _backward(self, params: Params, dout: np.ndarray, caches: list) -> Params:
        """The gradients of every parameter, keyed and ordered like ``params``, from ``dout = dL/d output``."""
        grads = {}
        for index in range(self.depth - 1, -1, -1):
            names, cache = self._names[index], caches[index]
            if index < self.depth - 1:
                if cache.dropout is not None:
                    dout = layers.dropout_backward(dout, cache.dropout)
                dout = layers.activation_backward(dout, cache.activation)
                if cache.batchnorm is not None:
                    dout, grads[names.gamma], grads[names.beta] = layers.batchnorm_backward(dout, cache.batchnorm)
                cache = cache.linear
            if index == 0:
                grads[names.weight], grads[names.bias] = layers.linear_weight_grads(dout, cache)
            else:
                dout, grads[names.weight], grads[names.bias] = layers.linear_backward(dout, cache)
        return {key: grads[key] for key in params}


class FlatParams:
    """The K copies' parameters as one array ``(K, P)`` and back (views, no copy): a training loop's speed measure.

    Every rule of :mod:`dl_core.optimizers` is elementwise, so it steps the one array exactly as it would step
    the dict of arrays, in one call instead of one per entry (a deep network has dozens of entries)."""

    def __init__(self, params: Params):
        self.shapes = {key: value.shape for key, value in params.items()}
        sizes = [int(np.prod(shape[1:])) for shape in self.shapes.values()]
        self.bounds = dict(zip(self.shapes, np.cumsum([0, *sizes]).tolist(), strict=False))
        self.ends = dict(zip(self.shapes, np.cumsum(sizes).tolist(), strict=True))

    def pack(self, params: Params) -> np.ndarray:
        return np.concatenate([params[key].reshape(len(params[key]), -1) for key in self.shapes], axis=1)

    def unpack(self, theta: np.ndarray) -> Params:
        return {key: theta[:, self.bounds[key] : self.ends[key]].reshape(shape) for key, shape in self.shapes.items()}


def is_count(value: Any, minimum: int = 1) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= minimum


def require_counts(*counts: tuple[str, Any, int]) -> None:
    """Refuse (``ValueError``, naming it) the first ``(name, value, minimum)`` whose value is not an integer
    ``>= minimum``."""
    for name, value, minimum in counts:
        if not is_count(value, minimum):
            raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")


# ---------------------------------------------------------------- training


@dataclass(frozen=True)
class TrainingRun:
    """The history of a training run and where it ended.

    Per epoch, index 0 being the untrained network and index ``e`` the network after ``e`` epochs,
    each measured on the whole set in eval mode (running statistics, no dropout):

    - ``train_loss``, ``val_loss`` ``(epochs+1,)``; ``train_accuracy``, ``val_accuracy`` ``(epochs+1,)``
      (classification only; ``None`` for ``mse``, and the ``val_*`` are ``None`` without validation data);
    - per layer, ``(epochs+1, depth)``, on the training set: ``pre_activation_mean``/``_std`` and
      ``activation_mean``/``_std`` (over all samples and units of :class:`LayerRecord`'s arrays; the last
      layer's are its output), and ``grad_norm``, the Frobenius norm of the gradient of the training
      loss with respect to each ``W``.

    ``batch_losses`` ``(epochs * batches per epoch,)``: the train-mode loss of every minibatch step.
    ``diverged_at``: the first epoch whose loss (of a minibatch or of the whole set) was not finite or
    exceeded the divergence threshold, ``-1`` if none; training stopped there, and every history is
    frozen from that index on at its last good value (never NaN or inf). ``params`` and ``state``: the
    network at the end of training, or at the end of the last good epoch after a divergence.

    ``kept``: what ``train``'s ``keep`` returned at each of those points, each array stacked ``(epochs+1, ...)``
    (frozen like the histories), or ``None``.

    For K copies every history has a second axis K (``train_loss`` ``(epochs+1, K)``, a layer's statistics
    ``(epochs+1, K, depth)``, ``batch_losses`` ``(steps, K)``), ``diverged_at`` is ``(K,)`` and ``params`` and
    ``state`` are the copies'.
    """

    params: Params
    state: State
    train_loss: np.ndarray
    val_loss: np.ndarray | None
    train_accuracy: np.ndarray | None
    val_accuracy: np.ndarray | None
    pre_activation_mean: np.ndarray
    pre_activation_std: np.ndarray
    activation_mean: np.ndarray
    activation_std: np.ndarray
    grad_norm: np.ndarray
    batch_losses: np.ndarray
    diverged_at: int | np.ndarray
    kept: tuple[np.ndarray, ...] | None = None

    @property
    def diverged(self) -> bool | np.ndarray:
        return self.diverged_at >= 0


class _EpochRecord(NamedTuple):
    """The measurements of :class:`TrainingRun` at one point of training, per copy: ``(K,)`` or ``(K, depth)``
    (``None`` where not measured)."""

    train_loss: np.ndarray
    val_loss: np.ndarray | None
    train_accuracy: np.ndarray | None
    val_accuracy: np.ndarray | None
    pre_activation_mean: np.ndarray
    pre_activation_std: np.ndarray
    activation_mean: np.ndarray
    activation_std: np.ndarray
    grad_norm: np.ndarray

    def finite(self) -> np.ndarray:
        """``(K,)``: whether every measurement of copy k is finite."""
        return np.all([np.isfinite(value).reshape(len(self.train_loss), -1).all(axis=1)
                       for value in self if value is not None], axis=0)

    def where(self, chosen: np.ndarray, otherwise: _EpochRecord) -> _EpochRecord:
        """Per copy, this record where ``chosen`` (K,), else ``otherwise``'s."""
        return _EpochRecord(*(None if mine is None else np.where(chosen.reshape(-1, *[1] * (mine.ndim - 1)), mine,
                                                                theirs) for mine, theirs in zip(self, otherwise,
                                                                                                 strict=True)))


def _accuracy(mlp: MLP, output: np.ndarray, y: np.ndarray) -> np.ndarray | None:
    return np.mean(output.argmax(axis=-1) == y, axis=-1) if mlp.is_classifier else None


def _evaluate(mlp: MLP, params: Params, state: State, train_set: tuple, val_set: tuple | None,
              layer_statistics: bool = True) -> _EpochRecord:
    """Loss, accuracy, layer statistics and weight-gradient norms of the K copies, in eval mode (without
    ``layer_statistics``, of the layers only the means before the activation: they tell whether a copy's values
    stayed finite)."""
    x, y = train_set
    output, caches, records, _ = mlp._forward(params, state, x, False, None)
    loss, dout = mlp._loss(output, y)
    val_loss = val_accuracy = None
    if val_set is not None:
        val_output = mlp.predict(params, state, val_set[0])
        val_loss = mlp._loss(val_output, val_set[1])[0]
        val_accuracy = _accuracy(mlp, val_output, val_set[1])

    def per_layer(statistic, arrays) -> np.ndarray:  # (K, depth): over each copy's samples and units
        return np.stack([statistic(values, axis=(-2, -1)) for values in arrays], axis=-1)

    pre_activations = [record.pre_activation for record in records]
    activated = [record.activation for record in records]
    measured = dict(train_loss=loss, val_loss=val_loss, train_accuracy=_accuracy(mlp, output, y),
                    val_accuracy=val_accuracy, pre_activation_mean=per_layer(np.mean, pre_activations))
    if not layer_statistics:
        return _EpochRecord(**measured, pre_activation_std=None, activation_mean=None, activation_std=None,
                            grad_norm=None)
    grads = mlp._backward(params, dout, caches)
    return _EpochRecord(
        **measured,
        pre_activation_std=per_layer(np.std, pre_activations),
        activation_mean=per_layer(np.mean, activated),
        activation_std=per_layer(np.std, activated),
        grad_norm=per_layer(lambda grad, axis: np.sqrt(np.sum(grad * grad, axis=axis)),
                            [grads[names.weight] for names in mlp._names]),
    )


def epoch_minibatches(order: np.ndarray, batch_size: int, drop_single: bool) -> Iterator[np.ndarray]:
    """Consecutive slices of ``order`` along its last axis; a last slice of one sample is left out when
    ``drop_single``."""
    count = order.shape[-1]
    for start in range(0, count, batch_size):
        batch = order[..., start : start + batch_size]
        if not (drop_single and batch.shape[-1] == 1 and count > 1):
            yield batch


def _batches_per_epoch(count: int, batch_size: int, drop_single: bool) -> int:
    batches = math.ceil(count / batch_size)
    return batches - 1 if drop_single and count > 1 and count % batch_size == 1 else batches


def checked_data(mlp: MLP, x, y, name: str) -> tuple[np.ndarray, np.ndarray]:
    """``(x, y)`` as arrays after checking their shapes against the network (``name`` says which set: the message
    names ``x_<name>`` and ``y_<name>``)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y)
    if x.ndim != 2 or x.shape[1] != mlp.sizes[0] or len(x) == 0 or len(y) != len(x):
        raise ValueError(
            f"x_{name} must be (N, {mlp.sizes[0]}) with N >= 1 and y_{name} N long, got {x.shape} and {y.shape}"
        )
    return x, (y if mlp.is_classifier else y.astype(np.float64))


def checked_classes(mlp: MLP, x, y, name: str) -> tuple[np.ndarray, np.ndarray]:
    """``checked_data`` for a classifier, whose labels must also be integers in ``[0, classes)``."""
    x, y = checked_data(mlp, x, y, name)
    if y.shape != (len(x),) or y.dtype.kind not in "iu" or y.min() < 0 or y.max() >= mlp.sizes[-1]:
        raise ValueError(f"y_{name} must hold {len(x)} integer labels in [0, {mlp.sizes[-1]}), got {y.shape} "
                         f"of {y.dtype}")
    return x, y


def stack_copies(singles) -> Params:
    """Networks with the same parameters, each a dict of arrays, as the engine's copies (a leading axis K)."""
    keys = list(singles[0])
    if any(list(single) != keys for single in singles):
        raise ValueError("every network must have the same parameters")
    return {key: np.stack([np.asarray(single[key], dtype=np.float64) for single in singles]) for key in keys}


def _where(chosen: np.ndarray, when_chosen, otherwise):
    """Per copy (``chosen`` ``(K,)``), an array or a state from ``when_chosen``, else from ``otherwise``."""
    if isinstance(when_chosen, tuple):
        return tuple(type(mine)(*(_where(chosen, a, b) for a, b in zip(mine, theirs, strict=True)))
                     for mine, theirs in zip(when_chosen, otherwise, strict=True))
    return np.where(chosen.reshape(-1, *[1] * (when_chosen.ndim - 1)), when_chosen, otherwise)


def train(
    mlp: MLP,
    params: Params,
    state: State,
    optimizer: Optimizer,
    x_train: np.ndarray,
    y_train: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    rng,
    x_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
    max_loss: float | None = None,
    layer_statistics: bool = True,
    shuffle: bool = True,
    keep: Callable[[Params], tuple[np.ndarray, ...]] | None = None,
) -> TrainingRun:
    r"""Minibatch training: each epoch shuffles the training set and takes one optimizer step per batch. The one
    training loop of the engine, for one network or K copies in lockstep.

    .. math:: \theta_{t+1} = \theta_t + \mathrm{update}\bigl(\nabla_\theta L_{B_t}(\theta_t)\bigr)

    ``optimizer`` is any :mod:`dl_core.optimizers` optimizer. The last batch of an epoch is smaller when
    ``batch_size`` does not divide N; with batch norm a last batch of one sample is left out (its variance is
    undefined). ``rng`` shuffles and draws the dropout masks. Training stops at the first epoch whose loss is not
    finite or exceeds ``max_loss`` (default :math:`10^6 (1 + L_0)`, as :func:`dl_core.trajectories.run`); see
    :class:`TrainingRun`.

    K copies (``params`` from :meth:`MLP.init_copies` or :func:`stack_copies`, ``state`` from
    ``init_state(copies=K)``) take ``rng`` as K generators: copy k is, number for number, the training of copy k
    alone with ``rng[k]`` (its own shuffles and masks; K generators in the same state give every copy the same
    minibatches). A copy that diverges stops there and keeps its last good epoch; the others go on.

    Without ``layer_statistics`` the per-layer histories other than ``pre_activation_mean`` are ``None`` (an epoch
    then costs no backward pass on the whole set). ``shuffle=False`` takes the samples in their order (full-batch
    gradient descent, with ``batch_size >= N``, is then exactly :math:`\theta \leftarrow \theta - \eta\nabla L`).
    ``keep(params)`` (the copies' parameters, leading axis K even for one network) returns a tuple of arrays with
    that leading axis; it is called before training and after every epoch, and :attr:`TrainingRun.kept` holds its
    results (a lesson's own recording: the first layer's weights at every step, snapshots for playback).
    """
    require_counts(("epochs", epochs, 0), ("batch_size", batch_size, 1))
    if (x_val is None) != (y_val is None):
        raise ValueError("give both x_val and y_val, or neither")
    x, y = train_set = checked_data(mlp, x_train, y_train, "train")
    val_set = None if x_val is None else checked_data(mlp, x_val, y_val, "val")
    single = mlp.copies_of(params) is None
    if single:
        params = {key: value[None] for key, value in params.items()}
        state = tuple(BatchNormStats(stats.mean[None], stats.var[None]) for stats in state)
        rng = [rng]
    rngs = list(rng)
    if len(rngs) != len(params["W1"]):
        raise ValueError(f"rng must hold one generator per copy ({len(params['W1'])}), got {len(rngs)}")
    flat = FlatParams(params)
    theta = flat.pack(params)
    steps_per_epoch = _batches_per_epoch(len(x), batch_size, mlp.batch_norm)

    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        records = [_evaluate(mlp, params, state, train_set, val_set, layer_statistics)]
        kept = [keep(params)] if keep else []
        if not records[0].finite().all():
            raise ValueError("the initial network's loss or layer statistics are not finite")
        limit = DIVERGENCE_FACTOR * (1.0 + np.abs(records[0].train_loss)) if max_loss is None else np.full(
            len(rngs), float(max_loss))
        optimizer_state = optimizer.init(theta)
        batch_losses = np.full((epochs * steps_per_epoch, len(rngs)), np.nan)
        diverged_at = np.full(len(rngs), -1)
        active = np.ones(len(rngs), dtype=bool)
        for epoch in range(1, epochs + 1):
            if not active.any():
                break
            start, start_state, blown = theta, state, np.zeros_like(active)
            orders = np.stack([generator.permutation(len(x)) if shuffle else np.arange(len(x)) for generator in rngs])
            for step, batch in enumerate(epoch_minibatches(orders, batch_size, mlp.batch_norm)):
                loss, grads, new_state = mlp.loss_and_grads(flat.unpack(theta), state, x[batch], y[batch],
                                                            train=True, rng=rngs)
                blown |= active & ~(loss <= limit)
                moving = active & ~blown
                updates, optimizer_state = optimizer.update(flat.pack(grads), optimizer_state, theta)
                if moving.all():  # the common case, without the per-copy choices
                    theta, state = theta + updates, new_state
                else:
                    theta = np.where(moving[:, None], theta + updates, theta)
                    state = _where(moving, new_state, state)
                batch_losses[(epoch - 1) * steps_per_epoch + step] = np.where(moving, loss, np.nan)
            record = _evaluate(mlp, flat.unpack(theta), state, train_set, val_set, layer_statistics)
            stopped = active & (blown | ~record.finite() | ~(record.train_loss <= limit))
            if stopped.any():
                diverged_at[stopped] = epoch
                active &= ~stopped
                theta, state = np.where(stopped[:, None], start, theta), _where(stopped, start_state, state)
            records.append(record if active.all() else record.where(active, records[-1]))
            if keep:
                now = keep(flat.unpack(theta))
                kept.append(now if active.all() else tuple(_where(active, mine, last)
                                                            for mine, last in zip(now, kept[-1], strict=True)))

    kept += kept[-1:] * (epochs + 1 - len(kept))
    run = _training_run(flat.unpack(theta), state, records, epochs, _frozen(batch_losses, records[0].train_loss),
                        diverged_at, tuple(np.array(values) for values in zip(*kept, strict=True)) if keep else None)
    return _one_copy(run) if single else run


def _frozen(values: np.ndarray, before_first: np.ndarray) -> np.ndarray:
    """``values`` ``(steps, K)`` with every NaN (a step a copy did not take) replaced by that copy's last loss before
    it (``before_first`` when it took none)."""
    filled = np.vstack([before_first[None], values])
    taken = np.where(np.isnan(filled), 0, np.arange(len(filled))[:, None])
    return np.take_along_axis(filled, np.maximum.accumulate(taken, axis=0), axis=0)[1:]


def _training_run(params, state, records: list[_EpochRecord], epochs: int, batch_losses, diverged_at,
                  kept=None) -> TrainingRun:
    """Stack the records (repeating the last one up to ``epochs + 1``) into a :class:`TrainingRun`."""
    records = records + [records[-1]] * (epochs + 1 - len(records))

    def history(field: str) -> np.ndarray | None:
        values = [getattr(record, field) for record in records]
        return None if values[0] is None else np.array(values, dtype=np.float64)

    return TrainingRun(
        params=params,
        state=state,
        **{field: history(field) for field in _EpochRecord._fields},
        batch_losses=batch_losses,
        diverged_at=diverged_at,
        kept=kept,
    )


def _one_copy(run: TrainingRun) -> TrainingRun:
    """A run of one copy without its copy axis."""
    return TrainingRun(
        params={key: value[0] for key, value in run.params.items()},
        state=tuple(BatchNormStats(stats.mean[0], stats.var[0]) for stats in run.state),
        **{field: None if getattr(run, field) is None else getattr(run, field)[:, 0] for field in _EpochRecord._fields},
        batch_losses=run.batch_losses[:, 0],
        diverged_at=int(run.diverged_at[0]),
        kept=None if run.kept is None else tuple(values[:, 0] for values in run.kept),
    )
