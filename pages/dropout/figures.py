"""Figure builders of the dropout lab, as Plotly dictionaries (see ``ui.figures``).

Each builder takes data and the chart's words (``Labels``, already in the page's language). Only finite numbers
reach a chart. The thinned-network animation keeps playback light as the optimizer race does: few traces, and each
frame carries only what moves (the kept connections, the kept and dropped units, the current step's marker) as short
plain lists; the faint full network, the inputs and outputs, the share curves and their band are drawn once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core.lessons.dropout import OverMasks, RatesRun, ThinnedSteps, kept_share_band
from pages.dropout.trainer import DataSet, Plane, Training
from ui.figures import (
    FinishedFigure,
    PlaybackLabels,
    chart_axis,
    chart_layout,
    legend_above,
    log_axis,
    log_range,
    playback,
    two_panels,
    typed,
)
from ui.i18n import fill
from ui.palette import BLACK, BLUE, GREEN, ORANGE, SKY_BLUE, VERMILLION, text_color

INK = "#31333F"
FAINT = "#D5DAE1"
RATE_COLORS = (BLUE, GREEN, ORANGE, VERMILLION)  # the chosen rates, smallest first; no dropout is black
NO_DROPOUT = BLACK
CLASS_COLORS = (BLUE, ORANGE)
PROBABILITY_SCALE = [[0.0, "#9CC3E0"], [0.5, "#FFFFFF"], [1.0, "#F5C97A"]]  # class 0 ... class 1, pale
SPREAD_SCALE = [[0.0, "#FFFFFF"], [0.5, "#C99BBB"], [1.0, "#5B2A4F"]]
SPEEDS = (0.25, 0.5)  # slower playbacks besides 1x: a class looks at each thinned network
LOSS_FLOOR = 1e-4


@dataclass(frozen=True)
class Labels:
    """The words of the dropout lab's charts. Fields ending in ``_format`` are format strings (fields named in the
    comments); ``language`` is the language their numbers are written in."""

    language: str
    layers: tuple[str, str, str, str]  # inputs, hidden layer 1, hidden layer 2, outputs
    kept: str
    dropped: str
    fixed: str  # inputs and outputs: never dropped
    step: str
    share_axis: str
    example_format: str  # {units}
    batch_format: str  # {units}
    band: str
    expected_format: str  # {keep}
    playback: PlaybackLabels
    masks_axis: str
    output_axis: str
    scaled: str
    unscaled: str
    eval_format: str  # {value}
    shrunk_format: str  # {value}
    error_band: str
    unit_axis: str
    mean_axis: str
    diagonal: str
    shrunk_line: str
    epoch_axis: str
    loss_axis: str
    accuracy_axis: str
    train_panel: str
    val_panel: str
    lowest: str
    probability: str
    classes: tuple[str, str]
    train_points: str
    val_points: str
    spread: str
    mean_title: str
    spread_title: str


def _title(text: str, axes: str = "") -> dict:
    """A panel's title above its top-left corner."""
    return {"xref": f"x{axes} domain", "yref": f"y{axes} domain", "x": 0.0, "y": 1.0, "xanchor": "left",
            "yanchor": "bottom", "showarrow": False, "font": {"size": 15}, "text": f"<b>{text}</b>"}


def _line(x0: float, y0: float, x1: float, y1: float, axes: str = "", **line) -> dict:
    return {"type": "line", "xref": f"x{axes}", "yref": f"y{axes}", "x0": x0, "y0": y0, "x1": x1, "y1": y1,
            "line": {"color": INK, "width": 1.5, "dash": "dot", **line}}


STACKED_HEIGHT = 1.7  # a stacked figure is this much taller


def _plain(values, decimals: int = 3) -> list[float]:
    """Finite numbers as a short plain list (what a frame carries: Plotly re-reads it every time it is shown)."""
    return np.round(np.asarray(values, dtype=float), decimals).tolist()


# ---------------------------------------------------------------- the thinned network


