"""dl_core.lessons.variance: the variance of the signal through a deep stack, measured against the theory.

Tolerances are derived from the sample sizes, not tuned:

- A variance estimated from m independent values has a relative standard deviation of sqrt((kappa - 1) / m),
  kappa the kurtosis of the values (3 for normal, 9/5 for uniform).
- Layer l of a stack, given the activations A (N x n) of the layer below, computes Z = A W with n independent normal
  columns w_j ~ N(0, s I). Then ||A w_j||^2 has mean s tr(G) and variance 2 s^2 tr(G^2) (G = A A^T), so the layer's
  mean square has a relative variance 2 rho / n with rho = tr(G^2) / tr(G)^2. For a linear stack of normal layers
  rho is close to 1/N + l/n at layer l (Wishart moments for l = 1: rho = (N + n + 1) / (N n); one more spread
  layer adds 1/n). The layers' relative errors are independent, so the error of layer l has variance
      sigma_l^2 = 2 / (N n) + sum_{k=1..l} (2 / n) (1 / N + k / n)
  (the first term: the inputs' own mean square over N n values). Every comparison allows 4 sigma_l.
- Near 0, z^2 - (2/3) z^4 <= tanh(z)^2 <= z^2, so for normal z of variance q one tanh layer keeps between 1 - 2q and 1
  of the linear layer's second moment: over l layers the linear estimate may be high by at most sum 2 q_k.
"""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import initializers, layers, network
from dl_core.gradcheck import numerical_grad, relative_error
from dl_core.lessons import variance

ACTIVATIONS = variance.ACTIVATION_NAMES


def linear_tolerance(layer: int, batch: int, width: int) -> float:
    """4 sigma_l of the module's docstring: the relative sampling error of layer ``layer``'s mean square."""
    sigma2 = 2.0 / (batch * width) + sum(2.0 / width * (1.0 / batch + k / width) for k in range(1, layer + 1))
    return 4.0 * math.sqrt(sigma2)


def bases(depth, width, batch, seed=0):
    return variance.draw_bases(depth, width, batch, (seed,))


# ---------------------------------------------------------------- the schemes


def test_every_scheme_has_the_variance_of_its_initializer():
    fan_in, fan_out, small = 64, 16, 0.03
    expected = {
        "small_normal": small**2, "unit_normal": 1.0, "standard_uniform": 1.0 / (3 * fan_in),
        "lecun_normal": 1.0 / fan_in, "xavier_normal": 2.0 / (fan_in + fan_out),
        "xavier_uniform": 2.0 / (fan_in + fan_out), "he_normal": 2.0 / fan_in, "he_uniform": 2.0 / fan_in,
    }
    assert set(expected) == set(variance.SCHEMES) and tuple(variance.SCHEMES) == variance.SCHEME_NAMES
    for name, value in expected.items():
        assert variance.SCHEMES[name].variance(fan_in, fan_out, small) == pytest.approx(value, rel=1e-15), name


@pytest.mark.parametrize("name", variance.SCHEME_NAMES)
def test_a_scheme_draws_with_its_variance(name):
    scheme = variance.SCHEMES[name]
    fan_in, fan_out = 400, 300
    weights = scheme.sample(fan_in, fan_out, np.random.default_rng(1), 0.02)
    kurtosis = 3.0 if scheme.distribution == variance.NORMAL else 1.8
    tolerance = 4.0 * math.sqrt((kurtosis - 1.0) / weights.size)
    assert weights.shape == (fan_in, fan_out)
    assert np.mean(weights**2) / scheme.variance(fan_in, fan_out, 0.02) == pytest.approx(1.0, abs=tolerance)


