"""The optimizer lab's race: every entrant's path and loss, animated together, with a step's arrows.

Playback speed is set by the work Plotly does per frame, which grows with the number of traces
(every trace of the figure is re-derived in every frame) far more than with the number of points.
So the race has one trace per path and shares the rest: the current points of all entrants are one
trace (on each chart), the minima one, the clickable grid one that draws nothing, and the loss curves are
layout shapes. The arrows of one update are three small traces, not annotations: a frame that changes the
layout makes Plotly redraw every annotation, shape and image, which cost the race a quarter of its frames.
A frame carries only the paths, the current points and the arrows of its own step, as plain JSON lists rounded
to what the chart can show: Plotly re-reads a frame's arrays every time it is shown, and decoding binary arrays
there costs more than parsing a few numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dl_core.lessons.race import StepAnatomy
from ui.figures import (
    MAX_FRAMES,
    Bounds,
    FinishedFigure,
    PlaybackLabels,
    SurfaceView,
    clip_to_view,
    frame_steps,
    legend_above,
    log_axis,
    log_range,
    loss_above_minimum,
    path_trace,
    playback,
    weight_axes,
)
from ui.i18n import localised
from ui.numbers import number
from ui.palette import MINIMUM_COLOR, text_color

MIN_FRAMES = 40
FRAME_POINT_BUDGET = 60_000  # path points over all frames: about 0.8 MB of figure
# Points closer than this share of the view's width to the last drawn one are left out: about a pixel of the
# surface panel. At 1/1000 the seven optimizers at their best rates on Beale (restless paths) overran the point
# budget, the race fell to 50 frames and played at 15 frames per second.
THINNING = 1 / 500
SPEEDS = (0.25, 0.5, 2.0)  # besides Play at 1x
ARROW_SHARES = (0.06, 0.45)  # the longest arrow is magnified below / shrunk above these shares of the view's diagonal
ARROW_TARGET = 0.2  # ... to about this share
MAX_MAGNIFICATION = 1e9
TIP_MARGIN = 0.08  # arrow tips stay this share of the view inside its edges, where there is room
HEADLESS_SHARE = 0.03  # arrows shorter than this share of the view's diagonal get no head (see arrow_traces)
LABEL_TURN = 0.5  # a name sits beyond its arrow's tip, turned to one side by this much of the arrow's length
ARROW_SLOTS = 3  # traces of the arrows: the gradient step, the optimizer's memory (if it has one), the step taken
ARROW_WIDTH = 2.5
CLICK_GRID = 25  # clickable points per side of the contour, to pick the start (each costs time in every frame)
DIVERGED_SYMBOL = "x-thin-open"
TITLE_COLOR = "#31333F"  # the arrows' title, in the colour of the page's text
TITLE_INSET = 0.01  # ... this share of the view inside its top left corner
GRADIENT_COLOR = "#444444"  # the arrow of -eta g; the step takes the optimizer's colour, its memory a paler one
HEAD_SIZE = 13


@dataclass(frozen=True)
class RaceLabels:
    """The words on the race chart, already in the page's language."""

    names: tuple[str, ...]
    minimum: str
    loss_axis: str
    step_axis: str
    playback: PlaybackLabels
    diverged: str  # format string with field step
    click: str  # hover text of the clickable grid
    arrows_title: str  # format string with fields name and step
    magnified: str  # format string with field factor
    language: str = "en"  # the numbers of the hover texts are written in its style


def pair(first: float, second: float, spec: str, language: str) -> str:
    """A point as ``(0.25, −1.5)``; in Russian ``(0,25; −1,5)``, since the comma is the decimal sign."""
    separator = "; " if language == "ru" else ", "
    return f"({localised(format(first, spec), language)}{separator}{localised(format(second, spec), language)})"


@dataclass(frozen=True)
class StepArrows:
    r"""One update of one entrant, to scale in parameter space: from ``origin`` (:math:`\theta_{t-1}`),
    each of ``vectors`` is ``(label, vector (2,), colour)``, e.g. :math:`-\eta g_t`, :math:`-\eta \hat m_t`
    and :math:`\Delta\theta_t`. ``name`` and ``step`` say whose update it is."""

    name: str
    step: int
    origin: np.ndarray
    vectors: tuple[tuple[str, np.ndarray, str], ...]


@dataclass(frozen=True)
class ArrowWords:
    """The names of the arrows of one update and of the optimizer that took it."""

    gradient: str
    velocity: str  # for b
    moment: str  # for m̂
    step: str
    name: str