def unit_positions(count: int, spread: float) -> np.ndarray:
    """Heights of ``count`` units of a layer, centred on 0 and ``spread`` apart."""
    return (np.arange(count) - (count - 1) / 2) * spread


def connections(x_from: float, y_from: np.ndarray, x_to: float, y_to: np.ndarray) -> tuple[list, list]:
    """Every connection between two layers' units as ONE polyline, so a whole layer of connections is one trace
    without gaps: ``a1 b1 a2 b1 ... an b1 a1 b2 a2 b2 ...``. Each segment joins a unit of the first layer to one of the
    second (some twice, drawn on top of themselves). Empty when either layer has no unit."""
    if len(y_from) == 0 or len(y_to) == 0:
        return [], []
    ys = np.empty((len(y_to), len(y_from), 2))
    ys[:, :, 0] = np.asarray(y_from)[None, :]
    ys[:, :, 1] = np.asarray(y_to)[:, None]
    xs = np.empty_like(ys)
    xs[..., 0], xs[..., 1] = x_from, x_to
    return xs.ravel().tolist(), ys.ravel().tolist()


def thinned_figure(run: ThinnedSteps, labels: Labels, stacked: bool = False) -> FinishedFigure:
    """Left: a network of two inputs, two hidden layers and two outputs, drawn with the units dropout keeps (filled,
    connected) and drops (hollow, cut off) for the first example of the batch at each training step. Right: the share
    of hidden units kept at each step, for that example's network and for the whole batch, against the expected
    :math:`p_\\text{keep}` and its binomial band for one network. Play shows step after step."""
    width = run.masks[0].shape[2]
    steps = len(run.example_share)
    keep = 1.0 - run.drop_prob
    spread = 1.0
    hidden_y = unit_positions(width, spread)
    outer_y = unit_positions(2, max(spread, (width - 1) * spread / 3))
    layer_x = (0.0, 1.0, 2.0, 3.0)
    top = float(max(hidden_y.max(), outer_y.max()))

    def network_traces(step: int) -> list[dict]:
        kept = [hidden_y[run.masks[layer][step, 0]] for layer in range(2)]
        dropped = [hidden_y[~run.masks[layer][step, 0]] for layer in range(2)]
        edges = [connections(layer_x[0], outer_y, layer_x[1], kept[0]),
                 connections(layer_x[1], kept[0], layer_x[2], kept[1]),
                 connections(layer_x[2], kept[1], layer_x[3], outer_y)]
        kept_x = [layer_x[1]] * len(kept[0]) + [layer_x[2]] * len(kept[1])
        dropped_x = [layer_x[1]] * len(dropped[0]) + [layer_x[2]] * len(dropped[1])
        return [
            *({"x": _plain(xs), "y": _plain(ys)} for xs, ys in edges),
            {"x": _plain(kept_x), "y": _plain(np.concatenate(kept))},
            {"x": _plain(dropped_x), "y": _plain(np.concatenate(dropped))},
            {"x": [step + 1], "y": _plain(run.example_share[step : step + 1])},
        ]

    # the full network, faint, as one polyline: each layer's connections start where the previous layer's ended
    faint_x, faint_y = connections(layer_x[0], outer_y, layer_x[1], hidden_y)
    rotated = np.roll(hidden_y, 1)  # starts at the last unit reached above
    for xs, ys in (connections(layer_x[1], rotated, layer_x[2], hidden_y),
                   connections(layer_x[2], rotated, layer_x[3], outer_y)):
        faint_x, faint_y = faint_x + xs, faint_y + ys
    first = network_traces(0)
    edge_style = {"type": "scatter", "mode": "lines", "line": {"color": INK, "width": 1.2}, "hoverinfo": "skip",
                  "showlegend": False}
    steps_axis = np.arange(1, steps + 1)
    low, high = kept_share_band(run.units, run.drop_prob)
    data = [
        {"type": "scatter", "mode": "lines", "x": _plain(faint_x), "y": _plain(faint_y), "hoverinfo": "skip",
         "line": {"color": FAINT, "width": 1}, "showlegend": False},
        {**edge_style, **first[0]},
        {**edge_style, **first[1]},
        {**edge_style, **first[2]},
        {"type": "scatter", "mode": "markers", "x": [0.0, 0.0, 3.0, 3.0], "y": _plain([*outer_y, *outer_y]),
         "name": labels.fixed, "hoverinfo": "skip",
         "marker": {"color": "#8A94A3", "size": 20, "line": {"color": INK, "width": 1.5}}},
        {"type": "scatter", "mode": "markers", **first[3], "name": labels.kept, "hoverinfo": "skip",
         "marker": {"color": BLUE, "size": 20, "line": {"color": INK, "width": 1.5}}},
        {"type": "scatter", "mode": "markers", **first[4], "name": labels.dropped, "hoverinfo": "skip",
         "marker": {"color": "#8A94A3", "size": 20, "symbol": "circle-x-open", "line": {"width": 2}}},
        {"type": "scatter", "mode": "lines", "x": _plain([1, steps, steps, 1]), "y": _plain([low, low, high, high]),
         "fill": "toself", "fillcolor": "rgba(0,114,178,0.12)", "line": {"width": 0}, "xaxis": "x2", "yaxis": "y2",
         "name": labels.band, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "lines+markers", "x": typed(steps_axis), "y": typed(run.example_share),
         "xaxis": "x2", "yaxis": "y2", "line": {"color": BLUE, "width": 1.5}, "marker": {"size": 5},
         "name": fill(labels.example_format, labels.language, units=run.units),
         "hovertemplate": "%{x}: %{y:.2f}<extra></extra>"},
        {"type": "scatter", "mode": "lines", "x": typed(steps_axis), "y": typed(run.batch_share),
         "xaxis": "x2", "yaxis": "y2", "line": {"color": ORANGE, "width": 2.5},
         "name": fill(labels.batch_format, labels.language, units=run.units * run.masks[0].shape[1]),
         "hovertemplate": "%{x}: %{y:.3f}<extra></extra>"},
        {"type": "scatter", "mode": "lines", "x": [0.5, steps + 0.5], "y": [keep, keep], "xaxis": "x2", "yaxis": "y2",
         "line": {"color": INK, "width": 2, "dash": "dash"}, "hoverinfo": "skip",
         "name": fill(labels.expected_format, labels.language, keep=keep)},
        {"type": "scatter", "mode": "markers", **first[5], "xaxis": "x2", "yaxis": "y2", "showlegend": False,
         "hoverinfo": "skip", "marker": {"color": BLUE, "size": 14, "line": {"color": "white", "width": 2}}},
    ]
    frames = [{"name": str(step + 1), "traces": [1, 2, 3, 5, 6, 11], "data": network_traces(step)}
              for step in range(steps)]
    names = ["", labels.layers[1], labels.layers[2], ""]
    annotations = [
        {"xref": "x", "yref": "y", "x": x, "y": -top - 0.6, "text": name, "showarrow": False, "yanchor": "top",
         "font": {"size": 15, "color": INK}} for x, name in zip(layer_x, names, strict=True) if name
    ] + [
        {"xref": "x", "yref": "y", "x": x, "y": float(outer_y[0]) - 0.7, "text": text, "showarrow": False,
         "yanchor": "top", "font": {"size": 14, "color": INK}}
        for x, text in ((layer_x[0], labels.layers[0]), (layer_x[3], labels.layers[3]))
    ]
    hidden_axis = {"visible": False, "fixedrange": True}
    layout = chart_layout(
        560,
        xaxis={**hidden_axis, "domain": [0.0, 0.55], "range": [-0.4, 3.4]},
        yaxis={**hidden_axis, "range": [-top - 1.5, top + 0.6]},
        xaxis2=chart_axis(labels.step, domain=[0.65, 1.0], range=[0.5, steps + 0.5], anchor="y2", fixedrange=True),
        yaxis2=chart_axis(labels.share_axis, range=[-0.02, 1.02], anchor="x2", tickformat=".0%", fixedrange=True),
        annotations=annotations,
        # On a phone the panels stack and the legend wraps to many lines: the buttons go lower, below the step axis.
        **playback([frame["name"] for frame in frames], 0, labels.playback, speeds=SPEEDS,
                   buttons_y=-0.2 if stacked else -0.12, slider_y=-0.3 if stacked else -0.24),
    )
    layout["legend"] = legend_above(1.02, font={"size": 14})
    layout["margin"].update(t=110, b=170 if stacked else 130)
    return FinishedFigure({"data": data, "layout": layout, "frames": frames})


