r"""A matrix product measured: the textbook triple loop in pure Python against NumPy's ``@``, which hands the work to
a BLAS library (lesson 9: "a fully connected layer is a matrix product, and BLAS computes it fast").

An :math:`n \times n` product :math:`C = AB`, :math:`C_{ij} = \sum_k A_{ik} B_{kj}`, takes :math:`n^3`
multiplications and as many additions, :math:`2n^3` floating-point operations (FLOP) in the usual count, so its
time grows as :math:`n^3` once the fixed cost of a call no longer matters.

- :func:`python_matmul`: the three nested loops, one multiply-add per step of the innermost loop;
- :func:`time_products`: seconds per product for each size, several runs each (their spread is what a reader
  should see next to the median);
- :func:`cubic_fit`: the :math:`a` of :math:`t = a n^3` through the largest sizes measured, to extrapolate a run too
  slow to make;
- :func:`blas_info`: which BLAS library NumPy was built with (``np.show_config``) and, where the loaded library
  says so, how many threads it runs and which processor kernel it chose.
"""

from __future__ import annotations

import ctypes
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

Matrix = list[list[float]]


def python_matmul(a: Matrix, b: Matrix) -> Matrix:
    r"""The product of two matrices given as lists of rows, by three nested loops:
    :math:`C_{ij} = \sum_k A_{ik} B_{kj}`. ``a`` is ``n x m``, ``b`` is ``m x p``; returns ``n x p``."""
    rows, inner, columns = len(a), len(b), len(b[0]) if b else 0
    if any(len(row) != inner for row in a):
        raise ValueError(f"a's rows must have {inner} entries (b has {inner} rows)")
    product = []
    for i in range(rows):
        row = [0.0] * columns
        for j in range(columns):
            total = 0.0
            for k in range(inner):
                total += a[i][k] * b[k][j]
            row[j] = total
        product.append(row)
    return product


def flops(n) -> np.ndarray:
    """Floating-point operations of an ``n x n`` product, :math:`2n^3` (a multiply and an add per term)."""
    return 2.0 * np.asarray(n, dtype=np.float64) ** 3


def numpy_matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """NumPy's product (``a @ b``), which calls the BLAS routine ``dgemm`` for float64 matrices."""
    return a @ b


