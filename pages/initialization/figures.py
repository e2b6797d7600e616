"""Figure builders of the initialization lab, as Plotly dictionaries (see ``ui.figures``).

Every builder takes data and the words of its chart (``InitLabels``, already in the page's language) and never looks
a text up itself. Each initializer has one colour on every chart (``SCHEME_COLORS``); uniform draws are dashed.
Values that float32 cannot hold (a deep stack reaches 1e-130 and 1e+70) go to the charts as float64 numbers, and
log axes are floored, so only finite, positive numbers reach them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from pages.initialization.compute import Bienayme
from pages.initialization.trainer import SymmetryRun, Training
from ui.figures import FinishedFigure, chart_axis, chart_layout, log_axis, log_range, typed
from ui.i18n import fill
from ui.palette import BLACK, BLUE, GREEN, ORANGE, PURPLE, SKY_BLUE, VERMILLION

SCHEME_COLORS = {
    "small_normal": BLACK,
    "unit_normal": VERMILLION,
    "standard_uniform": PURPLE,
    "lecun_normal": SKY_BLUE,
    "xavier_normal": ORANGE,
    "xavier_uniform": ORANGE,
    "he_normal": GREEN,
    "he_uniform": GREEN,
}
SCHEME_DASHES = {"xavier_uniform": "dash", "he_uniform": "dash", "standard_uniform": "dash"}
START_COLORS = {"zeros": BLACK, "constant": VERMILLION, "random": GREEN}
CLASS_COLORS = (BLUE, ORANGE)
# The probability of class 1 behind the points: light blue (class 0) through white to light orange (class 1).
PROBABILITY_SCALE = [[0.0, "#BFDCEF"], [0.5, "#FFFFFF"], [1.0, "#F7D9A6"]]
# Weights: blue negative, white 0, vermillion positive (Okabe-Ito ends, distinguishable with any colour vision).
WEIGHT_SCALE = [[0.0, BLUE], [0.5, "#FFFFFF"], [1.0, VERMILLION]]
SHARE_SCALE = [[0.0, "#FFFFFF"], [0.15, "#C6DBEF"], [0.5, "#4292C6"], [1.0, "#08306B"]]
LAYER_RAMP = ("#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C", "#08306B")  # first layer light, last dark
GLOROT_COLORS = {"forward": BLUE, "backward": VERMILLION}
GLOROT_FORMULAS = {"forward": "1/nᵢₙ", "backward": "1/nₒᵤₜ", "average": "2/(nᵢₙ + nₒᵤₜ)"}  # the chart's categories

MAX_HEATMAP_COLUMNS = 200


@dataclass(frozen=True)
class InitLabels:
    """The words of the initialization lab's charts. ``schemes`` maps an initializer to its name, ``starts`` a start
    of the symmetry trap to its title, ``glorot_choices`` a candidate variance to its name. Fields ending in
    ``_format`` are format strings: ``weight_row`` (fields ``input``, ``unit``), ``layer`` (``layer``),
    ``diverged`` (``epoch``)."""

    schemes: Mapping[str, str]
    starts: Mapping[str, str]
    glorot_choices: Mapping[str, str]
    step_axis: str
    weight_row_format: str
    weight: str
    classes: tuple[str, str]
    probability: str
    layer_axis: str
    forward_axis: str
    backward_axis: str
    forward_title: str
    backward_title: str
    measured: str
    theory: str
    value_axis: str
    share_axis: str
    layer_format: str
    pre_axis: str
    formula: str
    lesson_formula: str
    forward_gain: str
    backward_gain: str
    gain_axis: str
    epoch_axis: str
    loss_axis: str
    target: str
    diverged_format: str
    language: str


def _layout(height: int, **extra) -> dict:
    """This lab's charts keep a little less room above and below."""
    return chart_layout(height, margin={"l": 60, "r": 20, "t": 50, "b": 55}, **extra)


def _title(text: str) -> dict:
    return {"text": text, "font": {"size": 17}, "x": 0.0, "xanchor": "left", "y": 0.98, "yanchor": "top"}


def _precise(values) -> list[float]:
    """Numbers as float64 (4 significant digits): values beyond float32's range stay exact enough to draw."""
    return [float(f"{value:.4g}") for value in np.asarray(values, dtype=np.float64).ravel()]


def _floored(values: np.ndarray, decades: list[float]) -> np.ndarray:
    """Values below a log axis (zeros included) put on its lower edge, values above it on its upper edge."""
    return np.clip(np.nan_to_num(values, nan=0.0), 10.0 ** decades[0], 10.0 ** decades[1])


