r"""The engine's one training loop: one network, or K copies in lockstep, trained on minibatches and measured.

::

    mlp = MLP((2, 16, 16, 2), activation="tanh")
    rngs = [np.random.default_rng(seed) for seed in range(10)]
    params = mlp.init_copies(rngs, "xavier_normal")                  # ten seeds, one array per parameter
    run = train(mlp, params, mlp.init_state(copies=10), optimizers.adam(0.01), x, y, epochs=50, batch_size=32,
                rng=rngs, x_val=x_val, y_val=y_val)
    run.val_accuracy[-1]                                              # (10,): each seed's accuracy after 50 epochs

Every lesson trains through :func:`train`: the copies are seeds, learning rates (an optimizer whose ``lr`` is a
column ``(K, 1)``), dropout rates (``MLP(drop_prob=(0.0, 0.2, ...))``) or initial weights. What a lesson records
beyond the losses (class probabilities on a grid, snapshots for playback, a probe's histograms) it computes in a
``keep`` function that the loop calls at every record.

Speed measures, all here: the copies' parameters step as one array ``(K, P)`` (:class:`FlatParams`; every rule of
:mod:`dl_core.optimizers` is elementwise); while every copy moves, no per-copy choice is made; a record costs a
backward pass on the whole set only with ``layer_statistics``. The layers themselves cut large products into row
blocks (:func:`dl_core.layers.block_product`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from dl_core.layers import BatchNormStats
from dl_core.network import MLP, Params, State, checked_classes, checked_data, require_counts
from dl_core.optimizers import Optimizer
from dl_core.trajectories import DIVERGENCE_FACTOR

Keep = Callable[[Params, State], tuple[np.ndarray, ...]]


class FlatParams:
    """The K copies' parameters as one array ``(K, P)`` and back (views, no copy).

    Every rule of :mod:`dl_core.optimizers` is elementwise, so it steps the one array exactly as it would step
    the dict of arrays, in one call instead of one per entry (a deep network has dozens of entries)."""

    def __init__(self, params: Params):
        self.shapes = {key: value.shape for key, value in params.items()}
        sizes = [int(np.prod(shape[1:])) for shape in self.shapes.values()]
        self.bounds = dict(zip(self.shapes, np.cumsum([0, *sizes]).tolist(), strict=False))
        self.ends = dict(zip(self.shapes, np.cumsum(sizes).tolist(), strict=True))

    def pack(self, params: Params) -> np.ndarray:
        return np.concatenate([params[key].reshape(len(params[key]), -1) for key in self.shapes], axis=1)

    def unpack(self, theta: np.ndarray) -> Params:
        return {key: theta[:, self.bounds[key] : self.ends[key]].reshape(shape) for key, shape in self.shapes.items()}


@dataclass(frozen=True)
class TrainingRun:
    """The history of a training run and where it ended.

    ``steps`` ``(S,)``: the minibatch steps after which the network was measured: 0 (untrained), every
    ``record_every`` steps (by default once per epoch, so that index ``e`` is the network after ``e`` epochs) and
    the last. At each, on the whole set in eval mode (running statistics, no dropout):

    - ``train_loss``, ``val_loss`` ``(S,)``; ``train_accuracy``, ``val_accuracy`` ``(S,)`` (classification only;
      ``None`` for ``mse``, and the ``val_*`` are ``None`` without validation data);
    - per layer, ``(S, depth)``, on the training set: ``pre_activation_mean``/``_std`` and
      ``activation_mean``/``_std`` (over all samples and units of :class:`dl_core.network.LayerRecord`'s arrays; the
      last layer's are its output), and ``grad_norm``, the Frobenius norm of the gradient of the training loss with
      respect to each ``W`` (all ``None`` without ``layer_statistics``).

    ``batch_losses`` ``(steps,)``: the train-mode loss of every minibatch step (what the optimizer saw).

    **Divergence**, one rule: a copy whose minibatch loss is not finite or exceeds the threshold stops moving at
    once; at the next record it goes back to its last record and stays there. ``diverged_at`` is the index of the
    first record it did not reach (with one record per epoch: the epoch), ``diverged_step`` the step whose loss
    blew up (or, when only the record was not finite, the last step before it); both ``-1`` if none. Its histories
    repeat its last good record, so none holds NaN or inf. ``stopped_at``: the record at which early stopping
    stopped a copy, or ``-1``. ``params`` and ``state``: the network at the end (or where it stopped).

    ``kept``: what ``train``'s ``keep`` returned at every record, each array stacked ``(S, ...)``, or ``None``.

    For K copies every history has a second axis K (``train_loss`` ``(S, K)``, a layer's statistics
    ``(S, K, depth)``, ``batch_losses`` ``(steps, K)``), ``diverged_at``, ``diverged_step`` and ``stopped_at`` are
    ``(K,)`` and ``params`` and ``state`` are the copies'.
    """

    params: Params
    state: State
    steps: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray | None
    train_accuracy: np.ndarray | None
    val_accuracy: np.ndarray | None
    pre_activation_mean: np.ndarray | None
    pre_activation_std: np.ndarray | None
    activation_mean: np.ndarray | None
    activation_std: np.ndarray | None
    grad_norm: np.ndarray | None
    batch_losses: np.ndarray
    diverged_at: int | np.ndarray
    diverged_step: int | np.ndarray
    stopped_at: int | np.ndarray
    kept: tuple[np.ndarray, ...] | None = None

    @property
    def diverged(self) -> bool | np.ndarray:
        return self.diverged_at >= 0


class _Record(NamedTuple):
    """The measurements of :class:`TrainingRun` at one record, per copy: ``(K,)`` or ``(K, depth)`` (``None`` where
    not measured)."""

    train_loss: np.ndarray
    val_loss: np.ndarray | None
    train_accuracy: np.ndarray | None
    val_accuracy: np.ndarray | None
    pre_activation_mean: np.ndarray | None
    pre_activation_std: np.ndarray | None
    activation_mean: np.ndarray | None
    activation_std: np.ndarray | None
    grad_norm: np.ndarray | None

    def finite(self) -> np.ndarray:
        """``(K,)``: whether every measurement of copy k is finite."""
        return np.all([np.isfinite(value).reshape(len(self.train_loss), -1).all(axis=1)
                       for value in self if value is not None], axis=0)


def _where(chosen: np.ndarray, when_chosen, otherwise):
    """Per copy (``chosen`` ``(K,)``), from ``when_chosen`` where chosen, else from ``otherwise``: an array, ``None``,
    or a tuple or named tuple of them (a state, a record, what ``keep`` returned)."""
    if when_chosen is None:
        return None
    if isinstance(when_chosen, tuple):
        parts = [_where(chosen, mine, theirs) for mine, theirs in zip(when_chosen, otherwise, strict=True)]
        return type(when_chosen)(*parts) if hasattr(when_chosen, "_fields") else tuple(parts)
    return np.where(chosen.reshape(-1, *[1] * (when_chosen.ndim - 1)), when_chosen, otherwise)


def _accuracy(mlp: MLP, output: np.ndarray, y: np.ndarray) -> np.ndarray | None:
    return np.mean(output.argmax(axis=-1) == y, axis=-1) if mlp.is_classifier else None


def _measure(mlp: MLP, params: Params, state: State, train_set: tuple, val_set: tuple | None,
             layer_statistics: bool) -> _Record:
    """Loss, accuracy, and (with ``layer_statistics``) layer statistics and weight-gradient norms of the K copies,
    in eval mode. Without layer statistics one pass measures both sets (eval mode treats every sample alone)."""
    x, y = train_set
    val_loss = val_accuracy = None
    if val_set is not None and not layer_statistics:
        count = x.shape[-2]
        output = mlp._forward(params, state, np.concatenate([x, val_set[0]], axis=-2), False, None)[0]
        output, val_output = output[..., :count, :], output[..., count:, :]
    else:
        output, caches, records, _ = mlp._forward(params, state, x, False, None)
        val_output = None if val_set is None else mlp._forward(params, state, val_set[0], False, None)[0]
    loss, dout = mlp._loss(output, y, checked=True)
    if val_set is not None:
        val_loss = mlp._loss(val_output, val_set[1], checked=True)[0]
        val_accuracy = _accuracy(mlp, val_output, val_set[1])

    def per_layer(statistic, arrays) -> np.ndarray:  # (K, depth): over each copy's samples and units
        return np.stack([statistic(values, axis=(-2, -1)) for values in arrays], axis=-1)

    measured = _Record(loss, val_loss, _accuracy(mlp, output, y), val_accuracy, None, None, None, None, None)
    if not layer_statistics:
        return measured
    grads = mlp._backward(params, dout, caches)
    return measured._replace(
        pre_activation_mean=per_layer(np.mean, [record.pre_activation for record in records]),
        pre_activation_std=per_layer(np.std, [record.pre_activation for record in records]),
        activation_mean=per_layer(np.mean, [record.activation for record in records]),
        activation_std=per_layer(np.std, [record.activation for record in records]),
        grad_norm=per_layer(lambda grad, axis: np.sqrt(np.sum(grad * grad, axis=axis)),
                            [grads[f"W{index}"] for index in range(1, mlp.depth + 1)]),
    )


def epoch_minibatches(order: np.ndarray, batch_size: int, drop_single: bool) -> Iterator[np.ndarray]:
    """Consecutive slices of ``order`` along its last axis; a last slice of one sample is left out when
    ``drop_single`` (batch norm: the variance of one sample is undefined)."""
    count = order.shape[-1]
    for start in range(0, count, batch_size):
        batch = order[..., start : start + batch_size]
        if not (drop_single and batch.shape[-1] == 1 and count > 1):
            yield batch


def batches_per_epoch(count: int, batch_size: int, drop_single: bool) -> int:
    batches = math.ceil(count / batch_size)
    return batches - 1 if drop_single and count > 1 and count % batch_size == 1 else batches


def _checked_set(mlp: MLP, x, y, name: str, copies: int) -> tuple[np.ndarray, np.ndarray]:
    """A set shared by the copies (``x`` ``(N, D)``), or one per copy (``(K, N, D)``, labels ``(K, N)``), checked
    against the network like :func:`dl_core.network.checked_data` (and its labels as classes for a classifier)."""
    checked = checked_classes if mlp.is_classifier else checked_data
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 3:
        return checked(mlp, x, y, name)
    y = np.asarray(y)
    if len(x) != copies or len(y) != copies:
        raise ValueError(f"x_{name} and y_{name} with one set per copy must hold {copies} sets, got {len(x)} and "
                         f"{len(y)}")
    sets = [checked(mlp, x[k], y[k], name) for k in range(copies)]
    return np.stack([one for one, _ in sets]), np.stack([labels for _, labels in sets])


def _batch_of(x: np.ndarray, y: np.ndarray, batch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The minibatch ``batch`` (``(B,)`` shared, or ``(K, B)`` one per copy) of a shared set or of one set per copy."""
    if x.ndim == 2:
        return x[batch], y[batch]
    if batch.ndim == 1:
        return x[:, batch], y[:, batch]
    return (np.take_along_axis(x, batch[..., None], axis=1),
            np.take_along_axis(y, batch.reshape(batch.shape + (1,) * (y.ndim - 2)), axis=1))


def minibatches(rngs: list, count: int, batch_size: int, drop_single: bool,
                shuffle: bool = True) -> Iterator[np.ndarray]:
    """The copies' minibatches ``(K, batch)``, epoch after epoch without end: each epoch every generator permutes the
    samples (``shuffle``) and the permutation is cut into batches, the last one smaller."""
    while True:
        orders = np.stack([generator.permutation(count) if shuffle else np.arange(count) for generator in rngs])
        yield from epoch_minibatches(orders, batch_size, drop_single)


def train(
    mlp: MLP,
    params: Params,
    state: State,
    optimizer: Optimizer,
    x_train: np.ndarray,
    y_train: np.ndarray,
    *,
    batch_size: int,
    rng,
    epochs: int | None = None,
    steps: int | None = None,
    record_every: int | None = None,
    x_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
    max_loss: float | None = None,
    patience: int | None = None,
    layer_statistics: bool = True,
    shuffle: bool = True,
    keep: Keep | None = None,
    on_progress: Callable[[float], None] | None = None,
) -> TrainingRun:
    r"""Minibatch training, for one network or K copies in lockstep (see :class:`TrainingRun`).

    .. math:: \theta_{t+1} = \theta_t + \mathrm{update}\bigl(\nabla_\theta L_{B_t}(\theta_t)\bigr)

    ``optimizer``: any :mod:`dl_core.optimizers` optimizer (an ``lr`` column ``(K, 1)`` gives each copy its rate).
    The budget is ``epochs`` or ``steps``. Each epoch shuffles the training set and cuts it into batches of
    ``batch_size``, the last one smaller (with batch norm a last batch of one sample is left out); ``steps`` runs on
    across epochs. ``rng`` shuffles and draws the dropout masks. Records (eval mode, the whole sets) are taken at
    step 0, every ``record_every`` steps (default: one epoch) and at the end. The divergence threshold is
    ``max_loss`` (default :math:`10^6 (1 + |L_0|)` per copy, as :func:`dl_core.trajectories.run`). ``patience``
    (with validation data): early stopping, a copy stops once its validation loss has not improved on its best for
    that many records.

    K copies (``params`` from :meth:`MLP.init_copies` or :func:`dl_core.network.stack_copies`, ``state`` from
    ``init_state(copies=K)``) take ``rng`` as K generators: copy k is, number for number, the training of copy k
    alone with ``rng[k]`` (its own shuffles and masks). One generator shared by the copies gives them all the same
    minibatches and, for dropout, the same uniform numbers (copies at different rates then differ by the rate, not
    by their luck), drawn once: copy k is the training alone with a generator in that state.

    The data is shared by the copies (``x_train`` ``(N, D)``) or one set per copy (``(K, N, D)`` with labels
    ``(K, N)``; the validation data alike): ten seeds can each draw their own data set.

    ``shuffle=False`` takes the samples in their order (full-batch gradient descent, with ``batch_size >= N``, is
    then exactly :math:`\theta \leftarrow \theta - \eta\nabla L`). ``keep(params, state)`` (the copies', leading
    axis K even for one network) returns a tuple of arrays with that leading axis; :attr:`TrainingRun.kept` holds
    them at every record (a lesson's own recording). ``on_progress(share)`` is called after each record.
    """
    if (epochs is None) == (steps is None):
        raise ValueError("give the budget as epochs or as steps, not both")
    require_counts(("epochs" if steps is None else "steps", epochs if steps is None else steps, 0),
                   ("batch_size", batch_size, 2 if mlp.batch_norm else 1))  # batch norm: no variance of one sample
    if (x_val is None) != (y_val is None):
        raise ValueError("give both x_val and y_val, or neither")
    if patience is not None and (x_val is None or not isinstance(patience, int) or patience < 1):
        raise ValueError("patience must be an integer >= 1, with validation data")
    single = mlp.copies_of(params) is None
    copies = 1 if single else mlp.copies_of(params)
    x, y = train_set = _checked_set(mlp, x_train, y_train, "train", copies)
    val_set = None if x_val is None else _checked_set(mlp, x_val, y_val, "val", copies)
    if val_set is not None and (val_set[0].ndim == 3) != (x.ndim == 3):
        raise ValueError("give the training and validation sets both shared or both one per copy")
    shared = not single and isinstance(rng, np.random.Generator)
    if single:
        params = {key: value[None] for key, value in params.items()}
        state = tuple(BatchNormStats(stats.mean[None], stats.var[None]) for stats in state)
    rngs = [rng] if single or shared else list(rng)
    if not shared and len(rngs) != copies:
        raise ValueError(f"rng must be one generator shared by the copies or one per copy ({copies}), got "
                         f"{len(rngs)}")
    count = x.shape[-2]
    per_epoch = batches_per_epoch(count, batch_size, mlp.batch_norm)
    total = epochs * per_epoch if steps is None else steps
    every = per_epoch if record_every is None else record_every
    require_counts(("record_every", every, 1))
    record_steps = sorted({*range(0, total, every), total})
    recorded_after = set(record_steps)
    flat = FlatParams(params)
    theta = flat.pack(params)

    def measure(theta, state) -> tuple[_Record, tuple | None]:
        params = flat.unpack(theta)
        return (_measure(mlp, params, state, train_set, val_set, layer_statistics),
                keep(params, state) if keep else None)

    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        records = [measure(theta, state)]
        if not records[0][0].finite().all():
            raise ValueError("the initial network's loss or layer statistics are not finite")
        start = records[0][0].train_loss
        limit = DIVERGENCE_FACTOR * (1.0 + np.abs(start)) if max_loss is None else np.full(copies, float(max_loss))
        optimizer_state = optimizer.init(theta)
        batch_losses = np.full((total, copies), np.nan)
        diverged_at, diverged_step, stopped_at, blown_step = (np.full(copies, -1) for _ in range(4))
        active = np.ones(copies, dtype=bool)
        all_move = True  # no copy has stopped or blown up: the fast path, without per-copy choices
        best_val, waited = np.full(copies, np.inf), np.zeros(copies, dtype=int)
        last = theta, state
        batches = minibatches(rngs, count, batch_size, mlp.batch_norm, shuffle)
        for step in range(total):
            if not active.any():
                break
            batch = next(batches)[0] if shared else next(batches)
            loss, grads, new_state = mlp._loss_and_grads(flat.unpack(theta), state, *_batch_of(x, y, batch), True,
                                                         rng if shared else rngs, checked=True)
            fine = loss <= limit
            updates, optimizer_state = optimizer.update(flat.pack(grads), optimizer_state, theta)
            if all_move and fine.all():
                theta, state = theta + updates, new_state
                batch_losses[step] = loss
            else:
                blown_step = np.where(active & (blown_step < 0) & ~fine, step, blown_step)
                moving = active & (blown_step < 0)
                all_move = bool(moving.all())
                theta = np.where(moving[:, None], theta + updates, theta)
                state = _where(moving, new_state, state)
                batch_losses[step] = np.where(moving, loss, np.nan)
            if step + 1 not in recorded_after:
                continue
            record, kept = measure(theta, state)
            failed = active & ((blown_step >= 0) | ~record.finite() | ~(record.train_loss <= limit))
            if failed.any():  # back to the last record, and stop there
                diverged_at[failed] = len(records)
                diverged_step[failed] = np.where(blown_step >= 0, blown_step, step)[failed]
                active &= ~failed
                theta, state = np.where(failed[:, None], last[0], theta), _where(failed, last[1], state)
            if patience is not None:
                improved = record.val_loss < best_val
                best_val, waited = np.where(improved, record.val_loss, best_val), np.where(improved, 0, waited + 1)
                tired = active & (waited >= patience)
                stopped_at[tired] = len(records)
                active &= ~tired
                moving_now = active | tired
            else:
                moving_now = active
            all_move = bool(active.all())
            last_record, last_kept = records[-1]
            records.append((record, kept) if moving_now.all() else
                           (_where(moving_now, record, last_record), _where(moving_now, kept, last_kept)))
            last = theta, state
            if on_progress is not None:
                on_progress((step + 1) / total)

    records += records[-1:] * (len(record_steps) - len(records))
    run = _training_run(flat.unpack(theta), state, np.array(record_steps), records, _frozen(batch_losses, start),
                        diverged_at, diverged_step, stopped_at)
    return _one_copy(run) if single else run


def _frozen(values: np.ndarray, before_first: np.ndarray) -> np.ndarray:
    """``values`` ``(steps, K)`` with every NaN (a step a copy did not take) replaced by that copy's last loss before
    it (``before_first`` when it took none)."""
    filled = np.vstack([before_first[None], values])
    taken = np.where(np.isnan(filled), 0, np.arange(len(filled))[:, None])
    return np.take_along_axis(filled, np.maximum.accumulate(taken, axis=0), axis=0)[1:]


def _training_run(params, state, steps, records: list, batch_losses, diverged_at, diverged_step,
                  stopped_at) -> TrainingRun:
    """Stack the records (``(record, kept)`` pairs) into a :class:`TrainingRun`."""

    def history(field: str) -> np.ndarray | None:
        values = [getattr(record, field) for record, _ in records]
        return None if values[0] is None else np.array(values, dtype=np.float64)

    kept = None if records[0][1] is None else tuple(np.array(values) for values in zip(
        *(kept for _, kept in records), strict=True))
    return TrainingRun(params=params, state=state, steps=steps, **{field: history(field) for field in _Record._fields},
                       batch_losses=batch_losses, diverged_at=diverged_at, diverged_step=diverged_step,
                       stopped_at=stopped_at, kept=kept)


def _one_copy(run: TrainingRun) -> TrainingRun:
    """A run of one copy without its copy axis."""
    return TrainingRun(
        params={key: value[0] for key, value in run.params.items()},
        state=tuple(BatchNormStats(stats.mean[0], stats.var[0]) for stats in run.state),
        steps=run.steps,
        **{field: None if getattr(run, field) is None else getattr(run, field)[:, 0] for field in _Record._fields},
        batch_losses=run.batch_losses[:, 0],
        diverged_at=int(run.diverged_at[0]),
        diverged_step=int(run.diverged_step[0]),
        stopped_at=int(run.stopped_at[0]),
        kept=None if run.kept is None else tuple(values[:, 0] for values in run.kept),
    )
