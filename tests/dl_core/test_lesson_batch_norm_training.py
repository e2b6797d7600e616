"""dl_core.lessons.batch_norm.train_at_rates: the copies are one network at several rates (the same start and
minibatches), a rate that blows up stops alone, the probe histograms hold every value, and "trained" is judged on
the whole set's own statistics."""

import math

import numpy as np
import pytest

from dl_core import datasets, optimizers, training
from dl_core.lessons.batch_norm import RatesRun, constant_guess_loss, sweep_over_seeds, train_at_rates, trained
from dl_core.network import MLP


@pytest.fixture(scope="module")
def data():
    return datasets.moons(120, np.random.default_rng(1), noise=0.2)


@pytest.mark.parametrize("batch_norm", [False, True])
def test_each_rate_is_the_network_trained_alone_at_that_rate(data, batch_norm):
    x, y = data
    mlp = MLP((2, 6, 6, 2), activation="tanh", batch_norm=batch_norm)
    together = train_at_rates(mlp, [0.05, 0.5], x, y, steps=25, batch_size=20, seed=3, record_every=5)
    for k, lr in enumerate((0.05, 0.5)):
        rng = np.random.default_rng(3)
        params = mlp.init(rng, "xavier_normal")
        alone = training.train(mlp, params, mlp.init_state(), optimizers.sgd(lr), x, y, steps=25, batch_size=20,
                               rng=rng, record_every=5)
        np.testing.assert_allclose(together.losses[:, k], alone.train_loss, rtol=1e-12)
        np.testing.assert_allclose(together.batch_losses[:, k], alone.batch_losses, rtol=1e-12)
        for key, value in alone.params.items():
            np.testing.assert_allclose(together.params[key][k], value, rtol=1e-11, atol=1e-14, err_msg=key)


@pytest.mark.parametrize("batch_norm", [False, True])
def test_each_seed_of_the_sweep_is_train_at_rates_with_that_seed(batch_norm):
    seeds, lrs = (4, 9), [0.05, 0.5]
    sets = [datasets.moons(60, np.random.default_rng(seed), noise=0.2) for seed in seeds]
    x, y = np.stack([points for points, _ in sets]), np.stack([labels for _, labels in sets])
    probes = x[:, :16]
    mlp = MLP((2, 6, 6, 2), activation="tanh", batch_norm=batch_norm)
    edges = np.linspace(-3, 3, 7)
    swept = sweep_over_seeds(mlp, lrs, x, y, seeds=seeds, steps=12, batch_size=20, record_every=4, probe=probes)
    for index, seed in enumerate(seeds):
        alone = train_at_rates(mlp, lrs, x[index], y[index], steps=12, batch_size=20, seed=seed, record_every=4,
                               probe=probes[index], pre_edges=edges, activation_edges=edges)
        np.testing.assert_allclose(swept.losses[index], alone.population_losses[-1], rtol=1e-11)
        np.testing.assert_allclose(swept.pre_std[:, index], alone.histograms.pre_std, rtol=1e-11)
    assert sweep_over_seeds(mlp, lrs, x, y, seeds=seeds, steps=4, batch_size=20).pre_std is None


def test_a_rate_that_blows_up_stops_and_leaves_the_others_alone(data):
    x, y = data
    mlp = MLP((2, 8, 8, 2), activation="relu")
    together = train_at_rates(mlp, [0.1, 1e6], x, y, steps=30, batch_size=20, seed=0, initializer="he_normal")
    alone = train_at_rates(mlp, [0.1], x, y, steps=30, batch_size=20, seed=0, initializer="he_normal")
    assert together.diverged_at[0] == -1 and together.diverged_at[1] >= 0
    np.testing.assert_allclose(together.losses[:, 0], alone.losses[:, 0], rtol=1e-12)
    for history in (together.batch_losses, together.losses, together.accuracy, together.population_losses):
        assert np.isfinite(history).all()
    assert all(np.isfinite(value).all() for value in together.params.values())


def test_the_probe_histograms_hold_every_value(data):
    x, y = data
    mlp = MLP((2, 5, 5, 5, 2), activation="sigmoid", batch_norm=True)
    pre_edges, out_edges = np.linspace(-3, 3, 13), np.linspace(0, 1, 11)
    run = train_at_rates(mlp, [0.5, 2.0], x, y, steps=20, batch_size=20, seed=0, record_every=5, probe=x[:40],
                         pre_edges=pre_edges, activation_edges=out_edges)
    found = run.histograms
    assert found.pre_activation.shape == (5, 2, 3, 12) and found.activation.shape == (5, 2, 3, 10)
    np.testing.assert_allclose(found.pre_activation.sum(axis=-1), 1.0)
    np.testing.assert_allclose(found.activation.sum(axis=-1), 1.0)
    assert (np.diff(found.percentiles, axis=-1) >= 0).all()
    # batch norm in train mode on the probe: every layer's inputs have variance about gamma^2, 1 at the start
    np.testing.assert_allclose(found.pre_std[0], 1.0, atol=1e-2)


def test_population_losses_use_the_whole_sets_statistics(data):
    x, y = data
    mlp = MLP((2, 6, 6, 2), activation="tanh", batch_norm=True)
    run = train_at_rates(mlp, [0.3], x, y, steps=12, batch_size=20, seed=1, record_every=12)
    logits = mlp.forward(run.params, run.state, x, train=True).output
    shifted = logits - logits.max(axis=-1, keepdims=True)
    loss = np.mean(np.log(np.exp(shifted).sum(axis=-1)) - np.take_along_axis(shifted, y[None, :, None], -1)[..., 0])
    assert run.population_losses[-1, 0] == pytest.approx(loss, rel=1e-12)
    assert run.population_losses[-1, 0] != run.losses[-1, 0]  # eval mode: the running estimates


def test_constant_guess_and_trained():
    y = np.array([0, 1] * 50)
    assert constant_guess_loss(y, 2) == pytest.approx(math.log(2))
    assert constant_guess_loss(np.zeros(10, dtype=int), 2) == 0.0
    losses = np.array([[0.7, 0.7, 0.7], [0.1, 0.5, 0.1]])
    run = RatesRun(lrs=np.ones(3), batch_losses=np.zeros((1, 3)), snapshot_steps=np.array([0, 1]),
                   losses=losses + 1.0, accuracy=np.zeros((2, 3)), population_losses=losses,
                   population_accuracy=np.zeros((2, 3)), diverged_at=np.array([-1, -1, 0]), params={}, state=(),
                   histograms=None)
    assert trained(run, y, 2).tolist() == [True, False, False]  # judged on the whole set's own statistics


@pytest.mark.parametrize(("keyword", "value", "match"), [
    ("lrs", [0.1, -1.0], "positive"), ("steps", -1, "steps"), ("batch_size", 1, "batch_size"),
    ("record_every", 0, "record_every"),
])
def test_bad_arguments_are_refused_naming_them(data, keyword, value, match):
    x, y = data
    arguments = {"lrs": [0.1], "steps": 5, "batch_size": 10, "record_every": 5, **{keyword: value}}
    with pytest.raises(ValueError, match=match):
        train_at_rates(MLP((2, 3, 2), batch_norm=True), arguments.pop("lrs"), x, y, seed=0, **arguments)
