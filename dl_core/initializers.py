r"""Weight initializers: a weight matrix of shape ``(fan_in, fan_out)`` and its theoretical variance.

Each initializer is a function ``(fan_in, fan_out, rng, **params) -> ndarray (fan_in, fan_out)``
drawing from the explicit ``rng: np.random.Generator`` (so ``x @ W`` maps ``fan_in`` inputs to
``fan_out`` units; PyTorch stores the transpose). The registry :data:`INITIALIZERS` pairs each with
its variance, its LaTeX and its paper.

Why the variance matters: a unit computes :math:`z=\sum_{i=1}^{n_\text{in}} w_i x_i`. With
independent zero-mean weights and inputs, the variance of a sum of uncorrelated terms is the sum
of their variances (Bienaymé), so :math:`\mathrm{Var}(z)=n_\text{in}\,\mathrm{Var}(W)\,\mathrm{Var}(x)`.
Choosing :math:`\mathrm{Var}(W)=1/n_\text{in}` keeps the scale of the signal from layer to layer
(LeCun); averaging the forward and backward conditions gives :math:`2/(n_\text{in}+n_\text{out})`
(Glorot); ReLU zeroes half of its inputs, which :math:`2/n_\text{in}` compensates (He).
All-zero or constant weights make every unit of a layer compute the same thing (the symmetry is
never broken), so their variance is 0.

The ``*_normal`` initializers draw from an untruncated normal, as ``torch.nn.init`` does (Keras
truncates at two standard deviations and rescales), so their variance is exactly the formula's.
"""

import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

# Defaults of the fixed-scale baselines (std and limit as Keras's RandomNormal and RandomUniform):
# scales that ignore the layer's size, to set against the fan-scaled initializers.
_CONSTANT_VALUE = 0.1
_NORMAL_STD = 0.05
_UNIFORM_LIMIT = 0.05

_GLOROT = (
    "X. Glorot, Y. Bengio. Understanding the difficulty of training deep feedforward neural networks. "
    "AISTATS 2010"
)
_HE = (
    "K. He, X. Zhang, S. Ren, J. Sun. Delving deep into rectifiers: surpassing human-level "
    "performance on ImageNet classification. ICCV 2015, arXiv:1502.01852"
)
_LECUN = (
    "Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller. Efficient BackProp. "
    "Neural Networks: Tricks of the Trade, 1998"
)


# ---------------------------------------------------------------- validation


