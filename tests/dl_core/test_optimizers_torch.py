"""Cross-check against PyTorch's own optimizers and schedulers (skipped where torch is not installed).

torch is not a dependency of the project; this file documents and checks the claim that a
trajectory agrees with PyTorch's to floating-point precision.
"""

import numpy as np
import pytest

from dl_core import schedules
from dl_core.optimizers import DEFAULTS, apply_updates, make

torch = pytest.importorskip("torch")

CURVATURE = np.array([0.5, 4.0, 20.0, 0.01])
CENTER = np.array([1.0, -2.0, 0.5, 3.0])
START = np.array([3.0, 1.5, -1.0, -2.0])
STEPS = 50
TOLERANCE = 1e-13


def quadratic_grad(params):
    return CURVATURE * (params - CENTER)


def torch_optimizer(name, params, lr, hyper):
    """The torch.optim optimizer for one of our names and hyperparameters."""
    hyper = dict(hyper, lr=lr)
    if name in ("gd", "momentum", "nesterov"):
        return torch.optim.SGD(params, nesterov=name == "nesterov", **hyper)
    if name in ("adam", "adamw"):
        betas = (hyper.pop("beta1"), hyper.pop("beta2"))
        return {"adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[name](params, betas=betas, **hyper)
    return {"adagrad": torch.optim.Adagrad, "rmsprop": torch.optim.RMSprop}[name](params, **hyper)


def ours(name, lr, hyper):
    optimizer = make(name, lr=lr, **hyper)
    params = START.copy()
    state = optimizer.init(params)
    points = [params]
    for _ in range(STEPS):
        updates, state = optimizer.update(quadratic_grad(params), state, params)
        params = apply_updates(params, updates)
        points.append(params)
    return np.array(points)


def theirs(name, lr, hyper, scheduler=None):
    """torch's trajectory, its learning rate driven by ``scheduler(optimizer)`` if given."""
    param = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    optimizer = torch_optimizer(name, [param], lr, hyper)
    driver = scheduler(optimizer) if scheduler is not None else None
    points = [START.copy()]
    for _ in range(STEPS):
        param.grad = torch.from_numpy(quadratic_grad(param.detach().numpy()))
        optimizer.step()
        if driver is not None:
            driver.step()
        points.append(param.detach().numpy().copy())
    return np.array(points)


def torch_scheduler(schedule):
    """torch's own scheduler for one of ours (inverse-time decay through LambdaLR)."""
    lr_scheduler = torch.optim.lr_scheduler
    if isinstance(schedule, schedules.Cosine):
        return lambda opt: lr_scheduler.CosineAnnealingLR(opt, schedule.total_steps, schedule.min_lr)
    if isinstance(schedule, schedules.StepDecay):
        return lambda opt: lr_scheduler.StepLR(opt, schedule.step_size, schedule.gamma)
    if isinstance(schedule, schedules.Exponential):
        return lambda opt: lr_scheduler.ExponentialLR(opt, schedule.gamma)
    factor = schedule.decay_rate / schedule.decay_steps
    return lambda opt: lr_scheduler.LambdaLR(opt, lambda step: 1 / (1 + factor * step))


CASES = [
    ("gd", 0.04, {}),
    ("gd", 0.04, {"weight_decay": 0.1}),
    ("momentum", 0.02, {}),
    ("momentum", 0.02, {"momentum": 0.5, "weight_decay": 0.1}),
    ("nesterov", 0.02, {}),
    ("nesterov", 0.02, {"weight_decay": 0.1}),
    ("adagrad", 0.5, {}),
    ("adagrad", 0.5, {"eps": 1e-3, "weight_decay": 0.1}),
    ("rmsprop", 0.01, {}),
    ("rmsprop", 0.01, {"alpha": 0.9, "momentum": 0.9, "weight_decay": 0.1}),
    ("adam", 0.1, {}),
    ("adam", 0.1, {"beta1": 0.5, "beta2": 0.9, "eps": 1e-3, "weight_decay": 0.1}),
    ("adamw", 0.1, {}),
    ("adamw", 0.1, {"beta1": 0.5, "beta2": 0.9, "weight_decay": 0.5}),
]

# Schedule shapes, scaled to each case's lr: lr_t = lr * shape(t). Cosine spans the whole run: after
# total_steps torch's CosineAnnealingLR climbs back up (its period is 2 T_max), ours stays at min_lr.
SHAPES = {
    "cosine": lambda lr: schedules.cosine(lr, STEPS, 0.01 * lr),
    "step_decay": lambda lr: schedules.step_decay(lr, 10, 0.5),
    "exponential": lambda lr: schedules.exponential(lr, 0.95),
    "inverse_time": lambda lr: schedules.inverse_time(lr, 0.1, 2),
}


def case_id(case):
    name, lr, hyper = case
    return "-".join([name, f"lr={lr}", *(f"{key}={value}" for key, value in hyper.items())])


def full_hyper(name, hyper):
    return {key: value for key, value in DEFAULTS[name].items() if key != "lr"} | hyper


@pytest.mark.parametrize(("name", "lr", "hyper"), CASES, ids=[case_id(c) for c in CASES])
def test_trajectory_agrees_with_torch(name, lr, hyper):
    hyper = full_hyper(name, hyper)
    np.testing.assert_allclose(ours(name, lr, hyper), theirs(name, lr, hyper), rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize(("name", "lr", "hyper"), CASES, ids=[case_id(c) for c in CASES])
@pytest.mark.parametrize("shape", list(SHAPES))
def test_scheduled_trajectory_agrees_with_torch_scheduler(name, lr, hyper, shape):
    schedule = SHAPES[shape](lr)
    hyper = full_hyper(name, hyper)
    expected = theirs(name, lr, hyper, torch_scheduler(schedule))
    np.testing.assert_allclose(ours(name, schedule, hyper), expected, rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_schedules_agree_with_torch_schedulers(shape):
    schedule = SHAPES[shape](0.1)
    optimizer = torch.optim.SGD([torch.zeros(1, dtype=torch.float64, requires_grad=True)], lr=0.1)
    scheduler = torch_scheduler(schedule)(optimizer)
    got = []
    for _ in range(STEPS):
        got.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    np.testing.assert_allclose(schedules.values(schedule, STEPS), got, rtol=1e-13, atol=0)
