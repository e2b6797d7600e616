"""The Plotly kit shared by the pages: finished figures, binary arrays, surfaces as pictures, weight and log
axes, legends, paths and minima, and playback controls for animations.

Figures are written as Plotly's JSON dictionaries (trace and layout attributes exactly as in the
Plotly reference) and handed to ``st.plotly_chart`` as a ``FinishedFigure``. Building them
through ``plotly.graph_objects`` validates every attribute of every frame and costs about half a
second for one animation; a dictionary costs a few milliseconds, which keeps a slider move instant.

Charts receive only finite numbers: paths are clipped to the view and losses are floored
before they reach a log axis. Arrays go out in Plotly's binary form (float32, base64).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from dl_core import objectives
from ui import raster
from ui.numbers import number
from ui.palette import MINIMUM_COLOR, SURFACE_COLORSCALE

MAX_FRAMES = 100  # frames of an animation at most: Plotly keeps every frame of a figure in the page
PLAYBACK_MS = 3300  # a playback at 1x lasts about this long, whatever the number of steps (100 frames: 30 a second)
FRAME_MS = 33  # the shortest time a frame is shown: 30 frames per second, about what a browser keeps up with
# Plotly shows the next frame at the first screen refresh (every 16.7 ms at 60 Hz) after a frame's duration has
# passed. Asked for exactly two refreshes (33 ms), it misses the second one about half the time and waits for a
# third (50 ms): the race played at 21-23 frames per second instead of 30. So each frame asks for a little less.
FRAME_SLACK_MS = 4
GRID_RESOLUTION = 480  # surface samples per side: about one per pixel of a chart, level lines without stair steps
LOSS_FLOOR = 1e-16
SURFACE_DECADES = 6  # orders of magnitude of L - L* shaded on a surface
Bounds = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class SurfaceView:
    """What a chart marks on a loss surface besides its picture: the view's bounds, the minimum value and the
    minimisers. A few bytes: caches keep this and the picture, never the surface's samples (1.8 MB a surface)."""

    min_value: float
    minima: np.ndarray
    bounds: Bounds


@dataclass(frozen=True)
class SurfaceGrid(SurfaceView):
    """A loss surface sampled on a mesh (``values[i2, i1]``), to draw its picture."""

    axis1: np.ndarray
    axis2: np.ndarray
    values: np.ndarray


class FinishedFigure(go.Figure):
    """A figure whose JSON dictionary is already complete; ``st.plotly_chart`` reads it via ``to_dict``.

    It is a ``go.Figure`` only so that Streamlit takes it as one (and does not validate it again);
    Plotly's own initialisation is skipped, since nothing but ``to_dict`` is ever called on it.
    """

    def __init__(self, spec: dict):  # super().__init__ is not called on purpose (see above)
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec

    def __reduce__(self):  # pickled as its dictionary, so ``st.cache_data`` can keep a finished figure
        return FinishedFigure, (self._spec,)


def typed(values) -> dict:
    """An array in Plotly's binary form (float32, base64), as plotly.py itself sends numpy arrays."""
    array = np.ascontiguousarray(values, dtype=np.float32)
    spec = {"dtype": "f4", "bdata": base64.b64encode(array.tobytes()).decode("ascii")}
    if array.ndim > 1:
        spec["shape"] = ", ".join(map(str, array.shape))
    return spec


def clip_to_view(points: np.ndarray, bounds: Bounds) -> np.ndarray:
    """Keep a path inside the chart: coordinates beyond the view are drawn on its edge."""
    (low1, high1), (low2, high2) = bounds
    return np.stack([np.clip(points[..., 0], low1, high1), np.clip(points[..., 1], low2, high2)], axis=-1)


def loss_above_minimum(losses: np.ndarray, min_value: float) -> np.ndarray:
    r""":math:`L(w_k) - L^\ast`, floored so that a log axis can draw it."""
    return np.maximum(np.asarray(losses) - min_value, LOSS_FLOOR)


def surface_image(grid: SurfaceGrid, axes: str = "") -> dict:
    r"""The surface as a background picture of :math:`\log_{10}(L - L^\ast)`: lighter is lower.

    A layout image, not a contour trace, so that animation frames can never hide it (see ``ui.raster``).
    Callers cache it by the few settings that make the surface (hashing the grid itself for a cache would cost
    more than it saves): a slider that does not change the surface reuses its picture.
    """
    (low1, high1), (low2, high2) = grid.bounds
    heights = np.log10(loss_above_minimum(grid.values, grid.min_value))
    heights = np.maximum(heights, heights.max() - SURFACE_DECADES)  # the last few decades stay one white basin
    picture = raster.contour_pixels(heights, SURFACE_COLORSCALE)
    return {
        "source": raster.data_uri(picture),
        "xref": f"x{axes}", "yref": f"y{axes}",
        "x": low1, "y": high2, "sizex": high1 - low1, "sizey": high2 - low2,
        "sizing": "stretch", "layer": "below", "xanchor": "left", "yanchor": "top",
    }


