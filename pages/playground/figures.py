"""Figures of the network playground: a recorded training run played back, and two runs side by side.

One figure per view, animated by Plotly frames (one frame per snapshot), so the browser plays the training without
asking the server. Frames carry only what moves, as plain lists rounded to what the chart can show (the race's rules,
``pages/optimizer_lab/race_figure.py``):

- the probability over the plane is one trace of square markers, one per grid point, coloured by the network's
  probability of class 1 there (as whole percents): Plotly redraws a scatter trace in a frame without redrawing the
  figure, which a heatmap or a picture would need;
- the decision boundary (probability 0.5) is one line trace of segments (marching squares over the same grid);
- the data points are drawn once, and never named in a frame;
- the curves grow as the run plays; each row of per-layer small multiples is one trace, the layers side by side
  on one axis (each layer's panel is a stretch of that axis), so the number of traces does not grow with depth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core.lessons.playground import Recording
from ui import raster
from ui.figures import (
    FinishedFigure,
    PlaybackLabels,
    chart_axis,
    chart_layout,
    log_range,
    playback,
)
from ui.palette import BLACK, BLUE, ORANGE, PURPLE, SKY_BLUE, VERMILLION

CLASS_COLORS = (BLUE, VERMILLION)  # class 0 and class 1, points and the ends of the probability scale
FIELD_SCALE = [[0.0, "#8DB8DA"], [0.5, "#FFFFFF"], [1.0, "#F0B28C"]]  # paler versions of the class colours
TRAIN_COLOR, VAL_COLOR = BLACK, ORANGE  # the training and validation curves
RUN_COLORS = (BLACK, PURPLE)  # configuration A and B in the comparison
BAND_COLOR, MEDIAN_COLOR = "rgba(86,180,233,0.35)", BLUE
FIELD_BANDS = 8  # the probability over the plane in bands of 1/8
FIELD_ROW_STRIDE = 2  # the bands are drawn along every other row of the grid (twice as thick); the boundary uses all
COMPARISON_STRIDE = 2  # the comparison plays every other snapshot: it draws two fields per frame
LAYER_GAP = 0.25  # the space between two layers' panels, as a share of one panel's width
SPEEDS = (2.0,)
LOSS_FLOOR = 1e-4


@dataclass(frozen=True)
class Labels:
    """The words on the playground's charts, already in the page's language."""

    language: str
    loss_axis: str
    accuracy_axis: str
    train: str
    val: str
    classes: tuple[str, str]
    train_points: str
    val_points: str
    layer: str  # format string with field index
    output: str
    percentiles: str
    no_gradient: str
    grad_norm: str
    playback: PlaybackLabels
    runs: tuple[str, str] = ("A", "B")  # the two configurations' names (А and Б in Russian)


def level_segments(values: np.ndarray, axis1: np.ndarray, axis2: np.ndarray, level: float = 0.5) -> np.ndarray:
    """Where ``values[i2, i1]`` (sampled at ``axis2[i2]``, ``axis1[i1]``) crosses ``level``, as line segments
    ``(K, 2, 2)`` (marching squares, with the crossings interpolated linearly along the cells' edges; a saddle cell is
    split by its centre's value)."""
    return stacked_level_segments(np.asarray(values)[None], axis1, axis2, level)[0]


def stacked_level_segments(values: np.ndarray, axis1: np.ndarray, axis2: np.ndarray,
                           level: float = 0.5) -> list[np.ndarray]:
    """``level_segments`` of every picture ``values[s]`` of a stack ``(S, len(axis2), len(axis1))`` in one pass:
    one array of segments ``(K_s, 2, 2)`` per picture, each in the order ``level_segments`` gives (the cells with two
    crossings row by row, then the saddle cells' pairs)."""
    above = values >= level
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # Crossing points on horizontal edges (i2, i1)-(i2, i1+1) and vertical edges (i2, i1)-(i2+1, i1).
        share_h = np.clip((level - values[:, :, :-1]) / (values[:, :, 1:] - values[:, :, :-1]), 0.0, 1.0)
        share_v = np.clip((level - values[:, :-1, :]) / (values[:, 1:, :] - values[:, :-1, :]), 0.0, 1.0)
    cross_h = above[:, :, :-1] != above[:, :, 1:]
    cross_v = above[:, :-1, :] != above[:, 1:, :]
    x_h = axis1[:-1] + np.nan_to_num(share_h) * np.diff(axis1)
    y_v = axis2[:-1, None] + np.nan_to_num(share_v) * np.diff(axis2)[:, None]
    # The four edges of each cell: bottom, right, top, left.
    flags = np.stack([cross_h[:, :-1, :], cross_v[:, :, 1:], cross_h[:, 1:, :], cross_v[:, :, :-1]], axis=-1)
    count = flags.sum(axis=-1)

    def point(edge: np.ndarray, picture: np.ndarray, row: np.ndarray, column: np.ndarray) -> np.ndarray:
        """The crossing on edge ``edge`` (0-3) of the cells at (``row``, ``column``) of pictures ``picture``."""
        x = np.select([edge == 0, edge == 1, edge == 2],
                      [x_h[picture, row, column], axis1[column + 1], x_h[picture, row + 1, column]], axis1[column])
        y = np.select([edge == 0, edge == 1, edge == 2],
                      [axis2[row], y_v[picture, row, column + 1], axis2[row + 1]], y_v[picture, row, column])
        return np.stack([x, y], axis=-1)

    parts = []  # per kind of cell: its segments and the picture of each
    picture, row, column = np.nonzero(count == 2)
    crossed = flags[picture, row, column]  # (K, 4): the two crossed edges of each cell, in the order of the edges
    first, second = np.argmax(crossed, axis=1), 3 - np.argmax(crossed[:, ::-1], axis=1)
    parts.append((np.stack([point(first, picture, row, column), point(second, picture, row, column)], axis=1),
                  picture))
    four = count == 4
    if four.any():
        centre = values[:, :-1, :-1] + values[:, 1:, :-1] + values[:, :-1, 1:] + values[:, 1:, 1:]
        corner_above = above[:, :-1, :-1]  # the bottom-left corner
        joins_left = (centre / 4 >= level) != corner_above  # the centre differs from the corner: cut that corner off
        for first, second, mask in ((0, 3, joins_left), (1, 2, joins_left), (0, 1, ~joins_left), (2, 3, ~joins_left)):
            picture, row, column = np.nonzero(four & mask)
            ends = [point(np.full(len(row), edge), picture, row, column) for edge in (first, second)]
            parts.append((np.stack(ends, axis=1).reshape(-1, 2, 2), picture))
    pictures = len(values)
    pieces = [np.split(segments, np.searchsorted(picture, np.arange(1, pictures))) for segments, picture in parts]
    return [np.concatenate(each).reshape(-1, 2, 2) for each in zip(*pieces, strict=True)]


def _plain(values, decimals: int) -> list:
    return np.round(np.asarray(values, dtype=float), decimals).tolist()


def polylines(segments: np.ndarray, decimals: int) -> list[list[tuple[float, float]]]:
    """Segments ``(K, 2, 2)`` joined end to end into polylines (ends compared after rounding to ``decimals``): each
    shared point is written once, and a line breaks only where the curve does."""
    ends = [(tuple(start), tuple(stop)) for start, stop in np.round(segments, decimals).tolist()]
    touching: dict[tuple, list[int]] = {}
    for index, (start, stop) in enumerate(ends):
        touching.setdefault(start, []).append(index)
        touching.setdefault(stop, []).append(index)
    used = [False] * len(ends)

    def walk(line: list, point: tuple) -> None:
        while True:
            following = next((index for index in touching[point] if not used[index]), None)
            if following is None:
                return
            used[following] = True
            start, stop = ends[following]
            point = stop if start == point else start
            line.append(point)

    lines = []
    for index, (start, stop) in enumerate(ends):
        if used[index]:
            continue
        used[index] = True
        forward, backward = [start, stop], [start]
        walk(forward, stop)
        walk(backward, start)
        lines.append(backward[::-1][:-1] + forward)
    return lines


def _segments_data(segments: np.ndarray, decimals: int) -> dict:
    """Segments as one line trace's data: joined into polylines, separated by gaps."""
    xs, ys = [], []
    for line in polylines(segments, decimals):
        xs += [x for x, _ in line] + [None]
        ys += [y for _, y in line] + [None]
    return {"x": xs[:-1], "y": ys[:-1]}


def _decimals(bounds) -> int:
    """Decimals that resolve 1/300 of the view's width (about a pixel of the panel)."""
    (low1, high1), _ = bounds
    return int(max(0, np.ceil(np.log10(300 / (high1 - low1)))))


@dataclass(frozen=True)
class Plane:
    """What the boundary panels draw from the data: the grid and the points, and the view."""

    axis1: np.ndarray
    axis2: np.ndarray
    bounds: tuple[tuple[float, float], tuple[float, float]]
    x: np.ndarray
    y: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray

    @classmethod
    def of(cls, points) -> Plane:
        """The plane of a data set (``pages.playground.trainer.DataSet``)."""
        return cls(points.axis1, points.axis2, points.bounds, points.x, points.y, points.x_val, points.y_val)


def band_runs(values: np.ndarray, bands: int = FIELD_BANDS) -> tuple[np.ndarray, ...]:
    """The grid's rows cut into runs of neighbouring points whose value falls in the same band (``bands`` equal
    bands of [0, 1]): ``(row, first, last, band)``, one entry per run, each an array."""
    band = np.clip((np.asarray(values) * bands).astype(int), 0, bands - 1)
    starts = np.ones(band.shape, dtype=bool)
    starts[:, 1:] = band[:, 1:] != band[:, :-1]
    rows, first = np.nonzero(starts)
    ends = np.ones(band.shape, dtype=bool)
    ends[:, :-1] = starts[:, 1:]
    last = np.nonzero(ends)[1]
    return rows, first, last, band[rows, first]


def _field_data(plane: Plane, probability: np.ndarray) -> list[dict]:
    """The probability over the plane as ``FIELD_BANDS`` line traces' data, one per band: every run of a grid row
    whose points fall in that band is a thick horizontal line from the first point's cell edge to the last one's."""
    values = probability.reshape(len(plane.axis2), len(plane.axis1))[::FIELD_ROW_STRIDE]
    rows, first, last, band = band_runs(values)
    half = (plane.axis1[1] - plane.axis1[0]) / 2
    decimals = _decimals(plane.bounds)
    starts = np.round(plane.axis1[first] - half, decimals)
    stops = np.round(plane.axis1[last] + half, decimals)
    heights = np.round(plane.axis2[::FIELD_ROW_STRIDE][rows], decimals)
    data = []
    for level in range(FIELD_BANDS):
        chosen = band == level
        data.append({"x": _broken_line(starts[chosen], stops[chosen]),
                     "y": _broken_line(heights[chosen], heights[chosen])})
    return data


def _broken_line(first: np.ndarray, second: np.ndarray) -> list:
    """``[first[0], second[0], None, first[1], second[1], None, ...]`` without the last None: one line trace's
    coordinates for separate segments (filled in NumPy: a list built value by value took a fifth of the chart)."""
    values = np.empty(3 * first.size, dtype=object)
    values[0::3], values[1::3] = first, second
    return values[:-1].tolist()


def _field_traces(plane: Plane, probability: np.ndarray, axes: str, row_px: float) -> list[dict]:
    """The bands' line traces, ``row_px`` thick (a grid row's height on the screen: the rows touch), with butt ends
    at the cells' edges. Lines, not markers: a frame redraws a line as one path, where every marker is styled."""
    colors = band_colors()
    return [{"type": "scatter", "mode": "lines", "xaxis": f"x{axes}", "yaxis": f"y{axes}", "showlegend": False,
             "hoverinfo": "skip", "meta": "field", "line": {"color": colors[level], "width": row_px},
             **values} for level, values in enumerate(_field_data(plane, probability))]


def band_colors() -> list[str]:
    """The colour of each band, spread along ``FIELD_SCALE`` (``ui.raster.band_colors``)."""
    return ["#" + "".join(f"{int(round(value)):02X}" for value in color)
            for color in raster.band_colors(FIELD_SCALE, FIELD_BANDS)]


def _boundaries_data(plane: Plane, probability: np.ndarray) -> list[dict]:
    """The decision boundary (probability 0.5) of every snapshot ``probability[s]`` as a line trace's data."""
    values = probability.reshape(len(probability), len(plane.axis2), len(plane.axis1))
    decimals = _decimals(plane.bounds)
    return [_segments_data(segments, decimals)
            for segments in stacked_level_segments(values, plane.axis1, plane.axis2)]


def _point_traces(plane: Plane, labels: Labels, axes: str, legend: bool) -> list[dict]:
    """The data, drawn once: training points as filled circles, validation points as open ones, by class."""
    traces = []
    for features, classes, name, symbol in ((plane.x, plane.y, labels.train_points, "circle"),
                                            (plane.x_val, plane.y_val, labels.val_points, "circle-open")):
        colors = [CLASS_COLORS[int(label)] for label in classes]
        traces.append({
            "type": "scatter", "mode": "markers", "x": _plain(features[:, 0], 3), "y": _plain(features[:, 1], 3),
            "xaxis": f"x{axes}", "yaxis": f"y{axes}", "name": name, "showlegend": legend,
            "marker": {"symbol": symbol, "size": 7, "color": colors,
                       "line": {"width": 1.5 if symbol == "circle-open" else 0.6,
                                "color": colors if symbol == "circle-open" else "white"}},
            "hoverinfo": "skip",
        })
    return traces


def _plane_axes(plane: Plane, axes: str, x_domain, y_domain) -> dict:
    (low1, high1), (low2, high2) = plane.bounds
    hidden = {"showgrid": False, "zeroline": False, "showticklabels": False, "ticks": "", "fixedrange": True,
              "showline": True, "linecolor": "#B8BFCA", "mirror": True}
    return {
        f"xaxis{axes}": {"range": [low1, high1], "domain": list(x_domain), "constrain": "domain", **hidden},
        f"yaxis{axes}": {"range": [low2, high2], "domain": list(y_domain), "scaleanchor": f"x{axes}",
                         "scaleratio": 1, "constrain": "domain", **hidden},
    }


def _row_px(height: int, y_domain, margin: dict, grid: int, width_px: float | None = None) -> float:
    """Lines thick enough for the grid's rows to touch: the panel's side in pixels over the grid's points, plus one
    pixel (overlaps are hidden; the panel clips what reaches beyond it)."""
    side = (height - margin["t"] - margin["b"]) * (y_domain[1] - y_domain[0])
    if width_px is not None:
        side = min(side, width_px)
    return float(np.ceil(side / max(grid - 1, 1)) + 1)


def _curve(color: str, name: str, axes: str, dash: str = "solid", legend: bool = True) -> dict:
    """A growing curve: its data (``y``, and ``x`` or ``x0``/``dx``) comes from the frames."""
    return {"type": "scatter", "mode": "lines", "xaxis": f"x{axes}", "yaxis": f"y{axes}",
            "name": name, "showlegend": legend, "line": {"color": color, "width": 2.5, "dash": dash},
            "hovertemplate": "%{x}: %{y:.3~r}<extra>" + name + "</extra>"}


def _time_axes(axes: str, steps: int, x_domain, y_domain, title: str, y_extra: dict, x_title: str = "") -> dict:
    return {
        f"xaxis{axes}": chart_axis(x_title, range=[0, max(steps, 1)], domain=list(x_domain), anchor=f"y{axes}",
                                   fixedrange=True),
        f"yaxis{axes}": chart_axis(title, domain=list(y_domain), anchor=f"x{axes}", fixedrange=True, **y_extra),
    }


def _losses(values: np.ndarray) -> np.ndarray:
    return np.maximum(values, LOSS_FLOOR)


def _significant(values, digits: int = 4) -> list[float]:
    return [float(f"{value:.{digits}g}") for value in np.asarray(values, dtype=float)]


# ---------------------------------------------------------------- the layers' small multiples


def _layer_x(steps: np.ndarray, total: int, index: int) -> np.ndarray:
    """The x of ``steps`` in layer ``index``'s panel: [index (1 + gap), index (1 + gap) + 1]."""
    return index * (1 + LAYER_GAP) + steps / max(total, 1)


def _path(x: np.ndarray, y: np.ndarray, close: bool = False) -> str:
    text = "M" + "L".join(f"{a:.4g},{b:.4g}" for a, b in zip(x, y, strict=True))
    return text + "Z" if close else text


def _layer_shapes(run: Recording, first_axes: int) -> list[dict]:
    """The whole history of every layer, drawn once as faint paths, one path per row and kind whatever the depth
    (each layer a subpath): the 15-85 % band and the median of the pre-activations, the share without gradient, the
    gradient norm (on its log axis). Plotly checks every shape of the layout in every frame: few shapes, fast frames."""
    total, stats = int(run.steps[-1]), run.layers
    hidden = stats.percentiles.shape[1]
    xs = [_layer_x(run.steps, total, index) for index in range(hidden + 1)]
    band = "".join(_path(np.concatenate([xs[k], xs[k][::-1]]),
                         np.concatenate([stats.percentiles[:, k, 0], stats.percentiles[:, k, 2][::-1]]), True)
                   for k in range(hidden))
    median = "".join(_path(xs[k], stats.percentiles[:, k, 1]) for k in range(hidden))
    dead = "".join(_path(xs[k], stats.no_gradient[:, k]) for k in range(hidden))
    norms = "".join(_path(xs[k], np.maximum(stats.grad_norm[:, k], 1e-12)) for k in range(hidden + 1))
    refs = [{"xref": f"x{first_axes + row}", "yref": f"y{first_axes + row}", "layer": "below"} for row in range(3)]
    return [
        {"type": "path", "path": band, **refs[0], "fillcolor": BAND_COLOR, "line": {"width": 0}},
        {"type": "path", "path": median, **refs[0], "line": {"color": MEDIAN_COLOR, "width": 1.5}, "opacity": 0.7},
        {"type": "path", "path": dead, **refs[1], "line": {"color": VERMILLION, "width": 1.5}, "opacity": 0.7},
        {"type": "path", "path": norms, **refs[2], "line": {"color": SKY_BLUE, "width": 1.5}, "opacity": 0.8},
    ]


def _layer_data(run: Recording, upto: int) -> list[dict]:
    """The current point of every layer on each row at snapshot ``upto``: the median, the share without gradient and
    the gradient norm."""
    total, stats = int(run.steps[-1]), run.layers
    hidden = stats.percentiles.shape[1]
    x = [float(_layer_x(run.steps[upto], total, index)) for index in range(hidden + 1)]
    return [
        {"x": _plain(x[:hidden], 4), "y": _plain(stats.percentiles[upto, :, 1], 3)},
        {"x": _plain(x[:hidden], 4), "y": _plain(stats.no_gradient[upto], 3)},
        {"x": _plain(x, 4), "y": _significant(np.maximum(stats.grad_norm[upto], 1e-12))},
    ]


def _layer_traces(first_axes: int) -> list[dict]:
    colors = (MEDIAN_COLOR, VERMILLION, SKY_BLUE)
    return [{"type": "scatter", "mode": "markers", "xaxis": f"x{first_axes + row}", "yaxis": f"y{first_axes + row}",
             "marker": {"color": colors[row], "size": 9, "line": {"width": 1.5, "color": "white"}},
             "showlegend": False, "hovertemplate": "%{y}<extra></extra>"} for row in range(3)]


def _layer_layout(run: Recording, labels: Labels, rows: list[tuple[float, float]], first_axes: int,
                  x_domain: tuple[float, float] = (0.0, 1.0)) -> tuple:
    """Axes, panel outlines and titles of the small multiples: three rows across ``x_domain``, one panel per layer
    (the output layer has only a gradient)."""
    stats = run.layers
    hidden = stats.percentiles.shape[1]
    width = (hidden + 1) * (1 + LAYER_GAP) - LAYER_GAP
    low = float(np.min(stats.percentiles[..., 0]))
    high = float(np.max(stats.percentiles[..., 2]))
    pad = 0.08 * max(high - low, 1e-3)
    norm_range = log_range(np.maximum(stats.grad_norm, 1e-12), 0.2)
    y_ranges = [{"range": [low - pad, high + pad], "nticks": 3},
                {"range": [-0.05, 1.05], "tickvals": [0, 0.5, 1], "tickformat": ".0%"},
                {"type": "log", "range": norm_range, "exponentformat": "power",
                 "dtick": max(1, int(np.ceil((norm_range[1] - norm_range[0]) / 3)))}]
    titles = [labels.percentiles, labels.no_gradient, labels.grad_norm]
    layout, shapes, notes = {}, [], []
    for row, ((bottom, top), extra, title) in enumerate(zip(rows, y_ranges, titles, strict=True)):
        axes = str(first_axes + row)
        layout[f"xaxis{axes}"] = {"range": [-0.02, width + 0.02], "domain": list(x_domain), "anchor": f"y{axes}",
                                  "showticklabels": False, "showgrid": False, "zeroline": False, "fixedrange": True}
        layout[f"yaxis{axes}"] = chart_axis("", domain=[bottom, top], anchor=f"x{axes}", fixedrange=True,
                                            showgrid=False, zeroline=False,
                                            tickfont={"size": 14, "color": "#31333F"}, **extra)
        notes.append({"text": title, "xref": "paper", "yref": "paper", "x": x_domain[0], "y": top, "xanchor": "left",
                      "yanchor": "bottom", "showarrow": False, "font": {"size": 14, "color": "#31333F"}})
        outlines = "".join(f"M{index * (1 + LAYER_GAP):.4g},0H{index * (1 + LAYER_GAP) + 1:.4g}V1"
                           f"H{index * (1 + LAYER_GAP):.4g}Z" for index in range(hidden + (row == 2)))
        shapes.append({"type": "path", "path": outlines, "xref": f"x{axes}", "yref": f"y{axes} domain",
                       "line": {"color": "#B8BFCA", "width": 1}, "layer": "below"})
    bottom_axis = f"xaxis{first_axes + 2}"  # the gradient row names the layers under its panels
    layout[bottom_axis].update({
        "showticklabels": True, "tickvals": [index * (1 + LAYER_GAP) + 0.5 for index in range(hidden + 1)],
        "ticktext": [labels.layer.format(index=index + 1) for index in range(hidden)] + [labels.output],
        "tickfont": {"size": 14, "color": "#31333F"}, "ticks": ""})
    return layout, shapes + _layer_shapes(run, first_axes), notes


def _series(steps: np.ndarray, upto: int) -> dict:
    """The x of a growing curve: ``x0``/``dx`` when the snapshots are evenly spaced (a frame then carries y only)."""
    spacing = np.diff(steps)
    if len(spacing) and np.all(spacing == spacing[0]):
        return {"x0": 0, "dx": int(spacing[0])}
    return {"x": steps[: upto + 1].tolist()}


# ---------------------------------------------------------------- the live training


def training_figure(run: Recording, plane: Plane, labels: Labels, phone: bool = False) -> FinishedFigure:
    """The run played back: the probability over the plane with the boundary and the data (left, or on top on a
    phone), the loss and accuracy on both sets (right), and each layer's statistics below, all moving together from
    step 0 to the end. The figure opens at the last snapshot; Play replays the training from step 0."""
    last = len(run.steps) - 1
    total = int(run.steps[-1])
    if phone:  # one column: the plane, the curves, the layers
        height, margin = 1120, {"l": 60, "r": 20, "t": 125, "b": 130}
        plane_x, plane_y = (0.0, 1.0), (0.64, 1.0)
        loss_x, loss_y, acc_x, acc_y = (0.0, 1.0), (0.5, 0.6), (0.0, 1.0), (0.37, 0.47)
        rows, rows_x = [(0.23, 0.3), (0.125, 0.185), (0.02, 0.08)], (0.0, 1.0)
    else:  # three columns, one screen high (a laptop, or a projector in presenter mode)
        height, margin = 620, {"l": 60, "r": 20, "t": 70, "b": 140}
        plane_x, plane_y = (0.0, 0.36), (0.0, 1.0)
        loss_x, loss_y, acc_x, acc_y = (0.47, 0.69), (0.56, 1.0), (0.47, 0.69), (0.0, 0.44)
        rows, rows_x = [(0.76, 0.92), (0.42, 0.58), (0.08, 0.24)], (0.74, 1.0)
    row_px = _row_px(height, plane_y, margin, len(plane.axis2[::FIELD_ROW_STRIDE]), 340 if phone else None)
    steps = run.steps

    boundaries = _boundaries_data(plane, run.probability)
    curves = (_significant(_losses(run.train_loss)), _significant(_losses(run.val_loss)),
              _plain(run.train_accuracy, 3), _plain(run.val_accuracy, 3))  # each frame shows a beginning of each

    def moving(upto: int) -> list[dict]:
        x = _series(steps, upto) if upto == last else {}  # x0/dx is set once, in the figure's traces
        return [
            *_field_data(plane, run.probability[upto]),
            boundaries[upto],
            *({**x, "y": curve[: upto + 1]} for curve in curves),
            *_layer_data(run, upto),
        ]

    data = [
        *_field_traces(plane, run.probability[last], "", row_px),
        {"type": "scatter", "mode": "lines", "xaxis": "x", "yaxis": "y", "showlegend": False, "hoverinfo": "skip",
         "meta": "boundary", "line": {"color": "#31333F", "width": 2}},
        *_point_traces(plane, labels, "", True),
        _curve(TRAIN_COLOR, labels.train, "2"),
        _curve(VAL_COLOR, labels.val, "2", "dash"),
        _curve(TRAIN_COLOR, labels.train, "3", legend=False),
        _curve(VAL_COLOR, labels.val, "3", "dash", legend=False),
        *_layer_traces(4),
    ]
    points_at = FIELD_BANDS + 1  # the two traces of the data points, the only ones no frame names
    moved = [index for index in range(len(data)) if index not in (points_at, points_at + 1)]
    for index, values in zip(moved, moving(last), strict=True):
        data[index].update(values)
    frames = [{"name": str(int(steps[k])), "traces": moved, "data": moving(k)} for k in range(len(steps))]
    losses = np.concatenate([_losses(run.train_loss), _losses(run.val_loss)])
    loss_decades = log_range(losses, 0.15)
    layout = chart_layout(height, margin)
    layout.update(_plane_axes(plane, "", plane_x, plane_y))
    layout.update(_time_axes("2", total, loss_x, loss_y, labels.loss_axis,
                             {"type": "log", "range": loss_decades, "exponentformat": "power",
                              "dtick": max(1, int(np.ceil((loss_decades[1] - loss_decades[0]) / 3)))}))
    layout.update(_time_axes("3", total, acc_x, acc_y, labels.accuracy_axis,
                             {"range": [0.0, 1.03], "tickformat": ".0%", "tickvals": [0, 0.5, 1]}))
    layer_axes, shapes, notes = _layer_layout(run, labels, rows, 4, rows_x)
    layout.update(layer_axes)
    layout.update({
        "shapes": shapes, "annotations": notes, "hovermode": "closest", "dragmode": False,
        "legend": {"orientation": "v" if phone else "h", "x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
                   "font": {"size": 14}},
        **playback([frame["name"] for frame in frames], last, labels.playback, speeds=SPEEDS,
                   buttons_y=-0.035 if phone else -0.07, slider_y=-0.075 if phone else -0.16),
    })
    layout["xaxis2"]["showticklabels"] = False  # the accuracy panel below shares its steps
    return FinishedFigure({"data": data, "layout": layout, "frames": frames})


# ---------------------------------------------------------------- two runs side by side


def comparison_figure(runs: tuple[Recording, Recording], plane: Plane, labels: Labels,
                      phone: bool = False) -> FinishedFigure:
    """Two runs on the same data, seed and budget: each one's probability over the plane with its boundary, and both
    validation losses and accuracies, played back together."""
    last = min(len(run.steps) for run in runs) - 1
    steps = runs[0].steps
    total = int(steps[-1])
    height = 720 if phone else 540
    margin = {"l": 60, "r": 20, "t": 90, "b": 130}
    if phone:  # the planes side by side on top, each half the width
        planes = [((0.0, 0.48), (0.69, 1.0)), ((0.52, 1.0), (0.69, 1.0))]
        loss_x, loss_y, acc_x, acc_y = (0.0, 1.0), (0.35, 0.6), (0.0, 1.0), (0.0, 0.25)
    else:
        planes = [((0.0, 0.31), (0.0, 1.0)), ((0.34, 0.65), (0.0, 1.0))]
        loss_x, loss_y, acc_x, acc_y = (0.77, 1.0), (0.56, 1.0), (0.77, 1.0), (0.0, 0.44)
    row_px = _row_px(height, planes[0][1], margin, len(plane.axis2[::FIELD_ROW_STRIDE]), 160 if phone else 330)

    shown = np.union1d(np.arange(0, last + 1, COMPARISON_STRIDE), [last])  # two fields: every other snapshot
    boundaries = [dict(zip(shown.tolist(), _boundaries_data(plane, run.probability[shown]), strict=True))
                  for run in runs]
    losses = [_significant(_losses(run.val_loss)) for run in runs]
    accuracies = [_plain(run.val_accuracy, 3) for run in runs]

    def moving(upto: int) -> list[dict]:
        x = {"x": steps[: upto + 1].tolist()}
        traces = []
        for run, boundary in zip(runs, boundaries, strict=True):
            traces += [*_field_data(plane, run.probability[upto]), boundary[upto]]
        traces += [{**x, "y": curve[: upto + 1]} for curve in losses]
        traces += [{**x, "y": curve[: upto + 1]} for curve in accuracies]
        return traces

    data, moved = [], []
    for position, run in enumerate(runs):
        axes = "" if position == 0 else "2"
        moved += list(range(len(data), len(data) + FIELD_BANDS + 1))
        data += [*_field_traces(plane, run.probability[last], axes, row_px),
                 {"type": "scatter", "mode": "lines", "xaxis": f"x{axes}", "yaxis": f"y{axes}", "showlegend": False,
                  "hoverinfo": "skip", "meta": "boundary", "line": {"color": "#31333F", "width": 2}},
                 *_point_traces(plane, labels, axes, position == 0)]
    for axes, legend in (("3", True), ("4", False)):
        for position in range(2):
            moved.append(len(data))
            data.append(_curve(RUN_COLORS[position], labels.runs[position], axes,
                               "solid" if position == 0 else "dash", legend))
    for index, values in zip(moved, moving(last), strict=True):
        data[index].update(values)
    frames = [{"name": str(int(steps[k])), "traces": moved, "data": moving(int(k))} for k in shown]
    losses = np.concatenate([_losses(run.val_loss) for run in runs])
    loss_decades = log_range(losses, 0.15)
    layout = chart_layout(height, margin)
    for position, (x_domain, y_domain) in enumerate(planes):
        layout.update(_plane_axes(plane, "" if position == 0 else "2", x_domain, y_domain))
    layout.update(_time_axes("3", total, loss_x, loss_y, labels.val + " · " + labels.loss_axis,
                             {"type": "log", "range": loss_decades, "exponentformat": "power",
                              "dtick": max(1, int(np.ceil((loss_decades[1] - loss_decades[0]) / 3)))}))
    layout.update(_time_axes("4", total, acc_x, acc_y, labels.val + " · " + labels.accuracy_axis,
                             {"range": [0.0, 1.03], "tickformat": ".0%", "tickvals": [0, 0.5, 1]}))
    notes = [{"text": f"<b>{labels.runs[position]}</b>", "xref": "paper", "yref": "paper",
              "x": (x_domain[0] + x_domain[1]) / 2, "y": y_domain[1], "xanchor": "center", "yanchor": "bottom",
              "showarrow": False, "font": {"size": 18, "color": RUN_COLORS[position]}}
             for position, (x_domain, y_domain) in enumerate(planes)]
    layout.update({
        "annotations": notes, "hovermode": "closest", "dragmode": False,
        "legend": {"orientation": "h", "x": 0.0, "y": 1.08, "xanchor": "left", "yanchor": "bottom",
                   "font": {"size": 14}},
        **playback([frame["name"] for frame in frames], len(frames) - 1, labels.playback, speeds=SPEEDS,
                   buttons_y=-0.06 if phone else -0.08, slider_y=-0.13 if phone else -0.19),
    })
    return FinishedFigure({"data": data, "layout": layout, "frames": frames})
