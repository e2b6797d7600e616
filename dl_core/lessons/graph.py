r"""The computational graph of a tiny network, evaluated node by node: the forward pass, then the chain rule run
backwards (lesson 9).

The network has 2 inputs, one hidden layer of 3 units with an activation :math:`f`, one output and a squared
error against a target :math:`y`:

.. math:: z_j = \sum_i w_{ij} x_i + b_j,\qquad h_j = f(z_j),\qquad
    \hat y = \sum_j v_j h_j + c,\qquad L = (\hat y - y)^2

Its parameters are the dictionary of :class:`dl_core.network.MLP` ``((2, 3, 1), loss="mse")``: ``W1`` ``(2, 3)``
holds :math:`w_{ij}`, ``b1`` ``(3,)`` the :math:`b_j`, ``W2`` ``(3, 1)`` the :math:`v_j` and ``b2`` ``(1,)``
:math:`c`; for one sample the MLP's mean squared error is this :math:`L`, and its gradients are the ones here.

Every node is a scalar. The forward pass visits the nodes in topological order (:data:`FORWARD`) and remembers
each value; the backward pass visits them in reverse (:data:`BACKWARD`). Each edge ``parent -> child`` carries the
*local derivative* :math:`\partial\,\text{child} / \partial\,\text{parent}`, and the gradient *arriving* at a node
is the sum over its children of the child's gradient times that local derivative:

.. math:: \frac{\partial L}{\partial n} = \sum_{c\,\in\,\text{children}(n)}
    \frac{\partial L}{\partial c}\,\frac{\partial c}{\partial n},\qquad \frac{\partial L}{\partial L} = 1

The gradient of a weight on an edge is the child's gradient times the parent's value, that of a bias the child's
gradient. :func:`evaluate` can plant one of :data:`BUGS` in the backward pass, and :func:`check` compares the
backward pass with centred differences (:mod:`dl_core.gradcheck`), parameter by parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from dl_core import activations, gradcheck

INPUTS, HIDDEN = 2, 3
SHAPES = MappingProxyType({"W1": (INPUTS, HIDDEN), "b1": (HIDDEN,), "W2": (HIDDEN, 1), "b2": (1,)})
Params = dict[str, np.ndarray]
Parameter = tuple[str, tuple[int, ...]]  # ("W1", (0, 2)): an entry of the parameters dictionary

# Every parameter, one scalar each, in the order of the dictionary and then of the array (row-major).
PARAMETERS: tuple[Parameter, ...] = tuple(
    (key, index) for key, shape in SHAPES.items() for index in np.ndindex(shape)
)

# The backward formulas a gradient check can be shown to catch (``"none"``: the correct backward pass).
BUGS = ("none", "no_activation_grad", "loss_factor", "reshaped_dw")
BUG_LATEX = MappingProxyType({
    "none": "",
    # The local derivative of h = f(z) taken as 1: the factor f'(z) forgotten.
    "no_activation_grad": r"\frac{\partial L}{\partial z_j} = \frac{\partial L}{\partial h_j}",
    # The derivative of (y_hat - y)^2 without its factor 2.
    "loss_factor": r"\frac{\partial L}{\partial \hat y} = \hat y - y",
    # dW of the hidden layer as dZ^T X (3 x 2), reshaped to W's 2 x 3 instead of transposed: X^T dZ.
    "reshaped_dw": r"dW = \operatorname{reshape}\bigl(dZ^\top X,\ 2\times 3\bigr)",
})
# Activations with a kink at 0 (a jump in f'), where a centred difference across 0 averages two slopes.
KINKED = frozenset({"relu", "leaky_relu"})
CHECK_EPS = 1e-6  # the relative step of the centred differences (see dl_core.gradcheck)
CHECK_TOLERANCE = 1e-5  # a parameter passes when its relative error is below this
# Rounding leaves a centred difference an absolute error of about 1e-10 * max(1, L) here: gradients smaller than
# CHECK_FLOOR * max(1, L) are judged by their difference against that floor, not relative to their own size.
CHECK_FLOOR = 1e-3


@dataclass(frozen=True)
class Node:
    """A node of the graph: its ``name``, ``kind`` (``input``, ``target``, ``sum``, ``activation``, ``loss``),
    where it is drawn (``layer``: 0 inputs, 1 sums, 2 activations, 3 output and target, 4 loss; ``slot`` within
    the layer), its ``parents`` and, for a sum, the ``weights`` on the edges from them and its ``bias``."""

    name: str
    kind: str
    layer: int
    slot: int
    parents: tuple[str, ...] = ()
    weights: tuple[Parameter, ...] = ()
    bias: Parameter | None = None


def _nodes() -> tuple[Node, ...]:
    inputs = tuple(Node(f"x{i + 1}", "input", 0, i) for i in range(INPUTS))
    sums = tuple(
        Node(f"z{j + 1}", "sum", 1, j, tuple(node.name for node in inputs),
             tuple(("W1", (i, j)) for i in range(INPUTS)), ("b1", (j,)))
        for j in range(HIDDEN)
    )
    hidden = tuple(Node(f"h{j + 1}", "activation", 2, j, (f"z{j + 1}",)) for j in range(HIDDEN))
    output = Node("y_hat", "sum", 3, 0, tuple(node.name for node in hidden),
                  tuple(("W2", (j, 0)) for j in range(HIDDEN)), ("b2", (0,)))
    target = Node("y", "target", 3, 1)
    loss = Node("loss", "loss", 4, 0, ("y_hat", "y"))
    return (*inputs, *sums, *hidden, output, target, loss)


NODES: tuple[Node, ...] = _nodes()
NODE = MappingProxyType({node.name: node for node in NODES})
EDGES: tuple[tuple[str, str], ...] = tuple((parent, node.name) for node in NODES for parent in node.parents)
# The walk of the lesson: every computed node in the forward pass, then every node that receives a gradient in
# the backward pass (the target is a given number, not a variable of the network: it receives none).
FORWARD: tuple[str, ...] = tuple(node.name for node in NODES if node.kind not in ("input", "target"))


def _backward_order() -> tuple[str, ...]:
    """Reverse topological order, each layer from its first slot (h1 before h2), as a reader goes through it."""
    ranked = sorted((node for node in NODES if node.kind != "target"), key=lambda node: (-node.layer, node.slot))
    return tuple(node.name for node in ranked)


BACKWARD: tuple[str, ...] = _backward_order()
WALK: tuple[tuple[str, str], ...] = (
    ("start", ""), *(("forward", name) for name in FORWARD), *(("backward", name) for name in BACKWARD)
)


def children(name: str) -> tuple[str, ...]:
    """The nodes that read ``name``."""
    return tuple(child for parent, child in EDGES if parent == name)


def parameter_of_edge(parent: str, child: str) -> Parameter | None:
    """The weight on the edge ``parent -> child``, or None (the edges into an activation and into the loss)."""
    node = NODE[child]
    return node.weights[node.parents.index(parent)] if node.weights else None


def init(rng: np.random.Generator, scale: float = 1.0) -> Params:
    """Random parameters (every weight and bias from :math:`\\mathcal N(0, \\text{scale}^2)`), in the dictionary
    layout of ``MLP((2, 3, 1))``: ``W1, b1, W2, b2``."""
    return {key: scale * rng.standard_normal(shape) for key, shape in SHAPES.items()}


def flatten(params: Params) -> np.ndarray:
    """The parameters as one vector, in the order of :data:`PARAMETERS`."""
    return np.array([params[key][index] for key, index in PARAMETERS], dtype=np.float64)


def unflatten(vector: np.ndarray) -> Params:
    """The inverse of :func:`flatten`."""
    params = {key: np.zeros(shape) for key, shape in SHAPES.items()}
    for value, (key, index) in zip(np.asarray(vector, dtype=np.float64), PARAMETERS, strict=True):
        params[key][index] = value
    return params


def _checked(params: Params, x) -> tuple[Params, np.ndarray]:
    if set(params) != set(SHAPES) or any(np.shape(params[key]) != shape for key, shape in SHAPES.items()):
        raise ValueError(f"params must hold {dict(SHAPES)} (the layout of MLP((2, 3, 1))), got "
                         f"{ {key: np.shape(value) for key, value in params.items()} }")
    x = np.asarray(x, dtype=np.float64)
    if x.shape != (INPUTS,):
        raise ValueError(f"x must have shape ({INPUTS},), got {x.shape}")
    return {key: np.array(params[key], dtype=np.float64) for key in SHAPES}, x


def _forward(params: Params, x: np.ndarray, y: float, activation: activations.Activation) -> dict[str, float]:
    """Every node's value, in topological order."""
    values: dict[str, float] = {}
    for node in NODES:
        if node.kind == "input":
            values[node.name] = float(x[node.slot])
        elif node.kind == "target":
            values[node.name] = float(y)
        elif node.kind == "sum":
            total = sum(params[key][index] * values[parent]
                        for parent, (key, index) in zip(node.parents, node.weights, strict=True))
            values[node.name] = float(total + params[node.bias[0]][node.bias[1]])
        elif node.kind == "activation":
            values[node.name] = float(activation.fn(values[node.parents[0]]))
        else:
            values[node.name] = (values["y_hat"] - values["y"]) ** 2
    return values


