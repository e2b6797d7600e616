"""dl_core.layers: gradient checks of every backward, stable losses, invariants, dropout statistics, purity.

Each backward is checked against centred differences of the scalar ``sum(out * dout)`` for a random
``dout``, whose gradient with respect to an input is exactly what the backward returns.
"""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dl_core import layers
from dl_core.activations import ACTIVATIONS
from dl_core.gradcheck import numerical_grad, relative_error

# The summed scalar of 30 terms carries a rounding error near 1e-16 * 30 / 1e-6 = 3e-9 in each centred
# difference, so a correct backward agrees to about 1e-6 relative; a wrong one is off by far more than 1e-5.
GRAD_TOLERANCE = 1e-5
GRAD_FLOOR = 1e-4
property_test = settings(max_examples=150, deadline=None)


def random(seed: int, *shape: int) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal(shape)


def away_from_zero(x: np.ndarray) -> np.ndarray:
    """Keep points at least 0.1 from the kinks of relu, leaky_relu and elu at 0."""
    return np.sign(x) * (0.1 + np.abs(x))


def assert_gradient(analytic: np.ndarray, scalar_function, point: np.ndarray, tolerance=GRAD_TOLERANCE) -> None:
    """Relative error below ``tolerance``; entries below ``GRAD_FLOOR`` are compared by absolute error / floor,
    since the rounding error of the summed scalar dominates their differences."""
    numerical = numerical_grad(scalar_function, point)
    assert analytic.shape == point.shape
    assert relative_error(analytic, numerical, floor=GRAD_FLOOR) < tolerance


# ---------------------------------------------------------------- gradient checks


def test_linear_backward_matches_centred_differences():
    x, w, b, dout = random(0, 5, 4), random(1, 4, 3), random(2, 3), random(3, 5, 3)
    dx, dw, db = layers.linear_backward(dout, layers.linear_forward(x, w, b)[1])
    assert_gradient(dx, lambda v: np.sum(layers.linear_forward(v, w, b)[0] * dout), x)
    assert_gradient(dw, lambda v: np.sum(layers.linear_forward(x, v, b)[0] * dout), w)
    assert_gradient(db, lambda v: np.sum(layers.linear_forward(x, w, v)[0] * dout), b)


def test_linear_weight_grads_are_those_of_the_full_backward():
    x, w, b, dout = random(0, 5, 4), random(1, 4, 3), random(2, 3), random(3, 5, 3)
    cache = layers.linear_forward(x, w, b)[1]
    _, dw, db = layers.linear_backward(dout, cache)
    weight_grads = layers.linear_weight_grads(dout, cache)
    np.testing.assert_array_equal(weight_grads[0], dw)
    np.testing.assert_array_equal(weight_grads[1], db)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_backward_matches_centred_differences(name):
    x, dout = away_from_zero(random(4, 6, 5) * 2.0), random(5, 6, 5)
    dx = layers.activation_backward(dout, layers.activation_forward(x, name)[1])
    assert_gradient(dx, lambda v: np.sum(layers.activation_forward(v, name)[0] * dout), x)


def test_activation_parameters_reach_forward_and_backward():
    x, dout = away_from_zero(random(6, 4, 3)), random(7, 4, 3)
    out, cache = layers.activation_forward(x, "leaky_relu", alpha=0.2)
    np.testing.assert_array_equal(out, np.where(x > 0, x, 0.2 * x))
    np.testing.assert_array_equal(layers.activation_backward(dout, cache), dout * np.where(x > 0, 1.0, 0.2))


def test_unknown_activation_raises_naming_it():
    with pytest.raises(ValueError, match="swish"):
        layers.activation_forward(random(0, 2, 2), "swish")


@pytest.mark.parametrize("train", [True, False], ids=["train", "eval"])
def test_batchnorm_backward_matches_centred_differences(train):
    x = random(8, 6, 4) * 3.0 + 1.0
    gamma, beta, dout = 1.0 + 0.5 * random(9, 4), random(10, 4), random(11, 6, 4)
    running = layers.BatchNormStats(random(12, 4), 0.5 + np.abs(random(13, 4)))

    def out(x=x, gamma=gamma, beta=beta):
        return layers.batchnorm_forward(x, gamma, beta, running, train=train)[0]

    cache = layers.batchnorm_forward(x, gamma, beta, running, train=train)[2]
    dx, dgamma, dbeta = layers.batchnorm_backward(dout, cache)
    assert_gradient(dx, lambda v: np.sum(out(x=v) * dout), x)
    assert_gradient(dgamma, lambda v: np.sum(out(gamma=v) * dout), gamma)
    assert_gradient(dbeta, lambda v: np.sum(out(beta=v) * dout), beta)


