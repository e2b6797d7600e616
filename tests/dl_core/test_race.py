"""The fair race: one batch equals separate runs, standings, and one update taken apart for every optimizer."""

import numpy as np
import pytest

from dl_core import objectives, optimizers, trajectories
from dl_core.lessons import race
from support.entrants import RACE_ENTRANTS

ENTRANTS = RACE_ENTRANTS


@pytest.fixture(scope="module")
def beale_race():
    surface = objectives.beale()
    return surface, race.race(surface, ENTRANTS, surface.start, 60)


def test_every_entrant_runs_exactly_as_it_would_alone(beale_race):
    surface, together = beale_race
    assert together.points.shape == (61, len(ENTRANTS), 2) and together.losses.shape == (61, len(ENTRANTS))
    for index, (name, hyper) in enumerate(ENTRANTS):
        alone = trajectories.run(surface, optimizers.make(name, **hyper), surface.start, 60)
        np.testing.assert_allclose(together.points[:, index], alone.points, rtol=1e-13, atol=1e-15)
        assert together.diverged_at[index] == alone.diverged_at


def test_states_are_recorded_after_every_update(beale_race):
    surface, together = beale_race
    adam_state = together.states[5]
    assert isinstance(adam_state, optimizers.AdamState)
    assert adam_state.exp_avg.shape == (61, 2) and list(adam_state.step) == list(range(61))
    optimizer = optimizers.make("adam", lr=0.1, beta1=0.8)
    state, point = optimizer.init(surface.start), surface.start
    for step in range(1, 6):
        updates, state = optimizer.update(surface.grad(point), state, point)
        point = point + updates
        np.testing.assert_allclose(adam_state.exp_avg[step], state.exp_avg, rtol=1e-13)
        np.testing.assert_allclose(adam_state.exp_avg_sq[step], state.exp_avg_sq, rtol=1e-13)


@pytest.mark.parametrize("index", range(len(ENTRANTS)), ids=[name for name, _ in ENTRANTS])
def test_the_anatomy_of_an_update_adds_up_to_the_step_taken(beale_race, index):
    """Each rule written out by hand from the quantities the anatomy reports gives the step actually taken."""
    surface, together = beale_race
    name, hyper = ENTRANTS[index]
    full = {**optimizers.DEFAULTS[name], **hyper}
    for step in (1, 2, 17, 60):
        part = race.anatomy(name, hyper, together.points[:, index], together.grads[:, index], together.states[index],
                            step)
        lr, grad = full["lr"], part.grad
        if name == "gd":
            expected = -lr * grad
        elif name == "momentum":
            np.testing.assert_allclose(part.after["momentum_buffer"],
                                       full["momentum"] * part.before["momentum_buffer"] + grad, rtol=1e-12)
            expected = -lr * part.after["momentum_buffer"]
        elif name == "nesterov":
            expected = -lr * (grad + full["momentum"] * part.after["momentum_buffer"])
        elif name == "adagrad":
            np.testing.assert_allclose(part.after["sum"], part.before["sum"] + grad**2, rtol=1e-12)
            expected = -part.derived["effective_lr"] * grad
        elif name == "rmsprop":
            alpha = full["alpha"]
            np.testing.assert_allclose(part.after["square_avg"],
                                       alpha * part.before["square_avg"] + (1 - alpha) * grad**2, rtol=1e-12)
            expected = -lr * part.after["momentum_buffer"]
        else:
            assert part.derived["m_hat"] == pytest.approx(part.after["exp_avg"] / (1 - full["beta1"] ** step))
            expected = -part.derived["effective_lr"] * part.derived["m_hat"]
            if name == "adamw":
                expected = expected - lr * full["weight_decay"] * part.point
        np.testing.assert_allclose(part.update, expected, rtol=1e-9, atol=1e-14)


def test_standings():
    surface = objectives.quadratic((1.0, 10.0))
    run = race.race(surface, [("gd", {"lr": 0.1}), ("gd", {"lr": 0.5}), ("gd", {"lr": 0.001})], surface.start, 100)
    result = race.standings(run, surface.minima, surface.min_value, tolerance=1e-6)
    assert result.diverged_at[1] > 0 and result.diverged_at[0] == -1
    assert result.steps_to_tolerance[0] > 0 and list(result.steps_to_tolerance[1:]) == [-1, -1]
    first = int(result.steps_to_tolerance[0])
    assert run.losses[first, 0] <= 1e-6 < run.losses[first - 1, 0]
    assert result.distance[0] == pytest.approx(np.linalg.norm(run.points[-1, 0]))
    np.testing.assert_allclose(result.gap, result.final_loss - surface.min_value)


def test_the_nearest_of_several_minima():
    surface = objectives.himmelblau()
    starts = surface.minima + 0.05
    for index, start in enumerate(starts):
        run = race.race(surface, [("gd", {"lr": 0.001})], start, 5)
        assert race.standings(run, surface.minima, 0.0, 1e-3).nearest[0] == index


def test_bad_races_are_refused():
    surface = objectives.beale()
    with pytest.raises(ValueError, match="at least one"):
        race.race(surface, [], surface.start, 10)
    with pytest.raises(ValueError, match="start"):
        race.race(surface, ENTRANTS[:1], np.zeros((2, 2)), 10)
    run = race.race(surface, ENTRANTS[:1], surface.start, 3)
    with pytest.raises(ValueError, match="step"):
        race.anatomy("gd", {"lr": 0.01}, run.points[:, 0], run.grads[:, 0], run.states[0], 0)


def test_the_first_to_reach_the_tolerance():
    def standings(steps):
        return race.Standings(*(np.zeros(len(steps)),) * 4, steps_to_tolerance=np.array(steps),
                              diverged_at=np.full(len(steps), -1))
    assert race.first_to_tolerance(standings([-1, 7, 3, 3])) == 2
    assert race.first_to_tolerance(standings([-1, -1])) == -1