def test_init_params_draws_each_layer_for_its_own_fans_and_zero_biases():
    mlp = network.MLP((2, 300, 200, 2), activation="tanh")
    params = variance.init_params(mlp, "xavier_uniform", np.random.default_rng(2))
    assert set(params) == set(mlp.init(np.random.default_rng(0)))
    for index, (fan_in, fan_out) in enumerate([(2, 300), (300, 200), (200, 2)], start=1):
        assert params[f"W{index}"].shape == (fan_in, fan_out)
        assert np.all(params[f"b{index}"] == 0)
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        assert np.max(np.abs(params[f"W{index}"])) <= limit
    assert np.mean(params["W2"] ** 2) == pytest.approx(2.0 / 500, rel=4 * math.sqrt(0.8 / 60_000))


def test_normal_schemes_share_their_random_numbers_scaled():
    mlp = network.MLP((2, 8, 2))
    small = variance.init_params(mlp, "small_normal", np.random.default_rng(3), 0.01)
    unit = variance.init_params(mlp, "unit_normal", np.random.default_rng(3))
    np.testing.assert_allclose(small["W2"], 0.01 * unit["W2"], rtol=1e-15)


def test_init_params_refuses_batch_norm():
    with pytest.raises(ValueError, match="batch norm"):
        variance.init_params(network.MLP((2, 4, 2), batch_norm=True), "he_normal", np.random.default_rng(0))


# ---------------------------------------------------------------- the stack's arithmetic


def test_bases_are_unit_variance_read_only_and_cut_into_corners():
    drawn = bases(4, 64, 32)
    uniform = np.asarray(drawn.uniform)
    assert drawn.normal.dtype == np.float32 and uniform.dtype == np.float32
    assert drawn.normal.shape == uniform.shape == drawn.uniform.shape == (4, 64, 64) and drawn.inputs.shape == (32, 64)
    assert np.max(np.abs(uniform)) <= math.sqrt(3.0)
    for array, kurtosis in ((drawn.normal, 3.0), (uniform, 1.8)):
        tolerance = 4 * math.sqrt((kurtosis - 1) / array.size)
        assert np.mean(array.astype(np.float64) ** 2) == pytest.approx(1.0, abs=tolerance)
    assert not drawn.normal.flags.writeable
    corner = drawn.corner(2, 16, 8)
    assert corner.normal.shape == corner.uniform.shape == (2, 16, 16) and corner.inputs.shape == (8, 16)
    assert np.shares_memory(corner.normal, drawn.normal)
    assert np.array_equal(np.asarray(corner.uniform), uniform[:2, :16, :16])
    with pytest.raises(ValueError, match="corner"):
        drawn.corner(5, 16, 8)


def test_uniform_layers_are_drawn_when_read_and_the_same_each_time():
    """Nothing is kept: each read draws the layer from its own stream, so reads agree, layers differ, and a layer
    does not depend on how deep the stack is."""
    layers_ = variance.UniformLayers((7,), 3, 16)
    assert np.array_equal(layers_[1], layers_[1]) and not np.array_equal(layers_[0], layers_[1])
    assert np.array_equal(variance.UniformLayers((7,), 5, 16)[2], layers_[2])
    assert not np.array_equal(variance.UniformLayers((8,), 3, 16)[0], layers_[0])
    assert layers_[0].dtype == np.float32 and len(layers_) == 3
    with pytest.raises(IndexError, match="layer"):
        layers_[3]


def test_a_deeper_stack_keeps_the_layers_and_samples_of_a_shallower_one_and_grows_from_them():
    shallow, deep = bases(3, 16, 8, seed=2), bases(5, 16, 8, seed=2)
    assert np.array_equal(deep.normal[:3], shallow.normal)
    assert np.array_equal(np.asarray(deep.uniform)[:3], np.asarray(shallow.uniform))
    assert np.array_equal(deep.inputs, shallow.inputs) and np.array_equal(deep.output_grad, shallow.output_grad)
    assert not np.array_equal(deep.normal[3], deep.normal[4])  # each layer its own numbers
    assert not np.array_equal(bases(3, 16, 8, seed=3).normal, shallow.normal)
    grown = variance.LayeredBases(6, 16, 8, (2,))
    first = grown.bases(2)
    assert np.array_equal(grown.bases(5).normal, deep.normal)
    assert np.array_equal(np.asarray(first.uniform), np.asarray(deep.uniform)[:2])
    assert grown.drawn == 5 and np.array_equal(grown.bases(3).normal, shallow.normal)
    assert not first.normal.flags.writeable and not grown.bases(4).normal.flags.writeable
    with pytest.raises(ValueError, match="depth"):
        grown.bases(7)


