r"""Variance of the signal through a network at initialization: the maths of lesson 2 as numbers.

Why the scale of the first weights matters. A unit computes :math:`z=\sum_{i=1}^{n_\text{in}} w_i x_i`.
If the weights are drawn independently of the inputs with mean 0, every term has mean 0 and the terms are
uncorrelated, so the variance of the sum is the sum of the variances (Bienaymé's formula):

.. math:: \mathrm{Var}(z)=n_\text{in}\,\mathrm{Var}(W)\,\mathbb E[x^2]
          \;=\;n_\text{in}\,\mathrm{Var}(W)\,\mathrm{Var}(x)\quad\text{when }\mathbb E[x]=0.

Through a stack of layers :math:`z_l=a_{l-1}W_l`, :math:`a_l=f(z_l)` (no biases, as at initialization) the
same argument gives the recursion of the second moments (Glorot & Bengio, AISTATS 2010; He et al. 2015,
arXiv:1502.01852), with :math:`z_l` close to normal when the layers are wide:

.. math:: q_l=\mathbb E[z_l^2]=n\,\mathrm{Var}(W)\,\mathbb E_{z\sim\mathcal N(0,q_{l-1})}\bigl[f(z)^2\bigr],
          \qquad q_1=n\,\mathrm{Var}(W)\,\mathbb E[x^2],

and backwards, for :math:`\delta_l=\partial L/\partial z_l`,
:math:`\mathbb E[\delta_l^2]=\mathbb E[f'(z_l)^2]\;n\,\mathrm{Var}(W)\;\mathbb E[\delta_{l+1}^2]`.
For a linear layer (or tanh near 0, where :math:`\tanh z\approx z`) :math:`\mathbb E[f(z)^2]=q` and the
variance is multiplied by :math:`n\,\mathrm{Var}(W)` in every layer: :math:`\mathrm{Var}(W)=1/n_\text{in}` keeps
it (LeCun), :math:`1/n_\text{out}` keeps the gradient's, and Glorot takes their average
:math:`2/(n_\text{in}+n_\text{out})`. ReLU zeroes half of its inputs, :math:`\mathbb E[\mathrm{ReLU}(z)^2]=q/2`,
so without He's factor 2 (:math:`\mathrm{Var}(W)=2/n_\text{in}`) the second moment halves in every layer.

- :data:`SCHEMES`: the initializers compared (fixed-scale normals, Glorot's "standard" uniform, LeCun,
  Xavier/Glorot, He), each with its :math:`\mathrm{Var}(W)`.
- :class:`LayeredBases`, :class:`UniformLayers`, :func:`draw_bases`, :func:`propagate`, :func:`stack_statistics`:
  the measured forward and backward statistics of every layer for several initializers at once (one matrix product
  per layer and distribution).
- :func:`second_moment_paths`: the second moment of thousands of independent networks, layer by layer (one network
  wanders; their mean is what the theory predicts).
- :func:`gaussian_moments`, :func:`theory`: the recursion above, per layer.
- :func:`bienayme_sample`, :func:`mean_square_standard_error`: one layer, measured against the formula, with the
  sampling error of the measurement.
- :func:`glorot_variances`, :func:`layer_gains`: Glorot's forward and backward conditions on one layer.
- :func:`init_params`: the parameters of a :class:`dl_core.network.MLP` drawn by a scheme, layer by layer.

Everything is float64 (but for the deep stack's matrix products, taken in float32 on scaled values, see
:func:`stack_statistics`) and pure; randomness comes from an explicit ``np.random.Generator``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from dl_core import initializers
from dl_core.activations import ACTIVATIONS
from dl_core.quadrature import simpson_weights

LATEX = {  # the formulas of the lesson, as the pages show them with st.latex (short lines: they fit a phone)
    "bienayme": r"\begin{aligned}\mathrm{Var}(z)&=\mathrm{Var}\Bigl(\sum_{i=1}^{n_\text{in}} w_i x_i\Bigr)"
                r"\\&=\sum_{i=1}^{n_\text{in}}\mathrm{Var}(w_i x_i)\\&=n_\text{in}\,\mathrm{Var}(W)\,\mathrm{Var}(x)"
                r"\end{aligned}",
    "forward": r"q_l=\mathbb E[z_l^2]=n\,\mathrm{Var}(W)\;\mathbb E\bigl[f(z)^2\bigr]_{z\sim\mathcal N(0,\,q_{l-1})}",
    "backward": r"\mathbb E[\delta_l^2]=\mathbb E\bigl[f'(z_l)^2\bigr]\;n\,\mathrm{Var}(W)\;\mathbb E[\delta_{l+1}^2]",
    "he": r"\begin{gathered}\mathbb E\bigl[\mathrm{ReLU}(z)^2\bigr]=\tfrac12\,\mathbb E[z^2]\\"
          r"n\,\mathrm{Var}(W)\cdot\tfrac12=1\;\Rightarrow\;\mathrm{Var}(W)=\frac{2}{n}\end{gathered}",
    # the forward pass asks for 1/n_in, the backward pass for 1/n_out: both hold only when n_in = n_out, and Glorot
    # and Bengio's variance is the harmonic mean of the two
    "glorot": r"\begin{gathered}n_\text{in}\mathrm{Var}(W)=1\;\Leftrightarrow\;\mathrm{Var}(W)=\frac{1}{n_\text{in}}\\"
              r"n_\text{out}\mathrm{Var}(W)=1\;\Leftrightarrow\;\mathrm{Var}(W)=\frac{1}{n_\text{out}}\\"
              r"\mathrm{Var}(W)=\frac{2}{n_\text{in}+n_\text{out}}=\frac{2}{\frac{1}{1/n_\text{in}}+"
              r"\frac{1}{1/n_\text{out}}}\end{gathered}",
}
LINEAR = "linear"
ACTIVATION_NAMES = ("linear", "tanh", "sigmoid", "relu", "leaky_relu", "elu", "gelu")
NORMAL, UNIFORM = "normal", "uniform"
SMALL_STD = 0.01  # the fixed small std of cs231n's example, W = 0.01 * randn(n_in, n_out)
_SQRT3 = math.sqrt(3.0)
_LARGEST_SECOND_MOMENT = 1e300  # the theory's second moments are held below this (float64 ends near 1.8e308)


# ---------------------------------------------------------------- the initializers compared


@dataclass(frozen=True)
class Scheme:
    r"""An initializer of the comparison.

    ``distribution``: ``"normal"`` or ``"uniform"`` (the shape of the draws, mean 0). ``variance(fan_in, fan_out,
    small_std)`` is :math:`\mathrm{Var}(W)` of each weight; ``latex`` the same as a formula; ``paper`` its source.
    A draw is :math:`\sqrt{\mathrm{Var}(W)}` times a unit-variance draw of its distribution, exactly as the
    :mod:`dl_core.initializers` function ``initializer`` makes it (see :meth:`sample`).
    """

    name: str
    distribution: str
    initializer: str
    latex: str
    paper: str = ""

    def variance(self, fan_in: int, fan_out: int, small_std: float = SMALL_STD) -> float:
        return _VARIANCES[self.name](fan_in, fan_out, small_std)

    def sample(self, fan_in: int, fan_out: int, rng: np.random.Generator, small_std: float = SMALL_STD) -> np.ndarray:
        """A weight matrix ``(fan_in, fan_out)`` from :mod:`dl_core.initializers`."""
        sample = initializers.INITIALIZERS[self.initializer].sample
        if self.name == "small_normal":
            return sample(fan_in, fan_out, rng, std=small_std)
        if self.name == "unit_normal":
            return sample(fan_in, fan_out, rng, std=1.0)
        if self.name == "standard_uniform":
            return sample(fan_in, fan_out, rng, limit=1.0 / math.sqrt(fan_in))
        return sample(fan_in, fan_out, rng)


_REGISTRY = initializers.INITIALIZERS
_VARIANCES: dict[str, Callable[[int, int, float], float]] = {
    "small_normal": lambda fan_in, fan_out, std: _REGISTRY["normal"].variance(fan_in, fan_out, std=std),
    "unit_normal": lambda fan_in, fan_out, std: _REGISTRY["normal"].variance(fan_in, fan_out, std=1.0),
    "standard_uniform": lambda fan_in, fan_out, std: _REGISTRY["uniform"].variance(
        fan_in, fan_out, limit=1.0 / math.sqrt(fan_in)),
    "lecun_normal": lambda fan_in, fan_out, std: _REGISTRY["lecun_normal"].variance(fan_in, fan_out),
    "xavier_normal": lambda fan_in, fan_out, std: _REGISTRY["xavier_normal"].variance(fan_in, fan_out),
    "xavier_uniform": lambda fan_in, fan_out, std: _REGISTRY["xavier_uniform"].variance(fan_in, fan_out),
    "he_normal": lambda fan_in, fan_out, std: _REGISTRY["he_normal"].variance(fan_in, fan_out),
    "he_uniform": lambda fan_in, fan_out, std: _REGISTRY["he_uniform"].variance(fan_in, fan_out),
}
_GLOROT = _REGISTRY["xavier_normal"].paper
_HE = _REGISTRY["he_normal"].paper

SCHEMES: dict[str, Scheme] = {
    scheme.name: scheme
    for scheme in (
        Scheme("small_normal", NORMAL, "normal", r"\sigma^2"),
        Scheme("unit_normal", NORMAL, "normal", "1"),
        Scheme("standard_uniform", UNIFORM, "uniform", r"\frac{1}{3n_\text{in}}", _GLOROT),
        Scheme("lecun_normal", NORMAL, "lecun_normal", r"\frac{1}{n_\text{in}}", _REGISTRY["lecun_normal"].paper),
        Scheme("xavier_normal", NORMAL, "xavier_normal", r"\frac{2}{n_\text{in}+n_\text{out}}", _GLOROT),
        Scheme("xavier_uniform", UNIFORM, "xavier_uniform", r"\frac{2}{n_\text{in}+n_\text{out}}", _GLOROT),
        Scheme("he_normal", NORMAL, "he_normal", r"\frac{2}{n_\text{in}}", _HE),
        Scheme("he_uniform", UNIFORM, "he_uniform", r"\frac{2}{n_\text{in}}", _HE),
    )
}
SCHEME_NAMES = ("small_normal", "unit_normal", "standard_uniform", "lecun_normal", "xavier_normal", "xavier_uniform",
                "he_normal", "he_uniform")  # the keys of SCHEMES, in its order


def weight_variances(names: Sequence[str], fan_in: int, fan_out: int, small_std: float = SMALL_STD) -> np.ndarray:
    r""":math:`\mathrm{Var}(W)` of each scheme in ``names`` for a layer ``fan_in -> fan_out``, shape ``(K,)``."""
    return np.array([SCHEMES[name].variance(fan_in, fan_out, small_std) for name in names], dtype=np.float64)


def init_params(mlp, scheme: str, rng: np.random.Generator, small_std: float = SMALL_STD) -> dict[str, np.ndarray]:
    """The parameters of ``mlp`` (a :class:`dl_core.network.MLP` without batch norm) with every weight matrix drawn
    by ``scheme`` for its own fan-in and fan-out, layer after layer from ``rng``; biases 0, as ``mlp.init`` does.

    Normal schemes draw ``std * standard_normal``, so two normal schemes given generators in the same state draw
    the same numbers, scaled: a comparison of initializers then differs in the scale alone.
    """
    if mlp.batch_norm:
        raise ValueError("init_params draws the weights of a network without batch norm")
    params = {}
    for index, (fan_in, fan_out) in enumerate(zip(mlp.sizes[:-1], mlp.sizes[1:], strict=True), start=1):
        params[f"W{index}"] = SCHEMES[scheme].sample(fan_in, fan_out, rng, small_std)
        params[f"b{index}"] = np.zeros(fan_out)
    return params


# ---------------------------------------------------------------- activations, with "linear" (no activation)


def activation_functions(name: str) -> tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]:
    """``(f, f')`` of ``name``: one of :data:`ACTIVATION_NAMES` (``linear`` is f(z) = z), default parameters."""
    if name == LINEAR:
        return (lambda z: np.array(z, dtype=np.float64, copy=True)), (lambda z: np.ones_like(z, dtype=np.float64))
    if name not in ACTIVATION_NAMES:
        raise ValueError(f"unknown activation {name!r}; known: {', '.join(ACTIVATION_NAMES)}")
    activation = ACTIVATIONS[name]
    return activation.fn, activation.grad


# ---------------------------------------------------------------- a deep stack, measured


@dataclass(frozen=True)
class Bases:
    r"""Unit-variance random numbers a stack is made from, drawn once and scaled by each scheme's
    :math:`\sqrt{\mathrm{Var}(W)}`.

    ``normal`` ``(depth, width, width)``: standard normal, stored as float32 to halve its memory (a product is
    taken in float64); ``uniform``: :math:`U(-\sqrt3,\sqrt3)` (variance 1), float32, as :class:`UniformLayers`
    (each layer drawn when read, nothing kept). ``inputs`` ``(batch, width)`` and ``output_grad`` ``(batch, width)``:
    standard normal, float64. Entries are independent, so the top-left corner of a larger base (:meth:`corner`) is a
    base of a smaller stack.
    """

    normal: np.ndarray
    uniform: UniformLayers
    inputs: np.ndarray
    output_grad: np.ndarray

    @property
    def depth(self) -> int:
        return self.normal.shape[0]

    @property
    def width(self) -> int:
        return self.normal.shape[1]

    def corner(self, depth: int, width: int, batch: int) -> Bases:
        """The first ``depth`` layers, ``width`` units and ``batch`` samples (views, nothing copied)."""
        if not (1 <= depth <= self.depth and 1 <= width <= self.width and 1 <= batch <= self.inputs.shape[0]):
            raise ValueError(f"a corner ({depth}, {width}, {batch}) must lie inside the base "
                             f"({self.depth}, {self.width}, {self.inputs.shape[0]})")
        return Bases(self.normal[:depth, :width, :width], self.uniform.corner(depth, width),
                     self.inputs[:batch, :width], self.output_grad[:batch, :width])


class UniformLayers:
    r"""Layers of :math:`U(-\sqrt3,\sqrt3)` numbers (float32), ``shape`` ``(depth, width, width)``, that are drawn
    whenever they are read and never kept: layer ``k`` is the top-left corner of the ``full_width`` square drawn by
    ``default_rng([*seed, k + 1, 1])``. A deep, wide stack so keeps no memory for them (50 layers of 512 would keep
    52 MB), for some time: a layer of 512 takes about 1.4 ms to draw, and a stack reads each layer twice (forward and
    back), so 50 of them take 0.14 s instead of 0.05 s with kept numbers. ``np.asarray(layers)`` draws them all, for
    checking."""

    def __init__(self, seed: Sequence[int], depth: int, width: int, full_width: int | None = None):
        self.seed, self.shape = tuple(seed), (depth, width, width)
        self.full_width = width if full_width is None else full_width

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, layer: int) -> np.ndarray:
        if not 0 <= layer < len(self):
            raise IndexError(f"layer {layer} is not in [0, {len(self)})")
        rng = np.random.default_rng([*self.seed, layer + 1, 1])
        uniform = rng.random((self.full_width, self.full_width), dtype=np.float32)
        uniform *= np.float32(2.0 * _SQRT3)
        uniform -= np.float32(_SQRT3)
        return uniform[:self.shape[1], :self.shape[2]]

    def corner(self, depth: int, width: int) -> UniformLayers:
        """The first ``depth`` layers, ``width`` units (the same numbers)."""
        return UniformLayers(self.seed, depth, width, self.full_width)

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        return np.stack([self[layer] for layer in range(len(self))]).astype(dtype or np.float32, copy=False)