# ---------------------------------------------------------------- one layer over many masks



def masks_figure(over: OverMasks, unit: int, labels: Labels, stacked: bool = False) -> FinishedFigure:
    """Left: the mean of unit ``unit``'s train-mode output over the first m masks, with (inverted dropout) and without
    the 1/p_keep scaling, against its eval-mode output a and the expected p_keep·a, with the ±2 standard-error band of
    the scaled mean. Right: every unit of the layer, the mean over all masks against its eval-mode output."""
    keep = 1.0 - over.drop_prob
    value = float(over.activations[unit])
    masks = over.masks
    error = 2 * abs(value) * np.sqrt(over.drop_prob / keep) / np.sqrt(masks)
    outline = np.concatenate([value - error, (value + error)[::-1]])
    along = np.concatenate([masks, masks[::-1]])
    top = max(float(np.max(over.running_mean[:, unit])), 1.6 * value, 1e-3)  # the band may leave the view
    largest = max(float(over.activations.max()), 1e-3)
    data = [
        {"type": "scatter", "mode": "lines", "x": typed(along), "y": typed(outline), "fill": "toself",
         "fillcolor": "rgba(0,114,178,0.12)", "line": {"width": 0}, "name": labels.error_band, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "lines", "x": typed(masks), "y": typed(over.running_mean[:, unit]),
         "line": {"color": BLUE, "width": 2.5}, "name": labels.scaled,
         "hovertemplate": "%{x}: %{y:.4~r}<extra></extra>"},
        {"type": "scatter", "mode": "lines", "x": typed(masks), "y": typed(over.unscaled_running_mean[:, unit]),
         "line": {"color": ORANGE, "width": 2.5}, "name": labels.unscaled,
         "hovertemplate": "%{x}: %{y:.4~r}<extra></extra>"},
        {"type": "scatter", "mode": "markers", "x": typed(over.activations), "y": typed(over.running_mean[-1]),
         "xaxis": "x2", "yaxis": "y2", "marker": {"color": BLUE, "size": 11, "line": {"color": "white", "width": 1}},
         "showlegend": False, "name": labels.scaled, "hovertemplate": "a = %{x:.3~r}: %{y:.4~r}<extra></extra>"},
        {"type": "scatter", "mode": "markers", "x": typed(over.activations),
         "y": typed(over.unscaled_running_mean[-1]), "xaxis": "x2", "yaxis": "y2", "showlegend": False,
         "name": labels.unscaled, "hovertemplate": "a = %{x:.3~r}: %{y:.4~r}<extra></extra>",
         "marker": {"color": ORANGE, "size": 11, "symbol": "diamond", "line": {"color": "white", "width": 1}}},
    ]
    shapes = [
        {**_line(0, value, 1, value), "xref": "x domain", "line": {"color": BLUE, "width": 1.5, "dash": "dash"}},
        {**_line(0, keep * value, 1, keep * value), "xref": "x domain",
         "line": {"color": ORANGE, "width": 1.5, "dash": "dash"}},
        {**_line(0, 0, largest * 1.1, largest * 1.1, "2"), "line": {"color": BLUE, "width": 1.5, "dash": "dash"}},
        {**_line(0, 0, largest * 1.1, keep * largest * 1.1, "2"),
         "line": {"color": ORANGE, "width": 1.5, "dash": "dash"}},
    ]
    annotations = [
        {"xref": "x domain", "yref": "y", "x": 0.02, "y": value, "xanchor": "left", "yanchor": "bottom",
         "showarrow": False, "font": {"size": 14, "color": BLUE},
         "text": fill(labels.eval_format, labels.language, value=value)},
        {"xref": "x domain", "yref": "y", "x": 0.02, "y": keep * value, "xanchor": "left", "yanchor": "top",
         "showarrow": False, "font": {"size": 14, "color": text_color(ORANGE)},
         "text": fill(labels.shrunk_format, labels.language, value=keep * value)},
        {"xref": "x2 domain", "yref": "y2 domain", "x": 0.03, "y": 1.0, "xanchor": "left", "yanchor": "top",
         "showarrow": False, "font": {"size": 14, "color": BLUE}, "text": "- - " + labels.diagonal},
        {"xref": "x2 domain", "yref": "y2 domain", "x": 0.03, "y": 0.9, "xanchor": "left", "yanchor": "top",
         "showarrow": False, "font": {"size": 14, "color": text_color(ORANGE)}, "text": "- - " + labels.shrunk_line},
    ]
    domains = two_panels(stacked, split=0.56, gap=0.14)
    layout = chart_layout(
        int(440 * (STACKED_HEIGHT if stacked else 1)),
        xaxis=chart_axis(labels.masks_axis, domain=domains["x"], **log_axis(log_range(masks, pad=0.05))),
        yaxis=chart_axis(labels.output_axis, domain=domains["y"], range=[min(0.0, value - 0.1), 1.15 * top]),
        xaxis2=chart_axis(labels.unit_axis, domain=domains["x2"], range=[-0.05 * largest, 1.15 * largest], anchor="y2"),
        yaxis2=chart_axis(labels.mean_axis, domain=domains["y2"], range=[-0.05 * largest, 1.2 * largest], anchor="x2"),
        shapes=shapes,
        annotations=annotations,
    )
    layout["legend"] = legend_above(1.02, font={"size": 14})
    layout["margin"].update(t=90)
    return FinishedFigure({"data": data, "layout": layout})


