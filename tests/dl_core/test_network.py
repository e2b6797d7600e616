"""dl_core.network: parameters, forward records, whole-network gradient checks and the training loop."""

import numpy as np
import pytest

from dl_core import datasets, network, optimizers
from dl_core.activations import ACTIVATIONS
from dl_core.gradcheck import numerical_grad, relative_error
from dl_core.layers import BatchNormStats
from dl_core.network import MLP
from dl_core.training import train

SIZES = (3, 5, 4, 3)
# Centred differences of a loss near 1 carry a rounding error near 1e-16 / 1e-6 = 1e-10 per entry; entries
# below the floor are compared by absolute error / floor.
GRAD_TOLERANCE, GRAD_FLOOR = 1e-5, 1e-4


def batch(seed: int = 0, count: int = 8, sizes=SIZES):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((count, sizes[0])), rng.integers(0, sizes[-1], count)


def assert_network_gradients(mlp: MLP, params, state, x, y, *, seed=None, skip=()):
    """Every gradient of ``loss_and_grads`` against centred differences of the loss, parameter by parameter.

    With ``seed`` the dropout masks come from a generator made afresh from it at every evaluation, so the
    network is the same function of its parameters throughout (a fixed mask).
    """

    def loss(current):
        rng = None if seed is None else np.random.default_rng(seed)
        return mlp.loss_and_grads(current, state, x, y, rng=rng)[0]

    _, grads, _ = mlp.loss_and_grads(params, state, x, y, rng=None if seed is None else np.random.default_rng(seed))
    assert list(grads) == list(params)
    for key in params:
        if key in skip:
            continue
        numerical = numerical_grad(lambda value, key=key: loss({**params, key: value}), params[key])
        assert relative_error(grads[key], numerical, floor=GRAD_FLOOR) < GRAD_TOLERANCE, key


# ---------------------------------------------------------------- parameters and state


def test_init_makes_weights_biases_and_batchnorm_parameters_for_hidden_layers():
    mlp = MLP(SIZES, batch_norm=True)
    params = mlp.init(np.random.default_rng(0))
    assert list(params) == ["W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"]
    assert [params[f"W{k}"].shape for k in (1, 2, 3)] == [(3, 5), (5, 4), (4, 3)]
    for key, value in params.items():
        assert value.dtype == np.float64
        if key.startswith(("b", "beta")):
            np.testing.assert_array_equal(value, 0.0)
        if key.startswith("gamma"):
            np.testing.assert_array_equal(value, 1.0)


def test_init_uses_the_named_initializer_and_its_parameters():
    mlp = MLP((200, 300, 2))
    assert np.var(mlp.init(np.random.default_rng(1))["W1"]) == pytest.approx(2 / 200, rel=0.05)  # He
    assert np.var(mlp.init(np.random.default_rng(1), "xavier_normal")["W1"]) == pytest.approx(2 / 500, rel=0.05)
    np.testing.assert_array_equal(mlp.init(np.random.default_rng(1), "constant", value=0.3)["W2"], 0.3)
    with pytest.raises(ValueError, match="initializer"):
        mlp.init(np.random.default_rng(1), "orthogonal")


def test_init_state_holds_one_initial_batchnorm_stats_per_hidden_layer():
    assert MLP(SIZES).init_state() == ()
    state = MLP(SIZES, batch_norm=True).init_state()
    assert len(state) == 2 and all(isinstance(stats, BatchNormStats) for stats in state)
    np.testing.assert_array_equal(state[1].var, np.ones(4))


@pytest.mark.parametrize(
    ("arguments", "match"),
    [({"sizes": (3,)}, "sizes"), ({"sizes": (3, 0, 2)}, "sizes"), ({"sizes": (3, 2.5)}, "sizes"),
     ({"sizes": (3, 2), "activation": "swish"}, "swish"), ({"sizes": (3, 2), "drop_prob": 1.0}, "drop_prob"),
     ({"sizes": (3, 2), "loss": "hinge"}, "loss")],
)
def test_mlp_rejects_bad_descriptions_naming_the_field(arguments, match):
    with pytest.raises(ValueError, match=match):
        MLP(**arguments)


def test_mlp_is_a_hashable_frozen_description():
    assert MLP([3, 4, 2]) == MLP((3, 4, 2))
    assert hash(MLP([3, 4, 2])) == hash(MLP((3, 4, 2)))
    with pytest.raises(AttributeError):
        MLP(SIZES).activation = "tanh"