def test_dropout_backward_with_a_fixed_mask_matches_centred_differences():
    x, dout = random(14, 5, 6), random(15, 5, 6)
    mask = np.random.default_rng(16).random((5, 6)) >= 0.4
    dx = layers.dropout_backward(dout, layers.dropout_forward(x, 0.4, None, train=True, mask=mask)[1])
    assert_gradient(dx, lambda v: np.sum(layers.dropout_forward(v, 0.4, None, train=True, mask=mask)[0] * dout), x)


def test_softmax_cross_entropy_gradient_matches_centred_differences():
    logits, labels = random(17, 6, 4) * 2.0, np.array([0, 3, 1, 1, 2, 3])
    _, dlogits = layers.softmax_cross_entropy(logits, labels)
    assert_gradient(dlogits, lambda v: layers.softmax_cross_entropy(v, labels)[0], logits)


def test_mse_gradient_matches_centred_differences():
    pred, target = random(18, 5, 3), random(19, 5, 3)
    _, dpred = layers.mse(pred, target)
    assert_gradient(dpred, lambda v: layers.mse(v, target)[0], pred)


# ---------------------------------------------------------------- losses: values and stability


def test_softmax_cross_entropy_of_known_values():
    loss, dlogits = layers.softmax_cross_entropy(np.array([[0.0, 0.0], [np.log(3.0), 0.0]]), np.array([0, 0]))
    assert loss == pytest.approx((np.log(2.0) + np.log(4.0 / 3.0)) / 2, rel=1e-15)
    np.testing.assert_allclose(dlogits, [[-0.25, 0.25], [-0.125, 0.125]], rtol=1e-14)


@pytest.mark.parametrize("scale", [1e3, -1e3, 1e300, -1e300])
def test_softmax_cross_entropy_is_finite_and_warning_free_for_huge_logits(scale):
    logits = scale * np.array([[1.0, 0.0, -1.0], [0.5, 1.0, 0.0], [1.0, 1.0, 1.0]])
    labels = np.array([2, 1, 0])
    loss, dlogits = layers.softmax_cross_entropy(logits, labels)  # any warning fails the test
    assert np.isfinite(loss) and np.all(np.isfinite(dlogits))
    # Row 1 picks its largest logit (loss 0 up to the third row's log 3); rows 0 and 2 are exact.
    margin = 2 * abs(scale) if scale > 0 else abs(scale)
    assert loss == pytest.approx((margin + 0.0 + np.log(3.0)) / 3, rel=1e-12)


def test_softmax_cross_entropy_of_logits_beyond_the_float_range_is_inf_without_warning():
    logits = np.array([[np.finfo(float).max, -np.finfo(float).max]])
    loss, dlogits = layers.softmax_cross_entropy(logits, np.array([1]))
    assert loss == np.inf
    np.testing.assert_array_equal(dlogits, [[1.0, -1.0]])


@pytest.mark.parametrize(
    ("labels", "match"),
    [(np.array([0, 2]), r"labels must be in \[0, 2\)"), (np.array([0, -1]), "labels must be in"),
     (np.array([0.0, 1.0]), "integers"), (np.array([0]), "shape")],
)
def test_softmax_cross_entropy_rejects_bad_labels(labels, match):
    with pytest.raises(ValueError, match=match):
        layers.softmax_cross_entropy(np.zeros((2, 2)), labels)


def test_mse_is_the_mean_over_all_elements():
    loss, dpred = layers.mse(np.array([[1.0, 2.0], [3.0, 4.0]]), np.zeros((2, 2)))
    assert loss == pytest.approx(30.0 / 4)
    np.testing.assert_allclose(dpred, [[0.5, 1.0], [1.5, 2.0]])


def test_mse_refuses_to_broadcast():
    with pytest.raises(ValueError, match="same non-empty shape"):
        layers.mse(np.zeros((3, 1)), np.zeros(3))


# ---------------------------------------------------------------- batch norm


