r"""What dropout does to the units of a layer, measured on the engine's own ``dl_core.layers.dropout_forward``.

Dropout (Srivastava, Hinton, Krizhevsky, Sutskever & Salakhutdinov, JMLR 15, 2014) keeps every hidden unit with
probability :math:`p_\text{keep}` and replaces it by 0 otherwise, anew for every example at every training step.
Two conventions name the probability :math:`p`:

- the paper and the course's lesson: :math:`p` is the probability of *keeping* a unit (:math:`p_\text{keep}`);
- PyTorch's ``torch.nn.Dropout(p)`` and the engine's ``drop_prob``: :math:`p` is the probability of *dropping* it
  (:math:`p_\text{drop} = 1 - p_\text{keep}`).

Every function here takes ``drop_prob`` (:math:`p_\text{drop}`); :func:`keep_prob` converts.

The kept share of :math:`n` units is a binomial count over :math:`n`: mean :math:`p_\text{keep}`, standard
deviation :math:`\sqrt{p_\text{keep} p_\text{drop} / n}` (:func:`kept_share_band`). Inverted dropout scales the kept
units by :math:`1 / p_\text{keep}`, so the expected output of a unit equals its eval-mode output :math:`a`
(:func:`output_moments`); without the scaling it would be :math:`p_\text{keep} a`.

:func:`train_rates` trains one network at several dropout rates side by side (the engine's copies: the same start,
minibatches and uniform numbers, so the copies differ by their rate, not by their luck); :func:`mc_dropout` keeps
dropout on at test time and averages many passes (Gal & Ghahramani, "Dropout as a Bayesian Approximation", ICML
2016, arXiv 1506.02142): the spread of the passes says where the model is unsure.

::

    run = train_rates(MLP((2, 64, 64, 2)), [0.0, 0.2, 0.5], x, y, x_val, y_val, epochs=200, batch_size=32, seed=0)
    run.val_loss[-1]            # (3,): each copy's validation loss after 200 epochs (eval mode)
    mc = mc_dropout(MLP((2, 64, 64, 2)), run.network(2), 0.5, grid, passes=50, rng=np.random.default_rng(1))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from dl_core import layers, optimizers, training
from dl_core.network import MLP, Params, require_counts, stack_copies


def _checked(drop_prob: float) -> float:
    drop_prob = float(drop_prob)
    if not 0.0 <= drop_prob < 1.0:
        raise ValueError(f"drop_prob must be in [0, 1), got {drop_prob!r}")
    return drop_prob


def keep_prob(drop_prob: float) -> float:
    r"""The lesson's :math:`p` from PyTorch's: :math:`p_\text{keep} = 1 - p_\text{drop}`."""
    return 1.0 - _checked(drop_prob)


def kept_share_band(units, drop_prob: float, z: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    r"""The share of ``units`` kept units lies within :math:`p_\text{keep} \pm z\,\sigma`,
    :math:`\sigma = \sqrt{p_\text{keep}\,p_\text{drop} / n}` (about 95 % of the time for :math:`z = 2` when
    :math:`n` is large); returns the band's ``(low, high)``, clipped to [0, 1]. ``units`` may be an array."""
    keep = keep_prob(drop_prob)
    units = np.asarray(units, dtype=np.float64)
    if np.any(units < 1):
        raise ValueError(f"units must be >= 1, got {units!r}")
    sigma = np.sqrt(keep * (1.0 - keep) / units)
    return np.clip(keep - z * sigma, 0.0, 1.0), np.clip(keep + z * sigma, 0.0, 1.0)


@dataclass(frozen=True)
class ThinnedSteps:
    r"""The masks of ``steps`` training steps of a network whose hidden layers have ``widths`` units.

    ``masks``: one boolean array per hidden layer, ``(steps, batch, width)``, True where the unit is kept, drawn by
    :func:`dl_core.layers.dropout_forward` as a training step draws them (layer after layer, a mask per example).
    ``example_share`` ``(steps,)``: the share of the first example's hidden units kept at each step (the thinned
    network one would draw); ``batch_share`` ``(steps,)``: the share over all examples of the batch;
    ``distinct`` ``(steps,)``: how many different thinned networks the batch used at each step (examples whose
    masks agree on every unit count once).
    """

    drop_prob: float
    masks: tuple[np.ndarray, ...]
    example_share: np.ndarray
    batch_share: np.ndarray
    distinct: np.ndarray

    @property
    def units(self) -> int:
        """Hidden units of one example's network."""
        return sum(mask.shape[2] for mask in self.masks)