class LayeredBases:
    """The :class:`Bases` of the stacks of one ``width``, ``batch`` and ``seed``: the normal numbers drawn layer by
    layer as stacks ask for them and kept (layer ``k`` from a stream of its own, ``default_rng([*seed, k + 1])``; the
    samples from ``[*seed, 0]``), so a deeper stack keeps the layers of a shallower one; the uniform ones drawn when
    read (:class:`UniformLayers`). Only what some stack used takes memory: the array for ``max_depth`` layers is
    reserved but not touched (the system gives pages on first write), and a stack of uniform schemes only draws no
    normal numbers."""

    def __init__(self, max_depth: int, width: int, batch: int, seed: Sequence[int]):
        self.seed = tuple(seed)
        samples = np.random.default_rng([*self.seed, 0])
        self.inputs = _read_only(samples.standard_normal((batch, width)))
        self.output_grad = _read_only(samples.standard_normal((batch, width)))
        self.normal = np.empty((max_depth, width, width), dtype=np.float32)
        self.drawn = 0  # normal layers drawn

    def bases(self, depth: int, distributions: Sequence[str] = (NORMAL, UNIFORM)) -> Bases:
        """The first ``depth`` layers (views, read-only), drawing the normal ones not drawn yet if ``distributions``
        holds ``NORMAL``; normal layers not drawn read as NaN (and take no memory)."""
        if not 1 <= depth <= len(self.normal):
            raise ValueError(f"depth must be in [1, {len(self.normal)}], got {depth}")
        unknown = set(distributions) - {NORMAL, UNIFORM}
        if unknown:
            raise ValueError(f"distributions must be {NORMAL!r} or {UNIFORM!r}, got {sorted(unknown)}")
        if NORMAL in distributions:
            for layer in range(self.drawn, depth):
                self.normal[layer] = np.random.default_rng([*self.seed, layer + 1]).standard_normal(
                    self.normal.shape[1:], dtype=np.float32)
            self.drawn = max(self.drawn, depth)
        normal = (_read_only(self.normal[:depth]) if self.drawn >= depth
                  else np.broadcast_to(np.float32(np.nan), (depth, *self.normal.shape[1:])))  # read-only, no memory
        return Bases(normal, UniformLayers(self.seed, depth, self.normal.shape[1]), self.inputs, self.output_grad)


