"""Figure builders of the activations lab, as Plotly dictionaries (see ``ui.figures``).

Every builder takes the activations to draw as ``{name: data}`` in the order chosen and the words of the
chart (``ActivationLabels``, already in the page's language), and draws each activation in its colour from
``ui.palette.ACTIVATION_COLORS``. Fonts are large enough
for a projector. Only finite numbers reach a chart: values on a log axis are floored first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from pages.activations.compute import Cost, Curves, GradientProfile
from ui.figures import FinishedFigure, legend_above, log_axis, typed
from ui.i18n import fill
from ui.numbers import number
from ui.palette import ACTIVATION_COLORS

FONT = {"size": 16}
TITLE_FONT = {"size": 17, "color": "#31333F"}
TICK_FONT = {"size": 15, "color": "#31333F"}
# ReLU, Leaky ReLU and ELU coincide for x > 0: dashes keep all three visible where they overlap.
DASHES = {"leaky_relu": "dash", "elu": "dot"}
LEGEND = legend_above(1.0, font={"size": 16})
GRID = "#E6E9EF"


@dataclass(frozen=True)
class ActivationLabels:
    """The words of the activations lab's charts. ``names`` maps an activation to its name; the fields ending in
    ``_format`` are format strings: ``lanes`` (field ``percent``), ``mean`` (``mean``), ``cost_bar`` (``ns``),
    ``cost_hover`` (``ns``, ``runs``)."""

    names: Mapping[str, str]
    lanes_format: str
    layer_axis: str
    size_axis: str
    off_centre_axis: str
    shift_axis: str
    share_axis: str
    dead_grad_axis: str
    mean_format: str
    cost_bar_format: str
    cost_hover_format: str
    cost_axis: str
    language: str  # the language numbers and plural forms are written in


def _axis(title: str = "", **extra) -> dict:
    return {"title": {"text": title, "font": TITLE_FONT}, "tickfont": TICK_FONT, "gridcolor": GRID,
            "zerolinecolor": "#B8BFCA", "automargin": True, **extra}


def _log_axis(title: str, log_range: list[float], **extra) -> dict:
    """A log axis of this lab's look, labelled at whole decades (see ``ui.figures.log_axis``)."""
    return _axis(title, **log_axis(log_range, **extra))


def _layout(height: int, **extra) -> dict:
    return {"height": height, "font": FONT, "legend": LEGEND, "margin": {"l": 70, "r": 20, "t": 60, "b": 60},
            "plot_bgcolor": "white", "hoverlabel": {"font": {"size": 15}}, **extra}


def _line(x, y, name: str, label: str, axes: str = "", precise: bool = False, **extra) -> dict:
    """A curve in the activation's colour and dash. ``precise`` sends float64 numbers instead of float32
    binary, for values float32 cannot hold (beyond 1e±38)."""
    def encode(values):
        return [float(value) for value in values] if precise else typed(values)

    return {
        "type": "scatter", "mode": "lines", "x": encode(x), "y": encode(y), "xaxis": f"x{axes}", "yaxis": f"y{axes}",
        "name": label, "legendgroup": name, "line": _stroke(name), **extra,
    }


def _stroke(name: str) -> dict:
    return {"color": ACTIVATION_COLORS[name], "width": 3, "dash": DASHES.get(name, "solid")}


def _log_range(values: np.ndarray, lowest: int = -300) -> list[float]:
    """A log axis range, in decades, around the positive ``values`` (at least two decades, not below ``lowest``)."""
    positive = values[values > 0]
    low = max(math.floor(math.log10(positive.min())), lowest) if positive.size else -1
    high = math.ceil(math.log10(positive.max())) if positive.size else 1
    low, high = (low - 1, high + 1) if high - low < 2 else (low, high)
    return [low - 0.2, high + 0.2]


def _floored(values: np.ndarray, log_range: list[float]) -> np.ndarray:
    """Values below a log axis (zeros included) placed on its lower edge."""
    return np.maximum(values, 10.0 ** log_range[0])


