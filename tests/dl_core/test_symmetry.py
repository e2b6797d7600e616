"""dl_core.lessons.symmetry: hidden units that start equal stay exactly equal under gradient descent; a random start
parts them. Equality is checked bit for bit (np.array_equal), not approximately."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import datasets, network
from dl_core.lessons import symmetry


def data(name="circles", points=120, seed=0):
    return getattr(datasets, name)(points, np.random.default_rng(seed))


def columns_equal(matrix: np.ndarray) -> bool:
    """Every column of ``matrix`` (fan_in, units) is bit-identical to the first."""
    return bool(np.array_equal(matrix, np.broadcast_to(matrix[:, :1], matrix.shape)))


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "elu", "gelu"])
@pytest.mark.parametrize(("start", "params"), [("zeros", {}), ("constant", {"value": 0.5}),
                                               ("constant", {"value": -0.3})])
@pytest.mark.parametrize("units", [2, 7, 16])
def test_equal_starts_keep_every_hidden_unit_exactly_equal(activation, start, params, units):
    x, y = data("xor" if units == 7 else "circles")
    mlp = network.MLP((2, units, 2), activation=activation)
    run = symmetry.train_recording(mlp, mlp.init(np.random.default_rng(0), start, **params), x, y, steps=60, lr=1.0)
    for step in range(61):
        assert columns_equal(run.hidden_weights[step]), step
        assert np.array_equal(run.hidden_bias[step], np.full(units, run.hidden_bias[step][0])), step
    assert np.array_equal(run.params["W2"], np.broadcast_to(run.params["W2"][:1], run.params["W2"].shape))
    assert symmetry.distinct_units(run.hidden_weights[-1], run.hidden_bias[-1]) == 1
    assert symmetry.unit_spread(run.hidden_weights[-1], run.hidden_bias[-1]) == 0.0
    if start == "constant" and activation in ("tanh", "relu", "elu"):
        assert not np.array_equal(run.hidden_weights[-1], run.hidden_weights[0])  # they moved, but together


def test_all_zero_weights_on_balanced_classes_never_move():
    """Zero output weights pass no gradient to the hidden layer, and equal hidden outputs give the output weights none
    on two balanced classes. With f(0) = 0 (tanh, ReLU) every weight stays exactly 0; with sigmoid (f(0) = 1/2) the
    output weights' gradient is a sum that cancels only up to rounding, so they move by 1e-17 at most."""
    x, y = data("circles", 200)
    assert np.sum(y == 0) == np.sum(y == 1)
    for activation, largest in (("tanh", 0.0), ("relu", 0.0), ("sigmoid", 1e-15)):
        mlp = network.MLP((2, 8, 2), activation=activation)
        run = symmetry.train_recording(mlp, mlp.init(np.random.default_rng(0), "zeros"), x, y, steps=30, lr=1.0)
        assert np.max(np.abs(run.hidden_weights)) <= largest and np.max(np.abs(run.params["W2"])) <= largest
        assert run.losses[-1] == pytest.approx(np.log(2.0))


def test_a_small_random_start_parts_the_units_and_learns_more():
    x, y = data("circles", 300)
    mlp = network.MLP((2, 8, 2), activation="tanh")
    equal = symmetry.train_recording(mlp, mlp.init(np.random.default_rng(0), "constant", value=0.5), x, y,
                                     steps=500, lr=1.0)
    random = symmetry.train_recording(mlp, mlp.init(np.random.default_rng(1), "normal", std=0.1), x, y,
                                      steps=500, lr=1.0)
    assert symmetry.distinct_units(random.hidden_weights[-1], random.hidden_bias[-1]) == 8
    assert symmetry.unit_spread(random.hidden_weights[-1], random.hidden_bias[-1]) > 1.0
    assert random.accuracy > 0.95 > 0.7 > equal.accuracy  # one unit draws a line; circles need a curve
    assert random.losses[-1] < 0.1 < equal.losses[-1]


def test_an_equal_network_computes_what_one_unit_computes():
    """n equal units with output weights w2 act as one unit with output weights n * w2: the same logits."""
    x, y = data("moons", 100)
    wide = network.MLP((2, 6, 2), activation="tanh")
    run = symmetry.train_recording(wide, wide.init(np.random.default_rng(0), "constant", value=0.4), x, y,
                                   steps=40, lr=0.5)
    narrow = network.MLP((2, 1, 2), activation="tanh")
    one = {"W1": run.params["W1"][:, :1], "b1": run.params["b1"][:1], "W2": 6 * run.params["W2"][:1],
           "b2": run.params["b2"]}
    np.testing.assert_allclose(narrow.predict(one, (), x), wide.predict(run.params, (), x), rtol=1e-12, atol=1e-12)


def test_recording_shapes_and_a_diverging_run_stops_cleanly():
    x, y = data("moons", 50)
    mlp = network.MLP((2, 4, 2), activation="relu")
    run = symmetry.train_recording(mlp, mlp.init(np.random.default_rng(0), "normal", std=1.0), x, y, steps=5, lr=0.1)
    assert run.hidden_weights.shape == (6, 2, 4) and run.hidden_bias.shape == (6, 4) and run.losses.shape == (6,)
    assert run.stopped_at == -1
    wild = symmetry.train_recording(mlp, mlp.init(np.random.default_rng(0), "normal", std=30.0), x, y, steps=40,
                                    lr=1e6)
    assert np.all(np.isfinite(wild.losses)) and np.all(np.isfinite(wild.hidden_weights))
    with pytest.raises(ValueError, match="steps"):
        symmetry.train_recording(mlp, mlp.init(np.random.default_rng(0)), x, y, steps=-1, lr=0.1)
    with pytest.raises(ValueError, match="classifier"):
        symmetry.train_recording(network.MLP((2, 4, 1), loss="mse"), {}, x, y, steps=1, lr=0.1)


@settings(max_examples=40, deadline=None)
@given(units=st.integers(1, 12), copies=st.integers(1, 12), seed=st.integers(0, 2**16))
def test_distinct_units_counts_exact_copies(units, copies, seed):
    rng = np.random.default_rng(seed)
    weights, bias = rng.normal(size=(3, units)), rng.normal(size=units)
    repeated = np.tile(weights, copies), np.tile(bias, copies)
    assert symmetry.distinct_units(*repeated) == units
    assert (symmetry.unit_spread(*repeated) == 0.0) == (units == 1)
    nudged = repeated[0].copy()
    nudged[0, -1] = np.nextafter(nudged[0, -1], np.inf)  # one bit apart is a different unit
    assert symmetry.distinct_units(nudged, repeated[1]) == units + (1 if copies > 1 else 0)


def test_class_probability_grid_is_the_network_softmax():
    x, y = data("moons", 60)
    mlp = network.MLP((2, 5, 2), activation="tanh")
    params = mlp.init(np.random.default_rng(3), "he_normal")
    axis1, axis2, probability = symmetry.class_probability_grid(mlp, params, ((-1.0, 2.0), (-0.5, 1.0)), 7)
    assert probability.shape == (7, 7) and axis1[0] == -1.0 and axis2[-1] == 1.0
    logits = mlp.predict(params, (), np.array([[axis1[2], axis2[5]]]))[0]
    assert probability[5, 2] == pytest.approx(1.0 / (1.0 + np.exp(logits[0] - logits[1])), rel=1e-12)
    assert np.all((probability >= 0) & (probability <= 1))