def _read_only(array: np.ndarray) -> np.ndarray:
    view = array.view()
    view.flags.writeable = False
    return view


def distributions_of(names: Sequence[str]) -> tuple[str, ...]:
    """The distributions (``NORMAL``, ``UNIFORM``) the schemes ``names`` draw from (names not in ``SCHEMES`` are
    left to :func:`stack_statistics` to refuse)."""
    return tuple(distribution for distribution, _ in _scheme_groups([name for name in names if name in SCHEMES]))


def draw_bases(depth: int, width: int, batch: int, seed: Sequence[int]) -> Bases:
    """Fresh :class:`Bases` for a stack of ``depth`` layers of ``width`` units and ``batch`` samples
    (:class:`LayeredBases`' numbers)."""
    return LayeredBases(depth, width, batch, seed).bases(depth)


def _scheme_groups(names: Sequence[str]) -> list[tuple[str, np.ndarray]]:
    """The positions in ``names`` of each distribution's schemes, ``[(distribution, index), ...]``, none empty."""
    groups = []
    for distribution in (NORMAL, UNIFORM):
        index = np.array([k for k, name in enumerate(names) if SCHEMES[name].distribution == distribution], dtype=int)
        if index.size:
            groups.append((distribution, index))
    return groups


def _through_layer(values: np.ndarray, groups, bases: Bases, layer: int, stds: np.ndarray, backward: bool,
                   single: bool = False):
    r"""``values`` ``(K, batch, width)`` times each scheme's :math:`W_l` (or :math:`W_l^\top` going ``backward``):
    one matrix product per distribution, the schemes' rows stacked, then each scaled by its std.

    ``single``: the product in float32, each scheme's values divided by their largest magnitude first (so that
    nothing leaves float32's range, whatever the scale of the signal) and multiplied back in float64. It halves the
    cost of the product, and its rounding (about 1e-7 of each value) is far below any sampling error of a statistic.
    """
    count, batch, width = values.shape
    out = np.empty((count, batch, width))
    scale = np.ones(count)
    if single:
        largest = np.max(np.abs(values), axis=(1, 2))
        scale = np.where(np.isfinite(largest) & (largest > 0), largest, 1.0)
    for distribution, index in groups:
        base = (bases.normal if distribution == NORMAL else bases.uniform)[layer]
        if single:
            rows = (values[index] / scale[index, None, None]).astype(np.float32).reshape(-1, width)
        else:
            rows, base = values[index].reshape(-1, width), base.astype(np.float64)
        product = rows @ (base.T if backward else base)
        out[index] = product.reshape(index.size, batch, width) * (scale[index] * stds[index])[:, None, None]
    return out