def test_batchnorm_train_normalises_with_the_biased_variance_and_updates_running_stats_like_torch():
    x = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]])
    running = layers.BatchNormStats(np.array([0.5, -1.0]), np.array([2.0, 3.0]))
    out, new_running, _ = layers.batchnorm_forward(x, np.ones(2), np.zeros(2), running, train=True, momentum=0.2)
    mean, biased = x.mean(axis=0), x.var(axis=0)
    np.testing.assert_allclose(out, (x - mean) / np.sqrt(biased + 1e-5), rtol=1e-14)
    np.testing.assert_allclose(new_running.mean, 0.8 * running.mean + 0.2 * mean, rtol=1e-15)
    np.testing.assert_allclose(new_running.var, 0.8 * running.var + 0.2 * x.var(axis=0, ddof=1), rtol=1e-15)
    np.testing.assert_array_equal(running.mean, [0.5, -1.0])  # the old statistics are untouched


def test_batchnorm_eval_uses_running_stats_and_returns_them_unchanged():
    x = random(20, 4, 3)
    running = layers.BatchNormStats(random(21, 3), np.array([0.5, 1.0, 4.0]))
    gamma, beta = np.array([1.0, 2.0, 3.0]), np.array([0.0, -1.0, 1.0])
    out, new_running, _ = layers.batchnorm_forward(x, gamma, beta, running, train=False)
    assert new_running is running
    np.testing.assert_allclose(out, gamma * (x - running.mean) / np.sqrt(running.var + 1e-5) + beta, rtol=1e-14)


def test_batchnorm_initial_stats_are_mean_zero_variance_one():
    stats = layers.BatchNormStats.initial(3)
    np.testing.assert_array_equal(stats.mean, np.zeros(3))
    np.testing.assert_array_equal(stats.var, np.ones(3))


def test_batchnorm_train_on_one_sample_raises_a_clear_error_instead_of_nan():
    # PyTorch raises too ("Expected more than 1 value per channel when training").
    with pytest.raises(ValueError, match="at least 2 samples"):
        layers.batchnorm_forward(np.ones((1, 3)), np.ones(3), np.zeros(3), layers.BatchNormStats.initial(3), train=True)
    out, _, _ = layers.batchnorm_forward(
        np.ones((1, 3)), np.ones(3), np.zeros(3), layers.BatchNormStats.initial(3), train=False
    )
    assert np.all(np.isfinite(out))


@pytest.mark.parametrize(("keyword", "value"), [("momentum", 1.5), ("momentum", -0.1), ("eps", 0.0)])
def test_batchnorm_rejects_bad_hyperparameters(keyword, value):
    with pytest.raises(ValueError, match=keyword):
        layers.batchnorm_forward(random(0, 3, 2), np.ones(2), np.zeros(2), layers.BatchNormStats.initial(2),
                                 train=True, **{keyword: value})


batches = hnp.arrays(
    np.float64, st.tuples(st.integers(2, 12), st.integers(1, 4)),
    elements=st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False),
)


@property_test
@given(x=batches)
def test_batchnorm_train_output_has_mean_zero_and_variance_near_one_per_feature(x):
    assume(np.all(x.var(axis=0) > 1e-2))
    features = x.shape[1]
    out, _, _ = layers.batchnorm_forward(x, np.ones(features), np.zeros(features),
                                         layers.BatchNormStats.initial(features), train=True)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-9)
    # The biased variance of the output is var / (var + eps): within 1e-3 of 1 once var > 1e-2.
    np.testing.assert_allclose(out.var(axis=0), 1.0, atol=1e-3)


# ---------------------------------------------------------------- dropout


def test_dropout_keeps_the_expected_share_and_scales_kept_units():
    drop_prob, count = 0.3, 200_000
    out, cache = layers.dropout_forward(np.ones((400, 500)), drop_prob, np.random.default_rng(22), train=True)
    kept = cache.mask.mean()
    # The kept count is Binomial(count, 1 - p): its share has standard deviation sqrt(p (1 - p) / count)
    # = 1.0e-3 here; 5 standard deviations fail by chance with probability 6e-7 (and the seed is fixed).
    assert abs(kept - (1 - drop_prob)) < 5 * np.sqrt(drop_prob * (1 - drop_prob) / count)
    np.testing.assert_array_equal(out[cache.mask], 1.0 / (1 - drop_prob))
    np.testing.assert_array_equal(out[~cache.mask], 0.0)
    # Inverted dropout keeps the expected value: the mean output has standard deviation sqrt(p / ((1-p) count)).
    assert abs(out.mean() - 1.0) < 5 * np.sqrt(drop_prob / ((1 - drop_prob) * count))


