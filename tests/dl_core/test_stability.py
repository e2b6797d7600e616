"""Stability maps agree with the theory on quadratics, and a map is the same runs as one at a time."""

import numpy as np
import pytest

from dl_core import objectives, optimizers, stability, trajectories

LRS = np.geomspace(1e-3, 1.0, 64)
START = np.array([-2.5, 2.0])


def test_gradient_descent_map_follows_two_over_lambda_max():
    """Cells beyond 2/lambda_max diverge (or at least end higher than they started); cells well inside converge."""
    bowl = objectives.quadratic((1.0, 10.0), angle=0.3)
    limit = stability.max_stable_lr("gd", 10.0)
    assert limit == pytest.approx(0.2)
    result = stability.stability_map(bowl, "momentum", LRS, 200, START, second="momentum", seconds=np.array([0.0]))
    beyond, inside = LRS > 1.05 * limit, LRS < 0.9 * limit
    assert np.all(result.diverged[0, LRS > 1.2 * limit])
    assert np.all(result.diverged[0, beyond] | (result.progress[0, beyond] > 0))
    assert np.all(~result.diverged[0, inside]) and np.all(result.progress[0, inside & (LRS > 0.05)] < -3)


@pytest.mark.parametrize("name", ["momentum", "nesterov"])
def test_momentum_maps_follow_their_limits(name):
    bowl = objectives.quadratic((1.0, 10.0))
    momenta = np.linspace(0.0, 0.95, 20)
    result = stability.stability_map(bowl, name, LRS, 400, START, second="momentum", seconds=momenta)
    limits = stability.max_stable_lr(name, 10.0, momenta)
    for row, limit in enumerate(limits):
        assert np.all(result.diverged[row, LRS > 1.15 * limit]), (name, momenta[row])
        assert not np.any(result.diverged[row, LRS < 0.85 * limit]), (name, momenta[row])


def test_heavy_ball_limit_doubles_with_momentum_and_nesterov_is_tighter():
    assert stability.max_stable_lr("momentum", 4.0, 0.9) == pytest.approx(3.8 / 4.0)
    assert stability.max_stable_lr("nesterov", 4.0, 0.9) == pytest.approx(3.8 / 2.8 / 4.0)
    assert stability.max_stable_lr("gd", 4.0, weight_decay=1.0) == pytest.approx(2 / 5)
    assert not stability.has_theory("adam")
    with pytest.raises(ValueError, match="adam"):
        stability.max_stable_lr("adam", 1.0)


def test_a_map_is_the_same_runs_as_one_at_a_time():
    surface = objectives.rosenbrock()
    lrs, betas = np.geomspace(1e-4, 0.1, 5), np.array([0.0, 0.5, 0.9])
    result = stability.stability_map(surface, "adam", lrs, 50, surface.start, second="beta1", seconds=betas)
    for row, beta in enumerate(betas):
        for column, lr in enumerate(lrs):
            alone = trajectories.run(surface, optimizers.make("adam", lr=float(lr), beta1=float(beta)),
                                     surface.start, 50)
            gap = (alone.losses[-1] - surface.min_value) / (alone.losses[0] - surface.min_value)
            assert result.progress[row, column] == pytest.approx(max(np.log10(gap), stability.PROGRESS_FLOOR))


def test_a_map_over_a_batch_of_objectives():
    bowls = stability.Bowls(np.array([1.0, 10.0, 100.0]))
    result = stability.stability_map(bowls, "gd", LRS, 200, START, seconds=np.array([1.0, 10.0, 100.0]))
    for row, curvature in enumerate((1.0, 10.0, 100.0)):
        limit = 2 / curvature
        assert np.all(result.diverged[row, LRS > 1.2 * limit]) and not np.any(result.diverged[row, LRS < 0.9 * limit])


def test_bowls_equal_the_quadratic_surface():
    rng = np.random.default_rng(2)
    points = rng.normal(size=(3, 4, 2))
    bowls = stability.Bowls(np.array([2.0, 10.0, 50.0]), low=0.5, angle=0.7)
    for row, curvature in enumerate((2.0, 10.0, 50.0)):
        bowl = objectives.quadratic((0.5, curvature), angle=0.7)
        np.testing.assert_allclose(bowls.value(points)[row], bowl.value(points[row]), rtol=1e-12)
        np.testing.assert_allclose(bowls.grad(points)[row], bowl.grad(points[row]), rtol=1e-12, atol=1e-14)


def test_the_numerical_hessian():
    bowl = objectives.quadratic((1.0, 10.0), angle=0.4)
    np.testing.assert_allclose(stability.hessian_eigenvalues(bowl, np.array([0.3, -0.2])), [1.0, 10.0], rtol=1e-6)
    rosenbrock = objectives.rosenbrock()
    expected = np.linalg.eigvalsh(np.array([[802.0, -400.0], [-400.0, 200.0]]))  # the Hessian at (1, 1)
    np.testing.assert_allclose(stability.hessian_eigenvalues(rosenbrock, np.array([1.0, 1.0])), expected, rtol=1e-5)


def test_endpoint_agrees_with_run():
    surface = objectives.himmelblau()
    lrs = np.array([[0.001], [0.01], [0.05], [0.5]])
    full = trajectories.run(surface, optimizers.make("gd", lr=lrs), surface.start, 80)
    end = trajectories.endpoint(surface, optimizers.make("gd", lr=lrs), surface.start, 80)
    np.testing.assert_array_equal(end.diverged_at, full.diverged_at)
    fine = ~full.diverged
    np.testing.assert_allclose(end.point[fine], full.points[-1][fine], rtol=1e-13)
    np.testing.assert_allclose(end.loss[fine], full.losses[-1][fine], rtol=1e-13)
    assert full.diverged.any()
