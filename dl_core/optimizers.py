r"""Optimizers as pure ``(init, update)`` pairs, in the style of optax.

::

    opt = adam(lr=0.01)
    state = opt.init(params)
    updates, state = opt.update(grads, state, params)
    params = apply_updates(params, updates)

``params`` has shape ``(..., d)``: a point, a batch of K configurations ``(K, d)``, or a
grid. ``params`` may also be a dict of arrays (a network's weights, ``{"W1": ..., "b1": ...}``):
the rule is then applied entry by entry, ``grads`` and ``updates`` are dicts with the same keys,
and the state is a dict holding each entry's state (``state["W1"].exp_avg``), exactly the state
that entry would have on its own.

Nothing is mutated and there is no hidden state: everything an optimizer remembers
is in its state (per entry), a NamedTuple with ``step`` (the number of updates done so far) and
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
rate of the update and :math:`\delta` is ``weight_decay`` (not :math:`\lambda`, which the pages keep for the
Hessian's eigenvalues).

One deviation, where PyTorch would produce NaN: with ``eps = 0`` a coordinate whose
denominator is exactly zero (no gradient seen yet) takes a zero step.
"""

import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, NamedTuple

import numpy as np

from dl_core.schedules import checked

LATEX: dict[str, str] = {
    "gd": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \delta\theta_{t-1} \\ "
    r"\theta_t &= \theta_{t-1} - \eta\, g_t \end{aligned}",
    "momentum": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \delta\theta_{t-1} \\ "
    r"b_t &= \mu b_{t-1} + g_t, \quad b_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \eta\, b_t \end{aligned}",
    "nesterov": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \delta\theta_{t-1} \\ "
    r"b_t &= \mu b_{t-1} + g_t, \quad b_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \eta\,(g_t + \mu b_t) \end{aligned}",
    "adagrad": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \delta\theta_{t-1} \\ "
    r"G_t &= G_{t-1} + g_t^2, \quad G_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{G_t} + \epsilon} \end{aligned}",
    "rmsprop": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \delta\theta_{t-1} \\ "
    r"v_t &= \alpha v_{t-1} + (1 - \alpha)\, g_t^2, \quad v_0 = 0 \\ "
    r"b_t &= \mu b_{t-1} + \frac{g_t}{\sqrt{v_t} + \epsilon}, \quad b_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \eta\, b_t \end{aligned}",
    "adam": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) + \delta\theta_{t-1} \\ "
    r"m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \quad m_0 = 0 \\ "
    r"v_t &= \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, \quad v_0 = 0 \\ "
    r"\theta_t &= \theta_{t-1} - \frac{\eta}{1 - \beta_1^t}\, "
    r"\frac{m_t}{\sqrt{v_t} / \sqrt{1 - \beta_2^t} + \epsilon} \end{aligned}",
    "adamw": r"\begin{aligned} g_t &= \nabla L(\theta_{t-1}) \\ "
    r"m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \quad m_0 = 0 \\ "
    r"v_t &= \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2, \quad v_0 = 0 \\ "
    r"\theta_t &= (1 - \eta\delta)\,\theta_{t-1} - \frac{\eta}{1 - \beta_1^t}\, "
    r"\frac{m_t}{\sqrt{v_t} / \sqrt{1 - \beta_2^t} + \epsilon} \end{aligned}",
}


Params = np.ndarray | Mapping[str, np.ndarray]


def _rules_in_docstring(constructor: Callable) -> Callable:
    """Write each ``LATEX["name"]`` of the constructor's docstring out as that rule's LaTeX (one copy of every rule:
    ``LATEX``, which the pages show; ``help()`` shows the same)."""
    constructor.__doc__ = re.sub(r'``LATEX\["(\w+)"\]``', lambda found: f"``{LATEX[found.group(1)]}``",
                                 constructor.__doc__)
    return constructor


class Optimizer(NamedTuple):
    """A pure optimizer: ``state = init(params)``; ``updates, new_state = update(grads, state, params)``.

    ``params``, ``grads`` and ``updates`` are arrays, or dicts of arrays with the same keys.
    """

    init: Callable[[Params], Any]
    update: Callable[[Params, Any, Params], tuple[Params, Any]]


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


