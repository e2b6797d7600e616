"""Figures of the backprop lab: the small network as a graph with its numbers, and the speed of a matrix product
(Plotly dictionaries, see ``ui.figures``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core.graph import GraphWalk
from pages.backprop.compute import Speed
from ui.figures import FinishedFigure, legend_above, log_axis, log_range
from ui.i18n import localised
from ui.numbers import number
from ui.palette import BLACK, BLUE, GREEN, VERMILLION

FORWARD_STEPS = 5  # inputs, z, h, y_hat, loss; then the backward steps
LAST_STEP = 9
INPUTS = {0: (0.0, 2.45), 1: (0.0, 1.05)}
HIDDEN = {0: (1.3, 3.1), 1: (1.3, 1.75), 2: (1.3, 0.4)}
OUTPUT, LOSS = (2.5, 1.75), (3.4, 1.75)
FONT = 15


@dataclass(frozen=True)
class GraphLabels:
    """What the step shown is doing (one line per step, ``LAST_STEP + 1`` lines) and the words on nodes."""

    steps: tuple[str, ...]
    loss: str
    language: str  # numbers are written in its style (0,25 in Russian)


def graph_figure(walk: GraphWalk, params: dict, step: int, labels: GraphLabels) -> FinishedFigure:
    """The network with every number known at ``step``: forward values in blue below each node, backward
    gradients (∂l/∂·) in vermillion above it, weights on the edges and, at the last step, their gradients."""
    shapes, notes = [], []

    def _fmt(value: float) -> str:
        return localised(number(float(value), 3), labels.language)

    def edge(start, end, text, gradient=None, along=0.5):
        shapes.append({"type": "line", "x0": start[0], "y0": start[1], "x1": end[0], "y1": end[1],
                       "line": {"color": "#9AA5B1", "width": 2}, "layer": "below"})
        middle = ((1 - along) * start[0] + along * end[0], (1 - along) * start[1] + along * end[1])
        label = f"{text}" + (f"<br><span style='color:{VERMILLION}'>∂l={gradient}</span>" if gradient else "")
        notes.append({"x": middle[0], "y": middle[1], "text": label, "showarrow": False,
                      "font": {"size": FONT - 1, "color": BLACK}, "bgcolor": "rgba(255,255,255,0.85)"})

    def node(point, name, forward="", backward=""):
        notes.append({"x": point[0], "y": point[1], "text": f"<b>{name}</b>", "showarrow": False,
                      "font": {"size": FONT + 1}})
        if forward:  # below the node, growing downwards
            notes.append({"x": point[0], "y": point[1], "yshift": -26, "yanchor": "top", "text": forward,
                          "showarrow": False, "font": {"size": FONT, "color": BLUE}})
        if backward:  # above the node, growing upwards
            notes.append({"x": point[0], "y": point[1], "yshift": 26, "yanchor": "bottom", "text": backward,
                          "showarrow": False, "font": {"size": FONT, "color": VERMILLION}})

    weights_grads = step >= LAST_STEP
    for i, start in INPUTS.items():
        for j, end in HIDDEN.items():
            gradient = _fmt(walk.grads["W1"][i, j]) if weights_grads else None
            edge(start, end, f"w{i + 1}{j + 1}={_fmt(params['W1'][i, j])}", gradient, along=0.68)
    for j, start in HIDDEN.items():
        gradient = _fmt(walk.grads["W2"][j, 0]) if weights_grads else None
        edge(start, OUTPUT, f"v{j + 1}={_fmt(params['W2'][j, 0])}", gradient)
    shapes.append({"type": "line", "x0": OUTPUT[0], "y0": OUTPUT[1], "x1": LOSS[0], "y1": LOSS[1],
                   "line": {"color": "#9AA5B1", "width": 2}, "layer": "below"})
    for i, point in INPUTS.items():
        node(point, f"x{i + 1}", f"{_fmt(walk.x[i])}" if step >= 1 else "")
    for j, point in HIDDEN.items():
        forward = ""
        if step >= 2:
            forward = f"z={_fmt(walk.z[j])}"
        if step >= 3:
            forward += f"<br>h={_fmt(walk.h[j])}"
        backward = ""
        if step >= 7:
            backward = f"∂l/∂h={_fmt(walk.dh[j])}"
        if step >= 8:
            backward = f"f′(z)={_fmt(walk.local[j])}<br>∂l/∂z={_fmt(walk.dz[j])}<br>" + backward
        node(point, f"h{j + 1}", forward, backward)
    node(OUTPUT, "ŷ", f"{_fmt(walk.y_hat)}" if step >= 4 else "",
         f"∂l/∂ŷ={_fmt(walk.dy_hat)}" if step >= 6 else "")
    node(LOSS, labels.loss, f"{_fmt(walk.loss)}<br>(y={_fmt(walk.y)})" if step >= 5 else "")
    points = [*INPUTS.values(), *HIDDEN.values(), OUTPUT, LOSS]
    colors = [GREEN] * 2 + [BLUE] * 3 + [BLUE, VERMILLION]
    data = [{"type": "scatter", "mode": "markers", "x": [p[0] for p in points], "y": [p[1] for p in points],
             "marker": {"size": 46, "color": "white", "line": {"width": 3, "color": colors}},
             "hoverinfo": "skip", "showlegend": False}]
    layout = {
        "xaxis": {"range": [-0.35, 3.8], "visible": False, "fixedrange": True},
        "yaxis": {"range": [-0.55, 4.0], "visible": False, "fixedrange": True},
        "shapes": shapes, "annotations": notes, "height": 640, "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "title": {"text": labels.steps[step], "font": {"size": FONT + 1}, "x": 0.0, "xanchor": "left"},
        "plot_bgcolor": "white",
    }
    return FinishedFigure({"data": data, "layout": layout})


@dataclass(frozen=True)
class SpeedLabels:
    numpy: str
    python: str
    extrapolated: str
    cubic: str
    size_axis: str
    time_axis: str


def speed_figure(speed: Speed, labels: SpeedLabels) -> FinishedFigure:
    """Seconds per n x n product against n, both on log axes: NumPy (with the spread of its runs as error bars),
    Python loops (measured, then extrapolated, dashed) and an n³ line through NumPy's largest size."""
    sizes = np.array(speed.numpy_sizes, dtype=float)
    median = np.array(speed.numpy_median)
    cubic = median[-1] * (sizes / sizes[-1]) ** 3
    data = [
        {"type": "scatter", "mode": "lines+markers", "x": list(sizes), "y": list(median), "name": labels.numpy,
         "line": {"color": BLUE, "width": 3},
         "error_y": {"type": "data", "symmetric": False, "array": list(np.array(speed.numpy_high) - median),
                     "arrayminus": list(median - np.array(speed.numpy_low))}},
        {"type": "scatter", "mode": "lines+markers", "x": list(speed.python_sizes), "y": list(speed.python_median),
         "name": labels.python, "line": {"color": VERMILLION, "width": 3}},
        {"type": "scatter", "mode": "lines", "x": [speed.python_sizes[-1], *speed.extrapolated_sizes],
         "y": [speed.python_median[-1], *speed.extrapolated], "name": labels.extrapolated,
         "line": {"color": VERMILLION, "width": 2, "dash": "dash"}},
        {"type": "scatter", "mode": "lines", "x": list(sizes), "y": list(cubic), "name": labels.cubic,
         "line": {"color": "#777777", "width": 1.5, "dash": "dot"}},
    ]
    every = [*speed.numpy_median, *speed.python_median, *speed.extrapolated, *cubic]
    layout = {
        "xaxis": {"type": "log", "title": {"text": labels.size_axis}, "tickvals": list(sizes),
                  "ticktext": [str(int(n)) for n in sizes]},
        "yaxis": log_axis(log_range([np.array(every)]), title={"text": labels.time_axis}),
        "legend": legend_above(), "height": 440, "margin": {"l": 70, "r": 10, "t": 40, "b": 50},
        "font": {"size": 14},
    }
    return FinishedFigure({"data": data, "layout": layout})
