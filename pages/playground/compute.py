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

from dl_core.lessons.playground import Recording, SeedsRecording
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


@st.cache_data(max_entries=16, show_spinner=False)
def over_seeds(setup: Setup, data: str, noise: float, size: int) -> SeedsRecording:
    """``trainer.over_seeds`` (in the helper process): the configuration trained for ten seeds in lockstep."""
    return in_helper(trainer.over_seeds, setup, data, noise, size)


HOLDS = 8  # of the 10 seeds: a comparison the page states holds in at least this many


@dataclass(frozen=True)
class SeedsVerdict:
    """A against B over the seeds: in how many A ended with the lower validation loss (``a_lower``; B in
    ``b_lower``), and in how many each reached ``target`` validation accuracy first (``a_first``, ``b_first``)."""

    seeds: int
    a_lower: int
    b_lower: int
    target: float
    a_first: int
    b_first: int


def seeds_target(first: SeedsRecording, second: SeedsRecording) -> float:
    """The accuracy both configurations race to: 95 % of the better median final validation accuracy (at least
    0.5), over the seeds, so that it does not change with the seed a student looks at."""
    return max(0.5, 0.95 * max(float(np.median(first.val_accuracy[-1])), float(np.median(second.val_accuracy[-1]))))


def seeds_verdict(first: SeedsRecording, second: SeedsRecording, target: float) -> SeedsVerdict:
    """Compare two configurations seed by seed (a diverged run loses)."""
    final_a = np.where(first.diverged, np.inf, first.val_loss[-1])
    final_b = np.where(second.diverged, np.inf, second.val_loss[-1])

    def reached(run: SeedsRecording) -> np.ndarray:
        hits = run.val_accuracy >= target
        return np.where(hits.any(axis=0) & ~run.diverged, run.steps[hits.argmax(axis=0)], np.iinfo(int).max)

    when_a, when_b = reached(first), reached(second)
    return SeedsVerdict(len(first.seeds), int((final_a < final_b).sum()), int((final_b < final_a).sum()), target,
                        int((when_a < when_b).sum()), int((when_b < when_a).sum()))


def verdict(first: Recording, second: Recording) -> Verdict:
    """Compare two runs: the target accuracy is 95 % of the better final validation accuracy (at least 0.5)."""
    target = max(0.5, 0.95 * max(first.val_accuracy[-1], second.val_accuracy[-1]))

    def reached(run: Recording) -> int:
        hits = np.flatnonzero(run.val_accuracy >= target)
        return int(run.steps[hits[0]]) if hits.size else -1

    return Verdict((float(first.val_loss[-1]), float(second.val_loss[-1])),
                   (float(first.val_accuracy[-1]), float(second.val_accuracy[-1])), float(target),
                   (reached(first), reached(second)), (first.diverged, second.diverged))
