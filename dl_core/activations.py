r"""Activation functions and their derivatives, stable for every finite float64 input.

Each activation is an :class:`Activation` in the registry :data:`ACTIVATIONS` (keys in the order
``sigmoid, tanh, relu, leaky_relu, elu, gelu, silu, softplus``); :func:`get` looks one up by name.
``fn`` and ``grad`` act elementwise: ``x`` of any shape gives an array of the same shape, float64.

Stability: for any finite ``x`` (up to the largest float64) ``fn`` and ``grad`` return finite values
and trigger no floating-point warning. Exponentials only ever get arguments <= 0, which cannot
overflow (they may underflow to 0, the correct limit, which NumPy does not report by default);
squares are taken of clipped arguments only; and :math:`1-\sigma(x)` is never formed by subtraction,
so the derivatives keep their relative accuracy in the tails. The one exception is ``leaky_relu``
with :math:`\alpha>1`, whose true value :math:`\alpha x` exceeds the largest float64 for the most
negative inputs.

Derivatives at the kinks follow PyTorch's autograd: ReLU'(0) = 0, LeakyReLU'(0) = :math:`\alpha`,
ELU'(0) = :math:`\alpha` (the left-hand derivatives, since each backward tests ``x > 0``).

GELU is the exact :math:`x\,\Phi(x)` (PyTorch's default, not its tanh approximation). NumPy has no
error function, so :func:`erf` and :func:`erfc` are implemented here from W. J. Cody, "Rational
Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631-637, with the
coefficients of his SPECFUN routine CALERF; they agree with the C library's ``erf``/``erfc`` to a
few units in the last place.
"""

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

# ---------------------------------------------------------------- the error function (Cody 1969)

# Cody's three intervals: |x| <= 0.46875, 0.46875 < |x| <= 4, |x| > 4.
_ERF_SMALL = 0.46875
_ERFC_MID = 4.0
# erfc(30) ~ 2.6e-393 is below the smallest float64 and erf(30) rounds to 1: clipping |x| at 30
# changes no result and keeps x**2 finite.
_ERF_CLIP = 30.0
_INV_SQRT_PI = 0.56418958354775628695  # 1/sqrt(pi)

# Cody's coefficients, reordered highest degree first for np.polyval.
# |x| <= 0.46875: erf(x) = x * A(x^2) / B(x^2)
_ERF_A = np.array([
    1.85777706184603153e-1, 3.16112374387056560e00, 1.13864154151050156e02,
    3.77485237685302021e02, 3.20937758913846947e03,
])
_ERF_B = np.array([
    1.0, 2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
    2.84423683343917062e03,
])
# 0.46875 < |x| <= 4: erfc(|x|) = exp(-x^2) * C(|x|) / D(|x|)
_ERFC_C = np.array([
    2.15311535474403846e-8, 5.64188496988670089e-1, 8.88314979438837594e00,
    6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
    1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
])
_ERFC_D = np.array([
    1.0, 1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
    1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
    3.43936767414372164e03, 1.23033935480374942e03,
])
# |x| > 4: erfc(|x|) = exp(-x^2) / |x| * (1/sqrt(pi) - z P(z) / Q(z)), z = 1/x^2
_ERFC_P = np.array([
    1.63153871373020978e-2, 3.05326634961232344e-1, 3.60344899949804439e-1,
    1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
])
_ERFC_Q = np.array([
    1.0, 2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
    6.05183413124413191e-2, 2.33520497626869185e-3,
])


def _exp_neg_square(y: np.ndarray) -> np.ndarray:
    r"""exp(-y^2) for 0 <= y <= 30, without the rounding error of y^2 (Cody's splitting).

    With :math:`a = \lfloor 16y \rfloor / 16`, :math:`a^2` is exact and
    :math:`e^{-y^2} = e^{-a^2}\,e^{-(y-a)(y+a)}`. Rounding :math:`y^2` directly would cost a
    relative error of about :math:`y^2` units in the last place (700 of them near :math:`y=26`).
    """
    a = np.trunc(16.0 * y) / 16.0
    return np.exp(-(y - a) * (y + a)) * np.exp(-a * a)


def _erf_near_zero(x: np.ndarray) -> np.ndarray:
    """erf(x) on Cody's first interval |x| <= 0.46875 (finite but meaningless beyond it, |x| <= 30)."""
    z = x * x
    return x * np.polyval(_ERF_A, z) / np.polyval(_ERF_B, z)


