"""dl_core.lessons.dropout: the kept share is binomial, inverted dropout keeps the expected output, both conventions.

Statistical tolerances are stated with each test. A fixed seed makes every test deterministic; the tolerances say
how unlikely a failure would be for a correct implementation and a fresh seed.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import layers
from dl_core.lessons import dropout as lesson

property_test = settings(max_examples=60, deadline=None, derandomize=True)


def test_keep_is_one_minus_drop_and_bad_probabilities_are_refused():
    assert lesson.keep_prob(0.2) == pytest.approx(0.8)
    assert lesson.keep_prob(0.0) == 1.0
    for bad in (-0.1, 1.0, 1.5, float("nan")):
        with pytest.raises(ValueError, match="drop_prob"):
            lesson.keep_prob(bad)


@pytest.mark.parametrize("drop_prob", [0.05, 0.2, 0.5, 0.8, 0.95])
def test_the_kept_share_is_within_four_binomial_sigmas(drop_prob):
    """Tolerance: 4 sigma with sigma = sqrt(p_keep p_drop / n), n = 3 x 64 x 2 x 300 = 115,200 unit draws
    (two-sided false alarm 6e-5 for a correct dropout); the width is about 0.006 at p = 0.5."""
    run = lesson.thinned_steps((300, 300), drop_prob, steps=3, batch=64, rng=np.random.default_rng(1))
    draws = 3 * 64 * 600
    keep = 1 - drop_prob
    sigma = np.sqrt(keep * drop_prob / draws)
    assert abs(run.batch_share.mean() - keep) <= 4 * sigma
    low, high = lesson.kept_share_band(draws, drop_prob, z=4.0)
    assert low <= run.batch_share.mean() <= high
    assert high - low == pytest.approx(8 * sigma)


@property_test
@given(drop_prob=st.floats(0.0, 0.95), seed=st.integers(0, 2**32 - 1), width=st.integers(1, 40))
def test_the_kept_share_of_any_rate_is_within_five_binomial_sigmas(drop_prob, seed, width):
    """Tolerance 5 sigma (false alarm 6e-7 per example) on 20 steps of a batch of 16."""
    run = lesson.thinned_steps((width, width), drop_prob, steps=20, batch=16, rng=np.random.default_rng(seed))
    draws = 20 * 16 * 2 * width
    keep = 1 - drop_prob
    assert abs(run.batch_share.mean() - keep) <= 5 * np.sqrt(keep * drop_prob / draws) + 1e-12


def test_the_band_covers_about_95_percent_of_small_networks():
    """The z = 2 band of a 16-unit network: 16 units are a coarse binomial, so coverage is between 90 and 99 %,
    measured over 4000 steps (the standard error of a coverage near 0.95 is 0.0035)."""
    run = lesson.thinned_steps((8, 8), 0.5, steps=4000, batch=1, rng=np.random.default_rng(2))
    low, high = lesson.kept_share_band(16, 0.5)
    inside = np.mean((run.example_share >= low) & (run.example_share <= high))
    assert 0.90 <= inside <= 0.99
    assert run.example_share.std() == pytest.approx(np.sqrt(0.25 / 16), rel=0.08)


def test_the_masks_are_the_engines_own_draws_layer_after_layer():
    run = lesson.thinned_steps((3, 5), 0.4, steps=4, batch=6, rng=np.random.default_rng(7))
    rng = np.random.default_rng(7)
    for step in range(4):
        for layer, width in enumerate((3, 5)):
            _, cache = layers.dropout_forward(np.ones((6, width)), 0.4, rng, train=True)
            np.testing.assert_array_equal(run.masks[layer][step], cache.mask)
    assert run.units == 8
    every = np.concatenate(run.masks, axis=2)
    np.testing.assert_allclose(run.example_share, every[:, 0].mean(axis=1))
    assert all(1 <= count <= 6 for count in run.distinct)


def test_each_example_gets_its_own_thinned_network():
    """16 units, p = 0.5: 65,536 possible networks, so a batch of 32 almost surely uses 32 different ones
    (the chance that two of 32 examples share a mask is about 0.8 %)."""
    run = lesson.thinned_steps((8, 8), 0.5, steps=10, batch=32, rng=np.random.default_rng(3))
    assert np.mean(run.distinct) >= 31.5
    nothing = lesson.thinned_steps((8, 8), 0.0, steps=5, batch=32, rng=np.random.default_rng(3))
    assert (nothing.distinct == 1).all() and (nothing.batch_share == 1.0).all()


def test_the_mean_output_over_masks_is_the_eval_output_within_sampling_error():
    """Tolerance: 4 standard errors, sd(y) / sqrt(M) with sd(y) = |a| sqrt(p_drop / p_keep), M = 200,000."""
    activations = np.array([0.0, 0.3, 1.0, 2.5, -1.2, 7.0])
    for drop_prob in (0.1, 0.5, 0.9):
        run = lesson.over_masks(activations, drop_prob, 200_000, np.random.default_rng(4))
        mean, sd = lesson.output_moments(activations, drop_prob)
        np.testing.assert_array_equal(mean, activations)
        error = 4 * sd / np.sqrt(run.count) + 1e-15
        assert np.all(np.abs(run.running_mean[-1] - activations) <= error)
        keep = 1 - drop_prob
        # the masks alone (no scaling) shrink the mean to p_keep * a
        assert np.all(np.abs(run.unscaled_running_mean[-1] - keep * activations) <= keep * error)
        assert np.all(np.abs(run.kept_share - keep) <= 4 * np.sqrt(keep * drop_prob / run.count))


def test_the_output_spread_is_the_formulas():
    """sd of 100,000 outputs against |a| sqrt(p/(1-p)); relative tolerance 2 % (the sample sd's relative error is
    about 1/sqrt(2M) times a kurtosis factor below 3 here: under 1 %)."""
    run = lesson.over_masks(np.array([2.0]), 0.3, 100_000, np.random.default_rng(5))
    outputs = np.diff(run.running_mean[:, 0] * np.arange(1, run.count + 1), prepend=0.0)
    assert set(np.round(np.unique(outputs), 9)) == {0.0, round(2.0 / 0.7, 9)}
    _, sd = lesson.output_moments(np.array([2.0]), 0.3)
    assert outputs.std() == pytest.approx(sd[0], rel=0.02)


def test_the_running_mean_is_the_mean_of_the_first_outputs():
    run = lesson.over_masks(np.array([1.0, 2.0]), 0.5, 5, np.random.default_rng(6))
    outputs, _ = layers.dropout_forward(np.tile([1.0, 2.0], (5, 1)), 0.5, np.random.default_rng(6), train=True)
    np.testing.assert_allclose(run.running_mean, np.cumsum(outputs, axis=0) / np.arange(1, 6)[:, None])


def test_nothing_is_dropped_at_zero_and_inputs_are_not_changed():
    activations = np.array([1.0, 2.0])
    run = lesson.over_masks(activations, 0.0, 10, np.random.default_rng(0))
    np.testing.assert_array_equal(run.running_mean[-1], activations)
    np.testing.assert_array_equal(activations, [1.0, 2.0])
    low, high = lesson.kept_share_band(16, 0.0)
    assert low == high == 1.0


@pytest.mark.parametrize("call", [
    lambda: lesson.thinned_steps((), 0.5, 3, 2, np.random.default_rng(0)),
    lambda: lesson.thinned_steps((4,), 0.5, 0, 2, np.random.default_rng(0)),
    lambda: lesson.over_masks(np.ones((2, 2)), 0.5, 3, np.random.default_rng(0)),
    lambda: lesson.kept_share_band(0, 0.5),
    lambda: lesson.output_moments(1.0, 1.0),
])
def test_bad_arguments_raise_value_errors(call):
    with pytest.raises(ValueError):
        call()


def test_running_means_kept_at_a_few_mask_counts_are_those_of_every_mask():
    """``rows`` keeps the running means after log-spaced mask counts, 1 and the last among them: the same numbers
    as after every mask, at those counts."""
    activations = np.array([0.0, 0.7, 2.0])
    every = lesson.over_masks(activations, 0.4, 5000, np.random.default_rng(8))
    few = lesson.over_masks(activations, 0.4, 5000, np.random.default_rng(8), rows=50)
    assert few.count == every.count == 5000 and few.masks[0] == 1 and len(few.masks) <= 50
    assert np.all(np.diff(few.masks) > 0)
    np.testing.assert_array_equal(every.masks, np.arange(1, 5001))
    np.testing.assert_array_equal(few.running_mean, every.running_mean[few.masks - 1])
    np.testing.assert_array_equal(few.unscaled_running_mean, every.unscaled_running_mean[few.masks - 1])
    np.testing.assert_array_equal(few.kept_share, every.kept_share)
    small = lesson.over_masks(activations, 0.4, 3, np.random.default_rng(8), rows=50)
    np.testing.assert_array_equal(small.masks, [1, 2, 3])
    with pytest.raises(ValueError, match="rows"):
        lesson.over_masks(activations, 0.4, 10, np.random.default_rng(8), rows=1)
