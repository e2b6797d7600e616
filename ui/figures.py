"""Plotly figure builders shared by the pages: loss surfaces, descent paths and their animation.

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
import streamlit as st

from ui import raster
from ui.palette import MINIMUM_COLOR, SURFACE_COLORSCALE

MAX_FRAMES = 100
FRAME_MS = 60
LOSS_FLOOR = 1e-16
SURFACE_DECADES = 6  # orders of magnitude of L - L* shaded on a surface
Bounds = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class SurfaceGrid:
    """A loss surface sampled on a mesh (``values[i2, i1]``), with what the chart marks on it."""

    axis1: np.ndarray
    axis2: np.ndarray
    values: np.ndarray
    min_value: float
    minima: np.ndarray
    bounds: Bounds


@dataclass(frozen=True)
class DescentLabels:
    """The words on a descent chart, already in the page's language."""

    path: str
    loss_axis: str
    step_axis: str
    minimum: str
    play: str
    pause: str
    step: str
    live: str  # format string with fields step, loss, grad1, grad2
    diverged: str  # format string with field step


class FinishedFigure(go.Figure):
    """A figure whose JSON dictionary is already complete; ``st.plotly_chart`` reads it via ``to_dict``.

    It is a ``go.Figure`` only so that Streamlit takes it as one (and does not validate it again);
    Plotly's own initialisation is skipped, since nothing but ``to_dict`` is ever called on it.
    """

    def __init__(self, spec: dict):  # super().__init__ is not called on purpose (see above)
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


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


@st.cache_data(max_entries=64, show_spinner=False)
def surface_image(grid: SurfaceGrid, axes: str = "") -> dict:
    r"""The surface as a background picture of :math:`\log_{10}(L - L^\ast)`: lighter is lower.

    A layout image, not a contour trace, so that animation frames can never hide it (see ``ui.raster``).
    Cached: a slider that does not change the surface (the learning rate, the steps) reuses its picture.
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
        hovertemplate="w*=(%{x:.4g}, %{y:.4g})<extra></extra>",
    )


def path_trace(points: np.ndarray, color: str, name: str, axes: str = "") -> dict:
    return scatter(
        points[:, 0], points[:, 1], axes, mode="lines+markers", name=name,
        line={"color": color, "width": 2}, marker={"color": color, "size": 4},
        hovertemplate="w₁=%{x:.4g}<br>w₂=%{y:.4g}<extra></extra>",
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


def playback_controls(frame_names: list[str], labels: DescentLabels) -> dict:
    """Play (from step 0), Pause and a step slider, as layout entries."""
    play = {"frame": {"duration": FRAME_MS, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    still = {"frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    return {
        "updatemenus": [{
            "type": "buttons", "direction": "left", "x": 0.0, "y": -0.24, "xanchor": "left", "yanchor": "top",
            "showactive": False, "pad": {"t": 0, "r": 8},
            "buttons": [
                {"label": "▶ " + labels.play, "method": "animate", "args": [None, dict(play, fromcurrent=False)]},
                {"label": "‖ " + labels.pause, "method": "animate", "args": [[None], still]},
            ],
        }],
        "sliders": [{
            "active": len(frame_names) - 1, "x": 0.2, "y": -0.21, "len": 0.8, "yanchor": "top",
            "currentvalue": {"prefix": labels.step + " "}, "pad": {"t": 0},
            "steps": [{"label": name, "method": "animate", "args": [[name], still]} for name in frame_names],
        }],
    }


def descent_animation(
    grid: SurfaceGrid,
    points: np.ndarray,
    losses: np.ndarray,
    grads: np.ndarray,
    diverged_at: int,
    color: str,
    labels: DescentLabels,
) -> FinishedFigure:
    """The path on the contour (left) and the loss against step on a log axis (right), animated together.

    The contour and the full loss curve are drawn once; every frame carries only what moves
    (the path so far, the current point on both charts) and the live numbers of that step.
    The figure opens on the last step; Play replays from step 0.
    """
    steps = len(points) - 1
    shown = clip_to_view(points, grid.bounds)
    above = loss_above_minimum(losses, grid.min_value)
    last_good = steps if diverged_at < 0 else diverged_at - 1
    loss_curve = {
        "type": "scatter", "x": list(range(last_good + 1)), "y": typed(above[: last_good + 1]),
        "xaxis": "x2", "yaxis": "y2", "mode": "lines", "line": {"color": color}, "showlegend": False,
        "name": labels.loss_axis, "hovertemplate": "%{x}: %{y:.3e}<extra></extra>",
    }
    data = [
        minima_trace(grid.minima, labels.minimum),
        path_trace(shown, color, labels.path),
        marker_trace(*shown[-1], color),
        loss_curve,
        marker_trace(steps, above[-1], color, axes="2"),
    ]

    def live_note(step: int) -> dict:
        text = labels.live.format(step=step, loss=losses[step], grad1=grads[step, 0], grad2=grads[step, 1])
        if 0 <= diverged_at <= step:
            text += "<br><b>" + labels.diverged.format(step=diverged_at) + "</b>"
        return {"xref": "paper", "yref": "paper", "x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
                "showarrow": False, "align": "left", "font": {"size": 13}, "text": text}

    frames = [
        {
            "name": str(step),
            "traces": [1, 2, 4],
            "data": [
                {"x": typed(shown[: step + 1, 0]), "y": typed(shown[: step + 1, 1])},
                {"x": typed(shown[step : step + 1, 0]), "y": typed(shown[step : step + 1, 1])},
                {"x": [int(step)], "y": typed(above[step : step + 1])},
            ],
            "layout": {"annotations": [live_note(step)]},
        }
        for step in frame_steps(steps)
    ]
    layout = {
        **weight_axes(grid.bounds, domain=(0.0, 0.52)),
        "xaxis2": {"domain": [0.66, 1.0], "range": [0, max(steps, 1)], "title": {"text": labels.step_axis},
                   "anchor": "y2"},
        "yaxis2": {"type": "log", "title": {"text": labels.loss_axis}, "anchor": "x2"},
        "annotations": [live_note(steps)],
        "images": [surface_image(grid)],
        "height": 540,
        "margin": {"l": 50, "r": 20, "t": 60, "b": 130},
        "legend": {"orientation": "h", "x": 0.0, "y": 1.1, "xanchor": "left", "yanchor": "bottom"},
        **playback_controls([frame["name"] for frame in frames], labels),
    }
    return FinishedFigure({"data": data, "layout": layout, "frames": frames})


def path_figure(grid: SurfaceGrid, points: np.ndarray, color: str, labels: DescentLabels, title: str) -> FinishedFigure:
    """A static contour with a whole path on it, for side-by-side comparisons."""
    shown = clip_to_view(points, grid.bounds)
    data = [
        minima_trace(grid.minima, labels.minimum),
        path_trace(shown, color, labels.path),
        marker_trace(*shown[-1], color),
    ]
    layout = {
        **weight_axes(grid.bounds),
        "images": [surface_image(grid)],
        "title": {"text": title},
        "height": 420,
        "margin": {"l": 50, "r": 10, "t": 50, "b": 40},
        "showlegend": False,
    }
    return FinishedFigure({"data": data, "layout": layout})
