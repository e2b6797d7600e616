"""The backprop lesson's small graph: its gradients against centred differences and against the engine."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import graph, network
from dl_core.activations import ACTIVATIONS


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), activation=st.sampled_from(sorted(ACTIVATIONS)))
def test_backprop_agrees_with_centred_differences(seed, activation):
    rng = np.random.default_rng(seed)
    params = graph.random_params(rng)
    params["b1"] = rng.normal(size=3) * 0.5  # keep z off ReLU's kink at 0 for most draws
    result = graph.check(params, rng.normal(size=2), float(rng.normal()), activation)
    assert np.all((result.relative_error < 1e-5) | (np.abs(result.backprop - result.numeric) < 1e-7))


def test_a_planted_bug_is_caught():
    rng = np.random.default_rng(3)
    params = graph.random_params(rng)
    result = graph.check(params, np.array([0.5, -1.2]), 0.7, "tanh", bug=True)
    assert result.relative_error.max() > 1e-2
    assert graph.check(params, np.array([0.5, -1.2]), 0.7, "tanh").relative_error.max() < 1e-6


def test_the_graph_is_the_engines_network():
    rng = np.random.default_rng(1)
    params = graph.random_params(rng)
    x, y = np.array([0.3, -0.8]), 0.4
    mlp = network.MLP((2, 3, 1), activation="sigmoid", loss="mse")
    loss, grads, _ = mlp.loss_and_grads(params, mlp.init_state(), x[None, :], np.array([[y]]), train=False)
    walk = graph.walk(params, x, y, "sigmoid")
    assert walk.loss == pytest.approx(loss)
    for name in graph.PARAMETERS:
        np.testing.assert_allclose(walk.grads[name], grads[name], rtol=1e-12)


def test_the_chain_rule_node_by_node():
    walk = graph.walk(graph.random_params(np.random.default_rng(0)), np.array([1.0, 2.0]), 0.5, "tanh")
    assert walk.dy_hat == pytest.approx(2 * (walk.y_hat - walk.y))
    np.testing.assert_allclose(walk.dz, walk.dh * walk.local)
    np.testing.assert_allclose(walk.local, 1 - np.tanh(walk.z) ** 2)
    np.testing.assert_allclose(walk.grads["W1"], np.outer(walk.x, walk.dz))
