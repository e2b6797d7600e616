"""Cached computations of the activations lab: curves, properties, a gradient through a deep stack,
dead units, output distributions, and the measured cost of each function.

Arguments are names, numbers and tuples only (an activation's parameters as ``(("alpha", 0.01),)``),
so ``st.cache_data`` can hash them; a control that returns to a seen value costs nothing. Each
activation is cached on its own, so moving the ELU's α recomputes the ELU and nothing else.
"""

from __future__ import annotations

import os
import platform
import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

from dl_core import initializers
from dl_core.activations import ACTIVATIONS
from dl_core.lessons import activation_stats
from pages.activations import trainer
from ui.helper_process import in_helper

NAMES = tuple(ACTIVATIONS)
LESSON_NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "elu")  # the functions lesson 1 discusses
Params = tuple[tuple[str, float], ...]

CURVE_POINTS = 501
MIN_X_SPAN = 1.0
SATURATED_PIECE_POINTS = 80
CHAIN_MAX_DEPTH = 50
CHAIN_BATCH = 16
DEAD_FAN_IN = 32
DEAD_UNITS = 100
BIAS_SHIFTS = np.arange(-24, 9) / 4  # -6 to 2 in quarters, the steps of the bias control
HISTOGRAM_BINS = 40
COST_ELEMENTS = 200_000  # 1.6 MB of float64: a pass stays near the processor's caches
COST_ROUNDS = 15  # about 0.3 s in all on an idle 2-core machine


def activation_params(name: str, leaky_alpha: float, elu_alpha: float) -> Params:
    """The parameters the controls set for ``name``: its α, or nothing."""
    alphas = {"leaky_relu": leaky_alpha, "elu": elu_alpha}
    return (("alpha", float(alphas[name])),) if name in alphas else ()


def x_window(low: float, high: float) -> tuple[float, float]:
    """The x range of the curves: the control's, widened about its middle to at least ``MIN_X_SPAN``."""
    middle, half = 0.5 * (low + high), 0.5 * max(high - low, MIN_X_SPAN)
    return middle - half, middle + half


def formulas(name: str) -> str:
    """The function and its derivative, one above the other, for ``st.latex``."""
    activation = ACTIVATIONS[name]
    return r"\begin{gathered}" + activation.latex + r"\\[4pt]" + activation.grad_latex + r"\end{gathered}"


def is_identity(name: str, params: Params) -> bool:
    """Whether the activation is f(x) = x (Leaky ReLU with α = 1): then it adds no non-linearity."""
    return activation_stats.distance_from_identity(name, **dict(params)) == 0.0


@dataclass(frozen=True)
class Curves:
    """A function and its derivative sampled on ``x``; where it saturates, as intervals of ``x`` inside
    the range and as the pieces ``(x, f(x))`` of the curve over them."""

    x: np.ndarray
    values: np.ndarray
    derivatives: np.ndarray
    saturated: tuple[tuple[float, float], ...]
    saturated_pieces: tuple[tuple[np.ndarray, np.ndarray], ...]


@st.cache_data(max_entries=128, show_spinner=False)
def properties(name: str, params: Params, threshold: float) -> activation_stats.Properties:
    """The properties table's row of ``name``: see ``dl_core.lessons.activation_stats.properties``."""
    return activation_stats.properties(name, threshold, **dict(params))


@st.cache_data(max_entries=128, show_spinner=False)
def curves(name: str, params: Params, x_low: float, x_high: float, threshold: float) -> Curves:
    """``CURVE_POINTS`` samples of f and f' over [x_low, x_high], and the saturated intervals clipped to it."""
    fn, grad = ACTIVATIONS[name].fn, ACTIVATIONS[name].grad
    x = np.linspace(x_low, x_high, CURVE_POINTS)
    clipped = (
        (max(low, x_low), min(high, x_high))
        for low, high in properties(name, params, threshold).saturated_where
    )
    saturated = tuple((low, high) for low, high in clipped if low < high)
    pieces = tuple(
        (piece, fn(piece, **dict(params)))
        for piece in (np.linspace(low, high, SATURATED_PIECE_POINTS) for low, high in saturated)
    )
    return Curves(x, fn(x, **dict(params)), grad(x, **dict(params)), saturated, pieces)


