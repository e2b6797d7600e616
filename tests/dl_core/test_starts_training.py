"""dl_core.starts_training: K networks trained side by side from K starts are each the engine's ``train`` from that
start; a copy's run does not depend on the others; a copy that blows up stops where the engine's does."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import datasets, network, optimizers, variance
from dl_core.starts_training import StartsRun, stack_starts, train_from_starts

SCHEMES = ("small_normal", "unit_normal", "standard_uniform", "xavier_normal", "he_normal")


@pytest.fixture(scope="module")
def data():
    x, y = datasets.circles(160, np.random.default_rng(3))
    return datasets.train_val_split(x, y, 0.25, np.random.default_rng(4))


def starts_for(mlp, names, seed=6):
    return [variance.init_params(mlp, name, np.random.default_rng(seed)) for name in names]


def lockstep(mlp, starts, lr, data, epochs=6, batch_size=32, optimizer=optimizers.sgd) -> StartsRun:
    x, y, x_val, y_val = data
    return train_from_starts(mlp, starts, optimizer(lr, momentum=0.9) if optimizer is optimizers.sgd
                             else optimizer(lr), x, y, epochs=epochs, batch_size=batch_size,
                             rng=np.random.default_rng(7), x_val=x_val, y_val=y_val)


def alone(mlp, start, lr, data, epochs=6, batch_size=32, optimizer=optimizers.sgd) -> network.TrainingRun:
    x, y, x_val, y_val = data
    return network.train(mlp, start, (), optimizer(lr, momentum=0.9) if optimizer is optimizers.sgd
                         else optimizer(lr), x, y, epochs=epochs, batch_size=batch_size,
                         rng=np.random.default_rng(7), x_val=x_val, y_val=y_val)


@pytest.mark.parametrize(("activation", "lr", "depth", "width", "diverged"), [
    ("tanh", 0.01, 6, 16, 0),     # unit_normal saturates: the engine's tail-exact derivatives matter
    ("relu", 0.01, 8, 32, 1),     # unit_normal blows up in the first epoch
    ("relu", 0.8, 8, 32, 3),      # three copies blow up, at three different epochs
    ("sigmoid", 1.0, 3, 16, 0),
    ("gelu", 0.05, 3, 16, 0),
])
def test_every_copy_is_the_engines_training_from_its_start(data, activation, lr, depth, width, diverged):
    mlp = network.MLP((2, *[width] * depth, 2), activation=activation)
    names = variance.SCHEME_NAMES
    starts = starts_for(mlp, names)
    run = lockstep(mlp, starts, lr, data)
    assert run.train_loss.shape == run.val_accuracy.shape == (7, len(names))
    assert np.count_nonzero(run.diverged_at >= 0) == diverged
    for index, start in enumerate(starts):
        engine = alone(mlp, start, lr, data)
        assert run.diverged_at[index] == engine.diverged_at, names[index]
        for mine, theirs in ((run.train_loss, engine.train_loss), (run.val_loss, engine.val_loss),
                             (run.train_accuracy, engine.train_accuracy), (run.val_accuracy, engine.val_accuracy)):
            np.testing.assert_allclose(mine[:, index], theirs, rtol=1e-10, atol=1e-12, err_msg=names[index])
        for key, value in engine.params.items():
            np.testing.assert_allclose(run.params[key][index].reshape(value.shape), value, rtol=1e-10, atol=1e-12)


def test_a_blown_up_copy_stops_and_the_others_go_on(data):
    mlp = network.MLP((2, *[32] * 8, 2), activation="relu")
    starts = starts_for(mlp, ("unit_normal", "he_normal"))
    run = lockstep(mlp, starts, 0.01, data, epochs=8)
    assert run.diverged_at.tolist() == [1, -1] == [alone(mlp, start, 0.01, data, epochs=8).diverged_at
                                                   for start in starts]
    assert np.all(run.train_loss[:, 0] == run.train_loss[0, 0])  # frozen at the untrained network's loss
    assert run.train_loss[-1, 1] < run.train_loss[0, 1]
    for values in (run.train_loss, run.val_loss, run.train_accuracy, run.val_accuracy):
        assert np.all(np.isfinite(values))
    np.testing.assert_array_equal(run.params["W1"][0], starts[0]["W1"])  # kept the weights before the bad epoch


def test_adam_and_a_batch_that_does_not_divide_the_set(data):
    mlp = network.MLP((2, 8, 8, 2), activation="elu")
    starts = starts_for(mlp, ("xavier_normal", "he_uniform"))
    run = lockstep(mlp, starts, 0.02, data, epochs=4, batch_size=25, optimizer=optimizers.adam)
    for index, start in enumerate(starts):
        engine = alone(mlp, start, 0.02, data, epochs=4, batch_size=25, optimizer=optimizers.adam)
        np.testing.assert_allclose(run.train_loss[:, index], engine.train_loss, rtol=1e-10, atol=1e-12)


@settings(max_examples=12, deadline=None)
@given(chosen=st.lists(st.sampled_from(SCHEMES), min_size=1, max_size=4, unique=True),
       lr=st.floats(0.005, 2.0), activation=st.sampled_from(["tanh", "relu", "sigmoid"]))
def test_a_copy_does_not_depend_on_the_others(data, chosen, lr, activation):
    """Training a subset of the starts gives each of them the same history as training all of them."""
    mlp = network.MLP((2, 8, 8, 8, 2), activation=activation)
    everything = lockstep(mlp, starts_for(mlp, SCHEMES), lr, data, epochs=4)
    subset = lockstep(mlp, starts_for(mlp, chosen), lr, data, epochs=4)
    for index, name in enumerate(chosen):
        row = SCHEMES.index(name)
        assert subset.diverged_at[index] == everything.diverged_at[row]
        np.testing.assert_allclose(subset.train_loss[:, index], everything.train_loss[:, row], rtol=1e-10, atol=1e-12)
        np.testing.assert_array_equal(subset.val_accuracy[:, index], everything.val_accuracy[:, row])
        assert np.all(np.isfinite(subset.train_loss[:, index]))


def test_stack_starts_puts_the_copies_first():
    mlp = network.MLP((2, 5, 3), activation="tanh")
    stacked = stack_starts(starts_for(mlp, ("xavier_normal", "he_normal", "small_normal")))
    assert {key: value.shape for key, value in stacked.items()} == {
        "W1": (3, 2, 5), "b1": (3, 5), "W2": (3, 5, 3), "b2": (3, 3)}
    with pytest.raises(ValueError, match="same parameters"):
        stack_starts([{"W1": np.zeros((2, 5))}, {"W2": np.zeros((2, 5))}])


@pytest.mark.parametrize(("mlp", "starts", "epochs", "batch_size", "message"), [
    (network.MLP((2, 4, 2), batch_norm=True), None, 2, 8, "batch norm"),
    (network.MLP((2, 4, 2), drop_prob=0.5), None, 2, 8, "dropout"),
    (network.MLP((2, 4, 1), loss="mse"), None, 2, 8, "classifiers"),
    (network.MLP((2, 4, 2)), [], 2, 8, "at least one start"),
    (network.MLP((2, 4, 2)), None, -1, 8, "epochs"),
    (network.MLP((2, 4, 2)), None, 2, 0, "batch_size"),
    (network.MLP((2, 4, 2)), None, 2.5, 8, "epochs"),
])
def test_bad_arguments_are_refused(data, mlp, starts, epochs, batch_size, message):
    x, y, x_val, y_val = data
    if starts is None:
        starts = [mlp.init(np.random.default_rng(0))]
    with pytest.raises(ValueError, match=message):
        train_from_starts(mlp, starts, optimizers.sgd(0.1), x, y, epochs=epochs, batch_size=batch_size,
                          rng=np.random.default_rng(0), x_val=x_val, y_val=y_val)


def test_inputs_of_the_wrong_shape_are_refused(data):
    x, y, x_val, y_val = data
    mlp = network.MLP((3, 4, 2))
    with pytest.raises(ValueError, match=r"x_train must be \(N, 3\)"):
        train_from_starts(mlp, [mlp.init(np.random.default_rng(0))], optimizers.sgd(0.1), x, y, epochs=1,
                          batch_size=8, rng=np.random.default_rng(0), x_val=x_val, y_val=y_val)
