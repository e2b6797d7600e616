r"""One network trained with several dropout rates side by side, and Monte-Carlo dropout at test time.

Dropout (Srivastava, Hinton, Krizhevsky, Sutskever & Salakhutdinov, "Dropout: A Simple Way to Prevent Neural
Networks from Overfitting", JMLR 15, 2014) switches every hidden unit off with probability :math:`p` at each
training step and scales the units it keeps by :math:`1/(1-p)` (inverted dropout, as ``torch.nn.Dropout``).
``drop_prob`` here is PyTorch's ``p``, the probability of *dropping*; the course's lesson calls the probability of
*keeping* a unit :math:`p`, which is ``1 - drop_prob``.

:func:`train_rates` trains K copies of one network, copy k with ``drop_probs[k]``, as one vectorised computation:
every parameter carries a leading axis of length K (``W1`` is ``(K, D, H1)``), all copies start from the same
weights and see the same minibatches, and their masks come from the same uniform numbers: a unit of example n is
kept by copy k when :math:`u_{nj} \ge p_k`. Each copy is exactly :class:`dl_core.network.MLP` with
``drop_prob=drop_probs[k]`` trained alone by :func:`dl_core.network.train` with Adam from the same generator, since
the engine draws its masks as ``rng.random(shape) >= drop_prob`` in the same order; the tests check it. Shared
random numbers also make the comparison fair: the copies differ by their rate, not by their luck.

:func:`mc_dropout` keeps dropout on at test time and averages many passes (Gal & Ghahramani, "Dropout as a
Bayesian Approximation", ICML 2016, arXiv 1506.02142): the spread of the passes says where the model is unsure.

::

    mlp = MLP((2, 64, 64, 2))
    run = train_rates(mlp, [0.0, 0.2, 0.5], x, y, x_val, y_val, epochs=200, batch_size=32, seed=0)
    run.val_loss[-1]            # (3,): the validation loss of each copy after 200 epochs (eval mode)
    params = run.network(2)     # the p = 0.5 copy in the engine's shapes
    mc = mc_dropout(mlp, params, 0.5, grid, passes=50, rng=np.random.default_rng(1))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from dl_core import layers, optimizers
from dl_core.activations import activation_pair
from dl_core.lockstep_training import cross_entropy, stack_params
from dl_core.network import MLP, FlatParams, checked_classes, require_counts

Params = dict[str, np.ndarray]


@dataclass(frozen=True)
class RatesRun:
    """K trainings of one network, one dropout rate each (``drop_probs`` ``(K,)``, PyTorch's ``p``).

    - ``epochs`` ``(S,)``: the epochs after which the copies were measured (0 = untrained, then every
      ``record_every`` epochs and the last);
    - ``train_loss``, ``val_loss``, ``train_accuracy``, ``val_accuracy`` ``(S, K)``: on the whole training and
      validation sets in eval mode (no unit dropped), as :func:`dl_core.network.train` reports them;
    - ``batch_loss`` ``(S, K)``: the mean train-mode loss (dropout on) of the minibatches of the epoch before each
      record (at epoch 0 the eval-mode training loss): what the optimizer saw;
    - ``diverged_at`` ``(K,)``: the first epoch in which a minibatch loss was not finite, or -1; that copy stopped
      there with its last finite parameters, and its later records repeat its last ones (no NaN or inf);
    - ``params``: the K networks at the end (leading axis K; vectors ``(K, 1, width)``).
    """

    drop_probs: np.ndarray
    epochs: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray
    train_accuracy: np.ndarray
    val_accuracy: np.ndarray
    batch_loss: np.ndarray
    diverged_at: np.ndarray
    params: Params

    def network(self, index: int) -> Params:
        """The ``index``-th copy's parameters in the engine's shapes (``b1`` ``(H1,)``), for ``MLP.forward``."""
        return {key: value[index, 0] if key.startswith("b") else value[index] for key, value in self.params.items()}


def _checked(mlp: MLP, drop_probs, x, y, x_val, y_val, epochs, batch_size, record_every):
    if not mlp.is_classifier or mlp.batch_norm or mlp.drop_prob != 0.0:
        raise ValueError("train_rates trains classifiers without batch norm; give the rates as drop_probs, "
                         "not as the MLP's drop_prob")
    drop_probs = np.atleast_1d(np.asarray(drop_probs, dtype=np.float64))
    if drop_probs.ndim != 1 or not np.all((drop_probs >= 0.0) & (drop_probs < 1.0)):
        raise ValueError(f"drop_probs must be a 1-D array of probabilities in [0, 1), got {drop_probs!r}")
    sets = [checked_classes(mlp, x, y, "train"), checked_classes(mlp, x_val, y_val, "val")]
    require_counts(("epochs", epochs, 0), ("batch_size", batch_size, 1), ("record_every", record_every, 1))
    return drop_probs, sets


def _masks(drop_probs: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    """The K copies' dropout multipliers ``(K, N, M)`` from one draw of uniforms ``(N, M)``: unit kept by copy k
    when :math:`u \\ge p_k`, and then scaled by :math:`1/(1-p_k)` (exactly the engine's ``dropout_forward``)."""
    scale = (1.0 / (1.0 - drop_probs))[:, None, None]
    return (uniforms[None] >= drop_probs[:, None, None]) * scale


def forward(mlp: MLP, params: Params, x: np.ndarray, *, drop_probs: np.ndarray | None = None,
            rng: np.random.Generator | None = None):
    """The K copies on one batch ``x`` ``(N, D)``: ``(logits (K, N, C), caches)``.

    With ``drop_probs`` and ``rng`` (train mode) every hidden layer draws ``rng.random((N, width))`` and each copy
    drops its own share of units (see :func:`_masks`); without them, eval mode: nothing is dropped.
    """
    fn = activation_pair(mlp.activation, exact=mlp.activation != "relu")[0]
    hidden, caches = x, []
    for index in range(1, mlp.depth):
        z = layers.block_product(hidden, params[f"W{index}"]) + params[f"b{index}"]
        activated = fn(z)
        multiplier = None
        hidden_in, hidden = hidden, activated
        if drop_probs is not None:
            multiplier = _masks(drop_probs, rng.random(activated.shape[1:]))
            hidden = activated * multiplier
        caches.append((hidden_in, z, activated, multiplier))
    logits = layers.block_product(hidden, params[f"W{mlp.depth}"]) + params[f"b{mlp.depth}"]
    caches.append((hidden, None, None, None))
    return logits, caches


def loss_and_grads(mlp: MLP, params: Params, x: np.ndarray, y: np.ndarray, drop_probs: np.ndarray,
                   rng: np.random.Generator) -> tuple[np.ndarray, Params]:
    """Train mode: the K minibatch losses ``(K,)`` and the gradients keyed like ``params``; for each k the same
    numbers as ``MLP(..., drop_prob=drop_probs[k]).loss_and_grads`` with a generator in the same state."""
    grad = activation_pair(mlp.activation, exact=mlp.activation != "relu")[1]
    logits, caches = forward(mlp, params, x, drop_probs=drop_probs, rng=rng)
    losses, dout = cross_entropy(logits, y)
    grads: Params = {}
    for index in range(mlp.depth, 0, -1):
        hidden, z, activated, multiplier = caches[index - 1]
        if index < mlp.depth:
            if multiplier is not None:
                dout = dout * multiplier
            dout = dout * grad(z, activated)
        grads[f"W{index}"] = hidden.mT @ dout
        grads[f"b{index}"] = dout.sum(axis=1, keepdims=True)
        if index > 1:
            dout = dout @ params[f"W{index}"].mT
    return losses, {key: grads[key] for key in params}


def evaluate(mlp: MLP, params: Params, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Loss and accuracy ``(K,)`` each of the K copies on ``x`` in eval mode."""
    logits, _ = forward(mlp, params, x)
    losses, _ = cross_entropy(logits, y)
    return losses, np.mean(logits.argmax(axis=2) == y, axis=1)


def probabilities(mlp: MLP, params: Params, x: np.ndarray, label: int = 1) -> np.ndarray:
    """The K copies' softmax probability of ``label`` at every point of ``x`` ``(N, D)``, eval mode: ``(K, N)``."""
    logits, _ = forward(mlp, params, np.asarray(x, dtype=np.float64))
    return layers.softmax(logits)[..., label]


def train_rates(
    mlp: MLP,
    drop_probs: Sequence[float] | np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    seed: int,
    lr: float = 0.01,
    initializer: str = "he_normal",
    record_every: int = 1,
    on_progress: Callable[[float], None] | None = None,
) -> RatesRun:
    r"""Train ``len(drop_probs)`` copies of ``mlp`` with Adam at ``lr``, copy k with dropout rate ``drop_probs[k]``.

    .. math:: h^{(k)} = \frac{m^{(k)} \odot f(z)}{1 - p_k},\quad m^{(k)}_{nj} = [u_{nj} \ge p_k],
        \quad u_{nj} \sim U[0, 1)

    ``rng = default_rng(seed)`` gives the initial weights (``mlp.init(rng, initializer)``, the same for every copy),
    then, every epoch, a permutation of the training set cut into minibatches of ``batch_size`` (the last one
    smaller, as the engine's ``train``) and, every step, one uniform draw ``(batch, width)`` per hidden layer. So
    copy k is, number for number, ``dl_core.network.train(MLP(..., drop_prob=drop_probs[k]), params, (),
    optimizers.adam(lr), x, y, epochs=epochs, batch_size=batch_size, rng=rng)`` with that ``rng``, except that the
    engine draws no uniforms for a rate of 0 (its later minibatches then differ; each step still agrees with the
    engine's for the same minibatch and masks).

    ``on_progress(share)`` is called after each record with the share of epochs done. See :class:`RatesRun`.
    """
    drop_probs, ((x, y), (x_val, y_val)) = _checked(mlp, drop_probs, x, y, x_val, y_val, epochs, batch_size,
                                                    record_every)
    copies = len(drop_probs)
    rng = np.random.default_rng(seed)
    params = stack_params(mlp.init(rng, initializer), copies)
    flat = FlatParams(params)
    theta = flat.pack(params)  # Adam is elementwise: one (K, P) array steps as the dict of arrays would
    rule = optimizers.adam(lr)
    optimizer_state = rule.init(theta)
    recorded = sorted({*range(0, epochs, record_every), epochs})
    records: list[tuple[np.ndarray, ...]] = []
    diverged_at = np.full(copies, -1)
    active = np.ones(copies, dtype=bool)
    epoch_losses: list[np.ndarray] = []

    both = np.concatenate([x, x_val])  # one pass measures both sets

    def record(params: Params, batch_loss: np.ndarray | None) -> None:
        logits, _ = forward(mlp, params, both)
        train_loss, _ = cross_entropy(logits[:, : len(x)], y)
        val_loss, _ = cross_entropy(logits[:, len(x) :], y_val)
        predicted = logits.argmax(axis=2)
        fresh = (train_loss, val_loss, np.mean(predicted[:, : len(x)] == y, axis=1),
                 np.mean(predicted[:, len(x) :] == y_val, axis=1), train_loss if batch_loss is None else batch_loss)
        if records:  # a stopped copy repeats its last record
            fresh = tuple(np.where(active, value, last) for value, last in zip(fresh, records[-1], strict=True))
        records.append(fresh)

    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        record(params, None)
        for epoch in range(1, epochs + 1):
            order = rng.permutation(len(x))
            for start in range(0, len(x), batch_size):
                batch = order[start : start + batch_size]
                losses, grads = loss_and_grads(mlp, params, x[batch], y[batch], drop_probs, rng)
                blown = active & ~np.isfinite(losses)
                if blown.any():
                    diverged_at[blown] = epoch
                    active &= ~blown
                updates, optimizer_state = rule.update(flat.pack(grads), optimizer_state, theta)
                theta = theta + updates if active.all() else np.where(active[:, None], theta + updates, theta)
                params = flat.unpack(theta)
                epoch_losses.append(np.where(active, losses, 0.0))
            if epoch in recorded:
                record(params, np.mean(epoch_losses, axis=0))
                epoch_losses = []
                if on_progress is not None:
                    on_progress(epoch / epochs)

    stacked = [np.array(values) for values in zip(*records, strict=True)]
    return RatesRun(drop_probs, np.array(recorded), *stacked, diverged_at=diverged_at, params=params)


@dataclass(frozen=True)
class MonteCarlo:
    """``passes`` forward passes with dropout on, at every point: the mean ``(N,)`` and standard deviation ``(N,)``
    over the passes of the probability of the class, and the eval-mode probability ``(N,)`` (no unit dropped,
    kept units not scaled: the weight-scaling rule's single pass, which ``mean`` approaches only approximately,
    since the network is not linear)."""

    mean: np.ndarray
    std: np.ndarray
    eval: np.ndarray
    passes: int


MC_CHUNK = 400_000  # rows x widest layer per chunk of passes: about 3 MB per array


def mc_dropout(mlp: MLP, params: Params, drop_prob: float, x: np.ndarray, *, passes: int,
               rng: np.random.Generator, label: int = 1) -> MonteCarlo:
    r"""Monte-Carlo dropout: ``passes`` passes of every point of ``x`` ``(N, D)`` through the network ``params``
    (the engine's shapes) with dropout on at rate ``drop_prob``, each pass with its own masks, summarised per point.

    .. math:: \bar\pi(x) = \frac{1}{T}\sum_{t=1}^{T} \operatorname{softmax}\bigl(f_{m_t}(x)\bigr)_c,\qquad
        s(x) = \sqrt{\frac{1}{T}\sum_t \bigl(\pi_t(x) - \bar\pi(x)\bigr)^2}

    Passes run in chunks (many copies of ``x`` as one batch, so a chunk's masks are those that
    ``MLP(..., drop_prob=drop_prob).forward(tiled x, train=True, rng=rng)`` draws) and no array outgrows
    ``MC_CHUNK`` values.
    """
    require_counts(("passes", passes, 1))
    if not 0.0 <= drop_prob < 1.0:
        raise ValueError(f"drop_prob must be in [0, 1), got {drop_prob!r}")
    x = np.asarray(x, dtype=np.float64)
    stacked = stack_params(params, 1)
    eval_probability = layers.softmax(forward(mlp, stacked, x)[0][0])[:, label]
    if drop_prob == 0.0:  # nothing to sample: every pass is the eval pass
        return MonteCarlo(eval_probability, np.zeros(len(x)), eval_probability, int(passes))
    rates = np.array([float(drop_prob)])
    per_chunk = max(1, MC_CHUNK // (len(x) * max(mlp.sizes)))
    total = np.zeros(len(x))
    squares = np.zeros(len(x))
    done = 0
    while done < passes:
        count = min(per_chunk, passes - done)
        logits = forward(mlp, stacked, np.tile(x, (count, 1)), drop_probs=rates, rng=rng)[0][0]
        probability = layers.softmax(logits)[:, label].reshape(count, len(x))
        total += probability.sum(axis=0)
        squares += (probability**2).sum(axis=0)
        done += count
    mean = total / passes
    return MonteCarlo(mean, np.sqrt(np.maximum(squares / passes - mean**2, 0.0)), eval_probability, int(passes))
