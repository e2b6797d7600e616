r"""The symmetry trap of lesson 2: hidden units that start equal stay equal, so n units act as one.

In a layer whose weight columns are all equal (all-zero or all-constant weights, equal biases), every hidden unit
computes the same value for every input. Backpropagation then hands every unit the same gradient

.. math:: \frac{\partial L}{\partial W^{(1)}_{\cdot j}} = X^\top\Bigl(\delta^{(2)}\,W^{(2)\top}_{j\cdot}
          \odot f'\bigl(XW^{(1)}_{\cdot j}+b_j\bigr)\Bigr),

the same for every :math:`j` as long as the rows :math:`W^{(2)}_{j\cdot}` are equal too, which they are, since
:math:`\partial L/\partial W^{(2)}_{j\cdot}=h_j^\top\delta^{(2)}` is the same for equal :math:`h_j`. So gradient
descent moves all units alike and they never part: the layer has the power of a single unit. The same
arithmetic in the same order gives bit-identical results, so "equal" here is exact, not approximate.

- :func:`train_recording`: full-batch gradient descent on a :class:`dl_core.network.MLP` (the engine's training
  loop), keeping the first layer's weights and biases after every step.
- :func:`distinct_units`, :func:`unit_spread`: how many different hidden units there are, and how far apart.
- :func:`class_probability_grid`: the network's probability of class 1 over a grid (its decision boundary).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dl_core import network, optimizers, training
from dl_core.network import MLP, Params

# The gradient of unit j's incoming weights, as the page shows it: the same for every j while the units are equal.
GRADIENT_LATEX = (r"\frac{\partial L}{\partial W^{(1)}_{\cdot j}} = X^\top\Bigl(\delta\,W^{(2)\top}_{j\cdot}\odot "
                  r"f'\bigl(XW^{(1)}_{\cdot j}+b_j\bigr)\Bigr)")


@dataclass(frozen=True)
class FirstLayerRecording:
    r"""A training run that kept the first layer after every step (index 0 is the start).

    ``hidden_weights`` ``(steps + 1, fan_in, units)``: :math:`W^{(1)}` (column ``j`` feeds unit ``j``);
    ``hidden_bias`` ``(steps + 1, units)``; ``losses`` ``(steps + 1,)``: the full-batch loss at each step's
    weights; ``params``: the network after the last step; ``accuracy``: its accuracy on ``x``; ``stopped_at``: the
    step at which the run diverged (the engine's rule: a loss not finite or above :math:`10^6 (1 + L_0)`; the
    records repeat the last good step from there), or -1.
    """

    hidden_weights: np.ndarray
    hidden_bias: np.ndarray
    losses: np.ndarray
    params: Params
    accuracy: float
    stopped_at: int


def train_recording(mlp: MLP, params: Params, x: np.ndarray, y: np.ndarray, *, steps: int,
                    lr: float) -> FirstLayerRecording:
    r"""``steps`` steps of full-batch gradient descent, :math:`\theta\leftarrow\theta-\eta\nabla L(\theta)`
    (:func:`dl_core.optimizers.sgd`), keeping the first layer after every step: :func:`train_recordings` of one
    start."""
    return train_recordings(mlp, [params], x, y, steps=steps, lr=lr)[0]


def train_recordings(mlp: MLP, starts: Sequence[Params], x: np.ndarray, y: np.ndarray, *, steps: int,
                     lr: float) -> list[FirstLayerRecording]:
    r""":func:`train_recording` from each of ``starts``, the starts trained side by side as the engine's copies in
    its training loop (:func:`dl_core.training.train`): the whole set in its order each step, the first layer kept
    after every step. Copy k is, number for number, the start trained alone.

    ``mlp`` is a classifier without batch norm or dropout; ``x`` ``(N, D)``, ``y`` ``(N,)`` integer labels.
    """
    if mlp.drops or mlp.batch_norm or not mlp.is_classifier:
        raise ValueError("train_recording takes a classifier without batch norm or dropout")
    if isinstance(steps, bool) or not (isinstance(steps, int | np.integer) and steps >= 0):
        raise ValueError(f"steps must be an integer >= 0, got {steps!r}")
    x = np.asarray(x, dtype=np.float64)
    run = training.train(mlp, network.stack_copies(starts), (), optimizers.sgd(lr), x, y, epochs=int(steps),
                        batch_size=len(x), rng=[np.random.default_rng(0) for _ in starts], shuffle=False,
                        layer_statistics=False, keep=lambda copies, _: (copies["W1"], copies["b1"]))
    weights, biases = run.kept
    return [FirstLayerRecording(weights[:, k], biases[:, k], run.train_loss[:, k],
                                {key: value[k] for key, value in run.params.items()}, float(run.train_accuracy[-1, k]),
                                int(run.diverged_at[k])) for k in range(len(starts))]


def _units(weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Each hidden unit's incoming weights and bias as a row, ``(units, fan_in + 1)``."""
    return np.column_stack([np.asarray(weights).T, np.asarray(bias)])


def distinct_units(weights: np.ndarray, bias: np.ndarray) -> int:
    """How many hidden units differ: the number of distinct columns of ``weights`` ``(fan_in, units)`` with their
    ``bias``, compared exactly (bit for bit). 1 means all units are one and the same."""
    return int(np.unique(_units(weights, bias), axis=0).shape[0])


def unit_spread(weights: np.ndarray, bias: np.ndarray) -> float:
    r"""The largest difference between two units' incoming weights or biases,
    :math:`\max_{j,k,i}|w_{ij}-w_{ik}|`: exactly 0 when all units are equal."""
    units = _units(weights, bias)
    return float(np.max(np.ptp(units, axis=0))) if units.size else 0.0


def class_probability_grid(mlp: MLP, params: Params, bounds: tuple[tuple[float, float], tuple[float, float]],
                           resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""The softmax probability of class 1 on a ``resolution`` x ``resolution`` grid over ``bounds``
    ``((x1_low, x1_high), (x2_low, x2_high))``: ``(axis1, axis2, probability[i2, i1])``. Its 1/2 level line is the
    decision boundary of a two-class network."""
    (low1, high1), (low2, high2) = bounds
    axis1, axis2 = np.linspace(low1, high1, resolution), np.linspace(low2, high2, resolution)
    grid1, grid2 = np.meshgrid(axis1, axis2)
    logits = mlp.predict(params, mlp.init_state(), np.column_stack([grid1.ravel(), grid2.ravel()]))
    shifted = logits - logits.max(axis=1, keepdims=True)
    probabilities = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    return axis1, axis2, probabilities[:, 1].reshape(resolution, resolution)