# ---------------------------------------------------------------- forward records and predict


def test_forward_records_every_layer_and_predict_is_the_eval_output():
    mlp = MLP(SIZES, activation="tanh", batch_norm=True, drop_prob=0.5)
    params, state = mlp.init(np.random.default_rng(2)), mlp.init_state()
    x, _ = batch(3, count=16)
    forward = mlp.forward(params, state, x, train=True, rng=np.random.default_rng(4))
    assert [record.linear.shape for record in forward.layers] == [(16, 5), (16, 4), (16, 3)]
    first = forward.layers[0]
    np.testing.assert_allclose(first.pre_activation.mean(axis=0), 0.0, atol=1e-12)  # batch-normalised
    np.testing.assert_array_equal(first.activation, np.tanh(first.pre_activation))
    assert forward.layers[-1].activation is forward.output
    assert len(forward.state) == 2 and not np.array_equal(forward.state[0].mean, state[0].mean)
    evaluated = mlp.forward(params, state, x)
    assert evaluated.state is state
    np.testing.assert_array_equal(mlp.predict(params, state, x), evaluated.output)


def test_pre_activation_is_the_linear_output_without_batchnorm():
    mlp = MLP(SIZES)
    params = mlp.init(np.random.default_rng(5))
    x, _ = batch(6)
    record = mlp.forward(params, (), x).layers[0]
    np.testing.assert_array_equal(record.pre_activation, x @ params["W1"] + params["b1"])


# ---------------------------------------------------------------- whole-network gradient checks


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_network_gradients_match_centred_differences_for_each_activation(activation):
    mlp = MLP(SIZES, activation=activation)
    x, y = batch(7)
    assert_network_gradients(mlp, mlp.init(np.random.default_rng(8)), mlp.init_state(), x, y)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_network_gradients_with_batchnorm_in_train_mode(activation):
    mlp = MLP(SIZES, activation=activation, batch_norm=True)
    noise = np.random.default_rng(10)
    params = {key: value + 0.1 * noise.standard_normal(value.shape) for key, value in mlp.init(noise).items()}
    x, y = batch(11)
    # The bias before a batch norm has no effect in train mode (the batch mean removes it): its exact
    # gradient is 0 and both sides are rounding noise, so it is checked on its own below.
    assert_network_gradients(mlp, params, mlp.init_state(), x, y, skip=("b1", "b2"))
    _, grads, _ = mlp.loss_and_grads(params, mlp.init_state(), x, y)
    np.testing.assert_allclose(grads["b1"], 0.0, atol=1e-15)
    np.testing.assert_allclose(grads["b2"], 0.0, atol=1e-15)


def test_network_gradients_with_batchnorm_in_eval_mode():
    mlp = MLP(SIZES, activation="silu", batch_norm=True)
    params = mlp.init(np.random.default_rng(12))
    state = (BatchNormStats(np.full(5, 0.2), np.full(5, 1.5)), BatchNormStats(np.full(4, -0.1), np.full(4, 0.7)))
    x, y = batch(13)

    def loss(current):
        return mlp.loss_and_grads(current, state, x, y, train=False)[0]

    _, grads, new_state = mlp.loss_and_grads(params, state, x, y, train=False)
    assert new_state is state
    for key in params:
        numerical = numerical_grad(lambda value, key=key: loss({**params, key: value}), params[key])
        assert relative_error(grads[key], numerical, floor=GRAD_FLOOR) < GRAD_TOLERANCE, key


@pytest.mark.parametrize("batch_norm", [False, True])
def test_network_gradients_with_dropout_at_a_fixed_seed(batch_norm):
    mlp = MLP(SIZES, activation="elu", batch_norm=batch_norm, drop_prob=0.3)
    x, y = batch(14)
    skip = ("b1", "b2") if batch_norm else ()
    assert_network_gradients(mlp, mlp.init(np.random.default_rng(15)), mlp.init_state(), x, y, seed=16, skip=skip)


def test_network_gradients_with_mse():
    mlp = MLP((3, 6, 2), activation="tanh", loss="mse")
    x = np.random.default_rng(17).standard_normal((8, 3))
    target = np.random.default_rng(18).standard_normal((8, 2))
    assert_network_gradients(mlp, mlp.init(np.random.default_rng(19)), (), x, target)


