"""Cached computations of the dropout lab: the masks of a drawn network over training steps, one layer's outputs over
many masks, a network trained without and with several dropout rates, and Monte-Carlo dropout over the plane.

Arguments are names and numbers only, so ``st.cache_data`` can hash them. Each chart's data is cached by the controls
it depends on alone: the training by the data and network settings, the Monte-Carlo passes by those and their own
two controls; what a chart shows (loss or accuracy, validation points or not) recomputes nothing.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from dl_core.initializers import INITIALIZERS
from dl_core.lessons import dropout as lesson
from dl_core.lessons.dropout import SeedsRun
from pages.dropout import trainer
from pages.dropout.trainer import DataSet, Plane, Training
from ui.helper_process import in_helper

# ---------------------------------------------------------------- the thinned network

DRAWN_BATCH = 32  # examples per training step of the drawn network: each gets its own mask


@st.cache_data(max_entries=32, show_spinner=False)
def thinned(width: int, drop_prob: float, steps: int, seed: int) -> lesson.ThinnedSteps:
    """The masks of ``steps`` training steps of a network with two hidden layers of ``width`` units
    (``dl_core.lessons.dropout.thinned_steps``), a batch of ``DRAWN_BATCH`` examples each."""
    return lesson.thinned_steps((width, width), drop_prob, steps, DRAWN_BATCH,
                                       np.random.default_rng([seed, 1]))


# ---------------------------------------------------------------- one layer over many masks

LAYER_UNITS = 12
LAYER_INPUT = np.array([0.8, -0.5])
LAYER_BIAS = 0.5


def layer_activations(seed: int) -> np.ndarray:
    """A hidden layer of ``LAYER_UNITS`` ReLU units (He-initialised weights, biases ``LAYER_BIAS``) at one input: the
    eval-mode outputs a_j that dropout is applied to (some are 0: ReLU units that this input does not reach)."""
    weights = INITIALIZERS["he_normal"].sample(2, LAYER_UNITS, np.random.default_rng([seed, 2]))
    return np.maximum(LAYER_INPUT @ weights + LAYER_BIAS, 0.0)


CURVE_POINTS = 240  # mask counts a running mean is kept at, log-spaced (all 100,000 would be 19 MB a setting)


@st.cache_data(max_entries=32, show_spinner=False)
def over_masks(drop_prob: float, count: int, seed: int) -> lesson.OverMasks:
    """The layer's outputs through ``count`` masks (``dl_core.lessons.dropout.over_masks``), the running means at
    ``CURVE_POINTS`` mask counts."""
    return lesson.over_masks(layer_activations(seed), drop_prob, count, np.random.default_rng([seed, 3]),
                                    rows=CURVE_POINTS)


# ---------------------------------------------------------------- against overfitting (what is computed: ``trainer``)


@st.cache_data(max_entries=16, show_spinner=False)
def dataset(data: str, noise: float, size: int, seed: int) -> DataSet:
    """``trainer.make_dataset``: ``size`` training points and ``trainer.VAL_SIZE`` validation points."""
    return trainer.make_dataset(data, noise, size, seed)


@st.cache_data(max_entries=12, show_spinner=False)
def training(data: str, noise: float, size: int, width: int, epochs: int, lr: float, seed: int,
             rates: tuple[float, ...]) -> Training:
    """``trainer.train`` (in the helper process): the network without dropout and with each of ``rates``."""
    return in_helper(trainer.train, data, noise, size, width, epochs, lr, seed, rates)


@st.cache_data(max_entries=12, show_spinner=False)
def over_seeds(data: str, noise: float, size: int, width: int, epochs: int, lr: float,
               rates: tuple[float, ...]) -> SeedsRun:
    """``trainer.over_seeds`` (in the helper process): the comparison repeated for ten seeds."""
    return in_helper(trainer.over_seeds, data, noise, size, width, epochs, lr, rates)


@st.cache_data(max_entries=16, show_spinner=False)
def monte_carlo(data: str, noise: float, size: int, width: int, epochs: int, lr: float, seed: int,
                rates: tuple[float, ...], mc_rate: float, passes: int) -> Plane:
    """``passes`` passes with dropout on (``dl_core.lessons.dropout.mc_dropout``) of the network trained with
    ``mc_rate`` (one of ``rates``), over the plane."""
    trained = training(data, noise, size, width, epochs, lr, seed, rates)
    index = (0.0, *rates).index(mc_rate)
    return in_helper(trainer.monte_carlo_passes, width, trained.run.network(index), mc_rate,
                     dataset(data, noise, size, seed).bounds, passes, seed)


