"""dl_core.gradcheck: centred differences and relative error, checked on functions with known gradients."""

import numpy as np
import pytest

from dl_core.gradcheck import numerical_derivative, numerical_grad, relative_error


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(1234)


def test_numerical_grad_of_sum_of_cubes_is_three_x_squared(rng):
    x = rng.normal(size=(3, 4))
    grad = numerical_grad(lambda v: np.sum(v**3), x)
    assert grad.shape == x.shape
    assert grad.dtype == np.float64
    # The rounding error of f (~|f| * 1e-16) over the step 2e-6 limits the agreement to ~1e-9 absolute.
    assert relative_error(grad, 3 * x**2) < 1e-6


def test_numerical_grad_of_a_quadratic_form_couples_the_coordinates(rng):
    matrix = rng.normal(size=(5, 5))
    x = rng.normal(size=5)
    grad = numerical_grad(lambda v: v @ matrix @ v, x)
    assert relative_error(grad, (matrix + matrix.T) @ x) < 1e-6


def test_numerical_grad_of_log_sum_exp_is_softmax(rng):
    x = rng.normal(size=(2, 3))
    softmax = np.exp(x) / np.exp(x).sum()
    assert relative_error(numerical_grad(lambda v: np.log(np.exp(v).sum()), x), softmax) < 1e-6


def test_numerical_grad_accepts_lists_and_integers():
    grad = numerical_grad(lambda v: np.sum(v**3), [1, 2, 3])
    assert grad.dtype == np.float64
    assert relative_error(grad, [3.0, 12.0, 27.0]) < 1e-8


def test_numerical_grad_leaves_x_alone_and_moves_one_coordinate_at_a_time(rng):
    x = rng.normal(size=(2, 3))
    original = x.copy()
    seen = []

    def record(v):
        seen.append(v)
        return float(v.sum())

    numerical_grad(record, x)
    np.testing.assert_array_equal(x, original)
    assert len(seen) == 2 * x.size
    for v in seen:
        assert not np.shares_memory(v, x)
        assert np.count_nonzero(v != x) == 1


def test_numerical_derivative_matches_known_derivatives():
    x = np.linspace(-3.0, 3.0, 60).reshape(3, 4, 5)
    derivative = numerical_derivative(np.sin, x)
    assert derivative.shape == x.shape
    assert relative_error(derivative, np.cos(x)) < 1e-8
    assert relative_error(numerical_derivative(np.exp, x), np.exp(x)) < 1e-8


def test_numerical_derivative_scales_its_step_with_x():
    # A fixed step of 1e-6 is lost in rounding next to 1e10 (x + 1e-6 == x): the difference would be 0/0.
    x = np.array([-1e12, -3.0, 0.5, 1e6, 1e10])
    assert relative_error(numerical_derivative(np.square, x), 2 * x) < 1e-9


def test_relative_error_values():
    assert relative_error(1.0, 1.1) == pytest.approx(0.1 / 2.1)
    assert relative_error(1.1, 1.0) == relative_error(1.0, 1.1)
    assert relative_error([1.0, 100.0], [1.0, 101.0]) == pytest.approx(1.0 / 201.0)
    assert relative_error([1.0, -1.0], [1.0, 1.0]) == 1.0
    assert relative_error([2.0, 3.0], [2.0, 3.0]) == 0.0
    assert isinstance(relative_error(1.0, 2.0), float)


def test_relative_error_floor_guards_values_near_zero():
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error(0.0, 1e-14) == pytest.approx(1e-14 / 1e-12)
    assert relative_error(0.0, 1e-14, floor=1e-6) == pytest.approx(1e-8)


def test_a_wrong_gradient_is_caught(rng):
    x = rng.normal(size=10)
    numerical = numerical_grad(lambda v: np.sum(v**3), x)
    assert relative_error(numerical, 2 * x**2) > 0.1
    assert relative_error(numerical, 3 * x**2 + 1e-4) > 1e-6