# ---------------------------------------------------------------- against overfitting


def rate_name(drop_prob: float, labels_no_dropout: str, rate_format: str, language: str) -> str:
    """How a network is named on the charts: "no dropout", or both probabilities (PyTorch's and the lesson's)."""
    if drop_prob == 0.0:
        return labels_no_dropout
    return fill(rate_format, language, drop=drop_prob, keep=1.0 - drop_prob)


def rate_colors(rates: np.ndarray) -> list[str]:
    """Black for no dropout, then one colour per chosen rate, smallest first."""
    return [NO_DROPOUT if rate == 0.0 else RATE_COLORS[index - 1] for index, rate in enumerate(rates)]


def curves_figure(run: RatesRun, names: list[str], colors: list[str], accuracy: bool, labels: Labels,
                  stacked: bool = False) -> FinishedFigure:
    """Loss (log axis) or accuracy over the epochs, on the training set (left) and the validation set (right), one
    line per network, measured in eval mode; a diamond marks each network's lowest validation loss."""
    if accuracy:
        histories = (run.train_accuracy, run.val_accuracy)
        value_axis = {"range": [min(0.4, float(np.min(histories))) - 0.02, 1.02], "tickformat": ".0%"}
        title = labels.accuracy_axis
    else:
        histories = tuple(np.clip(np.nan_to_num(values, nan=1e6), LOSS_FLOOR, 1e6)
                          for values in (run.train_loss, run.val_loss))
        value_axis = log_axis(log_range(list(histories), pad=0.1))
        title = labels.loss_axis
    data = []
    for index, (name, color) in enumerate(zip(names, colors, strict=True)):
        for axes, history in (("", histories[0]), ("2", histories[1])):
            data.append({"type": "scatter", "mode": "lines", "x": typed(run.epochs), "y": typed(history[:, index]),
                         "xaxis": f"x{axes}", "yaxis": f"y{axes}", "line": {"color": color, "width": 2.5},
                         "name": name, "legendgroup": name, "showlegend": axes == "",
                         "hovertemplate": "%{x}: %{y:.3~r}<extra>" + name + "</extra>"})
        if not accuracy:
            best = int(np.argmin(histories[1][:, index]))
            data.append({"type": "scatter", "mode": "markers", "x": [int(run.epochs[best])],
                         "y": _plain(histories[1][best : best + 1, index], 6), "xaxis": "x2", "yaxis": "y2",
                         "legendgroup": name, "showlegend": False, "name": labels.lowest,
                         "hovertemplate": labels.lowest + ": %{x}, %{y:.3~r}<extra></extra>",
                         "marker": {"color": color, "size": 12, "symbol": "diamond",
                                    "line": {"color": "white", "width": 1}}})
    epochs = int(run.epochs[-1])
    domains = two_panels(stacked, gap=0.1 if stacked else 0.08)
    layout = chart_layout(
        int(430 * (STACKED_HEIGHT if stacked else 1)),
        xaxis=chart_axis("" if stacked else labels.epoch_axis, domain=domains["x"], range=[0, max(epochs, 1)]),
        yaxis=chart_axis(title, domain=domains["y"], **value_axis),
        xaxis2=chart_axis(labels.epoch_axis, domain=domains["x2"], range=[0, max(epochs, 1)], anchor="y2"),
        yaxis2=chart_axis(title if stacked else "", domain=domains["y2"], **value_axis, anchor="x2", matches="y"),
        annotations=[_title(labels.train_panel), _title(labels.val_panel, "2")],
    )
    layout["legend"] = legend_above(1.1, font={"size": 14})
    layout["margin"].update(t=110)
    return FinishedFigure({"data": data, "layout": layout})