def _erfc_away_from_zero(y: np.ndarray) -> np.ndarray:
    """erfc(y) for 0.46875 < y <= 30 (finite but meaningless for smaller y >= 0).

    Each of Cody's two intervals is evaluated only on its own elements.
    """
    ratio = np.empty_like(y)
    middle = y <= _ERFC_MID
    ratio[middle] = np.polyval(_ERFC_C, y[middle]) / np.polyval(_ERFC_D, y[middle])
    far = y[~middle]
    z = 1.0 / (far * far)
    ratio[~middle] = (_INV_SQRT_PI - z * np.polyval(_ERFC_P, z) / np.polyval(_ERFC_Q, z)) / far
    return ratio * _exp_neg_square(y)


def _clipped(x) -> np.ndarray:
    return np.clip(np.asarray(x, dtype=np.float64), -_ERF_CLIP, _ERF_CLIP)


def erf(x) -> np.ndarray:
    r"""The error function, elementwise, to a few units in the last place (W. J. Cody, 1969).

    .. math:: \operatorname{erf}(x)=\frac{2}{\sqrt{\pi}}\int_0^x e^{-t^2}\,dt

    ``x`` of any shape gives an array of the same shape. Near zero a rational function of
    :math:`x^2`; elsewhere :math:`\operatorname{sign}(x)\,(1-\operatorname{erfc}|x|)`.
    """
    x = _clipped(x)
    result = np.empty_like(x)
    near = np.abs(x) <= _ERF_SMALL
    result[near] = _erf_near_zero(x[near])
    away = x[~near]
    result[~near] = np.copysign(1.0 - _erfc_away_from_zero(np.abs(away)), away)
    return result


def erfc(x) -> np.ndarray:
    r"""The complementary error function :math:`1-\operatorname{erf}(x)`, elementwise (Cody, 1969).

    .. math:: \operatorname{erfc}(x)=\frac{2}{\sqrt{\pi}}\int_x^\infty e^{-t^2}\,dt

    Accurate relative to its own value in the right tail, where :math:`1-\operatorname{erf}(x)`
    would round to 0 (for :math:`x` beyond about 5.9); it reaches the subnormal range near
    :math:`x=26.6` and 0 beyond 27.3. ``x`` of any shape gives an array of the same shape.
    """
    x = _clipped(x)
    result = np.empty_like(x)
    near = np.abs(x) <= _ERF_SMALL
    result[near] = 1.0 - _erf_near_zero(x[near])
    away = x[~near]
    tail = _erfc_away_from_zero(np.abs(away))
    result[~near] = np.where(away < 0, 2.0 - tail, tail)
    return result


# ---------------------------------------------------------------- the activations and derivatives

_SQRT_HALF = math.sqrt(0.5)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def _logistic_bump(e: np.ndarray) -> np.ndarray:
    r""":math:`e/(1+e)^2` for :math:`e=e^{-|z|}`: this is :math:`\sigma(z)\,\sigma(-z)=\sigma'(z)`.

    Its maximum is 1/4 at :math:`e=1`; rounding can overshoot that by one unit in the last place
    when :math:`e` is just below 1, so the result is held to the bound.
    """
    return np.minimum(e / (1.0 + e) ** 2, 0.25)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    r"""Logistic sigmoid :math:`\sigma(x)=1/(1+e^{-x})`, as :math:`e^{-|x|}/(1+e^{-|x|})` for
    :math:`x<0`, so that no exponential overflows."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def _sigmoid_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma'(x)=\sigma(x)\,(1-\sigma(x))=\sigma(x)\,\sigma(-x)`, accurate in both tails."""
    return _logistic_bump(np.exp(-np.abs(x)))


def _tanh(x: np.ndarray) -> np.ndarray:
    r"""Hyperbolic tangent, zero-centred (LeCun et al. 1998, "Efficient BackProp")."""
    return np.tanh(x)


