"""The one quadrature rule of dl_core: composite Simpson, for the expectations of an activation under a normal
distribution (``activation_stats``) and the initialization lab's variance theory (``variance``)."""

import numpy as np


def simpson_weights(nodes: int) -> np.ndarray:
    r"""Composite Simpson weights :math:`\tfrac13(1, 4, 2, 4, \ldots, 4, 1)` on ``nodes`` equally spaced nodes
    (``nodes`` odd); times the step between nodes they integrate a function sampled there."""
    weights = np.full(nodes, 2.0)
    weights[1::2] = 4.0
    weights[[0, -1]] = 1.0
    return weights / 3.0