def test_mse_with_one_output_accepts_flat_targets():
    mlp = MLP((3, 4, 1), loss="mse")
    params, x = mlp.init(np.random.default_rng(20)), np.random.default_rng(21).standard_normal((6, 3))
    target = np.arange(6.0)
    flat = mlp.loss_and_grads(params, (), x, target)
    column = mlp.loss_and_grads(params, (), x, target[:, None])
    assert flat[0] == column[0]


def test_dropout_in_train_mode_needs_a_generator():
    mlp = MLP(SIZES, drop_prob=0.2)
    x, y = batch(22)
    with pytest.raises(ValueError, match="rng"):
        mlp.loss_and_grads(mlp.init(np.random.default_rng(23)), (), x, y)
    mlp.loss_and_grads(mlp.init(np.random.default_rng(23)), (), x, y, train=False)  # eval needs none


def test_loss_and_grads_mutates_nothing():
    mlp = MLP(SIZES, batch_norm=True, drop_prob=0.2)
    params, state = mlp.init(np.random.default_rng(24)), mlp.init_state()
    x, y = batch(25)
    for array in [*params.values(), *state[0], *state[1], x, y]:
        array.flags.writeable = False  # any in-place write raises
    keys = list(params)
    mlp.loss_and_grads(params, state, x, y, rng=np.random.default_rng(26))
    assert list(params) == keys


# ---------------------------------------------------------------- training


def moons_split(count=300, seed=0):
    rng = np.random.default_rng(seed)
    x, y = datasets.moons(count, rng, noise=0.1)
    return datasets.train_val_split(x, y, 0.25, rng)


def test_training_on_moons_decreases_the_loss_and_records_every_history():
    x_train, y_train, x_val, y_val = moons_split()
    mlp = MLP((2, 16, 16, 2))
    params = mlp.init(np.random.default_rng(1))
    epochs, batch_size = 30, 32
    run = train(mlp, params, mlp.init_state(), optimizers.adam(0.01), x_train, y_train, epochs=epochs,
                batch_size=batch_size, rng=np.random.default_rng(2), x_val=x_val, y_val=y_val)
    assert not run.diverged and run.diverged_at == -1
    assert run.train_loss[-1] < 0.3 * run.train_loss[0]
    assert run.val_loss[-1] < 0.3 * run.val_loss[0]
    assert run.train_accuracy[-1] > 0.95 and run.val_accuracy[-1] > 0.95
    for history in (run.train_loss, run.val_loss, run.train_accuracy, run.val_accuracy):
        assert history.shape == (epochs + 1,)
    for history in (run.pre_activation_mean, run.pre_activation_std, run.activation_mean, run.activation_std,
                    run.grad_norm):
        assert history.shape == (epochs + 1, mlp.depth)
        assert np.all(np.isfinite(history))
    assert run.batch_losses.shape == (epochs * int(np.ceil(len(x_train) / batch_size)),)
    assert np.all(run.activation_mean[:, :-1] >= 0)  # ReLU outputs
    np.testing.assert_allclose(run.train_loss[-1], mlp.loss_and_grads(run.params, run.state, x_train, y_train,
                                                                       train=False)[0])
    assert not np.array_equal(params["W1"], run.params["W1"])


def test_training_is_reproducible_from_the_seed_and_mutates_nothing():
    x_train, y_train, _, _ = moons_split(120)
    mlp = MLP((2, 8, 2), batch_norm=True, drop_prob=0.2)
    params = mlp.init(np.random.default_rng(3))
    originals = {key: value.copy() for key, value in params.items()}

    def run():
        return train(mlp, params, mlp.init_state(), optimizers.make("momentum", lr=0.05), x_train, y_train,
                     epochs=4, batch_size=16, rng=np.random.default_rng(4))

    first, second = run(), run()
    np.testing.assert_array_equal(first.batch_losses, second.batch_losses)
    np.testing.assert_array_equal(first.params["W1"], second.params["W1"])
    for key, value in originals.items():
        np.testing.assert_array_equal(params[key], value)
    assert not np.array_equal(first.state[0].mean, mlp.init_state()[0].mean)  # running stats were learnt


