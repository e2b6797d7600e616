"""Which minimum a run ends in: the nearest known minimiser, and how many noisy runs escaped a local one."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def nearest_minimum(points: np.ndarray, minima: np.ndarray) -> np.ndarray:
    r"""The index of the minimiser nearest to each point: :math:`\arg\min_j \lVert w - w^\ast_j \rVert`.

    ``points (..., 2)``, ``minima (m, 2)``; returns integers of shape ``(...)``."""
    points, minima = np.asarray(points, dtype=float), np.asarray(minima, dtype=float)
    return np.linalg.norm(points[..., None, :] - minima, axis=-1).argmin(axis=-1)


@dataclass(frozen=True)
class Escapes:
    """Of the noisy runs that did not diverge: how many ended in a deeper minimum than the noiseless run
    (``deeper``) and how many in the deepest (global) one (``global_reached``)."""

    deeper: int
    global_reached: int


def count_escapes(
    noisy_nearest: np.ndarray, noisy_diverged: np.ndarray, exact_nearest: int, minima_values: np.ndarray
) -> Escapes:
    """Count the noisy runs (their nearest minimum and first diverging step, -1 for none) that escaped the basin
    where the noiseless run (``exact_nearest``) settled; ``minima_values`` is the loss at each minimum."""
    minima_values = np.asarray(minima_values, dtype=float)
    settled = np.asarray(noisy_diverged) < 0
    depth = minima_values[np.asarray(noisy_nearest)]
    deeper = settled & (depth < minima_values[exact_nearest] - 1e-9)
    reached = settled & (np.asarray(noisy_nearest) == int(np.argmin(minima_values)))
    return Escapes(int(deeper.sum()), int(reached.sum()))


def basin(nearest: int, diverged_at: int, minima_values: np.ndarray) -> str:
    """Where one run ended: ``"diverged"``, ``"global"`` (the deepest known minimum) or ``"local"``."""
    if diverged_at >= 0:
        return "diverged"
    return "global" if nearest == int(np.argmin(minima_values)) else "local"