def scatter(x, y, axes: str = "", **attributes) -> dict:
    """A scatter trace on the axes ``x{axes}``/``y{axes}`` with its coordinates in binary form."""
    return {"type": "scatter", "x": typed(x), "y": typed(y), "xaxis": f"x{axes}", "yaxis": f"y{axes}", **attributes}


def minima_trace(minima: np.ndarray, name: str, axes: str = "") -> dict:
    return scatter(
        minima[:, 0], minima[:, 1], axes, mode="markers", name=name,
        marker={"symbol": "star", "size": 16, "color": MINIMUM_COLOR, "line": {"width": 1, "color": "black"}},
        hovertemplate="w*=(%{x:.4~r}, %{y:.4~r})<extra></extra>",
    )


def path_trace(points: np.ndarray, color: str, name: str, axes: str = "") -> dict:
    return scatter(
        points[:, 0], points[:, 1], axes, mode="lines+markers", name=name,
        line={"color": color, "width": 2}, marker={"color": color, "size": 4},
        hovertemplate="w₁=%{x:.4~r}<br>w₂=%{y:.4~r}<extra></extra>",
    )


def marker_trace(x: float, y: float, color: str, axes: str = "") -> dict:
    """The current point: a large dot with a white rim."""
    return scatter(
        [x], [y], axes, mode="markers", showlegend=False, hoverinfo="skip",
        marker={"color": color, "size": 12, "line": {"width": 2, "color": "white"}},
    )


def weight_axes(bounds: Bounds, domain=(0.0, 1.0), axes: str = "") -> dict:
    """Fixed ranges and equal scales: a circle looks round, so an elongated valley looks elongated."""
    (low1, high1), (low2, high2) = bounds
    return {
        f"xaxis{axes}": {"range": [low1, high1], "domain": list(domain), "title": {"text": "w₁"},
                         "constrain": "domain", "showgrid": False, "zeroline": False},
        f"yaxis{axes}": {"range": [low2, high2], "title": {"text": "w₂"}, "scaleanchor": f"x{axes}",
                         "scaleratio": 1, "constrain": "domain", "showgrid": False, "zeroline": False},
    }


ROUND_STRIDES = tuple(int(mantissa * 10**power) for power in range(12) for mantissa in (1.0, 2.0, 2.5, 5.0)
                      if (mantissa * 10**power).is_integer())


def frame_steps(steps: int, max_frames: int = MAX_FRAMES) -> np.ndarray:
    """The steps shown as animation frames: every k-th step for the smallest round k (1, 2, 5, 10, 20, 25, 50,
    ...) that needs at most ``max_frames`` frames after step 0, and always the last step. Round steps make the
    step slider's labels read 0, 5, 10, ..."""
    stride = next(stride for stride in ROUND_STRIDES if steps <= stride * max_frames)
    return np.union1d(np.arange(0, steps + 1, stride), [steps])


def surface_view(objective, bounds: Bounds | None = None) -> SurfaceView:
    """The view of ``objective`` (a ``dl_core.objectives`` surface) over ``bounds`` (its own bounds by default),
    with its minimum value and minimisers."""
    return SurfaceView(float(objective.min_value), np.asarray(objective.minima),
                       objective.bounds if bounds is None else bounds)


def sample_surface(objective, bounds: Bounds | None = None) -> SurfaceGrid:
    """``objective`` on a ``GRID_RESOLUTION`` mesh over ``bounds`` (see ``surface_view``), for its picture."""
    view = surface_view(objective, bounds)
    axis1, axis2, values = objectives.evaluate_grid(objective, view.bounds, GRID_RESOLUTION)
    return SurfaceGrid(view.min_value, view.minima, view.bounds, axis1, axis2, values)


def legend_above(y: float = 1.02, **extra) -> dict:
    """A horizontal legend above the plot, starting at its left edge."""
    return {"orientation": "h", "x": 0.0, "y": y, "xanchor": "left", "yanchor": "bottom", **extra}


def log_range(values, pad: float = 0.3) -> list[float]:
    """A log axis range in decades around the positive finite ``values``, at least one decade wide."""
    finite = np.concatenate([np.ravel(value) for value in values]) if isinstance(values, list) else np.ravel(values)
    finite = finite[np.isfinite(finite) & (finite > 0)]
    if finite.size == 0:
        return [-1.0, 1.0]
    low, high = float(np.log10(finite.min())), float(np.log10(finite.max()))
    return [low - pad, max(high, low + 1) + pad]


def log_axis(decades: list[float], **extra) -> dict:
    """A log axis over ``decades`` (``[low, high]`` as powers of ten), labelled at whole decades only (every
    second or more when it spans many), written as 10ⁿ: no crowded minor labels."""
    step = max(1, int(np.ceil((decades[1] - decades[0]) / 8)))
    return {"type": "log", "range": list(decades), "dtick": step, "exponentformat": "power", **extra}


