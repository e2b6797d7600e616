r"""The statistics of batch normalization (Ioffe & Szegedy 2015, arXiv 1502.03167): its running estimates, the
difference between train and eval mode, and the parameters that undo it.

**Running estimates.** In train mode a batch-norm layer normalises with the statistics of the batch and moves its
running estimates towards them by exponential smoothing, as ``torch.nn.BatchNorm1d`` (and
:func:`dl_core.layers.batchnorm_forward`) do:

.. math:: r_t = (1 - m)\, r_{t-1} + m\, s_t,\qquad r_0 = 0 \text{ (mean) or } 1 \text{ (variance)}

where :math:`s_t` is the batch's mean, or its *unbiased* variance (divided by :math:`N - 1`). :math:`m` is PyTorch's
``momentum`` (default 0.1); the factor :math:`d = 1 - m` that discounts the old value is what Keras and TensorFlow
call ``momentum`` (default 0.99). Unrolled, the estimate is a weighted sum in which the start keeps the weight
:math:`d^t`:

.. math:: r_t = d^t r_0 + m \sum_{k=1}^{t} d^{\,t-k} s_k

so for batches whose statistic has expectation :math:`\theta` and standard deviation :math:`\varsigma`,

.. math:: \mathbb E[r_t] = \theta + (r_0 - \theta)\, d^t,\qquad
    \operatorname{sd}[r_t] = \varsigma \sqrt{\frac{m\,(1 - d^{2t})}{2 - m}}

The first is the early bias towards the start (the estimate needs about :math:`1/m` steps to forget it); the second
the noise left once it has. Dividing out the start's weight, :math:`(r_t - d^t r_0)/(1 - d^t)`, removes the bias
(Adam's correction of its moments, applied here).

**Train versus eval.** In train mode the output for one sample depends on the other samples of its batch; eval mode
uses the running estimates and gives one answer per input. With a batch of two samples train mode outputs
:math:`\pm\gamma\sqrt{\sigma^2/(\sigma^2 + \epsilon)} + \beta` whatever the values; with one it has no variance to
divide by, and the engine raises ``ValueError`` as PyTorch does.

**Deep networks with and without it.** :func:`train_at_rates` trains one network at several learning rates side by
side (the engine's copies: the same initial weights and minibatches, one rate each) and records what the lesson
draws: the loss with the whole set's own statistics (free of the running estimates' lag) and the spread of every
hidden layer's values on a probe batch (:class:`LayerHistograms`, the curves of the paper's Figure 1).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dl_core import layers, optimizers, training
from dl_core.layers import BatchNormStats
from dl_core.network import MLP, Params, State, stack_copies

BLOCK = 128  # steps per block of the vectorised smoothing: a (BLOCK, BLOCK) weight matrix at a time


def _checked_momentum(momentum: float) -> float:
    momentum = float(momentum)
    if not 0.0 <= momentum <= 1.0:
        raise ValueError(f"momentum must be in [0, 1], got {momentum}")
    return momentum


def running_estimates(values: np.ndarray, momentum: float, initial) -> np.ndarray:
    r"""The exponential smoothing of a stream ``values`` ``(T, ...)``: ``(T + 1, ...)``, row 0 being ``initial``.

    .. math:: r_t = (1 - m)\, r_{t-1} + m\, s_t

    Vectorised: the stream is cut into blocks of ``BLOCK`` steps and each block is one product with the matrix of
    weights :math:`m\,d^{\,i-j}` (:math:`i \ge j`), plus the carried estimate times :math:`d^{\,i}`.
    """
    momentum = _checked_momentum(momentum)
    values = np.asarray(values, dtype=np.float64)
    steps = values.shape[0]
    tail = values.shape[1:]
    flat = values.reshape(steps, int(np.prod(tail)))
    discount = 1.0 - momentum
    lags = np.arange(BLOCK)[:, None] - np.arange(BLOCK)[None, :]
    with np.errstate(under="ignore"):
        weights = np.where(lags >= 0, momentum * discount ** np.maximum(lags, 0), 0.0)
        carried = discount ** np.arange(1, BLOCK + 1)
    out = np.empty((steps + 1, flat.shape[1]))
    out[0] = np.broadcast_to(np.asarray(initial, dtype=np.float64), tail).reshape(-1)
    for start in range(0, steps, BLOCK):
        block = flat[start : start + BLOCK]
        size = len(block)
        out[start + 1 : start + 1 + size] = weights[:size, :size] @ block + carried[:size, None] * out[start]
    return out.reshape((steps + 1, *tail))


def start_weight(momentum: float, steps: np.ndarray) -> np.ndarray:
    """:math:`d^t`: how much of the starting value is left in the estimate after ``steps`` steps."""
    return (1.0 - _checked_momentum(momentum)) ** np.asarray(steps, dtype=np.float64)


def expected_estimate(truth: float, initial: float, momentum: float, steps: np.ndarray) -> np.ndarray:
    r""":math:`\mathbb E[r_t] = \theta + (r_0 - \theta)\, d^t` for batch statistics of expectation ``truth``."""
    return truth + (initial - truth) * start_weight(momentum, steps)


def estimate_std(statistic_std: float, momentum: float, steps: np.ndarray) -> np.ndarray:
    r""":math:`\operatorname{sd}[r_t] = \varsigma\sqrt{m(1 - d^{2t})/(2 - m)}` for independent batch statistics of
    standard deviation ``statistic_std`` (:math:`\varsigma`)."""
    momentum = _checked_momentum(momentum)
    share = momentum * (1.0 - start_weight(momentum, steps) ** 2) / (2.0 - momentum)
    return statistic_std * np.sqrt(share)


def debiased(estimates: np.ndarray, initial: float, momentum: float) -> np.ndarray:
    r"""The estimates with the start's weight divided out: :math:`(r_t - d^t r_0) / (1 - d^t)` for
    :math:`t \ge 1` (row 0, where nothing has been seen, stays ``initial``; with :math:`m = 0` nothing is ever seen
    and the estimates stay as they are). Rows along axis 0 are steps."""
    estimates = np.asarray(estimates, dtype=np.float64)
    steps = np.arange(len(estimates)).reshape((-1,) + (1,) * (estimates.ndim - 1))
    weight = start_weight(momentum, steps)
    with np.errstate(divide="ignore", invalid="ignore"):
        corrected = (estimates - weight * initial) / (1.0 - weight)
    return np.where((steps == 0) | (weight >= 1.0), np.where(steps == 0, initial, estimates), corrected)


def steps_to_forget(momentum: float, share: float = 0.01) -> int | None:
    r"""The first step at which the start weighs at most ``share``: :math:`\lceil \ln s / \ln d \rceil`
    (1 for :math:`m = 1`; None for :math:`m = 0`, which never forgets)."""
    momentum = _checked_momentum(momentum)
    if momentum == 0.0:
        return None
    if momentum == 1.0:
        return 1
    return max(1, int(np.ceil(np.log(share) / np.log1p(-momentum) - 1e-12)))


def half_life(momentum: float) -> float:
    r"""Steps after which the start (or any one batch) weighs half as much: :math:`\ln 2 / (-\ln d)`
    (0 for :math:`m = 1`, inf for :math:`m = 0`)."""
    momentum = _checked_momentum(momentum)
    if momentum == 1.0:
        return 0.0
    return float(np.inf) if momentum == 0.0 else float(np.log(2.0) / -np.log1p(-momentum))


@dataclass(frozen=True)
class Stream:
    """Batches of one unit's pre-activations, drawn from N(mean, std²), and the running estimates they give.

    ``samples`` ``(T, N)``; per step ``batch_mean``, ``batch_var`` (unbiased: what the running variance takes in)
    and ``batch_var_biased`` (what the batch is normalised with), each ``(T,)``; ``running_mean`` and
    ``running_var`` ``(T + 1,)`` from mean 0 and variance 1, as ``torch.nn.BatchNorm1d`` after each batch.
    """

    mean: float
    std: float
    momentum: float
    samples: np.ndarray
    batch_mean: np.ndarray
    batch_var: np.ndarray
    batch_var_biased: np.ndarray
    running_mean: np.ndarray
    running_var: np.ndarray

    @property
    def batch_size(self) -> int:
        return self.samples.shape[1]

    @property
    def mean_std(self) -> float:
        """The standard deviation of one batch's mean: :math:`\\sigma/\\sqrt N`."""
        return self.std / np.sqrt(self.batch_size)

    @property
    def var_std(self) -> float:
        r"""The standard deviation of one batch's unbiased variance for normal data: :math:`\sigma^2\sqrt{2/(N-1)}`."""
        return self.std**2 * np.sqrt(2.0 / (self.batch_size - 1))

    def final(self) -> BatchNormStats:
        """The running statistics after the last batch (one feature)."""
        return BatchNormStats(self.running_mean[-1:], self.running_var[-1:])


