"""dl_core.datasets: the 2-D classification sets (shapes, balance, geometry, seeds, validation) and the split."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import datasets

SETS = {
    "blobs": datasets.blobs,
    "moons": datasets.moons,
    "circles": datasets.circles,
    "spirals": datasets.spirals,
    "xor": datasets.xor,
}
CLASSES = {"blobs": 3, "moons": 2, "circles": 2, "spirals": 2, "xor": 2}


@pytest.mark.parametrize("name", list(SETS))
@pytest.mark.parametrize("count", [3, 10, 101, 1000])
def test_each_set_has_the_documented_shapes_and_balanced_classes(name, count):
    x, y = SETS[name](count, np.random.default_rng(0))
    assert x.shape == (count, 2) and x.dtype == np.float64
    assert y.shape == (count,) and y.dtype.kind == "i"
    sizes = np.bincount(y, minlength=CLASSES[name])
    assert len(sizes) == CLASSES[name]
    assert sizes.max() - sizes.min() <= 1
    assert np.all(np.isfinite(x))


@pytest.mark.parametrize("name", list(SETS))
def test_each_set_is_reproducible_from_the_seed_and_shuffled(name):
    first, second = SETS[name](200, np.random.default_rng(1)), SETS[name](200, np.random.default_rng(1))
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    assert not np.array_equal(first[1], np.sort(first[1]))
    assert not np.array_equal(first[1], np.arange(200) % CLASSES[name])
    assert not np.array_equal(SETS[name](200, np.random.default_rng(2))[0], first[0])


def test_blobs_without_noise_sit_on_their_centres():
    x, y = datasets.blobs(40, np.random.default_rng(3), noise=0.0, classes=4, radius=2.0)
    angles = 2 * np.pi * y / 4
    np.testing.assert_allclose(x, 2.0 * np.column_stack([np.cos(angles), np.sin(angles)]), atol=1e-15)


def test_moons_without_noise_lie_on_their_half_circles():
    x, y = datasets.moons(200, np.random.default_rng(4), noise=0.0)
    upper, lower = x[y == 0], x[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    assert np.all(upper[:, 1] >= 0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5)


def test_circles_without_noise_have_radius_one_and_factor():
    x, y = datasets.circles(100, np.random.default_rng(5), noise=0.0, factor=0.3)
    np.testing.assert_allclose(np.hypot(*x.T), np.where(y == 0, 1.0, 0.3))


def test_spirals_without_noise_follow_their_arms():
    x, y = datasets.spirals(300, np.random.default_rng(6), noise=0.0, classes=3, turns=1.5)
    radius = np.hypot(*x.T)
    assert np.all(radius < 1.0)
    expected = 2 * np.pi * (1.5 * radius + y / 3)
    np.testing.assert_allclose(np.cos(expected), x[:, 0] / radius, atol=1e-9)
    np.testing.assert_allclose(np.sin(expected), x[:, 1] / radius, atol=1e-9)


def test_xor_without_noise_labels_differing_signs_as_one():
    x, y = datasets.xor(400, np.random.default_rng(7), noise=0.0)
    assert np.all(np.abs(x) <= 1.0) and np.all(x != 0)
    np.testing.assert_array_equal(y, (np.sign(x[:, 0]) != np.sign(x[:, 1])).astype(int))
    assert {(int(a), int(b)) for a, b in np.sign(x)} == {(1, 1), (1, -1), (-1, 1), (-1, -1)}


def test_noise_is_the_standard_deviation_added_to_each_coordinate():
    count, noise = 20_000, 0.2
    x, y = datasets.blobs(count, np.random.default_rng(8), noise=noise, classes=2, radius=3.0)
    centres = 3.0 * np.column_stack([np.cos(np.pi * y), np.sin(np.pi * y)])
    residual_std = (x - centres).std(axis=0)
    # The sample standard deviation of n normal draws has standard error sigma / sqrt(2 n) = 1e-3 here;
    # 5 of them is 0.005.
    np.testing.assert_allclose(residual_std, noise, atol=5 * noise / np.sqrt(2 * count))


@pytest.mark.parametrize("name", list(SETS))
@pytest.mark.parametrize(
    ("arguments", "match"),
    [({"n": 1}, "n must be"), ({"n": 10.0}, "n must be"), ({"n": True}, "n must be"), ({"noise": -0.1}, "noise"),
     ({"noise": float("nan")}, "noise"), ({"noise": float("inf")}, "noise"), ({"rng": None}, "rng"),
     ({"rng": 0}, "rng")],
)
def test_each_set_rejects_bad_arguments_naming_them(name, arguments, match):
    call = {"n": 10, "rng": np.random.default_rng(0), **arguments}
    with pytest.raises(ValueError, match=match):
        SETS[name](**call)


@pytest.mark.parametrize(
    ("function", "keywords", "match"),
    [(datasets.blobs, {"classes": 1}, "classes"), (datasets.blobs, {"radius": 0.0}, "radius"),
     (datasets.spirals, {"classes": 1}, "classes"), (datasets.spirals, {"turns": -1.0}, "turns"),
     (datasets.circles, {"factor": 1.0}, "factor"), (datasets.circles, {"factor": 0.0}, "factor")],
)
def test_shape_parameters_are_validated(function, keywords, match):
    with pytest.raises(ValueError, match=match):
        function(10, np.random.default_rng(0), **keywords)


def test_train_val_split_partitions_the_samples():
    x = np.arange(40.0).reshape(20, 2)
    y = np.arange(20)
    x_train, y_train, x_val, y_val = datasets.train_val_split(x, y, 0.25, np.random.default_rng(9))
    assert len(x_val) == 5 and len(x_train) == 15
    np.testing.assert_array_equal(np.sort(np.concatenate([y_train, y_val])), y)
    np.testing.assert_array_equal(x_train[:, 0], 2 * y_train)  # rows stay paired
    np.testing.assert_array_equal(x_val[:, 0], 2 * y_val)
    assert not np.array_equal(y_train, np.sort(y_train))  # shuffled


def test_train_val_split_keeps_at_least_one_sample_on_each_side():
    x, y = np.zeros((3, 2)), np.arange(3)
    assert len(datasets.train_val_split(x, y, 0.01, np.random.default_rng(0))[3]) == 1
    assert len(datasets.train_val_split(x, y, 0.99, np.random.default_rng(0))[1]) == 1


@pytest.mark.parametrize(
    ("arguments", "match"),
    [({"val_fraction": 0.0}, "val_fraction"), ({"val_fraction": 1.0}, "val_fraction"),
     ({"y": np.arange(4)}, "same length"), ({"rng": 3}, "rng")],
)
def test_train_val_split_rejects_bad_arguments(arguments, match):
    call = {"x": np.zeros((5, 2)), "y": np.arange(5), "val_fraction": 0.2, "rng": np.random.default_rng(0),
            **arguments}
    with pytest.raises(ValueError, match=match):
        datasets.train_val_split(**call)


@settings(max_examples=40, deadline=None)
@given(count=st.integers(4, 300), share=st.floats(0.1, 0.9), seed=st.integers(0, 99), ones=st.floats(0.2, 0.8))
def test_train_val_split_keeps_each_class_in_its_share(count, share, seed, ones):
    """Stratified: in the validation set each class holds its share of the whole set, to within one sample."""
    y = (np.arange(count) < round(ones * count)).astype(int)
    x = np.arange(count, dtype=float)[:, None]
    _, _, _, y_val = datasets.train_val_split(x, y, share, np.random.default_rng(seed))
    assert abs(y_val.sum() - len(y_val) * y.mean()) <= 1.0
