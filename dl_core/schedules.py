r"""Learning-rate schedules: the learning rate of each update as a function of the step.

A schedule is a small frozen dataclass that is called with ``step``, the number of
updates already done (0 for the first update), and returns that update's learning
rate. ``lr`` (and every other real-valued parameter) may be an array holding a batch
of configurations; the schedule then returns an array of the broadcast shape.
``step`` may also be an integer array (see :func:`values`).

The forms follow ``torch.optim.lr_scheduler``: ``StepLR``, ``ExponentialLR`` and the
closed form of ``CosineAnnealingLR`` (held at ``min_lr`` after ``total_steps``), plus
inverse-time decay. Each schedule has a ``latex`` property: its formula with its numbers.
"""

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Number = float | np.ndarray

_INTEGER = "an integer >= 1"
_RULES: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "> 0": lambda value: value > 0,
    ">= 0": lambda value: value >= 0,
    "in [0, 1)": lambda value: (value >= 0) & (value < 1),
    "in (0, 1]": lambda value: (value > 0) & (value <= 1),
}


def checked(name: str, value, rule: str) -> Number:
    """``value`` as a float (or a read-only float64 array) after checking it is finite and obeys ``rule``.

    Raises ``ValueError`` naming the parameter, e.g. ``"beta1 must be in [0, 1), got 1.0"``.
    """
    try:
        if value is None:
            raise TypeError
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number or an array of numbers, got {value!r}") from None
    for requirement, ok in (("finite", np.isfinite(array)), (rule, _RULES[rule](array))):
        if not ok.all():
            where = "" if array.ndim == 0 else f" at index {tuple(int(i) for i in np.argwhere(~ok)[0])}"
            raise ValueError(f"{name} must be {requirement}, got {array[~ok][0]}{where}")
    if array.ndim == 0:
        return float(array)
    array.flags.writeable = False
    return array


