"""dl_core.lessons.dropout: each of the K copies is the engine's network trained alone with its dropout rate; the
gradients of copies at different rates are centred differences; Monte-Carlo dropout is the engine's forward pass
repeated; histories stay finite."""

import copy

import numpy as np
import pytest

from dl_core import datasets, gradcheck, layers, optimizers, training
from dl_core.lessons import dropout as lesson
from dl_core.lessons.dropout import mc_dropout, train_rates
from dl_core.network import MLP, stack_copies


@pytest.fixture(scope="module")
def data():
    x, y = datasets.moons(70, np.random.default_rng(1), noise=0.25)
    x_val, y_val = datasets.moons(50, np.random.default_rng(2), noise=0.25)
    return x, y, x_val, y_val


@pytest.mark.parametrize("activation", ["relu", "tanh", "elu"])
def test_every_copy_with_dropout_is_the_engines_training_number_for_number(data, activation):
    x, y, x_val, y_val = data
    rates = [0.1, 0.5, 0.8]
    run = train_rates(MLP((2, 9, 7, 2), activation=activation), rates, x, y, x_val, y_val, epochs=6, batch_size=16,
                      seed=5, lr=0.02, record_every=2)
    assert run.epochs.tolist() == [0, 2, 4, 6]
    for index, rate in enumerate(rates):
        mlp = MLP((2, 9, 7, 2), activation=activation, drop_prob=rate)
        rng = np.random.default_rng(5)
        params = mlp.init(rng, "he_normal")
        reference = training.train(mlp, params, (), optimizers.adam(0.02), x, y, epochs=6, batch_size=16, rng=rng,
                                   x_val=x_val, y_val=y_val)
        np.testing.assert_allclose(run.train_loss[:, index], reference.train_loss[::2], rtol=1e-10)
        np.testing.assert_allclose(run.val_loss[:, index], reference.val_loss[::2], rtol=1e-10)
        np.testing.assert_allclose(run.val_accuracy[:, index], reference.val_accuracy[::2])
        np.testing.assert_allclose(run.train_accuracy[:, index], reference.train_accuracy[::2])
        mine = run.network(index)
        for key, value in reference.params.items():
            np.testing.assert_allclose(mine[key], value, rtol=1e-9, atol=1e-12, err_msg=key)
        batches = reference.batch_losses.reshape(6, -1)  # 5 minibatches an epoch
        np.testing.assert_allclose(run.batch_loss[1:, index], batches.mean(axis=1).reshape(3, 2).mean(axis=1),
                                   rtol=1e-10)
    assert (run.diverged_at == -1).all()


def test_a_copy_without_dropout_steps_as_the_engine_on_the_same_minibatches(data):
    """The engine draws no uniforms at rate 0, so its own training shuffles differently later; step by step, on the
    minibatches and masks of this run, every copy (rate 0 included) is the engine's network."""
    x, y, x_val, y_val = data
    rates = [0.0, 0.3]
    sizes = (2, 6, 5, 2)
    run = train_rates(MLP(sizes), rates, x, y, x_val, y_val, epochs=3, batch_size=20, seed=9, lr=0.01)
    rng = np.random.default_rng(9)
    start = MLP(sizes).init(rng, "he_normal")
    params = [dict(start) for _ in rates]
    rules = [optimizers.adam(0.01) for _ in rates]
    states = [rule.init(start) for rule in rules]
    for _ in range(3):
        order = rng.permutation(len(x))
        for begin in range(0, len(x), 20):
            batch = order[begin : begin + 20]
            before = copy.deepcopy(rng)
            for index, rate in enumerate(rates):
                _, grads, _ = MLP(sizes, drop_prob=rate).loss_and_grads(params[index], (), x[batch], y[batch],
                                                                       rng=copy.deepcopy(before))
                updates, states[index] = rules[index].update(grads, states[index], params[index])
                params[index] = optimizers.apply_updates(params[index], updates)
            for width in sizes[1:-1]:  # what train_rates draws every step, whatever the rates
                rng.random((len(batch), width))
    for index in range(len(rates)):
        mine = run.network(index)
        for key, value in params[index].items():
            np.testing.assert_allclose(mine[key], value, rtol=1e-9, atol=1e-12, err_msg=key)


def test_copies_at_different_rates_have_centred_difference_gradients_under_fixed_masks(data):
    x, y, _, _ = data
    mlp = MLP((2, 5, 4, 2), activation="tanh", drop_prob=(0.0, 0.4, 0.7))
    params = stack_copies([MLP((2, 5, 4, 2)).init(np.random.default_rng(3), "he_normal")] * 3)
    rng = np.random.default_rng(11)

    def losses(candidate):
        return mlp.loss_and_grads(candidate, (), x[:12], y[:12], rng=[copy.deepcopy(rng) for _ in range(3)])[0]

    _, grads, _ = mlp.loss_and_grads(params, (), x[:12], y[:12], rng=[copy.deepcopy(rng) for _ in range(3)])
    for key, value in params.items():
        for index in range(3):
            def loss_of(entry, key=key, index=index, value=value):
                candidate = dict(params)
                candidate[key] = value.copy()
                candidate[key][index] = entry
                return losses(candidate)[index]

            numeric = gradcheck.numerical_grad(loss_of, value[index])
            assert gradcheck.relative_error(grads[key][index], numeric, floor=1e-8) < 1e-6, (key, index)