@st.cache_data(max_entries=128, show_spinner=False)
def histogram(name: str, params: Params, mu: float, sigma: float) -> activation_stats.Histogram:
    """The distribution of f(x), x ~ N(μ, σ²), in ``HISTOGRAM_BINS`` bins."""
    return activation_stats.output_histogram(name, mu, sigma, HISTOGRAM_BINS, **dict(params))


@dataclass(frozen=True)
class Chain:
    """Inputs, weights (``CHAIN_MAX_DEPTH`` layers) and the gradient arriving at the output."""

    inputs: np.ndarray
    weights: np.ndarray
    output_grad: np.ndarray


@st.cache_resource(max_entries=8, show_spinner=False)
def chain(width: int, scale: float, seed: int) -> Chain:
    """The same random stack for every activation, so the comparison is fair. Shared, never mutated."""
    rng = np.random.default_rng(seed)
    inputs = rng.standard_normal((CHAIN_BATCH, width))
    weights = activation_stats.chain_weights(CHAIN_MAX_DEPTH, width, scale, rng)
    output_grad = rng.standard_normal((CHAIN_BATCH, width))
    for array in (inputs, weights, output_grad):
        array.flags.writeable = False
    return Chain(inputs, weights, output_grad)


@st.cache_data(max_entries=16, show_spinner=False)  # 0.4 MB each: every layer's derivatives
def chain_pass(name: str, params: Params, width: int, scale: float, seed: int) -> activation_stats.ChainPass:
    """The forward pass through all ``CHAIN_MAX_DEPTH`` layers; a shallower stack is its first layers."""
    stack = chain(width, scale, seed)
    return activation_stats.forward_through_chain(name, stack.inputs, stack.weights, **dict(params))


@dataclass(frozen=True)
class GradientProfile:
    """Per layer 1..depth: the RMS gradient ∂ℓ/∂z (output gradient of RMS 1) and the off-centre ratio."""

    sizes: np.ndarray
    off_centre: np.ndarray


@st.cache_data(max_entries=256, show_spinner=False)
def gradient_profile(name: str, params: Params, depth: int, width: int, scale: float, seed: int) -> GradientProfile:
    """The gradient sent back through the first ``depth`` layers of the stack (a depth move reuses the forward pass)."""
    stack = chain(width, scale, seed)
    forward = chain_pass(name, params, width, scale, seed)
    sizes = activation_stats.gradient_sizes(forward.derivatives[:depth], stack.weights[:depth], stack.output_grad)
    return GradientProfile(sizes, forward.off_centre[:depth])


@st.cache_data(max_entries=64, show_spinner=False)
def dead_units(name: str, params: Params, batch: int, seed: int) -> activation_stats.DeadUnits:
    """A layer of ``DEAD_UNITS`` units over a batch, for every bias shift of the control."""
    rng = np.random.default_rng(seed)
    inputs = rng.standard_normal((batch, DEAD_FAN_IN))
    weights = initializers.lecun_normal(DEAD_FAN_IN, DEAD_UNITS, rng)
    return activation_stats.dead_units(name, inputs, weights, BIAS_SHIFTS, **dict(params))


def shift_index(shift: float) -> int:
    """Where the control's bias shift sits in ``BIAS_SHIFTS``."""
    return int(np.argmin(np.abs(BIAS_SHIFTS - shift)))


@dataclass(frozen=True)
class Cost:
    """Nanoseconds per element of each activation (default parameters): the median over ``rounds`` rounds, each
    round timing every function once; ``ratios`` holds sigmoid's time over ReLU's in every round (the spread of the
    figure the page quotes); ``seconds`` the whole measurement; ``machine`` its arch, cores, python and numpy."""

    ns_per_element: dict[str, float]
    rounds: int
    ratios: tuple[float, ...]
    seconds: float
    machine: dict[str, str]


