"""dl_core.lessons.batch_norm: the running estimates against a plain loop, the engine and PyTorch; their theory
(expectation, spread, bias correction) against simulation; train versus eval; the parameters that undo batch norm."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dl_core import layers
from dl_core.layers import BatchNormStats
from dl_core.lessons import batch_norm as lesson

momenta = st.floats(0.0, 1.0)


def loop(values: np.ndarray, momentum: float, initial: float) -> np.ndarray:
    out = [np.full(values.shape[1:], initial, dtype=float)]
    for value in values:
        out.append((1 - momentum) * out[-1] + momentum * value)
    return np.array(out)


@settings(max_examples=60, deadline=None)
@given(momentum=momenta, steps=st.integers(0, 300), width=st.integers(1, 3), seed=st.integers(0, 10**6),
       initial=st.floats(-5, 5))
def test_running_estimates_are_the_step_by_step_recurrence(momentum, steps, width, seed, initial):
    """Across block boundaries (128 steps) and for every momentum in [0, 1], the vectorised smoothing is the loop."""
    values = np.random.default_rng(seed).normal(3.0, 2.0, (steps, width))
    np.testing.assert_allclose(lesson.running_estimates(values, momentum, initial),
                               loop(values, momentum, initial), rtol=1e-12, atol=1e-12)


def test_running_estimates_at_the_ends_of_the_momentum_range():
    values = np.arange(1.0, 6.0)
    np.testing.assert_array_equal(lesson.running_estimates(values, 0.0, 7.0), np.full(6, 7.0))
    np.testing.assert_array_equal(lesson.running_estimates(values, 1.0, 7.0), [7.0, 1, 2, 3, 4, 5])
    with pytest.raises(ValueError, match="momentum"):
        lesson.running_estimates(values, 1.5, 0.0)


@pytest.mark.parametrize(("momentum", "batch_size"), [(0.1, 2), (0.3, 16), (0.01, 5)])
def test_the_stream_gives_the_engines_running_statistics(momentum, batch_size):
    """Feeding the same batches through dl_core.layers.batchnorm_forward one by one gives the same running mean and
    variance (the unbiased batch variance, as torch.nn.BatchNorm1d)."""
    flow = lesson.stream(3.0, 2.0, batch_size, 260, momentum, np.random.default_rng(4))
    running = BatchNormStats.initial(1)
    means, variances = [0.0], [1.0]
    for batch in flow.samples:
        _, running, _ = layers.batchnorm_forward(batch[:, None], np.ones(1), np.zeros(1), running, train=True,
                                                 momentum=momentum)
        means.append(running.mean[0])
        variances.append(running.var[0])
    np.testing.assert_allclose(flow.running_mean, means, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(flow.running_var, variances, rtol=1e-12)
    np.testing.assert_allclose(flow.batch_var, flow.samples.var(axis=1, ddof=1), rtol=1e-12)


def test_the_stream_gives_torchs_running_statistics():
    torch = pytest.importorskip("torch")
    momentum = 0.2
    flow = lesson.stream(-1.0, 0.5, 6, 40, momentum, np.random.default_rng(9))
    reference = torch.nn.BatchNorm1d(1, momentum=momentum, dtype=torch.float64)
    reference.train()
    for batch in flow.samples:
        reference(torch.from_numpy(batch[:, None].copy()))
    assert flow.running_mean[-1] == pytest.approx(reference.running_mean.item(), rel=1e-12)
    assert flow.running_var[-1] == pytest.approx(reference.running_var.item(), rel=1e-12)


def test_a_stream_needs_batches_of_two():
    with pytest.raises(ValueError, match="at least 2|>= 2"):
        lesson.stream(0.0, 1.0, 1, 10, 0.1, np.random.default_rng(0))


def test_expectation_and_spread_of_the_estimate_match_simulation():
    """4000 independent streams: the mean of the running estimate across streams follows mu + (0 - mu)(1 - m)^t (the
    early bias) and its spread follows sigma/sqrt(N) * sqrt(m(1 - d^2t)/(2 - m))."""
    momentum, batch_size, steps, mean, std = 0.2, 8, 30, 3.0, 2.0
    rng = np.random.default_rng(0)
    batch_means = rng.normal(mean, std, (4000, steps, batch_size)).mean(axis=2)
    estimates = lesson.running_estimates(batch_means.T, momentum, 0.0)  # (steps + 1, 4000)
    t = np.arange(steps + 1)
    expected = lesson.expected_estimate(mean, 0.0, momentum, t)
    spread = lesson.estimate_std(std / math.sqrt(batch_size), momentum, t)
    standard_error = np.maximum(spread, 1e-12) / math.sqrt(4000)
    assert np.all(np.abs(estimates.mean(axis=1) - expected) <= 4 * standard_error + 1e-12)
    np.testing.assert_allclose(estimates.std(axis=1)[1:], spread[1:], rtol=0.08)
    assert expected[1] == pytest.approx(0.2 * mean)  # one batch in: only m of the way from the start
    assert spread[0] == 0.0


@settings(max_examples=50, deadline=None)
@given(momentum=st.floats(0.001, 1.0), value=st.floats(-100, 100), initial=st.floats(-5, 5),
       steps=st.integers(1, 200))
def test_the_bias_correction_recovers_a_constant_stream_from_the_first_step(momentum, value, initial, steps):
    estimates = lesson.running_estimates(np.full(steps, value), momentum, initial)
    corrected = lesson.debiased(estimates, initial, momentum)
    assert corrected[0] == initial
    np.testing.assert_allclose(corrected[1:], value, rtol=1e-9, atol=1e-9 * (1 + abs(initial)))


def test_the_bias_correction_leaves_a_frozen_estimate_alone():
    estimates = np.full(5, 2.0)
    np.testing.assert_array_equal(lesson.debiased(estimates, 2.0, 0.0), estimates)


@settings(max_examples=100, deadline=None)
@given(momentum=st.floats(1e-4, 0.999), share=st.floats(1e-4, 0.9))
def test_steps_to_forget_is_the_first_step_below_the_share(momentum, share):
    steps = lesson.steps_to_forget(momentum, share)
    discount = 1 - momentum
    assert discount**steps <= share * (1 + 1e-9)
    assert steps == 1 or discount ** (steps - 1) > share * (1 - 1e-9)


def test_forgetting_at_the_ends_and_at_the_frameworks_defaults():
    assert lesson.steps_to_forget(1.0) == 1
    assert lesson.steps_to_forget(0.0) is None
    assert lesson.steps_to_forget(0.1) == 44  # PyTorch's default
    assert lesson.steps_to_forget(0.01) == 459  # Keras's momentum 0.99
    assert 0.5 ** (1 / lesson.half_life(0.1)) == pytest.approx(0.9)
    assert lesson.half_life(1.0) == 0.0 and lesson.half_life(0.0) == math.inf


def test_train_mode_outputs_are_the_engines_batch_by_batch():
    rng = np.random.default_rng(3)
    companions = rng.normal(2.0, 3.0, (25, 6))
    outputs = lesson.train_mode_outputs(1.5, companions, gamma=2.0, beta=-1.0)
    for row, output in zip(companions, outputs, strict=True):
        batch = np.concatenate([[1.5], row])[:, None]
        expected, _, _ = layers.batchnorm_forward(batch, np.array([2.0]), np.array([-1.0]),
                                                  BatchNormStats.initial(1), train=True)
        assert output == pytest.approx(expected[0, 0], rel=1e-12, abs=1e-12)


def test_a_batch_of_two_gives_plus_or_minus_one_whatever_the_values():
    companions = np.array([[-100.0], [4.9], [5.1], [1e6]])
    outputs = lesson.train_mode_outputs(5.0, companions)
    variances = (companions[:, 0] - 5.0) ** 2 / 4
    np.testing.assert_allclose(np.abs(outputs), np.sqrt(variances / (variances + 1e-5)), rtol=1e-12)
    np.testing.assert_array_equal(np.sign(outputs), [1, 1, -1, -1])


def test_a_batch_of_one_is_refused_in_train_mode_but_not_in_eval_mode():
    with pytest.raises(ValueError, match="at least 2 samples"):
        lesson.train_mode_outputs(5.0, np.zeros((10, 0)))
    running = BatchNormStats(np.array([3.0]), np.array([4.0]))
    assert lesson.eval_mode_output(5.0, running) == pytest.approx(2.0 / math.sqrt(4.0 + 1e-5), rel=1e-12)


def test_train_and_eval_mode_differ_and_agree_only_as_the_batch_grows():
    """The same input: eval mode gives one answer; train mode's spread over batches shrinks as N grows."""
    rng = np.random.default_rng(0)
    running = BatchNormStats(np.array([3.0]), np.array([4.0]))
    eval_output = lesson.eval_mode_output(5.0, running)
    spreads = []
    for size in (4, 256):
        outputs = lesson.train_mode_outputs(5.0, rng.normal(3.0, 2.0, (500, size - 1)))
        assert not np.allclose(outputs, eval_output)
        spreads.append(np.std(outputs))
    assert spreads[1] < 0.3 * spreads[0]


