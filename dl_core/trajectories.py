r"""Run an optimizer on a 2-D objective from one start or a whole batch of them, in one call.

A run is vectorised over everything that is batched: the starts, and any hyperparameter given
as an array (e.g. ``lr`` of shape ``(K, 1)`` runs K learning rates at once). A run that
diverges (loss not finite, or above ``max_loss``) is flagged with the step where it happened
and frozen at its last good point, so a trajectory never holds NaN or inf.

``run`` keeps the whole path (and, on request, the optimizer's state after every update);
``endpoint`` keeps only where a batch of runs ended, for maps over many thousands of
configurations where the paths themselves are not needed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dl_core.optimizers import Optimizer, apply_updates

DIVERGENCE_FACTOR = 1e6


class DivergenceFlags:
    """``diverged``: where ``diverged_at`` holds a step (``-1`` means the run never diverged)."""

    diverged_at: np.ndarray

    @property
    def diverged(self) -> np.ndarray:
        return self.diverged_at >= 0


@dataclass(frozen=True)
class Trajectory(DivergenceFlags):
    """The path of a run.

    ``points`` ``(steps+1, ..., 2)``: the parameters after each step (index 0 is the start).
    ``losses`` ``(steps+1, ...)``: the full loss at each point.
    ``grads`` ``(steps+1, ..., 2)``: the gradient used at each point (a minibatch gradient when
    the run is stochastic); the last one is the gradient at the final point.
    ``diverged_at`` ``(...)``: the first step whose loss was not finite or exceeded the
    divergence threshold, ``-1`` where the run never diverged. From that step on the point,
    loss and gradient stay frozen at their last good values.
    """

    points: np.ndarray
    losses: np.ndarray
    grads: np.ndarray
    diverged_at: np.ndarray
    states: Any = None


@dataclass(frozen=True)
class Endpoint(DivergenceFlags):
    """Where runs ended: ``point`` ``(..., 2)`` and ``loss`` ``(...)`` after the last step (not finite
    where the run diverged), and ``diverged_at`` ``(...)`` as in :class:`Trajectory`."""

    point: np.ndarray
    loss: np.ndarray
    diverged_at: np.ndarray


def _gradient_function(objective, rng, batch_size: int | None, grad_noise: float) -> Callable:
    r"""``w -> g``: the exact gradient, a minibatch estimate, or the exact gradient plus Gaussian noise.

    .. math:: g = \nabla L(w) + \sigma\,\xi,\qquad \xi \sim \mathcal N(0, I)

    (``sigma = grad_noise``), a simple model of stochastic gradients on an analytic surface.
    """
    if batch_size is not None and grad_noise:
        raise ValueError("give either batch_size or grad_noise, not both")
    if (batch_size is not None or grad_noise) and rng is None:
        raise ValueError("rng is required when batch_size or grad_noise is given")
    if not (np.isfinite(grad_noise) and grad_noise >= 0):
        raise ValueError(f"grad_noise must be >= 0, got {grad_noise}")
    if batch_size is not None:
        return lambda w: objective.minibatch_grad(w, rng, batch_size)
    if grad_noise:
        return lambda w: objective.grad(w) + grad_noise * rng.standard_normal(np.shape(w))
    return objective.grad


def _checked_start(start) -> np.ndarray:
    point = np.asarray(start, dtype=float)
    if point.shape[-1:] != (2,) or not np.all(np.isfinite(point)):
        raise ValueError(f"start must be finite with shape (..., 2), got {point.shape}")
    return point


def _default_max_loss(loss: np.ndarray) -> float:
    return DIVERGENCE_FACTOR * (1.0 + float(np.max(np.abs(loss))))


def _stack_states(states: list) -> Any:
    """The optimizer states of every step stacked along a new first axis, field by field.

    A state is a NamedTuple of arrays (and its ``step`` count), or a tuple of such states.
    """
    first = states[0]
    if isinstance(first, tuple):
        fields = [_stack_states([state[index] for state in states]) for index in range(len(first))]
        return type(first)(*fields) if hasattr(first, "_fields") else tuple(fields)
    return np.stack(np.broadcast_arrays(*states))


def run(
    objective,
    optimizer: Optimizer,
    start,
    steps: int,
    *,
    rng: np.random.Generator | None = None,
    batch_size: int | None = None,
    grad_noise: float = 0.0,
    max_loss: float | None = None,
    record_states: bool = False,
) -> Trajectory:
    r"""Descend ``objective`` with ``optimizer`` for ``steps`` updates from ``start``.

    .. math:: g_t = \nabla L(w_t)\ (\text{or a minibatch estimate}),\qquad
        w_{t+1} = w_t + \mathrm{update}(g_t)

    ``start`` has shape ``(..., 2)``; batched hyperparameters broadcast against it.
    With ``batch_size`` the gradient is ``objective.minibatch_grad(w, rng, batch_size)``
    (real SGD noise; needs ``rng``); with ``grad_noise`` it is the exact gradient plus
    Gaussian noise of that standard deviation (needs ``rng``). ``max_loss`` defaults to
    :math:`10^6 (1 + |L(w_0)|)`. With ``record_states`` the trajectory also holds
    ``states``: the optimizer's state before the first update and after each one, its
    arrays stacked along a new first axis (``steps + 1`` entries).
    """
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    gradient = _gradient_function(objective, rng, batch_size, grad_noise)
    point = _checked_start(start)

    with np.errstate(all="ignore"):
        loss = objective.value(point)
        if max_loss is None:
            max_loss = _default_max_loss(loss)
        grad = gradient(point)
        points, losses, grads = [point], [loss], [grad]
        state = optimizer.init(point)
        states = [state]
        diverged_at = np.full(np.shape(loss), -1)
        for step in range(1, steps + 1):
            updates, state = optimizer.update(grad, state, point)
            if record_states:
                states.append(state)
            candidate = apply_updates(point, updates)
            loss = objective.value(candidate)
            bad = ~np.isfinite(loss) | (loss > max_loss) | ~np.all(np.isfinite(candidate), axis=-1)
            diverged_at = np.where(bad & (diverged_at < 0), step, np.broadcast_to(diverged_at, bad.shape))
            frozen = diverged_at >= 0
            point = np.where(frozen[..., None], points[-1], candidate)
            loss = np.where(frozen, losses[-1], loss)
            grad = np.where(frozen[..., None], grads[-1], gradient(point))
            points.append(point)
            losses.append(loss)
            grads.append(grad)
    return Trajectory(
        points=np.stack(np.broadcast_arrays(*points)),
        losses=np.stack(np.broadcast_arrays(*losses)),
        grads=np.stack(np.broadcast_arrays(*grads)),
        diverged_at=diverged_at,
        states=_stack_states(states) if record_states else None,
    )


def endpoint(
    objective,
    optimizer: Optimizer,
    start,
    steps: int,
    *,
    max_loss: float | None = None,
) -> Endpoint:
    r"""Where ``steps`` updates of ``optimizer`` from ``start`` end, without keeping the path.

    The same descent as :func:`run` (exact gradients), for a batch of many configurations:
    only the current point is kept, so memory does not grow with ``steps``. A run that
    diverges is flagged at the first step whose loss is not finite or exceeds ``max_loss``
    (default :math:`10^6 (1 + |L(w_0)|)`) and is not frozen: its final loss is then not finite.
    Batched hyperparameters are fastest at the full shape of ``start`` (e.g. ``(K, 2)``).
    """
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    point = _checked_start(start)
    with np.errstate(all="ignore"):
        loss = objective.value(point)
        if max_loss is None:
            max_loss = _default_max_loss(loss)
        grad = objective.grad(point)
        state = optimizer.init(point)
        diverged_at = np.full(np.shape(loss), -1)
        for step in range(1, steps + 1):
            updates, state = optimizer.update(grad, state, point)
            point = apply_updates(point, updates)
            loss = objective.value(point)
            diverged_at = np.where((diverged_at < 0) & ~(loss <= max_loss), step, diverged_at)
            grad = objective.grad(point)
    return Endpoint(point=np.broadcast_to(point, (*np.shape(loss), 2)).copy(), loss=loss, diverged_at=diverged_at)


def settled_at(gaps: np.ndarray, threshold, diverged_at) -> np.ndarray:
    r"""The first step from which a run stays within ``threshold`` of the minimum to its last step:
    the smallest :math:`k` with :math:`L(w_t) - L^\ast \le` ``threshold`` for every :math:`t \ge k`; ``-1`` if the
    last step is outside that band or the run diverged (``diverged_at >= 0``).

    ``gaps (steps+1, ...)`` are :math:`L(w_t) - L^\ast`; ``threshold`` and ``diverged_at`` broadcast against
    ``gaps[0]``. A run that enters the band and leaves it again has not settled at its first entry: only the
    last entry counts.
    """
    gaps = np.asarray(gaps, dtype=float)
    inside = gaps <= threshold
    outside_from_end = np.cumsum(~inside[::-1], axis=0)[::-1]  # steps outside the band from t to the end
    settled = outside_from_end == 0
    first = np.argmax(settled, axis=0)
    return np.where(settled[-1] & (np.asarray(diverged_at) < 0), first, -1)
