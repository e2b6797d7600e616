r"""A fair race: several optimizers from the same start with the same step budget, as one batch.

::

    trajectory = race(objective, [("gd", {"lr": 0.01}), ("adam", {"lr": 0.05})], start, steps=200)
    trajectory.points[:, k]      # the path of entrant k, shape (steps + 1, 2)
    trajectory.states[k]         # its optimizer state after every update (e.g. AdamState of arrays)
    standings(trajectory, objective.minima, objective.min_value, tolerance=1e-3)

Every entrant gets the same start, the same number of updates and the same objective; the
gradients of all entrants are evaluated together (one call on a ``(K, 2)`` batch per step).
:func:`anatomy` takes one update of one entrant apart: the gradient, the optimizer's buffers
before and after, the derived quantities (bias-corrected moments, the effective per-coordinate
step size) and the step actually taken.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from dl_core import optimizers, trajectories
from dl_core.optimizers import Optimizer


def stacked(members: Sequence[Optimizer]) -> Optimizer:
    """One optimizer over ``params (K, d)`` whose row ``k`` is updated by ``members[k]``.

    The state is the tuple of the members' states; each member sees only its own row.
    """

    def init(params):
        return tuple(member.init(params[index]) for index, member in enumerate(members))

    def update(grads, state, params):
        results = [member.update(grads[index], state[index], params[index]) for index, member in enumerate(members)]
        return np.stack([updates for updates, _ in results]), tuple(new for _, new in results)

    return Optimizer(init, update)


def race(
    objective,
    entrants: Sequence[tuple[str, Mapping[str, float]]],
    start,
    steps: int,
) -> trajectories.Trajectory:
    """Run every ``(name, hyperparameters)`` entrant from ``start`` for ``steps`` updates, together.

    Returns a :class:`~dl_core.trajectories.Trajectory` with ``points (steps+1, K, 2)``,
    ``losses (steps+1, K)``, ``grads``, ``diverged_at (K,)`` and ``states``: a tuple with one
    stacked optimizer state per entrant (arrays of shape ``(steps+1, 2)``).
    """
    if not entrants:
        raise ValueError("a race needs at least one entrant")
    members = [optimizers.make(name, **dict(hyper)) for name, hyper in entrants]
    start = np.asarray(start, dtype=float)
    if start.shape != (2,):
        raise ValueError(f"start must have shape (2,), got {start.shape}")
    starts = np.broadcast_to(start, (len(members), 2))
    return trajectories.run(objective, stacked(members), starts, steps, record_states=True)


@dataclass(frozen=True)
class Standings:
    r"""How each entrant finished (arrays of shape ``(K,)``).

    ``final_loss``: :math:`L(w_T)` (the last finite loss of a run that diverged);
    ``gap``: :math:`L(w_T) - L^\ast`; ``distance``: :math:`\min_j \lVert w_T - w^\ast_j\rVert`
    to the nearest known minimiser, whose index is ``nearest``; ``steps_to_tolerance``: the first
    step with :math:`L - L^\ast \le` ``tolerance`` (``-1`` if never); ``diverged_at`` as in the run.
    """

    final_loss: np.ndarray
    gap: np.ndarray
    distance: np.ndarray
    nearest: np.ndarray
    steps_to_tolerance: np.ndarray
    diverged_at: np.ndarray


def standings(trajectory: trajectories.Trajectory, minima: np.ndarray, min_value: float, tolerance: float) -> Standings:
    """The results table of a race (see :class:`Standings`)."""
    final_points = trajectory.points[-1]
    final_loss = trajectory.losses[-1]
    distances = np.linalg.norm(final_points[:, None, :] - np.asarray(minima)[None, :, :], axis=-1)
    reached = trajectory.losses - min_value <= tolerance
    reached &= (trajectory.diverged_at < 0)[None, :] | (np.arange(len(reached))[:, None] < trajectory.diverged_at)
    first = np.argmax(reached, axis=0)
    return Standings(
        final_loss=final_loss,
        gap=final_loss - min_value,
        distance=distances.min(axis=1),
        nearest=distances.argmin(axis=1),
        steps_to_tolerance=np.where(reached.any(axis=0), first, -1),
        diverged_at=trajectory.diverged_at,
    )


@dataclass(frozen=True)
class StepAnatomy:
    r"""Update ``step`` (:math:`t \ge 1`, from :math:`\theta_{t-1}` to :math:`\theta_t`) of one optimizer.

    ``grad``: :math:`g_t` as the rule uses it (L2 weight decay folded in, as ``torch.optim``
    does); ``before`` and ``after``: the state's buffers (``momentum_buffer``, ``sum``,
    ``square_avg``, ``exp_avg``, ``exp_avg_sq``) before and after the update; ``derived``:
    ``m_hat``, ``v_hat`` (Adam's bias-corrected moments) and ``effective_lr`` (the step size
    each coordinate actually gets: :math:`\eta/(\sqrt{\hat v_t}+\epsilon)` for Adam,
    :math:`\eta/(\sqrt{v_t}+\epsilon)` for RMSProp, :math:`\eta/(\sqrt{G_t}+\epsilon)` for AdaGrad);
    ``update``: :math:`\Delta\theta_t = \theta_t - \theta_{t-1}`. Vectors have shape ``(2,)``.
    """

    name: str
    step: int
    lr: float
    hyper: dict
    point: np.ndarray
    grad: np.ndarray
    before: dict
    after: dict
    derived: dict
    update: np.ndarray


def anatomy(
    name: str, hyper: Mapping[str, float], points: np.ndarray, grads: np.ndarray, states, step: int
) -> StepAnatomy:
    """Take update ``step`` of one entrant apart (``points``, ``grads``: ``(steps+1, 2)``; ``states``: its
    stacked state from :func:`race`)."""
    if not 1 <= step < len(points):
        raise ValueError(f"step must be in [1, {len(points) - 1}], got {step}")
    hyper = {**optimizers.DEFAULTS[name], **hyper}
    point = points[step - 1]
    decay = 0.0 if name == "adamw" else hyper.get("weight_decay", 0.0)
    grad = grads[step - 1] + decay * point
    buffers = [field for field in states._fields if field != "step"]
    before = {field: getattr(states, field)[step - 1] for field in buffers}
    after = {field: getattr(states, field)[step] for field in buffers}
    lr, derived = hyper["lr"], {}
    eps = hyper.get("eps", 0.0)
    if name in ("adam", "adamw"):
        derived["m_hat"] = after["exp_avg"] / (1 - hyper["beta1"] ** step)
        derived["v_hat"] = after["exp_avg_sq"] / (1 - hyper["beta2"] ** step)
        derived["effective_lr"] = lr / (np.sqrt(derived["v_hat"]) + eps)
    elif name == "rmsprop":
        derived["effective_lr"] = lr / (np.sqrt(after["square_avg"]) + eps)
    elif name == "adagrad":
        derived["effective_lr"] = lr / (np.sqrt(after["sum"]) + eps)
    return StepAnatomy(name, step, lr, hyper, point, grad, before, after, derived, points[step] - point)


def first_to_tolerance(standings: Standings) -> int:
    """The index of the entrant whose loss first came within the tolerance of the minimum (the lowest index on a
    tie), or -1 if none did."""
    reached = np.asarray(standings.steps_to_tolerance)
    if not (reached >= 0).any():
        return -1
    return int(np.argmin(np.where(reached >= 0, reached, np.iinfo(np.int64).max)))


SWEEP_LRS = np.geomspace(1e-4, 10.0, 41)  # the rates a fair race tries for each optimizer: ten per decade


@dataclass(frozen=True)
class BestRates:
    """Each optimizer's sweep of ``lrs`` on one surface: ``steps_to_tolerance`` and ``gap`` ``(optimizers, rates)``
    (-1: never within the tolerance; the gap after the last step, ``inf`` for a run that diverged) and the chosen
    ``best`` rate of each."""

    names: tuple[str, ...]
    lrs: np.ndarray
    steps_to_tolerance: np.ndarray
    gap: np.ndarray
    best: np.ndarray


def best_rates(objective, entrants: Sequence[tuple[str, dict]], start, steps: int, tolerance: float,
               lrs: np.ndarray = SWEEP_LRS) -> BestRates:
    """For each optimizer (its other hyperparameters as given), the rate of ``lrs`` that brings the loss within
    ``tolerance`` of the minimum in the fewest steps (the smaller rate on a tie); where no rate does, the one with
    the smallest final gap. All rates of one optimizer run as one batch of trajectories from ``start``: a race in
    which every optimizer runs at its best rate on this surface is fair."""
    lrs = np.asarray(lrs, dtype=np.float64)
    points = np.broadcast_to(np.asarray(start, dtype=np.float64), (len(lrs), 2))
    reached, gaps = [], []
    for name, hyper in entrants:
        run = trajectories.run(objective, optimizers.make(name, **{**hyper, "lr": lrs[:, None]}), points, steps)
        found = standings(run, objective.minima, objective.min_value, tolerance)
        reached.append(found.steps_to_tolerance)
        gaps.append(np.where(found.diverged_at >= 0, np.inf, found.gap))
    reached, gaps = np.array(reached), np.array(gaps)
    soonest = np.where(reached >= 0, reached, np.iinfo(np.int64).max)
    best = np.where((reached >= 0).any(axis=1), lrs[soonest.argmin(axis=1)], lrs[gaps.argmin(axis=1)])
    return BestRates(tuple(name for name, _ in entrants), lrs, reached, gaps, best)
