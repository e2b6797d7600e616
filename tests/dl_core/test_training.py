"""dl_core.training: the one loop's budget and records (epochs or steps, a record every few steps), its one rule of
divergence, early stopping, copies at different dropout rates, the minibatch stream and the flat parameters."""

import copy
import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import datasets, optimizers, training
from dl_core.network import MLP, stack_copies
from dl_core.training import FlatParams, minibatches, train


@pytest.fixture(scope="module")
def data():
    x, y = datasets.moons(60, np.random.default_rng(1), noise=0.25)
    x_val, y_val = datasets.moons(40, np.random.default_rng(2), noise=0.25)
    return x, y, x_val, y_val


def test_a_budget_in_steps_records_every_few_steps_and_at_the_end(data):
    x, y, *_ = data
    mlp = MLP((2, 6, 2), activation="tanh")
    run = train(mlp, mlp.init(np.random.default_rng(0)), (), optimizers.adam(0.01), x, y, steps=23, batch_size=16,
                rng=np.random.default_rng(1), record_every=5)
    assert run.steps.tolist() == [0, 5, 10, 15, 20, 23]
    assert run.train_loss.shape == (6,) and run.batch_losses.shape == (23,)
    # 60 samples in batches of 16: 4 a epoch (the last of 12), so 23 steps run on into the sixth epoch
    epochs = train(mlp, mlp.init(np.random.default_rng(0)), (), optimizers.adam(0.01), x, y, epochs=6,
                   batch_size=16, rng=np.random.default_rng(1))
    np.testing.assert_array_equal(run.batch_losses, epochs.batch_losses[:23])
    assert epochs.steps.tolist() == [0, 4, 8, 12, 16, 20, 24]
    assert train(mlp, mlp.init(np.random.default_rng(0)), (), optimizers.adam(0.01), x, y, steps=0, batch_size=16,
                 rng=np.random.default_rng(1)).steps.tolist() == [0]


def test_a_budget_is_epochs_or_steps_and_batch_norm_needs_two_samples(data):
    x, y, *_ = data
    mlp = MLP((2, 4, 2), batch_norm=True)
    arguments = dict(batch_size=8, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="epochs or as steps"):
        train(mlp, mlp.init(np.random.default_rng(0)), mlp.init_state(), optimizers.sgd(0.1), x, y, **arguments)
    with pytest.raises(ValueError, match="epochs or as steps"):
        train(mlp, mlp.init(np.random.default_rng(0)), mlp.init_state(), optimizers.sgd(0.1), x, y, epochs=1,
              steps=1, **arguments)
    with pytest.raises(ValueError, match="batch_size"):
        train(mlp, mlp.init(np.random.default_rng(0)), mlp.init_state(), optimizers.sgd(0.1), x, y, steps=3,
              batch_size=1, rng=np.random.default_rng(0))


def test_a_copy_that_blows_up_goes_back_to_its_last_record_and_stops(data):
    x, y, *_ = data
    mlp = MLP((2, 8, 2), activation="relu")
    rates = np.array([[0.05], [1e8]])
    starts = mlp.init_copies([np.random.default_rng(0) for _ in range(2)])
    run = train(mlp, starts, (), optimizers.sgd(rates), x, y, steps=40, batch_size=10,
                rng=[np.random.default_rng(5) for _ in range(2)], record_every=4)
    assert run.diverged_at[0] == -1 and run.diverged_step[0] == -1
    record, step = int(run.diverged_at[1]), int(run.diverged_step[1])
    assert record >= 1 and run.steps[record - 1] <= step < run.steps[record]
    last = train(mlp, mlp.init(np.random.default_rng(0)), (), optimizers.sgd(1e8), x, y,
                 steps=int(run.steps[record - 1]), batch_size=10, rng=np.random.default_rng(5), record_every=4)
    for key, value in last.params.items():  # the parameters of its last record, kept to the end
        np.testing.assert_array_equal(run.params[key][1], value, err_msg=key)
    assert (run.train_loss[record:, 1] == run.train_loss[record - 1, 1]).all()
    assert np.isfinite(run.batch_losses).all() and np.isfinite(run.train_loss).all()


