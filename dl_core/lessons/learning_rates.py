r"""Lesson 6's four learning rates, as in the figure of Stanford's CS231n notes ("Learning"): minibatch SGD at

- a *low* rate: the loss falls slowly from the very first step;
- a *good* rate: it falls fast and keeps falling to near the minimum;
- a *high* rate: it falls fastest at first, then stalls on a plateau above the minimum, because the noise of the
  minibatch gradients keeps it bouncing (the step is too coarse to settle);
- a *very high* rate: it diverges.

On a quadratic loss the rates are set as shares of plain gradient descent's stability limit :math:`2/\lambda_{\max}`,
so the four behaviours appear on any scale of the data.
"""

from __future__ import annotations

import numpy as np

# (name, share of 2 / lambda_max), in the order the figure shows them.
CS231N_SHARES = (("low", 0.005), ("good", 0.05), ("high", 0.5), ("very_high", 1.25))
NAMES = tuple(name for name, _ in CS231N_SHARES)


def cs231n_rates(lambda_max: float) -> np.ndarray:
    r"""The low, good, high and very high learning rates for a quadratic whose largest Hessian eigenvalue is
    ``lambda_max``: :math:`s \cdot 2/\lambda_{\max}` for the shares ``s`` of ``CS231N_SHARES``."""
    if not (np.isfinite(lambda_max) and lambda_max > 0):
        raise ValueError(f"lambda_max must be > 0, got {lambda_max}")
    return np.array([share for _, share in CS231N_SHARES]) * 2.0 / lambda_max
