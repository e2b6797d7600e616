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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dl_core import layers


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