def stream(mean: float, std: float, batch_size: int, steps: int, momentum: float, rng: np.random.Generator) -> Stream:
    """``steps`` batches of ``batch_size`` samples from N(``mean``, ``std``²) and the running estimates of a
    batch-norm layer with PyTorch's ``momentum`` (see the module). ``batch_size`` must be at least 2: the variance
    of one sample is undefined."""
    if batch_size < 2:
        raise ValueError(f"batch_size must be >= 2 (the variance of one sample is undefined), got {batch_size}")
    if steps < 0 or std < 0:
        raise ValueError(f"steps and std must be >= 0, got {steps} and {std}")
    samples = mean + std * rng.standard_normal((steps, batch_size))
    batch_mean = samples.mean(axis=1)
    batch_var_biased = samples.var(axis=1)
    batch_var = batch_var_biased * batch_size / (batch_size - 1)
    return Stream(
        mean=float(mean), std=float(std), momentum=_checked_momentum(momentum), samples=samples,
        batch_mean=batch_mean, batch_var=batch_var, batch_var_biased=batch_var_biased,
        running_mean=running_estimates(batch_mean, momentum, 0.0),
        running_var=running_estimates(batch_var, momentum, 1.0),
    )


def train_mode_outputs(sample: float, companions: np.ndarray, gamma: float = 1.0, beta: float = 0.0,
                       eps: float = 1e-5) -> np.ndarray:
    r"""What batch norm in train mode outputs for ``sample`` when it shares a batch with each row of
    ``companions`` ``(K, N - 1)``: ``(K,)``, one output per batch.

    The K batches go through :func:`dl_core.layers.batchnorm_forward` at once, as K features of one
    ``(N, K)`` array (each column is normalised on its own). With ``N = 1`` (no companions) the engine raises
    ``ValueError``: a single sample has no variance.
    """
    companions = np.asarray(companions, dtype=np.float64)
    copies = companions.shape[0]
    batch = np.vstack([np.full((1, copies), float(sample)), companions.T])
    out, _, _ = layers.batchnorm_forward(batch, np.full(copies, float(gamma)), np.full(copies, float(beta)),
                                         BatchNormStats.initial(copies), train=True, eps=eps)
    return out[0]


