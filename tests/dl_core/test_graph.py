"""dl_core.lessons.graph: the small network's graph node by node, against centred differences, the engine's MLP and
layers, and a gradient check that fails for every planted bug (and passes where the bug changes no number)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import gradcheck, layers, network
from dl_core.activations import ACTIVATIONS
from dl_core.lessons import graph

NAMES = sorted(ACTIVATIONS)
X, Y = np.array([1.0, -0.5]), 0.5


def random_case(seed: int, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    return graph.init(rng, scale), rng.uniform(-3, 3, 2), float(rng.uniform(-3, 3))


def node_gradient_numerically(params, x, y, activation, name):
    """dL/d(node) by centred differences: perturb the node's value and run the rest of the forward pass."""
    function = ACTIVATIONS[activation]

    def loss_from(value):
        z = x @ params["W1"] + params["b1"]
        if name.startswith("x"):
            moved = x.copy()
            moved[int(name[1]) - 1] = value
            z = moved @ params["W1"] + params["b1"]
        if name.startswith("z"):
            z = z.copy()
            z[int(name[1]) - 1] = value
        h = function.fn(z)
        if name.startswith("h"):
            h = h.copy()
            h[int(name[1]) - 1] = value
        y_hat = float(h @ params["W2"][:, 0] + params["b2"][0])
        if name == "y_hat":
            y_hat = value
        return (y_hat - y) ** 2

    passed = graph.evaluate(params, x, y, activation)
    return gradcheck.numerical_grad(lambda value: loss_from(float(value[0])), [passed.values[name]])[0]


def test_the_walk_visits_every_node_forward_then_backward():
    assert graph.WALK[0] == ("start", "")
    assert [name for direction, name in graph.WALK if direction == "forward"] == [
        "z1", "z2", "z3", "h1", "h2", "h3", "y_hat", "loss"]
    assert [name for direction, name in graph.WALK if direction == "backward"] == [
        "loss", "y_hat", "h1", "h2", "h3", "z1", "z2", "z3", "x1", "x2"]
    assert len(graph.PARAMETERS) == 13


@pytest.mark.parametrize("activation", NAMES)
def test_the_graph_is_the_engines_network(activation):
    """Loss, every parameter's gradient and every node's value as MLP((2, 3, 1), loss="mse") computes them."""
    params, x, y = random_case(7)
    passed = graph.evaluate(params, x, y, activation)
    mlp = network.MLP((2, 3, 1), activation=activation, loss="mse")
    loss, grads, _ = mlp.loss_and_grads(params, mlp.init_state(), x[None, :], np.array([y]), train=False)
    assert passed.loss == pytest.approx(loss, rel=1e-12)
    for key in graph.SHAPES:
        np.testing.assert_allclose(passed.param_grads[key], grads[key], rtol=1e-10, atol=1e-14)
    record = mlp.forward(params, mlp.init_state(), x[None, :]).layers[0]
    np.testing.assert_allclose([passed.values[f"z{j}"] for j in (1, 2, 3)], record.linear[0], rtol=1e-12)
    np.testing.assert_allclose([passed.values[f"h{j}"] for j in (1, 2, 3)], record.activation[0], rtol=1e-12)


def test_dx_is_the_linear_layers_dout_times_w_transposed():
    params, x, y = random_case(3)
    passed = graph.evaluate(params, x, y, "tanh")
    dz = np.array([[passed.grads[f"z{j}"] for j in (1, 2, 3)]])
    _, cache = layers.linear_forward(x[None, :], params["W1"], params["b1"])
    dx, dw, db = layers.linear_backward(dz, cache)
    np.testing.assert_allclose(passed.dx, dx[0], rtol=1e-12)
    np.testing.assert_allclose(passed.param_grads["W1"], dw, rtol=1e-12)
    np.testing.assert_allclose(passed.param_grads["b1"], db, rtol=1e-12)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "gelu", "softplus", "elu"])
@pytest.mark.parametrize("name", ["x1", "x2", "z1", "z2", "z3", "h1", "h2", "h3", "y_hat"])
def test_the_gradient_arriving_at_every_node_is_the_centred_difference(activation, name):
    params, x, y = random_case(11)
    passed = graph.evaluate(params, x, y, activation)
    assert passed.grads[name] == pytest.approx(node_gradient_numerically(params, x, y, activation, name),
                                               rel=1e-6, abs=1e-9)


def test_the_local_derivatives_are_on_the_edges():
    params, x, y = random_case(5)
    passed = graph.evaluate(params, x, y, "sigmoid")
    assert passed.local["x1", "z2"] == params["W1"][0, 1]
    assert passed.local["h3", "y_hat"] == params["W2"][2, 0]
    sigma = 1 / (1 + np.exp(-passed.values["z1"]))
    assert passed.local["z1", "h1"] == pytest.approx(sigma * (1 - sigma))
    assert passed.local["y_hat", "loss"] == pytest.approx(2 * (passed.values["y_hat"] - y))
    assert passed.grads["loss"] == 1.0
    assert passed.grads["h2"] == pytest.approx(passed.grads["y_hat"] * params["W2"][1, 0])
    assert passed.grads["x1"] == pytest.approx(sum(passed.grads[f"z{j}"] * params["W1"][0, j - 1] for j in (1, 2, 3)))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 100_000), activation=st.sampled_from(NAMES), scale=st.sampled_from([0.3, 1.0, 3.0]))
