r"""A fully connected network (multilayer perceptron) built from :mod:`dl_core.layers` (trained by
:func:`dl_core.training.train`).

::

    mlp = MLP(sizes=(2, 16, 16, 2), activation="relu", batch_norm=True, drop_prob=0.1)
    params = mlp.init(rng)                    # {"W1", "b1", "gamma1", "beta1", ..., "W3", "b3"}
    state = mlp.init_state()                  # the batch-norm running statistics
    loss, grads, state = mlp.loss_and_grads(params, state, x, y, rng=rng)

Each hidden layer is Linear -> BatchNorm (if on) -> activation -> Dropout (if ``drop_prob > 0``); the
last layer is Linear only, and its output (the logits, or the prediction for ``mse``) goes into the
loss.

**Copies.** K independent networks advance in lockstep, one batched matrix product per layer: every array of
``params`` carries a leading axis K, and copy k is exactly the network ``init(rngs[k])`` would build::

    params = mlp.init_copies([np.random.default_rng(seed) for seed in range(10)])   # W1 (10, 2, 16), ...
    state = mlp.init_state(copies=10)
    loss, grads, state = mlp.loss_and_grads(params, state, x, y, rng=rngs)           # loss (10,)

The data is shared (``x (N, D)``, ``y (N,)``) or one set per copy (``(K, N, D)``, ``(K, N)``); dropout draws each
copy's masks from its own generator (``rng``: a sequence of K), or from one generator shared by all (one uniform
draw :math:`u` per layer, copy k keeping a unit where :math:`u \ge p_k`: copies that differ only by their rate).
Copy k of every result equals the single call on copy k with a generator in the same state
(``tests/dl_core/test_network_copies.py``).

Weights are ``(fan_in, fan_out)`` so a layer computes ``x @ W + b`` (PyTorch stores ``W.T``).
Everything is pure: parameters and running statistics come in and new ones go out.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np

from dl_core import activations, layers
from dl_core.initializers import INITIALIZERS
from dl_core.layers import BatchNormStats

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
    pre_activation: np.ndarray
    activation: np.ndarray
    dropout: layers.DropoutCache | None


@dataclass(frozen=True)
class MLP:
    r"""A frozen description of a fully connected network.

    ``sizes = (D, H1, ..., C)``: input features, hidden widths, outputs. ``activation``: a name of
    :data:`dl_core.activations.ACTIVATIONS` (default parameters). ``batch_norm``: batch normalization
    (arXiv 1502.03167) before each hidden activation. ``drop_prob``: PyTorch's dropout ``p``, the
    probability of *dropping* a hidden unit (the lesson's keep probability is ``1 - drop_prob``), or one
    rate per copy (a tuple of K) for copies that differ by their rate.
    ``loss``: ``"softmax_cross_entropy"`` (integer labels ``(N,)``) or ``"mse"`` (targets ``(N, C)``,
    or ``(N,)`` when ``C = 1``).
    """

    sizes: tuple[int, ...]
    activation: str = "relu"
    batch_norm: bool = False
    drop_prob: float | tuple[float, ...] = 0.0
    loss: str = "softmax_cross_entropy"

    def __post_init__(self):
        sizes = tuple(self.sizes)
        if len(sizes) < 2 or not all(is_count(size) for size in sizes):
            raise ValueError(f"sizes must hold at least two integers >= 1 (inputs, ..., outputs), got {self.sizes!r}")
        object.__setattr__(self, "sizes", tuple(int(size) for size in sizes))
        activations.get(self.activation)
        rates = np.atleast_1d(np.asarray(self.drop_prob, dtype=np.float64))
        if rates.ndim != 1 or len(rates) == 0 or not np.all((rates >= 0.0) & (rates < 1.0)):
            raise ValueError(f"drop_prob must be in [0, 1) (or a tuple of such rates), got {self.drop_prob!r}")
        if np.ndim(self.drop_prob):
            object.__setattr__(self, "drop_prob", tuple(float(rate) for rate in rates))
        if self.loss not in LOSSES:
            raise ValueError(f"loss must be one of {', '.join(LOSSES)}, got {self.loss!r}")

    @property
    def depth(self) -> int:
        """The number of linear layers (hidden layers + 1)."""
        return len(self.sizes) - 1

    @cached_property
    def drops(self) -> bool:
        """Whether any copy drops units while training."""
        return bool(np.any(self._rates > 0.0))

    @cached_property
    def _rates(self) -> np.ndarray:
        """The dropout rates, one or one per copy."""
        return np.atleast_1d(np.asarray(self.drop_prob, dtype=np.float64))

    def _scales_for(self, copies: int | None) -> np.ndarray | float:
        """Inverted dropout's scale of the kept units, :math:`1/(1-p)`: a number, or ``(K, 1, 1)`` for copies."""
        scales = 1.0 / (1.0 - self._rates_for(copies))
        return float(scales[0]) if copies is None else scales[:, None, None]

    def _rates_for(self, copies: int | None) -> np.ndarray:
        """The dropout rate of each copy ``(K,)`` (``(1,)`` for one network)."""
        wanted = 1 if copies is None else copies
        if len(self._rates) not in (1, wanted):
            raise ValueError(f"drop_prob holds {len(self._rates)} rates for {wanted} network(s)")
        return self._rates if len(self._rates) == wanted else np.repeat(self._rates, wanted)

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
        return self._loss_and_grads(params, state, np.asarray(x, dtype=np.float64), y, train, rng)

    def _loss_and_grads(self, params: Params, state: State, x: np.ndarray, y: np.ndarray, train: bool, rng,
                        checked: bool = False) -> tuple[float, Params, State]:
        """``loss_and_grads`` for float64 ``x``; ``checked``: the labels were checked once already (a training
        loop's thousand steps do not check them again)."""
        output, caches, _, new_state = self._forward(params, state, x, train, rng)
        loss, dout = self._loss(output, y, checked)
        return loss, self._backward(params, dout, caches), new_state

    def _loss(self, output: np.ndarray, y: np.ndarray, checked: bool = False) -> tuple[float, np.ndarray]:
        """The mean loss (``(K,)`` for copies, whose ``output`` is ``(K, N, C)``) and its gradient."""
        if self.is_classifier and checked:
            return layers.softmax_cross_entropy_of_checked(output, y)
        if self.is_classifier:
            return layers.softmax_cross_entropy(output, y)
        target = np.asarray(y, dtype=np.float64)
        one_column = output.shape[-1] == 1 and (target.ndim == 1 or target.shape[-1] != 1)  # (N,) or (K, N) targets
        return layers.mse(output, target[..., None] if one_column else target, copies=output.ndim == 3)

    def _forward(self, params: Params, state: State, x: np.ndarray, train: bool, rng) -> tuple:
        """``(output, caches, records, new_state)``: one cache and one record per layer."""
        copies = self.copies_of(params)
        rates = self._rates_for(copies)
        dropout = train and self.drops
        if self.batch_norm and len(state) != self.depth - 1:
            raise ValueError(f"state must hold {self.depth - 1} BatchNormStats (mlp.init_state()), got {len(state)}")
        if dropout and rng is None:
            raise ValueError("rng is required in train mode when drop_prob > 0 (dropout draws its mask from it)")
        shared = isinstance(rng, np.random.Generator)
        if dropout and copies is not None and not shared and len(rng) != copies:
            raise ValueError(f"rng must be a sequence of {copies} generators, one per copy, got {len(rng)}")
        function = activations.activation_pair(self.activation)[0]
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
            activated = function(pre_activation)
            hidden, dropout_cache = activated, None
            if dropout:  # layers.dropout_forward's masks (the rates were checked once, by __post_init__)
                if copies is None:
                    mask = rng.random(activated.shape) >= rates[0]
                elif shared:  # one draw for every copy, each at its own rate
                    mask = rng.random(activated.shape[1:]) >= rates[:, None, None]
                else:  # each copy's mask from its own generator
                    mask = np.stack([generator.random(activated.shape[1:]) >= rate
                                     for generator, rate in zip(rng, rates, strict=True)])
                dropout_cache = layers.DropoutCache(mask, mask * self._scales_for(copies))
                hidden = activated * dropout_cache.multiplier
            caches.append(_HiddenCaches(linear_cache, batchnorm_cache, pre_activation, activated, dropout_cache))
            records.append(LayerRecord(linear, pre_activation, activated))
        last = self._names[-1]
        output, output_cache = layers.linear_forward(hidden, params[last.weight], params[last.bias])
        caches.append(output_cache)
        records.append(LayerRecord(output, output, output))
        return output, caches, records, tuple(new_state) if train and self.batch_norm else state

    def _backward(self, params: Params, dout: np.ndarray, caches: list) -> Params:
        """The gradients of every parameter, keyed and ordered like ``params``, from ``dout = dL/d output``."""
        grads = {}
        derivative = activations.activation_pair(self.activation)[1]
        for index in range(self.depth - 1, -1, -1):
            names, cache = self._names[index], caches[index]
            if index < self.depth - 1:
                if cache.dropout is not None:
                    dout = layers.dropout_backward(dout, cache.dropout)
                dout = dout * derivative(cache.pre_activation, cache.activation)
                if cache.batchnorm is not None:
                    dout, grads[names.gamma], grads[names.beta] = layers.batchnorm_backward(dout, cache.batchnorm)
                cache = cache.linear
            if index == 0:
                grads[names.weight], grads[names.bias] = layers.linear_weight_grads(dout, cache)
            else:
                dout, grads[names.weight], grads[names.bias] = layers.linear_backward(dout, cache)
        return {key: grads[key] for key in params}


def is_count(value: Any, minimum: int = 1) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= minimum


def require_counts(*counts: tuple[str, Any, int]) -> None:
    """Refuse (``ValueError``, naming it) the first ``(name, value, minimum)`` whose value is not an integer
    ``>= minimum``."""
    for name, value, minimum in counts:
        if not is_count(value, minimum):
            raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")


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
