"""Lesson 6's four learning rates, and the additions to trajectories the lab uses (states, noise)."""

import numpy as np
import pytest

from dl_core import learning_rates, objectives, optimizers, trajectories

LRS = np.geomspace(1e-4, 1.0, 41)


def sweep(surface, name="gd", steps=150):
    run = trajectories.run(surface, optimizers.make(name, lr=LRS[:, None]), np.broadcast_to(surface.start, (41, 2)),
                           steps)
    return run, learning_rates.four_learning_rates(LRS, run.losses, run.diverged_at, surface.min_value)


def test_four_rates_on_a_quadratic_follow_the_theory():
    bowl = objectives.quadratic((1.0, 10.0))
    run, (too_small, not_enough, good, too_large) = sweep(bowl)
    assert too_small < not_enough < good < too_large
    assert LRS[good] < 0.2 <= LRS[too_large]  # GD is stable below 2 / lambda_max = 0.2
    assert run.diverged_at[too_large] >= 0 or run.losses[-1, too_large] > run.losses[0, too_large]
    assert LRS[not_enough] == pytest.approx(LRS[good] / 10, rel=0.3)
    assert LRS[too_small] == pytest.approx(LRS[good] / 100, rel=0.3)
    gap = run.losses[-1] - bowl.min_value
    assert gap[good] < gap[not_enough] < gap[too_small]


@pytest.mark.parametrize("surface", [objectives.beale(), objectives.rosenbrock(), objectives.styblinski_tang()],
                         ids=["beale", "rosenbrock", "styblinski_tang"])
@pytest.mark.parametrize("name", ["gd", "adam"])
def test_four_distinct_rates_on_any_surface(surface, name):
    _, chosen = sweep(surface, name)
    assert len(set(chosen.tolist())) == 4 and list(chosen) == sorted(chosen)


def test_every_run_diverging_still_gives_four_rates():
    losses = np.ones((5, 6))
    chosen = learning_rates.four_learning_rates(np.arange(1.0, 7.0), losses, np.full(6, 2), 0.0)
    assert len(set(chosen.tolist())) == 4


def test_four_rates_refuse_a_short_sweep():
    with pytest.raises(ValueError, match="increasing"):
        learning_rates.four_learning_rates(np.array([1.0, 2.0, 3.0]), np.ones((2, 3)), np.full(3, -1), 0.0)


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
