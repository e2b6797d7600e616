r"""Two-dimensional loss surfaces for optimizers to descend.

Every objective takes points ``w`` of shape ``(..., 2)``: one point, a batch of
configurations or a whole grid, in one call. ``value(w)`` has shape ``(...)`` and
``grad(w)`` shape ``(..., 2)``. Each one knows its view ``bounds``
(``((w1_min, w1_max), (w2_min, w2_max))``), its known minimisers ``minima`` (``(k, 2)``),
the lowest value ``min_value``, a good default ``start`` and its formula ``latex``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from dl_core import datasets

Bounds = tuple[tuple[float, float], tuple[float, float]]


def _split(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    w = np.asarray(w, dtype=float)
    if w.shape[-1:] != (2,):
        raise ValueError(f"w must have shape (..., 2), got {w.shape}")
    return w[..., 0], w[..., 1]


@dataclass(frozen=True, eq=False)
class Surface:
    """An analytic surface: ``value`` and ``grad`` take the two coordinates as arrays."""

    name: str
    latex: str
    bounds: Bounds
    minima: np.ndarray
    start: np.ndarray
    _value: Callable[[np.ndarray, np.ndarray], np.ndarray] = field(repr=False)
    _grad: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]] = field(repr=False)
    hessian: np.ndarray | None = None

    def value(self, w: np.ndarray) -> np.ndarray:
        return self._value(*_split(w))

    def grad(self, w: np.ndarray) -> np.ndarray:
        return np.stack(self._grad(*_split(w)), axis=-1)

    @property
    def min_value(self) -> float:
        return float(np.min(self.value(self.minima)))


def quadratic(curvatures: tuple[float, float] = (1.0, 10.0), angle: float = 0.0) -> Surface:
    r"""An ill-conditioned bowl :math:`f(w) = \tfrac12 w^\top H w`, :math:`H = R\,\mathrm{diag}(a, b)\,R^\top`.

    ``angle`` (radians) rotates the principal axes, so the valley need not be axis-aligned.
    The Hessian is constant, which makes the stability limits of GD (``lr < 2/b``) exact.
    """
    low, high = (float(c) for c in curvatures)
    if not (low > 0 and high > 0):
        raise ValueError(f"curvatures must be > 0, got {curvatures}")
    cos, sin = np.cos(angle), np.sin(angle)
    rotation = np.array([[cos, -sin], [sin, cos]])
    hessian = rotation @ np.diag([low, high]) @ rotation.T
    (h11, h12), (_, h22) = hessian

    def value(w1, w2):
        return 0.5 * (h11 * w1 * w1 + 2 * h12 * w1 * w2 + h22 * w2 * w2)

    def grad(w1, w2):
        return h11 * w1 + h12 * w2, h12 * w1 + h22 * w2

    return Surface(
        name="quadratic",
        latex=(
            rf"f(w)=\tfrac12\left({low:g}\,u_1^2+{high:g}\,u_2^2\right),"
            rf"\quad u=R_{{{np.degrees(angle):.0f}^\circ}}^\top w"
        ),
        bounds=((-3.0, 3.0), (-3.0, 3.0)),
        minima=np.zeros((1, 2)),
        start=np.array([-2.5, 2.0]),
        _value=value,
        _grad=grad,
        hessian=hessian,
    )


def rosenbrock(a: float = 1.0, b: float = 100.0) -> Surface:
    r""":math:`f(w) = (a - w_1)^2 + b\,(w_2 - w_1^2)^2`: a curved, flat-bottomed valley (Rosenbrock 1960)."""

    def value(w1, w2):
        return (a - w1) ** 2 + b * (w2 - w1 * w1) ** 2

    def grad(w1, w2):
        inner = w2 - w1 * w1
        return -2 * (a - w1) - 4 * b * w1 * inner, 2 * b * inner

    return Surface(
        name="rosenbrock",
        latex=rf"f(w)=({a:g}-w_1)^2+{b:g}\,(w_2-w_1^2)^2",
        bounds=((-2.0, 2.0), (-1.0, 3.0)),
        minima=np.array([[a, a * a]]),
        start=np.array([-1.5, 2.5]),
        _value=value,
        _grad=grad,
    )


def beale() -> Surface:
    r""":math:`f(w) = (1.5 - w_1 + w_1w_2)^2 + (2.25 - w_1 + w_1w_2^2)^2 + (2.625 - w_1 + w_1w_2^3)^2`."""
    constants = (1.5, 2.25, 2.625)

    def powers(w2):
        """w2 ** 0 .. w2 ** 3 by multiplication (a general power is several times slower on large batches)."""
        square = w2 * w2
        return 1.0, w2, square, square * w2

    def value(w1, w2):
        power = powers(w2)
        return sum((c - w1 + w1 * power[k]) ** 2 for k, c in enumerate(constants, start=1))

    def grad(w1, w2):
        power = powers(w2)
        d1 = np.zeros(np.broadcast(w1, w2).shape)
        d2 = np.zeros_like(d1)
        for k, c in enumerate(constants, start=1):
            residual = c - w1 + w1 * power[k]
            d1 = d1 + 2 * residual * (power[k] - 1)
            d2 = d2 + 2 * residual * k * w1 * power[k - 1]
        return d1, d2

    return Surface(
        name="beale",
        latex=r"f(w)=\sum_{k=1}^{3}\left(c_k-w_1+w_1w_2^{\,k}\right)^2,\quad c=(1.5,\ 2.25,\ 2.625)",
        bounds=((-4.5, 4.5), (-4.5, 4.5)),
        minima=np.array([[3.0, 0.5]]),
        start=np.array([1.0, 1.4]),
        _value=value,
        _grad=grad,
    )


_HIMMELBLAU_MINIMA = np.array(
    [
        [3.0, 2.0],
        [-2.805118086952745, 3.131312518250573],
        [-3.779310253377747, -3.283185991286170],
        [3.584428340330492, -1.848126526964404],
    ]
)


def himmelblau() -> Surface:
    r""":math:`f(w) = (w_1^2 + w_2 - 11)^2 + (w_1 + w_2^2 - 7)^2`: four minima, all with value 0."""

    def value(w1, w2):
        return (w1 * w1 + w2 - 11) ** 2 + (w1 + w2 * w2 - 7) ** 2

    def grad(w1, w2):
        first, second = w1 * w1 + w2 - 11, w1 + w2 * w2 - 7
        return 4 * w1 * first + 2 * second, 2 * first + 4 * w2 * second

    return Surface(
        name="himmelblau",
        latex=r"f(w)=(w_1^2+w_2-11)^2+(w_1+w_2^2-7)^2",
        bounds=((-5.0, 5.0), (-5.0, 5.0)),
        minima=_HIMMELBLAU_MINIMA,
        start=np.array([-0.3, -0.6]),
        _value=value,
        _grad=grad,
    )


def saddle() -> Surface:
    r""":math:`f(w) = w_1^2 + \tfrac14 w_2^4 - \tfrac12 w_2^2`: a saddle at the origin, minima at :math:`(0, \pm 1)`.

    Started on the ridge line :math:`w_2 \approx 0`, plain gradient descent lingers near the
    saddle point, where the gradient almost vanishes.
    """

    def value(w1, w2):
        square = w2 * w2
        return w1 * w1 + 0.25 * square * square - 0.5 * square

    def grad(w1, w2):
        return 2 * w1, w2 * w2 * w2 - w2

    return Surface(
        name="saddle",
        latex=r"f(w)=w_1^2+\tfrac14 w_2^4-\tfrac12 w_2^2",
        bounds=((-2.0, 2.0), (-2.0, 2.0)),
        minima=np.array([[0.0, -1.0], [0.0, 1.0]]),
        start=np.array([-1.8, 0.01]),
        _value=value,
        _grad=grad,
    )


def _styblinski_tang_roots() -> np.ndarray:
    """Stationary points of the 1-D term :math:`x^4 - 16x^2 + 5x`: roots of :math:`4x^3 - 32x + 5`."""
    roots = np.sort(np.roots([4.0, 0.0, -32.0, 5.0]).real)
    return roots[[0, 2]]  # the two minima; the middle root is a maximum


def styblinski_tang() -> Surface:
    r""":math:`f(w) = \tfrac12\sum_i (w_i^4 - 16w_i^2 + 5w_i)`: four minima, one of them global.

    Per coordinate the minima are the outer roots of :math:`4x^3 - 32x + 5 = 0`
    (:math:`x \approx -2.9035` global, :math:`x \approx 2.7468` local), so the surface has
    a global minimum near :math:`(-2.90, -2.90)` and three local ones (Styblinski & Tang 1990).
    """
    low, high = _styblinski_tang_roots()

    def value(w1, w2):
        squares = w1 * w1, w2 * w2
        return 0.5 * (squares[0] * squares[0] - 16 * squares[0] + 5 * w1 + squares[1] * squares[1] - 16 * squares[1]
                      + 5 * w2)

    def grad(w1, w2):
        return 0.5 * (4 * w1 * w1 * w1 - 32 * w1 + 5), 0.5 * (4 * w2 * w2 * w2 - 32 * w2 + 5)

    return Surface(
        name="styblinski_tang",
        latex=r"f(w)=\tfrac12\sum_{i=1}^{2}\left(w_i^4-16w_i^2+5w_i\right)",
        bounds=((-5.0, 5.0), (-5.0, 5.0)),
        minima=np.array([[low, low], [low, high], [high, low], [high, high]]),
        start=np.array([4.2, 4.5]),
        _value=value,
        _grad=grad,
    )


class LinearRegression:
    r"""Mean squared error of a two-feature linear model without bias.

    .. math:: L(w) = \frac1n\sum_{i=1}^{n}\left(x_{i1}w_1 + x_{i2}w_2 - y_i\right)^2

    Built once from the sufficient statistics :math:`A = X^\top X/n`, :math:`b = X^\top y/n`,
    so evaluating a grid of ``m`` points costs :math:`O(m)`, not :math:`O(mn)`:

    .. math:: L(w) = (w - w^\ast)^\top A\,(w - w^\ast) + g_0^\top (w - w^\ast) + L(w^\ast),

    where :math:`w^\ast` is the least-squares solution and :math:`g_0 = 2X^\top r/n`
    the (rounding-level) gradient left at it, which keeps the identity exact.
    The Hessian is :math:`2A`; plain GD is stable for :math:`\eta < 2/\lambda_{\max}`.

    ``x`` may hold a batch of data sets, shape ``(..., n, 2)`` with ``y`` ``(..., n)``: then every
    statistic gains those batch dimensions and ``value``/``grad`` broadcast ``w (..., 2)`` against
    them (e.g. one problem per feature scale, for a stability map). ``bounds``, ``start`` and
    ``minibatch_grad`` belong to a single data set.
    """

    name = "linear_regression"
    latex = r"L(w)=\frac1n\sum_{i=1}^{n}\left(x_{i1}w_1+x_{i2}w_2-y_i\right)^2"

    def __init__(self, x: np.ndarray, y: np.ndarray, start: tuple[float, float] = (-2.0, -2.0)):
        x = np.array(x, dtype=float)
        y = np.array(y, dtype=float)
        if x.ndim < 2 or x.shape[-1] != 2 or y.shape != x.shape[:-1] or x.shape[-2] < 1:
            raise ValueError(f"x must be (..., n, 2) and y (..., n), got {x.shape} and {y.shape}")
        if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
            raise ValueError("x and y must be finite")
        self.x, self.y = x, y
        n = x.shape[-2]
        self.second_moment = np.einsum("...ni,...nj->...ij", x, x) / n
        moment_xy = np.einsum("...ni,...n->...i", x, y) / n
        self.minimizer = np.einsum("...ij,...j->...i", np.linalg.pinv(self.second_moment), moment_xy)
        residual = np.einsum("...ni,...i->...n", x, self.minimizer) - y
        self.min_value = np.mean(residual * residual, axis=-1)
        self._grad_at_minimizer = 2 * np.einsum("...ni,...n->...i", x, residual) / n
        self.hessian = 2 * self.second_moment
        self.eigenvalues = np.linalg.eigvalsh(self.hessian)
        self.minima = self.minimizer[..., None, :]
        self.start = np.asarray(start, dtype=float)
        self.bounds: Bounds | None = None
        if x.ndim == 2:
            self.min_value = float(self.min_value)
            half_width = max(3.0, 1.25 * float(np.max(np.abs(self.start - self.minimizer))))
            self.bounds = tuple((float(c - half_width), float(c + half_width)) for c in self.minimizer)

    @property
    def condition_number(self):
        r""":math:`\kappa = \lambda_{\max} / \lambda_{\min}` of the Hessian (inf when singular)."""
        low, high = self.eigenvalues[..., 0], self.eigenvalues[..., -1]
        with np.errstate(divide="ignore"):
            kappa = np.where(low > 0, high / np.where(low > 0, low, 1.0), np.inf)
        return float(kappa) if kappa.ndim == 0 else kappa

    @property
    def max_stable_lr(self):
        r"""Largest learning rate for which plain GD converges: :math:`2/\lambda_{\max}`."""
        limit = 2.0 / self.eigenvalues[..., -1]
        return float(limit) if limit.ndim == 0 else limit

    def _offsets(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _split(np.asarray(w, dtype=float) - self.minimizer)

    def value(self, w: np.ndarray) -> np.ndarray:
        d1, d2 = self._offsets(w)
        a11, a12, a22 = self.second_moment[..., 0, 0], self.second_moment[..., 0, 1], self.second_moment[..., 1, 1]
        g1, g2 = self._grad_at_minimizer[..., 0], self._grad_at_minimizer[..., 1]
        return (a11 * d1 + 2 * a12 * d2) * d1 + a22 * d2 * d2 + g1 * d1 + g2 * d2 + self.min_value

    def grad(self, w: np.ndarray) -> np.ndarray:
        r""":math:`\nabla L = 2A(w - w^\ast) + g_0`, i.e. the mean over samples of
        :math:`\partial l/\partial w_j = 2(x_1w_1 + x_2w_2 - y)\,x_j`."""
        d1, d2 = self._offsets(w)
        a11, a12, a22 = self.second_moment[..., 0, 0], self.second_moment[..., 0, 1], self.second_moment[..., 1, 1]
        g1, g2 = self._grad_at_minimizer[..., 0], self._grad_at_minimizer[..., 1]
        return np.stack([2 * (a11 * d1 + a12 * d2) + g1, 2 * (a12 * d1 + a22 * d2) + g2], axis=-1)

    def minibatch_grad(self, w: np.ndarray, rng: np.random.Generator, batch_size: int) -> np.ndarray:
        r"""Gradient on ``batch_size`` samples drawn with replacement, one minibatch per point.

        .. math:: \hat g = \frac{2}{B}\sum_{i\in\mathcal B} (x_i^\top w - y_i)\,x_i,
            \qquad \mathbb E[\hat g] = \nabla L(w)
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if self.x.ndim != 2:
            raise ValueError("minibatch gradients are drawn from a single data set, not a batch of them")
        w = np.asarray(w, dtype=float)
        _split(w)
        index = rng.integers(0, self.x.shape[0], size=(*w.shape[:-1], batch_size))
        x_batch = self.x[index]
        residual = np.einsum("...bi,...i->...b", x_batch, w) - self.y[index]
        return 2.0 / batch_size * np.einsum("...b,...bi->...i", residual, x_batch)


