"""dl_core.lessons.activation_stats: the measured properties against closed forms, and the gradient chain's bound."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core.activations import ACTIVATIONS
from dl_core.gradcheck import numerical_grad, relative_error
from dl_core.lessons import activation_stats as stats

INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def phi_upper(x: float) -> float:
    """P(Z > x) for a standard normal Z, from the C library."""
    return 0.5 * math.erfc(x / math.sqrt(2.0))


# ---------------------------------------------------------------- the properties table's closed forms


def test_largest_derivatives():
    assert stats.max_derivative("sigmoid") == 0.25
    assert stats.max_derivative("tanh") == 1.0
    assert stats.max_derivative("relu") == 1.0
    assert stats.max_derivative("softplus") == 1.0  # the limit as x -> inf
    assert stats.max_derivative("elu", alpha=3.0) == 3.0  # alpha e^x just left of 0
    # GELU' = Phi + x phi peaks where its derivative (2 - x^2) phi vanishes, at x = sqrt(2)
    gelu_peak = 0.5 * math.erfc(-1.0) + math.sqrt(2.0) * math.exp(-1.0) * INV_SQRT_2PI
    assert stats.max_derivative("gelu") == pytest.approx(gelu_peak, rel=1e-10)  # a smooth peak, found on a grid


def test_dead_and_saturated_shares():
    relu = stats.properties("relu")
    assert relu.dead_share == pytest.approx(0.5, abs=1e-15)
    assert relu.saturated_share == pytest.approx(0.5, abs=1e-15)
    assert stats.properties("leaky_relu").dead_share == 0.0
    assert stats.properties("leaky_relu", alpha=0.0).dead_share == pytest.approx(0.5, abs=1e-15)
    assert stats.properties("elu", alpha=0.0).dead_share == pytest.approx(0.5, abs=1e-15)
    for name in ("sigmoid", "tanh", "elu", "gelu", "silu", "softplus"):
        assert stats.properties(name).dead_share == 0.0, name


@pytest.mark.parametrize("threshold", [0.01, 0.05, 0.2])
def test_sigmoid_saturation_edges_solve_the_threshold(threshold):
    # sigma'(x) = e / (1 + e)^2 with e = exp(-|x|) equals c = threshold / 4 at e = ((1 - 2c) - sqrt(1 - 4c)) / (2c)
    c = threshold * 0.25
    edge = -math.log(((1 - 2 * c) - math.sqrt(1 - 4 * c)) / (2 * c))
    measured = stats.properties("sigmoid", threshold)
    (low1, high1), (low2, high2) = measured.saturated_where
    assert low1 == -math.inf and high2 == math.inf
    assert high1 == pytest.approx(-edge, abs=1e-9) and low2 == pytest.approx(edge, abs=1e-9)
    assert measured.saturated_share == pytest.approx(2 * phi_upper(edge), rel=1e-8)


def test_tanh_saturation_edge():
    # tanh'(x) = 1 - tanh(x)^2 = 0.05  <=>  |x| = artanh(sqrt(0.95))
    edge = math.atanh(math.sqrt(0.95))
    measured = stats.properties("tanh", 0.05)
    assert measured.saturated_where[1][0] == pytest.approx(edge, abs=1e-9)
    assert measured.saturated_share == pytest.approx(2 * phi_upper(edge), rel=1e-8)


@pytest.mark.parametrize(
    ("name", "params", "mean"),
    [
        ("sigmoid", {}, 0.5),
        ("tanh", {}, 0.0),
        ("relu", {}, INV_SQRT_2PI),
        ("leaky_relu", {"alpha": 0.01}, 0.99 * INV_SQRT_2PI),
        ("leaky_relu", {"alpha": 1.0}, 0.0),
        # E ELU(Z) = E[Z; Z > 0] + alpha (e^{1/2} Phi(-1) - 1/2)
        ("elu", {"alpha": 1.0}, INV_SQRT_2PI + math.exp(0.5) * phi_upper(1.0) - 0.5),
        ("elu", {"alpha": 2.5}, INV_SQRT_2PI + 2.5 * (math.exp(0.5) * phi_upper(1.0) - 0.5)),
        ("gelu", {}, 0.5 / math.sqrt(math.pi)),  # E[Z Phi(Z)] = E[phi(Z)] = 1 / (2 sqrt(pi))
    ],
)
def test_mean_output_for_standard_normal_input(name, params, mean):
    assert stats.properties(name, **params).mean == pytest.approx(mean, abs=1e-10)


def test_relu_output_spread():
    # E ReLU(Z)^2 = 1/2
    assert stats.properties("relu").std == pytest.approx(math.sqrt(0.5 - INV_SQRT_2PI**2), abs=1e-10)


def test_output_ranges():
    def shown(name, **params):
        output = stats.output_range(name, **params)
        return output.low, output.high, output.low_reached, output.high_reached

    assert shown("sigmoid") == (0.0, 1.0, False, False)
    assert shown("tanh") == (-1.0, 1.0, False, False)
    assert shown("relu") == (0.0, math.inf, True, False)
    assert shown("leaky_relu") == (-math.inf, math.inf, False, False)
    assert shown("leaky_relu", alpha=0.0) == (0.0, math.inf, True, False)
    assert shown("elu", alpha=2.0) == (-2.0, math.inf, False, False)
    assert shown("softplus") == (0.0, math.inf, False, False)
    low, high, low_reached, _ = shown("gelu")
    assert low == pytest.approx(-0.16997120, abs=1e-8) and low_reached and high == math.inf
    low, _, low_reached, _ = shown("silu")  # the minimum -W(1/e)... at x = -1.2785
    assert low == pytest.approx(-0.27846454, abs=1e-8) and low_reached


def test_sign_and_slope_facts():
    assert stats.properties("tanh").keeps_sign
    assert stats.properties("gelu").keeps_sign
    assert not stats.properties("sigmoid").keeps_sign
    assert not stats.properties("relu").keeps_sign
    assert stats.properties("relu").least_positive_slope == 1.0
    assert stats.distance_from_identity("leaky_relu", alpha=1.0) == 0.0
    assert stats.distance_from_identity("leaky_relu", alpha=0.25) == pytest.approx(0.75)


def test_normal_share_and_intervals():
    assert stats.normal_share(lambda x: x > 1.0) == pytest.approx(phi_upper(1.0), rel=1e-13)
    assert stats.normal_share(lambda x: np.abs(x) < 2.0) == pytest.approx(1 - 2 * phi_upper(2.0), rel=1e-13)
    assert stats.normal_share(lambda x: x == x) == 1.0
    (low, high), = stats.intervals(lambda x: (x > -1) & (x < 0.5))
    assert (low, high) == (pytest.approx(-1.0, abs=1e-12), pytest.approx(0.5, abs=1e-12))
    assert stats.intervals(lambda x: x < x) == ()


@pytest.mark.parametrize("name", list(ACTIVATIONS))
@pytest.mark.parametrize(("mu", "sigma"), [(0.0, 1.0), (-3.0, 0.1), (3.0, 10.0)])
def test_histogram_holds_the_distribution(name, mu, sigma):
    histogram = stats.output_histogram(name, mu, sigma)
    distribution = stats.output_distribution(name, mu, sigma)
    assert np.all(histogram.probabilities >= 0)
    assert 0.997 < histogram.shown <= 1.0 + 1e-12
    assert histogram.mean == distribution.mean
    assert np.all(np.isfinite(histogram.edges)) and np.all(np.diff(histogram.edges) > 0)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
@pytest.mark.parametrize("alpha", [0.0, 1.0, 3.0])
@pytest.mark.parametrize("threshold", [0.01, 0.2])
def test_properties_are_finite_for_extreme_parameters(name, alpha, threshold):
    params = {"alpha": alpha} if "alpha" in ACTIVATIONS[name].params else {}
    measured = stats.properties(name, threshold, **params)
    for value in (measured.mean, measured.std, measured.max_derivative, measured.saturated_share,
                  measured.dead_share, measured.least_positive_slope):
        assert math.isfinite(value)
    assert 0.0 <= measured.saturated_share <= 1.0 and 0.0 <= measured.dead_share <= 1.0


# ---------------------------------------------------------------- vanishing gradients


def _loss_from_first_layer(name, weights, output_grad, pre_activation):
    """l = sum(g * a_L) as a function of z_1 (batch 1)."""
    activation = ACTIVATIONS[name]
    outputs = activation.fn(pre_activation)
    for layer in weights[1:]:
        outputs = activation.fn(outputs @ layer)
    return float(np.sum(output_grad * outputs))


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "gelu"])
def test_gradient_sizes_match_centred_differences(name):
    rng = np.random.default_rng(4)
    weights = stats.chain_weights(4, 5, 1.5, rng)
    inputs, output_grad = rng.standard_normal((1, 5)), rng.standard_normal((1, 5))
    forward = stats.forward_through_chain(name, inputs, weights)
    sizes = stats.gradient_sizes(forward.derivatives, weights, output_grad)
    first = inputs @ weights[0]
    numerical = numerical_grad(lambda z: _loss_from_first_layer(name, weights, output_grad, z), first)
    assert relative_error(np.array([sizes[0]]), np.array([np.sqrt(np.mean(numerical**2))])) < 1e-6
    assert sizes.shape == (4,)


def test_chain_weights_have_the_chosen_scale():
    weights = stats.chain_weights(50, 64, 2.0, np.random.default_rng(0))
    assert weights.shape == (50, 64, 64)
    assert np.var(weights) * 64 == pytest.approx(4.0, rel=0.02)


def test_off_centre_ratio():
    rng = np.random.default_rng(1)
    weights = stats.chain_weights(5, 32, 1.0, rng)
    inputs = rng.standard_normal((16, 32))
    sigmoid = stats.forward_through_chain("sigmoid", inputs, weights).off_centre
    tanh = stats.forward_through_chain("tanh", inputs, weights).off_centre
    assert np.all(sigmoid > 0.9) and np.all(np.abs(tanh) < 0.2)


depths = st.integers(min_value=1, max_value=50)
pre_activations = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(depth=depths, data=st.data())
def test_sigmoid_derivative_product_never_exceeds_a_quarter_per_layer(depth, data):
    """Through L layers of unit weights the sigmoid's derivatives alone leave at most 0.25^L of the gradient."""
    z = np.array(data.draw(st.lists(pre_activations, min_size=depth, max_size=depth)))
    signs = np.array(data.draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=depth, max_size=depth)))
    derivatives = ACTIVATIONS["sigmoid"].grad(z).reshape(depth, 1, 1)
    sizes = stats.gradient_sizes(derivatives, signs.reshape(depth, 1, 1), np.ones((1, 1)))
    assert sizes[0] <= 0.25**depth
    assert np.all(sizes <= 0.25 ** np.arange(depth, 0, -1))  # layer l has been through L - l + 1 derivatives


