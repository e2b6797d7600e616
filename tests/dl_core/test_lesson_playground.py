"""dl_core.lessons.playground: a recorded run is the engine's training with the optimizer and schedule on the dict of
parameters, the recording is the network's actual output, the layer statistics are each snapshot's own, and a run
that blows up stops with finite histories."""

import itertools

import numpy as np
import pytest

from dl_core import datasets, optimizers, schedules
from dl_core.activations import activation_pair
from dl_core.layers import BatchNormStats, batchnorm_forward
from dl_core.lessons import playground as lesson
from dl_core.lessons.playground import (
    NO_GRADIENT_SHARE,
    PERCENTILES,
    largest_derivative,
    layer_stats,
    probability,
    snapshots_layer_stats,
    train_recorded,
)
from dl_core.network import MLP, stack_copies
from dl_core.training import minibatches


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(3)
    x, y = datasets.moons(90, rng, noise=0.2)
    x_val, y_val = datasets.moons(40, rng, noise=0.2)
    axis = np.linspace(-1.5, 2.5, 7)
    grid = np.stack(np.meshgrid(axis, axis), axis=-1).reshape(-1, 2)
    return x, y, x_val, y_val, grid


def engine_run(mlp, x, y, steps, batch_size, seed, optimizer, hyper, schedule, initializer):
    """The engine's network with the optimizer on the dict of parameters, on the minibatches and masks the recorded
    run uses."""
    hyper = dict(hyper)
    lr = hyper.pop("lr")
    rule = optimizers.make(optimizer, lr=schedules.for_run(schedule, lr, steps), **hyper)
    rng = np.random.default_rng(seed)
    params = mlp.init(rng, initializer)
    state = mlp.init_state()
    optimizer_state = rule.init(params)
    losses = []
    for (batch,) in itertools.islice(minibatches([rng], len(x), batch_size, mlp.batch_norm), steps):
        loss, grads, state = mlp.loss_and_grads(params, state, x[batch], y[batch], rng=rng)
        updates, optimizer_state = rule.update(grads, optimizer_state, params)
        params = optimizers.apply_updates(params, updates)
        losses.append(loss)
    return params, state, np.array(losses)


CONFIGURATIONS = [
    ("relu", False, 0.0, "adam", {"lr": 0.01}, "constant", "he_normal"),
    ("tanh", True, 0.0, "momentum", {"lr": 0.05, "momentum": 0.9}, "cosine", "xavier_uniform"),
    ("sigmoid", False, 0.3, "rmsprop", {"lr": 0.01, "alpha": 0.9}, "step_decay", "xavier_normal"),
    ("gelu", True, 0.2, "adamw", {"lr": 0.005, "weight_decay": 0.1}, "exponential", "lecun_normal"),
    ("elu", False, 0.5, "nesterov", {"lr": 0.02}, "inverse_time", "he_uniform"),
    ("leaky_relu", True, 0.1, "adagrad", {"lr": 0.05}, "constant", "normal"),
]


@pytest.mark.parametrize(("activation", "batch_norm", "drop_prob", "optimizer", "hyper", "schedule", "initializer"),
                         CONFIGURATIONS)