def _integer(name: str, value, minimum: int = 1) -> int:
    """``value`` as an int after checking it is an integer >= ``minimum``."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= minimum:
        return int(value)
    raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")


def _validate(schedule, **rules: str) -> None:
    """Check and normalise the fields of a frozen schedule in place (called by ``__post_init__``)."""
    for name, rule in rules.items():
        value = getattr(schedule, name)
        valid = _integer(name, value) if rule == _INTEGER else checked(name, value, rule)
        object.__setattr__(schedule, name, valid)


def _latex_number(value: Number, symbol: str) -> str:
    r"""A number as LaTeX (``1e-05`` becomes ``10^{-5}``); a batch of values is shown by its symbol."""
    if isinstance(value, np.ndarray):
        return symbol
    mantissa, _, exponent = f"{value:g}".partition("e")
    if not exponent:
        return mantissa
    power = f"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa} \cdot {power}"


@dataclass(frozen=True)
class Constant:
    r"""The same learning rate for every update: ``\eta_t = \eta``."""

    lr: Number

    def __post_init__(self):
        _validate(self, lr="> 0")

    def __call__(self, step):
        return self.lr

    @property
    def latex(self) -> str:
        lr = _latex_number(self.lr, r"\eta")
        return rf"\eta_t = {lr}"


@dataclass(frozen=True)
class StepDecay:
    r"""Multiply by ``gamma`` every ``step_size`` updates (torch ``StepLR``).

    ``\eta_t = \eta \cdot \gamma^{\lfloor t / s \rfloor}``
    """

    lr: Number
    step_size: int
    gamma: Number = 0.1

    def __post_init__(self):
        _validate(self, lr="> 0", step_size=_INTEGER, gamma="in (0, 1]")

    def __call__(self, step):
        return self.lr * self.gamma ** (step // self.step_size)

    @property
    def latex(self) -> str:
        lr, gamma = _latex_number(self.lr, r"\eta"), _latex_number(self.gamma, r"\gamma")
        return rf"\eta_t = {lr} \cdot {gamma}^{{\lfloor t / {self.step_size} \rfloor}}"


@dataclass(frozen=True)
class Exponential:
    r"""Multiply by ``gamma`` every ``every`` updates, spread evenly over them (torch ``ExponentialLR`` when
    ``every`` is 1).

    ``\eta_t = \eta \cdot \gamma^{t/s}``
    """

    lr: Number
    gamma: Number
    every: int = 1

    def __post_init__(self):
        _validate(self, lr="> 0", gamma="in (0, 1]", every=_INTEGER)

    def __call__(self, step):
        return self.lr * self.gamma ** (step / self.every) if self.every != 1 else self.lr * self.gamma**step

    @property
    def latex(self) -> str:
        lr, gamma = _latex_number(self.lr, r"\eta"), _latex_number(self.gamma, r"\gamma")
        power = "t" if self.every == 1 else f"t / {self.every}"
        return rf"\eta_t = {lr} \cdot {gamma}^{{{power}}}"


@dataclass(frozen=True)
class Cosine:
    r"""Half a cosine from ``lr`` down to ``min_lr`` over ``total_steps`` updates, then ``min_lr``.

    The closed form of torch ``CosineAnnealingLR`` (Loshchilov & Hutter, arXiv 1608.03983):
    ``\eta_t = \eta_{min} + \tfrac{1}{2}(\eta - \eta_{min})(1 + \cos(\pi \min(t, T) / T))``
    """

    lr: Number
    total_steps: int
    min_lr: Number = 0.0

    def __post_init__(self):
        _validate(self, lr="> 0", total_steps=_INTEGER, min_lr=">= 0")
        if np.any(self.min_lr > self.lr):
            raise ValueError(f"min_lr must be <= lr, got min_lr={self.min_lr} and lr={self.lr}")

    def __call__(self, step):
        progress = np.minimum(step, self.total_steps) / self.total_steps
        return self.min_lr + (self.lr - self.min_lr) * (1 + np.cos(np.pi * progress)) / 2

    @property
    def latex(self) -> str:
        lr, min_lr = _latex_number(self.lr, r"\eta"), _latex_number(self.min_lr, r"\eta_{min}")
        total = self.total_steps
        wave = rf"\left(1 + \cos\frac{{\pi \min(t, {total})}}{{{total}}}\right)"
        if isinstance(self.min_lr, int | float) and self.min_lr == 0:
            return rf"\eta_t = \tfrac{{1}}{{2}} \cdot {lr} {wave}"
        return rf"\eta_t = {min_lr} + \tfrac{{1}}{{2}}({lr} - {min_lr}){wave}"


@dataclass(frozen=True)
class InverseTime:
    r"""Inverse-time decay with decay rate ``r = decay_rate`` and ``s = decay_steps``.

    ``\eta_t = \eta / (1 + r\, t / s)``
    """

    lr: Number
    decay_rate: Number
    decay_steps: int = 1

    def __post_init__(self):
        _validate(self, lr="> 0", decay_rate=">= 0", decay_steps=_INTEGER)

    def __call__(self, step):
        return self.lr / (1 + self.decay_rate * step / self.decay_steps)

    @property
    def latex(self) -> str:
        lr, rate = _latex_number(self.lr, r"\eta"), _latex_number(self.decay_rate, "r")
        time = "t" if self.decay_steps == 1 else f"t / {self.decay_steps}"
        return rf"\eta_t = \frac{{{lr}}}{{1 + {rate}\, {time}}}"


constant = Constant
step_decay = StepDecay
exponential = Exponential
cosine = Cosine
inverse_time = InverseTime

SCHEDULES: dict[str, Callable[..., Callable]] = {
    "constant": constant,
    "step_decay": step_decay,
    "exponential": exponential,
    "cosine": cosine,
    "inverse_time": inverse_time,
}


def values(schedule: Callable, steps: int) -> np.ndarray:
    """The learning rates of updates ``0 .. steps-1`` in one call, for plotting.

    Shape ``(steps,)`` for a scalar schedule, ``(steps, *schedule(0).shape)`` for a batch.
    """
    steps = _integer("steps", steps, minimum=0)
    shape = np.shape(schedule(0))
    step = np.arange(steps).reshape((steps,) + (1,) * len(shape))
    return np.array(np.broadcast_to(schedule(step), (steps, *shape)), dtype=np.float64)


def for_run(kind: str, lr: float, steps: int, *, gamma: float = 0.5, step_size: int = 50, decay_rate: float = 0.05):
    r"""The schedule ``kind`` of ``SCHEDULES`` starting at ``lr``, for a run of ``steps`` updates, set by the
    numbers a lesson varies: step decay multiplies the rate by ``gamma`` every ``step_size`` updates; the
    exponential schedule by the same amount spread evenly over them (:math:`\gamma^{t/s}`); the cosine
    spans the whole run; the inverse-time schedule decays at ``decay_rate``; the constant one keeps ``lr``."""
    if kind not in SCHEDULES:
        raise ValueError(f"kind must be one of {sorted(SCHEDULES)}, got {kind!r}")
    if kind == "step_decay":
        return step_decay(lr, step_size, gamma)
    if kind == "exponential":
        return exponential(lr, gamma, every=step_size)
    if kind == "cosine":
        return cosine(lr, max(steps, 1))
    if kind == "inverse_time":
        return inverse_time(lr, decay_rate)
    return constant(lr)