def linear_regression(x: np.ndarray, y: np.ndarray, start: tuple[float, float] = (-2.0, -2.0)) -> LinearRegression:
    """The MSE surface of a two-feature linear regression on data ``x (n, 2)``, ``y (n,)``."""
    return LinearRegression(x, y, start)


COURSE_SAMPLES = 1000
COURSE_WEIGHTS = (1.0, 1.0)


def course_regression(
    x_scale: float,
    noise: float,
    seed: int,
    *,
    standardize: bool = False,
    start: tuple[float, float] = (-2.0, -2.0),
) -> LinearRegression:
    r"""The regression of the course's feature-scaling lesson: ``COURSE_SAMPLES`` points from
    ``datasets.linear_regression`` with :math:`w^\ast =` ``COURSE_WEIGHTS``, the first feature scaled by
    ``x_scale``, drawn from ``np.random.default_rng(seed)``; with ``standardize`` both features are centred and
    scaled to unit variance first."""
    x, y = datasets.linear_regression(
        COURSE_SAMPLES, COURSE_WEIGHTS, np.random.default_rng(seed), x_scale=x_scale, noise=noise
    )
    return linear_regression(datasets.standardize(x) if standardize else x, y, start)


SURFACES: dict[str, Callable[[], Surface]] = {
    "quadratic": quadratic,
    "rosenbrock": rosenbrock,
    "beale": beale,
    "himmelblau": himmelblau,
    "saddle": saddle,
    "styblinski_tang": styblinski_tang,
}


def evaluate_grid(objective, bounds: Bounds, resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The objective on a ``resolution x resolution`` mesh over ``bounds``, in one vectorised call.

    Returns the two axes (``(resolution,)`` each) and the values ``(resolution, resolution)``
    indexed ``[i2, i1]`` (rows follow ``w2``), the layout contour plots expect.
    """
    if resolution < 2:
        raise ValueError(f"resolution must be >= 2, got {resolution}")
    (low1, high1), (low2, high2) = bounds
    axis1 = np.linspace(low1, high1, resolution)
    axis2 = np.linspace(low2, high2, resolution)
    mesh = np.stack(np.meshgrid(axis1, axis2), axis=-1)
    return axis1, axis2, objective.value(mesh)
