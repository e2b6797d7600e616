"""Cached computations of the backprop lab: the small network's graph (forward and backward pass, gradient check),
a layer as one matrix product for a small batch, and the matrix product timed in Python loops and in NumPy.

Arguments are names, numbers and tuples only, so ``st.cache_data`` can hash them; the weights of the small network
travel as a tuple of 13 numbers in the order of ``dl_core.lessons.graph.PARAMETERS``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from dl_core import gradcheck, layers
from dl_core.activations import ACTIVATIONS
from dl_core.lessons import graph, matmul

NAMES = tuple(ACTIVATIONS)
WEIGHT_LIMIT = 3.0  # the weight sliders run from -3 to 3 in steps of 0.01
Weights = tuple[float, ...]

# The URL key of every weight of the small network, in the order of graph.PARAMETERS: w_ij of the hidden layer,
# its biases b_j, the output weights v_j and the output bias c.
WEIGHT_KEYS = tuple(
    {"W1": f"bp_w{index[0] + 1}{index[-1] + 1}", "b1": f"bp_b{index[0] + 1}", "W2": f"bp_v{index[0] + 1}",
     "b2": "bp_c"}[key]
    for key, index in graph.PARAMETERS
)

# The matrix example: a batch of N samples of D features into M outputs.
BATCH_RANGE, FEATURE_RANGE, OUTPUT_RANGE = (1, 6), (1, 5), (1, 4)
LAYER_CHECK_FLOOR = 1e-3  # the gradients are small integers, some exactly 0: differences compared against this

# The timing: Python loops only at small sizes (n = 128 takes a few tenths of a second), NumPy up to 1024; larger
# Python sizes are extrapolated as a n^3. About two to three seconds in all, once per server process.
PYTHON_SIZES = (8, 16, 32, 64, 128)
NUMPY_SIZES = (8, 16, 32, 64, 128, 256, 512, 1024)
REPEATS, PYTHON_REPEATS = 5, 3


def seed_weights(seed: int) -> Weights:
    """The small network's weights drawn from N(0, 1) with ``seed``, rounded to the sliders' 0.01 and kept in
    [-3, 3]."""
    drawn = graph.flatten(graph.init(np.random.default_rng(seed)))
    return tuple(float(value) + 0.0 for value in np.clip(np.round(drawn, 2), -WEIGHT_LIMIT, WEIGHT_LIMIT))  # no −0


def params_of(weights: Weights) -> graph.Params:
    return graph.unflatten(np.array(weights, dtype=np.float64))


@st.cache_data(max_entries=256, show_spinner=False)
def graph_pass(weights: Weights, x1: float, x2: float, y: float, activation: str) -> graph.GraphPass:
    """The forward and the backward pass through the small network's graph."""
    return graph.evaluate(params_of(weights), (x1, x2), y, activation)


@st.cache_data(max_entries=256, show_spinner=False)
def graph_check(weights: Weights, x1: float, x2: float, y: float, activation: str, bug: str) -> graph.Check:
    """Backprop (with ``bug`` planted) against centred differences, for every parameter."""
    return graph.check(params_of(weights), (x1, x2), y, activation, bug=bug)


@dataclass(frozen=True)
class LayerExample:
    """A fully connected layer on a batch: ``out = x @ w + b`` and, for a gradient ``dout`` arriving from the
    layer above, what its backward pass returns (``dl_core.layers``); ``check``: the largest relative error of
    ``dx``, ``dw`` and ``db`` against centred differences of :math:`L = \\sum \\mathrm{Out} \\odot \\mathrm{dOut}`
    (a loss whose gradient with respect to ``out`` is ``dout``)."""

    x: np.ndarray
    w: np.ndarray
    b: np.ndarray
    out: np.ndarray
    dout: np.ndarray
    dx: np.ndarray
    dw: np.ndarray
    db: np.ndarray
    check: float


@st.cache_data(max_entries=64, show_spinner=False)
def layer_example(batch: int, features: int, outputs: int, seed: int) -> LayerExample:
    """Small integers for ``x``, ``w``, ``b`` and ``dout`` (so a product can be checked by hand)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(-3, 4, (batch, features)).astype(float)
    w = rng.integers(-2, 3, (features, outputs)).astype(float)
    b = rng.integers(-2, 3, outputs).astype(float)
    dout = rng.integers(-2, 3, (batch, outputs)).astype(float)
    out, cache = layers.linear_forward(x, w, b)
    dx, dw, db = layers.linear_backward(dout, cache)

    def loss(x_, w_, b_) -> float:
        return float(np.sum(layers.linear_forward(x_, w_, b_)[0] * dout))

    numeric = (gradcheck.numerical_grad(lambda value: loss(value, w, b), x),
               gradcheck.numerical_grad(lambda value: loss(x, value, b), w),
               gradcheck.numerical_grad(lambda value: loss(x, w, value), b))
    check = max(gradcheck.relative_error(ours, theirs, floor=LAYER_CHECK_FLOOR)
                for ours, theirs in zip((dx, dw, db), numeric, strict=True))
    return LayerExample(x, w, b, out, dout, dx, dw, db, check)


def round_ratio(ratio: float) -> float:
    """A speed ratio as a sentence says it: whole above 10 (1234), one decimal below (3.4)."""
    return float(round(ratio)) if ratio >= 10 else round(ratio, 1)


@st.cache_resource(show_spinner=False)
def timing() -> matmul.Measurement:
    """The matrix product timed once per server process (a few seconds), never on a slider move. Shared by every
    session and never changed."""
    return matmul.measure(PYTHON_SIZES, NUMPY_SIZES, REPEATS, np.random.default_rng(0), python_repeats=PYTHON_REPEATS)