def test_training_with_batchnorm_leaves_out_a_last_batch_of_one_sample():
    x_train, y_train, _, _ = moons_split(60)
    x_train, y_train = x_train[:33], y_train[:33]
    mlp = MLP((2, 8, 2), batch_norm=True)
    run = train(mlp, mlp.init(np.random.default_rng(5)), mlp.init_state(), optimizers.sgd(0.1), x_train, y_train,
                epochs=3, batch_size=16, rng=np.random.default_rng(6))
    assert run.batch_losses.shape == (3 * 2,)


def test_regression_training_records_no_accuracy():
    rng = np.random.default_rng(7)
    x = rng.uniform(-1, 1, (100, 1))
    y = np.sin(3 * x[:, 0])
    mlp = MLP((1, 16, 1), activation="tanh", loss="mse")
    run = train(mlp, mlp.init(rng, "xavier_normal"), (), optimizers.adam(0.02), x, y, epochs=40, batch_size=20,
                rng=rng)
    assert run.train_accuracy is None and run.val_loss is None and run.val_accuracy is None
    assert run.train_loss[-1] < 0.2 * run.train_loss[0]


@pytest.mark.parametrize("lr", [1e3, 1e8, 1e300])
def test_training_with_a_huge_learning_rate_diverges_cleanly(lr):
    x_train, y_train, x_val, y_val = moons_split()
    mlp = MLP((2, 16, 16, 2))
    params = mlp.init(np.random.default_rng(8))
    epochs = 10
    run = train(mlp, params, mlp.init_state(), optimizers.sgd(lr), x_train, y_train, epochs=epochs, batch_size=16,
                rng=np.random.default_rng(9), x_val=x_val, y_val=y_val)  # any warning fails the test
    assert run.diverged and 1 <= run.diverged_at <= epochs
    for history in (run.train_loss, run.val_loss, run.train_accuracy, run.val_accuracy, run.grad_norm,
                    run.pre_activation_std, run.activation_std, run.batch_losses):
        assert np.all(np.isfinite(history))
    assert run.train_loss.shape == (epochs + 1,)
    np.testing.assert_array_equal(run.train_loss[run.diverged_at:], run.train_loss[run.diverged_at - 1])
    assert all(np.all(np.isfinite(value)) for value in run.params.values())


def test_zero_epochs_records_the_untrained_network():
    x_train, y_train, _, _ = moons_split(40)
    mlp = MLP((2, 4, 2))
    params = mlp.init(np.random.default_rng(10))
    run = train(mlp, params, (), optimizers.sgd(0.1), x_train, y_train, epochs=0, batch_size=8,
                rng=np.random.default_rng(11))
    assert run.train_loss.shape == (1,) and run.batch_losses.shape == (0,)
    assert all(np.array_equal(run.params[key], value) for key, value in params.items())


@pytest.mark.parametrize(
    ("keywords", "match"),
    [({"epochs": -1}, "epochs"), ({"epochs": 2.0}, "epochs"), ({"batch_size": 0}, "batch_size"),
     ({"x_val": np.zeros((3, 2))}, "x_val"), ({"x_val": np.zeros((3, 3)), "y_val": np.zeros(3, int)}, "x_val")],
)
def test_train_rejects_bad_arguments_naming_them(keywords, match):
    x_train, y_train, _, _ = moons_split(40)
    mlp = MLP((2, 4, 2))
    arguments = {"epochs": 1, "batch_size": 8, "rng": np.random.default_rng(0), **keywords}
    with pytest.raises(ValueError, match=match):
        train(mlp, mlp.init(np.random.default_rng(0)), (), optimizers.sgd(0.1), x_train, y_train, **arguments)


@pytest.mark.parametrize(("labels", "match"), [
    (np.array([0, 1, 2]), r"y_val must hold 3 integer labels in \[0, 2\)"),  # a third class for a 2-class network
    (np.array([0, -1, 1]), r"y_val must hold 3 integer labels"),
    (np.array([0.0, 1.0, 1.0]), r"y_val must hold 3 integer labels"),
    (np.array([0, 1]), r"x_val must be \(N, 2\)"),
])
def test_a_classifiers_labels_must_be_its_classes(labels, match):
    """``checked_classes``, what every classifier training in dl_core checks its data with."""
    with pytest.raises(ValueError, match=match):
        network.checked_classes(MLP((2, 4, 2)), np.zeros((3, 2)), labels, "val")
    x, y = network.checked_classes(MLP((2, 4, 2)), [[0, 1], [2, 3]], np.array([1, 0]), "val")
    assert x.dtype == np.float64 and np.array_equal(y, [1, 0])
