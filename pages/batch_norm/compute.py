"""Cached computations of the batch-norm lab: one layer's batch, the stream of batches and its running estimates,
train versus eval mode, and deep networks trained with and without batch norm (one run each, and a sweep of
learning rates run as one batch).

Arguments are names and numbers only, so ``st.cache_data`` can hash them. Each figure's data is cached by the
controls it depends on alone: moving the learning rate retrains the two networks but not the sweep, and a display
option (what the distributions show, the bias correction) recomputes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from dl_core import layers
from dl_core.layers import BatchNormStats
from dl_core.lessons import batch_norm as lesson
from dl_core.lessons.batch_norm import RatesRun, constant_guess_loss
from pages.batch_norm import trainer
from pages.batch_norm.trainer import Sweep
from ui.helper_process import in_helper

EPS = 1e-5  # batch norm's epsilon, as torch.nn.BatchNorm1d

# ---------------------------------------------------------------- one layer

LAYER_INPUTS = 3
# A layer of four units whose pre-activations z = xW + b have very different means and spreads.
LAYER_WEIGHTS = np.array([[2.0, 0.3, -0.6, 1.2], [-1.5, 0.2, 0.7, 0.9], [1.0, -0.1, 0.4, -1.0]])
LAYER_BIAS = np.array([4.0, -1.5, 0.5, -6.0])


@dataclass(frozen=True)
class LayerBatch:
    """A batch through one layer of four units: ``z`` (pre-activations), ``z_hat`` (normalised) and ``y``
    (after γ and β), each ``(N, 4)``; the γ and β used, ``(4,)`` each."""

    z: np.ndarray
    z_hat: np.ndarray
    y: np.ndarray
    gamma: np.ndarray
    beta: np.ndarray


@st.cache_data(max_entries=64, show_spinner=False)
def layer_batch(batch_size: int, seed: int, gamma: float, beta: float, undo: bool) -> LayerBatch:
    """``batch_size`` inputs x ~ N(0, I) through ``z = xW + b`` and batch norm in train mode
    (``dl_core.layers.batchnorm_forward``) with γ and β for every unit, or, with ``undo``, the γ = √(σ²+ε), β = μ
    of each unit's batch (``dl_core.lessons.batch_norm.identity_parameters``)."""
    x = np.random.default_rng(seed).standard_normal((batch_size, LAYER_INPUTS))
    z = x @ LAYER_WEIGHTS + LAYER_BIAS
    units = z.shape[1]
    if undo:
        gammas, betas = lesson.identity_parameters(z, EPS)
    else:
        gammas, betas = np.full(units, float(gamma)), np.full(units, float(beta))
    running = BatchNormStats.initial(units)
    z_hat, _, _ = layers.batchnorm_forward(z, np.ones(units), np.zeros(units), running, train=True, eps=EPS)
    y, _, _ = layers.batchnorm_forward(z, gammas, betas, running, train=True, eps=EPS)
    return LayerBatch(z, z_hat, y, gammas, betas)


# ---------------------------------------------------------------- running statistics


@st.cache_data(max_entries=32, show_spinner=False)
def stream(mean: float, std: float, batch_size: int, steps: int, momentum: float, seed: int) -> lesson.Stream:
    """The stream of batches of one unit and its running estimates (``dl_core.lessons.batch_norm.stream``)."""
    return lesson.stream(mean, std, batch_size, steps, momentum, np.random.default_rng(seed))


# ---------------------------------------------------------------- train versus eval

TRIALS = 400  # batches drawn around the chosen sample
SIZES = (2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256)
BAND = (10.0, 50.0, 90.0)


@dataclass(frozen=True)
class TrainEval:
    """One sample x₀ in ``TRIALS`` batches of N drawn from the unit's distribution: its train-mode outputs
    ``(TRIALS,)`` (None for N = 1, which train mode refuses), its eval-mode output (the stream's last running
    statistics) and the ideal (x₀ − μ)/σ; ``batch`` is the first of those batches ``(N,)`` with its train-mode
    outputs (None for N = 1) and eval-mode outputs."""

    train_outputs: np.ndarray | None
    eval_output: float
    ideal: float
    batch: np.ndarray
    batch_train: np.ndarray | None
    batch_eval: np.ndarray
    error: str


