"""The loss surfaces: gradient checks, minima, the regression's sufficient statistics, grids."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import datasets, objectives
from dl_core.gradcheck import numerical_grad, relative_error


def regression(x_scale=3.0, noise=0.5, seed=0, n=500, standardize=False):
    x, y = datasets.linear_regression(n, (1.5, -0.5), np.random.default_rng(seed), x_scale=x_scale, noise=noise)
    if standardize:
        x = datasets.standardize(x)
    return objectives.linear_regression(x, y)


ALL = [factory() for factory in objectives.SURFACES.values()] + [regression()]
IDS = [objective.name for objective in ALL]


def sample_points(objective, count=25, seed=1):
    (low1, high1), (low2, high2) = objective.bounds
    rng = np.random.default_rng(seed)
    return np.stack([rng.uniform(low1, high1, count), rng.uniform(low2, high2, count)], axis=-1)


@pytest.mark.parametrize("objective", ALL, ids=IDS)
def test_gradient_matches_centred_differences(objective):
    for point in sample_points(objective):
        numeric = numerical_grad(lambda w: objective.value(w), point)
        assert relative_error(objective.grad(point), numeric, floor=1e-6) < 1e-6


@pytest.mark.parametrize("objective", ALL, ids=IDS)
def test_minima_are_stationary_and_lowest(objective):
    assert np.allclose(objective.grad(objective.minima), 0.0, atol=1e-8)
    grid_values = objectives.evaluate_grid(objective, objective.bounds, 101)[2]
    assert objective.min_value <= grid_values.min() + 1e-12
    (low1, high1), (low2, high2) = objective.bounds
    assert np.all((objective.minima[:, 0] >= low1) & (objective.minima[:, 0] <= high1))
    assert np.all((objective.minima[:, 1] >= low2) & (objective.minima[:, 1] <= high2))


@pytest.mark.parametrize("objective", ALL, ids=IDS)
def test_batched_evaluation_equals_pointwise(objective):
    points = sample_points(objective, count=12).reshape(3, 4, 2)
    values, grads = objective.value(points), objective.grad(points)
    assert values.shape == (3, 4) and grads.shape == (3, 4, 2)
    for index in np.ndindex(3, 4):
        assert values[index] == pytest.approx(float(objective.value(points[index])), rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(grads[index], objective.grad(points[index]), rtol=1e-12, atol=1e-12)


def test_styblinski_tang_has_one_global_and_three_local_minima():
    surface = objectives.styblinski_tang()
    values = surface.value(surface.minima)
    assert np.sum(values == values.min()) == 1
    np.testing.assert_allclose(surface.minima[np.argmin(values)], [-2.903534, -2.903534], atol=1e-6)


def test_quadratic_hessian_matches_rotation_and_curvatures():
    surface = objectives.quadratic((1.0, 25.0), angle=0.4)
    np.testing.assert_allclose(np.linalg.eigvalsh(surface.hessian), [1.0, 25.0])
    point = np.array([0.3, -1.1])
    np.testing.assert_allclose(surface.grad(point), surface.hessian @ point, rtol=1e-13)


@settings(max_examples=40, deadline=None)
@given(
    x_scale=st.floats(0.01, 100.0),
    noise=st.floats(0.0, 2.0),
    seed=st.integers(0, 10_000),
    w1=st.floats(-50, 50),
    w2=st.floats(-50, 50),
)
def test_regression_statistics_equal_the_direct_mean(x_scale, noise, seed, w1, w2):
    problem = regression(x_scale, noise, seed, n=200)
    w = np.array([w1, w2])
    direct = np.mean((problem.x @ w - problem.y) ** 2)
    assert problem.value(w) == pytest.approx(direct, rel=1e-9, abs=1e-12)
    direct_grad = 2 * problem.x.T @ (problem.x @ w - problem.y) / len(problem.y)
    np.testing.assert_allclose(problem.grad(w), direct_grad, rtol=1e-8, atol=1e-9 * (1 + np.abs(direct_grad).max()))


def test_regression_module_formula_on_a_grid():
    problem = regression(x_scale=2.0)
    w1, w2 = np.meshgrid(np.linspace(-4, 4, 60), np.linspace(-4, 4, 50))
    module = np.mean((problem.x.dot(np.vstack([w1.ravel(), w2.ravel()])) - problem.y[:, None]) ** 2, axis=0)
    ours = problem.value(np.stack([w1, w2], axis=-1))
    np.testing.assert_allclose(ours, module.reshape(w1.shape), rtol=1e-9)


def test_regression_curvature_grows_with_the_square_of_the_feature_scale():
    base, scaled = regression(x_scale=1.0, seed=3), regression(x_scale=10.0, seed=3)
    np.testing.assert_allclose(scaled.hessian / base.hessian, [[100.0, 10.0], [10.0, 1.0]], rtol=1e-12)
    assert scaled.condition_number > 50 * base.condition_number
    assert scaled.max_stable_lr == pytest.approx(2 / scaled.eigenvalues[-1])


def test_standardized_regression_is_well_conditioned():
    assert regression(x_scale=100.0, standardize=True).condition_number < 1.5


def test_minibatch_gradient_is_unbiased_and_exact_for_the_full_batch():
    problem = regression(n=50)
    rng = np.random.default_rng(0)
    w = np.broadcast_to(np.array([0.3, -2.0]), (20_000, 2))
    mean = problem.minibatch_grad(w, rng, batch_size=5).mean(axis=0)
    full = problem.grad(w[0])
    assert np.all(np.abs(mean - full) < 0.05 * np.abs(full).max())
    one_sample = problem.minibatch_grad(w[:3], rng, batch_size=1)
    assert one_sample.shape == (3, 2)


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="x_scale"):
        datasets.linear_regression(10, (1, 1), np.random.default_rng(0), x_scale=0.0)
    with pytest.raises(ValueError, match="finite"):
        objectives.linear_regression(np.array([[np.nan, 1.0]]), np.array([1.0]))
    with pytest.raises(ValueError, match="shape"):
        objectives.rosenbrock().value(np.zeros(3))
    with pytest.raises(ValueError, match="batch_size"):
        regression().minibatch_grad(np.zeros(2), np.random.default_rng(0), 0)


def test_evaluate_grid_layout_rows_follow_w2():
    surface = objectives.rosenbrock()
    axis1, axis2, values = objectives.evaluate_grid(surface, surface.bounds, 7)
    assert values.shape == (7, 7)
    assert values[2, 5] == pytest.approx(float(surface.value(np.array([axis1[5], axis2[2]]))))


def test_a_batch_of_data_sets_equals_each_one_alone():
    scales = np.array([0.1, 1.0, 30.0])
    data = [datasets.linear_regression(300, (1.0, 1.0), np.random.default_rng(4), x_scale=s, noise=0.3) for s in scales]
    batch = objectives.linear_regression(np.stack([x for x, _ in data]), np.stack([y for _, y in data]))
    w = np.array([[[0.5, -1.0]], [[2.0, 0.3]]])  # (2 points, 1, 2) against 3 problems -> (2, 3)
    values, grads = batch.value(w), batch.grad(w)
    assert values.shape == (2, 3) and grads.shape == (2, 3, 2)
    for index, (x, y) in enumerate(data):
        alone = objectives.linear_regression(x, y)
        np.testing.assert_allclose(values[:, index], alone.value(w[:, 0]), rtol=1e-12)
        np.testing.assert_allclose(grads[:, index], alone.grad(w[:, 0]), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(batch.eigenvalues[index], alone.eigenvalues, rtol=1e-12)
        assert batch.max_stable_lr[index] == pytest.approx(alone.max_stable_lr)
        assert batch.condition_number[index] == pytest.approx(alone.condition_number)
    with pytest.raises(ValueError, match="single data set"):
        batch.minibatch_grad(np.zeros(2), np.random.default_rng(0), 4)
