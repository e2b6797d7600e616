"""Static figures of the optimizer lab's lessons: four learning rates, schedules, noisy runs, stability maps.

Plotly JSON dictionaries (``FinishedFigure``), arrays in binary form, surfaces as background
images, paths clipped to the view and losses floored: no NaN or inf reaches a chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pages.optimizer_lab.compute import MapResult, NoisyRuns, ScheduleRuns, Sweep
from pages.optimizer_lab.race_figure import DIVERGED_SYMBOL
from ui.figures import (
    FinishedFigure,
    SurfaceView,
    clip_to_view,
    legend_above,
    log_axis,
    log_range,
    loss_above_minimum,
    minima_trace,
    path_trace,
    typed,
    weight_axes,
)
from ui.numbers import SUPERSCRIPTS, number
from ui.palette import BLACK

GAP = 0.04
MAP_DIVERGED = "#3B0A0A"
MAP_TOP = 2.0  # progress beyond +2 (the loss grew a hundredfold) is drawn as +2


def map_colorscale(low: float) -> list[list]:
    """Progress on a map from ``low`` to ``MAP_TOP``, and one band above it for runs that diverged: deep blue
    (the loss fell by many decades), white exactly at 0 (no progress), orange (it grew), dark (diverged)."""
    span = MAP_TOP + 1.0 - low

    def at(value: float) -> float:
        return (value - low) / span

    return [[0.0, "#08306B"], [at(low / 2), "#6BAED6"], [at(0.0), "#F7FBFF"], [at(MAP_TOP / 2), "#FDAE6B"],
            [at(MAP_TOP), "#E6550D"], [at(MAP_TOP), MAP_DIVERGED], [1.0, MAP_DIVERGED]]


def _picture_on(picture: dict, axes: str) -> dict:
    """The cached surface picture placed on other axes (the PNG is encoded once)."""
    return {**picture, "xref": f"x{axes}", "yref": f"y{axes}"}


def _on_axes(trace: dict, axes: str) -> dict:
    return {**trace, "xaxis": f"x{axes}", "yaxis": f"y{axes}"}


def _loss_curve(above: np.ndarray, diverged_at: int, color: str, name: str, axes: str, dx: float = 1.0,
                **line) -> list[dict]:
    """L - L* against step (or against ``dx`` units of x per step), stopped where the run diverged (with a cross
    there)."""
    last = len(above) - 1 if diverged_at < 0 else max(diverged_at - 1, 0)
    traces = [{"type": "scatter", "mode": "lines", "x0": 0, "dx": dx, "y": typed(above[: last + 1]),
               "line": {"color": color, "width": 2, **line}, "name": name, "xaxis": f"x{axes}", "yaxis": f"y{axes}",
               "hovertemplate": "%{x}: %{y}<extra>%{fullData.name}</extra>"}]
    if diverged_at >= 0:
        traces.append({"type": "scatter", "mode": "markers", "x": [last * dx], "y": typed(above[last : last + 1]),
                       "marker": {"symbol": DIVERGED_SYMBOL, "size": 16, "line": {"width": 3}, "color": color},
                       "showlegend": False, "hoverinfo": "skip", "xaxis": f"x{axes}", "yaxis": f"y{axes}"})
    return traces


def power_of_ten(exponent: float) -> str:
    """A tick of a log axis: ``10⁻³`` below 1 (the same in every language, no decimal point or comma), else
    ``1``, ``10``, ``100``."""
    return "10" + str(int(exponent)).translate(SUPERSCRIPTS) if exponent < 0 else number(10.0**exponent, 1)


def _log_axis(values: list[np.ndarray], **extra) -> dict:
    """A log axis with a fixed range around every finite value given."""
    return log_axis(log_range(values), **extra)


@dataclass(frozen=True)
class CurveLabels:
    """The words of a chart of runs, already in the page's language: axis titles and the minimum's name."""

    loss_axis: str
    step_axis: str
    minimum: str


def four_rates_figure(grid: SurfaceView, picture: dict, sweep: Sweep, colors: tuple[str, ...],
                      titles: tuple[str, ...], labels: CurveLabels) -> FinishedFigure:
    """Four runs side by side, each in its colour: loss against step on top, the path on the surface below (one
    column each); ``titles`` names the four columns."""
    points, losses, diverged_at = sweep.points, sweep.losses, sweep.diverged_at
    loss_axis, step_axis, minimum = labels.loss_axis, labels.step_axis, labels.minimum
    steps = points.shape[0] - 1
    above = loss_above_minimum(losses, grid.min_value)
    shown = clip_to_view(points, grid.bounds)
    width = (1 - 3 * GAP) / 4
    data, layout = [], {}
    finite = [above[: (steps + 1 if d < 0 else max(d, 1)), k] for k, d in enumerate(diverged_at)]
    loss_range = _log_axis(finite)
    for column in range(4):
        top, bottom = str(column + 1), str(column + 5)
        domain = [column * (width + GAP), column * (width + GAP) + width]
        color = colors[column]
        data += _loss_curve(above[:, column], int(diverged_at[column]), color, titles[column], top)
        last = len(shown) if diverged_at[column] < 0 else int(diverged_at[column])  # no path beyond divergence
        data.append(_on_axes(path_trace(shown[:last, column], color, titles[column]), bottom))
        data.append(_on_axes(minima_trace(grid.minima, minimum), bottom))
        layout[f"xaxis{top}"] = {"domain": domain, "anchor": f"y{top}", "range": [0, steps],
                                 "title": {"text": step_axis}}
        layout[f"yaxis{top}"] = {**loss_range, "domain": [0.58, 1.0], "anchor": f"x{top}",
                                 "title": {"text": loss_axis if column == 0 else ""}}
        axes = weight_axes(grid.bounds, domain=domain, axes=bottom)
        layout[f"xaxis{bottom}"] = {**axes[f"xaxis{bottom}"], "anchor": f"y{bottom}"}
        layout[f"yaxis{bottom}"] = {**axes[f"yaxis{bottom}"], "domain": [0.0, 0.44], "anchor": f"x{bottom}"}
        if column:  # only the first column names its axes: the others sit close to their neighbours
            layout[f"yaxis{bottom}"]["title"] = {"text": ""}
    layout.update({
        "images": [_picture_on(picture, str(column + 5)) for column in range(4)],
        "annotations": [{"xref": f"x{column + 1} domain", "yref": "paper", "x": 0.5, "y": 1.0, "yanchor": "bottom",
                         "showarrow": False, "text": f"<b>{titles[column]}</b>", "font": {"size": 14}}
                        for column in range(4)],
        "height": 660, "margin": {"l": 60, "r": 10, "t": 64, "b": 40}, "showlegend": False,
    })
    return FinishedFigure({"data": [_strip_legend(trace) for trace in data], "layout": layout})


def _strip_legend(trace: dict) -> dict:
    return {**trace, "showlegend": False}


@dataclass(frozen=True)
class ScheduleLabels:
    """The words of the schedule chart: the two runs' names and the axis titles."""

    constant: str
    scheduled: str
    rate_axis: str
    loss_axis: str
    step_axis: str


