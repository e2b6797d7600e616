"""Cached computations of the backprop lab: the small graph's walk and gradient check, a layer as one matrix
product for a small batch, and the speed of a matrix product in Python loops and in NumPy (BLAS)."""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass

import numpy as np
import streamlit as st

from dl_core import graph, layers

BATCH, FEATURES, OUTPUTS = 4, 3, 2  # the matrix example: N x D times D x M
NUMPY_SIZES = (16, 32, 64, 128, 256, 512, 1024)
PYTHON_SIZES = (8, 16, 32, 48)  # pure Python is timed only up to here; larger sizes are extrapolated as n³
REPEATS = 5


def params_for(seed: int, scale: float) -> dict[str, np.ndarray]:
    return graph.random_params(np.random.default_rng(seed), scale)


@st.cache_data(max_entries=64, show_spinner=False)
def walk(x1: float, x2: float, y: float, activation: str, seed: int, scale: float) -> graph.GraphWalk:
    return graph.walk(params_for(seed, scale), (x1, x2), y, activation)


@st.cache_data(max_entries=64, show_spinner=False)
def check(x1: float, x2: float, y: float, activation: str, seed: int, scale: float, bug: bool) -> graph.Check:
    return graph.check(params_for(seed, scale), (x1, x2), y, activation, bug=bug)


@dataclass(frozen=True)
class MatrixExample:
    """``out = x @ w + b`` for a batch, a gradient ``dout`` arriving from above, and what backward returns."""

    x: np.ndarray
    w: np.ndarray
    b: np.ndarray
    out: np.ndarray
    dout: np.ndarray
    dx: np.ndarray
    dw: np.ndarray
    db: np.ndarray


@st.cache_data(max_entries=16, show_spinner=False)
def matrix_example(seed: int) -> MatrixExample:
    rng = np.random.default_rng(seed)
    x = rng.integers(-3, 4, (BATCH, FEATURES)).astype(float)
    w = rng.integers(-2, 3, (FEATURES, OUTPUTS)).astype(float)
    b = rng.integers(-1, 2, OUTPUTS).astype(float)
    dout = rng.integers(-2, 3, (BATCH, OUTPUTS)).astype(float)
    out, cache = layers.linear_forward(x, w, b)
    dx, dw, db = layers.linear_backward(dout, cache)
    return MatrixExample(x, w, b, out, dout, dx, dw, db)


def python_matmul(a: list[list[float]], b: list[list[float]]) -> list[list[float]]:
    """The textbook triple loop: every entry of the product as a sum of n products."""
    n, m, k = len(a), len(b[0]), len(b)
    return [[sum(a[i][p] * b[p][j] for p in range(k)) for j in range(m)] for i in range(n)]


def _timings(function, repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return timings


@dataclass(frozen=True)
class Speed:
    """Seconds for an n x n matrix product: NumPy's median and spread per size, Python's per measured size, and
    Python's extrapolation (measured time at the largest size x (n / n_max)³) for the NumPy sizes beyond it."""

    numpy_sizes: tuple[int, ...]
    numpy_median: tuple[float, ...]
    numpy_low: tuple[float, ...]
    numpy_high: tuple[float, ...]
    python_sizes: tuple[int, ...]
    python_median: tuple[float, ...]
    extrapolated_sizes: tuple[int, ...]
    extrapolated: tuple[float, ...]
    blas: str
    threads: str
    seconds: float

    def gflops(self, index: int) -> float:
        """NumPy's rate at ``numpy_sizes[index]``: 2n³ floating-point operations per product."""
        return 2 * self.numpy_sizes[index] ** 3 / self.numpy_median[index] / 1e9


def _blas_name() -> str:
    config = np.show_config(mode="dicts")
    blas = config.get("Build Dependencies", {}).get("blas", {})
    return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()


def _threads() -> str:
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(variable):
            return f"{os.environ[variable]} ({variable})"
    return f"{os.cpu_count()} (one per core, the library's default)"


@st.cache_resource(show_spinner=False)
def speed() -> Speed:
    """Measured once per server process (about a second), never on a slider move."""
    started = time.perf_counter()
    rng = np.random.default_rng(0)
    numpy_runs = []
    for n in NUMPY_SIZES:
        a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        a @ b  # warm-up
        numpy_runs.append(_timings(lambda a=a, b=b: a @ b, REPEATS))
    python_median = []
    for n in PYTHON_SIZES:
        a, b = rng.standard_normal((n, n)).tolist(), rng.standard_normal((n, n)).tolist()
        python_median.append(statistics.median(_timings(lambda a=a, b=b: python_matmul(a, b), 3)))
    largest, base = PYTHON_SIZES[-1], python_median[-1]
    beyond = tuple(n for n in NUMPY_SIZES if n > largest)
    return Speed(
        numpy_sizes=NUMPY_SIZES,
        numpy_median=tuple(statistics.median(runs) for runs in numpy_runs),
        numpy_low=tuple(min(runs) for runs in numpy_runs),
        numpy_high=tuple(max(runs) for runs in numpy_runs),
        python_sizes=PYTHON_SIZES,
        python_median=tuple(python_median),
        extrapolated_sizes=beyond,
        extrapolated=tuple(base * (n / largest) ** 3 for n in beyond),
        blas=_blas_name(),
        threads=_threads(),
        seconds=time.perf_counter() - started,
    )