def thinned_steps(widths: Sequence[int], drop_prob: float, steps: int, batch: int,
                  rng: np.random.Generator) -> ThinnedSteps:
    r"""Which hidden units dropout keeps at each of ``steps`` training steps, for a batch of ``batch`` examples.

    .. math:: m_{t,n,j} = [u_{t,n,j} \ge p_\text{drop}],\qquad u \sim U[0, 1)

    Each step, each hidden layer in turn calls ``layers.dropout_forward`` on a ``(batch, width)`` array, so the
    masks are exactly those the engine draws during training (its activations do not change which units it keeps).
    """
    drop_prob = _checked(drop_prob)
    widths = tuple(int(width) for width in widths)
    if not widths or min(widths) < 1 or steps < 1 or batch < 1:
        raise ValueError(f"widths, steps and batch must be >= 1, got {widths}, {steps}, {batch}")
    drawn = [[] for _ in widths]
    for _ in range(steps):
        for layer, width in enumerate(widths):
            _, cache = layers.dropout_forward(np.ones((batch, width)), drop_prob, rng, train=True)
            drawn[layer].append(cache.mask)
    masks = tuple(np.array(layer) for layer in drawn)
    every = np.concatenate(masks, axis=2)  # (steps, batch, all hidden units)
    distinct = np.array([len(np.unique(step, axis=0)) for step in every])
    return ThinnedSteps(drop_prob, masks, every[:, 0].mean(axis=1), every.mean(axis=(1, 2)), distinct)


@dataclass(frozen=True)
class OverMasks:
    r"""One layer's units ``activations`` ``(U,)`` (their eval-mode outputs :math:`a_j`) through ``count`` dropout
    masks: ``running_mean`` ``(len(masks), U)``, the mean of the first :math:`m` train-mode outputs for each
    :math:`m` of ``masks`` (ascending, the last being ``count``); ``unscaled_running_mean`` the same without the
    :math:`1/p_\text{keep}` scaling (the masks alone); ``kept_share`` ``(U,)``: the share of all the masks that kept
    each unit."""

    drop_prob: float
    activations: np.ndarray
    running_mean: np.ndarray
    unscaled_running_mean: np.ndarray
    kept_share: np.ndarray
    masks: np.ndarray

    @property
    def count(self) -> int:
        return int(self.masks[-1])


def over_masks(activations: np.ndarray, drop_prob: float, count: int, rng: np.random.Generator,
               rows: int | None = None) -> OverMasks:
    r"""``count`` passes of one layer's outputs through :func:`dl_core.layers.dropout_forward` in train mode.

    .. math:: y_j^{(m)} = \frac{m_j^{(m)}\,a_j}{p_\text{keep}},\qquad
        \bar y_j(M) = \frac{1}{M}\sum_{m=1}^{M} y_j^{(m)} \to a_j

    The running means are kept after every mask, or (``rows``) after about ``rows`` mask counts spread evenly on a
    log scale from 1 to ``count`` (both kept): what a chart draws, a few kB instead of 16 bytes per unit per mask.
    """
    drop_prob = _checked(drop_prob)
    activations = np.asarray(activations, dtype=np.float64)
    if activations.ndim != 1 or count < 1 or (rows is not None and rows < 2):
        raise ValueError(f"activations must be (U,), count >= 1 and rows >= 2 (or None), got {activations.shape}, "
                         f"{count} and {rows}")
    outputs, cache = layers.dropout_forward(np.tile(activations, (count, 1)), drop_prob, rng, train=True)
    masks = np.arange(1, count + 1)
    if rows is not None:
        masks = np.unique(np.geomspace(1, count, min(rows, count)).round().astype(int))
    kept = masks - 1
    passes = masks[:, None]
    return OverMasks(drop_prob, activations, np.cumsum(outputs, axis=0)[kept] / passes,
                     np.cumsum(cache.mask * activations, axis=0)[kept] / passes, cache.mask.mean(axis=0), masks)


def output_moments(activations, drop_prob: float) -> tuple[np.ndarray, np.ndarray]:
    r"""Mean and standard deviation of an inverted-dropout output whose eval-mode value is :math:`a`:

    .. math:: \mathbb E[y] = p_\text{keep}\cdot\frac{a}{p_\text{keep}} = a,\qquad
        \operatorname{sd}[y] = |a|\sqrt{\frac{p_\text{drop}}{p_\text{keep}}}

    (the output is :math:`a / p_\text{keep}` with probability :math:`p_\text{keep}` and 0 otherwise). The mean of
    :math:`M` independent outputs has standard deviation :math:`\operatorname{sd}[y] / \sqrt M`."""
    drop_prob = _checked(drop_prob)
    activations = np.asarray(activations, dtype=np.float64)
    return activations.copy(), np.abs(activations) * np.sqrt(drop_prob / (1.0 - drop_prob))


