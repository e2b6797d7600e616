"""Figures of the backprop lab (Plotly dictionaries, see ``ui.figures``): the small network's computational graph
at a step of the forward/backward walk, the shapes of a layer's matrix products, and the timed matrix product.

Builders take data and a frozen labels dataclass whose texts are already in the page's language; numbers are
written in that language's style here (``ui.i18n.localised``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core.lessons import graph, matmul
from ui.figures import FinishedFigure, legend_above, log_axis, log_range
from ui.i18n import fill, localised
from ui.numbers import number
from ui.palette import BLUE, GREEN, ORANGE, PURPLE, SKY_BLUE, VERMILLION, text_color

FONT = 15  # every text on these charts: at least 14 px
SMALL = 14
GREY, LIGHT_GREY, INK = "#8A94A0", "#C9D0D8", "#1F2328"
GREY_TEXT = text_color(GREY)  # what is not known yet, faded but readable
GRADIENT_TEXT = text_color(VERMILLION)  # a gradient's number, in the backward pass's colour
CURRENT_FILL = "#FFF1BF"
KIND_COLORS = {"input": GREEN, "target": GREY, "sum": BLUE, "activation": ORANGE, "loss": VERMILLION}

# Where the nodes sit: depth along the flow (inputs first) and across it (slot positions). The six edges from the
# inputs to the sums get the most room, and their labels sit at different places along them so that none overlaps
# another or a node, on a projector (the flow left to right) and on a phone (bottom to top).
DEPTH = {False: {0: 0.0, 1: 2.0, 2: 3.1, 3: 4.5, 4: 5.9}, True: {0: 0.0, 1: 2.3, 2: 3.5, 3: 5.4, 4: 6.6}}
ACROSS = {
    ("input", 0): 0.45, ("input", 1): 1.55,
    ("sum", 0): 0.0, ("sum", 1): 1.0, ("sum", 2): 2.0,
    ("activation", 0): 0.0, ("activation", 1): 1.0, ("activation", 2): 2.0,
}
ACROSS_END = {False: {"output": 0.75, "loss": 0.75, "target": 1.85}, True: {"output": 1.0, "loss": 1.0, "target": 2.0}}
# How far along its edge each weight's label sits: x_i -> z_j keyed (i, j), h_j -> y_hat keyed j.
INPUT_LABEL_AT = {False: {(0, 0): 0.35, (0, 1): 0.65, (0, 2): 0.25, (1, 0): 0.65, (1, 1): 0.35, (1, 2): 0.45},
                  True: {(0, 0): 0.3, (0, 1): 0.5, (0, 2): 0.7, (1, 0): 0.7, (1, 1): 0.3, (1, 2): 0.5}}
OUTPUT_LABEL_AT = {False: {0: 0.5, 1: 0.45, 2: 0.5}, True: {0: 0.6, 1: 0.35, 2: 0.6}}


def _fmt(value: float, language: str, digits: int = 3) -> str:
    return number(float(value), digits, language)


def _position(node: graph.Node, vertical: bool) -> tuple[float, float]:
    """(x, y) of a node: the flow runs left to right, or on a phone bottom to top (the loss at the top)."""
    kind = "output" if node.name == "y_hat" else node.kind
    across = ACROSS_END[vertical][kind] if node.layer >= 3 else ACROSS[kind, node.slot]
    depth = DEPTH[vertical][node.layer]
    return (across, depth) if vertical else (depth, 2.0 - across)


def _label_at(parent: str, child: str, vertical: bool) -> float:
    """How far along the edge ``parent -> child`` its label sits."""
    parent_node, child_node = graph.NODE[parent], graph.NODE[child]
    if parent_node.kind == "input":
        return INPUT_LABEL_AT[vertical][parent_node.slot, child_node.slot]
    if child.startswith("y_hat"):
        return OUTPUT_LABEL_AT[vertical][parent_node.slot]
    return 0.5


@dataclass(frozen=True)
class GraphLabels:
    """Texts of the graph, in the page's language.

    ``names``: each node's symbol (``z₁``, ``ŷ``, ``L``); ``params``: each parameter's symbol, keyed like
    ``dl_core.lessons.graph.PARAMETERS`` entries; ``activation``: the activation's symbol (``σ``); ``gradient``: the
    gradient line under a node, with fields ``{name}`` and ``{value}``; ``weight_gradient``: the same for a weight
    on an edge; ``unknown``: a value not computed yet; ``hover``: a node's hover text with ``{name}``, ``{value}``,
    ``{gradient}``; ``not_yet``: a hover's gradient before the backward pass reaches the node.
    """

    names: dict[str, str]
    params: dict[tuple, str]
    activation: str
    gradient: str
    weight_gradient: str
    unknown: str
    hover: str
    not_yet: str
    language: str


def graph_figure(passed: graph.GraphPass, step: int, labels: GraphLabels, vertical: bool = False) -> FinishedFigure:
    """The graph with everything known at ``step`` of ``dl_core.lessons.graph.WALK``: values above the nodes (``?``
    until the forward pass computes them), the gradient arriving at each node below it once the backward pass reaches
    it, weights on the edges and each weight's gradient once the backward pass has been through its node, and the
    local derivatives of the activation and loss edges. The node of the step is filled, its edges drawn thick."""
    direction, current = graph.WALK[step]
    forward_done = step if direction != "backward" else len(graph.FORWARD)
    known = {node.name for node in graph.NODES if node.kind in ("input", "target")} | set(
        graph.FORWARD[:forward_done])
    visited = set(graph.BACKWARD[: max(0, step - len(graph.FORWARD))])
    language = labels.language
    positions = {node.name: _position(node, vertical) for node in graph.NODES}
    shapes, notes = [], []

    for parent, child in graph.EDGES:
        (x0, y0), (x1, y1) = positions[parent], positions[child]
        lit = (direction == "forward" and child == current) or (direction == "backward" and parent == current)
        color = (BLUE if direction == "forward" else VERMILLION) if lit else LIGHT_GREY
        shapes.append({"type": "line", "x0": x0, "y0": y0, "x1": x1, "y1": y1, "layer": "below",
                       "line": {"color": color, "width": 4 if lit else 2}})
        parameter = graph.parameter_of_edge(parent, child)
        lines = []
        if parameter is not None:
            lines.append(f"{labels.params[parameter]} = {_fmt(passed.local[parent, child], language)}")
            if child in visited:
                key, index = parameter
                gradient = fill(labels.weight_gradient, language, name=labels.params[parameter],
                                value=_fmt(passed.param_grads[key][index], language))
                lines.append(f"<span style='color:{GRADIENT_TEXT}'>{gradient}</span>")
        elif child in visited and parent != "y":
            symbol = (f"{labels.activation}′({labels.names[parent]})" if graph.NODE[child].kind == "activation"
                      else f"2({labels.names['y_hat']} − {labels.names['y']})")
            lines.append(f"<span style='color:{GRADIENT_TEXT}'>{symbol} = "
                         f"{_fmt(passed.local[parent, child], language)}</span>")
        if lines:
            along = _label_at(parent, child, vertical)
            notes.append({"x": x0 + along * (x1 - x0), "y": y0 + along * (y1 - y0), "text": "<br>".join(lines),
                          "showarrow": False, "font": {"size": SMALL, "color": INK},
                          "bgcolor": "rgba(255,255,255,0.88)", "borderpad": 1})

    xs, ys, rings, fills, widths, hovers = [], [], [], [], [], []
    for node in graph.NODES:
        x, y = positions[node.name]
        name, is_known = labels.names[node.name], node.name in known
        value = _fmt(passed.values[node.name], language) if is_known else labels.unknown
        notes.append({"x": x, "y": y, "text": f"<b>{name}</b>", "showarrow": False,
                      "font": {"size": FONT + 1, "color": INK if is_known else GREY_TEXT}})
        notes.append({"x": x, "y": y, "yshift": 25, "yanchor": "bottom", "text": value, "showarrow": False,
                      "font": {"size": FONT, "color": INK if is_known else GREY_TEXT},
                      "bgcolor": "rgba(255,255,255,0.88)"})
        gradient = labels.not_yet
        if node.name in visited:
            gradient = fill(labels.gradient, language, name=name, value=_fmt(passed.grads[node.name], language))
            notes.append({"x": x, "y": y, "yshift": -25, "yanchor": "top", "text": gradient, "showarrow": False,
                          "font": {"size": FONT, "color": GRADIENT_TEXT}, "bgcolor": "rgba(255,255,255,0.88)"})
        xs.append(x)
        ys.append(y)
        rings.append(KIND_COLORS[node.kind] if is_known else LIGHT_GREY)
        fills.append(CURRENT_FILL if node.name == current else "white")
        widths.append(5 if node.name == current else 3)
        hover = fill(labels.hover, language, name=name, value=value, gradient=gradient)
        if node.bias is not None:
            key, index = node.bias
            hover += f"<br>{labels.params[node.bias]} = {_fmt(passed.params[key][index], language)}"
        hovers.append(hover)
    data = [{"type": "scatter", "mode": "markers", "x": xs, "y": ys, "hovertext": hovers,
             "hovertemplate": "%{hovertext}<extra></extra>", "showlegend": False,
             "marker": {"size": 42, "color": fills, "line": {"width": widths, "color": rings}}}]
    across_range, depth_range = [-0.5, 2.5], [-0.45, DEPTH[vertical][4] + 0.45]
    x_range, y_range = (across_range, [-0.5, DEPTH[True][4] + 0.55]) if vertical else (depth_range, [-0.6, 2.6])
    layout = {
        "xaxis": {"range": x_range, "visible": False, "fixedrange": True},
        "yaxis": {"range": y_range, "visible": False, "fixedrange": True},
        "shapes": shapes, "annotations": notes, "height": 740 if vertical else 540,
        "margin": {"l": 4, "r": 4, "t": 8, "b": 4}, "plot_bgcolor": "white", "dragmode": False,
        "hoverlabel": {"font": {"size": SMALL}},
    }
    return FinishedFigure({"data": data, "layout": layout})


# ---------------------------------------------------------------- shapes of a layer's products


@dataclass(frozen=True)
class ShapeLabels:
    """Titles of the four products (forward, then dX, dW, db), in the page's language."""

    titles: tuple[str, str, str, str]