def curves_figure(curves: dict[str, Curves], labels: ActivationLabels, threshold: float) -> FinishedFigure:
    """f(x) on top, f'(x) below it on the same x, and a lane per activation marking where it saturates.

    The saturated stretches are shaded twice: as a broad translucent band over the curve f(x), and
    as a bar in the activation's lane at the bottom.
    """
    lanes = len(curves)
    lane_px, top_px, middle_px, gap_px = 30, 300, 230, 52  # the gaps hold two lines: the lanes' title
    plot_px = top_px + middle_px + lanes * lane_px + 2 * gap_px
    lane_top = lanes * lane_px / plot_px
    middle_bottom = lane_top + gap_px / plot_px
    top_bottom = middle_bottom + (middle_px + gap_px) / plot_px
    data, shapes = [], []
    for lane, (name, curve) in enumerate(curves.items()):
        label, color = labels.names[name], ACTIVATION_COLORS[name]
        for x, y in curve.saturated_pieces:
            data.append(_line(x, y, name, label, showlegend=False, hoverinfo="skip", opacity=0.3,
                              line={"color": color, "width": 14}))
        data.append(_line(curve.x, curve.values, name, label,
                          hovertemplate=f"{label}: %{{y:.4~r}}<extra></extra>"))
        data.append(_line(curve.x, curve.derivatives, name, label, axes="2", showlegend=False,
                          hovertemplate=f"{label}: %{{y:.4~r}}<extra></extra>"))
        shapes.extend(
            {"type": "rect", "xref": "x3", "yref": "y3", "x0": low, "x1": high, "y0": lane - 0.36,
             "y1": lane + 0.36, "fillcolor": color, "opacity": 0.75, "line": {"width": 0}}
            for low, high in curve.saturated
        )
    first = next(iter(curves.values()))
    x_range = [float(first.x[0]), float(first.x[-1])]
    shared_x = {"range": x_range, "showticklabels": False, "matches": "x3"}
    layout = _layout(
        plot_px + 140,
        xaxis=_axis(**shared_x, anchor="y"),
        yaxis=_axis("f(x)", domain=[top_bottom, 1.0], anchor="x"),
        xaxis2=_axis(**shared_x, anchor="y2"),
        yaxis2=_axis("f′(x)", domain=[middle_bottom, top_bottom - gap_px / plot_px], anchor="x2"),
        xaxis3=_axis("x", range=x_range, anchor="y3"),
        yaxis3=_axis(domain=[0.0, lane_top], anchor="x3", range=[lanes - 0.5, -0.5], tickvals=list(range(lanes)),
                     ticktext=[labels.names[name] for name in curves], showgrid=False, zeroline=False, fixedrange=True),
        shapes=shapes,
        hovermode="x unified",
        annotations=[{
            "xref": "paper", "yref": "paper", "x": 0.0, "y": lane_top, "xanchor": "left", "yanchor": "bottom",
            "showarrow": False, "font": {"size": 15}, "align": "left",
            "text": fill(labels.lanes_format, labels.language, percent=f"{threshold:.0%}"),
        }],
    )
    layout["margin"]["b"] = 50
    return FinishedFigure({"data": data, "layout": layout})


def gradient_figure(profiles: dict[str, GradientProfile], labels: ActivationLabels) -> FinishedFigure:
    """Left: the RMS gradient reaching each layer, log axis. Right: how far each layer's output is off-centre.

    Gradients can lie far outside float32 (1e-80 or 1e50 are possible here), so they go to the
    chart as float64 numbers; at most 50 per function.
    """
    depth = len(next(iter(profiles.values())).sizes)
    layers = list(range(1, depth + 1))
    log_range = _log_range(np.concatenate([profile.sizes for profile in profiles.values()]))
    data = []
    for name, profile in profiles.items():
        label = labels.names[name]
        data.append(_line(layers, _floored(profile.sizes, log_range), name, label, precise=True,
                          mode="lines+markers", marker={"size": 6},
                          hovertemplate=f"{label}: %{{y}}<extra></extra>"))
        data.append(_line(layers, profile.off_centre, name, label, axes="2", mode="lines+markers",
                          marker={"size": 6}, showlegend=False,
                          hovertemplate=f"{label}: %{{y:.2f}}<extra></extra>"))
    x_range = [0.5, depth + 0.5]
    layout = _layout(
        480,
        xaxis=_axis(labels.layer_axis, domain=[0.0, 0.58], range=x_range),
        yaxis=_log_axis(labels.size_axis, log_range),
        xaxis2=_axis(labels.layer_axis, domain=[0.7, 1.0], range=x_range, anchor="y2"),
        yaxis2=_axis(labels.off_centre_axis, range=[-1.05, 1.05], anchor="x2"),
        hovermode="x unified",
    )
    return FinishedFigure({"data": data, "layout": layout})


def dead_units_figure(dead: dict, labels: ActivationLabels, shift: float) -> FinishedFigure:
    """Left: the share of units that never fire over the batch, against the bias shift. Right: the mean
    |f'| a unit passes back, log axis. A dashed line marks the shift chosen."""
    # float32 reaches down to 1e-38: keep the axis above that, well clear of it.
    log_range = _log_range(np.concatenate([units.mean_grad for units in dead.values()]), lowest=-30)
    data = []
    for name, units in dead.items():
        label = labels.names[name]
        data.append(_line(units.shifts, 100 * units.dead_share, name, label, mode="lines+markers",
                          marker={"size": 5}, hovertemplate=f"{label}: %{{y:.0f}}%<extra></extra>"))
        data.append(_line(units.shifts, _floored(units.mean_grad, log_range), name, label, axes="2", showlegend=False,
                          hovertemplate=f"{label}: %{{y}}<extra></extra>"))
    marker = {"type": "line", "x0": shift, "x1": shift, "y0": 0, "y1": 1, "line": {"dash": "dash", "width": 2}}
    layout = _layout(
        460,
        xaxis=_axis(labels.shift_axis, domain=[0.0, 0.45]),
        yaxis=_axis(labels.share_axis, range=[-3, 103], ticksuffix="%"),
        xaxis2=_axis(labels.shift_axis, domain=[0.58, 1.0], anchor="y2"),
        yaxis2=_log_axis(labels.dead_grad_axis, log_range, anchor="x2"),
        shapes=[{**marker, "xref": "x", "yref": "y domain"}, {**marker, "xref": "x2", "yref": "y2 domain"}],
        hovermode="x unified",
    )
    return FinishedFigure({"data": data, "layout": layout})


