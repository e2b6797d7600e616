"""Optimizers: hand-written references of the published rules, equivalences, validation, purity, invariants.

The references below follow the algorithms printed in the torch.optim documentation (and the papers
they cite) one coordinate and one step at a time in plain Python floats. The test objective is a
separable quadratic, so coordinate ``i``'s gradient depends only on ``p[i]``.
"""

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dl_core import schedules
from dl_core.optimizers import (
    DEFAULTS,
    LATEX,
    NAMES,
    AdagradState,
    AdamState,
    RMSpropState,
    SGDState,
    adagrad,
    adam,
    adamw,
    apply_updates,
    make,
    rmsprop,
    sgd,
)

CURVATURE = [0.5, 4.0, 20.0]
CENTER = [1.0, -2.0, 0.5]
START = [3.0, 1.5, -1.0]
STEPS = 12


def quadratic_grad(params):
    """Gradient of sum_i CURVATURE_i / 2 * (p_i - CENTER_i)^2, for params of shape (..., 3)."""
    return np.asarray(CURVATURE) * (params - np.asarray(CENTER))


def coordinate_grad(p, i):
    return CURVATURE[i] * (p[i] - CENTER[i])


def run(optimizer, start=START, steps=STEPS, grad=quadratic_grad):
    """The trajectory (steps + 1, *start.shape) and the final state."""
    params = np.array(start, dtype=np.float64)
    state = optimizer.init(params)
    points = [params]
    for _ in range(steps):
        updates, state = optimizer.update(grad(params), state, params)
        params = apply_updates(params, updates)
        points.append(params)
    return np.array(points), state


def learning_rate(lr, t):
    """The learning rate of update t (t = 1, 2, ...): a float, or a schedule called with t - 1."""
    return float(lr(t - 1)) if callable(lr) else lr


# ---------------------------------------------------------------- references, written out by hand


def reference_sgd(lr, momentum=0.0, nesterov=False, weight_decay=0.0):
    """torch.optim.SGD with dampening 0: the buffer starts as the first gradient."""
    p, buffer, points = list(START), [None] * len(START), [list(START)]
    for t in range(1, STEPS + 1):
        eta = learning_rate(lr, t)
        for i in range(len(p)):
            g = coordinate_grad(p, i) + weight_decay * p[i]
            if momentum != 0:
                buffer[i] = g if t == 1 else momentum * buffer[i] + g
                g = g + momentum * buffer[i] if nesterov else buffer[i]
            p[i] = p[i] - eta * g
        points.append(list(p))
    return np.array(points), {"momentum_buffer": buffer} if momentum != 0 else {}


def reference_adagrad(lr=0.01, eps=1e-10, weight_decay=0.0):
    """torch.optim.Adagrad with lr_decay 0 and initial_accumulator_value 0 (Duchi et al. 2011)."""
    p, total, points = list(START), [0.0] * len(START), [list(START)]
    for t in range(1, STEPS + 1):
        eta = learning_rate(lr, t)
        for i in range(len(p)):
            g = coordinate_grad(p, i) + weight_decay * p[i]
            total[i] = total[i] + g * g
            p[i] = p[i] - eta * g / (math.sqrt(total[i]) + eps)
        points.append(list(p))
    return np.array(points), {"sum": total}


def reference_rmsprop(lr=0.01, alpha=0.99, eps=1e-8, momentum=0.0, weight_decay=0.0):
    """torch.optim.RMSprop, not centered: eps is added to the square root of the average."""
    p, square_avg, buffer, points = list(START), [0.0] * len(START), [0.0] * len(START), [list(START)]
    for t in range(1, STEPS + 1):
        eta = learning_rate(lr, t)
        for i in range(len(p)):
            g = coordinate_grad(p, i) + weight_decay * p[i]
            square_avg[i] = alpha * square_avg[i] + (1 - alpha) * g * g
            avg = math.sqrt(square_avg[i]) + eps
            if momentum > 0:
                buffer[i] = momentum * buffer[i] + g / avg
                p[i] = p[i] - eta * buffer[i]
            else:
                p[i] = p[i] - eta * g / avg
        points.append(list(p))
    return np.array(points), {"square_avg": square_avg} | ({"momentum_buffer": buffer} if momentum > 0 else {})


