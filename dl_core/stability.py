r"""Stability maps: how far a run gets over a grid of learning rate x a second setting, in one batch.

A map runs every configuration of the grid as one vectorised descent
(:func:`dl_core.trajectories.endpoint`): the learning rate varies along the columns, the second
setting (a hyperparameter such as momentum, or a batch of objectives such as one regression per
feature scale) along the rows. Each cell holds the progress

.. math:: \log_{10}\frac{L(w_T) - L^\ast}{L(w_0) - L^\ast}

(negative: the loss came down; positive: it went up) and whether the run diverged.

On a quadratic with Hessian eigenvalues up to :math:`\lambda_{\max}` the limits are known:
gradient descent converges iff :math:`0 < \eta\lambda_{\max} < 2`; heavy-ball momentum
(``torch.optim.SGD``'s form) iff :math:`0 < \eta\lambda_{\max} < 2 + 2\mu`; and Nesterov's form
iff :math:`0 < \eta\lambda_{\max} < (2 + 2\mu)/(1 + 2\mu)`. See :func:`max_stable_lr`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from dl_core import optimizers, trajectories

PROGRESS_FLOOR = -16.0  # log10 of the smallest relative gap a map tells apart


@dataclass(frozen=True)
class StabilityMap(trajectories.DivergenceFlags):
    r"""A grid of runs: ``lrs (n_lr,)`` along the columns, ``seconds (n_second,)`` along the rows.

    ``progress (n_second, n_lr)``: :math:`\log_{10}` of the final over the initial gap to the
    minimum, floored at ``PROGRESS_FLOOR`` and 0 where the run diverged (see ``diverged_at``,
    ``-1`` where it did not).
    """

    lrs: np.ndarray
    seconds: np.ndarray
    progress: np.ndarray
    diverged_at: np.ndarray


def stability_map(
    objective,
    name: str,
    lrs,
    steps: int,
    start,
    *,
    second: str | None = None,
    seconds=None,
    hyper: Mapping[str, float] | None = None,
) -> StabilityMap:
    r"""Run optimizer ``name`` for every pair (``seconds[i]``, ``lrs[j]``) as one batch of configurations.

    With ``second`` (a hyperparameter of ``name``, e.g. ``"momentum"`` or ``"beta1"``) the rows
    vary it over ``seconds``. Without it, ``objective`` itself must be a batch of objectives with
    batch shape ``(len(seconds), 1)`` (e.g. regressions at several feature scales, see
    :class:`dl_core.objectives.LinearRegression`), and ``seconds`` only labels the rows.
    ``hyper`` fixes the other hyperparameters. Every configuration starts at ``start (2,)``.
    """
    lrs = np.asarray(lrs, dtype=float)
    seconds = np.asarray(seconds, dtype=float)
    if lrs.ndim != 1 or seconds.ndim != 1 or not lrs.size or not seconds.size:
        raise ValueError("lrs and seconds must be non-empty 1-D arrays")
    shape = (seconds.size, lrs.size, 2)
    # lr multiplies every coordinate, so it is given at the full shape (contiguous loops, the fastest);
    # the second setting stays (n_second, 1, 1), which keeps Adam's beta ** t cheap.
    settings = {**(hyper or {}), "lr": np.broadcast_to(lrs[None, :, None], shape).copy()}
    if second is not None:
        settings[second] = seconds[:, None, None]
    start = np.broadcast_to(np.asarray(start, dtype=float), shape)
    end = trajectories.endpoint(objective, optimizers.make(name, **settings), start, steps)
    min_value = np.asarray(objective.min_value, dtype=float)
    with np.errstate(all="ignore"):
        initial_gap = objective.value(start) - min_value
        ratio = np.maximum(end.loss - min_value, 0.0) / np.where(initial_gap > 0, initial_gap, 1.0)
        progress = np.maximum(np.log10(ratio), PROGRESS_FLOOR)
    progress = np.where(end.diverged | ~np.isfinite(progress), 0.0, progress)
    return StabilityMap(lrs=lrs, seconds=seconds, progress=progress, diverged_at=end.diverged_at)


class Bowls:
    r"""A batch of quadratic bowls :math:`f_i(w) = \tfrac12 w^\top H_i w`,
    :math:`H_i = R\,\mathrm{diag}(a, b_i)\,R^\top`.

    The same surface as :func:`dl_core.objectives.quadratic` with one largest curvature
    :math:`b_i` per row of a stability map: ``value`` and ``grad`` take ``w (n, m, 2)`` and
    give bowl ``i`` to row ``i``. ``eigenvalues (n, 2)`` are :math:`(a, b_i)`.
    """

    def __init__(self, high_curvatures, low: float = 1.0, angle: float = 0.0):
        high = np.asarray(high_curvatures, dtype=float)
        if high.ndim != 1 or not np.all(high > 0) or not low > 0:
            raise ValueError("curvatures must be > 0 (a 1-D array of largest curvatures)")
        cos, sin = np.cos(angle), np.sin(angle)
        # H = a u u^T + b v v^T with u = (cos, sin), v = (-sin, cos): the rotated diag(a, b).
        self.h11 = (low * cos * cos + high * sin * sin)[:, None]
        self.h12 = ((low - high) * cos * sin)[:, None]
        self.h22 = (low * sin * sin + high * cos * cos)[:, None]
        self.eigenvalues = np.stack([np.full_like(high, low), high], axis=-1)
        self.min_value = 0.0
        self.minima = np.zeros((1, 2))

    def value(self, w: np.ndarray) -> np.ndarray:
        w1, w2 = w[..., 0], w[..., 1]
        return 0.5 * (self.h11 * w1 * w1 + 2 * self.h12 * w1 * w2 + self.h22 * w2 * w2)

    def grad(self, w: np.ndarray) -> np.ndarray:
        w1, w2 = w[..., 0], w[..., 1]
        return np.stack([self.h11 * w1 + self.h12 * w2, self.h12 * w1 + self.h22 * w2], axis=-1)


# The largest stable eta * lambda_max on a quadratic, for the optimizers where it is known.
_LIMITS = {
    "gd": lambda momentum: 2.0 + 0.0 * momentum,
    "momentum": lambda momentum: 2.0 + 2.0 * momentum,
    "nesterov": lambda momentum: (2.0 + 2.0 * momentum) / (1.0 + 2.0 * momentum),
}


def has_theory(name: str) -> bool:
    """Whether :func:`max_stable_lr` knows a limit for optimizer ``name``."""
    return name in _LIMITS


def max_stable_lr(name: str, lambda_max, momentum=0.0, weight_decay: float = 0.0):
    r"""The largest learning rate that converges on a quadratic whose largest Hessian eigenvalue is ``lambda_max``.

    Gradient descent: :math:`\eta < 2/\lambda_{\max}`. Heavy-ball momentum
    (:math:`b_t = \mu b_{t-1} + g_t,\ \theta_t = \theta_{t-1} - \eta b_t`): along an eigenvector the
    pair :math:`(\theta, \eta b)` is multiplied by :math:`\begin{pmatrix}1-h & -\mu\\ h & \mu\end{pmatrix}`,
    :math:`h = \eta\lambda`, whose eigenvalues stay inside the unit circle iff
    :math:`0 < h < 2 + 2\mu` (Jury's test). Nesterov (PyTorch's form,
    :math:`\theta_t = \theta_{t-1} - \eta(g_t + \mu b_t)`): the matrix is
    :math:`\begin{pmatrix}1-h(1+\mu) & -\mu^2\\ h & \mu\end{pmatrix}`, stable iff
    :math:`0 < h < (2 + 2\mu)/(1 + 2\mu)`. L2 weight decay adds to every eigenvalue.
    ``lambda_max`` and ``momentum`` may be arrays (they broadcast). Raises ``ValueError`` for
    an optimizer without such a limit (see :func:`has_theory`).
    """
    if name not in _LIMITS:
        raise ValueError(f"no stability limit is known for {name!r}; known: {', '.join(_LIMITS)}")
    curvature = np.asarray(lambda_max, dtype=float) + weight_decay
    return _LIMITS[name](np.asarray(momentum, dtype=float)) / curvature


def hessian_eigenvalues(objective, point, step: float = 1e-5) -> np.ndarray:
    r"""Eigenvalues (ascending) of the Hessian at ``point (2,)`` by centred differences of the gradient:
    :math:`H_{:,j} \approx (\nabla L(w + h e_j) - \nabla L(w - h e_j)) / 2h`, symmetrised."""
    point = np.asarray(point, dtype=float)
    offsets = step * np.eye(2)
    columns = (objective.grad(point + offsets) - objective.grad(point - offsets)) / (2 * step)
    return np.linalg.eigvalsh((columns + columns.T) / 2)


@dataclass(frozen=True)
class Theory:
    """The largest stable learning rate along each row of a map, as theory gives it: ``limit`` exactly, where
    the surface is a quadratic (constant Hessian); else ``local_limit``, from the Hessian at the deepest known
    minimum (``local_curvature`` is its largest eigenvalue), valid once a run is near it; both None for an
    optimizer without a simple bound (the adaptive ones)."""

    limit: np.ndarray | None = None
    local_limit: np.ndarray | None = None
    local_curvature: float | None = None


def theory(name: str, objective, rows: int, momentum=0.0, weight_decay: float = 0.0, eigenvalues=None) -> Theory:
    """The theory line of a map of optimizer ``name`` with ``rows`` rows (``momentum`` may vary by row).

    ``eigenvalues (rows, 2)``, sorted ascending, are the Hessian's where it is constant; without them the
    curvature at the deepest of ``objective.minima`` is used (see ``Theory``)."""
    if not has_theory(name):
        return Theory()
    if eigenvalues is not None:
        return Theory(limit=max_stable_lr(name, np.asarray(eigenvalues)[:, -1], momentum, weight_decay))
    minima = np.asarray(objective.minima)
    curvature = float(hessian_eigenvalues(objective, minima[np.argmin(objective.value(minima))])[-1])
    return Theory(local_limit=max_stable_lr(name, np.full(rows, curvature), momentum, weight_decay),
                  local_curvature=curvature)