def test_a_stack_of_uniform_schemes_draws_no_normal_numbers_and_the_numbers_stay_the_same():
    """Uniform schemes only: the normal numbers are not drawn (NaN, no memory) until a normal scheme asks, and then
    they are the numbers a full draw has; the statistics of normal schemes are the same either way."""
    full = bases(6, 16, 8, seed=4)
    layered = variance.LayeredBases(6, 16, 8, (4,))
    assert variance.distributions_of(("xavier_normal", "he_normal")) == (variance.NORMAL,)
    assert variance.distributions_of(("he_normal", "standard_uniform")) == (variance.NORMAL, variance.UNIFORM)
    uniform_only = layered.bases(4, (variance.UNIFORM,))
    assert np.isnan(uniform_only.normal).all() and uniform_only.normal.strides == (0, 0, 0)
    assert uniform_only.normal.shape == (4, 16, 16) and layered.drawn == 0
    assert np.array_equal(np.asarray(uniform_only.uniform), np.asarray(full.uniform)[:4])
    both = layered.bases(6)
    assert np.array_equal(both.normal, full.normal) and layered.drawn == 6
    kwargs = {"batch": 8, "small_std": 0.01}
    names = ("xavier_normal", "he_uniform")
    alone = variance.stack_statistics("relu", names, 16, 5, 1.0,
                                      variance.LayeredBases(6, 16, 8, (4,)).bases(5, variance.distributions_of(names)),
                                      **kwargs)
    together = variance.stack_statistics("relu", names, 16, 5, 1.0, full, **kwargs)
    for field in dataclasses.fields(alone):
        np.testing.assert_array_equal(getattr(alone, field.name), getattr(together, field.name), err_msg=field.name)
    with pytest.raises(ValueError, match="distributions"):
        layered.bases(2, ("gamma",))


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_propagate_is_the_network_layers_forward_and_backward(activation):
    """The stacked pass agrees with dl_core.layers run on each scheme's own weight matrices."""
    depth, width, batch = 3, 6, 4
    drawn = bases(depth, width, batch, seed=4)
    names = ["he_normal", "standard_uniform", "small_normal"]
    stds = np.sqrt(variance.weight_variances(names, width, width, 0.3))
    run = variance.propagate(activation, names, stds, drawn, drawn.inputs)
    for k, name in enumerate(names):
        base = drawn.normal if variance.SCHEMES[name].distribution == variance.NORMAL else drawn.uniform
        weights = [stds[k] * base[layer].astype(np.float64) for layer in range(depth)]
        hidden, caches = drawn.inputs, []
        for layer in range(depth):
            z, linear_cache = layers.linear_forward(hidden, weights[layer], np.zeros(width))
            np.testing.assert_allclose(run.pre[layer, k], z, rtol=1e-12, atol=1e-15)
            if activation == "linear":
                hidden, activation_cache = z, None
            else:
                hidden, activation_cache = layers.activation_forward(z, activation)
            np.testing.assert_allclose(run.post[layer, k], hidden, rtol=1e-12, atol=1e-15)
            caches.append((linear_cache, activation_cache))
        upstream = drawn.output_grad
        for layer in range(depth - 1, -1, -1):
            linear_cache, activation_cache = caches[layer]
            delta = upstream if activation_cache is None else layers.activation_backward(upstream, activation_cache)
            np.testing.assert_allclose(run.delta[layer, k], delta, rtol=1e-12, atol=1e-15)
            upstream, _, _ = layers.linear_backward(delta, linear_cache)
        np.testing.assert_allclose(run.input_grad[k], upstream, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_the_backward_pass_is_the_gradient_of_the_loss(activation):
    """input_grad = dL/dx for L = sum(g * a_L), by centred differences (a gradient check of the whole stack)."""
    drawn = bases(3, 5, 2, seed=5)
    names, stds = ["xavier_normal"], np.array([0.9])

    def loss(x):
        return float(np.sum(drawn.output_grad * variance.propagate(activation, names, stds, drawn, x).post[-1, 0]))

    analytic = variance.propagate(activation, names, stds, drawn, drawn.inputs).input_grad[0]
    assert relative_error(analytic, numerical_grad(loss, drawn.inputs), floor=1e-8) < 1e-6


@pytest.mark.parametrize("activation", ["tanh", "relu", "gelu"])
def test_stack_statistics_are_the_propagation_summed_up(activation):
    depth, width, batch = 4, 32, 8
    drawn = bases(depth, width, batch, seed=6)
    names = ("unit_normal", "lecun_normal", "he_uniform")
    stats = variance.stack_statistics(activation, names, width, depth, 2.0, drawn, batch=batch, small_std=0.05)
    stds = np.sqrt(variance.weight_variances(names, width, width, 0.05))
    run = variance.propagate(activation, names, stds, drawn, math.sqrt(2.0) * drawn.inputs)
    # the statistics multiply in float32 (scaled), propagate in float64: they agree to rounding, 1e-6 over 4 layers
    np.testing.assert_allclose(stats.pre_second, np.mean(run.pre**2, axis=(2, 3)).T, rtol=1e-5)
    np.testing.assert_allclose(stats.post_std, np.std(run.post, axis=(2, 3)).T, rtol=1e-5)
    np.testing.assert_allclose(stats.grad_rms, np.sqrt(np.mean(run.delta**2, axis=(2, 3))).T, rtol=1e-5)
    np.testing.assert_allclose(stats.histogram.sum(axis=2), 1.0, rtol=1e-12)
    assert stats.samples == batch * width
    assert np.all(np.diff(stats.histogram_edges, axis=1) > 0)


@settings(max_examples=20, deadline=None)
@given(activation=st.sampled_from(["linear", "relu", "leaky_relu"]), scale=st.floats(1e-3, 1e3))
def test_positively_homogeneous_stacks_scale_with_their_input(activation, scale):
    """f(c z) = c f(z) for c > 0: scaling the inputs' std by c scales every forward std by c, exactly."""
    drawn = bases(5, 16, 8, seed=7)
    names = ("he_normal", "standard_uniform")
    one = variance.stack_statistics(activation, names, 16, 5, 1.0, drawn, batch=8)
    scaled = variance.stack_statistics(activation, names, 16, 5, scale**2, drawn, batch=8)
    np.testing.assert_allclose(scaled.post_std, scale * one.post_std, rtol=1e-6)  # float32 products: to rounding
    np.testing.assert_allclose(scaled.grad_rms, one.grad_rms, rtol=1e-6)  # the gradient does not see the scale


def test_extreme_stacks_stay_finite():
    """The page's extremes: 50 layers of 512 (or of 16), every scheme, the largest and smallest scales."""
    drawn = bases(50, 512, 512, seed=8)
    cases = [(activation, 16, 0.01, 0.001) for activation in ACTIVATIONS]
    cases += [("linear", 512, 100.0, 1.0)]  # the largest values: std 1 and 2/n grow fastest without an activation
    for activation, width, input_variance, small in cases:
        stats = variance.stack_statistics(activation, variance.SCHEME_NAMES, width, 50, input_variance, drawn,
                                          batch=min(512, 8192 // width), small_std=small)
        theory = variance.theory(activation, stats.weight_variance, width, 50, input_variance)
        for values in (stats.post_std, stats.grad_rms, stats.histogram, stats.histogram_edges,
                       theory.post_std, theory.grad_rms):
            assert np.all(np.isfinite(values)), (activation, width)


# ---------------------------------------------------------------- measured against the theory


@pytest.mark.parametrize("gain", [0.5, 1.0, 2.0])
@pytest.mark.parametrize("seed", [0, 1])
def test_linear_stack_variance_per_layer_is_the_theory_within_its_sampling_error(gain, seed):
    """Var(z_l) = (n Var(W))^l Var(x): every layer within 4 sigma_l (module docstring)."""
    depth, width, batch = 20, 256, 256
    drawn = bases(depth, width, batch, seed)
    std = math.sqrt(gain / width)
    run = variance.propagate("linear", ["lecun_normal"], [std], drawn, drawn.inputs)
    measured = np.mean(run.pre[:, 0] ** 2, axis=(1, 2))
    predicted = gain ** np.arange(1, depth + 1)
    for layer in range(depth):
        assert abs(measured[layer] / predicted[layer] - 1) < linear_tolerance(layer + 1, batch, width), layer
    lesson = variance.theory("linear", [gain / width], width, depth, 1.0).pre_second[0]
    np.testing.assert_allclose(lesson, predicted, rtol=1e-12)


def test_tanh_near_zero_follows_the_linear_estimate():
    """Xavier with inputs of variance 1e-3: tanh layers keep the variance as a linear stack would (the lesson's
    argument), within 4 sigma_l plus the bound on tanh's loss, sum of 2 q_k."""
    depth, width, batch, q = 20, 256, 256, 1e-3
    drawn = bases(depth, width, batch, seed=9)
    stats = variance.stack_statistics("tanh", ("xavier_normal",), width, depth, q, drawn, batch=batch)
    linear = variance.theory("linear", stats.weight_variance, width, depth, q)
    for layer in range(depth):
        bound = linear_tolerance(layer + 1, batch, width) + 2 * q * layer
        assert abs(stats.pre_second[0, layer] / linear.pre_second[0, layer] - 1) < bound, layer
    # The mean-field theory includes tanh's small loss: it is closer than the linear estimate.
    theory = variance.theory("tanh", stats.weight_variance, width, depth, q)
    assert theory.pre_second[0, -1] < linear.pre_second[0, -1]
    np.testing.assert_array_less(np.abs(stats.pre_second[0] / theory.pre_second[0] - 1),
                                 [linear_tolerance(layer, batch, width) for layer in range(1, depth + 1)])


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "elu", "gelu"])
def test_quadrature_moments_against_a_dense_sum(activation):
    """Simpson's rule in three pieces against a plain sum over 400 001 points of z, from q = 1e-4 to 1e6."""
    from dl_core.activations import ACTIVATIONS as FUNCTIONS
    for q in (1e-4, 1.0, 500.0, 1e6):
        z = np.linspace(-12, 12, 400_001) * math.sqrt(q)
        weights = np.exp(-0.5 * z**2 / q) / math.sqrt(2 * math.pi * q) * (z[1] - z[0])
        values, slopes = FUNCTIONS[activation].fn(z), FUNCTIONS[activation].grad(z)
        moments = variance.gaussian_moments(activation, q)
        assert float(moments.second) == pytest.approx(np.sum(values**2 * weights), rel=1e-6)
        assert float(moments.slope_second) == pytest.approx(np.sum(slopes**2 * weights), rel=1e-6)
        assert float(moments.mean) == pytest.approx(np.sum(values * weights), rel=1e-6, abs=1e-9 * math.sqrt(q))


def test_the_tanh_bound_used_for_the_tolerance_holds():
    z = np.linspace(-3, 3, 60_001)
    assert np.all(np.tanh(z) ** 2 <= z**2) and np.all(np.tanh(z) ** 2 >= z**2 - 2 / 3 * z**4)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "elu", "gelu", "leaky_relu"])