def _companions(mean: float, std: float, count: int, seed: int) -> np.ndarray:
    return mean + std * np.random.default_rng([seed, count]).standard_normal((TRIALS, count))


@st.cache_data(max_entries=64, show_spinner=False)
def train_eval(mean: float, std: float, batch_size: int, sample: float, running: tuple[float, float],
               seed: int) -> TrainEval:
    """x₀ = ``sample`` in batches of ``batch_size`` (``dl_core.lessons.batch_norm.train_mode_outputs``), against eval
    mode with the running statistics ``(mean, var)``."""
    stats = BatchNormStats(np.array([running[0]]), np.array([running[1]]))
    companions = _companions(mean, std, batch_size - 1, seed)
    batch = np.concatenate([[sample], companions[0]])
    eval_batch, _, _ = layers.batchnorm_forward(batch[:, None], np.ones(1), np.zeros(1), stats, train=False, eps=EPS)
    outputs = batch_train = None
    error = ""
    try:
        outputs = lesson.train_mode_outputs(sample, companions, eps=EPS)
        batch_train, _, _ = layers.batchnorm_forward(batch[:, None], np.ones(1), np.zeros(1), stats, train=True,
                                                     eps=EPS)
        batch_train = batch_train[:, 0]
    except ValueError as problem:  # a batch of one: the engine refuses, as PyTorch does
        error = str(problem)
    return TrainEval(outputs, lesson.eval_mode_output(sample, stats, eps=EPS), (sample - mean) / std, batch,
                     batch_train, eval_batch[:, 0], error)


@dataclass(frozen=True)
class BySize:
    """x₀'s train-mode output over batch sizes ``SIZES``: its 10th, 50th and 90th percentiles ``(sizes, 3)``."""

    sizes: np.ndarray
    band: np.ndarray


@st.cache_data(max_entries=32, show_spinner=False)
def by_size(mean: float, std: float, sample: float, seed: int) -> BySize:
    band = np.array([np.percentile(lesson.train_mode_outputs(sample, _companions(mean, std, size - 1, seed),
                                                                      eps=EPS), BAND) for size in SIZES])
    return BySize(np.array(SIZES), band)


# ---------------------------------------------------------------- deep networks (what is computed: ``trainer``)


@st.cache_data(max_entries=16, show_spinner=False)
def dataset(data: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``trainer.make_dataset``: ``trainer.SAMPLES`` points of a 2-D data set (two classes)."""
    return trainer.make_dataset(data, seed)


@st.cache_data(max_entries=24, show_spinner=False)
def deep_run(activation: str, depth: int, lr: float, steps: int, data: str, seed: int,
             batch_norm: bool) -> RatesRun:
    """``trainer.deep_run`` (in the helper process): one network trained at ``lr``, its layers' values recorded."""
    return in_helper(trainer.deep_run, activation, depth, lr, steps, data, seed, batch_norm)


@st.cache_data(max_entries=24, show_spinner=False)
def sweep(activation: str, depth: int, data: str, batch_norm: bool) -> Sweep:
    """``trainer.sweep`` (in the helper process): short runs at every rate of ``trainer.SWEEP_LRS``."""
    return in_helper(trainer.sweep, activation, depth, data, batch_norm)


@st.cache_data(max_entries=24, show_spinner=False)
def spread(activation: str, depth: int, lr: float, steps: int, data: str) -> trainer.Spread:
    """``trainer.spread`` (in the helper process): over seeds 0 to 9, whether the plain network's last layer's
    spread collapsed or grew."""
    return in_helper(trainer.spread, activation, depth, lr, steps, data)


def constant_guess(data: str, seed: int) -> float:
    """The loss of the best constant guess on the data set (the entropy of its class frequencies)."""
    return constant_guess_loss(dataset(data, seed)[1], 2)


def trained_threshold(data: str, seed: int) -> float:
    """The loss below which a run counts as trained: ``trainer.TRAINED_SHARE`` of the best constant guess's."""
    return trainer.TRAINED_SHARE * constant_guess(data, seed)
