r"""Optimizers as pure ``(init, update)`` pairs, in the style of optax.

::

    opt = adam(lr=0.01)
    state = opt.init(params)
    updates, state = opt.update(grads, state, params)
    params = apply_updates(params, updates)

``params`` has shape ``(..., d)``: a point, a batch of K configurations ``(K, d)``, or a
grid. Nothing is mutated and there is no hidden state: everything an optimizer remembers
is in its state, a NamedTuple with ``step`` (the number of updates done so far) and
arrays named as in ``torch.optim``'s state, so a page can draw "inside the optimizer":

- SGD: ``momentum_buffer`` (the velocity :math:`b_t`);
- Adagrad: ``sum`` (the running sum of squared gradients :math:`G_t`);
- RMSprop: ``square_avg`` (:math:`v_t`) and ``momentum_buffer`` (:math:`b_t`);
- Adam, AdamW: ``exp_avg`` (first moment :math:`m_t`) and ``exp_avg_sq`` (second moment :math:`v_t`).

The update rules, defaults, position of ``eps`` and first step are those documented for
``torch.optim`` (https://pytorch.org/docs/stable/optim.html), so a trajectory agrees with
PyTorch's to floating-point precision. ``lr`` may be a float, an array broadcastable
against ``params`` (e.g. ``(K, 1)`` for K configurations), or a schedule ``step -> lr``
from :mod:`dl_core.schedules`; update ``t`` (counting from 1) then uses ``lr(t - 1)``.
Every other hyperparameter may be a float or a broadcastable array too, so a batch of
configurations is one vectorised call. In the formulas below :math:`\eta` is the learning
rate of the update and :math:`\lambda` is ``weight_decay``.

One deviation, where PyTorch would produce NaN: with ``eps = 0`` a coordinate whose
denominator is exactly zero (no gradient seen yet) takes a zero step.
"""

from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

import numpy as np

from dl_core.schedules import _checked

LATEX: dict[str, str] = {
    "gd": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ "
    r"\theta_t &= \theta_{t-1} - \eta\, g_t \end{aligned}",
    "momentum": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ "
    r"b_t &= \mu b_{t-1} + g_t, \quad b_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \eta\, b_t \end{aligned}",
    "nesterov": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ "
    r"b_t &= \mu b_{t-1} + g_t, \quad b_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \eta\,(g_t + \mu b_t) \end{aligned}",
    "adagrad": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ "
    r"G_t &= G_{t-1} + g_t^2, \quad G_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{G_t} + \epsilon} \end{aligned}",
    "rmsprop": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ "
    r"v_t &= \alpha v_{t-1} + (1 - \alpha)\, g_t^2, \quad v_0 = 0 \\ "
    r"b_t &= \mu b_{t-1} + \frac{g_t}{\sqrt{v_t} + \epsilon}, \quad b_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \eta\, b_t \end{aligned}",
    "adam": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ "
    r"m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \quad m_0 = 0 \\ "
    r"v_t &= \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, \quad v_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \frac{\eta}{1 - \beta_1^t}\, "
    r"\frac{m_t}{\sqrt{v_t} / \sqrt{1 - \beta_2^t} + \epsilon} \end{aligned}",
    "adamw": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) \\ "
    r"m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \quad m_0 = 0 \\ "
    r"v_t &= \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, \quad v_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \eta\lambda\theta_{t-1} - \frac{\eta}{1 - \beta_1^t}\, "
    r"\frac{m_t}{\sqrt{v_t} / \sqrt{1 - \beta_2^t} + \epsilon} \end{aligned}",
}


class Optimizer(NamedTuple):
    """A pure optimizer: ``state = init(params)``; ``updates, new_state = update(grads, state, params)``."""

    init: Callable[[np.ndarray], Any]
    update: Callable[[np.ndarray, Any, np.ndarray], tuple[np.ndarray, Any]]


class SGDState(NamedTuple):
    """``momentum_buffer``: the velocity :math:`b_t` (with ``momentum = 0`` it is just the last ``g_t``)."""

    step: int
    momentum_buffer: np.ndarray


class AdagradState(NamedTuple):
    """``sum``: the running sum of squared gradients :math:`G_t`."""

    step: int
    sum: np.ndarray


class RMSpropState(NamedTuple):
    """``square_avg``: :math:`v_t`; ``momentum_buffer``: :math:`b_t` (the last direction if momentum is 0)."""

    step: int
    square_avg: np.ndarray
    momentum_buffer: np.ndarray


class AdamState(NamedTuple):
    """``exp_avg``: first moment :math:`m_t`; ``exp_avg_sq``: second moment :math:`v_t` (uncorrected)."""

    step: int
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray


def apply_updates(params: np.ndarray, updates: np.ndarray) -> np.ndarray:
    """The new parameters ``params + updates`` (a new array)."""
    return params + updates


def _learning_rate(lr) -> Callable[[int], Any]:
    """``step -> lr`` for a schedule, a float or an array; a schedule is checked at step 0."""
    if callable(lr):
        _checked("lr", lr(0), "> 0")
        return lr
    value = _checked("lr", lr, "> 0")
    return lambda step: value