def schedule_figure(runs: ScheduleRuns, min_value: float, color: str, labels: ScheduleLabels) -> FinishedFigure:
    """Left: the learning rate of every update, constant and scheduled. Right: the two loss curves."""
    rates, losses, diverged_at = runs.rates, runs.losses, runs.diverged_at
    names, rate_axis = (labels.constant, labels.scheduled), labels.rate_axis
    loss_axis, step_axis = labels.loss_axis, labels.step_axis
    steps = losses.shape[0] - 1
    above = loss_above_minimum(losses, min_value)
    styles = ({"color": "#777777", "dash": "dash"}, {"color": color})
    data = []
    for index, (name, style) in enumerate(zip(names, styles, strict=True)):
        data.append({"type": "scatter", "mode": "lines", "x0": 1, "dx": 1, "y": typed(rates[:, index]), "name": name,
                     "line": {"width": 2, **style}, "legendgroup": name,
                     "hovertemplate": "t=%{x}: η=%{y:.3~r}<extra></extra>"})
        for trace in _loss_curve(above[:, index], int(diverged_at[index]), style["color"], name, "2",
                                 **({"dash": style["dash"]} if "dash" in style else {})):
            data.append({**trace, "showlegend": False, "legendgroup": name})
    finite = [above[: (steps + 1 if d < 0 else max(d, 1)), k] for k, d in enumerate(diverged_at)]
    layout = {
        "xaxis": {"domain": [0.0, 0.42], "range": [0, steps], "title": {"text": step_axis}},
        "yaxis": _log_axis([rates], title={"text": rate_axis}),
        "xaxis2": {"domain": [0.55, 1.0], "range": [0, steps], "title": {"text": step_axis}, "anchor": "y2"},
        "yaxis2": _log_axis(finite, title={"text": loss_axis}, anchor="x2"),
        "height": 420, "margin": {"l": 60, "r": 10, "t": 40, "b": 50},
        "legend": legend_above(),
    }
    return FinishedFigure({"data": data, "layout": layout})