def eval_mode_output(sample: float, running: BatchNormStats, gamma: float = 1.0, beta: float = 0.0,
                     eps: float = 1e-5) -> float:
    r"""Batch norm in eval mode: :math:`\gamma (x - \mu_{run})/\sqrt{\sigma^2_{run} + \epsilon} + \beta`, through
    :func:`dl_core.layers.batchnorm_forward` (one feature)."""
    out, _, _ = layers.batchnorm_forward(np.array([[float(sample)]]), np.array([float(gamma)]),
                                         np.array([float(beta)]), running, train=False, eps=eps)
    return float(out[0, 0])


def identity_parameters(x: np.ndarray, eps: float = 1e-5) -> tuple[np.ndarray, np.ndarray]:
    r"""The :math:`\gamma, \beta` with which batch norm in train mode gives back its input ``x`` ``(N, D)``:
    :math:`\gamma = \sqrt{\sigma_B^2 + \epsilon}`, :math:`\beta = \mu_B` per feature (Ioffe & Szegedy, section 3;
    their :math:`\gamma = \sqrt{\operatorname{Var}[x]}` leaves out the :math:`\epsilon`)."""
    x = np.asarray(x, dtype=np.float64)
    return np.sqrt(x.var(axis=0) + eps), x.mean(axis=0)