def loss(params: Params, x, y: float, activation: str) -> float:
    """:math:`L = (\\hat y - y)^2` for the sample ``x`` ``(2,)`` and target ``y``: the forward pass alone."""
    params, x = _checked(params, x)
    return _forward(params, x, y, activations.get(activation))["loss"]


@dataclass(frozen=True)
class GraphPass:
    """A forward and a backward pass through the graph.

    - ``values``: every node's value (``x1 x2 z1 z2 z3 h1 h2 h3 y_hat y loss``);
    - ``local``: the local derivative :math:`\\partial\\,\\text{child}/\\partial\\,\\text{parent}` of every edge,
      keyed ``(parent, child)``: a weight for an edge into a sum, :math:`f'(z_j)` into an activation,
      :math:`2(\\hat y - y)` from the output into the loss (and :math:`-2(\\hat y - y)` from the target);
    - ``grads``: the gradient arriving at every node but the target, :math:`\\partial L/\\partial n`;
    - ``param_grads``: the gradient of every parameter, keyed and shaped like the parameters;
    - ``bug``: the planted bug (one of :data:`BUGS`), already applied to ``local``, ``grads`` and ``param_grads``;
    - ``params``: the parameters the pass ran with.
    """

    values: dict[str, float]
    local: dict[tuple[str, str], float]
    grads: dict[str, float]
    param_grads: Params
    bug: str
    params: Params

    @property
    def loss(self) -> float:
        return self.values["loss"]

    @property
    def dx(self) -> np.ndarray:
        """:math:`\\partial L/\\partial x`, what a layer below would receive: ``W1 @ dz`` (``dz @ W1.T`` as a row)."""
        return np.array([self.grads[f"x{i + 1}"] for i in range(INPUTS)])