@st.composite
def batches(draw):
    """A batch ``(N, D)``: per feature a mean in [-100, 100] and a spread in [0.1, 100] around it (rounding then stays
    far below 1e-12 in the normalised values, as for any layer whose mean is not thousands of spreads away)."""
    count, features = draw(st.integers(2, 40)), draw(st.integers(1, 5))
    shape = arrays(np.float64, (count, features), elements=st.floats(-3, 3, allow_subnormal=False))
    z = draw(shape)
    z = np.where(z.std(axis=0) < 0.1, np.arange(count, dtype=float)[:, None], z)  # never a constant feature
    z = (z - z.mean(axis=0)) / z.std(axis=0)
    means = np.array(draw(st.lists(st.floats(-100, 100), min_size=features, max_size=features)))
    spreads = np.array(draw(st.lists(st.floats(0.1, 100), min_size=features, max_size=features)))
    return means + spreads * z


@settings(max_examples=80, deadline=None)
@given(x=batches())
def test_train_mode_output_has_mean_zero_and_biased_variance_one_before_gamma_and_beta(x):
    """Per unit over the batch: mean 0 to 1e-12; the biased variance is exactly var/(var + eps), which is 1 to 1e-12
    once eps is negligible."""
    features = x.shape[1]
    ones, zeros = np.ones(features), np.zeros(features)
    out, _, _ = layers.batchnorm_forward(x, ones, zeros, BatchNormStats.initial(features), train=True)
    variance = x.var(axis=0)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.var(axis=0), variance / (variance + 1e-5), rtol=1e-12)
    tiny, _, _ = layers.batchnorm_forward(x, ones, zeros, BatchNormStats.initial(features), train=True, eps=1e-300)
    np.testing.assert_allclose(tiny.var(axis=0), 1.0, rtol=1e-12)


@settings(max_examples=80, deadline=None)
@given(x=batches())
def test_gamma_sqrt_var_and_beta_mean_undo_batch_norm(x):
    gamma, beta = lesson.identity_parameters(x)
    out, _, _ = layers.batchnorm_forward(x, gamma, beta, BatchNormStats.initial(x.shape[1]), train=True)
    np.testing.assert_allclose(out, x, rtol=1e-12, atol=1e-12 * max(1.0, float(np.abs(x).max())))
    np.testing.assert_allclose(gamma, np.sqrt(x.var(axis=0) + 1e-5), rtol=1e-15)