# ---------------------------------------------------------------- deep networks with and without batch norm


@dataclass(frozen=True)
class LayerHistograms:
    """How the values of every hidden layer are spread at each record, for a fixed probe batch.

    ``pre_activation`` (what enters the activation: the batch-norm output when batch norm is on) and
    ``activation`` (what comes out) are ``(S, K, hidden layers, bins)``: the share of the probe's values
    (over samples and units) in each bin of ``pre_edges`` / ``activation_edges``; values beyond the edges
    count in the first or last bin. ``percentiles`` ``(S, K, hidden layers, 3)``: the 15th, 50th and 85th
    percentiles of the pre-activations, the curves of Ioffe & Szegedy's Figure 1; ``pre_std`` ``(S, K, hidden
    layers)``: how much a unit's pre-activation varies from one probe sample to the next (its standard deviation
    over the samples, averaged over the layer's units). When it falls towards 0, the layer's units answer nearly the
    same to every input.
    """

    pre_edges: np.ndarray
    activation_edges: np.ndarray
    pre_activation: np.ndarray
    activation: np.ndarray
    percentiles: np.ndarray
    pre_std: np.ndarray


PERCENTILES = (15.0, 50.0, 85.0)


@dataclass(frozen=True)
class RatesRun:
    """K trainings of one network, one learning rate each (``lrs`` ``(K,)``), from :func:`train_at_rates`.

    - ``batch_losses`` ``(steps, K)``: the train-mode loss of each minibatch step;
    - ``snapshot_steps`` ``(S,)``: the steps after which the networks were measured; ``losses`` and ``accuracy``
      ``(S, K)``: on the whole training set in eval mode (running statistics); ``population_losses`` and
      ``population_accuracy`` ``(S, K)``: the same with batch norm normalising by the statistics of the whole
      training set under the current weights (train mode on the whole set: close to the population statistics of
      Ioffe & Szegedy's Algorithm 2); without batch norm they equal ``losses`` and ``accuracy``;
    - ``diverged_at`` ``(K,)``: the step whose minibatch loss blew up, or -1 (the engine's rule: that network went
      back to its last record and stopped there);
    - ``params``, ``state``: the K networks at the end (the engine's copies);
    - ``histograms``: :class:`LayerHistograms` of the probe batch, or None without one.
    """

    lrs: np.ndarray
    batch_losses: np.ndarray
    snapshot_steps: np.ndarray
    losses: np.ndarray
    accuracy: np.ndarray
    population_losses: np.ndarray
    population_accuracy: np.ndarray
    diverged_at: np.ndarray
    params: Params
    state: State
    histograms: LayerHistograms | None


