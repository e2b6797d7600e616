"""Running optimizers on surfaces: vectorisation, divergence handling, and the lessons' observations."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dl_core import datasets, objectives, optimizers, trajectories


def regression(x_scale, noise=0.5, seed=0, standardize=False, start=(-1.0, -1.0)):
    """The data of the feature-scaling page (its defaults: true weights (1, 1), start (-1, -1))."""
    x, y = datasets.linear_regression(1000, (1.0, 1.0), np.random.default_rng(seed), x_scale=x_scale, noise=noise)
    if standardize:
        x = datasets.standardize(x)
    return objectives.linear_regression(x, y, start=start)


def test_shapes_and_start_point():
    surface = objectives.rosenbrock()
    run = trajectories.run(surface, optimizers.make("adam", lr=0.05), surface.start, 30)
    assert run.points.shape == (31, 2) and run.losses.shape == (31,) and run.grads.shape == (31, 2)
    np.testing.assert_array_equal(run.points[0], surface.start)
    assert run.diverged_at == -1 and not run.diverged


def test_plain_loop_reference():
    """One gradient-descent run equals the textbook loop w <- w - lr * grad(w)."""
    surface = objectives.himmelblau()
    run = trajectories.run(surface, optimizers.make("gd", lr=0.01), surface.start, 40)
    w = surface.start.copy()
    for step in range(1, 41):
        w = w - 0.01 * surface.grad(w)
        np.testing.assert_allclose(run.points[step], w, rtol=1e-13)
    np.testing.assert_allclose(run.losses, surface.value(run.points), rtol=1e-13)


def test_batch_of_configurations_equals_separate_runs():
    surface = objectives.beale()
    lrs = np.array([1e-3, 3e-3, 1e-2, 3e-2])
    starts = np.array([[1.0, 1.4], [-1.0, 1.0], [2.0, -1.0], [0.5, 0.5]])
    batched = trajectories.run(surface, optimizers.make("adam", lr=lrs[:, None]), starts, 60)
    for index, (lr, start) in enumerate(zip(lrs, starts, strict=True)):
        single = trajectories.run(surface, optimizers.make("adam", lr=float(lr)), start, 60)
        np.testing.assert_allclose(batched.points[:, index], single.points, rtol=1e-13)
        np.testing.assert_allclose(batched.losses[:, index], single.losses, rtol=1e-13)


def test_hyperparameter_batch_broadcasts_against_one_start():
    surface = objectives.quadratic()
    run = trajectories.run(surface, optimizers.make("momentum", lr=0.05, momentum=np.array([[0.0], [0.5], [0.9]])),
                           surface.start, 20)
    assert run.points.shape == (21, 3, 2)
    assert run.diverged_at.shape == (3,)


def test_divergence_is_flagged_and_frozen_without_nan():
    surface = objectives.quadratic((1.0, 10.0))
    lrs = np.array([[0.1], [0.19], [0.21], [5.0]])  # GD is stable for lr < 2 / 10
    run = trajectories.run(surface, optimizers.make("gd", lr=lrs), np.array([1.0, 1.0]), 400)
    assert np.all(np.isfinite(run.points)) and np.all(np.isfinite(run.losses)) and np.all(np.isfinite(run.grads))
    assert list(run.diverged) == [False, False, True, True]
    fast = int(run.diverged_at[3])
    assert 1 <= fast < int(run.diverged_at[2])
    frozen = run.points[fast:, 3]
    np.testing.assert_array_equal(frozen, np.broadcast_to(run.points[fast - 1, 3], frozen.shape))


def test_overflow_to_inf_is_caught_quietly():
    """Rosenbrock at a huge learning rate overflows float64; the run must stay finite and warning-free."""
    surface = objectives.rosenbrock()
    run = trajectories.run(surface, optimizers.make("gd", lr=10.0), surface.start, 50)
    assert run.diverged and run.diverged_at <= 5
    assert np.all(np.isfinite(run.points))


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(optimizers.NAMES),
    log_lr=st.floats(-4, 1),
    surface=st.sampled_from(sorted(objectives.SURFACES)),
    steps=st.integers(0, 60),
)
def test_never_returns_nan_or_inf(name, log_lr, surface, steps):
    objective = objectives.SURFACES[surface]()
    run = trajectories.run(objective, optimizers.make(name, lr=10.0**log_lr), objective.start, steps)
    assert run.points.shape == (steps + 1, 2)
    for array in (run.points, run.losses, run.grads):
        assert np.all(np.isfinite(array))
    if run.diverged:
        assert 1 <= run.diverged_at <= steps


def test_minibatch_runs_are_reproducible_and_noisy():
    problem = regression(1.0)
    optimizer = optimizers.make("gd", lr=0.05)
    first = trajectories.run(problem, optimizer, problem.start, 50, rng=np.random.default_rng(7), batch_size=8)
    again = trajectories.run(problem, optimizer, problem.start, 50, rng=np.random.default_rng(7), batch_size=8)
    full = trajectories.run(problem, optimizer, problem.start, 50)
    np.testing.assert_array_equal(first.points, again.points)
    assert not np.allclose(first.points, full.points)
    with pytest.raises(ValueError, match="rng"):
        trajectories.run(problem, optimizer, problem.start, 5, batch_size=8)


def test_invalid_arguments():
    surface = objectives.saddle()
    with pytest.raises(ValueError, match="steps"):
        trajectories.run(surface, optimizers.make("gd"), surface.start, -1)
    with pytest.raises(ValueError, match="start"):
        trajectories.run(surface, optimizers.make("gd"), np.array([np.nan, 0.0]), 3)


# The observations of lessons 3 and 8, as the feature-scaling page shows them.

def distance_to_optimum(problem, run):
    return np.linalg.norm(run.points - problem.minimizer, axis=-1)


def test_adam_reaches_the_optimum_in_a_narrow_valley():
    """Lesson 8: plot_gd(x_scale=0.5, lr=0.1, steps=25, optimizer='adam') ends next to the optimum."""
    problem = regression(0.5)
    run = trajectories.run(problem, optimizers.make("adam", lr=0.1), problem.start, 25)
    distance = distance_to_optimum(problem, run)
    assert distance[-1] < 0.05 * distance[0]


def test_adam_at_twenty_times_the_rate_oscillates_but_ends_near_the_optimum():
    problem = regression(0.5)
    slow = trajectories.run(problem, optimizers.make("adam", lr=0.1), problem.start, 50)
    fast = trajectories.run(problem, optimizers.make("adam", lr=2.0), problem.start, 50)
    assert not fast.diverged

    def crossings(run):  # how often the path crosses the optimum's w1 line
        return int(np.sum(np.diff(np.sign(run.points[:, 0] - problem.minimizer[0])) != 0))

    assert crossings(fast) >= 4 and crossings(slow) <= 1
    distance = distance_to_optimum(problem, fast)
    assert distance[-1] < 0.05 * distance[0]


def test_gradient_descent_diverges_above_two_over_lambda_max():
    problem = regression(3.0)
    limit = problem.max_stable_lr
    below = trajectories.run(problem, optimizers.make("gd", lr=0.95 * limit), problem.start, 300)
    above = trajectories.run(problem, optimizers.make("gd", lr=1.05 * limit), problem.start, 300)
    assert not below.diverged and above.diverged
    assert below.losses[-1] - problem.min_value < 1e-6


def zigzag_turns(run):
    """How often the step direction turns by more than 90 degrees."""
    moves = np.diff(run.points, axis=0)
    return int(np.sum(np.einsum("ki,ki->k", moves[1:], moves[:-1]) < 0))


def test_gradient_descent_zigzags_on_raw_features_but_not_on_standardized_ones():
    raw, standardized = regression(3.0), regression(3.0, standardize=True)
    optimizer = optimizers.make("gd", lr=0.1)
    raw_run = trajectories.run(raw, optimizer, raw.start, 50)
    standardized_run = trajectories.run(standardized, optimizer, standardized.start, 50)
    assert raw.condition_number > 5 and standardized.condition_number < 1.5
    assert zigzag_turns(raw_run) >= 40
    assert zigzag_turns(standardized_run) == 0
    assert standardized_run.losses[-1] - standardized.min_value < raw_run.losses[-1] - raw.min_value


@given(
    gaps=hnp.arrays(np.float64, st.integers(1, 40), elements=st.floats(0, 10)),
    threshold=st.floats(0, 10),
)
def test_settled_at_is_the_start_of_the_last_stay_inside_the_band(gaps, threshold):
    step = int(trajectories.settled_at(gaps, threshold, -1))
    if step < 0:
        assert gaps[-1] > threshold
    else:
        assert np.all(gaps[step:] <= threshold)
        assert step == 0 or gaps[step - 1] > threshold


def test_settled_at_ignores_an_early_visit_and_diverged_runs():
    gaps = np.array([[5.0, 5.0], [0.01, 0.01], [3.0, 0.02], [0.02, 0.01]])
    np.testing.assert_array_equal(trajectories.settled_at(gaps, 0.05, np.array([-1, -1])), [3, 1])
    np.testing.assert_array_equal(trajectories.settled_at(gaps, 0.05, np.array([2, -1])), [-1, 1])
