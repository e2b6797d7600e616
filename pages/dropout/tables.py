"""The tables and measured sentences of the dropout lab: the networks trained without and with dropout, what their
numbers say (overfitting, which rate helped, which underfits), and where Monte-Carlo dropout is unsure."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core.lessons.dropout import RatesRun
from pages.dropout.trainer import DataSet, Plane
from ui import tables
from ui.i18n import num, t

OVERFIT_RISE = 1.25  # the validation loss ended this many times above its lowest: the network overfitted
UNDERFIT_TRAIN_GAP = 0.05  # training accuracy this far below the best network's: the rate keeps it from fitting
UNDERFIT_VAL_GAP = 0.03  # ... and validation accuracy this far below the best
SAME_ACCURACY = 0.03  # validation accuracies within this of each other count as about the same
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


def underfits(run: RatesRun) -> np.ndarray:
    """Which networks a rate keeps from fitting (boolean ``(K,)``): training accuracy ``UNDERFIT_TRAIN_GAP`` below the
    best network's and validation accuracy ``UNDERFIT_VAL_GAP`` below the best network's, at the end."""
    train, val = run.train_accuracy[-1], run.val_accuracy[-1]
    return (run.drop_probs > 0) & (train <= train.max() - UNDERFIT_TRAIN_GAP) & (val <= val.max() - UNDERFIT_VAL_GAP)


def verdicts(run: RatesRun, names: list[str], size: int) -> list[tuple[str, str]]:
    """What the numbers say, as ``(kind, text)`` with ``kind`` one of ``st``'s ``success``, ``warning``, ``info``,
    ``markdown``: whether the network without dropout overfitted, which network ends lowest on the validation set,
    which rates did not help, which rates were too high, and whether accuracy tells the same story."""
    said: list[tuple[str, str]] = []
    final_val, final_train = run.val_loss[-1], run.train_loss[-1]
    lowest, at = run.val_loss[:, 0].min(), int(run.epochs[run.val_loss[:, 0].argmin()])
    if final_val[0] >= OVERFIT_RISE * lowest:
        said.append(("markdown", t("dropout.verdict.overfit", train=float(final_train[0]), lowest=float(lowest),
                                   epoch=at, final=float(final_val[0]), size=size)))
    else:
        said.append(("markdown", t("dropout.verdict.no_overfit", lowest=float(lowest), epoch=at,
                                   final=float(final_val[0]))))
    if len(names) == 1:
        return said
    best = int(np.argmin(final_val))
    if best == 0:
        said.append(("warning", t("dropout.verdict.none_helped", value=float(final_val[0]))))
    else:
        said.append(("success", t("dropout.verdict.best", name=names[best], value=float(final_val[best]),
                                  without=float(final_val[0]))))
    worse = [index for index in range(1, len(names)) if final_val[index] > final_val[0]]
    if worse and best != 0:
        said.append(("warning", t("dropout.verdict.worse", names=", ".join(names[index] for index in worse),
                                  without=float(final_val[0]))))
    too_high = np.flatnonzero(underfits(run))
    if too_high.size:
        index = int(too_high[0])
        said.append(("warning", t("dropout.verdict.underfit", name=names[index],
                                  train=float(run.train_accuracy[-1, index]), loss=float(final_train[index]),
                                  val=float(run.val_accuracy[-1, index]),
                                  best=float(run.val_accuracy[-1].max()))))
    else:
        said.append(("info", t("dropout.verdict.none_underfit", name=names[-1],
                               train=float(run.train_accuracy[-1, -1]))))
    accuracy = run.val_accuracy[-1]
    if accuracy.max() - accuracy.min() <= SAME_ACCURACY and final_val.max() >= 1.5 * final_val.min():
        said.append(("markdown", t("dropout.verdict.same_accuracy", low=float(accuracy.min()),
                                   high=float(accuracy.max()))))
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
    key = "dropout.mc.far_more" if summary.far > 1.2 * summary.near else "dropout.mc.far_not_more"
    return text + " " + t(key, far=summary.far, near=summary.near, distance=FAR)