def _checked_stack(activation: str, names: Sequence[str], stds, bases: Bases, inputs) -> tuple:
    activation_functions(activation)
    unknown = [name for name in names if name not in SCHEMES]
    if unknown or not names:
        raise ValueError(f"names must be schemes of SCHEMES ({', '.join(SCHEMES)}), got {list(names)!r}")
    stds = np.asarray(stds, dtype=np.float64)
    if stds.shape != (len(names),) or not np.all(np.isfinite(stds) & (stds >= 0)):
        raise ValueError(f"stds must hold one finite std >= 0 per scheme, got {stds!r}")
    inputs = np.asarray(inputs, dtype=np.float64)
    if inputs.ndim != 2 or inputs.shape[1] != bases.width or inputs.shape[0] > bases.output_grad.shape[0]:
        raise ValueError(f"inputs must be (batch, {bases.width}) with batch <= {bases.output_grad.shape[0]}, "
                         f"got {inputs.shape}")
    return stds, inputs


@dataclass(frozen=True)
class Propagation:
    r"""Every layer's arrays of a stack, for K schemes at once; each array is ``(depth, K, batch, width)``.

    ``pre``: :math:`z_l=a_{l-1}W_l`; ``post``: :math:`a_l=f(z_l)`; ``delta``: :math:`\delta_l=\partial L/\partial
    z_l` for the loss :math:`L=\sum g\odot a_L` (``g``: the base's ``output_grad``); ``input_grad``
    ``(K, batch, width)``: :math:`\partial L/\partial x=\delta_1W_1^\top`.
    """

    pre: np.ndarray
    post: np.ndarray
    delta: np.ndarray
    input_grad: np.ndarray


def propagate(activation: str, names: Sequence[str], stds, bases: Bases, inputs) -> Propagation:
    r"""Forward and backward through the stack of ``bases``, for each scheme ``names[k]`` with the weights
    :math:`W_l=\text{stds}[k]\,B_l` (:math:`B_l`: layer ``l`` of the base of the scheme's distribution).

    .. math:: z_l=a_{l-1}W_l,\quad a_l=f(z_l),\quad a_0=x;\qquad
              \delta_L=f'(z_L)\odot g,\quad \delta_l=f'(z_l)\odot\bigl(\delta_{l+1}W_{l+1}^\top\bigr)

    ``inputs`` ``(batch, width)`` go into every scheme's stack. Keeps every layer's arrays: for small stacks and
    for checking; :func:`stack_statistics` keeps only what its statistics need.
    """
    stds, inputs = _checked_stack(activation, names, stds, bases, inputs)
    fn, grad = activation_functions(activation)
    groups = _scheme_groups(names)
    count, (batch, width) = len(names), inputs.shape
    pre = np.empty((bases.depth, count, batch, width))
    post, delta = np.empty_like(pre), np.empty_like(pre)
    hidden = np.broadcast_to(inputs, (count, batch, width))
    with np.errstate(over="ignore", invalid="ignore"):
        for layer in range(bases.depth):
            pre[layer] = _through_layer(hidden, groups, bases, layer, stds, backward=False)
            post[layer] = hidden = fn(pre[layer])
        upstream = np.broadcast_to(bases.output_grad[:batch], (count, batch, width))
        for layer in range(bases.depth - 1, -1, -1):
            delta[layer] = grad(pre[layer]) * upstream
            upstream = _through_layer(delta[layer], groups, bases, layer, stds, backward=True)
    return Propagation(pre, post, delta, upstream)