def _decades(arrays: Sequence[np.ndarray]) -> list[float]:
    values = np.concatenate([np.ravel(array) for array in arrays])
    finite = values[np.isfinite(values) & (values > 0)]
    finite = finite[(finite > 1e-300) & (finite < 1e300)]
    return log_range(finite if finite.size else np.array([1.0]), pad=0.3)


# ---------------------------------------------------------------- the symmetry trap


def shown_steps(steps: int) -> np.ndarray:
    """The steps drawn as heatmap columns: every step up to ``MAX_HEATMAP_COLUMNS``, else evenly spread, the last
    one always."""
    return np.unique(np.linspace(0, steps, min(steps + 1, MAX_HEATMAP_COLUMNS)).round().astype(int))


def weights_heatmap(run: SymmetryRun, weight_range: float, labels: InitLabels, title: str) -> FinishedFigure:
    """The first layer's weights over training: one row per weight (from x₁ to unit 1..n, then from x₂), one
    column per step. Equal units make equal rows within each block."""
    steps = shown_steps(run.hidden_weights.shape[0] - 1)
    weights = run.hidden_weights[steps]  # (columns, inputs, units)
    inputs, units = weights.shape[1:]
    rows = [fill(labels.weight_row_format, labels.language, input="₁₂"[i], unit=j + 1)
            for i in range(inputs) for j in range(units)]
    grid = weights.transpose(1, 2, 0).reshape(inputs * units, len(steps))
    limit = max(float(weight_range), 1e-12)
    data = [{
        "type": "heatmap", "x": typed(steps), "y": rows, "z": typed(np.clip(grid, -limit, limit)),
        "zmin": -limit, "zmax": limit, "colorscale": WEIGHT_SCALE,
        "colorbar": {"title": {"text": labels.weight, "font": {"size": 15}}, "thickness": 12, "len": 0.9,
                     "tickfont": {"size": 14}},
        "hovertemplate": "%{y}, " + labels.step_axis.lower() + " %{x}: %{z:.3~r}<extra></extra>",
        "xgap": 0, "ygap": 1,
    }]
    every = 1 if units <= 8 else 2
    layout = _layout(
        110 + 16 * inputs * units,
        title=_title(title),
        xaxis=chart_axis(labels.step_axis),
        yaxis=chart_axis(autorange="reversed", showgrid=False, type="category",
                    tickvals=[row for index, row in enumerate(rows) if index % units % every == 0]),
        shapes=[{"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": units - 0.5,
                 "y1": units - 0.5, "line": {"color": "#31333F", "width": 2}}],
    )
    layout["plot_bgcolor"] = "#D5DAE1"  # the gaps between rows, so that an all-zero (white) matrix still shows
    layout["margin"].update(t=40, r=10)
    return FinishedFigure({"data": data, "layout": layout})


def boundary_figure(x: np.ndarray, y: np.ndarray, run: SymmetryRun, labels: InitLabels, title: str) -> FinishedFigure:
    """The data, the network's probability of class 1 behind it and its decision boundary (the 1/2 level line)."""
    probability = np.clip(np.nan_to_num(run.probability, nan=0.5), 0.0, 1.0)
    data = [
        {"type": "heatmap", "x": typed(run.axis1), "y": typed(run.axis2), "z": typed(probability), "zmin": 0,
         "zmax": 1, "colorscale": PROBABILITY_SCALE, "showscale": False,
         "hovertemplate": labels.probability + " = %{z:.2f}<extra></extra>"},
    ]
    if probability.max() > 0.5 > probability.min():
        data.append({"type": "contour", "x": typed(run.axis1), "y": typed(run.axis2), "z": typed(probability),
                     "contours": {"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"},
                     "line": {"color": "#31333F", "width": 3}, "showscale": False, "hoverinfo": "skip",
                     "showlegend": False})
    for label in (0, 1):
        points = x[y == label]
        data.append({"type": "scatter", "mode": "markers", "x": typed(points[:, 0]), "y": typed(points[:, 1]),
                     "name": labels.classes[label], "hoverinfo": "skip",
                     "marker": {"color": CLASS_COLORS[label], "size": 6, "line": {"color": "white", "width": 0.8}}})
    (low1, high1), (low2, high2) = (float(run.axis1[0]), float(run.axis1[-1])), (float(run.axis2[0]),
                                                                                float(run.axis2[-1]))
    layout = _layout(
        360, title=_title(title), showlegend=False,
        xaxis=chart_axis("x₁", range=[low1, high1], showgrid=False, zeroline=False, constrain="domain"),
        yaxis=chart_axis("x₂", range=[low2, high2], showgrid=False, zeroline=False, scaleanchor="x", scaleratio=1,
                    constrain="domain"),
    )
    layout["margin"].update(t=40, r=10)
    return FinishedFigure({"data": data, "layout": layout})