def test_the_theory_follows_the_measured_forward_pass(activation):
    """Wide layers (512): the measured std of every layer's activations is near the mean-field theory."""
    drawn = bases(10, 512, 64, seed=10)
    names = ("lecun_normal", "he_normal")
    stats = variance.stack_statistics(activation, names, 512, 10, 1.0, drawn, batch=64)
    theory = variance.theory(activation, stats.weight_variance, 512, 10, 1.0)
    np.testing.assert_allclose(stats.post_std, theory.post_std, rtol=0.15)
    np.testing.assert_allclose(stats.post_mean, theory.post_mean, atol=0.1 * np.max(theory.post_std))


def test_relu_halves_the_second_moment_without_he_factor_two():
    """E[ReLU(z)^2] = E[z^2] / 2 in every layer; with Var(W) = 1/n the second moment halves layer by layer."""
    depth, width, batch = 50, 512, 16
    stats = variance.stack_statistics("relu", ("lecun_normal", "he_normal"), width, depth, 1.0,
                                      bases(depth, width, batch, seed=11), batch=batch)
    # The share ReLU keeps, sum relu(z)^2 / sum z^2, is a ratio over the n units (through depth the batch's inputs
    # become correlated, so the batch adds little): for normal z its standard deviation is sqrt(3 / (4 n)).
    kept = stats.post_second / stats.pre_second
    single = math.sqrt(3.0 / (4 * width))
    np.testing.assert_allclose(kept, 0.5, atol=4 * single)
    np.testing.assert_allclose(kept.mean(axis=1), 0.5, atol=4 * single / math.sqrt(depth))
    # The gain per layer, as the geometric mean over 49 layers: one layer's log-gain has a standard deviation of about
    # sqrt(5 / n) (Hanin & Nica 2019), the mean of 49 of them sqrt(5 / (49 n)) = 0.014; 4 of those is 5.6%.
    tolerance = 4 * math.sqrt(5.0 / ((depth - 1) * width))
    gains = np.exp(np.diff(np.log(stats.post_second), axis=1).mean(axis=1))
    assert gains[0] == pytest.approx(0.5, rel=tolerance)  # LeCun: halves
    assert gains[1] == pytest.approx(1.0, rel=tolerance)  # He: keeps
    assert stats.post_second[0, -1] / stats.post_second[0, 0] < 1e-13  # 2^-49 = 1.8e-15, give or take the drift


