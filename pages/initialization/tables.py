"""The tables of the initialization lab: the deep stack per initializer, Glorot's three candidates, and the training
runs. Every number is computed in ``compute`` and handed in; these functions only choose what to show."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import streamlit as st

from dl_core.lessons import variance
from pages.initialization.figures import SCHEME_COLORS
from pages.initialization.trainer import Training
from ui import tables
from ui.i18n import language, num, t

MISSING = "—"


def show(columns: Sequence[tables.Column], colors: Sequence[str] | None = None) -> None:
    """``ui.tables.show`` in a box that scrolls sideways: on a phone a wide table scrolls by itself instead of
    widening the whole page."""
    html = tables.table_html(columns, colors, language())
    st.markdown(f'<div style="overflow-x: auto">{html}</div>', unsafe_allow_html=True)


def gain_per_layer(second: np.ndarray) -> float:
    r"""The factor by which one layer multiplies the activations' second moment, as the geometric mean over the
    stack: :math:`(\mathbb E[a_L^2]/\mathbb E[a_1^2])^{1/(L-1)}`; NaN for a single layer or a zero moment."""
    if second.size < 2 or not (second[0] > 0 and second[-1] > 0):
        return math.nan
    return float(math.exp((math.log(second[-1]) - math.log(second[0])) / (second.size - 1)))


def stack_table(names: Sequence[str], stats: variance.StackStatistics, theory: variance.Theory,
                labels: Mapping[str, str]) -> tuple[list[tables.Column], list[str]]:
    """Per initializer: n·Var(W), the activations' std in the first and the last layer (measured, then the theory),
    the gain per layer and the gradient reaching layer 1; with each row's colour."""
    rows = [stats.names.index(name) for name in names]
    depth = stats.post_std.shape[1]

    def measured_and_theory(measured: np.ndarray, predicted: np.ndarray) -> list[str]:
        return [f"{num(float(measured[row]))} / {num(float(predicted[row]))}" for row in rows]

    columns = [
        tables.Column(t("initialization.table.scheme"), [labels[name] for name in names]),
        tables.Column("n·Var(W)", [float(theory.gain[row]) for row in rows], num,
                      help=t("initialization.table.gain_help")),
        tables.Column(t("initialization.table.first"), measured_and_theory(stats.post_std[:, 0],
                                                                           theory.post_std[:, 0]),
                      help=t("initialization.table.pair_help")),
        tables.Column(t("initialization.table.last", depth=depth), measured_and_theory(stats.post_std[:, -1],
                                                                                       theory.post_std[:, -1]),
                      help=t("initialization.table.pair_help")),
        tables.Column(t("initialization.table.per_layer"),
                      [f"{_factor(gain_per_layer(stats.post_second[row]))} / "
                       f"{_factor(gain_per_layer(theory.post_second[row]))}" for row in rows],
                      help=t("initialization.table.per_layer_help")),
        tables.Column(t("initialization.table.grad"), measured_and_theory(stats.grad_rms[:, 0],
                                                                          theory.grad_rms[:, 0]),
                      help=t("initialization.table.grad_help")),
    ]
    return columns, [SCHEME_COLORS[name] for name in names]


def _factor(value: float) -> str:
    return MISSING if not math.isfinite(value) else num(value, 3)


def glorot_table(gains: variance.LayerGains, fan_in: int, fan_out: int,
                 labels: Mapping[str, str]) -> list[tables.Column]:
    """Per candidate: Var(W), then the forward and the backward gain, each as formula / measured."""
    choices = variance.GLOROT_CHOICES
    return [
        tables.Column(t("initialization.glorot.candidate"), [labels[choice] for choice in choices]),
        tables.Column("Var(W)", list(gains.weight_variance), num),
        tables.Column(t("initialization.glorot.forward_column", fan_in=fan_in),
                      [f"{num(float(a))} / {num(float(b))}" for a, b in zip(gains.forward_theory, gains.forward,
                                                                            strict=True)],
                      help=t("initialization.glorot.forward_help")),
        tables.Column(t("initialization.glorot.backward_column", fan_out=fan_out),
                      [f"{num(float(a))} / {num(float(b))}" for a, b in zip(gains.backward_theory, gains.backward,
                                                                            strict=True)],
                      help=t("initialization.glorot.backward_help")),
    ]