def _with_weight_decay(grads: np.ndarray, params: np.ndarray, weight_decay) -> np.ndarray:
    r"""L2 weight decay folded into the gradient as ``torch.optim`` does: :math:`g + \lambda\theta`."""
    return grads + weight_decay * params


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator``, and 0 where the denominator is 0 (only possible with ``eps = 0``)."""
    nonzero = denominator != 0
    return np.where(nonzero, numerator / np.where(nonzero, denominator, 1.0), 0.0)


def _optimizer(lr, state_type: type, step: Callable) -> Optimizer:
    """The shared ``init``/``update`` around one rule.

    ``step(grads, params, state, lr) -> (updates, buffers)`` computes one update; ``buffers``
    are the new state arrays in the order of ``state_type``'s fields after ``step``.
    """
    lr_at = _learning_rate(lr)

    def init(params):
        shape = np.shape(params)
        return state_type(0, *(np.zeros(shape) for _ in state_type._fields[1:]))

    # Squares of huge but finite gradients overflow to inf, which gives the same zero step as PyTorch.
    @np.errstate(over="ignore")
    def update(grads, state, params):
        grads = np.asarray(grads, dtype=np.float64)
        params = np.asarray(params, dtype=np.float64)
        updates, buffers = step(grads, params, state, lr_at(state.step))
        return updates, state_type(state.step + 1, *buffers)

    return Optimizer(init, update)


def sgd(lr, momentum=0.0, nesterov=False, weight_decay=0.0) -> Optimizer:
    r"""Gradient descent with optional (Nesterov) momentum and L2 weight decay, as ``torch.optim.SGD``.

    Without momentum: ``\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ \theta_t &=
    \theta_{t-1} - \eta\, g_t \end{aligned}``

    Heavy-ball momentum (Polyak 1964), no dampening, so the first buffer is the gradient:
    ``\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ b_t &= \mu b_{t-1} + g_t,
    \quad b_0 = 0 \\ \theta_t &= \theta_{t-1} - \eta\, b_t \end{aligned}``

    With ``nesterov=True`` (Sutskever et al. 2013, in PyTorch's form):
    ``\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ b_t &= \mu b_{t-1} + g_t,
    \quad b_0 = 0 \\ \theta_t &= \theta_{t-1} - \eta\,(g_t + \mu b_t) \end{aligned}``

    Unlike PyTorch, ``nesterov=True`` with ``momentum=0`` is allowed (it is plain descent).
    State: ``SGDState(step, momentum_buffer)``.
    """
    momentum = _checked("momentum", momentum, "in [0, 1)")
    weight_decay = _checked("weight_decay", weight_decay, ">= 0")

    def step(grads, params, state, lr):
        grads = _with_weight_decay(grads, params, weight_decay)
        buffer = momentum * state.momentum_buffer + grads
        direction = grads + momentum * buffer if nesterov else buffer
        return -lr * direction, (buffer,)

    return _optimizer(lr, SGDState, step)


def adagrad(lr=0.01, eps=1e-10, weight_decay=0.0) -> Optimizer:
    r"""Adagrad (Duchi, Hazan & Singer, JMLR 2011), as ``torch.optim.Adagrad`` with no lr decay.

    ``\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ G_t &= G_{t-1} + g_t^2,
    \quad G_0 = 0 \\ \theta_t &= \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{G_t} + \epsilon} \end{aligned}``

    State: ``AdagradState(step, sum)``.
    """
    eps = _checked("eps", eps, ">= 0")
    weight_decay = _checked("weight_decay", weight_decay, ">= 0")

    def step(grads, params, state, lr):
        grads = _with_weight_decay(grads, params, weight_decay)
        total = state.sum + grads * grads
        return _divide(-lr * grads, np.sqrt(total) + eps), (total,)

    return _optimizer(lr, AdagradState, step)


def rmsprop(lr=0.01, alpha=0.99, eps=1e-8, momentum=0.0, weight_decay=0.0) -> Optimizer:
    r"""RMSprop (Hinton, Coursera lecture 6e, 2012), as ``torch.optim.RMSprop`` (not centered).

    ``\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ v_t &= \alpha v_{t-1} +
    (1 - \alpha)\, g_t^2, \quad v_0 = 0 \\ b_t &= \mu b_{t-1} + \frac{g_t}{\sqrt{v_t} + \epsilon},
    \quad b_0 = 0 \\ \theta_t &= \theta_{t-1} - \eta\, b_t \end{aligned}``

    State: ``RMSpropState(step, square_avg, momentum_buffer)``.
    """
    alpha = _checked("alpha", alpha, "in [0, 1)")
    eps = _checked("eps", eps, ">= 0")
    momentum = _checked("momentum", momentum, "in [0, 1)")
    weight_decay = _checked("weight_decay", weight_decay, ">= 0")

    def step(grads, params, state, lr):
        grads = _with_weight_decay(grads, params, weight_decay)
        square_avg = alpha * state.square_avg + (1 - alpha) * grads * grads
        buffer = momentum * state.momentum_buffer + _divide(grads, np.sqrt(square_avg) + eps)
        return -lr * buffer, (square_avg, buffer)

    return _optimizer(lr, RMSpropState, step)


def _adam(lr, beta1, beta2, eps, weight_decay, decoupled: bool) -> Optimizer:
    """Adam with L2 weight decay in the gradient, or AdamW's decoupled decay (``decoupled=True``)."""
    beta1 = _checked("beta1", beta1, "in [0, 1)")
    beta2 = _checked("beta2", beta2, "in [0, 1)")
    eps = _checked("eps", eps, ">= 0")
    weight_decay = _checked("weight_decay", weight_decay, ">= 0")
    l2, decay = (0.0, weight_decay) if decoupled else (weight_decay, 0.0)

    def step(grads, params, state, lr):
        grads = _with_weight_decay(grads, params, l2)
        t = state.step + 1
        exp_avg = beta1 * state.exp_avg + (1 - beta1) * grads
        exp_avg_sq = beta2 * state.exp_avg_sq + (1 - beta2) * grads * grads
        step_size = lr / (1 - beta1**t)
        denom = np.sqrt(exp_avg_sq) / np.sqrt(1 - beta2**t) + eps
        updates = _divide(-step_size * exp_avg, denom) - lr * decay * params
        return updates, (exp_avg, exp_avg_sq)

    return _optimizer(lr, AdamState, step)


def adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0) -> Optimizer:
    r"""Adam (Kingma & Ba 2014, arXiv 1412.6980), as ``torch.optim.Adam`` (L2 weight decay, no amsgrad).

    ``\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \lambda\theta_{t-1} \\ m_t &= \beta_1 m_{t-1} +
    (1 - \beta_1)\, g_t, \quad m_0 = 0 \\ v_t &= \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, \quad v_0 = 0
    \\ \theta_t &= \theta_{t-1} - \frac{\eta}{1 - \beta_1^t}\, \frac{m_t}{\sqrt{v_t} / \sqrt{1 -
    \beta_2^t} + \epsilon} \end{aligned}``

    ``eps`` is added after the bias correction of :math:`\sqrt{v_t}`, as in PyTorch, so the
    first step is :math:`-\eta\, g_1 / (|g_1| + \epsilon)`, about ``lr`` per coordinate.
    State: ``AdamState(step, exp_avg, exp_avg_sq)``.
    """
    return _adam(lr, beta1, beta2, eps, weight_decay, decoupled=False)


def adamw(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01) -> Optimizer:
    r"""AdamW (Loshchilov & Hutter, arXiv 1711.05101), as ``torch.optim.AdamW``: Adam with decoupled decay.

    ``\begin{aligned} g_t &= \nabla L(\theta_{t-1}) \\ m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t,
    \quad m_0 = 0 \\ v_t &= \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, \quad v_0 = 0 \\ \theta_t &=
    \theta_{t-1} - \eta\lambda\theta_{t-1} - \frac{\eta}{1 - \beta_1^t}\, \frac{m_t}{\sqrt{v_t} /
    \sqrt{1 - \beta_2^t} + \epsilon} \end{aligned}``

    The decay uses the same (possibly scheduled) learning rate as the step.
    State: ``AdamState(step, exp_avg, exp_avg_sq)``.
    """
    return _adam(lr, beta1, beta2, eps, weight_decay, decoupled=True)


NAMES = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")

DEFAULTS: dict[str, dict[str, Any]] = {
    "gd": {"lr": 0.01, "weight_decay": 0.0},
    "momentum": {"lr": 0.01, "momentum": 0.9, "weight_decay": 0.0},
    "nesterov": {"lr": 0.01, "momentum": 0.9, "weight_decay": 0.0},
    "adagrad": {"lr": 0.01, "eps": 1e-10, "weight_decay": 0.0},
    "rmsprop": {"lr": 0.01, "alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "weight_decay": 0.0},
    "adam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
    "adamw": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01},
}

_CONSTRUCTORS: dict[str, Callable[..., Optimizer]] = {
    "gd": sgd,
    "momentum": sgd,
    "nesterov": partial(sgd, nesterov=True),
    "adagrad": adagrad,
    "rmsprop": rmsprop,
    "adam": adam,
    "adamw": adamw,
}


def make(name: str, **hyper) -> Optimizer:
    """The optimizer called ``name`` (one of ``NAMES``), with ``DEFAULTS[name]`` for what ``hyper`` omits.

    ``gd`` is SGD without momentum; ``momentum`` and ``nesterov`` are SGD with ``momentum=0.9``.
    """
    if name not in DEFAULTS:
        raise ValueError(f"unknown optimizer {name!r}; expected one of {', '.join(NAMES)}")
    unknown = sorted(set(hyper) - set(DEFAULTS[name]))
    if unknown:
        expected = ", ".join(DEFAULTS[name])
        raise ValueError(f"unknown hyperparameter(s) for {name}: {', '.join(unknown)}; expected {expected}")
    return _CONSTRUCTORS[name](**{**DEFAULTS[name], **hyper})