# ---------------------------------------------------------------- one layer


def bienayme_figure(result: Bienayme, labels: InitLabels) -> FinishedFigure:
    """The measured distribution of z as bars, the normal density the formula predicts over it (as a share per
    bin), and the lesson's formula dashed when the inputs' mean makes it differ."""
    edges = result.edges
    centres = 0.5 * (edges[1:] + edges[:-1])
    width = float(edges[1] - edges[0])
    fine = np.linspace(float(edges[0]), float(edges[-1]), 241)
    data = [{"type": "bar", "x": typed(centres), "y": typed(100 * result.shares), "name": labels.measured,
             "marker": {"color": "#B8BFCA", "line": {"width": 0}},
             "hovertemplate": "z = %{x:.3~r}: %{y:.2~r}%<extra></extra>"}]
    curves = [(result.predicted, labels.formula, "solid")]
    if not math.isclose(result.lesson, result.predicted, rel_tol=1e-9):
        curves.append((result.lesson, labels.lesson_formula, "dash"))
    for variance, name, dash in curves:
        spread = math.sqrt(max(variance, 1e-300))
        density = np.exp(-0.5 * (fine / spread) ** 2) / (spread * math.sqrt(2 * math.pi)) * width
        data.append({"type": "scatter", "mode": "lines", "x": typed(fine), "y": typed(100 * density), "name": name,
                     "line": {"color": BLUE if dash == "solid" else VERMILLION, "width": 3, "dash": dash},
                     "hoverinfo": "skip"})
    layout = _layout(360, bargap=0.02, xaxis=chart_axis(labels.pre_axis),
                     yaxis=chart_axis(labels.share_axis, ticksuffix="%", rangemode="tozero"))
    return FinishedFigure({"data": data, "layout": layout})


# ---------------------------------------------------------------- the deep stack


def depth_figure(measured: Mapping[str, tuple[np.ndarray, np.ndarray]],
                 theory: Mapping[str, tuple[np.ndarray, np.ndarray]], labels: InitLabels) -> FinishedFigure:
    """Left: the std of every layer's activations; right: the RMS gradient reaching every layer; both against depth
    on log axes. ``measured`` and ``theory`` map a scheme to ``(forward, backward)``, each ``(depth,)``; the
    theory is dotted, and a theory line equal to one already drawn is left out."""
    depth = len(next(iter(measured.values()))[0])
    layers = list(range(1, depth + 1))
    forward_range = _decades([values[0] for values in (*measured.values(), *theory.values())])
    backward_range = _decades([values[1] for values in (*measured.values(), *theory.values())])
    data, drawn = [], []
    for name, (forward, backward) in measured.items():
        label, color = labels.schemes[name], SCHEME_COLORS[name]
        for axes, values, decades in (("", forward, forward_range), ("2", backward, backward_range)):
            data.append({
                "type": "scatter", "mode": "lines+markers" if depth <= 60 else "lines", "x": layers,
                "y": _precise(_floored(values, decades)), "xaxis": f"x{axes}", "yaxis": f"y{axes}",
                "name": label, "legendgroup": name, "showlegend": axes == "",
                "line": {"color": color, "width": 3, "dash": SCHEME_DASHES.get(name, "solid")},
                "marker": {"size": 5, "color": color},
                "hovertemplate": f"{label}: %{{y}}<extra>{labels.measured}</extra>",
            })
    for name, (forward, backward) in theory.items():
        if any(np.allclose(forward, other[0], rtol=1e-9) and np.allclose(backward, other[1], rtol=1e-9)
               for other in drawn):
            continue
        drawn.append((forward, backward))
        color = SCHEME_COLORS[name]
        for axes, values, decades in (("", forward, forward_range), ("2", backward, backward_range)):
            data.append({
                "type": "scatter", "mode": "lines", "x": layers, "y": _precise(_floored(values, decades)),
                "xaxis": f"x{axes}", "yaxis": f"y{axes}", "legendgroup": name, "showlegend": False,
                "line": {"color": color, "width": 2, "dash": "dot"}, "opacity": 0.9,
                "hovertemplate": f"{labels.schemes[name]}: %{{y}}<extra>{labels.theory}</extra>",
            })
    x_range = [0.5, depth + 0.5]
    layout = _layout(
        470,
        xaxis=chart_axis(labels.layer_axis, domain=[0.0, 0.43], range=x_range),
        yaxis=chart_axis(f"{labels.forward_title}: {labels.forward_axis}", **log_axis(forward_range)),
        xaxis2=chart_axis(labels.layer_axis, domain=[0.59, 1.0], range=x_range, anchor="y2"),
        yaxis2=chart_axis(f"{labels.backward_title}: {labels.backward_axis}", anchor="x2", **log_axis(backward_range)),
        hovermode="x unified",
    )
    return FinishedFigure({"data": data, "layout": layout})