def test_dropout_draws_from_the_given_generator_only():
    x = random(23, 6, 7)
    first = layers.dropout_forward(x, 0.5, np.random.default_rng(24), train=True)[0]
    second = layers.dropout_forward(x, 0.5, np.random.default_rng(24), train=True)[0]
    np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize("drop_prob", [-0.1, 1.0, 1.5, float("nan")])
def test_dropout_rejects_a_probability_outside_zero_one_naming_it(drop_prob):
    with pytest.raises(ValueError, match="drop_prob"):
        layers.dropout_forward(random(0, 2, 2), drop_prob, np.random.default_rng(0), train=True)


def test_dropout_in_train_mode_needs_a_generator_or_a_mask():
    with pytest.raises(ValueError, match="rng"):
        layers.dropout_forward(random(0, 2, 2), 0.5, None, train=True)
    with pytest.raises(ValueError, match="mask"):
        layers.dropout_forward(random(0, 2, 2), 0.5, None, train=True, mask=np.ones((2, 3), dtype=bool))


@property_test
@given(
    x=hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=6),
                 elements=st.floats(allow_nan=False, allow_infinity=False)),
    drop_prob=st.floats(0.0, 0.99),
)
def test_dropout_in_eval_mode_is_the_identity(x, drop_prob):
    out, cache = layers.dropout_forward(x, drop_prob, None, train=False)
    np.testing.assert_array_equal(out, x)
    assert not np.shares_memory(out, x)
    np.testing.assert_array_equal(layers.dropout_backward(np.ones_like(x), cache), 1.0)


# ---------------------------------------------------------------- softmax cross-entropy invariants

logit_batches = hnp.arrays(
    np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)),
    elements=st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False),
)


@property_test
@given(logits=logit_batches, data=st.data())
def test_softmax_cross_entropy_is_non_negative_and_its_gradient_rows_sum_to_zero(logits, data):
    count, classes = logits.shape
    labels = data.draw(hnp.arrays(np.int64, count, elements=st.integers(0, classes - 1)))
    loss, dlogits = layers.softmax_cross_entropy(logits, labels)
    assert np.isfinite(loss) and loss >= 0.0
    assert np.all(np.isfinite(dlogits))
    # softmax sums to 1 up to rounding (one unit in the last place per class), divided by N.
    np.testing.assert_allclose(dlogits.sum(axis=1), 0.0, atol=4 * classes * np.finfo(float).eps / count)


@property_test
@given(
    logits=hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)),
                      elements=st.floats(allow_nan=False, allow_infinity=False)),
)
def test_softmax_cross_entropy_never_warns_for_finite_logits(logits):
    loss, dlogits = layers.softmax_cross_entropy(logits, np.zeros(len(logits), dtype=np.int64))
    assert loss >= 0.0  # inf only where the true loss exceeds the largest float64
    assert np.all(np.isfinite(dlogits))


# ---------------------------------------------------------------- purity


def read_only(*arrays: np.ndarray) -> list[np.ndarray]:
    """Copies that raise on any in-place write."""
    copies = [np.array(array) for array in arrays]
    for copy in copies:
        copy.flags.writeable = False
    return copies


def test_no_layer_writes_to_its_inputs():
    x, w, b, dout = read_only(random(0, 5, 4), random(1, 4, 3), random(2, 3), random(3, 5, 3))
    out, cache = layers.linear_forward(x, w, b)
    layers.linear_backward(dout, cache)
    for name in ACTIVATIONS:
        layers.activation_backward(x, layers.activation_forward(x, name)[1])
    gamma, beta, mean, var = read_only(np.ones(4), np.zeros(4), np.zeros(4), np.ones(4))
    running = layers.BatchNormStats(mean, var)
    for train in (True, False):
        layers.batchnorm_backward(x, layers.batchnorm_forward(x, gamma, beta, running, train=train)[2])
        layers.dropout_backward(x, layers.dropout_forward(x, 0.5, np.random.default_rng(0), train=train)[1])
    (labels,) = read_only(np.array([0, 1, 2, 0, 1]))
    layers.softmax_cross_entropy(out, labels)
    layers.mse(out, out)


def test_the_row_blocks_give_the_same_product():
    rng = np.random.default_rng(0)
    a, w = rng.normal(size=(3, 700, 40)), rng.normal(size=(3, 40, 50))  # blocks of 250 rows
    np.testing.assert_allclose(layers.block_product(a, w), a @ w, rtol=1e-12, atol=1e-12)
    x = rng.normal(size=(900, 2))
    np.testing.assert_allclose(layers.block_product(x, w[0, :2]), x @ w[0, :2], rtol=1e-12, atol=1e-12)