# ---------------------------------------------------------------- training at several rates


@dataclass(frozen=True)
class RatesRun:
    """K trainings of one network, one dropout rate each (``drop_probs`` ``(K,)``, PyTorch's ``p``).

    - ``epochs`` ``(S,)``: the epochs after which the copies were measured (0 = untrained, then every
      ``record_every`` epochs and the last);
    - ``train_loss``, ``val_loss``, ``train_accuracy``, ``val_accuracy`` ``(S, K)``: on the whole training and
      validation sets in eval mode (no unit dropped);
    - ``batch_loss`` ``(S, K)``: the mean train-mode loss (dropout on) of the minibatches since the record before
      (at epoch 0 the eval-mode training loss): what the optimizer saw;
    - ``diverged_at`` ``(K,)``: the epoch in which a copy's minibatch loss blew up, or -1 (the engine's rule: the
      copy went back to its last record and stopped; its later records repeat it);
    - ``params``: the K networks at the end (the engine's copies).
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
        """The ``index``-th copy's parameters, for ``MLP.forward`` and :func:`mc_dropout`."""
        return {key: value[index] for key, value in self.params.items()}


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
    r"""Train ``len(drop_probs)`` copies of ``mlp`` with Adam at ``lr``, copy k with dropout rate ``drop_probs[k]``
    (:func:`dl_core.training.train` on ``MLP(..., drop_prob=tuple(drop_probs))``).

    .. math:: h^{(k)} = \frac{m^{(k)} \odot f(z)}{1 - p_k},\quad m^{(k)}_{nj} = [u_{nj} \ge p_k],
        \quad u_{nj} \sim U[0, 1)

    ``rng = default_rng(seed)`` gives the initial weights (``mlp.init(rng, initializer)``, the same for every copy);
    the copies then share that generator: the same minibatches and the same uniform numbers
    :math:`u`. Records every ``record_every`` epochs. See :class:`RatesRun`.
    """
    if not mlp.is_classifier or mlp.batch_norm or mlp.drops:
        raise ValueError("train_rates trains classifiers without batch norm; give the rates as drop_probs, "
                         "not as the MLP's drop_prob")
    drop_probs = np.atleast_1d(np.asarray(drop_probs, dtype=np.float64))
    if drop_probs.ndim != 1 or not np.all((drop_probs >= 0.0) & (drop_probs < 1.0)):
        raise ValueError(f"drop_probs must be a 1-D array of probabilities in [0, 1), got {drop_probs!r}")
    require_counts(("record_every", record_every, 1), ("batch_size", batch_size, 1))
    copies = len(drop_probs)
    rng = np.random.default_rng(seed)
    start = mlp.init(rng, initializer)
    per_epoch = training.batches_per_epoch(len(x), batch_size, False)
    thinned = MLP(mlp.sizes, mlp.activation, drop_prob=tuple(drop_probs))
    run = training.train(thinned, stack_copies([start] * copies), (), optimizers.adam(lr), x, y, epochs=epochs,
                         batch_size=batch_size, rng=rng, x_val=x_val,
                         y_val=y_val, record_every=record_every * per_epoch, layer_statistics=False,
                         on_progress=on_progress)
    between = [run.batch_losses[first:last].mean(axis=0) for first, last in zip(run.steps[:-1], run.steps[1:],
                                                                                   strict=True)]
    diverged_at = np.where(run.diverged_step >= 0, run.diverged_step // per_epoch + 1, -1)
    return RatesRun(drop_probs, run.steps // per_epoch, run.train_loss, run.val_loss, run.train_accuracy,
                    run.val_accuracy, np.array([run.train_loss[0], *between]), diverged_at, run.params)


def probabilities(mlp: MLP, params: Params, x: np.ndarray, label: int = 1) -> np.ndarray:
    """The softmax probability of ``label`` at every point of ``x`` ``(N, D)``, eval mode: ``(N,)`` for one network,
    ``(K, N)`` for copies."""
    return layers.softmax(mlp.predict(params, (), np.asarray(x, dtype=np.float64)))[..., label]


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
    with dropout on at rate ``drop_prob``, each pass with its own masks, summarised per point.

    .. math:: \bar\pi(x) = \frac{1}{T}\sum_{t=1}^{T} \operatorname{softmax}\bigl(f_{m_t}(x)\bigr)_c,\qquad
        s(x) = \sqrt{\frac{1}{T}\sum_t \bigl(\pi_t(x) - \bar\pi(x)\bigr)^2}

    Passes run in chunks: many copies of ``x`` as one batch through ``MLP(..., drop_prob=drop_prob).forward(tiled
    x, train=True, rng=rng)``, so that no array outgrows ``MC_CHUNK`` values.
    """
    require_counts(("passes", passes, 1))
    x = np.asarray(x, dtype=np.float64)
    thinned = MLP(mlp.sizes, mlp.activation, drop_prob=_checked(drop_prob))
    eval_probability = probabilities(mlp, params, x, label)
    if drop_prob == 0.0:  # nothing to sample: every pass is the eval pass
        return MonteCarlo(eval_probability, np.zeros(len(x)), eval_probability, int(passes))
    per_chunk = max(1, MC_CHUNK // (len(x) * max(mlp.sizes)))
    total = np.zeros(len(x))
    squares = np.zeros(len(x))
    done = 0
    while done < passes:
        count = min(per_chunk, passes - done)
        logits = thinned.forward(params, (), np.tile(x, (count, 1)), train=True, rng=rng).output
        probability = layers.softmax(logits)[:, label].reshape(count, len(x))
        total += probability.sum(axis=0)
        squares += (probability**2).sum(axis=0)
        done += count
    mean = total / passes
    return MonteCarlo(mean, np.sqrt(np.maximum(squares / passes - mean**2, 0.0)), eval_probability, int(passes))


# ---------------------------------------------------------------- the same comparison over several seeds


@dataclass(frozen=True)
class SeedsRun:
    """The comparison of :func:`train_rates` repeated for S seeds, each with its own data set, initial weights,
    minibatches and masks, all S x R networks in lockstep. ``train_loss``, ``val_loss``, ``train_accuracy``,
    ``val_accuracy`` are ``(T, S, R)``: record, seed, rate (eval mode, as :class:`RatesRun`); ``diverged`` ``(S, R)``.
    """

    drop_probs: np.ndarray
    seeds: np.ndarray
    epochs: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray
    train_accuracy: np.ndarray
    val_accuracy: np.ndarray
    diverged: np.ndarray


def train_rates_over_seeds(
    mlp: MLP,
    drop_probs: Sequence[float] | np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
    *,
    seeds: Sequence[int],
    epochs: int,
    batch_size: int,
    lr: float = 0.01,
    initializer: str = "he_normal",
    record_every: int = 1,
) -> SeedsRun:
    """:func:`train_rates` for every seed at once: ``x`` ``(S, N, D)``, ``y`` ``(S, N)`` and the validation sets
    alike hold each seed's data; seed s starts from ``mlp.init(default_rng(seeds[s]), initializer)``, its rates share
    that start, and each seed draws its own minibatches and masks (``default_rng([seeds[s], 1])``), shared by its
    rates. See :class:`SeedsRun`."""
    drop_probs = np.atleast_1d(np.asarray(drop_probs, dtype=np.float64))
    seeds = np.asarray(seeds)
    rates, count = len(drop_probs), len(seeds)
    starts = [mlp.init(np.random.default_rng(int(seed)), initializer) for seed in seeds]
    thinned = MLP(mlp.sizes, mlp.activation, drop_prob=tuple(drop_probs) * count)
    per_epoch = training.batches_per_epoch(np.shape(x)[1], batch_size, False)

    def each_rate(values) -> np.ndarray:  # seed-major: the R copies of seed s side by side
        return np.repeat(np.asarray(values), rates, axis=0)

    run = training.train(thinned, stack_copies([start for start in starts for _ in range(rates)]), (),
                         optimizers.adam(lr), each_rate(x), each_rate(y), epochs=epochs, batch_size=batch_size,
                         rng=[np.random.default_rng([int(seed), 1]) for seed in seeds for _ in range(rates)],
                         x_val=each_rate(x_val), y_val=each_rate(y_val), record_every=record_every * per_epoch,
                         layer_statistics=False)

    def per_seed(values: np.ndarray) -> np.ndarray:
        return values.reshape(len(values), count, rates)

    return SeedsRun(drop_probs, seeds, run.steps // per_epoch, per_seed(run.train_loss), per_seed(run.val_loss),
                    per_seed(run.train_accuracy), per_seed(run.val_accuracy),
                    (run.diverged_at >= 0).reshape(count, rates))
