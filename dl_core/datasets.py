"""Toy data made in code, reproducible from a seed (an explicit ``np.random.Generator``); nothing is downloaded.

- ``linear_regression``: two features and a linear target (the feature-scaling lesson).
- Two-dimensional classification sets, each ``(n, rng, noise=...) -> (x, y)`` with ``x`` ``(n, 2)``
  float64 and ``y`` ``(n,)`` integer labels ``0 .. classes-1``, balanced (class sizes differ by at
  most one) and in shuffled order: ``blobs``, ``moons``, ``circles``, ``spirals``, ``xor``. ``noise``
  is the standard deviation of Gaussian noise added to each coordinate.
- ``train_val_split``: a random split into a training and a validation set.
"""

from __future__ import annotations

import math
import numbers

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


# ---------------------------------------------------------------- 2-D classification sets


def _check_count(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _check_positive(name: str, value, *, allow_zero: bool = False) -> float:
    if not (isinstance(value, numbers.Real) and math.isfinite(value) and (value >= 0 if allow_zero else value > 0)):
        raise ValueError(f"{name} must be a finite number {'>= 0' if allow_zero else '> 0'}, got {value!r}")
    return float(value)


def _check_common(n, rng, noise, classes: int) -> int:
    """Check the arguments every 2-D set takes; return ``n`` as an int (at least one sample per class)."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {rng!r}")
    _check_positive("noise", noise, allow_zero=True)
    return _check_count("n", n, classes)


def _balanced_labels(n: int, classes: int) -> np.ndarray:
    """``0, 1, ..., classes-1, 0, 1, ...``: ``n`` labels whose class sizes differ by at most one."""
    return np.arange(n) % classes


def _finish(points: np.ndarray, labels: np.ndarray, rng: np.random.Generator, noise: float):
    """Add Gaussian noise to the points and shuffle points and labels together."""
    noisy = points + noise * rng.standard_normal(points.shape)
    order = rng.permutation(len(labels))
    return noisy[order], labels[order]


def blobs(
    n: int, rng: np.random.Generator, noise: float = 0.5, *, classes: int = 3, radius: float = 2.0
) -> tuple[np.ndarray, np.ndarray]:
    r"""Gaussian clouds around ``classes`` centres spaced evenly on a circle of ``radius``.

    .. math:: x = r\,(\cos\phi_k, \sin\phi_k) + \sigma\varepsilon,\qquad \phi_k = 2\pi k / K

    Returns ``x`` ``(n, 2)`` and ``y`` ``(n,)`` in ``0 .. classes-1``.
    """
    classes = _check_count("classes", classes, 2)
    n = _check_common(n, rng, noise, classes)
    radius = _check_positive("radius", radius)
    labels = _balanced_labels(n, classes)
    angles = 2.0 * np.pi * labels / classes
    return _finish(radius * np.column_stack([np.cos(angles), np.sin(angles)]), labels, rng, noise)


def moons(n: int, rng: np.random.Generator, noise: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    r"""Two interleaving half circles (the shape of scikit-learn's ``make_moons``), classes 0 (upper) and 1 (lower).

    .. math:: x^{(0)} = (\cos t, \sin t),\quad x^{(1)} = (1 - \cos t,\ \tfrac12 - \sin t),
        \qquad t \in [0, \pi]

    plus Gaussian noise of standard deviation ``noise``. Returns ``x`` ``(n, 2)`` and ``y`` ``(n,)``.
    """
    n = _check_common(n, rng, noise, 2)
    labels = _balanced_labels(n, 2)
    t = np.pi * rng.random(n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    return _finish(np.where(labels[:, None] == 0, upper, lower), labels, rng, noise)


def circles(
    n: int, rng: np.random.Generator, noise: float = 0.05, *, factor: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    r"""A circle of radius 1 (class 0) around a circle of radius ``factor`` (class 1), like ``make_circles``.

    .. math:: x = \rho_y\,(\cos t, \sin t) + \sigma\varepsilon,\qquad \rho_0 = 1,\ \rho_1 = f,
        \ t \sim U(0, 2\pi)

    ``factor`` in (0, 1). Returns ``x`` ``(n, 2)`` and ``y`` ``(n,)``.
    """
    n = _check_common(n, rng, noise, 2)
    if not (isinstance(factor, numbers.Real) and 0 < factor < 1):
        raise ValueError(f"factor must be in (0, 1), got {factor!r}")
    labels = _balanced_labels(n, 2)
    t = 2.0 * np.pi * rng.random(n)
    radii = np.where(labels == 0, 1.0, float(factor))
    return _finish(radii[:, None] * np.column_stack([np.cos(t), np.sin(t)]), labels, rng, noise)


def spirals(
    n: int, rng: np.random.Generator, noise: float = 0.05, *, classes: int = 2, turns: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    r"""``classes`` interleaved spiral arms from the centre outwards (the cs231n spiral data).

    .. math:: x = r\,(\cos\theta, \sin\theta) + \sigma\varepsilon,\qquad
        \theta = 2\pi\,(\text{turns}\cdot r + k / K),\ r \sim U(0, 1)

    Arm ``k`` is class ``k``. Returns ``x`` ``(n, 2)`` and ``y`` ``(n,)`` in ``0 .. classes-1``.
    """
    classes = _check_count("classes", classes, 2)
    n = _check_common(n, rng, noise, classes)
    turns = _check_positive("turns", turns)
    labels = _balanced_labels(n, classes)
    r = rng.random(n)
    theta = 2.0 * np.pi * (turns * r + labels / classes)
    return _finish(r[:, None] * np.column_stack([np.cos(theta), np.sin(theta)]), labels, rng, noise)


def xor(n: int, rng: np.random.Generator, noise: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    r"""The XOR problem: points in the square :math:`[-1, 1]^2`, class 1 where the signs of the two
    coordinates differ (quadrants II and IV), class 0 where they agree; no line separates them.

    .. math:: y = [\operatorname{sign} x_1 \ne \operatorname{sign} x_2]

    Noise is added after labelling, so noisy points may cross an axis. Returns ``x`` ``(n, 2)``, ``y`` ``(n,)``.
    """
    n = _check_common(n, rng, noise, 2)
    labels = _balanced_labels(n, 2)
    first_sign = rng.choice([-1.0, 1.0], size=n)
    signs = np.column_stack([first_sign, np.where(labels == 0, first_sign, -first_sign)])
    magnitudes = 1.0 - rng.random((n, 2))  # in (0, 1]: no point on an axis
    return _finish(signs * magnitudes, labels, rng, noise)


def train_val_split(
    x: np.ndarray, y: np.ndarray, val_fraction: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    r"""A random split: ``round(val_fraction * n)`` samples for validation, the rest for training. With integer
    labels it is stratified: each class goes to validation in (as nearly as counts allow) the same share, so that a
    network that guesses scores its class frequencies there, not an accident of the split.

    Returns new arrays ``(x_train, y_train, x_val, y_val)``; each part keeps at least one sample.
    """
    x, y = np.asarray(x), np.asarray(y)
    if len(x) != len(y) or len(x) < 2:
        raise ValueError(f"x and y must have the same length >= 2, got {len(x)} and {len(y)}")
    if not (isinstance(val_fraction, numbers.Real) and 0 < val_fraction < 1):
        raise ValueError(f"val_fraction must be in (0, 1), got {val_fraction!r}")
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got {rng!r}")
    val_count = min(max(round(val_fraction * len(x)), 1), len(x) - 1)
    order = rng.permutation(len(x))
    if y.dtype.kind in "iu":  # classes interleaved in proportion: any prefix holds each class in its share
        labels = y[order]
        place = np.empty(len(x))
        for label in np.unique(labels):
            members = labels == label
            place[members] = (np.arange(members.sum()) + 0.5) / members.sum()
        order = order[np.argsort(place, kind="stable")]
    train, val = order[val_count:], order[:val_count]
    return x[train], y[train], x[val], y[val]
