r"""The backprop lesson's small network as a computational graph: 2 inputs, a hidden layer of 3 units, 1 output,
the squared error. Every node's value on the forward pass, and on the backward pass the gradient arriving at it,
computed with ``dl_core.layers`` (the same forward/backward interface as the big networks):

.. math:: z = xW_1 + b_1,\quad h = f(z),\quad \hat y = hW_2 + b_2,\quad l = (\hat y - y)^2

.. math:: \frac{\partial l}{\partial \hat y} = 2(\hat y - y),\quad
    \frac{\partial l}{\partial h} = \frac{\partial l}{\partial \hat y} W_2^\top,\quad
    \frac{\partial l}{\partial z} = \frac{\partial l}{\partial h} \odot f'(z),\quad
    \frac{\partial l}{\partial W_1} = x^\top \frac{\partial l}{\partial z}

A planted bug (``bug=True``) forgets the activation's derivative, :math:`\partial l/\partial z = \partial l/\partial h`,
the classic mistake a gradient check catches.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core import gradcheck, layers

PARAMETERS = ("W1", "b1", "W2", "b2")
SHAPES = {"W1": (2, 3), "b1": (3,), "W2": (3, 1), "b2": (1,)}


@dataclass(frozen=True)
class GraphWalk:
    """The forward values and backward gradients of every node for one example ``x (2,)``, target ``y``."""

    x: np.ndarray
    y: float
    z: np.ndarray  # (3,) hidden pre-activations
    h: np.ndarray  # (3,) hidden activations
    y_hat: float
    loss: float
    dy_hat: float
    dh: np.ndarray
    dz: np.ndarray
    local: np.ndarray  # (3,) f'(z): each hidden node's local derivative
    grads: dict[str, np.ndarray]


def loss(params: dict[str, np.ndarray], x: np.ndarray, y: float, activation: str) -> float:
    """The squared error of the network on one example."""
    hidden, _ = layers.activation_forward(x[None, :] @ params["W1"] + params["b1"], activation)
    return float(((hidden @ params["W2"] + params["b2"])[0, 0] - y) ** 2)


def walk(params: dict[str, np.ndarray], x, y: float, activation: str, *, bug: bool = False) -> GraphWalk:
    """The forward pass node by node (caches kept), then the backward pass through the same caches."""
    x = np.asarray(x, dtype=float)
    z, first = layers.linear_forward(x[None, :], params["W1"], params["b1"])
    h, act = layers.activation_forward(z, activation)
    out, second = layers.linear_forward(h, params["W2"], params["b2"])
    y_hat = float(out[0, 0])
    dy_hat = 2.0 * (y_hat - y)
    dh, dw2, db2 = layers.linear_backward(np.array([[dy_hat]]), second)
    local = layers.activation_backward(np.ones_like(z), act)
    dz = dh if bug else layers.activation_backward(dh, act)
    _, dw1, db1 = layers.linear_backward(dz, first)
    return GraphWalk(x=x, y=float(y), z=z[0], h=h[0], y_hat=y_hat, loss=(y_hat - y) ** 2, dy_hat=dy_hat,
                     dh=dh[0], dz=dz[0], local=local[0], grads={"W1": dw1, "b1": db1, "W2": dw2, "b2": db2})


@dataclass(frozen=True)
class Check:
    """Backprop's and centred differences' gradient for every parameter (flattened in ``PARAMETERS`` order), with
    names like ``W1[0,2]`` and the relative error of each."""

    names: tuple[str, ...]
    backprop: np.ndarray
    numeric: np.ndarray
    relative_error: np.ndarray


def check(params: dict[str, np.ndarray], x, y: float, activation: str, *, bug: bool = False) -> Check:
    r"""Gradient check of every parameter: :math:`|a - b| / \max(|a|, |b|)` between backprop and centred
    differences (``dl_core.gradcheck``)."""
    x = np.asarray(x, dtype=float)
    backprop = walk(params, x, y, activation, bug=bug).grads
    names, ours, numeric = [], [], []
    for name in PARAMETERS:
        def of(value, name=name):
            return loss({**params, name: value}, x, y, activation)

        estimate = gradcheck.numerical_grad(of, params[name])
        for index in np.ndindex(params[name].shape):
            names.append(f"{name}[{','.join(map(str, index))}]")
            ours.append(float(backprop[name][index]))
            numeric.append(float(estimate[index]))
    ours, numeric = np.array(ours), np.array(numeric)
    errors = np.abs(ours - numeric) / np.maximum(np.maximum(np.abs(ours), np.abs(numeric)), 1e-12)
    return Check(tuple(names), ours, numeric, errors)


def random_params(rng: np.random.Generator, scale: float = 1.0) -> dict[str, np.ndarray]:
    """Weights from N(0, scale²), biases 0."""
    return {name: (rng.normal(0.0, scale, shape) if name.startswith("W") else np.zeros(shape))
            for name, shape in SHAPES.items()}