def reference_adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0, decoupled=False):
    """Adam, Algorithm 1 of Kingma & Ba (arXiv 1412.6980), eps added to sqrt of the corrected v.

    With ``decoupled`` the weight decay is AdamW's (Loshchilov & Hutter, arXiv 1711.05101):
    the parameter shrinks by lr * weight_decay before the step; otherwise it is L2 in the gradient.
    """
    p, m, v, points = list(START), [0.0] * len(START), [0.0] * len(START), [list(START)]
    for t in range(1, STEPS + 1):
        eta = learning_rate(lr, t)
        for i in range(len(p)):
            g = coordinate_grad(p, i)
            if decoupled:
                p[i] = p[i] * (1 - eta * weight_decay)
            else:
                g = g + weight_decay * p[i]
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            m_hat = m[i] / (1 - beta1**t)
            v_hat = v[i] / (1 - beta2**t)
            p[i] = p[i] - eta * m_hat / (math.sqrt(v_hat) + eps)
        points.append(list(p))
    return np.array(points), {"exp_avg": m, "exp_avg_sq": v}


def reference_adamw(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
    return reference_adam(lr, beta1, beta2, eps, weight_decay, decoupled=True)


SCHEDULE = schedules.step_decay(0.05, 4, 0.5)

CASES = [
    (sgd, reference_sgd, {"lr": 0.01}),
    (sgd, reference_sgd, {"lr": 0.01, "weight_decay": 0.3}),
    (sgd, reference_sgd, {"lr": 0.01, "momentum": 0.9}),
    (sgd, reference_sgd, {"lr": 0.02, "momentum": 0.5, "weight_decay": 0.3}),
    (sgd, reference_sgd, {"lr": 0.01, "momentum": 0.9, "nesterov": True}),
    (sgd, reference_sgd, {"lr": 0.02, "momentum": 0.5, "nesterov": True, "weight_decay": 0.3}),
    (sgd, reference_sgd, {"lr": schedules.cosine(0.03, 8, 0.001), "momentum": 0.9}),
    (adagrad, reference_adagrad, {}),
    (adagrad, reference_adagrad, {"lr": 0.5}),
    (adagrad, reference_adagrad, {"lr": 0.5, "eps": 0.3, "weight_decay": 0.2}),
    (adagrad, reference_adagrad, {"lr": SCHEDULE}),
    (rmsprop, reference_rmsprop, {}),
    (rmsprop, reference_rmsprop, {"lr": 0.05, "alpha": 0.9, "eps": 0.3, "weight_decay": 0.2}),
    (rmsprop, reference_rmsprop, {"lr": 0.01, "momentum": 0.9}),
    (rmsprop, reference_rmsprop, {"lr": 0.01, "alpha": 0.5, "momentum": 0.5, "weight_decay": 0.2}),
    (rmsprop, reference_rmsprop, {"lr": SCHEDULE, "momentum": 0.5}),
    (adam, reference_adam, {}),
    (adam, reference_adam, {"lr": 0.1}),
    (adam, reference_adam, {"lr": 0.1, "beta1": 0.5, "beta2": 0.9, "eps": 0.3, "weight_decay": 0.2}),
    (adam, reference_adam, {"lr": 0.1, "beta1": 0.0, "beta2": 0.0}),
    (adam, reference_adam, {"lr": SCHEDULE, "weight_decay": 0.2}),
    (adamw, reference_adamw, {}),
    (adamw, reference_adamw, {"lr": 0.1, "weight_decay": 0.5}),
    (adamw, reference_adamw, {"lr": 0.1, "beta1": 0.5, "beta2": 0.9, "eps": 0.3, "weight_decay": 0.2}),
    (adamw, reference_adamw, {"lr": SCHEDULE, "weight_decay": 0.5}),
]


def case_id(case):
    constructor, _, hyper = case
    parts = [f"{k}={'schedule' if callable(v) else v}" for k, v in hyper.items()]
    return "-".join([constructor.__name__, *parts])


@pytest.mark.parametrize(("constructor", "reference", "hyper"), CASES, ids=[case_id(c) for c in CASES])
def test_trajectory_and_state_match_hand_written_reference(constructor, reference, hyper):
    points, state = run(constructor(**hyper))
    expected_points, expected_state = reference(**hyper)
    np.testing.assert_allclose(points, expected_points, rtol=1e-12, atol=0)
    assert state.step == STEPS
    for field, expected in expected_state.items():
        np.testing.assert_allclose(getattr(state, field), expected, rtol=1e-12, atol=1e-15, err_msg=field)


# ---------------------------------------------------------------- the first step


def first_update(optimizer, grads, params=None):
    params = np.zeros_like(grads) if params is None else params
    return optimizer.update(grads, optimizer.init(params), params)


GRADS = np.array([2.0, -0.5, 1e-3, 0.0])


def test_sgd_first_step_buffer_is_the_gradient():
    updates, state = first_update(sgd(0.1, momentum=0.9), GRADS)
    np.testing.assert_array_equal(state.momentum_buffer, GRADS)
    np.testing.assert_array_equal(updates, -0.1 * GRADS)
    updates, state = first_update(sgd(0.1, momentum=0.9, nesterov=True), GRADS)
    np.testing.assert_allclose(updates, -0.1 * 1.9 * GRADS, rtol=1e-15)


def test_adam_first_step_is_about_lr_per_coordinate():
    updates, state = first_update(adam(0.01), GRADS)
    np.testing.assert_allclose(updates, -0.01 * GRADS / (np.abs(GRADS) + 1e-8), rtol=1e-12)
    np.testing.assert_allclose(np.abs(updates[:3]), 0.01, rtol=1e-5)
    np.testing.assert_allclose(state.exp_avg, 0.1 * GRADS, rtol=1e-14)
    np.testing.assert_allclose(state.exp_avg_sq, 0.001 * GRADS**2, rtol=1e-14)


def test_adam_eps_is_added_after_the_bias_correction():
    # With eps added before dividing by sqrt(1 - beta2) the step would be 0.01 * 1 / (1 + 0.5 / sqrt(1e-3)).
    updates, _ = first_update(adam(0.01, eps=0.5), np.array([1.0]))
    np.testing.assert_allclose(updates, [-0.01 / 1.5], rtol=1e-12)


def test_adagrad_and_rmsprop_first_steps():
    updates, state = first_update(adagrad(0.1), GRADS)
    np.testing.assert_allclose(updates, -0.1 * GRADS / (np.abs(GRADS) + 1e-10), rtol=1e-12)
    np.testing.assert_array_equal(state.sum, GRADS**2)
    updates, state = first_update(rmsprop(0.01, alpha=0.99), GRADS)
    np.testing.assert_allclose(updates, -0.01 * GRADS / (0.1 * np.abs(GRADS) + 1e-8), rtol=1e-12)
    np.testing.assert_allclose(state.square_avg, 0.01 * GRADS**2, rtol=1e-12)


def test_adamw_decay_uses_the_scheduled_lr():
    params = np.array([2.0])
    lr = schedules.exponential(0.1, 0.5)
    optimizer = adamw(lr, weight_decay=0.3)
    state = optimizer.init(params)
    for _ in range(2):
        updates, state = optimizer.update(np.zeros(1), state, params)
    # Zero gradients: the only movement is the decay, -lr(1) * weight_decay * p = -0.05 * 0.3 * 2.
    np.testing.assert_allclose(updates, [-0.03], rtol=1e-15)


# ---------------------------------------------------------------- equivalences


def test_momentum_zero_is_gradient_descent_with_or_without_nesterov():
    expected, _ = run(sgd(0.05))
    for nesterov in (False, True):
        points, _ = run(sgd(0.05, momentum=0.0, nesterov=nesterov))
        np.testing.assert_array_equal(points, expected)
    np.testing.assert_array_equal(run(make("gd", lr=0.05))[0], expected)
    np.testing.assert_array_equal(run(make("nesterov", lr=0.05, momentum=0.0))[0], expected)


@pytest.mark.parametrize("name", NAMES)
def test_constant_schedule_equals_float_lr(name):
    lr = DEFAULTS[name]["lr"] * 5
    expected, _ = run(make(name, lr=lr))
    points, _ = run(make(name, lr=schedules.constant(lr)))
    np.testing.assert_array_equal(points, expected)


def test_adamw_without_weight_decay_is_adam():
    expected, _ = run(adam(0.1, beta1=0.8))
    points, _ = run(adamw(0.1, beta1=0.8, weight_decay=0.0))
    np.testing.assert_array_equal(points, expected)


def test_adamw_differs_from_adam_with_l2():
    assert not np.allclose(run(adamw(0.1, weight_decay=0.5))[0], run(adam(0.1, weight_decay=0.5))[0])


BATCH_STARTS = np.array([START, [0.0, 0.0, 0.0], [-1.0, 4.0, 2.0]])

BATCHES = [
    ("gd", {"lr": np.array([[0.01], [0.03], [0.05]])}),
    ("momentum", {"lr": np.array([[0.01], [0.03], [0.05]]), "momentum": np.array([[0.0], [0.5], [0.9]])}),
    ("nesterov", {"momentum": np.array([[0.0], [0.5], [0.9]]), "weight_decay": np.array([[0.0], [0.1], [1.0]])}),
    ("adagrad", {"lr": np.array([[0.1], [0.5], [1.0]]), "eps": np.array([[1e-10], [0.1], [1.0]])}),
    ("rmsprop", {"alpha": np.array([[0.5], [0.9], [0.99]]), "momentum": np.array([[0.0], [0.5], [0.9]])}),
    ("adam", {"lr": np.array([[0.01], [0.1], [0.3]]), "beta1": np.array([[0.0], [0.5], [0.9]])}),
    ("adam", {"beta2": np.array([[0.0], [0.9], [0.999]]), "weight_decay": np.array([[0.0], [0.1], [1.0]])}),
    ("adamw", {"lr": schedules.cosine(np.array([[0.01], [0.1], [0.3]]), 8), "beta1": np.array([[0.0], [0.5], [0.9]])}),
]


@pytest.mark.parametrize(("name", "batched"), BATCHES, ids=[name for name, _ in BATCHES])
def test_batch_of_configurations_equals_separate_runs(name, batched):
    points, state = run(make(name, **batched), start=BATCH_STARTS)
    assert points.shape == (STEPS + 1, 3, 3)
    for k in range(3):
        single = {key: _row(value, k) for key, value in batched.items()}
        expected, expected_state = run(make(name, **single), start=BATCH_STARTS[k])
        np.testing.assert_allclose(points[:, k], expected, rtol=1e-14, atol=0)
        for field in state._fields[1:]:
            np.testing.assert_allclose(getattr(state, field)[k], getattr(expected_state, field), rtol=1e-14)


def _row(value, k):
    """Configuration k of a batched hyperparameter (a (K, 1) array, or a schedule over such an array)."""
    if isinstance(value, schedules.Cosine):
        return schedules.cosine(float(value.lr[k, 0]), value.total_steps, value.min_lr)
    return float(value[k, 0])


def bowl_grad(params):
    return 2 * params


def test_a_grid_of_points_runs_in_one_call():
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-2, 2, 5), indexing="ij"), axis=-1)
    points, state = run(adam(0.1), start=grid, grad=bowl_grad)
    assert points.shape == (STEPS + 1, 4, 5, 2)
    assert state.exp_avg.shape == (4, 5, 2)
    single, _ = run(adam(0.1), start=grid[2, 3], grad=bowl_grad)
    np.testing.assert_allclose(points[:, 2, 3], single, rtol=1e-14)