@dataclass(frozen=True)
class NoisyLabels:
    """The words of a chart of noiseless and noisy runs: a name per noiseless run, one for the noisy ones."""

    exact_names: tuple[str, ...]
    noisy_name: str
    curves: CurveLabels


@dataclass(frozen=True)
class LossAxis:
    """What the loss chart's x axis counts: ``exact_dx`` and ``noisy_dx`` units per step of each kind of run
    (1 and 1 for steps; 1 and batch/n for epochs, i.e. gradient evaluations over the data size)."""

    title: str
    exact_dx: float = 1.0
    noisy_dx: float = 1.0


def noisy_figure(runs: NoisyRuns, picture: dict, exact_colors: list[str], noisy_color: str,
                 labels: NoisyLabels, loss_x: LossAxis | None = None) -> FinishedFigure:
    """Deterministic runs (thick) and noisy runs (thin, translucent) on the surface (left) and their losses (right)."""
    grid, exact, exact_losses, exact_diverged = runs.grid, runs.exact, runs.exact_losses, runs.exact_diverged
    noisy, noisy_losses, noisy_diverged = runs.noisy, runs.noisy_losses, runs.noisy_diverged
    exact_names, noisy_name = labels.exact_names, labels.noisy_name
    loss_axis, minimum = labels.curves.loss_axis, labels.curves.minimum
    loss_x = loss_x or LossAxis(labels.curves.step_axis)
    steps = exact.shape[0] - 1
    shown_exact, shown_noisy = clip_to_view(exact, grid.bounds), clip_to_view(noisy, grid.bounds)
    exact_above = loss_above_minimum(exact_losses, grid.min_value)
    noisy_above = loss_above_minimum(noisy_losses, grid.min_value)
    data = [minima_trace(grid.minima, minimum)]
    for run in range(noisy.shape[1]):
        first = run == 0
        path = path_trace(shown_noisy[:, run], noisy_color, noisy_name)
        data.append({**path, "mode": "lines", "opacity": 0.45, "line": {"color": noisy_color, "width": 1.2},
                     "legendgroup": "noisy", "showlegend": first})
        for trace in _loss_curve(noisy_above[:, run], int(noisy_diverged[run]), noisy_color, noisy_name, "2",
                                 loss_x.noisy_dx,
                                 width=1.2):
            data.append({**trace, "opacity": 0.45, "legendgroup": "noisy", "showlegend": False})
    for run, (color, name) in enumerate(zip(exact_colors, exact_names, strict=True)):
        path = path_trace(shown_exact[:, run], color, name)
        data.append({**path, "mode": "lines", "line": {"color": color, "width": 3.5}, "legendgroup": name})
        for trace in _loss_curve(exact_above[:, run], int(exact_diverged[run]), color, name, "2", loss_x.exact_dx,
                                 width=3.5):
            data.append({**trace, "legendgroup": name, "showlegend": False})
    finite = [exact_above[: steps + 1 if d < 0 else max(d, 1), k] for k, d in enumerate(exact_diverged)]
    finite += [noisy_above[: steps + 1 if d < 0 else max(d, 1), k] for k, d in enumerate(noisy_diverged)]
    layout = {
        **weight_axes(grid.bounds, domain=(0.0, 0.5)),
        "xaxis2": {"domain": [0.6, 1.0], "range": [0, steps * max(loss_x.exact_dx, loss_x.noisy_dx)],
                   "title": {"text": loss_x.title}, "anchor": "y2"},
        "yaxis2": _log_axis(finite, title={"text": loss_axis}, anchor="x2"),
        "images": [picture],
        "height": 500, "margin": {"l": 50, "r": 10, "t": 40, "b": 50},
        "legend": legend_above(),
    }
    return FinishedFigure({"data": data, "layout": layout})