def test_he_keeps_the_relu_second_moment_steady_over_50_layers():
    """He keeps E[a^2] of a 512-wide ReLU network within 20% of layer 1 at every one of 50 layers, as the mean over
    4096 independent networks; without the 2 it halves in every layer.

    One network is not enough: its second moment is a random walk with a log-standard deviation of about
    sqrt(5 l / n) (0.69 at layer 50; Hanin & Nica 2019), so a single network leaves a 20% band in most seeds; the page
    says so. The mean of 4096 networks has a relative standard deviation of sqrt((exp(5 l / n) - 1) / 4096) <= 0.013:
    20% is 16 of those, and even 5% is 4."""
    width, depth, networks = 512, 50, 4096
    second = variance.second_moment_paths("relu", "he_normal", width, depth, networks, np.random.default_rng(12))
    paths = second / second[:, :1]
    assert np.all(np.abs(paths.mean(axis=0) - 1.0) < 0.05), np.round(paths.mean(axis=0), 3)
    spread = np.std(np.log(paths[:, -1]))
    assert spread == pytest.approx(math.sqrt(5 * (depth - 1) / width), rel=0.2)  # one network wanders
    assert np.mean(np.all(np.abs(paths - 1) < 0.2, axis=1)) < 0.5  # most single networks leave the 20% band
    halved = variance.second_moment_paths("relu", "lecun_normal", width, depth, 256, np.random.default_rng(13))
    expected = 0.5 ** np.arange(depth)
    np.testing.assert_allclose(np.mean(halved / halved[:, :1], axis=0) / expected, 1.0, atol=0.2)  # 4 x 0.79/16


