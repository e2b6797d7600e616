"""The optimizer lab's race: every entrant's path and loss, animated together, with a step's arrows.

Playback speed is set by the work Plotly does per frame, which grows with the number of traces
(every trace of the figure is re-derived in every frame) far more than with the number of points.
So the race has one trace per path and shares the rest: the current points of all entrants are one
trace, the arrows one, the minima and the clickable grid one; the loss curves are layout shapes.
Frames carry plain JSON lists rounded to what the chart can show: Plotly re-reads a frame's arrays
every time it is shown, and decoding binary arrays there costs more than parsing a few numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ui.figures import (
    Bounds,
    FinishedFigure,
    SurfaceGrid,
    clip_to_view,
    frame_steps,
    loss_above_minimum,
    path_trace,
    typed,
    weight_axes,
)
from ui.palette import BLACK, MINIMUM_COLOR

MAX_FRAMES = 100
MIN_FRAMES = 40
FRAME_POINT_BUDGET = 60_000  # path points over all frames: about 0.8 MB of figure
THINNING = 1 / 1000  # points closer than this share of the view's width to the last drawn one are left out
FRAME_MS = 30  # 1x: a frame every second screen refresh when the browser keeps up
SPEEDS = (0.25, 0.5, 2.0)  # besides Play at 1x
ARROW_MIN_SHARE = 0.08  # shortest arrow, as a share of the view's diagonal
CLICK_GRID = 25  # clickable points per side of the contour, to pick the start (each costs time in every frame)
GRADIENT_COLOR = "#444444"  # the arrow of -grad L; the other two take the optimizer's colour
SHAFT = np.linspace(0.0, 0.9, 10)  # where an arrow's dots sit along it (the head is at 1)
DIVERGED_SYMBOL = "x-thin-open"


@dataclass(frozen=True)
class RaceLabels:
    """The words on the race chart, already in the page's language."""

    names: tuple[str, ...]
    minimum: str
    loss_axis: str
    step_axis: str
    play: str
    pause: str
    step: str
    arrows: tuple[str, str, str]  # gradient, velocity, step
    diverged: str  # format string with field step
    click: str  # hover text of the clickable grid


@dataclass(frozen=True)
class Arrows:
    """The inside of one entrant (index ``entrant``): for every update t, from theta_{t-1}, the directions
    of -g_t, of the remembered direction (velocity or first moment; None if the optimizer has none) and
    of the step taken. Each has shape ``(steps+1, 2)``; row 0 is unused."""

    entrant: int
    color: str
    gradient: np.ndarray
    velocity: np.ndarray | None
    update: np.ndarray


def plain(values, decimals: int) -> list[float]:
    """Finite numbers as a plain list, rounded to ``decimals`` (what a chart can show)."""
    return np.round(np.asarray(values, dtype=float), decimals).tolist()


def significant(values, digits: int = 4) -> list[float]:
    """Positive numbers (for a log axis) as a plain list with ``digits`` significant digits."""
    return [float(f"{value:.{digits}g}") for value in np.asarray(values, dtype=float)]


def _decimals(bounds: Bounds) -> int:
    """Decimals that resolve 1/2,000 of the view's width (a fraction of a pixel)."""
    (low1, high1), _ = bounds
    return int(max(0, np.ceil(np.log10(2000 / (high1 - low1)))))


def _view_diagonal(bounds: Bounds) -> float:
    (low1, high1), (low2, high2) = bounds
    return float(np.hypot(high1 - low1, high2 - low2))


def arrow_segments(origin: np.ndarray, direction: np.ndarray, length: float) -> np.ndarray:
    """A segment from ``origin`` of ``length`` along ``direction`` (nothing if the direction is zero)."""
    norm = float(np.hypot(*direction))
    if not np.isfinite(norm) or norm == 0.0 or not np.isfinite(length):
        return np.zeros((0, 2))
    return np.array([origin, origin + direction / norm * length])