@dataclass(frozen=True)
class MapLabels:
    """The words of the stability map: axis titles, the colour bar's title and top band, the theory line (exact
    or local) and the current setting's marker."""

    x: str
    y: str
    progress: str
    diverged: str
    theory: str
    current: str


def map_figure(result: MapResult, log_rows: bool, current: tuple[float, float] | None,
               labels: MapLabels) -> FinishedFigure:
    """The stability map as a heatmap over (log lr) x (second setting), with the theoretical limit as a line
    (solid where exact, dashed where it holds only near the minimum) and the current setting as a diamond.

    ``progress`` is log10 of the final over the initial gap (negative is good); diverged cells get the
    dark top colour.
    """
    lrs, seconds = result.result.lrs, result.result.seconds
    progress, diverged = result.result.progress, result.result.diverged
    exact = result.theory.limit is not None
    limit = result.theory.limit if exact else result.theory.local_limit
    limit_dashed = not exact
    low = float(min(progress.min(), -1.0))
    top = MAP_TOP
    z = np.where(diverged, top + 1.0, np.clip(progress, low, top))
    rows = np.log10(seconds) if log_rows else seconds
    decades = [float(tick) for tick in range(-16, 1, 4) if tick > low + 1] + [low]
    data = [{
        "type": "heatmap", "x": typed(np.log10(lrs)), "y": typed(rows), "z": typed(z), "zmin": low,
        "zmax": top + 1.0, "colorscale": map_colorscale(low),
        "colorbar": {"title": {"text": labels.progress, "side": "right"}, "len": 0.9,
                     "tickvals": [*decades, top, top + 0.75],
                     "ticktext": [f"{tick:.0f}".replace("-", "−") for tick in decades] + [f"+{top:.0f}",
                                                                                          labels.diverged]},
        "hovertemplate": "η=10^%{x:.2f}<br>%{y:.3~r}<br>%{z:.2f}<extra></extra>",
    }]
    if limit is not None:
        inside = (limit >= lrs[0]) & (limit <= lrs[-1])
        line = {"type": "scatter", "mode": "lines", "x": typed(np.log10(limit[inside])), "y": typed(rows[inside]),
                "hoverinfo": "skip"}
        data.append({**line, "line": {"color": "white", "width": 6}, "showlegend": False})  # readable on dark cells
        data.append({**line, "line": {"color": BLACK, "width": 3, "dash": "dash" if limit_dashed else "solid"},
                     "name": labels.theory})
    if current is not None and not (log_rows and current[1] <= 0):  # eps = 0 has no place on a log axis
        lr, second = current
        data.append({"type": "scatter", "mode": "markers", "x": [float(np.log10(lr))],
                     "y": [float(np.log10(second) if log_rows else second)], "name": labels.current,
                     "marker": {"symbol": "diamond", "size": 14, "color": "white", "line": {"width": 2.5,
                                                                                             "color": BLACK}}})
    ticks = np.arange(np.ceil(np.log10(lrs[0])), np.floor(np.log10(lrs[-1])) + 1)
    y_axis = {"title": {"text": labels.y}}
    if log_rows:
        row_ticks = np.arange(np.ceil(rows[0]), np.floor(rows[-1]) + 1)
        y_axis.update(tickvals=list(row_ticks), ticktext=[power_of_ten(tick) for tick in row_ticks])
    layout = {
        "xaxis": {"title": {"text": labels.x}, "tickvals": list(ticks),
                  "ticktext": [power_of_ten(tick) for tick in ticks]},
        "yaxis": y_axis,
        "height": 560, "margin": {"l": 60, "r": 10, "t": 40, "b": 50},
        "legend": legend_above(),
    }
    return FinishedFigure({"data": data, "layout": layout})