def test_second_moment_paths_match_real_matrices():
    """The shortcut (one layer as width normal numbers) against real weight matrices, layer 1 to 10 at width 64: the
    mean second moment of 2000 shortcut networks against 200 stacks of dl_core.lessons.variance.propagate, within 4
    standard errors of the difference."""
    width, depth = 64, 10
    short = variance.second_moment_paths("tanh", "xavier_normal", width, depth, 2000, np.random.default_rng(14))
    real = []
    for seed in range(200):
        drawn = bases(depth, width, 1, seed=100 + seed)
        real.append(np.mean(variance.propagate("tanh", ["xavier_normal"], [math.sqrt(1 / width)], drawn,
                                               drawn.inputs).post[:, 0] ** 2, axis=(1, 2)))
    real = np.array(real)
    error = np.sqrt(short.var(axis=0) / len(short) + real.var(axis=0) / len(real))
    assert np.all(np.abs(short.mean(axis=0) - real.mean(axis=0)) < 4 * error)
    with pytest.raises(ValueError, match="uniform"):
        variance.second_moment_paths("relu", "he_uniform", 8, 2, 2, np.random.default_rng(0))


# ---------------------------------------------------------------- the theory's pieces


@settings(max_examples=30, deadline=None)
@given(q=st.floats(1e-6, 1e4), activation=st.sampled_from(["linear", "relu", "leaky_relu"]))
def test_closed_forms_agree_with_the_quadrature(q, activation):
    closed = variance.gaussian_moments(activation, q)
    numeric = variance.gaussian_moments(activation, q, closed_form=False)
    for a, b in ((closed.mean, numeric.mean), (closed.second, numeric.second),
                 (closed.slope_second, numeric.slope_second)):
        assert float(b) == pytest.approx(float(a), rel=1e-6, abs=1e-12 * math.sqrt(q))  # Simpson: O(h^4) ~ 1e-7


