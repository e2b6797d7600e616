"""K copies of a network in lockstep (``dl_core.network.MLP`` with a leading axis K): copy k of every result equals
the single call on copy k, for shared data and per-copy data, train and eval mode, batch norm, dropout (each copy
drawing from its own generator) and both losses; an optimizer step moves every copy as it would move it alone."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import optimizers, training
from dl_core.network import MLP

TOLERANCE = 1e-12


def generators(seeds):
    return [np.random.default_rng(seed) for seed in seeds]


def copy(tree, k):
    """Copy k of params (a dict), of a state (a tuple of BatchNormStats) or of an array."""
    if isinstance(tree, dict):
        return {key: value[k] for key, value in tree.items()}
    if isinstance(tree, tuple):
        return tuple(type(stats)(*(array[k] for array in stats)) for stats in tree)
    return tree[k]


def data(rng, copies, samples, features, classes, shared):
    shape = (samples,) if shared else (copies, samples)
    return rng.normal(size=(*shape, features)), rng.integers(0, classes, size=shape)


def assert_close(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=TOLERANCE, atol=TOLERANCE)


CASES = [
    dict(activation="relu"), dict(activation="tanh", batch_norm=True), dict(activation="sigmoid", drop_prob=0.3),
    dict(activation="elu", batch_norm=True, drop_prob=0.5), dict(activation="gelu", loss="mse"),
]


@pytest.mark.parametrize("options", CASES, ids=lambda options: "-".join(f"{k}={v}" for k, v in options.items()))
@pytest.mark.parametrize("shared", [True, False], ids=["shared data", "data per copy"])
@pytest.mark.parametrize("train", [True, False], ids=["train", "eval"])
def test_copy_k_is_the_single_network_k(options, shared, train):
    mlp = MLP((3, 8, 5, 4) if options.get("loss") != "mse" else (3, 8, 5, 1), **options)
    copies, seeds = 4, [11, 12, 13, 14]
    params = mlp.init_copies(generators(seeds))
    state = mlp.init_state(copies=copies)
    x, y = data(np.random.default_rng(0), copies, 6, 3, 4, shared)
    if mlp.loss == "mse":
        y = np.random.default_rng(1).normal(size=y.shape)
    loss, grads, new_state = mlp.loss_and_grads(params, state, x, y, train=train, rng=generators(range(copies)))
    logits = mlp.predict(params, new_state, x)
    assert loss.shape == (copies,)
    for k in range(copies):
        single = mlp.init(np.random.default_rng(seeds[k]))
        assert all(np.array_equal(single[key], params[key][k]) for key in single)
        x_k, y_k = (x, y) if shared else (x[k], y[k])
        loss_k, grads_k, state_k = mlp.loss_and_grads(single, mlp.init_state(), x_k, y_k, train=train,
                                                      rng=np.random.default_rng(k))
        assert_close(loss[k], loss_k)
        for key in grads_k:
            assert_close(grads[key][k], grads_k[key])
        for stats, stats_k in zip(copy(new_state, k), state_k, strict=True):
            assert_close(stats.mean, stats_k.mean)
            assert_close(stats.var, stats_k.var)
        assert_close(logits[k], mlp.predict(single, state_k, x_k))


@settings(max_examples=25, deadline=None)
@given(copies=st.integers(1, 5), samples=st.integers(2, 9), width=st.integers(1, 7), seed=st.integers(0, 2**31))
def test_any_number_of_copies_and_sizes(copies, samples, width, seed):
    mlp = MLP((2, width, 3), activation="leaky_relu", batch_norm=True)
    params = mlp.init_copies(generators(range(seed, seed + copies)), "xavier_normal")
    x, y = data(np.random.default_rng(seed), copies, samples, 2, 3, shared=False)
    loss, grads, _ = mlp.loss_and_grads(params, mlp.init_state(copies=copies), x, y)
    for k in range(copies):
        loss_k, grads_k, _ = mlp.loss_and_grads(copy(params, k), mlp.init_state(), x[k], y[k])
        assert_close(loss[k], loss_k)
        assert all(np.allclose(grads[key][k], grads_k[key], rtol=TOLERANCE, atol=TOLERANCE) for key in grads_k)


def test_one_optimizer_step_moves_every_copy_as_alone_with_a_learning_rate_per_copy():
    mlp = MLP((2, 6, 2), activation="relu", batch_norm=True)
    lrs = np.array([1e-3, 1e-2, 1e-1])
    params = mlp.init_copies(generators([1, 2, 3]))
    x, y = data(np.random.default_rng(5), 3, 8, 2, 2, shared=True)
    _, grads, _ = mlp.loss_and_grads(params, mlp.init_state(copies=3), x, y)
    rates = {key: lrs.reshape(-1, *[1] * (value.ndim - 1)) for key, value in params.items()}
    adam = optimizers.adam(lr=1.0)
    updates, _ = adam.update(grads, adam.init(params), params)
    stepped = optimizers.apply_updates(params, {key: rates[key] * update for key, update in updates.items()})
    for k, lr in enumerate(lrs):
        single = copy(params, k)
        _, grads_k, _ = mlp.loss_and_grads(single, mlp.init_state(), x, y)
        alone = optimizers.adam(lr=float(lr))
        updates_k, _ = alone.update(grads_k, alone.init(single), single)
        for key, value in optimizers.apply_updates(single, updates_k).items():
            assert_close(stepped[key][k], value)


def test_dropout_needs_one_generator_per_copy():
    mlp = MLP((2, 4, 2), drop_prob=0.5)
    params = mlp.init_copies(generators([0, 1]))
    x, y = data(np.random.default_rng(0), 2, 5, 2, 2, shared=True)
    with pytest.raises(ValueError, match="one per copy"):
        mlp.loss_and_grads(params, (), x, y, rng=generators([0]))
    with pytest.raises(ValueError, match="at least one"):
        mlp.init_copies([])


@pytest.mark.parametrize("options", [dict(activation="relu"), dict(activation="tanh", batch_norm=True, drop_prob=0.2),
                                     dict(activation="sigmoid", loss="mse")], ids=["relu", "bn+dropout", "mse"])
def test_training_copies_is_training_each_alone_with_its_own_generator(options):
    """One loop for K copies: copy k's whole history (losses, accuracies, layer statistics, batch losses, where it
    diverged, its final weights) is that of copy k trained alone; a copy whose learning rate is far too large
    stops and keeps its last good epoch while the others go on."""
    mlp = MLP((2, 6, 5, 2 if options.get("loss") != "mse" else 1), **options)
    rates = np.array([0.05, 1e6, 0.01])
    seeds = [3, 4, 5]
    x, y = data(np.random.default_rng(9), 3, 40, 2, 2, shared=True)
    x_val, y_val = data(np.random.default_rng(10), 3, 15, 2, 2, shared=True)
    if mlp.loss == "mse":
        y, y_val = y.astype(float), y_val.astype(float)
    run = training.train(mlp, mlp.init_copies(generators(seeds)), mlp.init_state(copies=3),
                        optimizers.sgd(rates[:, None], momentum=0.9), x, y, epochs=6, batch_size=16,
                        rng=generators([20, 21, 22]), x_val=x_val, y_val=y_val)
    assert run.diverged_at[1] > 0 and (run.diverged_at[[0, 2]] == -1).all()
    for k in range(3):
        alone = training.train(mlp, mlp.init(np.random.default_rng(seeds[k])), mlp.init_state(),
                              optimizers.sgd(float(rates[k]), momentum=0.9), x, y, epochs=6, batch_size=16,
                              rng=np.random.default_rng(20 + k), x_val=x_val, y_val=y_val)
        assert run.diverged_at[k] == alone.diverged_at
        for field in ("train_loss", "val_loss", "train_accuracy", "val_accuracy", "pre_activation_std", "grad_norm",
                      "batch_losses"):
            if getattr(alone, field) is not None:
                np.testing.assert_allclose(getattr(run, field)[:, k], getattr(alone, field), rtol=1e-10, atol=1e-12,
                                           err_msg=field)
        for key, value in alone.params.items():
            np.testing.assert_allclose(run.params[key][k], value, rtol=1e-10, atol=1e-12)


def test_a_regression_target_of_as_many_samples_as_copies_is_shared_not_split():
    """Shared targets ``(N,)`` and per-copy targets ``(K, N)`` of a one-output regression, with N = K."""
    mlp = MLP((2, 3, 1), loss="mse")
    params = mlp.init_copies(generators([0, 1, 2]))
    x, target = np.random.default_rng(0).normal(size=(3, 2)), np.array([0.5, -1.0, 2.0])
    shared, _, _ = mlp.loss_and_grads(params, (), x, target)
    per_copy, _, _ = mlp.loss_and_grads(params, (), np.stack([x] * 3), np.stack([target] * 3))
    for k in range(3):
        alone, _, _ = mlp.loss_and_grads(copy(params, k), (), x, target)
        assert_close(shared[k], alone)
        assert_close(per_copy[k], alone)