def apply_updates(params: Params, updates: Params) -> Params:
    """The new parameters ``params + updates`` (a new array, or a new dict of new arrays keyed like ``params``)."""
    if isinstance(params, Mapping):
        return {key: value + updates[key] for key, value in params.items()}
    return params + updates


def _learning_rate(lr) -> Callable[[int], Any]:
    """``step -> lr`` for a schedule, a float or an array; a schedule is checked at step 0."""
    if callable(lr):
        checked("lr", lr(0), "> 0")
        return lr
    value = checked("lr", lr, "> 0")
    return lambda step: value


def _is_zero(value) -> bool:
    """Whether a checked hyperparameter is 0 everywhere (its term can then be skipped)."""
    return not np.any(value)


def _with_weight_decay(weight_decay) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    r"""``(grads, params) -> g``: L2 weight decay folded into the gradient as ``torch.optim`` does,
    :math:`g + \delta\theta`; without decay the gradient as it is (as PyTorch: no pass over the parameters).
    """
    if _is_zero(weight_decay):
        return lambda grads, params: grads
    return lambda grads, params: grads + weight_decay * params


def _safe_divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """``numerator / denominator``, and 0 where the denominator is 0 (only possible with ``eps = 0``)."""
    nonzero = denominator != 0
    return np.where(nonzero, numerator / np.where(nonzero, denominator, 1.0), 0.0)


def _divide_for(eps) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """The division by ``sqrt(...) + eps``: plain when every ``eps > 0`` (the denominator cannot be 0)."""
    return np.divide if np.all(np.asarray(eps) > 0) else _safe_divide


def _optimizer(lr, state_type: type, step: Callable) -> Optimizer:
    """The shared ``init``/``update`` around one rule.

    ``step(grads, params, state, lr) -> (updates, buffers)`` computes one update; ``buffers``
    are the new state arrays in the order of ``state_type``'s fields after ``step``.
    """
    lr_at = _learning_rate(lr)
    buffer_count = len(state_type._fields) - 1

    def init_entry(params):
        shape = np.shape(params)
        return state_type(0, *(np.zeros(shape) for _ in range(buffer_count)))

    def update_entry(grads, state, params):
        grads = np.asarray(grads, dtype=np.float64)
        params = np.asarray(params, dtype=np.float64)
        updates, buffers = step(grads, params, state, lr_at(state.step))
        return updates, state_type(state.step + 1, *buffers)

    def init(params):
        if isinstance(params, Mapping):
            return {key: init_entry(value) for key, value in params.items()}
        return init_entry(params)

    # Squares of huge but finite gradients overflow to inf, which gives the same zero step as PyTorch.
    @np.errstate(over="ignore")
    def update(grads, state, params):
        if not isinstance(params, Mapping):
            return update_entry(grads, state, params)
        updates, new_state = {}, {}
        for key, value in params.items():
            updates[key], new_state[key] = update_entry(grads[key], state[key], value)
        return updates, new_state

    return Optimizer(init, update)


@_rules_in_docstring
def sgd(lr, momentum=0.0, nesterov=False, weight_decay=0.0) -> Optimizer:
    r"""Gradient descent with optional (Nesterov) momentum and L2 weight decay, as ``torch.optim.SGD``.

    Without momentum: ``LATEX["gd"]``

    Heavy-ball momentum (Polyak 1964), no dampening, so the first buffer is the gradient:
    ``LATEX["momentum"]``

    With ``nesterov=True`` (Sutskever et al. 2013, in PyTorch's form):
    ``LATEX["nesterov"]``

    Unlike PyTorch, ``nesterov=True`` with ``momentum=0`` is allowed (it is plain descent).
    State: ``SGDState(step, momentum_buffer)``.
    """
    momentum = checked("momentum", momentum, "in [0, 1)")
    weight_decay = checked("weight_decay", weight_decay, ">= 0")
    with_weight_decay = _with_weight_decay(weight_decay)

    def step(grads, params, state, lr):
        grads = with_weight_decay(grads, params)
        buffer = momentum * state.momentum_buffer + grads
        direction = grads + momentum * buffer if nesterov else buffer
        return -lr * direction, (buffer,)

    return _optimizer(lr, SGDState, step)