def test_tanh_moments_near_zero_and_in_saturation():
    q = np.array([1e-4, 1e-2])
    moments = variance.gaussian_moments("tanh", q)
    assert np.all(np.abs(moments.second / (q - 2 * q**2) - 1) < 20 * q**2)  # E tanh^2 = q - 2q^2 + O(q^3)
    far = variance.gaussian_moments("tanh", 1e6)
    assert float(far.second) == pytest.approx(1.0, abs=2e-3) and float(far.slope_second) < 1e-3
    sigmoid = variance.gaussian_moments("sigmoid", 0.0)
    assert (float(sigmoid.mean), float(sigmoid.second), float(sigmoid.slope_second)) == (0.5, 0.25, 0.0625)


def test_theory_of_relu_and_he_is_flat_and_of_linear_is_geometric():
    he = variance.theory("relu", [2.0 / 100], 100, 30, 3.0)
    np.testing.assert_allclose(he.pre_second, 6.0, rtol=1e-12)  # q_1 = 2 * 3, then kept
    np.testing.assert_allclose(he.grad_rms, math.sqrt(0.5), rtol=1e-12)
    linear = variance.theory("linear", [1.5 / 100, 0.5 / 100], 100, 10, 1.0)
    np.testing.assert_allclose(linear.pre_second, [1.5 ** np.arange(1, 11), 0.5 ** np.arange(1, 11)], rtol=1e-12)
    np.testing.assert_allclose(linear.grad_rms[:, -1], 1.0)


def test_theory_holds_its_second_moments_inside_float64():
    theory = variance.theory("linear", [1.0], 1000, 200, 100.0)
    assert np.all(np.isfinite(theory.pre_second)) and np.max(theory.pre_second) <= 1e300
    assert np.all(np.isfinite(theory.grad_rms))


# ---------------------------------------------------------------- one layer: Bienaymé


