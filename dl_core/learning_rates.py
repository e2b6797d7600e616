r"""Lesson 6's four learning rates, found on any surface from one batched sweep.

A sweep runs one optimizer at many learning rates at once (``lr`` of shape ``(K, 1)``). Each run
is scored by the mean over its steps of :math:`\log_{10}(L(w_t) - L^\ast)`: the lower, the faster
and the deeper it went. From the scores:

- *good*: the best score;
- *too large*: the smallest rate above the good one whose run diverged, ended above its start, or
  climbed back up (its last loss gap ten times its best one);
- *not large enough*: about a tenth of the good rate: quick at first, then it crawls;
- *too small*: about a hundredth of it: slow from the first step.
"""

from __future__ import annotations

import numpy as np

GAP_FLOOR = 1e-16
NOT_ENOUGH_FACTOR = 0.1
TOO_SMALL_FACTOR = 0.01
CLIMB_FACTOR = 10.0


def scores(losses: np.ndarray, diverged_at: np.ndarray, min_value: float) -> np.ndarray:
    r"""Mean of :math:`\log_{10}(L - L^\ast)` over the steps of each run (``losses (steps+1, K)``).

    Infinite where the run diverged.
    """
    with np.errstate(divide="ignore"):
        mean_log_gap = np.log10(np.maximum(losses - min_value, GAP_FLOOR)).mean(axis=0)
    return np.where(diverged_at >= 0, np.inf, mean_log_gap)


def four_learning_rates(lrs: np.ndarray, losses: np.ndarray, diverged_at: np.ndarray, min_value: float) -> np.ndarray:
    """Indices into the increasing ``lrs`` of the rates too small, not large enough, good and too large.

    ``losses (steps+1, K)`` and ``diverged_at (K,)`` come from one run per rate. The indices are
    distinct when ``lrs`` has at least four entries (neighbours stand in when a factor falls off the
    sweep).
    """
    lrs = np.asarray(lrs, dtype=float)
    if lrs.ndim != 1 or lrs.size < 4 or np.any(np.diff(lrs) <= 0):
        raise ValueError("lrs must be increasing with at least four entries")
    score = scores(losses, diverged_at, min_value)
    good = int(np.argmin(score)) if np.isfinite(score).any() else 0
    good = min(max(good, 2), lrs.size - 2)
    gap = np.maximum(losses - min_value, GAP_FLOOR)
    climbed = gap[-1] > CLIMB_FACTOR * gap.min(axis=0)
    worse = (diverged_at >= 0) | (losses[-1] > losses[0]) | climbed
    above = np.flatnonzero(worse & (np.arange(lrs.size) > good))
    too_large = int(above[0]) if above.size else lrs.size - 1

    def nearest_below(target: float, ceiling: int) -> int:
        return min(int(np.argmin(np.abs(np.log(lrs[:ceiling]) - np.log(target)))), ceiling - 1)

    not_enough = nearest_below(lrs[good] * NOT_ENOUGH_FACTOR, good)
    too_small = nearest_below(lrs[good] * TOO_SMALL_FACTOR, not_enough) if not_enough > 0 else 0
    if too_small == not_enough:  # only when not_enough is 0: take the two lowest rates
        too_small, not_enough = 0, 1
    return np.array([too_small, not_enough, good, too_large])
