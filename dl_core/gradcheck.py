r"""Gradient checking: centred finite differences and the relative error between two gradients.

An analytic derivative is trusted once it agrees with the centred difference

.. math:: f'(x) \approx \frac{f(x+h)-f(x-h)}{2h},

whose truncation error is :math:`O(h^2)` (a one-sided difference has :math:`O(h)`).
The step is scaled to the point, :math:`h=\varepsilon\max(1,|x|)`, so that :math:`x \pm h` is a
real move at any magnitude (a fixed :math:`h=10^{-6}` is lost in rounding next to :math:`|x|=10^{10}`);
the divisor is the step actually taken, :math:`(x+h)-(x-h)` in floating point, not the nominal
:math:`2h`.
"""

from collections.abc import Callable

import numpy as np


def _step(x: np.ndarray, eps: float) -> np.ndarray:
    r"""The finite-difference step :math:`h=\varepsilon\max(1,|x|)`, elementwise, same shape as ``x``."""
    return eps * np.maximum(1.0, np.abs(x))


def numerical_grad(f: Callable[[np.ndarray], float], x, eps: float = 1e-6) -> np.ndarray:
    r"""Gradient of a scalar function by centred differences, one coordinate at a time.

    .. math:: \frac{\partial f}{\partial x_i} \approx \frac{f(x+h_i e_i)-f(x-h_i e_i)}{2h_i},
              \qquad h_i=\varepsilon\max(1,|x_i|)

    ``x`` has any shape; ``f`` maps an array of that shape to a scalar. Returns an array of the
    shape of ``x``. Costs two calls of ``f`` per coordinate: a test utility, not a training tool.
    ``x`` is not modified, and ``f`` always receives fresh arrays.
    """
    x = np.asarray(x, dtype=np.float64)
    steps = _step(x, eps)
    grad = np.empty_like(x)
    for index in np.ndindex(x.shape):
        bump = np.zeros_like(x)
        bump[index] = steps[index]
        x_plus, x_minus = x + bump, x - bump
        grad[index] = (float(f(x_plus)) - float(f(x_minus))) / (x_plus[index] - x_minus[index])
    return grad


def numerical_derivative(f: Callable[[np.ndarray], np.ndarray], x, eps: float = 1e-6) -> np.ndarray:
    r"""Derivative of an elementwise function by centred differences, all points at once.

    .. math:: f'(x) \approx \frac{f(x+h)-f(x-h)}{2h}, \qquad h=\varepsilon\max(1,|x|)

    ``f`` must act elementwise (``f(x)[i]`` depends on ``x[i]`` only), as an activation does.
    ``x`` has any shape; the result has the same shape.
    """
    x = np.asarray(x, dtype=np.float64)
    steps = _step(x, eps)
    x_plus, x_minus = x + steps, x - steps
    return (f(x_plus) - f(x_minus)) / (x_plus - x_minus)


def relative_error(a, b, floor: float = 1e-12) -> float:
    r"""Largest elementwise relative error between two arrays (for example two gradients).

    .. math:: \max_i \frac{|a_i-b_i|}{\max(|a_i|+|b_i|,\ \text{floor})}

    Symmetric in ``a`` and ``b``, and between 0 and 1. The ``floor`` keeps entries where both are
    (almost) zero from dividing by zero: there the absolute difference, divided by ``floor``, is
    what counts. ``a`` and ``b`` broadcast against each other.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), floor)))
