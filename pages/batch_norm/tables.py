"""The tables and measured sentences of the batch-norm lab: each unit of the layer before and after batch norm,
one batch in train and in eval mode, and which learning rates trained."""

from __future__ import annotations

import numpy as np
import streamlit as st

from pages.batch_norm.compute import LayerBatch, TrainEval
from pages.batch_norm.trainer import HOLDS, Sweep
from ui import tables
from ui.i18n import num, t

SHOWN_SAMPLES = 8  # rows of the train-versus-eval table


def exact(value: float) -> float:
    """A mean that rounding left at 1e-16 is shown as the 0 it is; anything larger as it is."""
    return 0.0 if abs(value) < 1e-12 else value


def pair(mean: float, variance: float, digits: int = 3) -> str:
    """``mean / variance``, each with ``digits`` significant digits (a mean rounding left at 1e-16 shown as 0)."""
    return f"{num(exact(mean))} / {num(variance, digits)}"


def show_layer(layer: LayerBatch, undo: bool) -> None:
    """Per unit: mean / variance (biased, over the batch) of z, of ẑ and of y; with ``undo``, also each unit's γ / β
    (otherwise every unit has the γ and β of the sliders)."""
    units = layer.z.shape[1]
    columns = [
        tables.Column(t("batch_norm.table.unit"), list(range(1, units + 1))),
        tables.Column("z", [pair(m, v) for m, v in zip(layer.z.mean(axis=0), layer.z.var(axis=0), strict=True)]),
        tables.Column("ẑ", [pair(m, v, 6) for m, v in zip(layer.z_hat.mean(axis=0), layer.z_hat.var(axis=0),
                                                           strict=True)], help=t("batch_norm.table.hat_help")),
        tables.Column("y", [pair(m, v) for m, v in zip(layer.y.mean(axis=0), layer.y.var(axis=0), strict=True)]),
    ]
    if undo:
        columns.append(tables.Column("γ / β", [f"{num(g)} / {num(b)}" for g, b in zip(layer.gamma, layer.beta,
                                                                                    strict=True)]))
    tables.show(columns)
    st.caption(t("batch_norm.table.layer_caption"))


def show_batch(result: TrainEval) -> None:
    """The first samples of one batch: each value, its train-mode output (a dash for a batch of one) and its
    eval-mode output."""
    shown = min(len(result.batch), SHOWN_SAMPLES)
    train = result.batch_train[:shown] if result.batch_train is not None else [float("nan")] * shown
    tables.show([
        tables.Column(t("batch_norm.table.sample"), ["x₀", *(f"x{index}".translate(SUBSCRIPTS)
                                                           for index in range(1, shown))]),
        tables.Column("z", result.batch[:shown], num),
        tables.Column(t("batch_norm.table.train"), train, num),
        tables.Column(t("batch_norm.table.eval"), result.batch_eval[:shown], num),
    ])
    if len(result.batch) > shown:
        st.caption(t("batch_norm.table.more", shown=shown, total=len(result.batch)))


SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def rate_range(lrs: np.ndarray, trained: np.ndarray) -> str:
    """The learning rates that trained, as ``0.01–3`` (lowest to highest), or an empty string."""
    if not trained.any():
        return ""
    chosen = lrs[trained]
    return f"{num(float(chosen.min()), 3)}–{num(float(chosen.max()), 3)}"


def sweep_summary(sweeps: dict[bool, Sweep]) -> str:
    """One sentence per network: at how many of the rates it trained in at least ``HOLDS`` of the seeds, and from
    which to which; then what batch norm changed."""
    total = len(sweeps[False].lrs)
    seeds = len(sweeps[False].losses)
    parts = []
    for batch_norm in (False, True):
        found = sweeps[batch_norm]
        count = int(found.trains.sum())
        name = t("batch_norm.sweep.with" if batch_norm else "batch_norm.sweep.without")
        if count:
            parts.append(t("batch_norm.sweep.trained", name=name, count=count, total=total, holds=HOLDS, n=seeds,
                           range=rate_range(found.lrs, found.trains)))
        else:
            parts.append(t("batch_norm.sweep.none", name=name, total=total, holds=HOLDS, n=seeds))
    return " ".join(parts) + " " + t(f"batch_norm.sweep.{verdict(sweeps)}")


def verdict(sweeps: dict[bool, Sweep]) -> str:
    """Judged on the rates that train in at least ``HOLDS`` seeds: ``only_with``: no rate trains without batch norm,
    some do with it; ``higher``: batch norm trains at a higher rate than any without it (the paper's claim);
    ``wider``: at more rates, but not higher ones; ``not_wider``: neither."""
    plain, normed = sweeps[False].trains, sweeps[True].trains
    lrs = sweeps[False].lrs
    if normed.any() and not plain.any():
        return "only_with"
    if normed.any() and lrs[normed].max() > lrs[plain].max():
        return "higher"
    return "wider" if normed.sum() > plain.sum() else "not_wider"


VERDICTS = ("only_with", "higher", "wider", "not_wider")