def _shares(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Per copy, the share of ``values`` ``(K, N, M)`` in each bin (the outer bins take the rest)."""
    bins = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, len(edges) - 2)
    copies = values.shape[0]
    flat = bins.reshape(copies, -1) + (len(edges) - 1) * np.arange(copies)[:, None]
    counts = np.bincount(flat.ravel(), minlength=copies * (len(edges) - 1)).reshape(copies, -1)
    return counts / bins[0].size


def _population(mlp: MLP, params: Params, state: State, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """Loss and accuracy ``(K,)`` of the copies with the whole set as one batch (train mode)."""
    logits = mlp.forward(params, state, x, train=True).output
    return layers.softmax_cross_entropy_of_checked(logits, y)[0], np.mean(logits.argmax(axis=-1) == y, axis=-1)


def _probe_spread(mlp: MLP, params: Params, state: State, probe: np.ndarray, pre_edges: np.ndarray,
                  activation_edges: np.ndarray) -> tuple[np.ndarray, ...]:
    """One record of :class:`LayerHistograms` (without the edges), each with the copies' axis first."""
    hidden = mlp.forward(params, state, probe, train=True).layers[:-1]
    pre = [record.pre_activation for record in hidden]
    copies = len(params["W1"])
    return (np.stack([_shares(values, pre_edges) for values in pre], axis=1),
            np.stack([_shares(record.activation, activation_edges) for record in hidden], axis=1),
            np.moveaxis(np.percentile(np.stack([values.reshape(copies, -1) for values in pre], axis=1), PERCENTILES,
                                      axis=2), 0, -1),
            _unit_spread(pre))


def _unit_spread(pre: list[np.ndarray]) -> np.ndarray:
    """``(K, hidden layers)`` from each hidden layer's pre-activations ``(K, P, units)``: each unit's standard
    deviation over the probe samples, averaged over the layer's units (:attr:`LayerHistograms.pre_std`)."""
    return np.stack([values.std(axis=1).mean(axis=1) for values in pre], axis=1)


def _pre_std(mlp: MLP, params: Params, state: State, probe: np.ndarray) -> np.ndarray:
    """:func:`_unit_spread` of the copies, each on its own probe ``(K, P, D)``."""
    return _unit_spread([record.pre_activation for record in mlp.forward(params, state, probe, train=True).layers[:-1]])


def train_at_rates(
    mlp: MLP,
    lrs,
    x: np.ndarray,
    y: np.ndarray,
    *,
    steps: int,
    batch_size: int,
    seed: int,
    initializer: str = "xavier_normal",
    optimizer: str = "gd",
    record_every: int = 10,
    probe: np.ndarray | None = None,
    pre_edges: np.ndarray | None = None,
    activation_edges: np.ndarray | None = None,
    on_progress: Callable[[float], None] | None = None,
) -> RatesRun:
    r"""Train ``len(lrs)`` copies of ``mlp`` for ``steps`` minibatch steps, copy k at learning rate ``lrs[k]``
    (:func:`dl_core.training.train`).

    .. math:: \theta^{(k)}_{t+1} = \theta^{(k)}_t - \eta_k \nabla_\theta L_{B_t}\bigl(\theta^{(k)}_t\bigr)

    (for ``optimizer="gd"``; any name of :func:`dl_core.optimizers.make` with its defaults). All copies start from
    ``mlp.init(default_rng(seed), initializer)`` and see the same minibatches (that generator, after the weights).
    Batch norm in train mode normalises with the minibatch's statistics (momentum 0.1, eps 1e-5, as
    ``torch.nn.BatchNorm1d``). ``probe`` ``(P, D)`` with ``pre_edges`` and ``activation_edges``: at each record the
    probe goes through every copy in train mode (batch statistics of the probe itself: what a layer computes while
    it learns) and the spread of each hidden layer's values is kept. See :class:`RatesRun`.
    """
    lrs = np.atleast_1d(np.asarray(lrs, dtype=np.float64))
    if lrs.ndim != 1 or not np.all(np.isfinite(lrs) & (lrs > 0)):
        raise ValueError(f"lrs must be a 1-D array of positive learning rates, got {lrs!r}")
    if probe is not None and (pre_edges is None or activation_edges is None):
        raise ValueError("a probe needs pre_edges and activation_edges")
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y)
    rng = np.random.default_rng(seed)
    start = mlp.init(rng, initializer)
    copies = len(lrs)

    def keep(params: Params, state: State) -> tuple[np.ndarray, ...]:
        measured = _population(mlp, params, state, x, y) if mlp.batch_norm else ()
        spread = () if probe is None else _probe_spread(mlp, params, state, probe, pre_edges, activation_edges)
        return measured + spread

    run = training.train(mlp, stack_copies([start] * copies), mlp.init_state(copies=copies),
                         optimizers.make(optimizer, lr=lrs[:, None]), x, y, steps=steps, batch_size=batch_size,
                         rng=rng, record_every=record_every,
                         layer_statistics=False, keep=keep, on_progress=on_progress)
    kept = list(run.kept)
    population = (kept.pop(0), kept.pop(0)) if mlp.batch_norm else (run.train_loss, run.train_accuracy)
    histograms = None if probe is None else LayerHistograms(np.asarray(pre_edges, dtype=np.float64),
                                                            np.asarray(activation_edges, dtype=np.float64), *kept)
    return RatesRun(lrs, run.batch_losses, run.steps, run.train_loss, run.train_accuracy, *population,
                    diverged_at=run.diverged_step, params=run.params, state=run.state, histograms=histograms)