@_rules_in_docstring
def adagrad(lr=0.01, eps=1e-10, weight_decay=0.0) -> Optimizer:
    r"""Adagrad (Duchi, Hazan & Singer, JMLR 2011), as ``torch.optim.Adagrad`` with no lr decay.

    ``LATEX["adagrad"]``

    State: ``AdagradState(step, sum)``.
    """
    eps = checked("eps", eps, ">= 0")
    weight_decay = checked("weight_decay", weight_decay, ">= 0")
    with_weight_decay = _with_weight_decay(weight_decay)
    divide = _divide_for(eps)

    def step(grads, params, state, lr):
        grads = with_weight_decay(grads, params)
        total = state.sum + grads * grads
        return divide(-lr * grads, np.sqrt(total) + eps), (total,)

    return _optimizer(lr, AdagradState, step)


@_rules_in_docstring
def rmsprop(lr=0.01, alpha=0.99, eps=1e-8, momentum=0.0, weight_decay=0.0) -> Optimizer:
    r"""RMSprop (Hinton, Coursera lecture 6e, 2012), as ``torch.optim.RMSprop`` (not centered).

    ``LATEX["rmsprop"]``

    State: ``RMSpropState(step, square_avg, momentum_buffer)``.
    """
    alpha = checked("alpha", alpha, "in [0, 1)")
    eps = checked("eps", eps, ">= 0")
    momentum = checked("momentum", momentum, "in [0, 1)")
    weight_decay = checked("weight_decay", weight_decay, ">= 0")
    with_weight_decay = _with_weight_decay(weight_decay)
    divide = _divide_for(eps)

    def step(grads, params, state, lr):
        grads = with_weight_decay(grads, params)
        square_avg = alpha * state.square_avg + (1 - alpha) * grads * grads
        buffer = momentum * state.momentum_buffer + divide(grads, np.sqrt(square_avg) + eps)
        return -lr * buffer, (square_avg, buffer)

    return _optimizer(lr, RMSpropState, step)


def _adam(lr, beta1, beta2, eps, weight_decay, decoupled: bool) -> Optimizer:
    """Adam with L2 weight decay in the gradient, or AdamW's decoupled decay (``decoupled=True``)."""
    beta1 = checked("beta1", beta1, "in [0, 1)")
    beta2 = checked("beta2", beta2, "in [0, 1)")
    eps = checked("eps", eps, ">= 0")
    weight_decay = checked("weight_decay", weight_decay, ">= 0")
    l2, decay = (0.0, weight_decay) if decoupled else (weight_decay, 0.0)
    with_weight_decay = _with_weight_decay(l2)
    decays = not _is_zero(decay)
    divide = _divide_for(eps)

    def step(grads, params, state, lr):
        grads = with_weight_decay(grads, params)
        t = state.step + 1
        exp_avg = beta1 * state.exp_avg + (1 - beta1) * grads
        exp_avg_sq = beta2 * state.exp_avg_sq + (1 - beta2) * grads * grads
        step_size = lr / (1 - beta1**t)
        denom = np.sqrt(exp_avg_sq) / np.sqrt(1 - beta2**t) + eps
        updates = divide(-step_size * exp_avg, denom)
        if decays:
            updates = updates - lr * decay * params
        return updates, (exp_avg, exp_avg_sq)

    return _optimizer(lr, AdamState, step)


@_rules_in_docstring
def adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0) -> Optimizer:
    r"""Adam (Kingma & Ba 2014, arXiv 1412.6980), as ``torch.optim.Adam`` (L2 weight decay, no amsgrad).

    ``LATEX["adam"]``

    ``eps`` is added after the bias correction of :math:`\sqrt{v_t}`, as in PyTorch, so the
    first step is :math:`-\eta\, g_1 / (|g_1| + \epsilon)`, about ``lr`` per coordinate.
    State: ``AdamState(step, exp_avg, exp_avg_sq)``.
    """
    return _adam(lr, beta1, beta2, eps, weight_decay, decoupled=False)


@_rules_in_docstring
def adamw(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01) -> Optimizer:
    r"""AdamW (Loshchilov & Hutter, arXiv 1711.05101), as ``torch.optim.AdamW``: Adam with decoupled decay.

    ``LATEX["adamw"]``

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