@dataclass(frozen=True)
class PlaybackLabels:
    """The words of the playback controls, already in the page's language (``ui.charts.playback_labels``), and the
    language, for the numbers of the speed buttons (``▶ 0,5×``)."""

    play: str
    pause: str
    step: str
    language: str = "en"


def playback(
    frame_names: list[str],
    active: int,
    labels: PlaybackLabels,
    *,
    frame_ms: float = FRAME_MS,
    speeds: tuple[float, ...] = (),
    redraw: bool = False,
    buttons_y: float = -0.13,
    slider_y: float = -0.2,
) -> dict:
    """Play (1x), one button per extra speed, Pause, and a step slider under them, as layout entries.

    At 1x a playback lasts about ``PLAYBACK_MS`` whatever the number of frames, but no frame is shown for less
    than ``frame_ms``. A faster speed shows every k-th frame at the same pace (a browser cannot draw frames faster),
    a slower one shows every frame for longer, so 2x takes half the time of 1x. A play button goes on from the step
    shown, or from the first frame when the last is shown, so a speed can be changed while playing. ``redraw`` makes
    Plotly redraw the whole chart every frame (needed when a frame changes an axis or an annotation)."""
    pace = max(frame_ms, PLAYBACK_MS / max(len(frame_names) - 1, 1))

    def play(speed: float) -> dict:
        stride = max(int(round(speed)), 1)
        shown = frame_names[::stride] if frame_names[::stride][-1] == frame_names[-1] else [
            *frame_names[::stride], frame_names[-1]]
        duration = pace * stride / speed - FRAME_SLACK_MS
        label = f"▶ {number(speed, 3, labels.language)}×" if speed != 1.0 else "▶ " + labels.play
        return {"label": label, "method": "animate",
                "args": [shown, {"frame": {"duration": duration, "redraw": redraw}, "transition": {"duration": 0},
                                 "mode": "immediate", "fromcurrent": True}]}

    still = {"frame": {"duration": 0, "redraw": redraw}, "transition": {"duration": 0}, "mode": "immediate"}
    buttons = [play(1.0), *(play(speed) for speed in speeds)]
    buttons.append({"label": "‖ " + labels.pause, "method": "animate", "args": [[None], still]})
    return {
        "updatemenus": [{
            "type": "buttons", "direction": "left", "x": 0.0, "y": buttons_y, "xanchor": "left", "yanchor": "top",
            "showactive": False, "pad": {"t": 0, "r": 6}, "buttons": buttons,
        }],
        "sliders": [{
            "active": active, "x": 0.0, "y": slider_y, "len": 1.0, "yanchor": "top", "xanchor": "left",
            "currentvalue": {"prefix": labels.step + " ", "font": {"size": 14}}, "pad": {"t": 0},
            "steps": [{"label": name, "method": "animate", "args": [[name], still]} for name in frame_names],
        }],
    }


CHART_FONT = {"size": 16}  # the lab charts' look: large enough for a projector, dark enough for its contrast
CHART_TITLE_FONT = {"size": 16, "color": "#31333F"}
CHART_TICK_FONT = {"size": 15, "color": "#31333F"}
CHART_GRID = "#E6E9EF"
CHART_MARGIN = {"l": 60, "r": 20, "t": 60, "b": 60}


def two_panels(stacked: bool, split: float = 0.5, gap: float = 0.1) -> dict:
    """Domains (``x``, ``y``, ``x2``, ``y2``) of a figure's two panels: side by side (the first ``split`` of the
    width, then ``gap``), or, on a phone, one above the other with equal heights (where ``ui.charts.for_phone``
    would squeeze the second one)."""
    if stacked:
        return {"x": [0.0, 1.0], "y": [0.5 + gap / 2, 1.0], "x2": [0.0, 1.0], "y2": [0.0, 0.5 - gap / 2]}
    return {"x": [0.0, split - gap / 2], "y": [0.0, 1.0], "x2": [split + gap / 2, 1.0], "y2": [0.0, 1.0]}


def chart_axis(title: str = "", **extra) -> dict:
    """An axis of the lab charts' look, with ``title``; ``extra`` adds or overrides attributes."""
    return {"title": {"text": title, "font": CHART_TITLE_FONT}, "tickfont": CHART_TICK_FONT, "gridcolor": CHART_GRID,
            "zerolinecolor": "#B8BFCA", "automargin": True, **extra}


def chart_layout(height: int, margin: dict | None = None, **extra) -> dict:
    """A layout of the lab charts' look: fonts, a legend above the plot, white background, hover text size."""
    return {"height": height, "font": CHART_FONT, "legend": legend_above(1.02, font={"size": 15}),
            "margin": dict(margin or CHART_MARGIN), "plot_bgcolor": "white", "hoverlabel": {"font": {"size": 15}},
            **extra}