def time_products(multiply: Callable, sizes: Sequence[int], repeats: int, rng: np.random.Generator, *,
                  as_lists: bool = False, min_seconds: float = 0.002) -> np.ndarray:
    """Seconds per product of two random ``n x n`` matrices for every ``n`` in ``sizes``: ``repeats`` runs each,
    shape ``(len(sizes), repeats)``.

    Each size gets one product first that is not counted (the first call pays for memory and caches). A run
    repeats the product as often as needed to last at least ``min_seconds`` (the clock's resolution and the cost
    of reading it would otherwise dominate a product of a few microseconds) and counts the mean of that run.
    ``as_lists``: the matrices are passed as lists of rows (for :func:`python_matmul`). Wall-clock time: a BLAS
    library may run several threads.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be >= 1, got {repeats}")
    seconds = np.empty((len(sizes), repeats))
    for row, n in enumerate(sizes):
        a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
        if as_lists:
            a, b = a.tolist(), b.tolist()
        started = time.perf_counter()
        multiply(a, b)
        first = time.perf_counter() - started
        count = max(1, int(np.ceil(min_seconds / max(first, 1e-9))))
        for run in range(repeats):
            started = time.perf_counter()
            for _ in range(count):
                multiply(a, b)
            seconds[row, run] = (time.perf_counter() - started) / count
    return seconds


def cubic_fit(sizes: Sequence[int], seconds: Sequence[float], points: int = 2) -> float:
    r"""The :math:`a` of :math:`t = a\,n^3` fitted in log space to the largest ``points`` sizes (where a call's fixed
    cost matters least): :math:`\log a = \operatorname{mean}(\log t - 3 \log n)`."""
    sizes, seconds = np.asarray(sizes, dtype=np.float64), np.asarray(seconds, dtype=np.float64)
    order = np.argsort(sizes)[-points:]
    return float(np.exp(np.mean(np.log(seconds[order]) - 3.0 * np.log(sizes[order]))))


@dataclass(frozen=True)
class BlasInfo:
    """The BLAS library behind NumPy's ``@``.

    ``name`` and ``version``: as NumPy's build recorded them (``np.show_config(mode="dicts")``); ``threads``: how
    many threads the loaded library runs a product on, as it reports itself (None where it cannot be asked);
    ``kernel``: the processor kernel it chose at start (OpenBLAS's core name, e.g. ``Haswell``), or None;
    ``cores``: the processors this process may run on.
    """

    name: str
    version: str
    threads: int | None
    kernel: str | None
    cores: int


# Functions of the libraries that report their threads, under the names the usual builds export them.
_OPENBLAS_PREFIXES = ("scipy_openblas_", "openblas_")
_OPENBLAS_SUFFIXES = ("64_", "")


def _loaded_libraries() -> list[str]:
    """The shared libraries mapped into this process (Linux: ``/proc/self/maps``; elsewhere none)."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    paths = (line.split()[-1] for line in maps.splitlines() if ".so" in line)
    return sorted({path for path in paths if path.startswith("/")})


def _symbol(library: ctypes.CDLL, names: Sequence[str]):
    for name in names:
        try:
            return getattr(library, name)
        except AttributeError:
            continue
    return None


def _ask_library(path: str) -> tuple[int | None, str | None]:
    """(threads, kernel) from an already loaded OpenBLAS or MKL, without loading anything new."""
    try:
        library = ctypes.CDLL(path, mode=getattr(os, "RTLD_NOLOAD", 0) | getattr(os, "RTLD_LAZY", 0))
    except OSError:
        return None, None
    if "mkl" in Path(path).name.lower():
        threads = _symbol(library, ("MKL_Get_Max_Threads", "mkl_get_max_threads"))
        if threads is None:
            return None, None
        threads.restype = ctypes.c_int
        return int(threads()), None
    names = [prefix + "{}" + suffix for prefix in _OPENBLAS_PREFIXES for suffix in _OPENBLAS_SUFFIXES]
    threads = _symbol(library, [name.format("get_num_threads") for name in names])
    kernel = _symbol(library, [name.format("get_corename") for name in names])
    if threads is None:
        return None, None
    threads.restype = ctypes.c_int
    if kernel is not None:
        kernel.restype = ctypes.c_char_p
    return int(threads()), (kernel().decode("ascii", "replace") if kernel is not None else None)


def blas_info() -> BlasInfo:
    """Which BLAS library NumPy uses, and how many threads it runs (see :class:`BlasInfo`)."""
    config = np.show_config(mode="dicts") or {}
    blas = config.get("Build Dependencies", {}).get("blas", {})
    threads = kernel = None
    for path in _loaded_libraries():
        if any(word in Path(path).name.lower() for word in ("openblas", "mkl_rt")):
            threads, kernel = _ask_library(path)
            if threads is not None:
                break
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return BlasInfo(str(blas.get("name", "unknown")), str(blas.get("version", "")), threads, kernel, cores)


@dataclass(frozen=True)
class Measurement:
    """Seconds per ``n x n`` product, Python loops and NumPy, every run kept.

    ``python_sizes`` ``(k,)`` with ``python_seconds`` ``(k, repeats)``; ``numpy_sizes`` ``(m,)`` with
    ``numpy_seconds`` ``(m, repeats)``; ``python_cubic``: the :math:`a` of :math:`t = a n^3` through Python's
    largest sizes (:func:`cubic_fit`), for sizes too slow to run; ``blas``: the library; ``seconds``: how long
    the whole measurement took.
    """

    python_sizes: np.ndarray
    python_seconds: np.ndarray
    numpy_sizes: np.ndarray
    numpy_seconds: np.ndarray
    python_cubic: float
    blas: BlasInfo
    seconds: float

    @property
    def python_median(self) -> np.ndarray:
        return np.median(self.python_seconds, axis=1)

    @property
    def numpy_median(self) -> np.ndarray:
        return np.median(self.numpy_seconds, axis=1)

    @property
    def numpy_gflops(self) -> np.ndarray:
        """The rate NumPy reaches at each size: :math:`2n^3` over its fastest run, in billions of FLOP per second
        (the fastest run is the one least disturbed by other work on the machine)."""
        return flops(self.numpy_sizes) / self.numpy_seconds.min(axis=1) / 1e9

    @property
    def python_gflops(self) -> np.ndarray:
        """The same for the Python loops."""
        return flops(self.python_sizes) / self.python_seconds.min(axis=1) / 1e9

    def python_time(self, n: int) -> tuple[float, bool]:
        """Python's seconds for one ``n x n`` product and whether they were measured (else :math:`a n^3`)."""
        measured = np.flatnonzero(self.python_sizes == n)
        if measured.size:
            return float(self.python_median[measured[0]]), True
        return self.python_cubic * float(n) ** 3, False


def measure(python_sizes: Sequence[int], numpy_sizes: Sequence[int], repeats: int, rng: np.random.Generator, *,
            python_repeats: int | None = None) -> Measurement:
    """Time :func:`python_matmul` at ``python_sizes`` and NumPy at ``numpy_sizes`` (see :func:`time_products`),
    ``repeats`` runs each (``python_repeats`` for Python, default the same), and read :func:`blas_info`."""
    started = time.perf_counter()
    numpy_seconds = time_products(numpy_matmul, numpy_sizes, repeats, rng)
    python_seconds = time_products(python_matmul, python_sizes, python_repeats or repeats, rng, as_lists=True)
    python_sizes = np.asarray(python_sizes, dtype=np.int64)
    return Measurement(
        python_sizes=python_sizes,
        python_seconds=python_seconds,
        numpy_sizes=np.asarray(numpy_sizes, dtype=np.int64),
        numpy_seconds=numpy_seconds,
        python_cubic=cubic_fit(python_sizes, np.median(python_seconds, axis=1)),
        blas=blas_info(),
        seconds=time.perf_counter() - started,
    )
