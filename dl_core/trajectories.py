r"""Run an optimizer on a 2-D objective from one start or a whole batch of them, in one call.

A run is vectorised over everything that is batched: the starts, and any hyperparameter given
as an array (e.g. ``lr`` of shape ``(K, 1)`` runs K learning rates at once). A run that
diverges (loss not finite, or above ``max_loss``) is flagged with the step where it happened
and frozen at its last good point, so a trajectory never holds NaN or inf.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core.optimizers import Optimizer, apply_updates

DIVERGENCE_FACTOR = 1e6


@dataclass(frozen=True)
class Trajectory:
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

    @property
    def diverged(self) -> np.ndarray:
        return self.diverged_at >= 0


def run(
    objective,
    optimizer: Optimizer,
    start,
    steps: int,
    *,
    rng: np.random.Generator | None = None,
    batch_size: int | None = None,
    max_loss: float | None = None,
) -> Trajectory:
    r"""Descend ``objective`` with ``optimizer`` for ``steps`` updates from ``start``.

    .. math:: g_t = \nabla L(w_t)\ (\text{or a minibatch estimate}),\qquad
        w_{t+1} = w_t + \mathrm{update}(g_t)

    ``start`` has shape ``(..., 2)``; batched hyperparameters broadcast against it.
    With ``batch_size`` the gradient is ``objective.minibatch_grad(w, rng, batch_size)``
    (real SGD noise; needs ``rng``). ``max_loss`` defaults to
    :math:`10^6 (1 + |L(w_0)|)`.
    """
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    if batch_size is not None and rng is None:
        raise ValueError("rng is required when batch_size is given")
    point = np.asarray(start, dtype=float)
    if point.shape[-1:] != (2,) or not np.all(np.isfinite(point)):
        raise ValueError(f"start must be finite with shape (..., 2), got {point.shape}")

    def gradient(w):
        if batch_size is None:
            return objective.grad(w)
        return objective.minibatch_grad(w, rng, batch_size)

    with np.errstate(all="ignore"):
        loss = objective.value(point)
        if max_loss is None:
            max_loss = DIVERGENCE_FACTOR * (1.0 + float(np.max(np.abs(loss))))
        grad = gradient(point)
        points, losses, grads = [point], [loss], [grad]
        state = optimizer.init(point)
        diverged_at = np.full(np.shape(loss), -1)
        for step in range(1, steps + 1):
            updates, state = optimizer.update(grad, state, point)
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
    )