@pytest.mark.parametrize("mean", [0.0, 1.5])
def test_the_standard_error_of_one_layer_is_what_repeated_measurements_show(mean):
    """The closed-form standard error of the mean square against 400 repetitions: the spread of 400 draws estimates
    a standard deviation to about 1/sqrt(2 * 400) = 3.5% (more for heavier tails); 20% is allowed."""
    fan_in, weight_variance, input_variance, batch, units = 20, 0.05, 2.0, 40, 10
    rng = np.random.default_rng(14)
    squares = [variance.bienayme_sample(fan_in, weight_variance, input_variance, mean, rng, batch=batch,
                                        units=units).mean_square for _ in range(400)]
    predicted = fan_in * weight_variance * (input_variance + mean**2)
    error = variance.mean_square_standard_error(fan_in, batch, units, weight_variance, input_variance, mean)
    assert np.mean(squares) == pytest.approx(predicted, abs=4 * error / math.sqrt(400))
    assert np.std(squares) == pytest.approx(error, rel=0.2)


def test_bienayme_sample_against_the_formula():
    sample = variance.bienayme_sample(100, 0.01, 1.0, 0.0, np.random.default_rng(15))
    assert sample.pre_activations.shape == (1000, 100)
    assert sample.lesson == sample.predicted == pytest.approx(1.0)
    assert abs(sample.mean_square - 1.0) < 4 * sample.standard_error
    assert abs(sample.mean) < 4 * math.sqrt(1.0 / 1000 + 1.0 / 100)  # per-sample and per-unit parts of the mean
    shifted = variance.bienayme_sample(100, 0.01, 1.0, 2.0, np.random.default_rng(15))
    assert shifted.lesson == pytest.approx(1.0) and shifted.predicted == pytest.approx(5.0)
    assert abs(shifted.mean_square - 5.0) < 4 * shifted.standard_error
    with pytest.raises(ValueError, match="weight_variance"):
        variance.bienayme_sample(10, -1.0, 1.0, 0.0, np.random.default_rng(0))


# ---------------------------------------------------------------- Glorot's compromise


def test_glorot_candidates_and_their_gains():
    candidates = variance.glorot_variances(512, 64)
    assert candidates == {"forward": 1 / 512, "backward": 1 / 64, "average": 2 / 576}
    gains = variance.layer_gains(512, 64, [candidates[name] for name in variance.GLOROT_CHOICES],
                                 np.random.default_rng(16), batch=512)
    np.testing.assert_allclose(gains.forward_theory, [1.0, 8.0, 1024 / 576])
    np.testing.assert_allclose(gains.backward_theory, [0.125, 1.0, 128 / 576])
    # forward: 512 x 64 values of a mean square (relative sd sqrt(2 / (512 * 64)) per product, plus the weights'
    # sqrt(2 / (512 * 64)) and the inputs'): 5% is more than 4 of either side's standard deviations.
    np.testing.assert_allclose(gains.forward, gains.forward_theory, rtol=0.05)
    np.testing.assert_allclose(gains.backward, gains.backward_theory, rtol=0.05)


def test_glorot_average_sits_between_the_two_conditions():
    for fan_in, fan_out in ((8, 1024), (1024, 8), (64, 64)):
        chosen = variance.glorot_variances(fan_in, fan_out)
        low, high = sorted((chosen["forward"], chosen["backward"]))
        assert low <= chosen["average"] <= high


def test_unknown_names_are_refused():
    drawn = bases(2, 4, 2)
    with pytest.raises(ValueError, match="unknown activation"):
        variance.stack_statistics("swish", ("he_normal",), 4, 2, 1.0, drawn, batch=2)
    with pytest.raises(ValueError, match="schemes"):
        variance.stack_statistics("relu", ("glorot",), 4, 2, 1.0, drawn, batch=2)
    with pytest.raises(ValueError, match="input_variance"):
        variance.stack_statistics("relu", ("he_normal",), 4, 2, -1.0, drawn, batch=2)
    assert initializers.INITIALIZERS["he_normal"].variance(4, 4) == variance.SCHEMES["he_normal"].variance(4, 4)