def _points(points: DataSet, show_val: bool, labels: Labels) -> list[dict]:
    data = []
    if show_val:
        for label in (0, 1):
            chosen = points.x_val[points.y_val == label]
            data.append({"type": "scatter", "mode": "markers", "x": typed(chosen[:, 0]), "y": typed(chosen[:, 1]),
                         "name": labels.val_points, "hoverinfo": "skip", "showlegend": False, "opacity": 0.7,
                         "marker": {"color": CLASS_COLORS[label], "size": 5, "symbol": "circle-open"}})
    for label in (0, 1):
        chosen = points.x[points.y == label]
        data.append({"type": "scatter", "mode": "markers", "x": typed(chosen[:, 0]), "y": typed(chosen[:, 1]),
                     "name": labels.classes[label], "hoverinfo": "skip", "showlegend": False,
                     "marker": {"color": CLASS_COLORS[label], "size": 8, "line": {"color": "white", "width": 1}}})
    return data


def _plane_axes(axis1: np.ndarray, axis2: np.ndarray) -> dict:
    return {
        "xaxis": chart_axis("x₁", range=[float(axis1[0]), float(axis1[-1])], showgrid=False, zeroline=False,
                       constrain="domain"),
        "yaxis": chart_axis("x₂", range=[float(axis2[0]), float(axis2[-1])], showgrid=False, zeroline=False,
                       scaleanchor="x", scaleratio=1, constrain="domain"),
    }