@dataclass(frozen=True)
class SeedsSweep:
    """:func:`train_at_rates` for S seeds at once: ``losses`` ``(S, R)``, each seed's final loss on its training set
    with the whole set's statistics (``population_losses[-1]``), and ``diverged`` ``(S, R)``."""

    lrs: np.ndarray
    seeds: np.ndarray
    losses: np.ndarray
    diverged: np.ndarray
    pre_std: np.ndarray | None = None


def sweep_over_seeds(mlp: MLP, lrs, x: np.ndarray, y: np.ndarray, *, seeds, steps: int, batch_size: int,
                     initializer: str = "xavier_normal", optimizer: str = "gd",
                     record_every: int = 10, probe: np.ndarray | None = None) -> SeedsSweep:
    """:func:`train_at_rates` for every seed in one lockstep training: ``x`` ``(S, N, D)`` and ``y`` ``(S, N)`` hold
    each seed's data; seed s's rates are, number for number, ``train_at_rates(mlp, lrs, x[s], y[s], seed=seeds[s])``
    (its start and its minibatches). With ``probe`` ``(S, P, D)`` (each seed's probe batch), ``pre_std`` ``(records,
    S, R, hidden layers)`` is :attr:`LayerHistograms.pre_std` of every record."""
    lrs = np.atleast_1d(np.asarray(lrs, dtype=np.float64))
    rates, count = len(lrs), len(seeds)
    starts, generators = [], []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        starts.append(mlp.init(rng, initializer))
        generators += [copy.deepcopy(rng) for _ in range(rates)]
    x, y = np.repeat(np.asarray(x, dtype=np.float64), rates, axis=0), np.repeat(np.asarray(y), rates, axis=0)
    copies = rates * count
    probes = None if probe is None else np.repeat(np.asarray(probe, dtype=np.float64), rates, axis=0)

    def keep(params: Params, state: State) -> tuple[np.ndarray, ...]:
        measured = _population(mlp, params, state, x, y) if mlp.batch_norm else ()
        return measured + (() if probes is None else (_pre_std(mlp, params, state, probes),))

    run = training.train(mlp, stack_copies([start for start in starts for _ in range(rates)]),
                         mlp.init_state(copies=copies), optimizers.make(optimizer, lr=np.tile(lrs, count)[:, None]),
                         x, y, steps=steps, batch_size=batch_size, rng=generators, record_every=record_every,
                         layer_statistics=False, keep=keep)
    final = run.kept[0][-1] if mlp.batch_norm else run.train_loss[-1]
    pre_std = None if probe is None else run.kept[-1].reshape(len(run.steps), count, rates, -1)
    return SeedsSweep(lrs, np.asarray(seeds), final.reshape(count, rates), (run.diverged_at >= 0).reshape(count, rates),
                      pre_std)


def constant_guess_loss(y: np.ndarray, classes: int) -> float:
    r"""The cross-entropy of the best constant prediction (the class frequencies): :math:`-\sum_c p_c \log p_c`.
    A network that learned nothing from its inputs does no better."""
    shares = np.bincount(np.asarray(y), minlength=classes) / len(y)
    shares = shares[shares > 0]
    return float(-(shares * np.log(shares)).sum())


def trained(run: RatesRun, y: np.ndarray, classes: int, share: float = 0.5) -> np.ndarray:
    """``(K,)``: which copies *trained*: did not diverge, and ended with a loss on the training set (normalised with
    the whole set's statistics: ``population_losses``) at most ``share`` of :func:`constant_guess_loss`: it learned
    something the class frequencies alone do not give."""
    return (run.diverged_at < 0) & (run.population_losses[-1] <= share * constant_guess_loss(y, classes))