def _mean_square(values: np.ndarray, axes) -> np.ndarray:
    """Mean of the squares over ``axes``; scaled by the largest magnitude first where plain squares overflow."""
    with np.errstate(over="ignore", invalid="ignore"):
        plain = np.mean(np.square(values), axis=axes)
    if np.all(np.isfinite(plain)):
        return plain
    largest = np.max(np.abs(values), axis=axes, keepdims=True)
    scale = np.where(largest > 0, largest, 1.0)
    return np.mean(np.square(values / scale), axis=axes) * np.square(np.squeeze(scale, axis=axes))


@dataclass(frozen=True)
class StackStatistics:
    r"""What a stack does to the signal, per scheme and layer (arrays ``(K, depth)``, layer 1 first).

    Over all ``samples`` values of a layer (batch times width): ``pre_mean`` and ``pre_second`` (the mean and
    :math:`\mathbb E[z_l^2]` of the pre-activations), ``post_mean``, ``post_std`` and ``post_second`` of the
    activations :math:`a_l`, and ``grad_rms``, the root mean square of :math:`\delta_l=\partial L/\partial z_l`
    sent back from a unit-variance gradient at the last layer's output. ``histogram`` ``(K, depth, bins)``: the
    share of a layer's activations in each bin between ``histogram_edges`` ``(K, bins + 1)`` (one range per
    scheme, the same for all its layers, so a narrowing distribution looks narrower), counted over the first
    ``histogram_samples`` values of each layer. ``weight_variance`` ``(K,)``: the schemes' :math:`\mathrm{Var}(W)`.
    """

    names: tuple[str, ...]
    weight_variance: np.ndarray
    pre_mean: np.ndarray
    pre_second: np.ndarray
    post_mean: np.ndarray
    post_std: np.ndarray
    post_second: np.ndarray
    grad_rms: np.ndarray
    histogram_edges: np.ndarray
    histogram: np.ndarray
    samples: int
    histogram_samples: int


HISTOGRAM_BINS = 40
HISTOGRAM_SAMPLES = 2048
HISTOGRAM_SPREAD = 4.0  # a scheme's histogram range reaches this many standard deviations around each layer's mean


def _histogram_range(post_min, post_max, post_mean, post_std) -> tuple[np.ndarray, np.ndarray]:
    """Per scheme ``(low, high)``: the values of every layer within ``HISTOGRAM_SPREAD`` std of its mean (clipped to
    what was seen), widened to a small interval when all values are (almost) equal."""
    low = np.min(np.maximum(post_min, post_mean - HISTOGRAM_SPREAD * post_std), axis=1)
    high = np.max(np.minimum(post_max, post_mean + HISTOGRAM_SPREAD * post_std), axis=1)
    pad = np.maximum(1e-6 * np.maximum(np.abs(low), np.abs(high)), 1e-300)
    narrow = high - low < pad
    return np.where(narrow, low - pad, low), np.where(narrow, high + pad, high)