def step_arrows(anatomy: StepAnatomy, color: str, words: ArrowWords) -> StepArrows:
    r"""The arrows of one update, all in parameter space: the plain gradient step :math:`-\eta g_t`, what the
    optimizer brings from its past (:math:`-\eta\mu b_{t-1}` for Momentum and RMSProp with momentum,
    :math:`-\eta\mu b_t` for Nesterov, :math:`-\eta\hat m_t` for Adam and AdamW; none for the others) and the
    step :math:`\Delta\theta_t` it took. For Momentum the step is the sum of the first two.

    ``words`` names them and the optimizer.
    """
    lr, hyper, name = anatomy.lr, anatomy.hyper, anatomy.name
    memory = None
    if name in ("momentum", "rmsprop") and hyper.get("momentum", 0.0) > 0:
        memory = (words.velocity, -lr * hyper["momentum"] * anatomy.before["momentum_buffer"])
    elif name == "nesterov":
        memory = (words.velocity, -lr * hyper["momentum"] * anatomy.after["momentum_buffer"])
    elif name in ("adam", "adamw"):
        memory = (words.moment, -lr * anatomy.derived["m_hat"])
    paler = color + "99"  # the optimizer's colour at 60 % opacity (#rrggbbaa)
    vectors = [(words.gradient, -lr * anatomy.grad, GRADIENT_COLOR)]
    if memory:
        vectors.append((*memory, paler))
    vectors.append((words.step, anatomy.update, color))
    return StepArrows(words.name, anatomy.step, anatomy.point, tuple(vectors))


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


def ground_traces(bounds: Bounds, minima: np.ndarray, labels: RaceLabels) -> list[dict]:
    """What stays put on the surface, as two traces: points over the whole view that draw nothing and the
    known minima (stars). A click on the grid (a Plotly selection event) picks the start there. The grid's
    points are empty texts, not invisible markers, which cost every frame of the race 11 ms to style; Plotly
    selects only points with a marker or a text."""
    (low1, high1), (low2, high2) = bounds
    mesh = np.stack(np.meshgrid(np.linspace(low1, high1, CLICK_GRID), np.linspace(low2, high2, CLICK_GRID)), axis=-1)
    grid = mesh.reshape(-1, 2)
    decimals = _decimals(bounds) + 1
    stars = [{"point": minimum, "color": MINIMUM_COLOR, "size": 18, "symbol": "star", "rim": (1, "black"),
              "hover": f"{labels.minimum}: {pair(minimum[0], minimum[1], '.4g', labels.language)}"}
             for minimum in minima]
    clickable = {"x": plain(grid[:, 0], decimals), "y": plain(grid[:, 1], decimals),
                 "hovertext": [f"{labels.click}<br>(w₁, w₂) = {pair(x, y, '.2f', labels.language)}" for x, y in grid]}
    common = {"type": "scatter", "showlegend": False, "hovertemplate": "%{hovertext}<extra></extra>", **_UNDIMMED}
    return [{**common, "mode": "text", "text": [""] * len(grid), **clickable},
            {**common, "mode": "markers", **_marks_data(stars, decimals)}]