ROLE_COLORS = {"input": SKY_BLUE, "weight": ORANGE, "output": GREEN, "gradient": VERMILLION, "ones": PURPLE}
GAP = 1.7  # room for an operator between two blocks, in cells


def _equations(batch: int, features: int, outputs: int) -> list[list[tuple[str, int, int, str]]]:
    """The four products as blocks (name, rows, columns, role), with the operators implied: a · b = c."""
    return [
        [("X", batch, features, "input"), ("W", features, outputs, "weight"), ("Out", batch, outputs, "output")],
        [("dOut", batch, outputs, "gradient"), ("Wᵀ", outputs, features, "weight"), ("dX", batch, features,
                                                                                       "gradient")],
        [("Xᵀ", features, batch, "input"), ("dOut", batch, outputs, "gradient"), ("dW", features, outputs,
                                                                                    "gradient")],
        [("1ᵀ", 1, batch, "ones"), ("dOut", batch, outputs, "gradient"), ("db", 1, outputs, "gradient")],
    ]


def shapes_figure(batch: int, features: int, outputs: int, labels: ShapeLabels, vertical: bool = False,
                  language: str = "en") -> FinishedFigure:
    """Each product as blocks of cells, rows by columns: the inner sizes agree (D in X·W, M in dOut·Wᵀ, N in
    Xᵀ·dOut and 1ᵀ·dOut) and the result has the outer ones. Two columns of products, or one on a phone."""
    shapes, notes = [], []
    equations = _equations(batch, features, outputs)
    widths = [sum(columns for _, _, columns, _ in blocks) + 2 * GAP for blocks in equations]
    heights = [max(rows for _, rows, _, _ in blocks) for blocks in equations]
    columns_of_products = 1 if vertical else 2
    cell_width = max(widths) + 1.5
    row_height = max(heights) + 3.6
    for index, (blocks, title) in enumerate(zip(equations, labels.titles, strict=True)):
        column, row = index % columns_of_products, index // columns_of_products
        left, top = column * cell_width, -row * row_height
        notes.append({"x": left, "y": top, "xanchor": "left", "yanchor": "bottom", "text": f"<b>{title}</b>",
                      "showarrow": False, "font": {"size": SMALL, "color": INK}})
        x = left
        middle = top - 1.4 - heights[index] / 2
        for position, (name, rows, cols, role) in enumerate(blocks):
            block_top = middle + rows / 2
            color = ROLE_COLORS[role]
            shapes.append({"type": "rect", "x0": x, "x1": x + cols, "y0": block_top - rows, "y1": block_top,
                           "line": {"color": color, "width": 2}, "fillcolor": color, "opacity": 0.25,
                           "layer": "below"})
            for line in range(1, cols):
                shapes.append({"type": "line", "x0": x + line, "x1": x + line, "y0": block_top - rows,
                               "y1": block_top, "line": {"color": "white", "width": 1}})
            for line in range(1, rows):
                shapes.append({"type": "line", "x0": x, "x1": x + cols, "y0": block_top - line,
                               "y1": block_top - line, "line": {"color": "white", "width": 1}})
            notes.append({"x": x + cols / 2, "y": block_top, "yanchor": "bottom", "text": f"<b>{name}</b>",
                          "showarrow": False, "font": {"size": FONT, "color": INK}})
            notes.append({"x": x + cols / 2, "y": block_top - rows, "yanchor": "top",
                          "text": localised(f"{rows}×{cols}", language), "showarrow": False,
                          "font": {"size": SMALL, "color": GREY_TEXT}})
            x += cols
            if position < 2:
                notes.append({"x": x + GAP / 2, "y": middle, "text": "·" if position == 0 else "=",
                              "showarrow": False, "font": {"size": 22, "color": INK}})
                x += GAP
    rows_of_products = -(-len(equations) // columns_of_products)
    width = columns_of_products * cell_width
    height = rows_of_products * row_height
    layout = {
        "xaxis": {"range": [-0.3, width], "visible": False, "fixedrange": True, "constrain": "domain"},
        "yaxis": {"range": [-height, 0.9], "visible": False, "fixedrange": True, "scaleanchor": "x",
                  "constrain": "domain"},
        "shapes": shapes, "annotations": notes, "height": int(min(760, 90 + 26 * height)) if vertical
        else int(min(560, 60 + 24 * height)),
        "margin": {"l": 4, "r": 4, "t": 6, "b": 4}, "plot_bgcolor": "white", "dragmode": False,
    }
    return FinishedFigure({"data": [], "layout": layout})


# ---------------------------------------------------------------- the timed product


@dataclass(frozen=True)
class TimingLabels:
    """Texts of the timing chart, in the page's language."""

    numpy: str
    python: str
    extrapolated: str
    cubic: str
    size_axis: str
    time_axis: str
    rate_axis: str
    hover_time: str  # fields {n} and {seconds}
    hover_rate: str  # fields {n} and {rate}
    language: str


def _spread(seconds: np.ndarray) -> dict:
    """Error bars from the median to the fastest and the slowest run."""
    median = np.median(seconds, axis=1)
    return {"type": "data", "symmetric": False, "array": (seconds.max(axis=1) - median).tolist(),
            "arrayminus": (median - seconds.min(axis=1)).tolist(), "thickness": 1.5, "width": 4}


def timing_figure(measured: matmul.Measurement, chosen: int, labels: TimingLabels) -> FinishedFigure:
    """Left: seconds per n x n product against n, both axes logarithmic: NumPy and Python loops with the spread of
    their runs (median, fastest, slowest), Python beyond its largest measured size extrapolated as a n³ (dashed,
    hollow markers), and that a n³ line over every size (the O(n³) reference). Right: the rate, 2n³ FLOP over the
    median time, in GFLOP/s. A vertical line marks the size ``chosen``."""
    numpy_sizes, python_sizes = measured.numpy_sizes, measured.python_sizes
    beyond = numpy_sizes[numpy_sizes > python_sizes.max()]
    every_size = np.union1d(numpy_sizes, python_sizes)
    cubic = measured.python_cubic * every_size.astype(float) ** 3
    extrapolated = measured.python_cubic * beyond.astype(float) ** 3

    def time_hover(name: str) -> str:
        return f"{name}<br>" + labels.hover_time + "<extra></extra>"

    def rate_hover(name: str) -> str:
        return f"{name}<br>" + labels.hover_rate + "<extra></extra>"

    data = [
        {"type": "scatter", "mode": "lines", "x": every_size.tolist(), "y": cubic.tolist(), "name": labels.cubic,
         "line": {"color": GREY, "width": 1.5, "dash": "dot"}, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "lines+markers", "x": numpy_sizes.tolist(), "y": measured.numpy_median.tolist(),
         "name": labels.numpy, "line": {"color": BLUE, "width": 3}, "marker": {"size": 8},
         "error_y": {**_spread(measured.numpy_seconds), "color": BLUE},
         "hovertemplate": time_hover(labels.numpy)},
        {"type": "scatter", "mode": "lines+markers", "x": python_sizes.tolist(),
         "y": measured.python_median.tolist(), "name": labels.python, "line": {"color": VERMILLION, "width": 3},
         "marker": {"size": 8}, "error_y": {**_spread(measured.python_seconds), "color": VERMILLION},
         "hovertemplate": time_hover(labels.python)},
        {"type": "scatter", "mode": "lines+markers", "x": [int(python_sizes.max()), *beyond.tolist()],
         "y": [float(measured.python_median[-1]), *extrapolated.tolist()], "name": labels.extrapolated,
         "line": {"color": VERMILLION, "width": 2, "dash": "dash"},
         "marker": {"size": 8, "symbol": "circle-open"}, "hovertemplate": time_hover(labels.extrapolated)},
        {"type": "scatter", "mode": "lines+markers", "x": numpy_sizes.tolist(), "y": measured.numpy_gflops.tolist(),
         "name": labels.numpy, "showlegend": False, "line": {"color": BLUE, "width": 3}, "marker": {"size": 8},
         "xaxis": "x2", "yaxis": "y2", "hovertemplate": rate_hover(labels.numpy)},
        {"type": "scatter", "mode": "lines+markers", "x": python_sizes.tolist(), "y": measured.python_gflops.tolist(),
         "name": labels.python, "showlegend": False, "line": {"color": VERMILLION, "width": 3},
         "marker": {"size": 8}, "xaxis": "x2", "yaxis": "y2", "hovertemplate": rate_hover(labels.python)},
    ]
    times = [measured.numpy_seconds.ravel(), measured.python_seconds.ravel(), cubic]
    rates = [measured.numpy_gflops, measured.python_gflops]
    size_axis = {"type": "log", "tickvals": every_size.tolist(), "ticktext": [str(n) for n in every_size],
                 "title": {"text": labels.size_axis}, "range": [np.log10(every_size.min()) - 0.08,
                                                                np.log10(every_size.max()) + 0.08]}
    marker = {"type": "line", "x0": chosen, "x1": chosen, "y0": 0, "y1": 1, "yref": "y domain",
              "line": {"color": GREY, "width": 1.5, "dash": "dash"}}
    layout = {
        "xaxis": {**size_axis, "domain": [0.0, 0.56]},
        "yaxis": log_axis(log_range(times), title={"text": labels.time_axis}),
        "xaxis2": {**size_axis, "domain": [0.68, 1.0], "anchor": "y2"},
        "yaxis2": log_axis(log_range(rates), title={"text": labels.rate_axis}, anchor="x2"),
        "shapes": [marker, {**marker, "xref": "x2", "yref": "y2 domain"}],
        "legend": legend_above(), "height": 470, "font": {"size": SMALL},
        "margin": {"l": 70, "r": 10, "t": 70, "b": 55}, "hoverlabel": {"font": {"size": SMALL}},
    }
    return FinishedFigure({"data": data, "layout": layout})
