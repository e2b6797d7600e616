"""dl_core.optimizers on a dict of arrays (a network's weights): the same as running each entry alone."""

import numpy as np
import pytest

from dl_core import schedules
from dl_core.optimizers import NAMES, AdamState, apply_updates, make

STEPS = 15


def starting_params() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {"W1": rng.standard_normal((3, 4)), "b1": np.zeros(4), "W2": rng.standard_normal((4, 2)), "b2": np.ones(2)}


def gradient(params: np.ndarray) -> np.ndarray:
    """The gradient of sum(p^4) / 4 + sum(p): different curvature in every coordinate."""
    return params**3 + 1.0


def run_dict(optimizer, params):
    state = optimizer.init(params)
    for _ in range(STEPS):
        updates, state = optimizer.update({key: gradient(value) for key, value in params.items()}, state, params)
        params = apply_updates(params, updates)
    return params, state


def run_alone(optimizer, params):
    state = optimizer.init(params)
    for _ in range(STEPS):
        updates, state = optimizer.update(gradient(params), state, params)
        params = apply_updates(params, updates)
    return params, state


HYPER = {
    "gd": {"weight_decay": 0.01},
    "momentum": {},
    "nesterov": {"weight_decay": 0.1},
    "adagrad": {"eps": 0.0},
    "rmsprop": {"momentum": 0.5},
    "adam": {"lr": schedules.cosine(0.05, total_steps=STEPS)},
    "adamw": {"weight_decay": 0.1},
}


@pytest.mark.parametrize("name", NAMES)
def test_a_dict_of_arrays_follows_each_entry_run_alone(name):
    optimizer = make(name, **HYPER[name])
    final, state = run_dict(optimizer, starting_params())
    assert list(final) == list(starting_params()) == list(state)
    for key, start in starting_params().items():
        alone, alone_state = run_alone(optimizer, start)
        np.testing.assert_array_equal(final[key], alone)
        assert state[key].step == alone_state.step == STEPS
        for field, value in zip(alone_state._fields[1:], alone_state[1:], strict=True):
            np.testing.assert_array_equal(getattr(state[key], field), value)


def test_the_state_mirrors_the_dict():
    state = make("adam").init(starting_params())
    assert set(state) == set(starting_params())
    assert isinstance(state["W1"], AdamState)
    assert state["W1"].exp_avg.shape == (3, 4) and state["b2"].exp_avg_sq.shape == (2,)


def test_batched_hyperparameters_broadcast_inside_each_entry():
    lrs = np.array([[0.01], [0.1]])
    params = {"a": np.ones((2, 3)), "b": np.full((2, 1), 2.0)}
    optimizer = make("gd", lr=lrs)
    grads = {"a": np.ones((2, 3)), "b": np.ones((2, 1))}
    updates, _ = optimizer.update(grads, optimizer.init(params), params)
    np.testing.assert_allclose(updates["a"], -lrs * np.ones((2, 3)))
    np.testing.assert_allclose(updates["b"], -lrs)


def test_apply_updates_on_dicts_returns_a_new_dict_and_mutates_nothing():
    params = starting_params()
    updates = {key: np.full_like(value, 0.5) for key, value in params.items()}
    for array in [*params.values(), *updates.values()]:
        array.flags.writeable = False
    result = apply_updates(params, updates)
    assert result is not params and list(result) == list(params)
    for key, value in params.items():
        np.testing.assert_array_equal(result[key], value + 0.5)
        assert not np.shares_memory(result[key], value)


@pytest.mark.parametrize("name", NAMES)
def test_a_dict_update_mutates_neither_grads_params_nor_state(name):
    optimizer = make(name, **HYPER[name])
    params = starting_params()
    grads = {key: gradient(value) for key, value in params.items()}
    state = optimizer.update(grads, optimizer.init(params), params)[1]
    frozen = [*params.values(), *grads.values(), *(array for entry in state.values() for array in entry[1:])]
    for array in frozen:
        array.flags.writeable = False  # any in-place write raises
    optimizer.update(grads, state, params)