@settings(max_examples=100, deadline=None)
@given(depth=depths, x=st.floats(min_value=-50, max_value=50), data=st.data())
def test_sigmoid_chain_bound_with_any_weights(depth, x, data):
    """With weights w_l the bound is 0.25^L times the product of |w_l| the gradient passes through."""
    weights = np.array(data.draw(st.lists(st.floats(min_value=-5, max_value=5), min_size=depth, max_size=depth)))
    weights = weights.reshape(depth, 1, 1)
    forward = stats.forward_through_chain("sigmoid", np.array([[x]]), weights)
    first = stats.gradient_sizes(forward.derivatives, weights, np.ones((1, 1)))[0]
    assert first <= 0.25**depth * np.prod(np.abs(weights[1:])) * (1 + 1e-12)


# ---------------------------------------------------------------- dead units


def test_dead_relu_units_are_those_whose_largest_input_stays_below_the_shift():
    rng = np.random.default_rng(2)
    inputs, weights = rng.standard_normal((32, 8)), rng.standard_normal((8, 50)) / np.sqrt(8)
    shifts = np.linspace(-6, 2, 33)
    relu = stats.dead_units("relu", inputs, weights, shifts)
    largest = (inputs @ weights).max(axis=0)
    expected = [np.mean(largest + shift <= 0) for shift in shifts]
    np.testing.assert_array_equal(relu.dead_share, expected)
    assert np.all(np.diff(relu.dead_share) <= 0)  # a larger bias never kills more units
    for name in ("leaky_relu", "elu", "sigmoid"):
        assert np.all(stats.dead_units(name, inputs, weights, shifts).dead_share == 0.0), name
    leaky = stats.dead_units("leaky_relu", inputs, weights, shifts, alpha=0.01)
    assert np.all(leaky.mean_grad >= 0.01 * (1 - 1e-12))  # every unit passes at least alpha