def test_a_recorded_run_is_the_engines_training(data, activation, batch_norm, drop_prob, optimizer, hyper, schedule,
                                                initializer):
    x, y, x_val, y_val, grid = data
    mlp = MLP((2, 6, 5, 2), activation=activation, batch_norm=batch_norm, drop_prob=drop_prob)
    run = train_recorded(mlp, x, y, x_val, y_val, grid, steps=25, batch_size=16, seed=4, optimizer=optimizer,
                         hyper=hyper, schedule=schedule, initializer=initializer, snapshot_every=10)
    params, state, losses = engine_run(mlp, x, y, 25, 16, 4, optimizer, hyper, schedule, initializer)
    assert run.diverged_at == -1
    for key, value in params.items():
        np.testing.assert_allclose(run.params[key], value, rtol=1e-9, atol=1e-12, err_msg=key)
    for ours, theirs in zip(run.state, state, strict=True):
        np.testing.assert_allclose(ours.mean, theirs.mean, rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(ours.var, theirs.var, rtol=1e-9)
    np.testing.assert_allclose(run.batch_loss, losses, rtol=1e-9)
    # The last snapshot is the trained network measured in eval mode, as the engine measures it.
    logits = mlp.predict(params, state, x_val)
    assert run.val_accuracy[-1] == pytest.approx(np.mean(logits.argmax(axis=1) == y_val))
    assert run.val_loss[-1] == pytest.approx(mlp.loss_and_grads(params, state, x_val, y_val, train=False)[0])
    expected = np.exp(mlp.predict(params, state, grid))
    np.testing.assert_allclose(run.probability[-1], expected[:, 1] / expected.sum(axis=1), rtol=1e-9)


def test_snapshots_are_taken_every_k_steps_and_at_the_end(data):
    x, y, x_val, y_val, grid = data
    run = train_recorded(MLP((2, 8, 2)), x, y, x_val, y_val, grid, steps=23, batch_size=10, seed=0, snapshot_every=5)
    assert run.steps.tolist() == [0, 5, 10, 15, 20, 23]
    assert run.probability.shape == (6, len(grid))
    assert run.layers.percentiles.shape == (6, 1, 3) and run.layers.grad_norm.shape == (6, 2)
    assert np.all((run.probability >= 0) & (run.probability <= 1))
    assert run.train_loss[-1] < run.train_loss[0]


def test_layer_statistics_see_a_dead_layer_and_a_saturated_one(data):
    x, y, *_ = data
    mlp = MLP((2, 6, 6, 2), activation="relu")
    params = mlp.init(np.random.default_rng(0))
    params["b1"] = np.full(6, -50.0)  # every unit of layer 1 is off for every input: the layer is dead
    percentiles, spread, no_gradient, grad_norm = layer_stats(mlp, params, x, y)
    assert no_gradient[0] == 1.0 and spread[0] == 0.0 and grad_norm[0] == 0.0
    assert np.all(percentiles[0] < -40)
    sigmoid = MLP((2, 6, 2), activation="sigmoid")
    quiet = sigmoid.init(np.random.default_rng(0))
    loud = {key: value * (100.0 if key == "W1" else 1.0) for key, value in quiet.items()}
    assert layer_stats(sigmoid, loud, x, y)[2][0] > 0.8 > 0.2 > layer_stats(sigmoid, quiet, x, y)[2][0]


def one_by_one(mlp, params, x, y):
    """The layer statistics of one network, measured directly: its train-mode pass (``loss_and_grads``, batch norm
    by ``x``'s statistics), the pre-activations and activations recomputed layer by layer."""
    fn, grad = activation_pair(mlp.activation)
    _, grads, _ = mlp.loss_and_grads(params, mlp.init_state(), x, y)
    hidden, pre, out = x, [], []
    for index in range(1, mlp.depth):
        z = hidden @ params[f"W{index}"] + params[f"b{index}"]
        if mlp.batch_norm:
            z = batchnorm_forward(z, params[f"gamma{index}"], params[f"beta{index}"],
                                  BatchNormStats.initial(z.shape[1]), train=True)[0]
        pre.append(z)
        out.append(hidden := fn(z))
    limit = NO_GRADIENT_SHARE * largest_derivative(mlp.activation)
    return (np.array([np.percentile(z, PERCENTILES) for z in pre]).reshape(len(pre), len(PERCENTILES)),
            np.array([a.std() for a in out]),
            np.array([np.mean(np.abs(grad(z, a)) < limit) for z, a in zip(pre, out, strict=True)]),
            np.array([np.linalg.norm(grads[f"W{index}"]) for index in range(1, mlp.depth + 1)]))


@pytest.mark.parametrize(("sizes", "activation", "batch_norm"), [
    ((2, 8, 8, 2), "relu", False), ((2, 5, 3, 4, 2), "tanh", True), ((2, 6, 2), "gelu", False),
    ((2, 2), "relu", False)])
def test_the_snapshots_statistics_are_each_networks_own(data, sizes, activation, batch_norm, monkeypatch):
    """Measured side by side, in batches of a few snapshots (here 3), each snapshot's statistics are its own."""
    x, y, *_ = data
    mlp = MLP(sizes, activation=activation, batch_norm=batch_norm)
    rng = np.random.default_rng(1)
    snapshots = [{key: value * rng.uniform(0.5, 3.0) for key, value in mlp.init(rng).items()} for _ in range(7)]
    monkeypatch.setattr(lesson, "SNAPSHOTS_AT_ONCE", 3 * len(x) * max(sum(sizes[1:-1]), 1))
    together = snapshots_layer_stats(mlp, stack_copies(snapshots), x, y)
    for index, params in enumerate(snapshots):
        for measured, expected in zip(together, one_by_one(mlp, params, x, y), strict=True):
            np.testing.assert_allclose(measured[index], expected, rtol=1e-12, atol=1e-15)


def test_the_no_gradient_threshold_is_a_share_of_the_largest_derivative():
    assert largest_derivative("sigmoid") == pytest.approx(0.25)
    assert largest_derivative("relu") == 1.0
    assert largest_derivative("gelu") == pytest.approx(1.1289, abs=1e-3)
    assert 0 < NO_GRADIENT_SHARE < 0.5


def test_a_run_that_blows_up_stops_with_finite_histories(data):
    x, y, x_val, y_val, grid = data
    run = train_recorded(MLP((2, 16, 16, 2)), x, y, x_val, y_val, grid, steps=200, batch_size=16, seed=0,
                         optimizer="gd", hyper={"lr": 200.0}, snapshot_every=10)
    assert 0 <= run.diverged_at < 200
    for values in (run.probability, run.train_loss, run.val_loss, run.batch_loss, run.layers.grad_norm,
                   run.layers.percentiles):
        assert np.all(np.isfinite(values))
    assert all(np.all(np.isfinite(value)) for value in run.params.values())


def test_the_probability_is_the_networks_output_in_eval_mode(data):
    x, *_ = data
    mlp = MLP((2, 5, 2), batch_norm=True, drop_prob=0.5)
    params = mlp.init(np.random.default_rng(0))
    logits = mlp.predict(params, mlp.init_state(), x)
    soft = np.exp(logits - logits.max(axis=1, keepdims=True))
    np.testing.assert_allclose(probability(mlp, params, mlp.init_state(), x), soft[:, 1] / soft.sum(axis=1))


@pytest.mark.parametrize("bad", [{"steps": -1}, {"batch_size": 0}, {"snapshot_every": 0}, {"probe": 1}])
def test_bad_arguments_raise_value_errors(data, bad):
    x, y, x_val, y_val, grid = data
    arguments = {"steps": 5, "batch_size": 8, "seed": 0, **bad}
    with pytest.raises(ValueError):
        train_recorded(MLP((2, 4, 2)), x, y, x_val, y_val, grid, **arguments)
    with pytest.raises(ValueError):
        train_recorded(MLP((2, 4, 2)), x, y + 5, x_val, y_val, grid, steps=5, batch_size=8, seed=0)