def _boundary_line(axis1: np.ndarray, axis2: np.ndarray, probability: np.ndarray, color: str) -> list[dict]:
    """The decision boundary (the 1/2 level line), if the probability crosses 1/2 in the view."""
    if not probability.max() > 0.5 > probability.min():
        return []
    return [{"type": "contour", "x": typed(axis1), "y": typed(axis2), "z": typed(probability),
             "contours": {"start": 0.5, "end": 0.5, "size": 1, "coloring": "none"},
             "line": {"color": color, "width": 3}, "showscale": False, "hoverinfo": "skip", "showlegend": False}]


def boundary_figure(trained: Training, index: int, points: DataSet, show_val: bool, color: str, title: str,
                    labels: Labels) -> FinishedFigure:
    """One network's probability of class 1 over the plane (eval mode), its decision boundary in the network's
    colour, the training points (filled) and, if ``show_val``, the validation points (hollow)."""
    probability = np.clip(trained.probability[index], 0.0, 1.0)
    data = [{"type": "heatmap", "x": typed(trained.axis1), "y": typed(trained.axis2), "z": typed(probability),
             "zmin": 0, "zmax": 1, "colorscale": PROBABILITY_SCALE, "showscale": False,
             "hovertemplate": labels.probability + " = %{z:.2f}<extra></extra>"}]
    data += _boundary_line(trained.axis1, trained.axis2, probability, INK)
    data += _points(points, show_val, labels)
    title_note = {**_title(title), "font": {"size": 15, "color": text_color(color)}}
    layout = chart_layout(380, showlegend=False, annotations=[title_note], **_plane_axes(trained.axis1, trained.axis2))
    layout["margin"].update(t=40, r=10, l=50, b=50)
    return FinishedFigure({"data": data, "layout": layout})