def histogram_layers(depth: int, count: int = 5) -> list[int]:
    """The layers whose histograms are drawn as lines: the first, the last and evenly spread ones between."""
    return sorted({int(round(layer)) for layer in np.linspace(1, depth, min(depth, count))})


def histogram_lines_figure(edges: np.ndarray, shares: np.ndarray, layers: Sequence[int],
                           labels: InitLabels) -> FinishedFigure:
    """The distribution of the activations of a few layers, one line per layer (light = early, dark = deep), on
    the same value axis: as the figure of tanh layers in Glorot & Bengio (2010)."""
    centres = 0.5 * (edges[1:] + edges[:-1])
    ramp = LAYER_RAMP[-len(layers):] if len(layers) <= len(LAYER_RAMP) else LAYER_RAMP
    data = []
    for index, layer in enumerate(layers):
        name = fill(labels.layer_format, labels.language, layer=layer)
        data.append({"type": "scatter", "mode": "lines", "x": _precise(centres),
                     "y": typed(100 * shares[layer - 1]), "name": name,
                     "line": {"color": ramp[index % len(ramp)], "width": 3, "shape": "hvh"},
                     "hovertemplate": f"{name}: %{{y:.2~r}}%<extra></extra>"})
    shown = shares[[layer - 1 for layer in layers]]
    cap = spike_cap(shown)
    yaxis = chart_axis(labels.share_axis, ticksuffix="%", rangemode="tozero",
                       **({} if cap is None else {"range": [0.0, 115 * cap]}))
    layout = _layout(380, xaxis=chart_axis(labels.value_axis, exponentformat="power"), yaxis=yaxis,
                     hovermode="x unified")
    layout["margin"]["t"] = 60
    if cap is not None:  # the first bin's peak leaves the chart: its height is written at its top
        layout["annotations"] = [{"x": float(centres[0]), "y": 115 * cap, "xref": "x", "yref": "y",
                                  "text": f"▲ {100 * float(shown[:, 0].max()):.0f}%", "showarrow": False,
                                  "xanchor": "left", "yanchor": "top", "font": {"size": 14}}]
    return FinishedFigure({"data": data, "layout": layout})


SPIKE = 3.0  # a first bin this many times higher than every other bin is cut, so the rest of the shape shows


def spike_cap(shares: np.ndarray) -> float | None:
    """For distributions ``(layers, bins)`` whose first bin towers over the rest (ReLU's exact zeros: about half of
    all values), the largest share of the other bins, where the chart's scale ends; otherwise None."""
    rest = float(shares[:, 1:].max()) if shares.shape[1] > 1 else 0.0
    return rest if rest > 0 and float(shares[:, 0].max()) > SPIKE * rest else None


def histogram_heatmap(edges: np.ndarray, shares: np.ndarray, labels: InitLabels) -> FinishedFigure:
    """Every layer's distribution as a row (layer 1 at the top), darker where more of its values lie."""
    centres = 0.5 * (edges[1:] + edges[:-1])
    depth = shares.shape[0]
    data = [{
        "type": "heatmap", "x": _precise(centres), "y": list(range(1, depth + 1)), "z": typed(100 * shares),
        "zmin": 0, "colorscale": SHARE_SCALE,  # a towering first bin is drawn in the darkest colour, not the scale
        **({} if (cap := spike_cap(shares)) is None else {"zmax": 100 * cap}),
        "colorbar": {"title": {"text": labels.share_axis, "font": {"size": 14}}, "ticksuffix": "%", "thickness": 12,
                     "tickfont": {"size": 14}},
        "hovertemplate": labels.layer_axis + " %{y}, a = %{x:.3~r}: %{z:.2~r}%<extra></extra>",
    }]
    layout = _layout(380, xaxis=chart_axis(labels.value_axis, exponentformat="power", showgrid=False),
                     yaxis=chart_axis(labels.layer_axis, autorange="reversed", showgrid=False))
    layout["margin"].update(t=60, r=10)
    return FinishedFigure({"data": data, "layout": layout})


# ---------------------------------------------------------------- Glorot's compromise