def click_grid_trace(bounds: Bounds, hint: str) -> dict:
    """Invisible points over the whole contour: clicking one (a Plotly selection event) picks the start there.
    Plain, same-for-all styling: per-point styles would be re-derived in every animation frame."""
    (low1, high1), (low2, high2) = bounds
    mesh = np.stack(np.meshgrid(np.linspace(low1, high1, CLICK_GRID), np.linspace(low2, high2, CLICK_GRID)), axis=-1)
    return {
        "type": "scatter", "mode": "markers", "x": typed(mesh[..., 0].ravel()), "y": typed(mesh[..., 1].ravel()),
        "marker": {"size": 14, "color": "rgba(0,0,0,0)"}, "showlegend": False,
        "hovertemplate": f"{hint}<br>w₁=%{{x:.2f}}, w₂=%{{y:.2f}}<extra></extra>",
    }


_UNDIMMED = {"selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 1}}}


def playback(frame_names: list[str], active: int, labels: RaceLabels) -> dict:
    """Play (1x), slow motion and fast forward (each from step 0), Pause, and a step slider, as layout entries."""

    def playing(speed: float) -> dict:
        return {"frame": {"duration": FRAME_MS / speed, "redraw": False}, "transition": {"duration": 0},
                "mode": "immediate", "fromcurrent": False}

    still = {"frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0}, "mode": "immediate"}
    buttons = [{"label": "▶ " + labels.play, "method": "animate", "args": [frame_names, playing(1.0)]}]
    buttons += [{"label": f"▶ {speed:g}×", "method": "animate", "args": [frame_names, playing(speed)]}
                for speed in SPEEDS]
    buttons.append({"label": "‖ " + labels.pause, "method": "animate", "args": [[None], still]})
    return {
        "updatemenus": [{
            "type": "buttons", "direction": "left", "x": 0.0, "y": -0.13, "xanchor": "left", "yanchor": "top",
            "showactive": False, "pad": {"t": 0, "r": 6}, "buttons": buttons,
        }],
        "sliders": [{
            "active": active, "x": 0.0, "y": -0.2, "len": 1.0, "yanchor": "top", "xanchor": "left",
            "currentvalue": {"prefix": labels.step + " ", "font": {"size": 14}}, "pad": {"t": 0},
            "steps": [{"label": name, "method": "animate", "args": [[name], still]} for name in frame_names],
        }],
    }


def thinned(path: np.ndarray, spacing: float) -> np.ndarray:
    """Indices of the points of ``path (n, 2)`` that a chart can tell apart: walking along the path, keep a point
    when it lies at least ``spacing`` from the last kept one (the first point is always kept).

    The choice for a prefix of the path is the prefix of the choice for the whole path, so every frame can
    draw the path so far from the same kept points plus the current one.
    """
    kept, last = [0], path[0]
    for index in range(1, len(path)):
        if abs(path[index, 0] - last[0]) >= spacing or abs(path[index, 1] - last[1]) >= spacing:
            kept.append(index)
            last = path[index]
    return np.array(kept)


def race_figure(
    grid: SurfaceGrid,
    picture: dict,
    points: np.ndarray,
    losses: np.ndarray,
    diverged_at: np.ndarray,
    colors: list[str],
    arrows: Arrows | None,
    shown_step: int,
    labels: RaceLabels,
) -> FinishedFigure:
    """All entrants' paths on the surface (left) and their losses against step (right), animated together.

    ``points (steps+1, K, 2)``, ``losses (steps+1, K)``, ``diverged_at (K,)``. The figure opens at
    ``shown_step``; Play replays from step 0. Paths are clipped to the view and losses floored for the
    log axis, so no NaN or inf reaches the chart; a loss curve stops where its run diverged, and the
    entrant's marker turns into a cross from that step on.

    Plotly re-derives every trace of the figure in every frame, so the figure has few traces: a path per
    entrant, one trace for the current points of all entrants (on each chart), one for the arrows, one for
    the minima and the clickable grid; the loss curves are shapes, drawn once. A frame carries each path
    so far, without the points closer than a fraction of a pixel to the previous one (see ``thinned``),
    and fewer frames are made when the paths are long and restless, to keep the figure small.
    """
    steps, entrants = points.shape[0] - 1, points.shape[1]
    shown = clip_to_view(points, grid.bounds)
    above = loss_above_minimum(losses, grid.min_value)
    last_good = np.where(diverged_at >= 0, diverged_at - 1, steps)  # a diverged run's curve stops here
    diagonal, decimals = _view_diagonal(grid.bounds), _decimals(grid.bounds)
    (low1, high1), _ = grid.bounds
    kept = [thinned(shown[:, index], (high1 - low1) * THINNING) for index in range(entrants)]
    steps_shown = _frame_steps(steps, shown_step, kept)
    paths, marks, loss_marks = list(range(1, 1 + entrants)), 1 + entrants, 2 + entrants

    data: list[dict] = [click_grid_trace(grid.bounds, labels.click)]
    for index in range(entrants):
        line = path_trace(shown[:1, index], colors[index], labels.names[index])
        del line["marker"]
        data.append({**line, "mode": "lines"})
    points = {"type": "scatter", "mode": "markers", "x": [], "y": [], "showlegend": False, "hoverinfo": "text"}
    data.append({**points, "mode": "markers+text", "textfont": {"size": 14, "color": BLACK}, **_UNDIMMED})
    data.append({**points, "xaxis": "x2", "yaxis": "y2"})
    loss_curves = [loss_curve_shape(above[: last_good[index] + 1, index], colors[index]) for index in range(entrants)]
    stars = [{"point": minimum, "color": MINIMUM_COLOR, "size": 18, "symbol": "star", "rim": (1, "black"),
              "hover": f"{labels.minimum}: ({minimum[0]:.4g}, {minimum[1]:.4g})"} for minimum in grid.minima]

    def step_data(step: int) -> list[dict]:
        drawn = [np.append(indices[indices < step], step) for indices in kept]
        lines = [{"x": plain(shown[rows, index, 0], decimals), "y": plain(shown[rows, index, 1], decimals)}
                 for index, rows in enumerate(drawn)]
        gone = (diverged_at >= 0) & (diverged_at <= step)
        heads = [{"point": shown[step, index], "color": colors[index], "size": HEAD_SIZE, "rim": (2, "white"),
                  "symbol": DIVERGED_SYMBOL if flag else "circle",
                  "hover": labels.diverged.format(step=int(diverged_at[index])) if flag else labels.names[index]}
                 for index, flag in enumerate(gone)]
        at = np.minimum(step, last_good)
        loss_heads = [{**head, "point": (at[index], above[at[index], index])} for index, head in enumerate(heads)]
        return [*lines, _marks_data(stars + heads + _arrow_marks(arrows, shown, step, diagonal, labels.arrows),
                                    decimals),
                _marks_data(loss_heads, None)]

    moving = [*paths, marks, loss_marks]
    frames = [{"name": str(step), "traces": moving, "data": step_data(step)} for step in steps_shown]
    for trace_index, values in zip(moving, step_data(shown_step), strict=True):
        data[trace_index].update(values)

    names = [str(step) for step in steps_shown]
    finite = above[np.arange(steps + 1)[:, None] <= last_good[None, :]]
    low, high = np.log10(finite.min()), np.log10(finite.max())
    layout = {
        **weight_axes(grid.bounds, domain=(0.0, 0.55)),
        "xaxis2": {"domain": [0.66, 1.0], "range": [0, max(steps, 1)], "title": {"text": labels.step_axis},
                   "anchor": "y2"},
        "yaxis2": {"type": "log", "range": [low - 0.3, max(high, low + 1) + 0.3], "anchor": "x2",
                   "title": {"text": labels.loss_axis}, "exponentformat": "power"},
        "images": [picture],
        "shapes": loss_curves,
        "height": 640,
        "margin": {"l": 50, "r": 20, "t": 40, "b": 150},
        "legend": {"orientation": "h", "x": 0.0, "y": 1.02, "xanchor": "left", "yanchor": "bottom"},
        "hovermode": "closest",
        **playback(names, int(np.searchsorted(steps_shown, shown_step)), labels),
    }
    return FinishedFigure({"data": data, "layout": layout, "frames": frames})


def _frame_steps(steps: int, shown_step: int, kept: list[np.ndarray]) -> np.ndarray:
    """The steps that become frames: up to ``MAX_FRAMES`` evenly spread (always 0, the last and the opening
    step), fewer (down to ``MIN_FRAMES``) when the paths drawn in all frames would exceed the point budget."""
    for count in range(MAX_FRAMES, MIN_FRAMES - 1, -10):
        chosen = np.union1d(frame_steps(steps, count), [shown_step]).astype(int)
        drawn = sum(int(np.searchsorted(indices, chosen).sum()) for indices in kept)
        if drawn <= FRAME_POINT_BUDGET:
            break
    return chosen


def loss_curve_shape(above: np.ndarray, color: str) -> dict:
    """A loss curve (``L - L*`` from step 0, positive) as an SVG path on the log axis ``y2``."""
    path = "M" + "L".join(f"{step},{height:.4g}" for step, height in enumerate(above))
    return {"type": "path", "path": path, "xref": "x2", "yref": "y2", "layer": "below", "opacity": 0.6,
            "line": {"color": color, "width": 2}}


HEAD_SIZE = 13


def _marks_data(marks: list[dict], decimals: int | None) -> dict:
    """Points with their own look (``point``, ``color``, ``size`` and optionally ``symbol``, ``angle`` (degrees
    clockwise from up), ``rim`` (width, colour), ``text`` with its ``position``, ``hover``) as the data of one
    markers trace. ``decimals`` rounds
    the positions; None keeps four significant digits of y (for a log axis)."""
    xs = [float(mark["point"][0]) for mark in marks]
    ys = [float(mark["point"][1]) for mark in marks]
    rims = [mark.get("rim", (0, "white")) for mark in marks]
    return {
        "x": plain(xs, decimals) if decimals is not None else xs,
        "y": plain(ys, decimals) if decimals is not None else significant(ys),
        "text": [mark.get("text", "") for mark in marks],
        "textposition": [mark.get("position", "top center") for mark in marks],
        "hovertext": [mark.get("hover", "") for mark in marks],
        "marker": {"color": [mark["color"] for mark in marks], "size": [mark["size"] for mark in marks],
                   "symbol": [mark.get("symbol", "circle") for mark in marks],
                   "angle": [mark.get("angle", 0.0) for mark in marks],
                   "line": {"width": [width for width, _ in rims], "color": [color for _, color in rims]}},
    }


def _arrow_marks(arrows: Arrows | None, shown: np.ndarray, step: int, diagonal: float, names: tuple) -> list[dict]:
    """The arrows of update ``step``, drawn from the point before the step as dotted shafts ending in an arrow head
    (a marker that points along the shaft) with its name. Every arrow is as long as the step itself, at least
    ``ARROW_MIN_SHARE`` of the view: their directions are what they show. Returns one mark per point."""
    if arrows is None or step == 0:
        return []
    origin = shown[step - 1, arrows.entrant]
    length = max(float(np.hypot(*arrows.update[step])), ARROW_MIN_SHARE * diagonal)
    velocity = None if arrows.velocity is None else -arrows.velocity[step]
    marks = []
    for number, (vector, name) in enumerate(zip((-arrows.gradient[step], velocity, arrows.update[step]), names,
                                                strict=True)):
        segment = None if vector is None else arrow_segments(origin, vector, length)
        if segment is None or not len(segment):
            continue
        color = GRADIENT_COLOR if number == 0 else arrows.color
        dots = (origin + SHAFT[:, None] * (segment[1] - origin)).tolist()
        marks += [{"point": dot, "color": color, "size": 4} for dot in dots]
        # Labels alternate above and below their tips, so that arrows pointing the same way stay readable.
        # The weight axes have equal scales, so a direction in the data is the same direction on the screen.
        angle = float(np.degrees(np.arctan2(*(segment[1] - origin))))
        marks.append({"point": segment[1], "color": color, "size": 15, "symbol": "arrow", "angle": angle,
                      "text": name, "position": "bottom center" if number == 1 else "top center"})
    return marks