def test_probabilities_are_the_engines_eval_mode_softmax(data):
    x, y, x_val, y_val = data
    run = train_rates(MLP((2, 8, 8, 2)), [0.0, 0.5], x, y, x_val, y_val, epochs=2, batch_size=32, seed=1)
    grid = np.random.default_rng(0).uniform(-2, 3, (30, 2))
    probabilities = lesson.probabilities(MLP((2, 8, 8, 2)), run.params, grid)
    for index, rate in enumerate((0.0, 0.5)):
        logits = MLP((2, 8, 8, 2), drop_prob=rate).predict(run.network(index), (), grid)
        expected = np.exp(logits[:, 1]) / np.exp(logits).sum(axis=1)
        np.testing.assert_allclose(probabilities[index], expected, rtol=1e-12)


def test_mc_dropout_repeats_the_engines_forward_pass_chunk_by_chunk(data, monkeypatch):
    x, y, x_val, y_val = data
    mlp = MLP((2, 8, 8, 2))
    params = mlp.init(np.random.default_rng(4), "he_normal")
    points = np.random.default_rng(5).uniform(-1, 2, (25, 2))
    monkeypatch.setattr(lesson, "MC_CHUNK", 25 * 8 * 3)  # three passes per chunk
    result = mc_dropout(mlp, params, 0.4, points, passes=7, rng=np.random.default_rng(6))
    engine = MLP((2, 8, 8, 2), drop_prob=0.4)
    rng = np.random.default_rng(6)
    chunks = []
    for count in (3, 3, 1):
        logits = engine.forward(params, (), np.tile(points, (count, 1)), train=True, rng=rng).output
        chunks.append((np.exp(logits[:, 1]) / np.exp(logits).sum(axis=1)).reshape(count, -1))
    passes = np.concatenate(chunks)
    np.testing.assert_allclose(result.mean, passes.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(result.std, passes.std(axis=0), rtol=1e-9, atol=1e-12)
    logits = engine.predict(params, (), points)
    np.testing.assert_allclose(result.eval, np.exp(logits[:, 1]) / np.exp(logits).sum(axis=1), rtol=1e-12)


def test_mc_dropout_is_the_eval_pass_without_dropout_and_spreads_with_it(data):
    mlp = MLP((2, 16, 16, 2))
    params = mlp.init(np.random.default_rng(4), "he_normal")
    points = np.random.default_rng(5).uniform(-1, 2, (40, 2))
    still = mc_dropout(mlp, params, 0.0, points, passes=5, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(still.mean, still.eval)
    assert (still.std == 0).all()
    spread = mc_dropout(mlp, params, 0.5, points, passes=400, rng=np.random.default_rng(0))
    assert (spread.std > 0).all() and np.all((spread.mean >= 0) & (spread.mean <= 1))
    # the weight-scaling pass is close to the average of the thinned networks, not equal (the network is not linear)
    assert 0 < np.max(np.abs(spread.mean - spread.eval)) < 0.25


def test_a_blown_up_copy_stops_and_every_history_stays_finite(data):
    x, y, x_val, y_val = data
    run = train_rates(MLP((2, 8, 8, 2)), [0.0, 0.5], x, y, x_val, y_val, epochs=4, batch_size=35, seed=0,
                      lr=1e200)
    assert (run.diverged_at >= 1).all()
    for history in (run.train_loss, run.val_loss, run.train_accuracy, run.val_accuracy, run.batch_loss):
        assert np.all(np.isfinite(history))
    assert all(np.all(np.isfinite(value)) for value in run.params.values())


def test_a_single_record_and_zero_epochs(data):
    x, y, x_val, y_val = data
    run = train_rates(MLP((2, 4, 4, 2)), [0.2], x, y, x_val, y_val, epochs=0, batch_size=8, seed=0)
    assert run.epochs.tolist() == [0] and run.train_loss.shape == (1, 1)
    logits = MLP((2, 4, 4, 2)).predict(run.network(0), (), x)
    assert run.train_loss[0, 0] == pytest.approx(layers.softmax_cross_entropy(logits, y)[0], rel=1e-12)


@pytest.mark.parametrize(("change", "match"), [
    ({"drop_probs": [1.0]}, "drop_probs"),
    ({"drop_probs": [-0.1]}, "drop_probs"),
    ({"mlp": MLP((2, 4, 2), drop_prob=0.5)}, "drop_prob"),
    ({"mlp": MLP((2, 4, 2), batch_norm=True)}, "batch norm"),
    ({"epochs": -1}, "epochs"),
    ({"batch_size": 0}, "batch_size"),
    ({"x_val": np.zeros((3, 3))}, "x_val"),
])
def test_bad_arguments_are_named(data, change, match):
    x, y, x_val, y_val = data
    arguments = {"mlp": MLP((2, 4, 2)), "drop_probs": [0.5], "x": x, "y": y, "x_val": x_val, "y_val": y_val,
                 "epochs": 1, "batch_size": 8, "seed": 0, **change}
    mlp = arguments.pop("mlp")
    with pytest.raises(ValueError, match=match):
        train_rates(mlp, **arguments)
    with pytest.raises(ValueError, match="passes"):
        mc_dropout(MLP((2, 4, 2)), MLP((2, 4, 2)).init(np.random.default_rng(0)), 0.5, x, passes=0,
                   rng=np.random.default_rng(0))