def evaluate(params: Params, x, y: float, activation: str, *, bug: str = "none") -> GraphPass:
    """The forward pass, then the backward pass node by node (see the module), with ``bug`` planted.

    ``params``: the dictionary of ``MLP((2, 3, 1))`` (see the module); ``x`` ``(2,)``; ``y`` the target;
    ``activation``: a name of :data:`dl_core.activations.ACTIVATIONS` (default parameters); ``bug``: one of
    :data:`BUGS`. Pure: nothing passed in is changed.
    """
    if bug not in BUGS:
        raise ValueError(f"bug must be one of {', '.join(BUGS)}, got {bug!r}")
    params, x = _checked(params, x)
    function = activations.get(activation)
    values = _forward(params, x, y, function)

    local: dict[tuple[str, str], float] = {}
    for node in NODES:
        if node.kind == "sum":
            for parent, (key, index) in zip(node.parents, node.weights, strict=True):
                local[parent, node.name] = float(params[key][index])
        elif node.kind == "activation":
            derivative = float(function.grad(values[node.parents[0]]))
            local[node.parents[0], node.name] = 1.0 if bug == "no_activation_grad" else derivative
        elif node.kind == "loss":
            factor = 1.0 if bug == "loss_factor" else 2.0
            local["y_hat", node.name] = factor * (values["y_hat"] - values["y"])
            local["y", node.name] = -factor * (values["y_hat"] - values["y"])

    grads: dict[str, float] = {}
    for name in BACKWARD:
        grads[name] = 1.0 if name == "loss" else sum(grads[child] * local[name, child] for child in children(name))

    param_grads = {key: np.zeros(shape) for key, shape in SHAPES.items()}
    for node in NODES:
        if node.kind == "sum":
            for parent, (key, index) in zip(node.parents, node.weights, strict=True):
                param_grads[key][index] = grads[node.name] * values[parent]
            param_grads[node.bias[0]][node.bias[1]] = grads[node.name]
    if bug == "reshaped_dw":
        dz = np.array([grads[f"z{j + 1}"] for j in range(HIDDEN)])
        param_grads["W1"] = np.outer(dz, x).reshape(SHAPES["W1"])  # dZ^T X is (3, 2): reshaped, not transposed
    return GraphPass(values, local, grads, param_grads, bug, params)


