r"""Measurements of activation functions: the claims of lesson 1 as numbers.

- :func:`properties`: output range, mean output for :math:`x\sim\mathcal N(0,1)`, largest derivative,
  and the shares of standard normal inputs that land in saturation or get no gradient at all.
- :func:`output_distribution`, :func:`output_histogram`: the distribution of :math:`f(x)` for
  :math:`x\sim\mathcal N(\mu,\sigma^2)`, with its mean (is the function zero-centred?).
- :func:`chain_weights`, :func:`forward_through_chain`, :func:`gradient_sizes`: a gradient sent
  back through a stack of dense layers (vanishing gradients).
- :func:`dead_units`: the units of a layer whose bias is shifted that never fire over a batch.
- :func:`distance_from_identity`: how far a function is from :math:`f(x)=x` (a linear layer).

Expectations over a normal input are integrals against the normal density, computed by quadrature
or, for the shares, from the normal CDF at the boundaries of the region (found by bisection), so
closed forms such as ReLU's dead share :math:`\Phi(0)=1/2` come out to rounding error, not to
sampling error. Everything is float64; activations are named as in :data:`dl_core.activations.ACTIVATIONS`
and take their parameters (``alpha``) as keywords.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from dl_core.activations import ACTIVATIONS, erfc
from dl_core.quadrature import simpson_weights

# The search grid: hundredths over [-40, 40], with 0 and the integers exactly on it. Beyond |x| = 40
# the normal density is below 1e-300, so nothing there changes a share or a mean.
_GRID_SPAN = 40
_GRID_STEPS_PER_UNIT = 100
_GRID = np.arange(-_GRID_SPAN * _GRID_STEPS_PER_UNIT, _GRID_SPAN * _GRID_STEPS_PER_UNIT + 1) / _GRID_STEPS_PER_UNIT
_GRID_STEP = 1.0 / _GRID_STEPS_PER_UNIT
# Values at +-infinity are read at +-1e300 (every activation is finite there); beyond 1e100 is infinite.
_FAR = 1e300
_INFINITE = 1e100
# A bound of the output range counts as reached if some |x| <= 5 gives it (tanh(19) already rounds to 1).
_REACHED_WITHIN = 5.0
# Where signs are compared: beyond |x| = 10 some outputs (GELU's x Phi(x)) underflow to 0.
_MODERATE = _GRID[np.abs(_GRID) <= 10.0]
_BISECTIONS = 60
# Quadrature: Simpson's rule on [mu - 10 sigma, mu + 10 sigma] in steps of sigma / 200, with mu a node
# (the normal mass beyond 10 sigma is below 1e-23).
_QUADRATURE_SPAN = 10
_QUADRATURE_STEPS_PER_UNIT = 200


def normal_cdf(x) -> np.ndarray:
    r""":math:`\Phi(x)=\tfrac12\operatorname{erfc}(-x/\sqrt2)`, accurate in both tails."""
    return 0.5 * erfc(-np.asarray(x, dtype=np.float64) / math.sqrt(2.0))


def _refined_max(evaluate, x: np.ndarray) -> float:
    """The largest value of ``evaluate`` on ``x``, refined on a fine grid around the best point."""
    values = evaluate(x)
    best = int(np.argmax(values))
    fine = np.linspace(x[best] - _GRID_STEP, x[best] + _GRID_STEP, 2001)
    return float(max(values[best], np.max(evaluate(fine))))


def region_edges(inside) -> tuple[np.ndarray, np.ndarray]:
    r"""Where the elementwise predicate ``inside`` switches along the real line.

    Returns the switching points (read off the search grid, each refined by bisection to rounding
    error) and, for each, whether ``inside`` holds just to its left. Beyond the grid (|x| > 40) the
    predicate is taken to hold as it does at the grid's ends.
    """
    flags = inside(_GRID)
    edges = np.flatnonzero(flags[1:] != flags[:-1])
    left, right, left_flag = _GRID[edges], _GRID[edges + 1], flags[edges]
    for _ in range(_BISECTIONS):
        middle = 0.5 * (left + right)
        same = inside(middle) == left_flag
        left, right = np.where(same, middle, left), np.where(same, right, middle)
    return 0.5 * (left + right), left_flag


def intervals(inside) -> tuple[tuple[float, float], ...]:
    """The set where ``inside`` holds, as disjoint intervals ``(low, high)`` (ends may be +-inf)."""
    edges, _ = region_edges(inside)
    bounds = ([-np.inf] if bool(inside(_GRID[:1])[0]) else []) + list(edges)
    if len(bounds) % 2:
        bounds.append(np.inf)
    return tuple((float(low), float(high)) for low, high in zip(bounds[::2], bounds[1::2], strict=True))


def normal_mass(spans: tuple[tuple[float, float], ...]) -> float:
    r""":math:`\sum_k \Phi(b_k)-\Phi(a_k)` over the intervals :math:`(a_k, b_k)`: their probability under
    :math:`\mathcal N(0,1)`. Right of 0 it is taken as :math:`\Phi(-a_k)-\Phi(-b_k)`, so a far tail keeps
    its relative accuracy."""
    total = 0.0
    for low, high in spans:
        total += float(normal_cdf(-low) - normal_cdf(-high) if low > 0 else normal_cdf(high) - normal_cdf(low))
    return total


def normal_share(inside) -> float:
    r""":math:`P(\text{inside}(Z))` for :math:`Z\sim\mathcal N(0,1)`: the normal mass of the set where the
    elementwise predicate ``inside`` holds."""
    return normal_mass(intervals(inside))


@dataclass(frozen=True)
class Range:
    """The set of values a function takes: ``low``/``high`` (may be +-inf) and whether each is reached."""

    low: float
    high: float
    low_reached: bool
    high_reached: bool


def output_range(name: str, **params) -> Range:
    r"""The range of :math:`f` over :math:`\mathbb R`: its infimum and supremum (the limits at
    :math:`\pm\infty`, or an interior extremum such as GELU's minimum), and whether each is attained."""
    fn = ACTIVATIONS[name].fn

    def evaluate(x):
        return fn(x, **params)

    limits = evaluate(np.array([-_FAR, _FAR]))
    limits = np.where(np.abs(limits) > _INFINITE, np.copysign(np.inf, limits), limits)
    near = _GRID[np.abs(_GRID) <= _REACHED_WITHIN]
    bounds = []
    for sign in (-1.0, 1.0):  # the infimum as minus the supremum of -f, then the supremum
        interior = sign * _refined_max(lambda x, s=sign: s * evaluate(x), _GRID)
        limit = float(sign * np.max(sign * limits))
        if sign * interior > sign * limit:
            bounds.append((interior, True))
        else:
            bounds.append((limit, bool(np.any(evaluate(near) == limit))))
    (low, low_reached), (high, high_reached) = bounds
    return Range(low, high, low_reached, high_reached)


def max_derivative(name: str, **params) -> float:
    r""":math:`\sup_x |f'(x)|` (sigmoid: 1/4 at 0; tanh: 1 at 0; softplus: 1 as :math:`x\to\infty`)."""
    grad = ACTIVATIONS[name].grad
    at_infinity = np.max(np.abs(grad(np.array([-_FAR, _FAR]), **params)))
    return max(_refined_max(lambda x: np.abs(grad(x, **params)), _GRID), float(at_infinity))


_STANDARD_NODES = (
    np.arange(-_QUADRATURE_SPAN * _QUADRATURE_STEPS_PER_UNIT, _QUADRATURE_SPAN * _QUADRATURE_STEPS_PER_UNIT + 1)
    / _QUADRATURE_STEPS_PER_UNIT
)
_STANDARD_WEIGHTS = (
    simpson_weights(_STANDARD_NODES.size)
    / _QUADRATURE_STEPS_PER_UNIT
    * np.exp(-0.5 * _STANDARD_NODES**2)
    / math.sqrt(2.0 * math.pi)
)


@dataclass(frozen=True)
class OutputDistribution:
    r"""The output :math:`f(x)` for :math:`x\sim\mathcal N(\mu,\sigma^2)`.

    ``values`` and ``weights`` (shape ``(nodes,)``) are quadrature nodes :math:`f(x_k)` and their
    probabilities: a histogram of ``values`` weighted by ``weights`` is the distribution of the output.
    ``mean`` is :math:`E f(x)` and ``std`` its standard deviation.
    """

    values: np.ndarray
    weights: np.ndarray
    mean: float
    std: float


def output_distribution(name: str, mu: float = 0.0, sigma: float = 1.0, **params) -> OutputDistribution:
    r""":math:`f(\mu+\sigma z)` on Simpson nodes :math:`z_k` with weights :math:`w_k\varphi(z_k)`;
    :math:`E f=\sum_k w_k\varphi(z_k) f(\mu+\sigma z_k)`.

    Nodes span :math:`\pm 10` standard deviations; 0 is a node, so a kink at the mean costs no accuracy.
    """
    values = ACTIVATIONS[name].fn(mu + sigma * _STANDARD_NODES, **params)
    mean = float(np.sum(_STANDARD_WEIGHTS * values))
    variance = float(np.sum(_STANDARD_WEIGHTS * (values - mean) ** 2))
    return OutputDistribution(values, _STANDARD_WEIGHTS, mean, math.sqrt(max(variance, 0.0)))


@dataclass(frozen=True)
class Histogram:
    """The distribution of an activation's output as ``probabilities`` of the bins between ``edges``.

    ``shown`` is the probability inside the edges (the bins leave out the extreme tails);
    ``mean`` and ``std`` are those of the whole distribution.
    """

    edges: np.ndarray
    probabilities: np.ndarray
    mean: float
    std: float
    shown: float


def output_histogram(
    name: str, mu: float = 0.0, sigma: float = 1.0, bins: int = 40, tail: float = 1e-3, **params
) -> Histogram:
    r"""The histogram of :math:`f(x)`, :math:`x\sim\mathcal N(\mu,\sigma^2)`, from :func:`output_distribution`.

    The bins span the ``tail`` and ``1 - tail`` quantiles of the output; an output that is (almost)
    a single value gets a narrow span around it.
    """
    distribution = output_distribution(name, mu, sigma, **params)
    order = np.argsort(distribution.values, kind="stable")
    cumulative = np.cumsum(distribution.weights[order])
    sorted_values = distribution.values[order]
    low, high = (float(sorted_values[min(np.searchsorted(cumulative, q * cumulative[-1]), order.size - 1)])
                 for q in (tail, 1.0 - tail))
    pad = 1e-3 * max(1.0, abs(low), abs(high))
    if high - low < pad:
        low, high = low - pad, high + pad
    probabilities, edges = np.histogram(distribution.values, bins=bins, range=(low, high), weights=distribution.weights)
    return Histogram(edges, probabilities, distribution.mean, distribution.std, float(np.sum(probabilities)))


@dataclass(frozen=True)
class Properties:
    r"""What the properties table shows for one activation (inputs :math:`x\sim\mathcal N(0,1)`).

    - ``output``: the range of :math:`f`.
    - ``mean``, ``std``: of :math:`f(x)`; zero-centred means ``mean`` is small against ``std``.
    - ``max_derivative``: :math:`\sup|f'|`.
    - ``saturated_where``: the intervals of :math:`x` where :math:`|f'(x)|<\text{threshold}\cdot\sup|f'|`.
    - ``saturated_share``: the normal mass of those intervals.
    - ``dead_share``: :math:`P(f'(x)=0)`: inputs that pass no gradient back at all.
    - ``keeps_sign``: :math:`\operatorname{sign} f(x)=\operatorname{sign} x` on the grid within
      :math:`|x|\le 10` (negative in, negative out, and :math:`f(0)=0`; further out GELU's output
      underflows to 0).
    - ``least_positive_slope``: :math:`\min_{x>0} f'(x)` on the grid: 1 means no decay at all for :math:`x>0`.
    """

    output: Range
    mean: float
    std: float
    max_derivative: float
    saturated_where: tuple[tuple[float, float], ...]
    saturated_share: float
    dead_share: float
    keeps_sign: bool
    least_positive_slope: float


def properties(name: str, threshold: float = 0.05, **params) -> Properties:
    """Measure the :class:`Properties` of the activation ``name`` with parameters ``params``."""
    fn, grad = ACTIVATIONS[name].fn, ACTIVATIONS[name].grad
    largest = max_derivative(name, **params)
    moments = output_distribution(name, **params)

    def is_saturated(x):
        return np.abs(grad(x, **params)) < threshold * largest

    saturated_where = intervals(is_saturated)
    return Properties(
        output=output_range(name, **params),
        mean=moments.mean,
        std=moments.std,
        max_derivative=largest,
        saturated_where=saturated_where,
        saturated_share=normal_mass(saturated_where),
        dead_share=normal_share(lambda x: grad(x, **params) == 0.0),
        keeps_sign=bool(np.all(np.sign(fn(_MODERATE, **params)) == np.sign(_MODERATE))),
        least_positive_slope=float(np.min(grad(_GRID[_GRID > 0], **params))),
    )


def distance_from_identity(name: str, span: float = 1.0, **params) -> float:
    r""":math:`\max_{|x|\le\text{span}}|f(x)-x|` on the grid: 0 means the function is the identity there
    (Leaky ReLU with :math:`\alpha=1`), and a stack of such layers is a single linear map."""
    x = _GRID[np.abs(_GRID) <= span]
    return float(np.max(np.abs(ACTIVATIONS[name].fn(x, **params) - x)))


# ---------------------------------------------------------------- a gradient through a stack of layers


def chain_weights(depth: int, width: int, scale: float, rng: np.random.Generator) -> np.ndarray:
    r"""Weights of ``depth`` dense ``width x width`` layers, :math:`W_l\sim\mathcal N(0,\text{scale}^2/\text{width})`;
    shape ``(depth, width, width)``. ``scale = 1`` is LeCun's initialization, :math:`\sqrt2` He's."""
    return rng.normal(0.0, scale / math.sqrt(width), size=(depth, width, width))


@dataclass(frozen=True)
class ChainPass:
    r"""A forward pass :math:`z_l=a_{l-1}W_l`, :math:`a_l=f(z_l)` through the stack.

    ``derivatives``: :math:`f'(z_l)`, shape ``(depth, batch, width)``.
    ``off_centre``: per layer, the mean of :math:`a_l` over its RMS, in [-1, 1] (0 when the outputs
    are centred on zero, 1 when all are equal and positive); shape ``(depth,)``.
    """

    derivatives: np.ndarray
    off_centre: np.ndarray


def forward_through_chain(name: str, inputs: np.ndarray, weights: np.ndarray, **params) -> ChainPass:
    """Run ``inputs`` (batch, width) through the layers ``weights`` (depth, width, width) without biases."""
    activation = ACTIVATIONS[name]
    derivatives, off_centre = [], []
    outputs = np.asarray(inputs, dtype=np.float64)
    for layer in weights:
        pre_activations = outputs @ layer
        outputs = activation.fn(pre_activations, **params)
        derivatives.append(activation.grad(pre_activations, **params))
        rms = math.sqrt(float(np.mean(outputs**2)))
        off_centre.append(float(np.mean(outputs)) / rms if rms > 0 else 0.0)
    return ChainPass(np.stack(derivatives), np.array(off_centre))


def gradient_sizes(derivatives: np.ndarray, weights: np.ndarray, output_grad: np.ndarray) -> np.ndarray:
    r"""RMS of :math:`\delta_l=\partial\ell/\partial z_l` for every layer, sent back from ``output_grad``.

    .. math:: \delta_L=f'(z_L)\odot g,\qquad \delta_l=f'(z_l)\odot\bigl(\delta_{l+1}W_{l+1}^{\top}\bigr)

    ``derivatives`` (depth, batch, width) and ``weights`` (depth, width, width) are those of the layers
    1..L; ``output_grad`` :math:`g` is (batch, width). Returns shape ``(depth,)``, layer 1 first.
    Each step multiplies by one :math:`f'`, so with sigmoid (:math:`f'\le 1/4`) and unit weights the
    gradient at layer 1 is at most :math:`4^{-L}|g|`.
    """
    delta = derivatives[-1] * output_grad
    sizes = [math.sqrt(float(np.mean(delta**2)))]
    for layer in range(len(weights) - 2, -1, -1):
        delta = derivatives[layer] * (delta @ weights[layer + 1].T)
        sizes.append(math.sqrt(float(np.mean(delta**2))))
    return np.array(sizes[::-1])


# ---------------------------------------------------------------- dead units


@dataclass(frozen=True)
class DeadUnits:
    r"""A layer :math:`z=xW+b` seen over a batch, for every bias shift :math:`b` in ``shifts``.

    ``dead_share``: the share of units whose :math:`f'(z)` is 0 for every example of the batch;
    such a unit gets exactly zero update, :math:`\partial\ell/\partial W_{\cdot j}=\sum_i x_i\,\delta_{ij}=0`.
    ``mean_grad``: :math:`|f'(z)|` averaged over units and examples: how much gradient passes.
    Both have the shape of ``shifts``.
    """

    shifts: np.ndarray
    dead_share: np.ndarray
    mean_grad: np.ndarray


def dead_units(name: str, inputs: np.ndarray, weights: np.ndarray, shifts: np.ndarray, **params) -> DeadUnits:
    """Evaluate :class:`DeadUnits` for ``inputs`` (batch, fan_in) and ``weights`` (fan_in, units)."""
    shifts = np.asarray(shifts, dtype=np.float64)
    pre_activations = (np.asarray(inputs) @ weights)[None] + shifts[:, None, None]  # (shifts, batch, units)
    passed = np.abs(ACTIVATIONS[name].grad(pre_activations, **params))
    return DeadUnits(shifts, np.mean(np.all(passed == 0.0, axis=1), axis=1), np.mean(passed, axis=(1, 2)))