# ---------------------------------------------------------------- Monte-Carlo dropout


def _colorbar(tickformat: str) -> dict:
    """A thin horizontal colour bar under the picture, the same for both pictures so that they line up."""
    return {"orientation": "h", "thickness": 12, "len": 0.9, "x": 0.5, "xanchor": "center", "y": -0.3,
            "yanchor": "top", "tickfont": {"size": 14}, "tickformat": tickformat}


def mc_mean_figure(plane: Plane, points: DataSet, labels: Labels) -> FinishedFigure:
    """The mean over the passes of the probability of class 1, with its 1/2 line and the training points."""
    mean = np.clip(plane.mean, 0.0, 1.0)
    data = [{"type": "heatmap", "x": typed(plane.axis1), "y": typed(plane.axis2), "z": typed(mean), "zmin": 0,
             "zmax": 1, "colorscale": PROBABILITY_SCALE, "zsmooth": "best", "colorbar": _colorbar(".1f"),
             "hovertemplate": labels.probability + " = %{z:.2f}<extra></extra>"}]
    data += _boundary_line(plane.axis1, plane.axis2, mean, INK)
    data += _points(points, False, labels)
    layout = chart_layout(430, showlegend=False, annotations=[_title(labels.mean_title)],
                     **_plane_axes(plane.axis1, plane.axis2))
    layout["margin"].update(t=40, r=10, l=50, b=110)
    return FinishedFigure({"data": data, "layout": layout})


def mc_spread_figure(plane: Plane, points: DataSet, labels: Labels) -> FinishedFigure:
    """The standard deviation over the passes of the probability of class 1 (darker: less sure), with the training
    points and the mean's 1/2 line."""
    spread = np.clip(plane.std, 0.0, 0.5)
    top = max(float(spread.max()), 1e-3)
    data = [{"type": "heatmap", "x": typed(plane.axis1), "y": typed(plane.axis2), "z": typed(spread), "zmin": 0,
             "zmax": top, "colorscale": SPREAD_SCALE, "hovertemplate": labels.spread + " = %{z:.3f}<extra></extra>",
             "zsmooth": "best", "colorbar": _colorbar(".2f")}]
    data += _boundary_line(plane.axis1, plane.axis2, np.clip(plane.mean, 0.0, 1.0), SKY_BLUE)
    data += _points(points, False, labels)
    layout = chart_layout(430, showlegend=False, annotations=[_title(labels.spread_title)],
                     **_plane_axes(plane.axis1, plane.axis2))
    layout["margin"].update(t=40, r=10, l=50, b=110)
    return FinishedFigure({"data": data, "layout": layout})
