"""dl_core.activations: gradient checks, closed forms, invariants and stability for any finite input."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dl_core.activations import ACTIVATIONS, Activation, erf, erfc, get
from dl_core.gradcheck import numerical_derivative, relative_error

NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "silu", "softplus"]
FLOAT_MAX = np.finfo(np.float64).max
EPS = np.finfo(np.float64).eps

# Every float64 hypothesis can produce except nan and inf: huge magnitudes, +-max, subnormals, +-0.
finite_arrays = hnp.arrays(
    np.float64,
    hnp.array_shapes(max_dims=2, max_side=16),
    elements=st.floats(allow_nan=False, allow_infinity=False),
)
alphas = st.floats(min_value=0.0, max_value=1.0)
property_test = settings(max_examples=200, deadline=None)

# Hand-picked hard inputs: where exp overflows (710), underflows (745), x*x overflows (1.4e154).
EXTREMES = np.array([
    -FLOAT_MAX, -1e300, -1.4e154, -746.0, -710.0, -40.0, -1.0, -1e-300, -5e-324, -0.0,
    0.0, 5e-324, 1e-300, 1.0, 40.0, 710.0, 746.0, 1.4e154, 1e300, FLOAT_MAX,
])


def _cases():
    """(name, params) for every activation: defaults, and two other alphas where there is one."""
    for name, activation in ACTIVATIONS.items():
        yield name, {}
        if "alpha" in activation.params:
            yield name, {"alpha": 0.2}
            yield name, {"alpha": 3.0}


CASES = list(_cases())
CASE_IDS = [f"{name}-{params.get('alpha', 'default')}" for name, params in CASES]


def _kinked_at_zero(name: str, params: dict) -> bool:
    alpha = params.get("alpha", ACTIVATIONS[name].params.get("alpha"))
    return name in ("relu", "leaky_relu") or (name == "elu" and alpha != 1.0)


# ---------------------------------------------------------------- registry


def test_registry_names_and_order():
    assert list(ACTIVATIONS) == NAMES
    for name, activation in ACTIVATIONS.items():
        assert isinstance(activation, Activation)
        assert activation.name == name
        assert get(name) is activation


def test_default_parameters():
    assert dict(ACTIVATIONS["leaky_relu"].params) == {"alpha": 0.01}
    assert dict(ACTIVATIONS["elu"].params) == {"alpha": 1.0}
    for name in ("sigmoid", "tanh", "relu", "gelu", "silu", "softplus"):
        assert dict(ACTIVATIONS[name].params) == {}


def test_defaults_are_used_and_can_be_overridden():
    x = np.array([-2.0, 3.0])
    leaky = ACTIVATIONS["leaky_relu"]
    np.testing.assert_array_equal(leaky.fn(x), [-0.02, 3.0])
    np.testing.assert_array_equal(leaky.fn(x, alpha=0.5), [-1.0, 3.0])
    np.testing.assert_array_equal(leaky.grad(x, alpha=0.5), [0.5, 1.0])


def test_defaults_cannot_be_changed_by_accident():
    with pytest.raises(TypeError):
        ACTIVATIONS["elu"].params["alpha"] = 2.0


def test_latex_strings_are_present_and_balanced():
    for activation in ACTIVATIONS.values():
        for text in (activation.latex, activation.grad_latex):
            assert text.strip()
            assert text.count("{") == text.count("}")
            assert text.count(r"\begin{cases}") == text.count(r"\end{cases}")
        assert "alpha" in activation.latex or "alpha" not in activation.params


def test_unknown_activation_is_a_value_error():
    with pytest.raises(ValueError, match="swish.*sigmoid, tanh"):
        get("swish")


@pytest.mark.parametrize("name", NAMES)
def test_unknown_parameter_is_a_value_error_naming_it(name):
    activation = ACTIVATIONS[name]
    for evaluate in (activation.fn, activation.grad):
        with pytest.raises(ValueError, match="beta"):
            evaluate(np.ones(3), beta=2.0)
    if "alpha" not in activation.params:
        with pytest.raises(ValueError, match="alpha"):
            activation.fn(np.ones(3), alpha=0.1)


@pytest.mark.parametrize("name", NAMES)
def test_shapes_and_dtype(name):
    activation = ACTIVATIONS[name]
    for x in (0.5, [1, -2, 3], np.ones((2, 3, 4), dtype=np.float32)):
        expected_shape = np.shape(x)
        for out in (activation.fn(x), activation.grad(x)):
            assert np.shape(out) == expected_shape
            assert np.asarray(out).dtype == np.float64


# ---------------------------------------------------------------- gradient check


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_gradient_matches_centred_differences(name, params):
    activation = ACTIVATIONS[name]
    rng = np.random.default_rng(7)
    # Within |x| <= 6 every derivative is large enough for the difference quotient to resolve it
    # (tanh'(6) ~ 2e-5 against a rounding error of ~1e-16 / 6e-6).
    points = np.concatenate([np.linspace(-6.0, 6.0, 2000), np.clip(rng.normal(scale=2.0, size=2000), -6, 6)])
    if _kinked_at_zero(name, params):
        # The centred step is at most 6e-6 here; keep it from straddling the kink.
        points = points[np.abs(points) > 1e-4]
    else:
        points = np.append(points, 0.0)
    numerical = numerical_derivative(lambda x: activation.fn(x, **params), points)
    assert relative_error(activation.grad(points, **params), numerical) < 1e-6


def test_derivatives_at_the_kinks_follow_pytorch():
    assert ACTIVATIONS["relu"].grad(0.0) == 0.0
    assert ACTIVATIONS["leaky_relu"].grad(0.0) == 0.01
    assert ACTIVATIONS["leaky_relu"].grad(0.0, alpha=0.3) == 0.3
    assert ACTIVATIONS["elu"].grad(0.0, alpha=0.3) == 0.3


def test_derivatives_stay_accurate_in_the_tails():
    # Forming 1 - sigma(x) or 1 - tanh(x)^2 by subtraction would give exactly 0 here.
    x = np.linspace(40.0, 700.0, 500)
    sigmoid, tanh, silu, softplus = (ACTIVATIONS[n] for n in ("sigmoid", "tanh", "silu", "softplus"))
    np.testing.assert_allclose(sigmoid.grad(x), np.exp(-x), rtol=1e-13)
    np.testing.assert_allclose(sigmoid.grad(-x), np.exp(-x), rtol=1e-13)
    np.testing.assert_allclose(sigmoid.fn(-x), np.exp(-x), rtol=1e-13)
    np.testing.assert_allclose(softplus.fn(-x), np.exp(-x), rtol=1e-13)
    np.testing.assert_allclose(tanh.grad(x[x < 350]), 4 * np.exp(-2 * x[x < 350]), rtol=1e-13)
    # silu'(-x) = sigma(-x) (1 - x sigma(x)) = e^{-x} (1 - x) up to a relative x e^{-x}
    np.testing.assert_allclose(silu.grad(-x), np.exp(-x) * (1 - x), rtol=1e-13)


# ---------------------------------------------------------------- closed forms


def test_sigmoid_derivative_is_largest_at_zero():
    grad = ACTIVATIONS["sigmoid"].grad
    assert grad(0.0) == 0.25
    assert np.all(grad(np.linspace(-10, 10, 10_001)) <= 0.25)


def test_tanh_closed_forms():
    tanh = ACTIVATIONS["tanh"]
    assert tanh.grad(0.0) == 1.0
    x = np.linspace(-3, 3, 601)
    np.testing.assert_allclose(tanh.grad(x), 1 - np.tanh(x) ** 2, rtol=1e-12)


def test_values_against_direct_formulas():
    x = np.linspace(-20, 20, 801)
    np.testing.assert_allclose(ACTIVATIONS["sigmoid"].fn(x), 1 / (1 + np.exp(-x)), rtol=1e-15)
    np.testing.assert_allclose(ACTIVATIONS["softplus"].fn(x), np.log1p(np.exp(x)), rtol=1e-14)
    np.testing.assert_allclose(ACTIVATIONS["silu"].fn(x), x / (1 + np.exp(-x)), rtol=1e-14)
    np.testing.assert_allclose(ACTIVATIONS["elu"].fn(x, alpha=2.0), np.where(x > 0, x, 2 * (np.exp(x) - 1)))
    assert ACTIVATIONS["softplus"].fn(0.0) == math.log(2.0)
    assert ACTIVATIONS["silu"].grad(0.0) == 0.5


def _gelu_reference(x: float) -> float:
    return x * 0.5 * math.erfc(-x / math.sqrt(2.0))


def _gelu_grad_reference(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0)) + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def test_gelu_known_values():
    gelu = ACTIVATIONS["gelu"]
    assert 0.5 * (1 + math.erf(1 / math.sqrt(2))) == pytest.approx(0.8413447460685429, rel=1e-15)
    assert gelu.fn(1.0) == pytest.approx(0.5 * (1 + math.erf(1 / math.sqrt(2))), rel=1e-15)
    assert gelu.fn(-1.0) == pytest.approx(-0.5 * (1 + math.erf(-1 / math.sqrt(2))), rel=1e-14)
    assert gelu.fn(-1.0) == pytest.approx(-0.15865525393145707, rel=1e-14)
    assert gelu.fn(0.0) == 0.0
    assert gelu.grad(0.0) == 0.5


def test_gelu_is_exact_not_the_tanh_approximation():
    x = np.linspace(-10, 10, 2001)
    gelu = ACTIVATIONS["gelu"]
    np.testing.assert_allclose(gelu.fn(x), [_gelu_reference(v) for v in x], rtol=1e-13, atol=1e-300)
    np.testing.assert_allclose(gelu.grad(x), [_gelu_grad_reference(v) for v in x], rtol=1e-12)
    tanh_approximation = 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
    assert np.max(np.abs(gelu.fn(x) - tanh_approximation)) > 1e-4


# ---------------------------------------------------------------- erf / erfc


def test_erf_and_erfc_match_the_c_library_to_1e_13():
    grid = np.linspace(-30, 30, 600_001)
    near_zero = np.geomspace(1e-300, 30, 20_001)
    x = np.concatenate([grid, near_zero, -near_zero, [0.46875, 4.0, -0.46875, -4.0]])
    ours_erf, ours_erfc = erf(x), erfc(x)
    ref_erf = np.array([math.erf(v) for v in x])
    ref_erfc = np.array([math.erfc(v) for v in x])

    nonzero = ref_erf != 0
    assert np.all(ours_erf[~nonzero] == 0)
    assert np.max(np.abs(ours_erf[nonzero] - ref_erf[nonzero]) / np.abs(ref_erf[nonzero])) < 1e-13

    # Relative error wherever erfc is a normal float (up to x ~ 26.5, erfc ~ 2e-308) ...
    normal = ref_erfc >= np.finfo(np.float64).tiny
    assert np.max(x[normal]) > 26.5
    assert np.max(np.abs(ours_erfc[normal] - ref_erfc[normal]) / ref_erfc[normal]) < 1e-13
    # ... beyond it subnormals hold an absolute precision of 4.9e-324, then erfc is 0.
    assert np.max(np.abs(ours_erfc[~normal] - ref_erfc[~normal])) <= 8 * 5e-324
    assert np.all(ours_erfc[x > 27.5] == 0)


def test_erf_symmetries_and_limits():
    x = np.linspace(0, 40, 4001)
    np.testing.assert_array_equal(erf(-x), -erf(x))
    np.testing.assert_allclose(erfc(x) + erfc(-x), 2.0, rtol=1e-15)
    np.testing.assert_array_equal(erf(np.array([-FLOAT_MAX, -1e300, 1e300, FLOAT_MAX])), [-1, -1, 1, 1])
    np.testing.assert_array_equal(erfc(np.array([-FLOAT_MAX, -1e300, 1e300, FLOAT_MAX])), [2, 2, 0, 0])
    assert erf(0.0) == 0.0
    assert np.shape(erf(0.5)) == ()
    assert erf(np.ones((2, 3))).shape == (2, 3)


# ---------------------------------------------------------------- stability for any finite input


def _assert_finite(name: str, x: np.ndarray, params: dict) -> None:
    activation = ACTIVATIONS[name]
    # pytest turns warnings into errors; errstate also raises for floating-point faults directly.
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        values = activation.fn(x, **params)
        derivatives = activation.grad(x, **params)
    assert np.all(np.isfinite(values)), (name, params)
    assert np.all(np.isfinite(derivatives)), (name, params)


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_extreme_inputs_give_finite_values_and_no_warning(name, params):
    x = EXTREMES
    alpha = {**ACTIVATIONS[name].params, **params}.get("alpha", 0.0)
    if name == "leaky_relu" and alpha > 1:
        x = x[x >= -FLOAT_MAX / alpha]  # below that, alpha * x itself is beyond float64
    _assert_finite(name, x, params)


@pytest.mark.parametrize("name", NAMES)
@property_test
@given(x=finite_arrays, alpha=alphas)
def test_any_finite_input_gives_finite_values_and_no_warning(name, x, alpha):
    params = {"alpha": alpha} if ACTIVATIONS[name].params else {}
    _assert_finite(name, x, params)


def test_limits_at_huge_inputs():
    big = np.array([1e300, FLOAT_MAX])
    for name in ("relu", "leaky_relu", "elu", "gelu", "silu", "softplus"):
        np.testing.assert_array_equal(ACTIVATIONS[name].fn(big), big)
    for name in ("relu", "gelu", "silu", "softplus"):
        np.testing.assert_array_equal(ACTIVATIONS[name].fn(-big), 0.0)
    np.testing.assert_array_equal(ACTIVATIONS["elu"].fn(-big, alpha=2.0), -2.0)
    np.testing.assert_array_equal(ACTIVATIONS["leaky_relu"].fn(-big, alpha=0.5), -0.5 * big)
    np.testing.assert_array_equal(ACTIVATIONS["sigmoid"].fn(np.concatenate([-big, big])), [0, 0, 1, 1])
    np.testing.assert_array_equal(ACTIVATIONS["tanh"].fn(np.concatenate([-big, big])), [-1, -1, 1, 1])


# ---------------------------------------------------------------- invariants


@property_test
@given(x=finite_arrays)
def test_sigmoid_range_and_symmetry(x):
    sigmoid = ACTIVATIONS["sigmoid"]
    s = sigmoid.fn(x)
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(sigmoid.fn(-x), 1 - s, rtol=0, atol=EPS)
    grad = sigmoid.grad(x)
    assert np.all((grad >= 0) & (grad <= 0.25))


@property_test
@given(x=finite_arrays)
def test_tanh_is_odd_with_derivative_in_zero_one(x):
    tanh = ACTIVATIONS["tanh"]
    np.testing.assert_array_equal(tanh.fn(-x), -tanh.fn(x))
    grad = tanh.grad(x)
    assert np.all((grad >= 0) & (grad <= 1))


@property_test
@given(x=finite_arrays)
def test_relu_splits_x_into_its_parts(x):
    relu = ACTIVATIONS["relu"].fn
    np.testing.assert_array_equal(relu(x) - relu(-x), x)


@property_test
@given(x=finite_arrays, alpha=alphas)
def test_leaky_relu_is_relu_minus_alpha_relu_of_minus_x(x, alpha):
    relu = ACTIVATIONS["relu"].fn
    np.testing.assert_array_equal(ACTIVATIONS["leaky_relu"].fn(x, alpha=alpha), relu(x) - alpha * relu(-x))


@property_test
@given(x=finite_arrays)
def test_softplus_difference_is_x_and_its_derivative_is_sigmoid(x):
    softplus = ACTIVATIONS["softplus"]
    difference = softplus.fn(x) - softplus.fn(-x)
    # Rounding: one unit in the last place of softplus(|x|) <= |x| + log 2.
    assert np.all(np.abs(difference - x) <= 2 * EPS * (np.abs(x) + 1))
    np.testing.assert_array_equal(softplus.grad(x), ACTIVATIONS["sigmoid"].fn(x))


@property_test
@given(alpha=st.floats(min_value=0.01, max_value=10.0), delta=st.floats(min_value=1e-300, max_value=1e-6))
def test_elu_is_continuous_at_zero(alpha, delta):
    elu = ACTIVATIONS["elu"].fn
    assert elu(0.0, alpha=alpha) == 0.0
    # |ELU(d) - ELU(-d)| = d + alpha (1 - e^{-d}) <= (1 + alpha) d: a jump at 0 would break this.
    assert abs(elu(delta, alpha=alpha) - elu(-delta, alpha=alpha)) <= (1 + alpha) * delta * (1 + 4 * EPS)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "softplus", "elu", "leaky_relu"])
@property_test
@given(x=finite_arrays, alpha=alphas)
def test_monotone_increasing(name, x, alpha):
    params = {"alpha": alpha} if ACTIVATIONS[name].params else {}
    values = ACTIVATIONS[name].fn(np.sort(x, axis=None), **params)
    assert np.all(values[1:] >= values[:-1])  # compared, not subtracted: a difference of huge values overflows


def test_the_fast_pairs_of_a_training_loop_match_the_exact_functions():
    """``activation_pair``'s one-ufunc sigmoid, tanh and ReLU (derivatives from the output) against the tail-exact
    functions: the same to rounding in the values, and in the derivatives wherever they are not vanishingly small."""
    from dl_core.activations import FAST, activation_pair, get

    z = np.linspace(-40, 40, 2001)
    for name, (fn, grad) in FAST.items():
        np.testing.assert_allclose(fn(z), get(name).fn(z), rtol=1e-14, atol=1e-16)
        np.testing.assert_allclose(grad(fn(z)), get(name).grad(z), rtol=1e-9, atol=3e-16)
        exact_fn, exact_grad = activation_pair(name, exact=True)
        assert exact_fn is get(name).fn and np.array_equal(exact_grad(z, None), get(name).grad(z))

