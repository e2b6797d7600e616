"""dl_core.lockstep_training: K networks trained side by side are each the engine's network trained alone; their
gradients are centred differences; a blown-up copy stops without touching the others; histories stay finite."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import datasets, gradcheck, layers
from dl_core.lockstep_training import (
    LockstepRun,
    constant_guess_loss,
    cross_entropy,
    initial_state,
    loss_and_grads,
    minibatches,
    stack_params,
    train_lockstep,
    trained,
)
from dl_core.network import MLP, FlatParams


@pytest.fixture(scope="module")
def data():
    return datasets.moons(120, np.random.default_rng(1), noise=0.2)


def engine_run(mlp: MLP, lr: float, x, y, steps: int, batch_size: int, seed: int, initializer: str):
    """The engine's network trained alone with plain SGD on the minibatches train_lockstep uses."""
    rng = np.random.default_rng(seed)
    params = mlp.init(rng, initializer)
    state = mlp.init_state()
    losses = []
    for batch in minibatches(len(x), batch_size, steps, rng):
        loss, grads, state = mlp.loss_and_grads(params, state, x[batch], y[batch])
        params = {key: value - lr * grads[key] for key, value in params.items()}
        losses.append(loss)
    return params, state, np.array(losses)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "elu"])
@pytest.mark.parametrize("batch_norm", [False, True])
def test_every_copy_is_the_engines_network_trained_alone(data, activation, batch_norm):
    x, y = data
    mlp = MLP((2, 6, 5, 2), activation=activation, batch_norm=batch_norm)
    lrs = np.array([0.01, 0.2, 1.5])
    run = train_lockstep(mlp, lrs, x, y, steps=23, batch_size=16, seed=5, initializer="xavier_normal",
                         snapshot_every=7)
    for index, lr in enumerate(lrs):
        params, state, losses = engine_run(mlp, lr, x, y, 23, 16, 5, "xavier_normal")
        mine, my_state = run.network(index)
        for key, value in params.items():
            np.testing.assert_allclose(mine[key], value, rtol=1e-10, atol=1e-12, err_msg=key)
        for ours, theirs in zip(my_state, state, strict=True):
            np.testing.assert_allclose(ours.mean, theirs.mean, rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(ours.var, theirs.var, rtol=1e-10)
        np.testing.assert_allclose(run.batch_losses[:, index], losses, rtol=1e-10)
        final = mlp.predict(params, state, x)
        loss, _ = layers.softmax_cross_entropy(final, y)
        assert run.losses[-1, index] == pytest.approx(loss, rel=1e-10)
        assert run.accuracy[-1, index] == pytest.approx(np.mean(final.argmax(axis=1) == y))
        whole = mlp.forward(params, state, x, train=True).output  # the whole set as one batch
        assert run.population_losses[-1, index] == pytest.approx(layers.softmax_cross_entropy(whole, y)[0],
                                                                  rel=1e-10)
    if not batch_norm:
        np.testing.assert_array_equal(run.population_losses, run.losses)
    assert run.snapshot_steps.tolist() == [0, 7, 14, 21, 23]
    assert (run.diverged_at == -1).all()


def test_cross_entropy_is_the_engines_for_each_copy():
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 3, (4, 10, 3))
    labels = rng.integers(0, 3, 10)
    losses, dlogits = cross_entropy(logits, labels)
    for index in range(4):
        loss, grad = layers.softmax_cross_entropy(logits[index], labels)
        assert losses[index] == pytest.approx(loss, rel=1e-13)
        np.testing.assert_allclose(dlogits[index], grad, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("batch_norm", [False, True])
def test_gradients_are_centred_differences_of_the_summed_losses(data, batch_norm):
    """The gradient of copy k's loss with respect to copy k's parameters (each copy's loss depends only on its own
    parameters, so the sum of the K losses has the same gradient)."""
    x, y = data
    mlp = MLP((2, 4, 3, 2), activation="tanh", batch_norm=batch_norm)
    rng = np.random.default_rng(2)
    params = stack_params(mlp.init(rng, "xavier_normal"), 2)
    params = {key: value + 0.1 * rng.standard_normal(value.shape) for key, value in params.items()}
    state = initial_state(mlp, 2)
    batch = slice(0, 12)
    _, grads, _ = loss_and_grads(mlp, params, state, x[batch], y[batch])
    for key in params:
        def total(values, key=key):
            return float(loss_and_grads(mlp, {**params, key: values}, state, x[batch], y[batch])[0].sum())

        numerical = gradcheck.numerical_grad(total, params[key])
        np.testing.assert_allclose(grads[key], numerical, rtol=1e-6, atol=1e-9, err_msg=key)
    if batch_norm:  # the bias before batch norm cancels out: its gradient is zero
        np.testing.assert_allclose(grads["b1"], 0.0, atol=1e-15)


def test_a_copy_that_blows_up_stops_and_leaves_the_others_alone(data):
    x, y = data
    mlp = MLP((2, 8, 8, 2), activation="relu")
    together = train_lockstep(mlp, [0.1, 1e6], x, y, steps=30, batch_size=20, seed=0, initializer="he_normal")
    alone = train_lockstep(mlp, [0.1], x, y, steps=30, batch_size=20, seed=0, initializer="he_normal")
    assert together.diverged_at[0] == -1 and together.diverged_at[1] >= 0
    np.testing.assert_allclose(together.losses[:, 0], alone.losses[:, 0], rtol=1e-12)
    for history in (together.batch_losses, together.losses, together.accuracy):
        assert np.isfinite(history).all()
    assert all(np.isfinite(value).all() for value in together.params.values())
    stopped = together.diverged_at[1]
    frozen = together.batch_losses[stopped:, 1]
    assert (frozen == frozen[0]).all()  # frozen at its last good loss


def test_a_stopped_copy_with_batch_norm_keeps_its_weights_and_running_statistics(data):
    x, y = data
    mlp = MLP((2, 8, 8, 2), activation="tanh", batch_norm=True)
    settings = dict(batch_size=20, seed=2, initializer="he_normal", max_loss=50.0)
    short = train_lockstep(mlp, [0.05, 30.0], x, y, steps=40, **settings)
    stopped = int(short.diverged_at[1])
    assert short.diverged_at[0] == -1 and 3 <= stopped < 39
    # Step `stopped` met a blown-up loss: the copy went back to the parameters before the update that caused it
    # (those of step stopped - 1) and kept them, with their running statistics, to the end.
    until = train_lockstep(mlp, [0.05, 30.0], x, y, steps=stopped - 1, **settings)
    for key, value in short.params.items():
        np.testing.assert_array_equal(value[1], until.params[key][1], err_msg=key)
    for late, early in zip(short.state, until.state, strict=True):
        np.testing.assert_array_equal(late.mean[1], early.mean[1])
        np.testing.assert_array_equal(late.var[1], early.var[1])


def test_flat_params_are_one_array_of_views_in_and_out():
    rng = np.random.default_rng(0)
    params = stack_params(MLP((2, 3, 4, 2), batch_norm=True).init(rng, "he_normal"), 3)
    flat = FlatParams(params)
    theta = flat.pack(params)
    assert theta.shape == (3, sum(value[0].size for value in params.values()))
    back = flat.unpack(theta)
    for key, value in params.items():
        np.testing.assert_array_equal(back[key], value, err_msg=key)
        assert back[key].shape == value.shape and np.shares_memory(back[key], theta)


def test_the_probe_histograms_hold_every_value(data):
    x, y = data
    mlp = MLP((2, 5, 5, 5, 2), activation="sigmoid", batch_norm=True)
    pre_edges, out_edges = np.linspace(-3, 3, 13), np.linspace(0, 1, 11)
    run = train_lockstep(mlp, [0.5, 2.0], x, y, steps=20, batch_size=20, seed=0, snapshot_every=5, probe=x[:40],
                         pre_edges=pre_edges, activation_edges=out_edges)
    found = run.histograms
    assert found.pre_activation.shape == (5, 2, 3, 12) and found.activation.shape == (5, 2, 3, 10)
    np.testing.assert_allclose(found.pre_activation.sum(axis=-1), 1.0)
    np.testing.assert_allclose(found.activation.sum(axis=-1), 1.0)
    assert (np.diff(found.percentiles, axis=-1) >= 0).all()
    # batch norm in train mode on the probe: every layer's inputs have variance about gamma^2, 1 at the start
    np.testing.assert_allclose(found.pre_std[0], 1.0, atol=1e-2)


@settings(max_examples=40, deadline=None)
@given(count=st.integers(2, 50), batch_size=st.integers(1, 50), steps=st.integers(0, 40), seed=st.integers(0, 99))
def test_minibatches_are_whole_batches_of_one_permutation_per_epoch(count, batch_size, steps, seed):
    batch_size = min(batch_size, count)
    order = minibatches(count, batch_size, steps, np.random.default_rng(seed))
    assert order.shape == (steps, batch_size)
    per_epoch = count // batch_size
    for start in range(0, steps, per_epoch):
        epoch = order[start : start + per_epoch].ravel()
        assert len(set(epoch.tolist())) == len(epoch)  # no sample twice within an epoch


def test_constant_guess_and_trained():
    y = np.array([0, 1] * 50)
    assert constant_guess_loss(y, 2) == pytest.approx(math.log(2))
    assert constant_guess_loss(np.zeros(10, dtype=int), 2) == 0.0
    losses = np.array([[0.7, 0.7, 0.7], [0.1, 0.5, 0.1]])
    run = LockstepRun(lrs=np.ones(3), batch_losses=np.zeros((1, 3)), snapshot_steps=np.array([0, 1]),
                      losses=losses + 1.0, accuracy=np.zeros((2, 3)), population_losses=losses,
                      population_accuracy=np.zeros((2, 3)), diverged_at=np.array([-1, -1, 0]), params={}, state=(),
                      histograms=None)
    assert trained(run, y, 2).tolist() == [True, False, False]  # judged on the whole set's own statistics


@pytest.mark.parametrize(("keyword", "value", "match"), [
    ("lrs", [0.1, -1.0], "positive"), ("steps", -1, "steps"), ("batch_size", 1, "batch_size"),
    ("batch_size", 10_000, "exceeds"), ("snapshot_every", 0, "snapshot_every"),
])
def test_bad_arguments_are_refused_naming_them(data, keyword, value, match):
    x, y = data
    arguments = {"lrs": [0.1], "steps": 5, "batch_size": 10, "snapshot_every": 5, **{keyword: value}}
    with pytest.raises(ValueError, match=match):
        train_lockstep(MLP((2, 3, 2), batch_norm=True), arguments.pop("lrs"), x, y, seed=0, **arguments)