def _tanh_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\tanh'(x)=1-\tanh^2(x)=4\sigma'(2x)`; computed from :math:`e^{-2|x|}` (as the square of
    :math:`e^{-|x|}`, since :math:`2x` overflows for the largest floats) to avoid the cancellation
    in :math:`1-\tanh^2` when :math:`|\tanh x|` is close to 1."""
    return 4.0 * _logistic_bump(np.exp(-np.abs(x)) ** 2)


def _relu(x: np.ndarray) -> np.ndarray:
    r""":math:`\max(0,x)` (Nair & Hinton 2010; Glorot, Bordes & Bengio 2011)."""
    return np.maximum(x, 0.0)


def _relu_grad(x: np.ndarray) -> np.ndarray:
    """1 for x > 0, else 0; at x = 0 the derivative is taken as 0, as PyTorch does."""
    return np.where(x > 0, 1.0, 0.0)


def _leaky_relu(x: np.ndarray, alpha: float) -> np.ndarray:
    r""":math:`x` for :math:`x>0`, :math:`\alpha x` otherwise, i.e. :math:`\max(x,0)+\alpha\min(x,0)`
    (Maas, Hannun & Ng 2013)."""
    return np.maximum(x, 0.0) + alpha * np.minimum(x, 0.0)


def _leaky_relu_grad(x: np.ndarray, alpha: float) -> np.ndarray:
    r"""1 for :math:`x>0`, else :math:`\alpha`; at 0 it is :math:`\alpha`, as PyTorch's backward."""
    return np.where(x > 0, 1.0, alpha)


def _elu(x: np.ndarray, alpha: float) -> np.ndarray:
    r""":math:`x` for :math:`x>0`, :math:`\alpha(e^x-1)` otherwise (Clevert, Unterthiner &
    Hochreiter 2015, arXiv:1511.07289); ``expm1`` keeps :math:`e^x-1` accurate near 0."""
    return np.maximum(x, 0.0) + alpha * np.expm1(np.minimum(x, 0.0))


def _elu_grad(x: np.ndarray, alpha: float) -> np.ndarray:
    r"""1 for :math:`x>0`, else :math:`\alpha e^x`; at 0 it is :math:`\alpha`, as PyTorch's backward
    (continuous only for :math:`\alpha=1`)."""
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    r""":math:`\Phi(x)=\tfrac12\operatorname{erfc}(-x/\sqrt2)`, accurate in the left tail too."""
    return 0.5 * erfc(-x * _SQRT_HALF)


def _normal_pdf(x: np.ndarray) -> np.ndarray:
    r""":math:`\varphi(x)=e^{-x^2/2}/\sqrt{2\pi}`; exactly 0 in float64 once :math:`|x|/\sqrt2>27.3`,
    so the argument is clipped before squaring."""
    return _INV_SQRT_2PI * _exp_neg_square(np.minimum(np.abs(x) * _SQRT_HALF, _ERF_CLIP))


def _gelu(x: np.ndarray) -> np.ndarray:
    r"""Exact GELU :math:`x\,\Phi(x)` (Hendrycks & Gimpel 2016, arXiv:1606.08415)."""
    return x * _normal_cdf(x)


def _gelu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\Phi(x)+x\,\varphi(x)`."""
    return _normal_cdf(x) + x * _normal_pdf(x)


def _silu(x: np.ndarray) -> np.ndarray:
    r""":math:`x\,\sigma(x)` (Elfwing, Uchibe & Doya 2017, arXiv:1702.03118; as Swish with
    :math:`\beta=1`, Ramachandran, Zoph & Le 2017, arXiv:1710.05941)."""
    return x * _sigmoid(x)


def _silu_grad(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma(x)\,(1+x(1-\sigma(x)))=\sigma(x)+x\,\sigma'(x)`; the second form never
    multiplies a huge :math:`x` by anything but a factor that has already underflowed to 0."""
    return _sigmoid(x) + x * _sigmoid_grad(x)