_UNDIMMED = {"selected": {"marker": {"opacity": 1}}, "unselected": {"marker": {"opacity": 1}}}


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
    grid: SurfaceView,
    picture: dict,
    points: np.ndarray,
    losses: np.ndarray,
    diverged_at: np.ndarray,
    colors: list[str],
    arrows_at: Callable[[int], StepArrows | None],
    shown_step: int,
    labels: RaceLabels,
) -> FinishedFigure:
    """All entrants' paths on the surface (left) and their losses against step (right), animated together.

    ``points (steps+1, K, 2)``, ``losses (steps+1, K)``, ``diverged_at (K,)``. The figure opens at
    ``shown_step``; Play goes on from there (from step 0 at the last step). Paths are clipped to the view
    and losses floored for the log axis, so no NaN or inf reaches the chart; a loss curve stops where its run
    diverged, and the entrant's marker turns into a cross from that step on. ``arrows_at(step)`` gives the
    arrows of update ``step`` (or None): each frame draws its own step's (see ``arrow_traces``), so the
    arrows follow the moving points while the race plays and show the update of the step where it stops.

    Plotly re-derives every trace of the figure in every frame, so the figure has few traces: a path per
    entrant, one for the minima and the clickable grid, one for the current points of all entrants (on each
    chart); the loss curves are shapes, drawn once, and the arrows three small traces. A frame carries each
    path so far, without the points closer than a fraction of a pixel to the previous one (see ``thinned``),
    and fewer frames are made when the paths are long and restless, to keep the figure small.
    """
    steps, entrants = points.shape[0] - 1, points.shape[1]
    shown = clip_to_view(points, grid.bounds)
    above = loss_above_minimum(losses, grid.min_value)
    last_good = np.where(diverged_at >= 0, diverged_at - 1, steps)  # a diverged run's curve stops here
    decimals = _decimals(grid.bounds)
    (low1, high1), _ = grid.bounds
    kept = [thinned(shown[:, index], (high1 - low1) * THINNING) for index in range(entrants)]
    steps_shown = _frame_steps(steps, shown_step, kept)
    paths, ground = list(range(entrants)), [entrants, entrants + 1]
    heads_trace, loss_heads_trace = entrants + 2, entrants + 3
    arrow_slots = list(range(entrants + 4, entrants + 5 + ARROW_SLOTS))  # the arrows and their title

    data: list[dict] = []
    for index in range(entrants):
        line = path_trace(shown[:1, index], colors[index], labels.names[index])
        del line["marker"]
        data.append({**line, "mode": "lines"})
    heads = {"type": "scatter", "mode": "markers", "x": [], "y": [], "showlegend": False, "hoverinfo": "text",
             **_UNDIMMED}
    # The stars above the paths, the current points above the stars, the arrows above everything.
    data += [*ground_traces(grid.bounds, grid.minima, labels), heads, {**heads, "xaxis": "x2", "yaxis": "y2"}]
    data += [*[ARROW_TRACE] * ARROW_SLOTS, TITLE_TRACE]
    loss_curves = [loss_curve_shape(above[: last_good[index] + 1, index], colors[index]) for index in range(entrants)]

    # Each path rounded once: a frame's path is the kept points before its step, then the point at the step.
    kept_xy = [(plain(shown[indices, index, 0], decimals), plain(shown[indices, index, 1], decimals))
               for index, indices in enumerate(kept)]
    every_xy = [(plain(shown[:, index, 0], decimals), plain(shown[:, index, 1], decimals)) for index in range(entrants)]

    def step_data(step: int) -> list[dict]:
        lines = []
        for (kept_x, kept_y), (every_x, every_y), indices in zip(kept_xy, every_xy, kept, strict=True):
            before = int(np.searchsorted(indices, step))
            lines.append({"x": [*kept_x[:before], every_x[step]], "y": [*kept_y[:before], every_y[step]]})
        gone = (diverged_at >= 0) & (diverged_at <= step)
        marks = [{"point": shown[step, index], "color": colors[index], "size": HEAD_SIZE, "rim": (2, "white"),
                  "symbol": DIVERGED_SYMBOL if flag else "circle",
                  "hover": labels.diverged.format(step=int(diverged_at[index])) if flag else labels.names[index]}
                 for index, flag in enumerate(gone)]
        at = np.minimum(step, last_good)
        loss_marks = [{**mark, "point": (at[index], above[at[index], index])} for index, mark in enumerate(marks)]
        notes = arrow_traces(arrows_at(step), grid.bounds, labels)
        return [*lines, _marks_data(marks, decimals), _marks_data(loss_marks, None), *notes]

    moving = [*paths, heads_trace, loss_heads_trace, *arrow_slots]
    # The ground traces (clickable grid and minima) do not move, but every frame names them with an empty update:
    # Plotly recomputes every trace's data in a frame and redraws only those named, so an unnamed trace would be
    # left without its drawing and the next click on the chart would fail (its selection style has nothing to
    # restyle), until the page reran.
    frames = [{"name": str(step), "traces": [*moving, *ground], "data": [*step_data(step), {}, {}]}
              for step in steps_shown]
    for trace_index, values in zip(moving, step_data(shown_step), strict=True):
        data[trace_index] = {**data[trace_index], **values}

    names = [str(step) for step in steps_shown]
    finite = above[np.arange(steps + 1)[:, None] <= last_good[None, :]]
    layout = {
        **weight_axes(grid.bounds, domain=(0.0, 0.55)),
        "xaxis2": {"domain": [0.66, 1.0], "range": [0, 1.03 * max(steps, 1)], "title": {"text": labels.step_axis},
                   "anchor": "y2"},
        "yaxis2": log_axis(log_range(finite), anchor="x2", title={"text": labels.loss_axis}),
        "images": [picture],
        "shapes": loss_curves,
        "height": 640,
        "margin": {"l": 50, "r": 20, "t": 40, "b": 150},
        "legend": legend_above(),
        "hovermode": "closest",
        **playback(names, int(np.searchsorted(steps_shown, shown_step)), labels.playback, speeds=SPEEDS),
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


def _marks_data(marks: list[dict], decimals: int | None) -> dict:
    """Points with their own look (``point``, ``color``, ``size`` and optionally ``symbol``, ``rim`` (width,
    colour), ``hover``) as the data of one markers trace. ``decimals`` rounds the positions; None keeps four
    significant digits of y (for a log axis)."""
    xs = [float(mark["point"][0]) for mark in marks]
    ys = [float(mark["point"][1]) for mark in marks]
    rims = [mark.get("rim", (0, "white")) for mark in marks]
    return {
        "x": plain(xs, decimals) if decimals is not None else xs,
        "y": plain(ys, decimals) if decimals is not None else significant(ys),
        "hovertext": [mark.get("hover", "") for mark in marks],
        "marker": {"color": [mark["color"] for mark in marks], "size": [mark["size"] for mark in marks],
                   "symbol": [mark.get("symbol", "circle") for mark in marks],
                   "line": {"width": [width for width, _ in rims], "color": [color for _, color in rims]}},
    }


def arrow_scale(arrows: StepArrows, bounds: Bounds) -> float:
    """One factor for all arrows, so that their lengths stay comparable: 1 when the longest is a readable share
    of the view's diagonal, else a round number (1, 2 or 5 times a power of ten) that brings it near
    ``ARROW_TARGET``; then no larger than keeps every tip inside the view (``TIP_MARGIN`` inside its edges where
    the point allows, to leave room for the names). 0 when there is nothing to draw
    (no finite arrow, the point outside the view, or arrows that need more than ``MAX_MAGNIFICATION``)."""
    (low1, high1), (low2, high2) = bounds
    vectors = np.array([vector for _, vector, _ in arrows.vectors], dtype=float).reshape(-1, 2)
    longest = float(np.max(np.hypot(vectors[:, 0], vectors[:, 1]), initial=0.0))
    inside = low1 <= arrows.origin[0] <= high1 and low2 <= arrows.origin[1] <= high2
    if not np.isfinite(longest) or longest == 0.0 or not inside:
        return 0.0
    share = longest / _view_diagonal(bounds)
    if share * MAX_MAGNIFICATION < ARROW_TARGET:  # an update this small is rounding noise, not a direction
        return 0.0
    factor = 1.0 if ARROW_SHARES[0] <= share <= ARROW_SHARES[1] else _round_down(ARROW_TARGET / share)
    low, high = np.array([low1, low2]), np.array([high1, high2])
    margin = TIP_MARGIN * (high - low)  # room for the names beyond the tips, where the point leaves it
    fits = _reach(arrows.origin, vectors, np.minimum(low + margin, arrows.origin),
                  np.maximum(high - margin, arrows.origin))
    if fits <= 0.0:  # at the edge of the inner box, pointing out of it: use the whole view
        fits = _reach(arrows.origin, vectors, low, high)
    if fits <= 0.0:  # on the edge of the view, pointing out of it
        return 0.0
    return factor if factor <= fits else _round_down(fits)


def _reach(origin: np.ndarray, vectors: np.ndarray, low: np.ndarray, high: np.ndarray) -> float:
    """The largest factor that keeps ``origin + factor * vector`` inside the box [low, high] for every vector."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # a zero coordinate puts no limit on its axis
        room = np.where(vectors > 0, (high - origin) / vectors, np.where(vectors < 0, (low - origin) / vectors, np.inf))
    return float(room.min())


def _round_down(value: float) -> float:
    """The largest of 1, 2, 5 times a power of ten that is at most ``value`` (> 0)."""
    power = 10.0 ** np.floor(np.log10(value))
    return float(max(mantissa * power for mantissa in (1, 2, 5) if mantissa * power <= value * (1 + 1e-12)))


ARROW_TRACE = {"type": "scatter", "mode": "lines+markers+text", "showlegend": False, "cliponaxis": False,
               "hovertemplate": "%{hovertext}<extra></extra>", "line": {"width": ARROW_WIDTH},
               "textfont": {"size": 14}, **_UNDIMMED}
ARROW_HEAD = {"symbol": "arrow", "angleref": "previous"}  # a head whose point is the data point, along the line
_NO_ARROW = {"x": [], "y": [], "text": [], "hovertext": [], "textposition": [], "marker": {"size": []}}
TITLE_TRACE = {"type": "scatter", "mode": "text", "showlegend": False, "cliponaxis": False, "hoverinfo": "skip",
               "textposition": "bottom right", "textfont": {"size": 14, "color": TITLE_COLOR}, **_UNDIMMED}
_NO_TITLE = {"x": [], "y": [], "text": []}


def arrow_traces(arrows: StepArrows | None, bounds: Bounds, labels: RaceLabels) -> list[dict]:
    """The vectors of one update as the data of ``ARROW_SLOTS`` traces (gradient step, memory, step taken; an
    optimizer without memory leaves the middle one empty): arrows from the point before the update, all with
    the same scale (see ``arrow_scale``), each named beyond its tip (hover for its coordinates); then the data
    of a text trace that writes, in the top left corner of the view, whose update it is and how much the arrows
    are magnified."""
    factor = arrow_scale(arrows, bounds) if arrows else 0.0
    if factor == 0.0:
        return [*[_NO_ARROW] * ARROW_SLOTS, _NO_TITLE]
    origin, diagonal, decimals = arrows.origin, _view_diagonal(bounds), _decimals(bounds) + 1
    slots = (0, 1, 2) if len(arrows.vectors) == 3 else (0, 2)
    sides = (1, -1, 0) if len(arrows.vectors) == 3 else (1, 0)
    traces = [_NO_ARROW] * ARROW_SLOTS
    for (label, vector, color), slot, side in zip(arrows.vectors, slots, sides, strict=True):
        length = float(np.hypot(*vector))
        if length == 0.0:
            continue
        tip = origin + factor * vector
        # The marker's arrowhead ends at the tip and the line stops under it (Plotly backs the line off by the
        # head's length), so a head on an arrow shorter than that would point the wrong way: short arrows
        # are drawn as plain segments.
        head = HEAD_SIZE if factor * length >= HEADLESS_SHARE * diagonal else 0
        # The names sit beyond the tips, the first turned to one side of its arrow and the second to the other,
        # so that arrows pointing the same way keep their names apart (the weight axes have equal scales, so a
        # direction in the data is the same direction on the screen).
        along, across = vector / length, np.array([-vector[1], vector[0]]) / length
        traces[slot] = {
            "x": plain([origin[0], tip[0]], decimals), "y": plain([origin[1], tip[1]], decimals),
            "line": {"color": color, "width": ARROW_WIDTH}, "marker": {"size": [0, head], "color": color, **ARROW_HEAD},
            "text": ["", f"<b>{label}</b>"], "textfont": {"size": 14, "color": [text_color(color[:7])] * 2},
            "textposition": ["middle center", label_position(along + LABEL_TURN * side * across)],
            "hovertext": ["", f"{label} = {pair(vector[0], vector[1], '.4g', labels.language)}"],
        }
    title = labels.arrows_title.format(name=arrows.name, step=arrows.step)
    if factor != 1.0:
        # 1/5 rather than 0.2: a fraction reads the same in every language (0,2 in Russian, 0.2 in English)
        shown = number(factor, 1, labels.language) if factor >= 1 else f"1/{number(1 / factor, 1, labels.language)}"
        title += "<br>" + labels.magnified.format(factor=shown)  # a second line: narrow charts have no room
    (low1, high1), (low2, high2) = bounds
    corner = plain([low1 + TITLE_INSET * (high1 - low1), high2 - TITLE_INSET * (high2 - low2)], decimals)
    title_trace = {"x": corner[:1], "y": corner[1:], "text": [title]}
    return [*traces, title_trace]


def label_position(direction: np.ndarray) -> str:
    """The one of Plotly's text positions around a point that lies towards ``direction`` (x right, y up)."""
    angle = float(np.degrees(np.arctan2(direction[1], direction[0])))
    vertical = "top" if 22.5 < angle < 157.5 else "bottom" if -157.5 < angle < -22.5 else "middle"
    horizontal = "right" if abs(angle) < 67.5 else "left" if abs(angle) > 112.5 else "center"
    return f"{vertical} {horizontal}"