def training_table(runs: Mapping[str, Training], labels: Mapping[str, str]) -> tuple[list[tables.Column], list[str]]:
    """Per initializer: the loss before and after training, the validation accuracy and the first epoch with the
    training loss below the target (or whether it diverged)."""
    names = list(runs)

    def reached(run: Training) -> str:
        if run.reached_at >= 0:
            return str(run.reached_at)
        return t("initialization.train.diverged_cell", epoch=run.diverged_at) if run.diverged_at >= 0 else MISSING

    def last(values: np.ndarray, run: Training) -> float:
        return float(values[run.diverged_at - 1 if run.diverged_at >= 0 else -1])

    columns = [
        tables.Column(t("initialization.table.scheme"), [labels[name] for name in names]),
        tables.Column(t("initialization.train.start_loss"), [float(runs[name].train_loss[0]) for name in names],
                      num),
        tables.Column(t("initialization.train.end_loss"), [last(runs[name].train_loss, runs[name]) for name in names],
                      num),
        tables.Column(t("initialization.train.accuracy"),
                      [f"{100 * last(runs[name].val_accuracy, runs[name]):.0f}%" for name in names]),
        tables.Column(t("initialization.train.reached"), [reached(runs[name]) for name in names],
                      help=t("initialization.train.reached_help")),
    ]
    return columns, [SCHEME_COLORS[name] for name in names]


def seeds_table(repeats: Mapping[int, Mapping[str, Training]],
                labels: Mapping[str, str]) -> tuple[list[tables.Column], list[str]]:
    """Per initializer, over the seeds of ``repeats`` ({seed: {initializer: run}}): in how many runs the training loss
    went below the target, the median epoch it did so in those runs, and how many runs diverged."""
    names = list(next(iter(repeats.values())))
    runs = {name: [repeats[seed][name] for seed in repeats] for name in names}

    def median_epoch(name: str) -> str:
        epochs = [run.reached_at for run in runs[name] if run.reached_at >= 0]
        return num(float(np.median(epochs)), 3) if epochs else MISSING

    return [
        tables.Column(t("initialization.table.scheme"), [labels[name] for name in names]),
        tables.Column(t("initialization.train.reached_count"),
                      [f"{sum(run.reached_at >= 0 for run in runs[name])} / {len(repeats)}" for name in names]),
        tables.Column(t("initialization.train.median_epoch"), [median_epoch(name) for name in names]),
        tables.Column(t("initialization.train.diverged_count"),
                      [f"{sum(run.diverged_at >= 0 for run in runs[name])} / {len(repeats)}" for name in names]),
    ], [SCHEME_COLORS[name] for name in names]


HOLDS = 8  # of the 10 seeds: a statement the page makes holds in at least this many


def seed_verdicts(repeats: Mapping[int, Mapping[str, Training]], labels: Mapping[str, str], target: float,
                  epochs: int) -> list[str]:
    """What holds over the seeds of ``repeats``: which initializers get the training loss below ``target`` in at
    least ``HOLDS`` of them, which stay above in as many, which sometimes do, which diverged, and whether one is
    first in at least ``HOLDS`` seeds; each with its count."""
    n = len(repeats)
    names = list(next(iter(repeats.values())))
    reached = {name: sum(repeats[seed][name].reached_at >= 0 for seed in repeats) for name in names}
    diverged = {name: sum(repeats[seed][name].diverged_at >= 0 for seed in repeats) for name in names}

    def listed(chosen: list[str], counts: Mapping[str, int]) -> str:
        return ", ".join(t("initialization.train.count", scheme=labels[name], k=counts[name], n=n) for name in chosen)

    said = []
    groups = {"reach": [name for name in names if reached[name] >= HOLDS],
              "never": [name for name in names if reached[name] <= n - HOLDS and not diverged[name]],
              "sometimes": [name for name in names if n - HOLDS < reached[name] < HOLDS]}
    stayed = {name: n - reached[name] for name in names}
    for kind, chosen in groups.items():
        if chosen:
            said.append(t(f"initialization.train.verdict_{kind}", target=target, epochs=epochs,
                          schemes=listed(chosen, stayed if kind == "never" else reached)))
    if any(diverged.values()):
        said.append(t("initialization.train.verdict_diverged",
                      schemes=listed([name for name in names if diverged[name]], diverged)))
    firsts = [min(((run.reached_at, names.index(name), name) for name, run in repeats[seed].items()
                   if run.reached_at >= 0), default=None) for seed in repeats]
    counted = {name: sum(first is not None and first[2] == name for first in firsts) for name in names}
    leader = max(names, key=lambda name: counted[name])
    if counted[leader] >= HOLDS:
        said.append(t("initialization.train.verdict_first", scheme=labels[leader], k=counted[leader], n=n,
                      target=target))
    elif sum(counted.values()) > 0:
        said.append(t("initialization.train.verdict_first_varies", target=target,
                      schemes=listed([name for name in names if counted[name]], counted)))
    return said