def _softplus(x: np.ndarray) -> np.ndarray:
    r""":math:`\ln(1+e^x)=\max(x,0)+\ln(1+e^{-|x|})` (Dugas et al. 2001)."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


# ---------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Activation:
    r"""An activation function with its derivative and how to display both.

    - ``name``: the registry key.
    - ``fn(x, **params)``: the function, elementwise; ``x`` of any shape, result of the same shape.
    - ``grad(x, **params)``: its derivative with respect to ``x``, elementwise, same shape.
    - ``params``: the parameters and their defaults (read-only), e.g. ``{"alpha": 0.01}``;
      any of them may be overridden by keyword, and an unknown keyword raises ``ValueError``.
    - ``latex`` and ``grad_latex``: the function and its derivative, for ``st.latex``.
    """

    name: str
    fn: Callable[..., np.ndarray]
    grad: Callable[..., np.ndarray]
    params: Mapping[str, float]
    latex: str
    grad_latex: str


def _activation(name: str, fn, grad, latex: str, grad_latex: str, **defaults: float) -> Activation:
    """Build an :class:`Activation` whose ``fn``/``grad`` take float64 arrays and the defaults."""
    params = MappingProxyType(defaults)

    def with_params(formula: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
        @functools.wraps(formula)
        def evaluate(x, **overrides: float) -> np.ndarray:
            unknown = sorted(set(overrides) - set(params))
            if unknown:
                accepted = ", ".join(params) or "none"
                raise ValueError(f"{name} has no parameter {', '.join(unknown)} (its parameters: {accepted})")
            return formula(np.asarray(x, dtype=np.float64), **{**params, **overrides})

        return evaluate

    return Activation(name, with_params(fn), with_params(grad), params, latex, grad_latex)


# Piecewise definitions, x > 0 first (the derivative at 0 is the left-hand one, as in PyTorch).
_CASES = r"\begin{{cases}}{positive}, & x>0\\ {otherwise}, & x\le 0\end{{cases}}"

ACTIVATIONS: dict[str, Activation] = {
    activation.name: activation
    for activation in (
        _activation(
            "sigmoid", _sigmoid, _sigmoid_grad,
            latex=r"\sigma(x)=\frac{1}{1+e^{-x}}",
            grad_latex=r"\sigma'(x)=\sigma(x)\,\bigl(1-\sigma(x)\bigr)",
        ),
        _activation(
            "tanh", _tanh, _tanh_grad,
            latex=r"\tanh(x)=\frac{e^{x}-e^{-x}}{e^{x}+e^{-x}}",
            grad_latex=r"\tanh'(x)=1-\tanh^{2}(x)",
        ),
        _activation(
            "relu", _relu, _relu_grad,
            latex=r"\operatorname{ReLU}(x)=\max(0,\,x)",
            grad_latex=r"\operatorname{ReLU}'(x)=" + _CASES.format(positive="1", otherwise="0"),
        ),
        _activation(
            "leaky_relu", _leaky_relu, _leaky_relu_grad,
            latex=r"\operatorname{LeakyReLU}(x)=" + _CASES.format(positive="x", otherwise=r"\alpha x"),
            grad_latex=r"\operatorname{LeakyReLU}'(x)=" + _CASES.format(positive="1", otherwise=r"\alpha"),
            alpha=0.01,
        ),
        _activation(
            "elu", _elu, _elu_grad,
            latex=r"\operatorname{ELU}(x)=" + _CASES.format(positive="x", otherwise=r"\alpha\,(e^{x}-1)"),
            grad_latex=r"\operatorname{ELU}'(x)=" + _CASES.format(positive="1", otherwise=r"\alpha\,e^{x}"),
            alpha=1.0,
        ),
        _activation(
            "gelu", _gelu, _gelu_grad,
            latex=r"\operatorname{GELU}(x)=x\,\Phi(x)"
            r"=\frac{x}{2}\Bigl(1+\operatorname{erf}\frac{x}{\sqrt{2}}\Bigr)",
            grad_latex=r"\operatorname{GELU}'(x)=\Phi(x)+x\,\varphi(x),"
            r"\quad \varphi(x)=\frac{e^{-x^{2}/2}}{\sqrt{2\pi}}",
        ),
        _activation(
            "silu", _silu, _silu_grad,
            latex=r"\operatorname{SiLU}(x)=x\,\sigma(x)=\frac{x}{1+e^{-x}}",
            grad_latex=r"\operatorname{SiLU}'(x)=\sigma(x)\,\bigl(1+x\,(1-\sigma(x))\bigr)",
        ),
        _activation(
            "softplus", _softplus, _sigmoid,
            latex=r"\operatorname{softplus}(x)=\ln\bigl(1+e^{x}\bigr)",
            grad_latex=r"\operatorname{softplus}'(x)=\sigma(x)=\frac{1}{1+e^{-x}}",
        ),
    )
}


def get(name: str) -> Activation:
    """The activation called ``name``; ``ValueError`` listing the known names if there is none."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; known: {', '.join(ACTIVATIONS)}") from None


def _one_ufunc_sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 + 0.5 * np.tanh(0.5 * z)  # one ufunc, never overflows


# The activations a training loop uses most, each as (f, f' from the output f): one ufunc per pass instead of the
# tail-exact forms above (a speed measure of the batch-norm sweep and the sandbox). They agree with the exact ones to
# about 1e-16 in absolute value; only in the far tails, where the derivatives are tiny anyway, do they lose their
# relative accuracy.
FAST = {
    "sigmoid": (_one_ufunc_sigmoid, lambda out: out * (1.0 - out)),
    "tanh": (np.tanh, lambda out: 1.0 - out * out),
    "relu": (lambda z: np.maximum(z, 0.0), lambda out: (out > 0.0).astype(np.float64)),
}


def activation_pair(name: str, exact: bool = False):
    """``(f, f'(z, out))`` of an activation: the fast pair above, or (``exact``, or none above) the engine's function
    and derivative."""
    if name in FAST and not exact:
        fn, grad = FAST[name]
        return fn, lambda z, out: grad(out)
    activation = get(name)
    return activation.fn, lambda z, out: activation.grad(z)
