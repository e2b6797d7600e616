"""Learning-rate schedules: hand-computed values, batches, validation and invariants."""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl_core import schedules
from dl_core.schedules import SCHEDULES, constant, cosine, exponential, inverse_time, step_decay, values

STEPS = range(12)

# Each schedule next to the same rule written out by hand in plain floats.
REFERENCES = [
    pytest.param(constant(0.1), lambda t: 0.1, id="constant"),
    pytest.param(step_decay(0.1, 3, 0.5), lambda t: 0.1 * 0.5 ** (t // 3), id="step_decay"),
    pytest.param(step_decay(0.2, 5), lambda t: 0.2 * 0.1 ** (t // 5), id="step_decay_default_gamma"),
    pytest.param(exponential(0.1, 0.9), lambda t: 0.1 * 0.9**t, id="exponential"),
    pytest.param(
        cosine(0.1, 8, 0.01),
        lambda t: 0.01 + (0.1 - 0.01) * (1 + math.cos(math.pi * min(t, 8) / 8)) / 2,
        id="cosine",
    ),
    pytest.param(cosine(0.1, 5), lambda t: 0.1 * (1 + math.cos(math.pi * min(t, 5) / 5)) / 2, id="cosine_to_0"),
    pytest.param(inverse_time(0.1, 0.5, 2), lambda t: 0.1 / (1 + 0.5 * t / 2), id="inverse_time"),
    pytest.param(inverse_time(0.1, 0.0), lambda t: 0.1, id="inverse_time_no_decay"),
]


@pytest.mark.parametrize(("schedule", "reference"), REFERENCES)
def test_schedule_matches_hand_written_rule(schedule, reference):
    got = [schedule(t) for t in STEPS]
    np.testing.assert_allclose(got, [reference(t) for t in STEPS], rtol=1e-12, atol=0)


def test_hand_picked_values():
    assert [step_decay(1.0, 2, 0.5)(t) for t in range(6)] == [1.0, 1.0, 0.5, 0.5, 0.25, 0.25]
    assert exponential(1.0, 0.5)(3) == 0.125
    assert cosine(1.0, 4)(0) == 1.0
    assert cosine(1.0, 4)(2) == pytest.approx(0.5, abs=1e-15)
    assert inverse_time(1.0, 1.0)(3) == 0.25


def test_cosine_reaches_min_lr_at_total_steps_and_stays():
    schedule = cosine(0.1, 10, 0.003)
    assert schedule(10) == pytest.approx(0.003, rel=1e-15)
    assert schedule(11) == schedule(10) == schedule(1000)


@pytest.mark.parametrize(("schedule", "reference"), REFERENCES)
def test_values_is_every_step_in_one_call(schedule, reference):
    got = values(schedule, len(STEPS))
    assert got.shape == (len(STEPS),)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, [schedule(t) for t in STEPS], rtol=1e-15, atol=0)


def test_values_of_zero_steps_is_empty():
    assert values(constant(0.1), 0).shape == (0,)


@pytest.mark.parametrize("name", list(SCHEDULES))
def test_array_lr_is_a_batch_of_schedules(name):
    lrs = np.array([[0.1], [0.5], [2.0]])
    make = SCHEDULES[name]
    extra = {"step_decay": (4, 0.5), "exponential": (0.8,), "cosine": (10, 0.05), "inverse_time": (0.3, 2)}
    batch = make(lrs, *extra.get(name, ()))
    separate = [make(float(lr), *extra.get(name, ())) for lr in lrs[:, 0]]
    for t in STEPS:
        expected = np.array([[schedule(t)] for schedule in separate])
        np.testing.assert_allclose(batch(t), expected, rtol=1e-15, atol=0)
    table = values(batch, len(STEPS))
    assert table.shape == (len(STEPS), 3, 1)
    np.testing.assert_allclose(table[:, :, 0].T, [values(s, len(STEPS)) for s in separate], rtol=1e-15)


def test_array_gamma_broadcasts_against_array_lr():
    schedule = exponential(np.array([[0.1], [0.2]]), np.array([0.5, 0.9]))
    np.testing.assert_allclose(schedule(2), [[0.025, 0.081], [0.05, 0.162]], rtol=1e-15)


def test_array_lr_is_copied_and_read_only():
    lrs = np.array([0.1, 0.2])
    schedule = constant(lrs)
    lrs[0] = 5.0
    assert schedule(0)[0] == 0.1
    with pytest.raises(ValueError, match="read-only"):
        schedule.lr[0] = 1.0


def test_schedules_are_frozen_and_compare_by_value():
    schedule = step_decay(0.1, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        schedule.lr = 1.0
    assert schedule == step_decay(0.1, 3, 0.1)
    assert hash(schedule) == hash(step_decay(0.1, 3, 0.1))


def test_registry_names():
    assert list(SCHEDULES) == ["constant", "step_decay", "exponential", "cosine", "inverse_time"]


@pytest.mark.parametrize(
    ("schedule", "latex"),
    [
        (constant(0.1), r"\eta_t = 0.1"),
        (step_decay(0.1, 10, 0.5), r"\eta_t = 0.1 \cdot 0.5^{\lfloor t / 10 \rfloor}"),
        (exponential(1e-5, 0.95), r"\eta_t = 10^{-5} \cdot 0.95^{t}"),
        (exponential(2.5e-5, 0.95), r"\eta_t = 2.5 \cdot 10^{-5} \cdot 0.95^{t}"),
        (
            cosine(0.1, 100, 0.001),
            r"\eta_t = 0.001 + \tfrac{1}{2}(0.1 - 0.001)\left(1 + \cos\frac{\pi \min(t, 100)}{100}\right)",
        ),
        (inverse_time(0.1, 0.5, 10), r"\eta_t = \frac{0.1}{1 + 0.5\, t / 10}"),
        (constant(np.array([0.1, 0.2])), r"\eta_t = \eta"),
    ],
)
def test_latex_shows_the_numbers(schedule, latex):
    assert schedule.latex == latex


BAD = [
    (constant, (0.0,), "lr must be > 0, got 0.0"),
    (constant, (-1,), "lr must be > 0, got -1"),
    (constant, (math.nan,), "lr must be finite, got nan"),
    (constant, (math.inf,), "lr must be finite, got inf"),
    (constant, (np.array([0.1, -0.1]),), r"lr must be > 0, got -0.1 at index \(1,\)"),
    (constant, ("fast",), "lr must be a number"),
    (constant, (None,), "lr must be a number"),
    (step_decay, (0.1, 0), "step_size must be an integer >= 1, got 0"),
    (step_decay, (0.1, 2.5), "step_size must be an integer >= 1, got 2.5"),
    (step_decay, (0.1, True), "step_size must be an integer"),
    (step_decay, (0.1, 3, 0.0), r"gamma must be in \(0, 1\], got 0.0"),
    (step_decay, (0.1, 3, 1.5), r"gamma must be in \(0, 1\], got 1.5"),
    (exponential, (0.1, -0.5), "gamma must be in"),
    (exponential, (0.1, math.nan), "gamma must be finite"),
    (exponential, (-0.1, 0.5), "lr must be > 0"),
    (cosine, (0.1, 0), "total_steps must be an integer >= 1"),
    (cosine, (0.1, 10, -0.01), "min_lr must be >= 0"),
    (cosine, (0.1, 10, 0.2), "min_lr must be <= lr"),
    (cosine, (np.array([0.1, 0.3]), 10, np.array([0.05, 0.4])), "min_lr must be <= lr"),
    (inverse_time, (0.1, -1.0), "decay_rate must be >= 0"),
    (inverse_time, (0.1, 1.0, 0), "decay_steps must be an integer >= 1"),
    (inverse_time, (0.0, 1.0), "lr must be > 0"),
]


@pytest.mark.parametrize(("make", "args", "message"), BAD)
def test_bad_parameters_raise_value_error_naming_them(make, args, message):
    with pytest.raises(ValueError, match=f"^{message}"):
        make(*args)


def test_values_rejects_negative_steps():
    with pytest.raises(ValueError, match="^steps must be an integer >= 0"):
        values(constant(0.1), -1)


def test_min_lr_equal_to_lr_is_allowed_and_constant():
    np.testing.assert_array_equal(values(cosine(0.1, 5, 0.1), 8), np.full(8, 0.1))


lrs = st.floats(1e-6, 10.0)
# gamma >= 0.1 keeps gamma**300 * lr far from underflow, so "positive" holds in floating point too.
unit = st.floats(0.1, 1.0)


@st.composite
def any_schedule(draw):
    lr = draw(lrs)
    name = draw(st.sampled_from(list(SCHEDULES)))
    if name == "step_decay":
        return schedules.step_decay(lr, draw(st.integers(1, 50)), draw(unit))
    if name == "exponential":
        return schedules.exponential(lr, draw(unit))
    if name == "cosine":
        return schedules.cosine(lr, draw(st.integers(1, 500)), lr * draw(st.floats(0.0, 1.0)))
    if name == "inverse_time":
        return schedules.inverse_time(lr, draw(st.floats(0.0, 10.0)), draw(st.integers(1, 50)))
    return schedules.constant(lr)


@settings(deadline=None)
@given(any_schedule(), st.integers(1, 600))
def test_schedules_start_at_lr_never_increase_and_stay_non_negative(schedule, steps):
    table = values(schedule, steps)
    assert table[0] == pytest.approx(schedule.lr, rel=1e-15)
    assert np.all(table >= 0)
    assert np.all(table <= schedule.lr * (1 + 1e-15))
    # Non-increasing up to rounding of the cosine and the power.
    assert np.all(np.diff(table) <= 1e-14 * schedule.lr)


@settings(deadline=None)
@given(lrs, st.integers(1, 1000), st.floats(0.0, 1.0), st.integers(0, 2000))
def test_cosine_stays_within_min_lr_and_lr_and_ends_at_min_lr(lr, total_steps, fraction, step):
    min_lr = lr * fraction
    schedule = cosine(lr, total_steps, min_lr)
    assert min_lr <= schedule(step) <= lr * (1 + 1e-15)
    assert schedule(total_steps) == pytest.approx(min_lr, rel=1e-15, abs=1e-15 * lr)
    if step >= total_steps:
        assert schedule(step) == schedule(total_steps)


@settings(deadline=None)
@given(any_schedule(), st.integers(0, 300))
def test_positive_except_cosine_to_zero_at_its_end(schedule, step):
    ends_at_zero = isinstance(schedule, schedules.Cosine) and schedule.min_lr == 0
    if ends_at_zero and step >= schedule.total_steps:
        assert schedule(step) == 0
    else:
        assert schedule(step) > 0


def test_the_formulas_shown_are_as_simple_as_the_settings_allow():
    assert exponential(0.5, 0.5, every=50).latex == r"\eta_t = 0.5 \cdot 0.5^{t / 50}"
    assert exponential(0.5, 0.5, every=50)(100) == pytest.approx(0.125)
    assert cosine(0.01, 100).latex.startswith(r"\eta_t = \tfrac{1}{2} \cdot 0.01")
    assert "0 +" not in cosine(0.01, 100).latex and "0.001 +" in cosine(0.01, 100, min_lr=0.001).latex
    assert inverse_time(0.1, 0.05).latex == r"\eta_t = \frac{0.1}{1 + 0.05\, t}"
    assert r"t / 10" in inverse_time(0.1, 0.05, 10).latex
