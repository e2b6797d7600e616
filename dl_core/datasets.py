"""Toy data made in code, reproducible from a seed (an explicit ``np.random.Generator``)."""

from __future__ import annotations

import numpy as np


def linear_regression(
    n: int,
    w_true: tuple[float, float],
    rng: np.random.Generator,
    *,
    x_scale: float = 1.0,
    noise: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Two features and a linear target, the regression of the feature-scaling lesson.

    .. math:: x_1 = s\,z_1,\quad x_2 = z_2,\quad y = w_1^\ast x_1 + w_2^\ast x_2 + \sigma\varepsilon,
        \qquad z, \varepsilon \sim \mathcal N(0, 1)

    The target is built from the *scaled* feature, so the best weights stay near ``w_true``
    for every scale ``s``: moving the scale changes only the shape of the loss surface.

    Returns ``x`` of shape ``(n, 2)`` and ``y`` of shape ``(n,)``.
    """
    if n < 2:
        raise ValueError(f"n must be >= 2, got {n}")
    if not (np.isfinite(x_scale) and x_scale > 0):
        raise ValueError(f"x_scale must be > 0, got {x_scale}")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be >= 0, got {noise}")
    z = rng.standard_normal((n, 2))
    x = z * np.array([x_scale, 1.0])
    y = x @ np.asarray(w_true, dtype=float) + noise * rng.standard_normal(n)
    return x, y


def standardize(x: np.ndarray) -> np.ndarray:
    r"""Centre and scale every feature: :math:`\tilde x_j = (x_j - \bar x_j) / s_j`."""
    x = np.asarray(x, dtype=float)
    std = x.std(axis=0)
    if np.any(std == 0):
        raise ValueError("x has a constant feature; it cannot be standardized")
    return (x - x.mean(axis=0)) / std
