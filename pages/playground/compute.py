"""Cached computations of the network playground (what is computed is in ``trainer``): the data set and a network
trained once and recorded as snapshots, which the browser plays back, and how two runs compare.

Arguments are names and numbers only, so ``st.cache_data`` can hash them: a configuration is a
:class:`~pages.playground.trainer.Setup` (a frozen dataclass of names and numbers), and the data by its own few
settings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from dl_core.lessons.playground import Recording
from pages.playground import trainer
from pages.playground.trainer import DataSet, Setup
from ui.helper_process import in_helper


@st.cache_data(max_entries=32, show_spinner=False)
def dataset(data: str, noise: float, size: int, seed: int) -> DataSet:
    """``trainer.make_dataset``: ``size`` points of ``data``, split with ``seed``."""
    return trainer.make_dataset(data, noise, size, seed)


@st.cache_data(max_entries=12, show_spinner=False)  # 1.7 MB each: the probability over the grid at every snapshot
def training(setup: Setup, data: str, noise: float, size: int, seed: int) -> Recording:
    """``trainer.train`` (in the helper process): ``setup`` trained on the data set with ``seed``, recorded."""
    return in_helper(trainer.train, setup, data, noise, size, seed)


@dataclass(frozen=True)
class Verdict:
    """How two runs on the same data and budget compare: the final validation losses and accuracies, the first step
    at which each reached ``target`` validation accuracy (-1: never), and whether each diverged."""

    val_loss: tuple[float, float]
    val_accuracy: tuple[float, float]
    target: float
    reached: tuple[int, int]
    diverged: tuple[bool, bool]

    @property
    def better(self) -> int | None:
        """0 or 1: the run with the lower final validation loss (unless both are within 2 % of each other)."""
        first, second = self.val_loss
        if abs(first - second) <= 0.02 * max(first, second):
            return None
        return 0 if first < second else 1


def verdict(first: Recording, second: Recording) -> Verdict:
    """Compare two runs: the target accuracy is 95 % of the better final validation accuracy (at least 0.5)."""
    target = max(0.5, 0.95 * max(first.val_accuracy[-1], second.val_accuracy[-1]))

    def reached(run: Recording) -> int:
        hits = np.flatnonzero(run.val_accuracy >= target)
        return int(run.steps[hits[0]]) if hits.size else -1

    return Verdict((float(first.val_loss[-1]), float(second.val_loss[-1])),
                   (float(first.val_accuracy[-1]), float(second.val_accuracy[-1])), float(target),
                   (reached(first), reached(second)), (first.diverged, second.diverged))
