"""Lesson 6's four learning rates, and the additions to trajectories the lab uses (states, noise)."""

import numpy as np
import pytest

from dl_core import objectives, optimizers, trajectories
from dl_core.lessons import learning_rates

STEPS, BATCH = 200, 8


@pytest.fixture(scope="module")
def four_runs():
    """The four CS231n rates as minibatch SGD on the course's regression (features on one scale)."""
    problem = objectives.course_regression(1.0, 0.5, 0, start=(-2.0, -2.0))
    lrs = learning_rates.cs231n_rates(float(problem.eigenvalues[-1]))
    run = trajectories.run(problem, optimizers.make("gd", lr=lrs[:, None]), np.broadcast_to(problem.start, (4, 2)),
                           STEPS, rng=np.random.default_rng(0), batch_size=BATCH)
    return problem, lrs, run


def test_the_four_rates_are_shares_of_the_stability_limit():
    lrs = learning_rates.cs231n_rates(4.0)
    np.testing.assert_allclose(lrs, [0.0025, 0.025, 0.25, 0.625])
    assert learning_rates.NAMES == ("low", "good", "high", "very_high")
    with pytest.raises(ValueError, match="lambda_max"):
        learning_rates.cs231n_rates(0.0)


def test_the_four_curves_behave_as_in_the_cs231n_figure(four_runs):
    problem, lrs, run = four_runs
    gap = run.losses - problem.min_value
    low, good, high, very_high = range(4)
    assert run.diverged_at[very_high] >= 0 and (run.diverged_at[[low, good, high]] < 0).all()
    assert gap[10, high] < gap[10, good] < gap[10, low]  # the higher the rate, the faster the first drop
    late = gap[-50:].mean(axis=0)  # the level each run ends on, averaged over its noise
    assert late[good] < late[high] / 3  # the high rate stalls on a plateau well above the good one
    assert late[low] > late[good] and gap[-1, low] < gap[0, low]  # low: still on its way down, slowly


def test_recorded_states_start_at_zero_and_follow_the_optimizer():
    surface = objectives.rosenbrock()
    run = trajectories.run(surface, optimizers.make("momentum", lr=0.001), surface.start, 10, record_states=True)
    assert run.states.momentum_buffer.shape == (11, 2)
    np.testing.assert_array_equal(run.states.momentum_buffer[0], 0.0)
    np.testing.assert_allclose(run.states.momentum_buffer[1], run.grads[0])
    assert trajectories.run(surface, optimizers.make("gd", lr=0.001), surface.start, 3).states is None


def test_gradient_noise_is_reproducible_unbiased_and_needs_an_rng():
    bowl = objectives.quadratic((1.0, 1.0))
    starts = np.zeros((4000, 2))
    noisy = trajectories.run(bowl, optimizers.make("gd", lr=0.1), starts, 1, rng=np.random.default_rng(5),
                             grad_noise=2.0)
    again = trajectories.run(bowl, optimizers.make("gd", lr=0.1), starts, 1, rng=np.random.default_rng(5),
                             grad_noise=2.0)
    np.testing.assert_array_equal(noisy.points, again.points)
    assert abs(noisy.grads[0].mean()) < 0.1 and noisy.grads[0].std() == pytest.approx(2.0, rel=0.05)
    with pytest.raises(ValueError, match="rng"):
        trajectories.run(bowl, optimizers.make("gd", lr=0.1), starts, 1, grad_noise=1.0)
    with pytest.raises(ValueError, match="either"):
        trajectories.run(bowl, optimizers.make("gd", lr=0.1), starts, 1, rng=np.random.default_rng(0),
                         grad_noise=1.0, batch_size=4)
    with pytest.raises(ValueError, match="grad_noise"):
        trajectories.run(bowl, optimizers.make("gd", lr=0.1), starts, 1, rng=np.random.default_rng(0),
                         grad_noise=-1.0)