def stack_statistics(activation: str, names: Sequence[str], width: int, depth: int, input_variance: float,
                     bases: Bases, *, batch: int, small_std: float = SMALL_STD,
                     bins: int = HISTOGRAM_BINS) -> StackStatistics:
    r"""The measured :class:`StackStatistics` of a stack of ``depth`` layers of ``width`` units (the corner of
    ``bases``), for each scheme in ``names``, inputs :math:`x\sim\mathcal N(0,\text{input\_variance})` (``batch``
    rows of the base's inputs, scaled).

    Schemes of one distribution share a matrix product per layer, so K schemes cost about one product per layer
    on K times the rows, taken in float32 (see ``_through_layer``; the statistics agree with :func:`propagate`'s
    float64 pass to about 1e-6); only the activations' derivatives and a sample for the histograms are kept between
    the forward and the backward pass.
    """
    if not (math.isfinite(input_variance) and input_variance >= 0):
        raise ValueError(f"input_variance must be a finite number >= 0, got {input_variance!r}")
    _checked_stack(activation, names, np.zeros(len(names)), bases, bases.inputs)
    bases = bases.corner(depth, width, batch)
    variances = weight_variances(names, width, width, small_std)
    stds, inputs = _checked_stack(activation, names, np.sqrt(variances), bases,
                                  math.sqrt(input_variance) * bases.inputs)
    fn, grad = activation_functions(activation)
    groups = _scheme_groups(names)
    count = len(names)
    kept_rows = max(1, min(batch, -(-HISTOGRAM_SAMPLES // width)))
    shape = (count, depth)
    pre_mean, pre_second = np.empty(shape), np.empty(shape)
    post_mean, post_second, post_min, post_max = np.empty(shape), np.empty(shape), np.empty(shape), np.empty(shape)
    grad_second = np.empty(shape)
    slopes = np.empty((depth, count, batch, width))
    kept = np.empty((depth, count, kept_rows, width))
    hidden = np.broadcast_to(inputs, (count, batch, width))
    axes = (1, 2)
    with np.errstate(over="ignore", invalid="ignore"):
        for layer in range(depth):
            pre = _through_layer(hidden, groups, bases, layer, stds, backward=False, single=True)
            hidden = fn(pre)
            slopes[layer] = grad(pre)
            kept[layer] = hidden[:, :kept_rows]
            pre_mean[:, layer], pre_second[:, layer] = np.mean(pre, axis=axes), _mean_square(pre, axes)
            post_mean[:, layer], post_second[:, layer] = np.mean(hidden, axis=axes), _mean_square(hidden, axes)
            post_min[:, layer], post_max[:, layer] = np.min(hidden, axis=axes), np.max(hidden, axis=axes)
        upstream = np.broadcast_to(bases.output_grad, (count, batch, width))
        for layer in range(depth - 1, -1, -1):
            delta = slopes[layer] * upstream
            grad_second[:, layer] = _mean_square(delta, axes)
            if layer:
                upstream = _through_layer(delta, groups, bases, layer, stds, backward=True, single=True)
    post_std = np.sqrt(np.maximum(post_second - np.square(post_mean), 0.0))
    low, high = _histogram_range(post_min, post_max, post_mean, post_std)
    edges = low[:, None] + (high - low)[:, None] * np.linspace(0.0, 1.0, bins + 1)
    scaled = (kept - low[None, :, None, None]) / (high - low)[None, :, None, None]
    positions = np.clip(np.floor(scaled * bins), 0, bins - 1).astype(np.int64)  # values beyond the range: end bins
    offsets = (np.arange(count)[:, None] * depth + np.arange(depth)[None, :]).T * bins  # (depth, K)
    counts = np.bincount((positions + offsets[:, :, None, None]).ravel(), minlength=depth * count * bins)
    histogram = counts.reshape(count, depth, bins) / (kept_rows * width)
    return StackStatistics(
        names=tuple(names), weight_variance=variances, pre_mean=pre_mean, pre_second=pre_second,
        post_mean=post_mean, post_std=post_std, post_second=post_second, grad_rms=np.sqrt(grad_second),
        histogram_edges=edges, histogram=histogram, samples=batch * width, histogram_samples=kept_rows * width,
    )


def second_moment_paths(activation: str, scheme: str, width: int, depth: int, networks: int,
                        rng: np.random.Generator, *, input_variance: float = 1.0,
                        small_std: float = SMALL_STD) -> np.ndarray:
    r""":math:`\mathbb E[a_l^2]` over the units of every layer of ``networks`` independent networks of ``depth`` layers
    of ``width`` units, one input :math:`x\sim\mathcal N(0,\text{input\_variance}\,I)` each: shape
    ``(networks, depth)``.

    For weights drawn from a normal scheme the pre-activations of a layer, given its input :math:`a`, are exactly
    :math:`z=aW\sim\mathcal N(0,\mathrm{Var}(W)\,\lVert a\rVert^2 I)` (each column of :math:`W` is an independent
    normal vector), so a layer is drawn as ``width`` numbers instead of a ``width x width`` matrix, and thousands of
    networks cost less than one matrix. One network's second moment wanders from layer to layer even when its
    expectation is steady (a ReLU layer of :math:`n` units multiplies it by a random factor of mean 1 and variance
    about :math:`5/n`; Hanin & Nica 2019); the mean over many networks shows the expectation.
    """
    if SCHEMES[scheme].distribution != NORMAL:
        raise ValueError(f"second_moment_paths draws normal weights; {scheme!r} is uniform")
    fn, _ = activation_functions(activation)
    std = math.sqrt(SCHEMES[scheme].variance(width, width, small_std))
    hidden = math.sqrt(input_variance) * rng.standard_normal((networks, width))
    second = np.empty((networks, depth))
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for layer in range(depth):
            norms = np.sqrt(_mean_square(hidden, 1) * width)
            hidden = fn(std * norms[:, None] * rng.standard_normal((networks, width)))
            second[:, layer] = _mean_square(hidden, 1)
    return second


# ---------------------------------------------------------------- the theory


@dataclass(frozen=True)
class Moments:
    r"""For :math:`z\sim\mathcal N(0,q)`: ``mean`` :math:`\mathbb E f(z)`, ``second`` :math:`\mathbb E f(z)^2` and
    ``slope_second`` :math:`\mathbb E f'(z)^2`, each of the shape of ``q``."""

    mean: np.ndarray
    second: np.ndarray
    slope_second: np.ndarray


# Simpson's rule over t = z / sqrt(q) in [-10, 10] (the normal mass beyond 10 standard deviations is below 1e-23), in
# three pieces: [-a, a] with a = min(10, 10 / sqrt(q)) holds |z| <= 10, where every activation bends, in steps of
# 0.05 in z at most; the two outer pieces, where the activations are flat or straight, in steps of 0.05 in t at most.
# z = 0 is a panel edge, so a kink there costs no accuracy.
_PANELS = 200
_SPAN = 10.0
_UNIT = np.linspace(0.0, 1.0, 2 * _PANELS + 1)
_SIMPSON = simpson_weights(_UNIT.size) / (2 * _PANELS)


def _nodes_and_weights(q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Quadrature nodes in t (shape ``q.shape + (3 * 401,)``) and their weights (Simpson times the normal density);
    the middle node of the middle piece is t = 0."""
    inner = np.minimum(_SPAN, _SPAN / np.sqrt(np.maximum(q, 1e-300)))[..., None]
    outer = _SPAN - inner
    nodes = np.concatenate([-_SPAN + outer * _UNIT, -inner + 2 * inner * _UNIT, inner + outer * _UNIT], axis=-1)
    lengths = np.concatenate([np.broadcast_to(outer, inner.shape[:-1] + (_UNIT.size,)),
                              np.broadcast_to(2 * inner, inner.shape[:-1] + (_UNIT.size,)),
                              np.broadcast_to(outer, inner.shape[:-1] + (_UNIT.size,))], axis=-1)
    weights = lengths * np.tile(_SIMPSON, 3) * np.exp(-0.5 * nodes**2) / math.sqrt(2.0 * math.pi)
    return nodes, weights


def gaussian_moments(activation: str, variance, *, closed_form: bool = True) -> Moments:
    r"""The :class:`Moments` of ``activation`` under :math:`z\sim\mathcal N(0,\text{variance})`, elementwise.

    Closed forms for the piecewise-linear ones: linear :math:`(0,\ q,\ 1)`; ReLU
    :math:`(\sqrt{q/2\pi},\ q/2,\ 1/2)`; Leaky ReLU :math:`((1-\alpha)\sqrt{q/2\pi},\ (1+\alpha^2)q/2,\
    (1+\alpha^2)/2)`. The others, or all with ``closed_form=False``, by Simpson's rule over :math:`\pm10` standard
    deviations, in steps of at most 0.05 in :math:`z` where the activations bend (:math:`|z|\le 10`).
    """
    q = np.clip(np.asarray(variance, dtype=np.float64), 0.0, _LARGEST_SECOND_MOMENT)
    if closed_form and activation == LINEAR:
        return Moments(np.zeros_like(q), q.copy(), np.ones_like(q))
    if closed_form and activation in ("relu", "leaky_relu"):
        alpha = ACTIVATIONS[activation].params.get("alpha", 0.0)
        scale = (1.0 + alpha**2) / 2.0
        return Moments((1.0 - alpha) * np.sqrt(q / (2.0 * math.pi)), scale * q, np.full_like(q, scale))
    fn, grad = activation_functions(activation)
    nodes, weights = _nodes_and_weights(q)
    points = np.sqrt(q)[..., None] * nodes
    values, slopes = fn(points), np.square(grad(points))
    # The middle node is z = 0, where ReLU's derivative jumps: Simpson's rule on each half takes that half's limit
    # there, so the node takes the mean of the two one-sided values (it holds both halves' end weights).
    sides = np.square(grad(np.array([-np.finfo(float).tiny, np.finfo(float).tiny])))
    middle = nodes.shape[-1] // 2
    slopes[..., middle] = np.where(q > 0, sides.mean(), slopes[..., middle])
    return Moments(np.sum(values * weights, axis=-1), np.sum(np.square(values) * weights, axis=-1),
                   np.sum(slopes * weights, axis=-1))


@dataclass(frozen=True)
class Theory:
    r"""The recursion of the module's docstring, per scheme and layer (arrays ``(K, depth)``): ``pre_second``
    :math:`q_l=\mathbb E[z_l^2]`, ``post_mean``, ``post_std`` and ``post_second`` of :math:`a_l=f(z_l)`, and
    ``grad_rms`` :math:`\sqrt{\mathbb E[\delta_l^2]}`; ``gain`` ``(K,)``: :math:`n\,\mathrm{Var}(W)`."""

    gain: np.ndarray
    pre_second: np.ndarray
    post_mean: np.ndarray
    post_std: np.ndarray
    post_second: np.ndarray
    grad_rms: np.ndarray


def theory(activation: str, weight_variance, width: int, depth: int, input_variance: float,
           input_mean: float = 0.0) -> Theory:
    r"""The second moments layer by layer for weights of variance ``weight_variance`` (shape ``(K,)``) in a stack
    of ``depth`` layers of ``width`` units, inputs of variance ``input_variance`` and mean ``input_mean``:

    .. math:: q_1=n\,\mathrm{Var}(W)\,(\mathrm{Var}(x)+\mu_x^2),\quad
              q_l=n\,\mathrm{Var}(W)\,\mathbb E\bigl[f(z)^2\bigr]_{z\sim\mathcal N(0,q_{l-1})};\qquad
              \mathbb E[\delta_L^2]=\mathbb E[f'(z_L)^2],\quad
              \mathbb E[\delta_l^2]=\mathbb E[f'(z_l)^2]\,n\,\mathrm{Var}(W)\,\mathbb E[\delta_{l+1}^2]

    (the gradient at the last output has unit variance). Second moments are held below 1e300.
    """
    gain = width * np.asarray(weight_variance, dtype=np.float64)
    shape = (gain.size, depth)
    pre_second, post_mean, post_second, slope_second = (np.empty(shape) for _ in range(4))
    q = np.minimum(gain * (input_variance + input_mean**2), _LARGEST_SECOND_MOMENT)
    for layer in range(depth):
        moments = gaussian_moments(activation, q)
        pre_second[:, layer], post_mean[:, layer] = q, moments.mean
        post_second[:, layer], slope_second[:, layer] = moments.second, moments.slope_second
        q = np.minimum(gain * moments.second, _LARGEST_SECOND_MOMENT)
    grad_second = np.empty(shape)
    upstream = np.ones(gain.size)
    for layer in range(depth - 1, -1, -1):
        grad_second[:, layer] = np.minimum(slope_second[:, layer] * upstream, _LARGEST_SECOND_MOMENT)
        upstream = gain * grad_second[:, layer]
    post_std = np.sqrt(np.maximum(post_second - np.square(post_mean), 0.0))
    return Theory(gain, pre_second, post_mean, post_std, post_second, np.sqrt(grad_second))


# ---------------------------------------------------------------- one layer: Bienaymé's formula


@dataclass(frozen=True)
class LayerSample:
    r"""One layer's pre-activations :math:`z=xW` measured against Bienaymé's formula.

    ``pre_activations`` ``(batch, units)``; ``mean`` and ``variance`` over all of them; ``lesson`` the lesson's
    :math:`n_\text{in}\mathrm{Var}(W)\mathrm{Var}(x)`; ``predicted`` :math:`n_\text{in}\mathrm{Var}(W)
    (\mathrm{Var}(x)+\mu_x^2)` (the same when the inputs have mean 0); ``standard_error`` the standard deviation of
    the measured mean square around ``predicted`` (:func:`mean_square_standard_error`).

    Two views of the same values. One unit over the data, its weights fixed: its mean is :math:`\mu_x\sum_i w_i`
    and its variance :math:`\mathrm{Var}(x)\sum_i w_i^2`, about the lesson's formula whatever :math:`\mu_x`;
    ``within_units`` is the mean of the units' variances, ``between_units`` the variance of their means (about
    :math:`\mu_x^2 n_\text{in}\mathrm{Var}(W)`). All the layer's units together: ``variance`` = ``within_units`` +
    ``between_units`` exactly (the law of total variance), about ``predicted``.
    """

    pre_activations: np.ndarray
    mean: float
    variance: float
    mean_square: float
    lesson: float
    predicted: float
    standard_error: float
    within_units: float
    between_units: float


def bienayme_sample(fan_in: int, weight_variance: float, input_variance: float, input_mean: float,
                    rng: np.random.Generator, *, batch: int = 1000, units: int = 100) -> LayerSample:
    r"""``batch`` inputs :math:`x\sim\mathcal N(\mu_x,\mathrm{Var}(x))^{n_\text{in}}` through ``units`` units with
    weights :math:`W\sim\mathcal N(0,\mathrm{Var}(W))`, all independent: :math:`z=xW`, shape ``(batch, units)``."""
    for name, value in (("weight_variance", weight_variance), ("input_variance", input_variance)):
        if not (math.isfinite(value) and value >= 0):
            raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    if not math.isfinite(input_mean):
        raise ValueError(f"input_mean must be finite, got {input_mean!r}")
    inputs = input_mean + math.sqrt(input_variance) * rng.standard_normal((batch, fan_in))
    weights = math.sqrt(weight_variance) * rng.standard_normal((fan_in, units))
    pre = inputs @ weights
    second = input_variance + input_mean**2
    return LayerSample(
        pre_activations=pre, mean=float(np.mean(pre)), variance=float(np.var(pre)),
        mean_square=float(np.mean(np.square(pre))), lesson=fan_in * weight_variance * input_variance,
        predicted=fan_in * weight_variance * second,
        standard_error=mean_square_standard_error(fan_in, batch, units, weight_variance, input_variance, input_mean),
        within_units=float(np.mean(np.var(pre, axis=0))), between_units=float(np.var(np.mean(pre, axis=0))),
    )


def mean_square_standard_error(fan_in: int, batch: int, units: int, weight_variance: float, input_variance: float,
                               input_mean: float = 0.0) -> float:
    r"""The standard deviation of :math:`S=\frac{1}{NM}\sum_{ij}z_{ij}^2` for :math:`z=xW` with ``batch`` :math:`N`
    rows of independent :math:`x\sim\mathcal N(\mu,v)` and ``units`` :math:`M` columns of independent
    :math:`W\sim\mathcal N(0,s)`, :math:`n` = ``fan_in``. With :math:`m_2=v+\mu^2` and
    :math:`m_4=\mu^4+6\mu^2v+3v^2` (the moments of :math:`x`), exactly:

    .. math:: \mathrm{Var}(S)=\frac{s^2}{NM}\Bigl[\underbrace{2n^2m_2^2+3n(m_4-m_2^2)}_{\mathrm{Var}(z^2)}
              +(M-1)\,\underbrace{n(m_4-m_2^2)}_{\text{same sample}}
              +(N-1)\,\underbrace{\bigl(2n\,m_2^2+2n(n-1)\mu^4\bigr)}_{\text{same unit}}\Bigr]

    (entries of different samples *and* units are uncorrelated). With :math:`\mu=0` the relative error is
    :math:`\sqrt{(2+6/n+2(N+M-2)/n)/(NM)}`.
    """
    n, s = float(fan_in), float(weight_variance)
    m2 = input_variance + input_mean**2
    m4 = input_mean**4 + 6.0 * input_mean**2 * input_variance + 3.0 * input_variance**2
    single = 2.0 * n**2 * m2**2 + 3.0 * n * (m4 - m2**2)
    same_sample = n * (m4 - m2**2)
    same_unit = 2.0 * n * m2**2 + 2.0 * n * (n - 1.0) * input_mean**4
    variance = s**2 / (batch * units) * (single + (units - 1) * same_sample + (batch - 1) * same_unit)
    return math.sqrt(max(variance, 0.0))


# ---------------------------------------------------------------- Glorot's compromise on one layer

GLOROT_CHOICES = ("forward", "backward", "average")


def glorot_variances(fan_in: int, fan_out: int) -> dict[str, float]:
    r"""The three candidates of Glorot & Bengio (2010): ``forward`` :math:`1/n_\text{in}` (keeps the activations'
    variance), ``backward`` :math:`1/n_\text{out}` (keeps the gradients'), ``average``
    :math:`2/(n_\text{in}+n_\text{out})` (their compromise, the harmonic mean)."""
    return {"forward": 1.0 / fan_in, "backward": 1.0 / fan_out, "average": 2.0 / (fan_in + fan_out)}


@dataclass(frozen=True)
class LayerGains:
    r"""Per candidate variance (arrays ``(K,)``): ``forward`` :math:`\mathrm{Var}(z)/\mathrm{Var}(x)` and
    ``backward`` :math:`\mathrm{Var}(\partial L/\partial x)/\mathrm{Var}(\partial L/\partial z)`, measured; the
    theory is :math:`n_\text{in}\mathrm{Var}(W)` and :math:`n_\text{out}\mathrm{Var}(W)` (``forward_theory``,
    ``backward_theory``)."""

    weight_variance: np.ndarray
    forward: np.ndarray
    backward: np.ndarray
    forward_theory: np.ndarray
    backward_theory: np.ndarray


def layer_gains(fan_in: int, fan_out: int, weight_variance, rng: np.random.Generator, *,
                batch: int = 512) -> LayerGains:
    r"""One layer :math:`z=xW`, :math:`W=\sqrt{\mathrm{Var}(W)}\,G` (the same standard normal :math:`G` for every
    candidate), ``batch`` inputs :math:`x\sim\mathcal N(0,1)` and gradients :math:`\partial L/\partial z\sim\mathcal
    N(0,1)`; backward :math:`\partial L/\partial x=(\partial L/\partial z)\,W^\top`."""
    variances = np.asarray(weight_variance, dtype=np.float64)
    inputs = rng.standard_normal((batch, fan_in))
    grads = rng.standard_normal((batch, fan_out))
    base = rng.standard_normal((fan_in, fan_out))
    forward = np.mean(np.square(inputs @ base)) / np.mean(np.square(inputs))
    backward = np.mean(np.square(grads @ base.T)) / np.mean(np.square(grads))
    return LayerGains(variances, variances * forward, variances * backward, fan_in * variances, fan_out * variances)
