"""dl_core.lessons.matmul: the Python triple loop is a matrix product, timings have the asked shape, the n³ fit and
extrapolation, and what the BLAS library reports about itself."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core.lessons import matmul


@settings(max_examples=30, deadline=None)
@given(rows=st.integers(1, 5), inner=st.integers(1, 5), columns=st.integers(1, 5), seed=st.integers(0, 1000))
def test_the_python_loops_compute_the_matrix_product(rows, inner, columns, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.standard_normal((rows, inner)), rng.standard_normal((inner, columns))
    np.testing.assert_allclose(matmul.python_matmul(a.tolist(), b.tolist()), a @ b, rtol=1e-12, atol=1e-12)


def test_mismatched_shapes_raise():
    with pytest.raises(ValueError, match="entries"):
        matmul.python_matmul([[1.0, 2.0]], [[1.0], [2.0], [3.0]])


def test_flops_count_a_multiply_and_an_add_per_term():
    assert matmul.flops(10) == 2000.0
    np.testing.assert_array_equal(matmul.flops([1, 2]), [2.0, 16.0])


def test_the_cubic_fit_recovers_a_and_uses_the_largest_sizes():
    sizes = np.array([4, 8, 16, 32])
    seconds = 3e-8 * sizes.astype(float) ** 3
    seconds[0] = 1.0  # a call overhead at the smallest size must not matter
    assert matmul.cubic_fit(sizes, seconds) == pytest.approx(3e-8)


def test_timings_have_one_row_per_size_and_one_column_per_run():
    seconds = matmul.time_products(matmul.numpy_matmul, (2, 4), 3, np.random.default_rng(0), min_seconds=1e-4)
    assert seconds.shape == (2, 3)
    assert np.all(seconds > 0) and np.all(np.isfinite(seconds))
    with pytest.raises(ValueError, match="repeats"):
        matmul.time_products(matmul.numpy_matmul, (2,), 0, np.random.default_rng(0))


def test_a_measurement_extrapolates_python_beyond_its_sizes():
    measured = matmul.measure((4, 8), (4, 8, 16), 2, np.random.default_rng(0), python_repeats=1)
    assert measured.python_seconds.shape == (2, 1) and measured.numpy_seconds.shape == (3, 2)
    seconds, was_measured = measured.python_time(8)
    assert was_measured and seconds == measured.python_median[1]
    seconds, was_measured = measured.python_time(16)
    assert not was_measured and seconds == pytest.approx(measured.python_cubic * 16**3)
    rates = measured.numpy_gflops
    assert rates.shape == (3,) and np.all(rates > 0)
    np.testing.assert_allclose(rates, 2 * np.array([4, 8, 16]) ** 3 / measured.numpy_seconds.min(axis=1) / 1e9)


def test_the_blas_library_says_what_it_is():
    info = matmul.blas_info()
    config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    assert info.name == config["name"] and info.version == config.get("version", "")
    assert info.cores >= 1
    assert info.threads is None or 1 <= info.threads <= 1024
    if "openblas" in info.name.lower():  # NumPy's own wheels: the loaded OpenBLAS can be asked
        assert info.threads is not None and info.kernel
