"""The tables and measured sentences of the dropout lab: the networks trained without and with dropout (one seed, and
the same comparison over ten), what the seeds say (overfitting, which rate helped, which underfits), and where
Monte-Carlo dropout is unsure."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core.lessons.dropout import RatesRun, SeedsRun
from pages.dropout.trainer import DataSet, Plane
from ui import tables
from ui.i18n import num, t

OVERFIT_RISE = 1.25  # the validation loss ended this many times above its lowest: the network overfitted
UNDERFIT_TRAIN_GAP = 0.05  # training accuracy this far below the best network's: the rate keeps it from fitting
UNDERFIT_VAL_GAP = 0.03  # ... and validation accuracy this far below the best
SAME_ACCURACY = 0.01  # a validation accuracy at most this far below another's counts as kept
HOLDS = 8  # of the 10 seeds: a rule the page states holds in at least this many
FAR = 0.5  # a point of the plane this far from every training point counts as far from the data


def show_results(run: RatesRun, names: list[str], colors: list[str]) -> None:
    """One row per network (named by both probabilities): the final losses and accuracies (eval mode), and the lowest
    validation loss with its epoch."""
    lowest = run.val_loss.min(axis=0)
    at = run.epochs[run.val_loss.argmin(axis=0)]
    tables.show([
        tables.Column(t("dropout.table.network"), names),
        tables.Column(t("dropout.table.train_loss"), run.train_loss[-1].tolist(), ".3f"),
        tables.Column(t("dropout.table.val_loss"), run.val_loss[-1].tolist(), ".3f"),
        tables.Column(t("dropout.table.lowest"), [f"{num(value, 3)} ({int(epoch)})" for value, epoch in
                                                  zip(lowest, at, strict=True)], help=t("dropout.table.lowest_help")),
        tables.Column(t("dropout.table.train_accuracy"), run.train_accuracy[-1].tolist(), ".0%"),
        tables.Column(t("dropout.table.val_accuracy"), run.val_accuracy[-1].tolist(), ".0%"),
    ], colors)


@dataclass(frozen=True)
class Counts:
    """In how many of the ``seeds`` each network (``(R,)``, index 0 without dropout) does what the page says:
    ``overfits``: its validation loss ended ``OVERFIT_RISE`` times above its lowest or more; ``lower``: it ended below
    the network without dropout on the validation set; ``accurate``: its validation accuracy ended at most
    ``SAME_ACCURACY`` below that network's; ``underfits``: its training accuracy is ``UNDERFIT_TRAIN_GAP`` and its
    validation accuracy ``UNDERFIT_VAL_GAP`` below the best network's of that seed; ``lowest``: it ended with the
    lowest validation loss of all."""

    seeds: int
    overfits: np.ndarray
    lower: np.ndarray
    accurate: np.ndarray
    underfits: np.ndarray
    lowest: np.ndarray


def counts(run: SeedsRun) -> Counts:
    final, accuracy, train = run.val_loss[-1], run.val_accuracy[-1], run.train_accuracy[-1]
    underfit = ((train <= train.max(axis=1, keepdims=True) - UNDERFIT_TRAIN_GAP)
                & (accuracy <= accuracy.max(axis=1, keepdims=True) - UNDERFIT_VAL_GAP))
    underfit[:, 0] = False
    return Counts(
        seeds=len(run.seeds),
        overfits=(final >= OVERFIT_RISE * run.val_loss.min(axis=0)).sum(axis=0),
        lower=(final < final[:, :1]).sum(axis=0),
        accurate=(accuracy >= accuracy[:, :1] - SAME_ACCURACY).sum(axis=0),
        underfits=underfit.sum(axis=0),
        lowest=np.bincount(final.argmin(axis=1), minlength=final.shape[1]),
    )


def most_often_lowest(run: SeedsRun) -> int:
    """The network that most often ends with the lowest validation loss (the first of a tie)."""
    return int(np.argmax(counts(run).lowest))


def _median(values: np.ndarray) -> float:
    return float(np.median(values))


def show_over_seeds(run: SeedsRun, names: list[str], colors: list[str]) -> None:
    """One row per network: over the seeds, the median (and range) of the final validation loss and accuracy, the
    median lowest validation loss and training accuracy, and in how many seeds it ended below no dropout."""
    final, accuracy = run.val_loss[-1], run.val_accuracy[-1]
    found = counts(run)

    def spread(values: np.ndarray, write) -> list[str]:
        return [f"{write(np.median(column))} ({write(column.min())}–{write(column.max())})" for column in values.T]

    tables.show([
        tables.Column(t("dropout.table.network"), names),
        tables.Column(t("dropout.seeds.val_loss"), spread(final, lambda value: num(value, 3))),
        tables.Column(t("dropout.seeds.lowest"), [num(value, 3) for value in np.median(run.val_loss.min(axis=0),
                                                                                        axis=0)],
                      help=t("dropout.table.lowest_help")),
        tables.Column(t("dropout.seeds.val_accuracy"), spread(accuracy, lambda value: f"{value:.0%}")),
        tables.Column(t("dropout.seeds.train_accuracy"), np.median(run.train_accuracy[-1], axis=0).tolist(), ".0%"),
        tables.Column(t("dropout.seeds.lower"), [tables.MISSING] + [t("dropout.seeds.of", k=int(k), n=found.seeds)
                                                                    for k in found.lower[1:]]),
    ], colors)


def verdicts(run: SeedsRun, names: list[str], size: int) -> list[tuple[str, str]]:
    """What the seeds say, as ``(kind, text)`` with ``kind`` one of ``st``'s ``success``, ``warning``, ``info``,
    ``markdown``: whether the network without dropout overfits, what each rate does, and whether the lowest final
    validation loss belongs to a network that underfits. A sentence states a rule only where it holds in ``HOLDS``
    of the seeds or more, and always says in how many."""
    found, n = counts(run), len(run.seeds)
    final, lowest = run.val_loss[-1], run.val_loss.min(axis=0)
    said: list[tuple[str, str]] = []
    k = int(found.overfits[0])
    kind = "overfit" if k >= HOLDS else "no_overfit" if k <= n - HOLDS else "some_overfit"
    epoch = int(np.median(run.epochs[run.val_loss[:, :, 0].argmin(axis=0)]))
    said.append(("markdown", t(f"dropout.verdict.{kind}", k=k, n=n, lowest=_median(lowest[:, 0]), epoch=epoch,
                               final=_median(final[:, 0]), size=size)))
    train = np.median(run.train_accuracy[-1], axis=0)
    for index in range(1, len(names)):
        values = dict(name=names[index], n=n, value=_median(final[:, index]), without=_median(final[:, 0]))
        if found.underfits[index] >= HOLDS:
            said.append(("warning", t("dropout.verdict.underfit", k=int(found.underfits[index]),
                                      train=float(train[index]), best=float(train.max()), **values)))
        elif found.lower[index] >= HOLDS:
            said.append(("success", t("dropout.verdict.helped", k=int(found.lower[index]),
                                      accurate=int(found.accurate[index]), **values)))
        elif found.lower[index] <= n - HOLDS:
            said.append(("warning", t("dropout.verdict.not_helped", k=n - int(found.lower[index]), **values)))
        else:
            said.append(("info", t("dropout.verdict.mixed", k=int(found.lower[index]), **values)))
    top = int(np.argmax(found.lowest))
    if top > 0 and found.underfits[top] >= HOLDS:
        accuracy = np.median(run.val_accuracy[-1], axis=0)
        said.append(("warning", t("dropout.verdict.lowest_not_best", name=names[top], k=int(found.lowest[top]), n=n,
                                  accuracy=float(accuracy[top]), best=float(accuracy.max()))))
    return said


@dataclass(frozen=True)
class McSummary:
    """Where the thinned networks disagree: the largest spread over the plane and the mean spread where the mean
    probability is unsure (between 0.3 and 0.7), sure (below 0.1 or above 0.9), and far from every training point
    (``FAR`` or more away); ``gap``: the largest difference between the mean of the passes and the eval-mode pass."""

    largest: float
    unsure: float
    sure: float
    far: float
    near: float
    gap: float


def _mean_or_zero(values: np.ndarray) -> float:
    return float(values.mean()) if values.size else 0.0


def mc_summary(plane: Plane, points: DataSet) -> McSummary:
    mean, spread = plane.mean.ravel(), plane.std.ravel()
    mesh1, mesh2 = np.meshgrid(plane.axis1, plane.axis2)
    grid = np.column_stack([mesh1.ravel(), mesh2.ravel()])
    nearest = np.sqrt(((grid[:, None, :] - points.x[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
    far = nearest >= FAR
    return McSummary(
        largest=float(spread.max()),
        unsure=_mean_or_zero(spread[(mean > 0.3) & (mean < 0.7)]),
        sure=_mean_or_zero(spread[(mean < 0.1) | (mean > 0.9)]),
        far=_mean_or_zero(spread[far]),
        near=_mean_or_zero(spread[~far]),
        gap=float(np.max(np.abs(plane.mean - plane.eval))),
    )


def mc_verdict(summary: McSummary) -> str:
    """Where the spread is large, and whether it grows away from the data (a ReLU network's need not)."""
    text = t("dropout.mc.verdict", unsure=summary.unsure, sure=summary.sure, gap=summary.gap)
    return text + " " + t("dropout.mc.far_near", far=summary.far, near=summary.near, distance=FAR)