def test_early_stopping_stops_a_copy_whose_validation_loss_stopped_improving(data):
    x, y, x_val, y_val = data
    mlp = MLP((2, 32, 32, 2))
    rates = np.array([[0.05], [1e-6]])  # one learns (and then overfits the noise), one barely moves
    starts = mlp.init_copies([np.random.default_rng(0) for _ in range(2)])
    run = train(mlp, starts, (), optimizers.adam(rates), x, y, epochs=150, batch_size=60,
                rng=[np.random.default_rng(1) for _ in range(2)], x_val=x_val, y_val=y_val,
                patience=5)
    stopped = int(run.stopped_at[0])
    assert stopped > 5 and run.stopped_at[1] == -1 and (run.diverged_at == -1).all()
    best = int(np.argmin(run.val_loss[:stopped + 1, 0]))
    assert stopped - best == 5  # five records without a better validation loss
    assert (run.val_loss[stopped:, 0] == run.val_loss[stopped, 0]).all()
    with pytest.raises(ValueError, match="patience"):
        train(mlp, mlp.init(np.random.default_rng(0)), (), optimizers.adam(0.01), x, y, epochs=2, batch_size=8,
              rng=np.random.default_rng(0), patience=3)


def test_copies_at_different_dropout_rates_are_each_the_network_trained_alone(data):
    """K generators in one state: each copy at its own rate is the network trained alone at that rate (rate 0
    included, as long as the others drop: its generator draws and ignores the same uniform numbers)."""
    x, y, x_val, y_val = data
    rates = (0.2, 0.5, 0.8)
    start = MLP((2, 7, 5, 2)).init(np.random.default_rng(3))
    rng = np.random.default_rng(4)
    together = train(MLP((2, 7, 5, 2), drop_prob=rates), stack_copies([start] * 3), (), optimizers.adam(0.02), x, y,
                     epochs=4, batch_size=16, rng=[copy.deepcopy(rng) for _ in rates], x_val=x_val, y_val=y_val)
    for k, rate in enumerate(rates):
        alone = train(MLP((2, 7, 5, 2), drop_prob=rate), start, (), optimizers.adam(0.02), x, y, epochs=4,
                      batch_size=16, rng=copy.deepcopy(rng), x_val=x_val, y_val=y_val)
        for field in ("train_loss", "val_loss", "batch_losses"):
            np.testing.assert_allclose(getattr(together, field)[:, k], getattr(alone, field), rtol=1e-12,
                                       err_msg=field)
    with pytest.raises(ValueError, match="3 rates for 2"):
        MLP((2, 3, 2), drop_prob=rates).loss_and_grads(stack_copies([MLP((2, 3, 2)).init(rng)] * 2), (), x, y,
                                                       rng=[rng, rng])
    with pytest.raises(ValueError, match="drop_prob"):
        MLP((2, 3, 2), drop_prob=(0.2, 1.0))


def test_keep_sees_every_records_parameters_and_state(data):
    x, y, *_ = data
    mlp = MLP((2, 4, 2), batch_norm=True)
    run = train(mlp, mlp.init(np.random.default_rng(0)), mlp.init_state(), optimizers.sgd(0.1), x, y, epochs=3,
                batch_size=20, rng=np.random.default_rng(0), layer_statistics=False,
                keep=lambda params, state: (params["W1"], state[0].mean))
    weights, means = run.kept
    assert weights.shape == (4, 2, 4) and means.shape == (4, 4)
    np.testing.assert_array_equal(weights[-1], run.params["W1"])
    np.testing.assert_array_equal(means[-1], run.state[0].mean)
    assert (means[0] == 0).all() and (means[-1] != 0).all()


@settings(max_examples=40, deadline=None)
@given(count=st.integers(2, 50), batch_size=st.integers(1, 60), steps=st.integers(0, 40), seed=st.integers(0, 99),
       drop_single=st.booleans())
def test_the_minibatch_stream_takes_every_sample_once_an_epoch(count, batch_size, steps, seed, drop_single):
    if drop_single and batch_size == 1:
        batch_size = 2
    stream = list(itertools.islice(minibatches([np.random.default_rng(seed)], count, batch_size, drop_single), steps))
    per_epoch = training.batches_per_epoch(count, batch_size, drop_single)
    for first in range(0, steps, per_epoch):
        epoch = np.concatenate([batch[0] for batch in stream[first : first + per_epoch]])
        assert len(set(epoch.tolist())) == len(epoch)  # no sample twice within an epoch
        if first + per_epoch <= steps:
            left_out = count - len(epoch)
            assert left_out == (1 if drop_single and count % batch_size == 1 else 0)


def test_flat_params_are_one_array_of_views_in_and_out():
    mlp = MLP((2, 3, 4, 2), batch_norm=True)
    params = mlp.init_copies([np.random.default_rng(seed) for seed in range(3)])
    flat = FlatParams(params)
    theta = flat.pack(params)
    assert theta.shape == (3, sum(value[0].size for value in params.values()))
    back = flat.unpack(theta)
    for key, value in params.items():
        np.testing.assert_array_equal(back[key], value, err_msg=key)
        assert back[key].shape == value.shape and np.shares_memory(back[key], theta)
