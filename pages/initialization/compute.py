"""Cached computations of the initialization lab: the symmetry trap, one layer against Bienaymé's formula, a deep
stack measured against the theory, Glorot's compromise on one layer, and the same network trained from each
initializer (what runs at length, in the helper process, is in ``trainer``).

Arguments are names, numbers and tuples only, so ``st.cache_data`` can hash them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import streamlit as st

from dl_core.lessons import variance
from pages.initialization import trainer
from pages.initialization.trainer import Symmetry, Training
from ui.helper_process import in_helper

WIDTHS = (16, 32, 64, 100, 128, 256, 500, 512)
SCHEMES = variance.SCHEME_NAMES
STACK_ACTIVATIONS = variance.ACTIVATION_NAMES
SYMMETRY_ACTIVATIONS = ("tanh", "sigmoid", "relu")
TRAIN_ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu", "elu", "gelu")
DATASETS = ("circles", "moons", "xor", "spirals")
STARTS = ("zeros", "constant", "random")  # the three starts of the symmetry trap
BIENAYME_BATCH, BIENAYME_UNITS, BIENAYME_BINS = 1000, 100, 60
GLOROT_BATCH = 512


# ---------------------------------------------------------------- the symmetry trap (computed in ``trainer``)


@st.cache_data(max_entries=16, show_spinner=False)  # 0.3 MB each: the first layer at every step
def symmetry_trap(activation: str, data: str, units: int, constant: float, std: float, steps: int, lr: float,
                  seed: int) -> Symmetry:
    """``trainer.symmetry_trap`` (in the helper process): one network trained from three starts."""
    return in_helper(trainer.symmetry_trap, activation, data, units, constant, std, steps, lr, seed)


# ---------------------------------------------------------------- one layer: Bienaymé


@dataclass(frozen=True)
class Bienayme:
    """One layer's pre-activations against Bienaymé's formula: the measured mean, variance and mean square, the
    lesson's formula and the one that counts the inputs' mean, the standard error of the measured mean square, the
    histogram of the values (the share of all values in each bin between ``edges``), and the variance split into
    its parts within the units (one unit over the data) and between their means."""

    mean: float
    variance: float
    mean_square: float
    lesson: float
    predicted: float
    standard_error: float
    edges: np.ndarray
    shares: np.ndarray
    within_units: float
    between_units: float


@st.cache_data(max_entries=64, show_spinner=False)
def bienayme(fan_in: int, weight_variance: float, input_variance: float, input_mean: float, seed: int) -> Bienayme:
    sample = variance.bienayme_sample(fan_in, weight_variance, input_variance, input_mean,
                                      np.random.default_rng([seed, 2]), batch=BIENAYME_BATCH, units=BIENAYME_UNITS)
    values = sample.pre_activations
    spread = 4.0 * math.sqrt(max(sample.predicted, sample.variance, 1e-300))
    counts, edges = np.histogram(values, bins=BIENAYME_BINS, range=(-spread, spread))
    return Bienayme(sample.mean, sample.variance, sample.mean_square, sample.lesson, sample.predicted,
                    sample.standard_error, edges, counts / values.size, sample.within_units, sample.between_units)


# ---------------------------------------------------------------- the deep stack


@st.cache_data(max_entries=32, show_spinner=False)
def stack(activation: str, names: tuple[str, ...], width: int, depth: int, input_variance: float,
          small_std: float, seed: int) -> variance.StackStatistics:
    """``trainer.stack`` (in the helper process, which keeps the random numbers): every layer's statistics."""
    return in_helper(trainer.stack, activation, names, width, depth, input_variance, small_std, seed)


def steadiest(stats: variance.StackStatistics, candidates) -> str:
    """The initializer whose activations' std in the last layer is closest (by ratio) to the first layer's."""
    def drift(name: str) -> float:
        row = stats.names.index(name)
        first, last = (max(float(value), 1e-300) for value in (stats.post_std[row, 0], stats.post_std[row, -1]))
        return abs(np.log(last / first))

    return min(candidates, key=drift)


@st.cache_data(max_entries=64, show_spinner=False)
def stack_theory(activation: str, names: tuple[str, ...], width: int, depth: int, input_variance: float,
                 small_std: float) -> variance.Theory:
    return variance.theory(activation, variance.weight_variances(names, width, width, small_std), width, depth,
                           input_variance)


# ---------------------------------------------------------------- Glorot's compromise


@st.cache_data(max_entries=64, show_spinner=False)
def glorot(fan_in: int, fan_out: int, seed: int) -> variance.LayerGains:
    candidates = variance.glorot_variances(fan_in, fan_out)
    return variance.layer_gains(fan_in, fan_out, [candidates[name] for name in variance.GLOROT_CHOICES],
                                np.random.default_rng([seed, 4]), batch=GLOROT_BATCH)


# ---------------------------------------------------------------- training from each initializer


def small_std_for(names: tuple[str, ...], small_std: float) -> float:
    """``small_std`` when the fixed-small scheme is among ``names``, else the default: the others do not use it, so
    moving its slider does not recompute them."""
    return small_std if "small_normal" in names else variance.SMALL_STD


SEEDS = 10  # the training comparison's conclusions hold over seeds 0 to 9, whatever seed is chosen: they never flip


def trainings(names: tuple[str, ...], activation: str, data: str, depth: int, epochs: int, lr: float,
              small_std: float, seed: int) -> tuple[dict[int, dict[str, Training]], dict[str, Training]]:
    """The network trained from every initializer of ``names`` for seeds 0 to ``SEEDS - 1`` (``trained_over_seeds``,
    in ``SCHEMES`` order, so that the order a student picked them in does not matter), and the run of ``seed``
    alone (one of them when it is below ``SEEDS``): ``({seed: {initializer: run}}, {initializer: run})``, the
    initializers in the order of ``names``."""
    ordered = tuple(name for name in SCHEMES if name in names)
    settings = (ordered, activation, data, depth, epochs, lr, small_std_for(ordered, small_std))
    found = trained_over_seeds(*settings, tuple(range(SEEDS)))
    own = found[seed] if seed in found else trained_over_seeds(*settings, (seed,))[seed]
    return ({each: {name: runs[name] for name in names} for each, runs in found.items()},
            {name: own[name] for name in names})


@st.cache_data(max_entries=64, show_spinner=False)
def trained_over_seeds(names: tuple[str, ...], activation: str, data: str, depth: int, epochs: int, lr: float,
                       small_std: float, seeds: tuple[int, ...]) -> dict[int, dict[str, Training]]:
    """``trainer.trained_over_seeds`` (in the helper process): the network trained from each of ``names``, for every
    seed, as one lockstep training."""
    return in_helper(trainer.trained_over_seeds, names, activation, data, depth, epochs, lr, small_std, seeds)