@dataclass(frozen=True)
class Check:
    """The gradient check of every parameter (in the order of :data:`PARAMETERS`).

    ``backprop``: the gradients of the backward pass (with its bug); ``numeric``: centred differences of the loss;
    ``relative_error``: per parameter, :math:`|a-b| / \\max(|a|+|b|, \\text{floor})`; ``at_kink``: the centred
    difference of that parameter crosses a kink of the activation (a unit's :math:`z_j` changes sign within the
    step), where it averages two one-sided slopes and cannot be compared; ``passed``: below ``tolerance`` (or at a
    kink); ``flat``: every gradient is (numerically) zero, so the check cannot tell a wrong formula from a right
    one at this point.
    """

    backprop: np.ndarray
    numeric: np.ndarray
    relative_error: np.ndarray
    at_kink: np.ndarray
    passed: np.ndarray
    tolerance: float
    flat: bool

    @property
    def all_passed(self) -> bool:
        return bool(np.all(self.passed))

    @property
    def worst(self) -> float:
        """The largest relative error away from kinks (0 if every parameter sits at a kink)."""
        errors = self.relative_error[~self.at_kink]
        return float(errors.max()) if errors.size else 0.0


def check(params: Params, x, y: float, activation: str, *, bug: str = "none", eps: float = CHECK_EPS,
          tolerance: float = CHECK_TOLERANCE, floor: float = CHECK_FLOOR) -> Check:
    r"""Backpropagation (with ``bug`` planted) against centred differences of the loss, for every parameter.

    .. math:: \frac{\partial L}{\partial \theta_k} \approx
        \frac{L(\theta + h_k e_k) - L(\theta - h_k e_k)}{2h_k},\qquad h_k = \varepsilon \max(1, |\theta_k|)

    (:func:`dl_core.gradcheck.numerical_grad`). The relative error of each parameter is
    :func:`dl_core.gradcheck.relative_error` of its two numbers with the floor :math:`\text{floor}\cdot\max(1, L)`:
    rounding leaves a centred difference an absolute error of about :math:`10^{-10}\max(1, L)`, so gradients
    below the floor are judged by their difference against it.
    """
    params, x = _checked(params, x)
    function = activations.get(activation)
    backprop = flatten(evaluate(params, x, y, activation, bug=bug).param_grads)
    numeric = gradcheck.numerical_grad(lambda vector: _forward(unflatten(vector), x, y, function)["loss"],
                                       flatten(params), eps=eps)
    scaled_floor = floor * max(1.0, abs(_forward(params, x, y, function)["loss"]))
    errors = np.array([gradcheck.relative_error(a, b, scaled_floor) for a, b in zip(backprop, numeric, strict=True)])
    at_kink = _at_kink(params, x, activation, eps)
    flat = bool(np.all(np.abs(numeric) < scaled_floor) and np.all(np.abs(backprop) < scaled_floor))
    return Check(backprop, numeric, errors, at_kink, (errors < tolerance) | at_kink, tolerance, flat)


def _at_kink(params: Params, x: np.ndarray, activation: str, eps: float) -> np.ndarray:
    """Per parameter: whether its centred-difference step moves some unit's :math:`z_j` across 0 (only for
    :data:`KINKED` activations). A step of :math:`w_{ij}` moves :math:`z_j` by :math:`|x_i| h`, of :math:`b_j`
    by :math:`h`; the output layer's parameters do not move any :math:`z_j`."""
    flags = np.zeros(len(PARAMETERS), dtype=bool)
    if activation not in KINKED:
        return flags
    z = x @ params["W1"] + params["b1"]
    for position, (key, index) in enumerate(PARAMETERS):
        step = eps * max(1.0, abs(params[key][index]))
        if key == "W1":
            flags[position] = abs(z[index[1]]) < abs(x[index[0]]) * step
        elif key == "b1":
            flags[position] = abs(z[index[0]]) < step
    return flags