def histograms_figure(histograms: dict, labels: ActivationLabels, columns: int = 4) -> FinishedFigure:
    """One panel per activation, ``columns`` to a row: the distribution of its output as bars, the mean as a solid
    line and zero as a dotted one."""
    count = len(histograms)
    columns = min(columns, count)
    rows = math.ceil(count / columns)
    gap_x, gap_y = (0.06 if columns > 2 else 0.14), 0.16  # two columns are a phone's: room for the tick labels
    width, height = (1 - gap_x * (columns - 1)) / columns, (1 - gap_y * (rows - 1)) / rows
    data, shapes, annotations, layout = [], [], [], _layout(300 * rows + 80, showlegend=False, bargap=0.05)
    for index, (name, histogram) in enumerate(histograms.items()):
        axes = "" if index == 0 else str(index + 1)
        row, column = divmod(index, columns)
        left, top = column * (width + gap_x), 1 - row * (height + gap_y)
        centres = 0.5 * (histogram.edges[1:] + histogram.edges[:-1])
        data.append({
            "type": "bar", "x": typed(centres), "y": typed(100 * histogram.probabilities), "xaxis": f"x{axes}",
            "yaxis": f"y{axes}", "marker": {"color": ACTIVATION_COLORS[name], "line": {"width": 0}},
            "name": labels.names[name], "hovertemplate": "f = %{x:.3~r}: %{y:.2~r}%<extra></extra>",
        })
        low = min(float(histogram.edges[0]), histogram.mean, 0.0)
        high = max(float(histogram.edges[-1]), histogram.mean, 0.0)
        pad = 0.04 * (high - low)
        layout[f"xaxis{axes}"] = _axis(domain=[left, left + width], anchor=f"y{axes}", range=[low - pad, high + pad])
        layout[f"yaxis{axes}"] = _axis(domain=[top - height, top], anchor=f"x{axes}", ticksuffix="%",
                                       rangemode="tozero")
        for value, dash in ((histogram.mean, "solid"), (0.0, "dot")):
            shapes.append({"type": "line", "xref": f"x{axes}", "yref": f"y{axes} domain", "x0": value, "x1": value,
                           "y0": 0, "y1": 1, "line": {"color": "black", "width": 2.5 if dash == "solid" else 1.5,
                                                      "dash": dash}})
        annotations.append({
            "xref": f"x{axes} domain", "yref": f"y{axes} domain", "x": 0.0, "y": 1.02, "xanchor": "left",
            "yanchor": "bottom", "showarrow": False, "font": {"size": 16}, "align": "left",
            "text": f"<b>{labels.names[name]}</b><br>"  # the mean on a line of its own: narrow panels have no room
            + fill(labels.mean_format, labels.language,
                   mean=number(histogram.mean if abs(histogram.mean) >= 5e-4 else 0.0, 3, labels.language)),
        })
    layout.update(shapes=shapes, annotations=annotations)
    layout["margin"]["t"] = 60
    return FinishedFigure({"data": data, "layout": layout})


def cost_figure(cost: Cost, labels: ActivationLabels) -> FinishedFigure:
    """Horizontal bars of nanoseconds per element, cheapest at the top."""
    ns_per_element = cost.ns_per_element
    names = sorted(ns_per_element, key=ns_per_element.get)
    data = [{
        "type": "bar", "orientation": "h", "y": [labels.names[name] for name in names],
        "x": [round(ns_per_element[name], 3) for name in names],
        "marker": {"color": [ACTIVATION_COLORS[name] for name in names], "line": {"color": "black", "width": 0.5}},
        "text": [fill(labels.cost_bar_format, labels.language, ns=ns_per_element[name]) for name in names],
        "hovertext": [fill(labels.cost_hover_format, labels.language, ns=ns_per_element[name],
                           runs=cost.rounds) for name in names],
        "textposition": "outside", "cliponaxis": False, "textfont": {"size": 16}, "hoverinfo": "text",
    }]
    layout = _layout(
        60 + 44 * len(names),
        xaxis=_axis(labels.cost_axis, rangemode="tozero"),
        yaxis=_axis(autorange="reversed"),
        showlegend=False,
    )
    layout["margin"].update(t=20, r=90)
    return FinishedFigure({"data": data, "layout": layout})