def test_backprop_passes_the_check_everywhere(seed, activation, scale):
    """Weights and inputs over the page's whole range (saturated units included): every parameter passes."""
    params, x, y = random_case(seed, scale)
    result = graph.check(params, x, y, activation)
    assert result.all_passed, (result.relative_error, result.at_kink)
    assert result.worst < graph.CHECK_TOLERANCE / 5


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 100_000), activation=st.sampled_from(NAMES))
def test_evaluating_changes_nothing_passed_in(seed, activation):
    params, x, y = random_case(seed)
    copies = {key: value.copy() for key, value in params.items()}, x.copy()
    graph.evaluate(params, x, y, activation, bug="reshaped_dw")
    graph.check(params, x, y, activation)
    for key in params:
        np.testing.assert_array_equal(params[key], copies[0][key])
    np.testing.assert_array_equal(x, copies[1])


@pytest.mark.parametrize("bug", graph.BUGS[1:])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "gelu", "softplus"])
def test_every_planted_bug_fails_the_check(bug, activation):
    params, x, y = random_case(2)
    result = graph.check(params, x, y, activation, bug=bug)
    assert not result.all_passed
    assert result.worst > 1e-2
    assert graph.check(params, x, y, activation).all_passed


def test_each_bug_breaks_only_the_gradients_it_touches():
    params, x, y = random_case(4)
    names = [f"{key}{index}" for key, index in graph.PARAMETERS]
    first_layer = [name.startswith(("W1", "b1")) for name in names]
    forgotten = graph.check(params, x, y, "sigmoid", bug="no_activation_grad")
    assert list(~forgotten.passed) == first_layer
    reshaped = graph.check(params, x, y, "sigmoid", bug="reshaped_dw")
    assert set(np.flatnonzero(~reshaped.passed)) <= {names.index(f"W1{index}") for index in np.ndindex(2, 3)}
    halved = graph.check(params, x, y, "sigmoid", bug="loss_factor")
    assert not halved.passed.any()
    np.testing.assert_allclose(halved.relative_error, 1 / 3, rtol=1e-6)  # |g - g/2| / (|g| + |g/2|)


def test_a_bug_that_changes_no_number_passes_the_check():
    """With ReLU and every hidden unit active, f'(z) = 1: forgetting it changes nothing at this point."""
    params = graph.init(np.random.default_rng(0))
    params["b1"] = np.array([2.0, 2.0, 2.0])
    params["W1"] = np.abs(params["W1"]) * 0.1
    result = graph.check(params, np.array([1.0, 0.5]), 0.5, "relu", bug="no_activation_grad")
    assert result.all_passed
    params["b1"][1] = -2.0  # one unit off: now the bug shows
    assert not graph.check(params, np.array([1.0, 0.5]), 0.5, "relu", bug="no_activation_grad").all_passed


def test_a_centred_difference_across_relus_kink_is_marked_and_not_failed():
    params = graph.init(np.random.default_rng(1))
    params["b1"] = np.zeros(3)
    result = graph.check(params, np.zeros(2), 1.0, "relu")  # every z is exactly 0
    kinked = [f"{key}{index}" for (key, index), kink in zip(graph.PARAMETERS, result.at_kink, strict=True) if kink]
    assert kinked == ["b1(0,)", "b1(1,)", "b1(2,)"]  # x = 0: a weight's step does not move z
    assert result.all_passed
    assert result.relative_error[result.at_kink].max() > 0.1  # the difference really does disagree there


def test_a_check_where_every_gradient_vanishes_says_so():
    params = graph.init(np.random.default_rng(2))
    y = graph.evaluate(params, X, 0.0, "tanh").values["y_hat"]
    assert graph.check(params, X, y, "tanh", bug="loss_factor").flat
    assert not graph.check(params, X, y + 1.0, "tanh").flat


def test_flatten_and_unflatten_are_inverse():
    params = graph.init(np.random.default_rng(9))
    again = graph.unflatten(graph.flatten(params))
    for key in params:
        np.testing.assert_array_equal(again[key], params[key])


@pytest.mark.parametrize(("args", "message"), [
    (({"W1": np.zeros((3, 2))}, X, "tanh"), "params"),
    ((None, np.zeros(3), "tanh"), "x must"),
    ((None, X, "swish"), "unknown activation"),
])
def test_bad_arguments_raise(args, message):
    params, x, activation = args
    params = graph.init(np.random.default_rng(0)) if params is None else params
    with pytest.raises(ValueError, match=message):
        graph.evaluate(params, x, Y, activation)


def test_an_unknown_bug_raises():
    with pytest.raises(ValueError, match="bug"):
        graph.evaluate(graph.init(np.random.default_rng(0)), X, Y, "tanh", bug="typo")
