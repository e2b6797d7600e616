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

from dl_core import batchnorm_stats, datasets, layers
from dl_core.layers import BatchNormStats
from dl_core.lockstep_training import LockstepRun, constant_guess_loss, train_lockstep, trained
from dl_core.network import MLP
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
    of each unit's batch (``dl_core.batchnorm_stats.identity_parameters``)."""
    x = np.random.default_rng(seed).standard_normal((batch_size, LAYER_INPUTS))
    z = x @ LAYER_WEIGHTS + LAYER_BIAS
    units = z.shape[1]
    if undo:
        gammas, betas = batchnorm_stats.identity_parameters(z, EPS)
    else:
        gammas, betas = np.full(units, float(gamma)), np.full(units, float(beta))
    running = BatchNormStats.initial(units)
    z_hat, _, _ = layers.batchnorm_forward(z, np.ones(units), np.zeros(units), running, train=True, eps=EPS)
    y, _, _ = layers.batchnorm_forward(z, gammas, betas, running, train=True, eps=EPS)
    return LayerBatch(z, z_hat, y, gammas, betas)


# ---------------------------------------------------------------- running statistics


@st.cache_data(max_entries=32, show_spinner=False)
def stream(mean: float, std: float, batch_size: int, steps: int, momentum: float, seed: int) -> batchnorm_stats.Stream:
    """The stream of batches of one unit and its running estimates (``dl_core.batchnorm_stats.stream``)."""
    return batchnorm_stats.stream(mean, std, batch_size, steps, momentum, np.random.default_rng(seed))


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
    """x₀ = ``sample`` in batches of ``batch_size`` (``dl_core.batchnorm_stats.train_mode_outputs``), against eval
    mode with the running statistics ``(mean, var)``."""
    stats = BatchNormStats(np.array([running[0]]), np.array([running[1]]))
    companions = _companions(mean, std, batch_size - 1, seed)
    batch = np.concatenate([[sample], companions[0]])
    eval_batch, _, _ = layers.batchnorm_forward(batch[:, None], np.ones(1), np.zeros(1), stats, train=False, eps=EPS)
    outputs = batch_train = None
    error = ""
    try:
        outputs = batchnorm_stats.train_mode_outputs(sample, companions, eps=EPS)
        batch_train, _, _ = layers.batchnorm_forward(batch[:, None], np.ones(1), np.zeros(1), stats, train=True,
                                                     eps=EPS)
        batch_train = batch_train[:, 0]
    except ValueError as problem:  # a batch of one: the engine refuses, as PyTorch does
        error = str(problem)
    return TrainEval(outputs, batchnorm_stats.eval_mode_output(sample, stats, eps=EPS), (sample - mean) / std, batch,
                     batch_train, eval_batch[:, 0], error)


@dataclass(frozen=True)
class BySize:
    """x₀'s train-mode output over batch sizes ``SIZES``: its 10th, 50th and 90th percentiles ``(sizes, 3)``."""

    sizes: np.ndarray
    band: np.ndarray


@st.cache_data(max_entries=32, show_spinner=False)
def by_size(mean: float, std: float, sample: float, seed: int) -> BySize:
    band = np.array([np.percentile(batchnorm_stats.train_mode_outputs(sample, _companions(mean, std, size - 1, seed),
                                                                      eps=EPS), BAND) for size in SIZES])
    return BySize(np.array(SIZES), band)


# ---------------------------------------------------------------- deep networks

DATA = ("moons", "circles", "xor", "spirals")
NOISE = {"moons": 0.15, "circles": 0.08, "xor": 0.1, "spirals": 0.05}
ACTIVATIONS = ("sigmoid", "tanh", "relu")
INITIALIZER = {"sigmoid": "xavier_normal", "tanh": "xavier_normal", "relu": "he_normal"}
SAMPLES = 384
WIDTH = 16
BATCH = 64
FRAMES = 20  # snapshots of a training run
PROBE = 192  # samples whose layer values are drawn
SWEEP_LRS = (0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
SWEEP_STEPS = 150
TRAINED_SHARE = 0.5  # "trained": loss at most half of the best constant guess's
PRE_EDGES = np.linspace(-4.0, 4.0, 41)
OUTPUT_EDGES = {"sigmoid": np.linspace(0.0, 1.0, 41), "tanh": np.linspace(-1.0, 1.0, 41),
                "relu": np.linspace(0.0, 4.0, 41)}


@st.cache_data(max_entries=16, show_spinner=False)
def dataset(data: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``SAMPLES`` points of a 2-D data set of ``dl_core.datasets`` (two classes)."""
    return getattr(datasets, data)(SAMPLES, np.random.default_rng([seed, 7]), noise=NOISE[data])


def network(activation: str, depth: int, batch_norm: bool) -> MLP:
    """``depth`` hidden layers of ``WIDTH`` units on 2-D inputs, two classes."""
    return MLP((2, *(WIDTH,) * depth, 2), activation=activation, batch_norm=batch_norm)


@st.cache_data(max_entries=24, show_spinner=False)
@in_helper
def deep_run(activation: str, depth: int, lr: float, steps: int, data: str, seed: int,
             batch_norm: bool) -> LockstepRun:
    """One network trained with minibatch SGD at ``lr`` (``dl_core.lockstep_training.train_lockstep``), with the
    spread of every hidden layer's values at ``FRAMES`` snapshots."""
    x, y = dataset(data, seed)
    probe = x[np.random.default_rng([seed, 11]).permutation(len(x))[:PROBE]]
    return train_lockstep(
        network(activation, depth, batch_norm), [lr], x, y, steps=steps, batch_size=BATCH, seed=seed,
        initializer=INITIALIZER[activation], snapshot_every=max(steps // FRAMES, 1), probe=probe,
        pre_edges=PRE_EDGES, activation_edges=OUTPUT_EDGES[activation],
    )


@dataclass(frozen=True)
class Sweep:
    """Short runs at every rate of ``SWEEP_LRS``: the final loss on the training set ``(rates,)`` (normalised with
    the whole set's statistics), whether each diverged and whether it trained
    (``dl_core.lockstep_training.trained``)."""

    lrs: np.ndarray
    losses: np.ndarray
    diverged: np.ndarray
    trained: np.ndarray


@st.cache_data(max_entries=24, show_spinner=False)
@in_helper
def sweep(activation: str, depth: int, data: str, seed: int, batch_norm: bool) -> Sweep:
    """``SWEEP_STEPS`` steps at each rate of ``SWEEP_LRS``, all rates as one batch; the same initial weights and
    minibatches as ``deep_run`` with the same seed."""
    x, y = dataset(data, seed)
    run = train_lockstep(network(activation, depth, batch_norm), SWEEP_LRS, x, y, steps=SWEEP_STEPS,
                         batch_size=BATCH, seed=seed, initializer=INITIALIZER[activation],
                         snapshot_every=SWEEP_STEPS)
    return Sweep(run.lrs, run.population_losses[-1], run.diverged_at >= 0, trained(run, y, 2, TRAINED_SHARE))


def constant_guess(data: str, seed: int) -> float:
    """The loss of the best constant guess on the data set (the entropy of its class frequencies)."""
    return constant_guess_loss(dataset(data, seed)[1], 2)


def trained_threshold(data: str, seed: int) -> float:
    """The loss below which a run counts as trained: ``TRAINED_SHARE`` of the best constant guess's."""
    return TRAINED_SHARE * constant_guess(data, seed)