def glorot_figure(choices: Sequence[str], forward_theory: np.ndarray, backward_theory: np.ndarray,
                  forward_measured: np.ndarray, backward_measured: np.ndarray, labels: InitLabels) -> FinishedFigure:
    """Per candidate variance (named by its formula; the table beside it names it in words), the forward and the
    backward gain as bars (the formula) with the measured value as a diamond on each; a dashed line at 1, where a
    signal keeps its variance. Log axis."""
    names = [GLOROT_FORMULAS[choice] for choice in choices]
    decades = _decades([forward_theory, backward_theory, forward_measured, backward_measured, np.array([1.0])])
    data = []
    for key, name, theory_values, measured_values in (
        ("forward", labels.forward_gain, forward_theory, forward_measured),
        ("backward", labels.backward_gain, backward_theory, backward_measured),
    ):
        color = GLOROT_COLORS[key]
        data.append({"type": "bar", "x": names, "y": _precise(_floored(theory_values, decades)), "name": name,
                     "offsetgroup": key, "marker": {"color": color, "opacity": 0.75},
                     "hovertemplate": f"{name}: %{{y}}<extra>{labels.theory}</extra>"})
        data.append({"type": "scatter", "mode": "markers", "x": names,
                     "y": _precise(_floored(measured_values, decades)), "name": f"{name}: {labels.measured}",
                     "offsetgroup": key, "showlegend": key == "forward", "legendgroup": "measured",
                     "marker": {"symbol": "diamond", "size": 13, "color": "white",
                                "line": {"color": "#31333F", "width": 2}},
                     "hovertemplate": f"{name}: %{{y}}<extra>{labels.measured}</extra>"})
    data[1]["name"] = labels.measured
    layout = _layout(
        400, barmode="group", scattermode="group", xaxis=chart_axis("Var(W)"), bargap=0.3,
        yaxis=chart_axis(labels.gain_axis, **log_axis([min(decades[0], -0.5), max(decades[1], 0.5) + 0.2])),
        shapes=[{"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": 1, "y1": 1,
                 "line": {"color": "#31333F", "width": 2, "dash": "dash"}}],
    )
    return FinishedFigure({"data": data, "layout": layout})


# ---------------------------------------------------------------- training


def training_figure(runs: Mapping[str, Training], target: float, labels: InitLabels) -> FinishedFigure:
    """The training loss per epoch from each initializer (log axis), a dotted line at the target loss, and a
    cross where a run diverged (its line stops there)."""
    curves = {name: run.train_loss[: run.diverged_at] if run.diverged_at >= 0 else run.train_loss
              for name, run in runs.items()}
    decades = _decades([*curves.values(), np.array([target])])
    data = []
    for name, losses in curves.items():
        run, label, color = runs[name], labels.schemes[name], SCHEME_COLORS[name]
        data.append({"type": "scatter", "mode": "lines+markers" if len(losses) <= 2 else "lines",
                     "x": list(range(len(losses))), "y": _precise(_floored(losses, decades)), "name": label,
                     "marker": {"size": 8, "color": color},
                     "line": {"color": color, "width": 3, "dash": SCHEME_DASHES.get(name, "solid")},
                     "hovertemplate": f"{label}: %{{y:.3~r}}<extra></extra>"})
        if run.diverged_at >= 0:
            data.append({"type": "scatter", "mode": "markers", "x": [run.diverged_at],
                         "y": _precise(_floored(np.array([10.0 ** decades[1]]), decades)), "showlegend": False,
                         "marker": {"symbol": "x", "size": 14, "color": color, "line": {"width": 1}},
                         "hovertemplate": fill(labels.diverged_format, labels.language, epoch=run.diverged_at)
                         + "<extra>" + label + "</extra>"})
    epochs = len(next(iter(runs.values())).train_loss) - 1
    layout = _layout(
        440, xaxis=chart_axis(labels.epoch_axis, range=[-0.3, epochs + 0.3]),
        yaxis=chart_axis(labels.loss_axis, **log_axis(decades)), hovermode="x unified",
        shapes=[{"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": target, "y1": target,
                 "line": {"color": "#31333F", "width": 1.5, "dash": "dot"}}],
        annotations=[{"xref": "paper", "yref": "y", "x": 1.0, "y": math.log10(target), "xanchor": "right",
                      "yanchor": "bottom", "showarrow": False, "font": {"size": 14}, "text": labels.target}],
    )
    layout["legend"]["y"] = 1.04
    layout["margin"]["t"] = 80
    return FinishedFigure({"data": data, "layout": layout})