def _cpu_time(name: str, values: np.ndarray) -> float:
    """CPU time of this thread for one evaluation: other sessions and programs taking turns on the processor do
    not count in it."""
    started = time.thread_time()
    ACTIVATIONS[name].fn(values)
    return time.thread_time() - started


@st.cache_resource(show_spinner=False)
def cost() -> Cost:
    """Time every activation on the same ``COST_ELEMENTS`` float64 values, round after round (``COST_ROUNDS``; the
    functions take turns, so a slow moment of the machine hits all of them alike), after a warm-up round that is
    not counted; keep each function's median. Runs once per server process."""
    started = time.perf_counter()
    values = np.random.default_rng(0).standard_normal(COST_ELEMENTS)
    for name in NAMES:  # warm-up: the first pass over fresh memory is slower, whichever function makes it
        ACTIVATIONS[name].fn(values)
    times = np.array([[_cpu_time(name, values) for name in NAMES] for _ in range(COST_ROUNDS)])
    median = np.median(times, axis=0)
    sigmoid, relu = NAMES.index("sigmoid"), NAMES.index("relu")
    ratios = times[:, sigmoid] / np.maximum(times[:, relu], 1e-9)
    machine = {"arch": platform.machine(), "cores": str(os.cpu_count()), "python": platform.python_version(),
               "numpy": np.__version__}
    return Cost(
        ns_per_element={name: float(seconds) * 1e9 / COST_ELEMENTS
                        for name, seconds in zip(NAMES, median, strict=True)},
        rounds=COST_ROUNDS,
        ratios=tuple(float(ratio) for ratio in ratios),
        seconds=time.perf_counter() - started,
        machine=machine,
    )


@dataclass(frozen=True)
class Settings:
    """The values of the page's controls that the measurements depend on."""

    leaky_alpha: float
    elu_alpha: float
    threshold: float
    depth: int
    width: int
    scale: float
    seed: int
    shift: float
    batch: int

    def params(self, name: str) -> Params:
        return activation_params(name, self.leaky_alpha, self.elu_alpha)

    def properties(self, name: str) -> activation_stats.Properties:
        return properties(name, self.params(name), self.threshold)

    def curves(self, name: str, x_low: float, x_high: float) -> Curves:
        return curves(name, self.params(name), x_low, x_high, self.threshold)

    def gradient(self, name: str) -> GradientProfile:
        return gradient_profile(name, self.params(name), self.depth, self.width, self.scale, self.seed)

    def dead(self, name: str) -> activation_stats.DeadUnits:
        return dead_units(name, self.params(name), self.batch, self.seed)

    def histogram(self, name: str, mu: float, sigma: float) -> activation_stats.Histogram:
        """The output histogram for inputs N(``mu``, ``sigma``²), the zero-centring section's own controls."""
        return histogram(name, self.params(name), mu, sigma)


@dataclass(frozen=True)
class Measurements:
    """Everything the page's tables and sentences report, measured once per run: per activation its properties,
    the gradient through the stack and its dead units, and the cost of every function."""

    properties: dict[str, activation_stats.Properties]
    gradients: dict[str, GradientProfile]
    dead: dict[str, activation_stats.DeadUnits]
    cost: Cost


def measure(settings: Settings, names) -> Measurements:
    """The measurements of ``names`` and of the functions lesson 1 discusses (its claims need them)."""
    wanted = list(dict.fromkeys([*names, *LESSON_NAMES]))
    return Measurements(
        properties={name: settings.properties(name) for name in wanted},
        gradients={name: settings.gradient(name) for name in wanted},
        dead={name: settings.dead(name) for name in wanted},
        cost=cost(),
    )


@st.cache_data(max_entries=16, show_spinner=False)
def elu_race(data: str, seed: int) -> trainer.Race:
    """``trainer.race`` (in the helper process): the deep network with each activation, ten seeds."""
    return in_helper(trainer.race, data, seed)