def _check_fans(fan_in, fan_out) -> None:
    for name, value in (("fan_in", fan_in), ("fan_out", fan_out)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")


def _check_finite(name: str, value: float, minimum: float = -math.inf) -> None:
    if not (math.isfinite(value) and value >= minimum):
        bound = "" if minimum == -math.inf else f" >= {minimum:g}"
        raise ValueError(f"{name} must be a finite number{bound}, got {value!r}")


# ---------------------------------------------------------------- variances


def _zeros_variance(fan_in: int, fan_out: int) -> float:
    _check_fans(fan_in, fan_out)
    return 0.0


def _constant_variance(fan_in: int, fan_out: int, *, value: float = _CONSTANT_VALUE) -> float:
    _check_fans(fan_in, fan_out)
    _check_finite("value", value)
    return 0.0


def _normal_variance(fan_in: int, fan_out: int, *, std: float = _NORMAL_STD) -> float:
    _check_fans(fan_in, fan_out)
    _check_finite("std", std, minimum=0.0)
    return std**2


def _uniform_variance(fan_in: int, fan_out: int, *, limit: float = _UNIFORM_LIMIT) -> float:
    _check_fans(fan_in, fan_out)
    _check_finite("limit", limit, minimum=0.0)
    return limit**2 / 3.0


def _glorot_variance(fan_in: int, fan_out: int) -> float:
    _check_fans(fan_in, fan_out)
    return 2.0 / (fan_in + fan_out)


def _he_variance(fan_in: int, fan_out: int) -> float:
    _check_fans(fan_in, fan_out)
    return 2.0 / fan_in


def _lecun_variance(fan_in: int, fan_out: int) -> float:
    _check_fans(fan_in, fan_out)
    return 1.0 / fan_in


# ---------------------------------------------------------------- initializers


def zeros(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    r"""All weights 0: :math:`W=0`, :math:`\mathrm{Var}(W)=0`. Every unit stays identical.

    ``rng`` is accepted for a uniform signature and not used. Returns ``(fan_in, fan_out)``.
    """
    _zeros_variance(fan_in, fan_out)
    return np.zeros((fan_in, fan_out))


def constant(
    fan_in: int, fan_out: int, rng: np.random.Generator, *, value: float = _CONSTANT_VALUE
) -> np.ndarray:
    r"""All weights equal: :math:`W=c`, :math:`\mathrm{Var}(W)=0`. Every unit stays identical.

    ``rng`` is accepted for a uniform signature and not used. Returns ``(fan_in, fan_out)``.
    """
    _constant_variance(fan_in, fan_out, value=value)
    return np.full((fan_in, fan_out), float(value))


def normal(fan_in: int, fan_out: int, rng: np.random.Generator, *, std: float = _NORMAL_STD) -> np.ndarray:
    r"""A fixed-scale normal: :math:`W\sim\mathcal{N}(0,\sigma^2)`, :math:`\mathrm{Var}(W)=\sigma^2`.

    The scale ignores the layer's size, which is what the fan-scaled initializers correct.
    Returns ``(fan_in, fan_out)``.
    """
    _normal_variance(fan_in, fan_out, std=std)
    return rng.normal(0.0, std, size=(fan_in, fan_out))


def uniform(
    fan_in: int, fan_out: int, rng: np.random.Generator, *, limit: float = _UNIFORM_LIMIT
) -> np.ndarray:
    r"""A fixed-scale uniform: :math:`W\sim U(-a,a)`, :math:`\mathrm{Var}(W)=a^2/3`.

    Returns ``(fan_in, fan_out)``.
    """
    _uniform_variance(fan_in, fan_out, limit=limit)
    return rng.uniform(-limit, limit, size=(fan_in, fan_out))


def xavier_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    r"""Glorot/Xavier normal: :math:`W\sim\mathcal{N}\bigl(0,\tfrac{2}{n_\text{in}+n_\text{out}}\bigr)`.

    For tanh and sigmoid layers (Glorot & Bengio, AISTATS 2010). Returns ``(fan_in, fan_out)``.
    """
    return normal(fan_in, fan_out, rng, std=math.sqrt(_glorot_variance(fan_in, fan_out)))


def xavier_uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    r"""Glorot/Xavier uniform: :math:`W\sim U(-a,a)`, :math:`a=\sqrt{6/(n_\text{in}+n_\text{out})}`,
    so :math:`\mathrm{Var}(W)=a^2/3=2/(n_\text{in}+n_\text{out})` (Glorot & Bengio, AISTATS 2010,
    eq. 16). Returns ``(fan_in, fan_out)``.
    """
    return uniform(fan_in, fan_out, rng, limit=math.sqrt(3.0 * _glorot_variance(fan_in, fan_out)))


def he_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    r"""He/Kaiming normal (fan-in mode, for ReLU): :math:`W\sim\mathcal{N}(0,\,2/n_\text{in})`
    (He et al. 2015, arXiv:1502.01852). Returns ``(fan_in, fan_out)``.
    """
    return normal(fan_in, fan_out, rng, std=math.sqrt(_he_variance(fan_in, fan_out)))


def he_uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    r"""He/Kaiming uniform (fan-in mode, for ReLU): :math:`W\sim U(-a,a)`, :math:`a=\sqrt{6/n_\text{in}}`,
    so :math:`\mathrm{Var}(W)=2/n_\text{in}` (He et al. 2015). Returns ``(fan_in, fan_out)``.
    """
    return uniform(fan_in, fan_out, rng, limit=math.sqrt(3.0 * _he_variance(fan_in, fan_out)))


def lecun_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    r"""LeCun normal: :math:`W\sim\mathcal{N}(0,\,1/n_\text{in})` (LeCun et al. 1998, "Efficient
    BackProp"; also the initializer for SELU). Returns ``(fan_in, fan_out)``.
    """
    return normal(fan_in, fan_out, rng, std=math.sqrt(_lecun_variance(fan_in, fan_out)))


# ---------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Initializer:
    r"""An initializer with its theoretical variance and how to display it.

    - ``name``: the registry key.
    - ``sample(fan_in, fan_out, rng, **params)``: the initializer function, ``(fan_in, fan_out)``.
    - ``variance(fan_in, fan_out, **params) -> float``: :math:`\mathrm{Var}(W)` of each weight.
    - ``params``: keyword parameters and their defaults (read-only), e.g. ``{"std": 0.05}``.
    - ``latex``: the distribution and its variance, for ``st.latex``.
    - ``paper``: where it comes from ("" for the plain baselines).
    """

    name: str
    sample: Callable[..., np.ndarray]
    variance: Callable[..., float]
    params: Mapping[str, float]
    latex: str
    paper: str


_GLOROT_VARIANCE = r"\frac{2}{n_\text{in}+n_\text{out}}"
_HE_VARIANCE = r"\frac{2}{n_\text{in}}"


def _latex(distribution: str, variance: str) -> str:
    return distribution + r",\quad \mathrm{Var}(W)=" + variance


def _normal_latex(variance: str) -> str:
    return _latex(r"W\sim\mathcal{N}\Bigl(0,\," + variance + r"\Bigr)", variance)


def _uniform_latex(limit_squared: str, variance: str) -> str:
    limit = r"\sqrt{" + limit_squared + "}"
    return _latex(r"W\sim U\Bigl(-" + limit + r",\," + limit + r"\Bigr)", variance)


def _initializer(sample, variance, latex: str, paper: str = "") -> Initializer:
    """Build an :class:`Initializer`; its ``params`` are the keyword defaults of ``sample``."""
    params = {
        parameter.name: parameter.default
        for parameter in inspect.signature(sample).parameters.values()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    }
    return Initializer(sample.__name__, sample, variance, MappingProxyType(params), latex, paper)


INITIALIZERS: dict[str, Initializer] = {
    initializer.name: initializer
    for initializer in (
        _initializer(zeros, _zeros_variance, _latex("W=0", "0")),
        _initializer(constant, _constant_variance, _latex("W=c", "0")),
        _initializer(normal, _normal_variance, _normal_latex(r"\sigma^2")),
        _initializer(uniform, _uniform_variance, _latex(r"W\sim U(-a,\,a)", r"\frac{a^2}{3}")),
        _initializer(xavier_normal, _glorot_variance, _normal_latex(_GLOROT_VARIANCE), _GLOROT),
        _initializer(
            xavier_uniform, _glorot_variance,
            _uniform_latex(r"\frac{6}{n_\text{in}+n_\text{out}}", _GLOROT_VARIANCE), _GLOROT,
        ),
        _initializer(he_normal, _he_variance, _normal_latex(_HE_VARIANCE), _HE),
        _initializer(he_uniform, _he_variance, _uniform_latex(r"\frac{6}{n_\text{in}}", _HE_VARIANCE), _HE),
        _initializer(lecun_normal, _lecun_variance, _normal_latex(r"\frac{1}{n_\text{in}}"), _LECUN),
    )
}