# ---------------------------------------------------------------- API: state, make, DEFAULTS, LATEX


@pytest.mark.parametrize(
    ("optimizer", "state_type", "fields"),
    [
        (sgd(0.1), SGDState, ("step", "momentum_buffer")),
        (adagrad(), AdagradState, ("step", "sum")),
        (rmsprop(), RMSpropState, ("step", "square_avg", "momentum_buffer")),
        (adam(), AdamState, ("step", "exp_avg", "exp_avg_sq")),
        (adamw(), AdamState, ("step", "exp_avg", "exp_avg_sq")),
    ],
)
def test_state_names_follow_torch_and_start_at_zero(optimizer, state_type, fields):
    params = np.ones((3, 2))
    state = optimizer.init(params)
    assert isinstance(state, state_type)
    assert state._fields == fields
    assert state.step == 0
    for name in fields[1:]:
        buffer = getattr(state, name)
        np.testing.assert_array_equal(buffer, np.zeros((3, 2)))
        assert buffer.dtype == np.float64
    _, state = optimizer.update(np.ones((3, 2)), state, params)
    assert state.step == 1


def test_names_and_defaults():
    assert NAMES == ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")
    assert tuple(DEFAULTS) == NAMES
    assert set(LATEX) == set(NAMES)
    assert DEFAULTS["gd"] == {"lr": 0.01, "weight_decay": 0.0}
    assert DEFAULTS["momentum"]["momentum"] == DEFAULTS["nesterov"]["momentum"] == 0.9
    assert DEFAULTS["adagrad"] == {"lr": 0.01, "eps": 1e-10, "weight_decay": 0.0}
    assert DEFAULTS["rmsprop"] == {"lr": 0.01, "alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "weight_decay": 0.0}
    adam_defaults = {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    assert DEFAULTS["adam"] == adam_defaults | {"weight_decay": 0.0}
    assert DEFAULTS["adamw"] == adam_defaults | {"weight_decay": 0.01}


@pytest.mark.parametrize(
    ("name", "constructor"),
    [
        ("gd", lambda: sgd(0.01)),
        ("momentum", lambda: sgd(0.01, momentum=0.9)),
        ("nesterov", lambda: sgd(0.01, momentum=0.9, nesterov=True)),
        ("adagrad", adagrad),
        ("rmsprop", rmsprop),
        ("adam", adam),
        ("adamw", adamw),
    ],
)
def test_make_uses_defaults(name, constructor):
    np.testing.assert_array_equal(run(make(name))[0], run(constructor())[0])


def test_make_overrides_defaults():
    np.testing.assert_array_equal(run(make("adam", lr=0.1, beta2=0.9))[0], run(adam(0.1, beta2=0.9))[0])


@pytest.mark.parametrize(
    ("name", "hyper", "message"),
    [
        ("sgd", {}, "unknown optimizer 'sgd'"),
        ("Adam", {}, "unknown optimizer 'Adam'"),
        ("gd", {"momentum": 0.9}, "unknown hyperparameter.* momentum"),
        ("adam", {"beta3": 0.5}, "unknown hyperparameter.* beta3"),
        ("momentum", {"nesterov": True}, "unknown hyperparameter.* nesterov"),
        ("adamw", {"lr": -1.0}, "lr must be > 0"),
    ],
)
def test_make_rejects_unknown_names_and_hyperparameters(name, hyper, message):
    with pytest.raises(ValueError, match=message):
        make(name, **hyper)


def test_defaults_are_not_changed_by_make():
    make("adam", lr=0.5)
    assert DEFAULTS["adam"]["lr"] == 0.001


@pytest.mark.parametrize(
    ("names", "constructor"),
    [
        (("gd", "momentum", "nesterov"), sgd),
        (("adagrad",), adagrad),
        (("rmsprop",), rmsprop),
        (("adam",), adam),
        (("adamw",), adamw),
    ],
)
def test_docstrings_give_the_latex_a_page_shows(names, constructor):
    doc = " ".join(constructor.__doc__.split())
    for name in names:
        assert " ".join(LATEX[name].split()) in doc


# ---------------------------------------------------------------- validation


def _zero_at_start(step):
    return 0.0


BAD = [
    (sgd, {"lr": 0.0}, "lr"),
    (sgd, {"lr": -1.0}, "lr"),
    (sgd, {"lr": math.nan}, "lr"),
    (sgd, {"lr": math.inf}, "lr"),
    (sgd, {"lr": np.array([[0.1], [-0.1]])}, "lr"),
    (sgd, {"lr": _zero_at_start}, "lr"),
    (sgd, {"lr": "fast"}, "lr"),
    (sgd, {"lr": 0.1, "momentum": 1.0}, "momentum"),
    (sgd, {"lr": 0.1, "momentum": -0.1}, "momentum"),
    (sgd, {"lr": 0.1, "momentum": math.nan}, "momentum"),
    (sgd, {"lr": 0.1, "weight_decay": -1e-3}, "weight_decay"),
    (sgd, {"lr": 0.1, "weight_decay": math.inf}, "weight_decay"),
    (adagrad, {"lr": -0.01}, "lr"),
    (adagrad, {"eps": -1e-10}, "eps"),
    (adagrad, {"weight_decay": math.nan}, "weight_decay"),
    (rmsprop, {"alpha": 1.0}, "alpha"),
    (rmsprop, {"alpha": -0.5}, "alpha"),
    (rmsprop, {"eps": -1.0}, "eps"),
    (rmsprop, {"momentum": 1.5}, "momentum"),
    (rmsprop, {"weight_decay": -1.0}, "weight_decay"),
    (adam, {"lr": 0.0}, "lr"),
    (adam, {"beta1": 1.0}, "beta1"),
    (adam, {"beta1": -0.1}, "beta1"),
    (adam, {"beta1": np.array([[0.9], [1.0]])}, "beta1"),
    (adam, {"beta2": 1.0}, "beta2"),
    (adam, {"beta2": math.nan}, "beta2"),
    (adam, {"eps": -1e-8}, "eps"),
    (adam, {"eps": math.inf}, "eps"),
    (adam, {"weight_decay": -0.01}, "weight_decay"),
    (adamw, {"beta1": 1.5}, "beta1"),
    (adamw, {"beta2": -0.001}, "beta2"),
    (adamw, {"weight_decay": -0.01}, "weight_decay"),
    (adamw, {"lr": schedules.constant(0.1), "eps": np.array([1e-8, -1e-8])}, "eps"),
]


@pytest.mark.parametrize(("constructor", "hyper", "name"), BAD)
def test_bad_hyperparameter_raises_value_error_naming_it(constructor, hyper, name):
    with pytest.raises(ValueError, match=f"^{name} must be"):
        constructor(**hyper)


def test_validation_message():
    with pytest.raises(ValueError, match=re.escape("beta1 must be in [0, 1), got 1.0")):
        adam(beta1=1.0)
    with pytest.raises(ValueError, match=re.escape("lr must be > 0, got -1")):
        sgd(-1)
    with pytest.raises(ValueError, match=re.escape("momentum must be in [0, 1), got 1.0 at index (1, 0)")):
        make("momentum", momentum=np.array([[0.5], [1.0]]))


def test_boundary_values_are_allowed():
    for optimizer in (
        sgd(1e-12, momentum=0.0, weight_decay=0.0),
        adagrad(eps=0.0),
        rmsprop(alpha=0.0, eps=0.0, momentum=0.0),
        adam(beta1=0.0, beta2=0.0, eps=0.0),
    ):
        updates, _ = first_update(optimizer, GRADS)
        assert np.all(np.isfinite(updates))


def test_eps_zero_with_zero_gradient_takes_a_zero_step():
    for optimizer in (adagrad(eps=0.0), rmsprop(eps=0.0, momentum=0.5), adam(eps=0.0), adamw(eps=0.0)):
        updates, _ = first_update(optimizer, np.array([0.0, 1.0]))
        np.testing.assert_array_equal(updates[:1], [0.0])
        assert np.isfinite(updates[1]) and updates[1] < 0


# ---------------------------------------------------------------- purity


@pytest.mark.parametrize(
    "optimizer",
    [
        sgd(0.1, momentum=0.9, nesterov=True, weight_decay=0.1),
        adagrad(weight_decay=0.1),
        rmsprop(momentum=0.9, weight_decay=0.1),
        adam(weight_decay=0.1),
        adamw(),
    ],
)
def test_arguments_are_not_mutated_and_there_is_no_hidden_state(optimizer):
    params = np.array([[1.0, -2.0], [0.5, 3.0]])
    grads = np.array([[0.3, -0.1], [2.0, 0.0]])
    state = optimizer.init(params)
    _, state = optimizer.update(grads, state, params)
    copies = (params.copy(), grads.copy(), [np.copy(x) for x in state])
    first, first_state = optimizer.update(grads, state, params)
    second, second_state = optimizer.update(grads, state, params)
    np.testing.assert_array_equal(params, copies[0])
    np.testing.assert_array_equal(grads, copies[1])
    for before, after in zip(copies[2], state, strict=True):
        np.testing.assert_array_equal(after, before)
    np.testing.assert_array_equal(first, second)
    for a, b in zip(first_state, second_state, strict=True):
        np.testing.assert_array_equal(a, b)
    updated = apply_updates(params, first)
    assert updated is not params
    np.testing.assert_array_equal(params, copies[0])


def test_hyperparameter_arrays_are_copied():
    lr = np.array([[0.1], [0.2]])
    optimizer = sgd(lr)
    lr[:] = 100.0
    updates, _ = first_update(optimizer, np.ones((2, 1)))
    np.testing.assert_array_equal(updates, [[-0.1], [-0.2]])


# ---------------------------------------------------------------- properties (hypothesis)

lrs = st.floats(1e-6, 10.0)
# Gradients from 1e-100 to 1e100 in size (or exactly 0): squares stay normal numbers.
gradient = st.one_of(
    st.just(0.0),
    st.builds(lambda sign, exponent: sign * 10.0**exponent, st.sampled_from([-1.0, 1.0]), st.floats(-100, 100)),
)
gradient_vectors = hnp.arrays(np.float64, st.integers(1, 6), elements=gradient)
betas = st.floats(0.0, 0.999)
eps_values = st.one_of(st.just(0.0), st.floats(1e-12, 1.0))


@settings(deadline=None)
@given(gradient_vectors, lrs)
def test_gd_update_is_exactly_minus_lr_times_gradient(grads, lr):
    params = np.linspace(-1.0, 1.0, grads.size)
    updates, state = sgd(lr).update(grads, sgd(lr).init(params), params)
    np.testing.assert_array_equal(updates, -lr * grads)


@settings(deadline=None)
@given(gradient_vectors, lrs, betas, st.floats(0.0, 0.9999), eps_values)
def test_adam_first_update_is_lr_times_g_over_abs_g_plus_eps(grads, lr, beta1, beta2, eps):
    updates, _ = first_update(adam(lr, beta1, beta2, eps), grads)
    denominator = np.abs(grads) + eps
    expected = np.where(denominator > 0, -lr * grads / np.where(denominator > 0, denominator, 1.0), 0.0)
    np.testing.assert_allclose(updates, expected, rtol=1e-12, atol=0)


def _steps(optimizer, grad_sequence):
    """Every update of ``optimizer`` fed the rows of ``grad_sequence`` (params stay fixed)."""
    params = np.zeros(grad_sequence.shape[1:])
    state = optimizer.init(params)
    result = []
    for grads in grad_sequence:
        updates, state = optimizer.update(grads, state, params)
        result.append(updates)
    return np.array(result)


grad_sequences = hnp.arrays(np.float64, st.tuples(st.integers(1, 20), st.integers(1, 3)), elements=gradient)


@settings(deadline=None)
@given(grad_sequences, lrs, eps_values)
def test_adagrad_never_moves_a_coordinate_more_than_lr(grad_sequence, lr, eps):
    # |g_t| <= sqrt(G_t) because G_t contains g_t^2.
    assert np.all(np.abs(_steps(adagrad(lr, eps), grad_sequence)) <= lr * (1 + 1e-15))


@settings(deadline=None)
@given(grad_sequences, lrs, st.floats(0.5, 0.9999), st.floats(0.0, 0.99), eps_values)
def test_adam_step_is_bounded(grad_sequence, lr, beta2, fraction, eps):
    # With beta1 < sqrt(beta2), Cauchy-Schwarz on m_t = (1 - beta1) sum_k beta1^k g_{t-k} against
    # v_t = (1 - beta2) sum_k beta2^k g_{t-k}^2 gives, for any gradients,
    # |step_t| <= lr (1 - beta1) / (1 - beta1^t) sqrt((1 - beta2^t) / (1 - beta2)) sqrt((1 - r^t) / (1 - r)),
    # r = beta1^2 / beta2. At t = 1 the bound is exactly lr.
    beta1 = fraction * math.sqrt(beta2)
    ratio = beta1**2 / beta2
    t = np.arange(1, len(grad_sequence) + 1)[:, None]
    bound = (
        lr
        * (1 - beta1)
        / (1 - beta1**t)
        * np.sqrt((1 - beta2**t) / (1 - beta2))
        * np.sqrt((1 - ratio**t) / (1 - ratio))
    )
    steps = _steps(adam(lr, beta1, beta2, eps), grad_sequence)
    assert np.all(np.abs(steps) <= bound * (1 + 1e-12))


@settings(deadline=None)
@given(
    st.sampled_from(NAMES),
    grad_sequences,
    hnp.arrays(np.float64, 3, elements=st.floats(-1e6, 1e6)),
    lrs,
    st.floats(0.0, 10.0),
)
def test_updates_are_finite_for_finite_inputs(name, grad_sequence, params, lr, weight_decay):
    optimizer = make(name, lr=lr, weight_decay=weight_decay)
    params = params[: grad_sequence.shape[1]]
    state = optimizer.init(params)
    for grads in grad_sequence:
        updates, state = optimizer.update(grads, state, params)
        assert np.all(np.isfinite(updates))
        assert all(np.all(np.isfinite(buffer)) for buffer in state[1:])


@pytest.mark.parametrize("name", NAMES)
def test_huge_finite_gradients_give_finite_updates_without_warnings(name):
    optimizer = make(name)
    params = np.array([1.0, -1.0])
    state = optimizer.init(params)
    for _ in range(5):
        updates, state = optimizer.update(np.array([1e300, -1e200]), state, params)
        assert np.all(np.isfinite(updates))


@pytest.mark.parametrize("name", NAMES)
def test_infinite_gradients_do_not_raise(name):
    optimizer = make(name)
    params = np.zeros(2)
    with np.errstate(invalid="ignore"):
        updates, state = optimizer.update(np.array([np.inf, 1.0]), optimizer.init(params), params)
    assert np.isfinite(updates[1])
    assert state.step == 1
