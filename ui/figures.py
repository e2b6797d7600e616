"""Plotly figure builders shared by the pages: loss surfaces, descent paths and their animation.

Charts receive only finite numbers: paths are clipped to the view and losses are floored
before they reach a log axis. Arrays go out as float32 (Plotly sends them as binary),
which keeps the animated figures small.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ui.palette import MINIMUM_COLOR, SURFACE_COLORSCALE

MAX_FRAMES = 100
FRAME_MS = 60
LOSS_FLOOR = 1e-16


@dataclass(frozen=True)
class SurfaceGrid:
    """A loss surface sampled on a mesh, with what the chart marks on it."""

    axis1: np.ndarray
    axis2: np.ndarray
    values: np.ndarray
    min_value: float
    minima: np.ndarray
    bounds: tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class DescentLabels:
    """The words on a descent chart, already in the page's language."""

    path: str
    surface: str
    loss_axis: str
    step_axis: str
    minimum: str
    play: str
    pause: str
    step: str
    live: str  # format string with fields step, loss, grad1, grad2
    diverged: str  # format string with field step


def _f32(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


def clip_to_view(points: np.ndarray, bounds) -> np.ndarray:
    """Keep a path inside the chart: coordinates beyond the view are drawn on its edge."""
    (low1, high1), (low2, high2) = bounds
    return np.stack(
        [np.clip(points[..., 0], low1, high1), np.clip(points[..., 1], low2, high2)], axis=-1
    )


def loss_above_minimum(losses: np.ndarray, min_value: float) -> np.ndarray:
    """:math:`L(w_k) - L^\\ast`, floored so that a log axis can draw it."""
    return np.maximum(np.asarray(losses) - min_value, LOSS_FLOOR)


def surface_trace(grid: SurfaceGrid, title: str) -> go.Contour:
    """Level lines of :math:`\\log_{10}(L - L^\\ast)`, so both the far slopes and the valley floor show."""
    above = loss_above_minimum(grid.values, grid.min_value)
    return go.Contour(
        x=_f32(grid.axis1),
        y=_f32(grid.axis2),
        z=_f32(np.log10(above)),
        colorscale=SURFACE_COLORSCALE,
        ncontours=24,
        contours={"coloring": "fill", "showlines": True},
        line={"width": 0.5, "color": "#8A96A3"},
        colorbar={"title": {"text": title, "side": "right"}, "thickness": 12, "len": 0.9},
        hovertemplate="w₁=%{x:.3g}<br>w₂=%{y:.3g}<br>log₁₀(L−L*)=%{z:.2f}<extra></extra>",
        name=title,
    )


def minima_trace(minima: np.ndarray, name: str) -> go.Scatter:
    return go.Scatter(
        x=_f32(minima[:, 0]),
        y=_f32(minima[:, 1]),
        mode="markers",
        marker={"symbol": "star", "size": 16, "color": MINIMUM_COLOR, "line": {"width": 1, "color": "black"}},
        name=name,
        hovertemplate="w*=(%{x:.4g}, %{y:.4g})<extra></extra>",
    )


def _path_trace(points: np.ndarray, color: str, name: str) -> go.Scatter:
    return go.Scatter(
        x=_f32(points[:, 0]),
        y=_f32(points[:, 1]),
        mode="lines+markers",
        line={"color": color, "width": 2},
        marker={"color": color, "size": 4},
        name=name,
        hovertemplate="w₁=%{x:.4g}<br>w₂=%{y:.4g}<extra></extra>",
    )


def _current_marker(x: float, y: float, color: str, showlegend: bool = False) -> go.Scatter:
    return go.Scatter(
        x=_f32([x]),
        y=_f32([y]),
        mode="markers",
        marker={"color": color, "size": 12, "line": {"width": 2, "color": "white"}},
        showlegend=showlegend,
        hoverinfo="skip",
    )


def _fix_axes(fig: go.Figure, bounds, row: int | None = None, col: int | None = None) -> None:
    """Fixed ranges and equal scales on the first axes: a circle looks round, an elongated valley elongated."""
    (low1, high1), (low2, high2) = bounds
    fig.update_xaxes(range=[low1, high1], title_text="w₁", constrain="domain", row=row, col=col)
    fig.update_yaxes(
        range=[low2, high2], title_text="w₂", scaleanchor="x", scaleratio=1, constrain="domain", row=row, col=col
    )


def frame_steps(steps: int, max_frames: int = MAX_FRAMES) -> np.ndarray:
    """The steps shown as animation frames: all of them, or ``max_frames`` evenly spread, always 0 and the last."""
    return np.unique(np.linspace(0, steps, min(steps, max_frames) + 1).round().astype(int))


def descent_animation(
    grid: SurfaceGrid,
    points: np.ndarray,
    losses: np.ndarray,
    grads: np.ndarray,
    diverged_at: int,
    color: str,
    labels: DescentLabels,
) -> go.Figure:
    """The path on the contour (left) and the loss against step on a log axis (right), animated together.

    The contour and the full loss curve are drawn once; every frame carries only what moves
    (the path so far, the current point on both charts) and the live numbers of that step.
    The figure opens on the last step; Play replays from step 0.
    """
    steps = len(points) - 1
    shown = clip_to_view(points, grid.bounds)
    above = loss_above_minimum(losses, grid.min_value)
    last_good = steps if diverged_at < 0 else diverged_at - 1
    fig = make_subplots(rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.1)
    fig.add_trace(surface_trace(grid, labels.surface), row=1, col=1)
    fig.add_trace(minima_trace(grid.minima, labels.minimum), row=1, col=1)
    fig.add_trace(_path_trace(shown, color, labels.path), row=1, col=1)
    fig.add_trace(_current_marker(*shown[-1], color), row=1, col=1)
    fig.add_trace(
        go.Scatter(
            x=np.arange(last_good + 1), y=_f32(above[: last_good + 1]), mode="lines", line={"color": color},
            name=labels.loss_axis, showlegend=False, hovertemplate="%{x}: %{y:.3e}<extra></extra>",
        ),
        row=1, col=2,
    )
    fig.add_trace(_current_marker(steps, above[-1], color), row=1, col=2)
    moving = [2, 3, 5]

    def live_text(step: int) -> str:
        text = labels.live.format(step=step, loss=losses[step], grad1=grads[step, 0], grad2=grads[step, 1])
        if 0 <= diverged_at <= step:
            text += "<br><b>" + labels.diverged.format(step=diverged_at) + "</b>"
        return text

    live = {"xref": "paper", "yref": "paper", "x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
            "showarrow": False, "align": "left", "font": {"size": 13}}
    frames = [
        go.Frame(
            name=str(step),
            traces=moving,
            data=[
                _path_trace(shown[: step + 1], color, labels.path),
                _current_marker(*shown[step], color),
                _current_marker(step, above[step], color),
            ],
            layout={"annotations": [dict(live, text=live_text(step))]},
        )
        for step in frame_steps(steps)
    ]
    fig.frames = frames
    play = {"frame": {"duration": FRAME_MS, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    fig.update_layout(
        annotations=[dict(live, text=live_text(steps))],
        height=560,
        margin={"l": 50, "r": 20, "t": 70, "b": 40},
        legend={"orientation": "h", "x": 0, "y": -0.12},
        updatemenus=[{
            "type": "buttons", "direction": "left", "x": 0.0, "y": -0.2, "xanchor": "left", "yanchor": "top",
            "showactive": False, "pad": {"t": 0, "r": 8},
            "buttons": [
                {"label": "▶ " + labels.play, "method": "animate", "args": [None, dict(play, fromcurrent=False)]},
                {"label": "⏸ " + labels.pause, "method": "animate",
                 "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}]},
            ],
        }],
        sliders=[{
            "active": len(frames) - 1, "x": 0.16, "y": -0.2, "len": 0.84, "yanchor": "top",
            "currentvalue": {"prefix": labels.step + " "}, "pad": {"t": 0},
            "steps": [
                {"label": frame.name, "method": "animate",
                 "args": [[frame.name], {"frame": {"duration": 0, "redraw": True}, "mode": "immediate"}]}
                for frame in frames
            ],
        }],
    )
    _fix_axes(fig, grid.bounds, row=1, col=1)
    fig.update_xaxes(title_text=labels.step_axis, range=[0, max(steps, 1)], row=1, col=2)
    fig.update_yaxes(title_text=labels.loss_axis, type="log", row=1, col=2)
    return fig


def path_figure(grid: SurfaceGrid, points: np.ndarray, color: str, labels: DescentLabels, title: str) -> go.Figure:
    """A static contour with a whole path on it, for side-by-side comparisons."""
    shown = clip_to_view(points, grid.bounds)
    fig = go.Figure([
        surface_trace(grid, labels.surface),
        minima_trace(grid.minima, labels.minimum),
        _path_trace(shown, color, labels.path),
        _current_marker(*shown[-1], color),
    ])
    fig.update_traces(showscale=False, selector={"type": "contour"})
    _fix_axes(fig, grid.bounds)
    fig.update_layout(title=title, height=430, margin={"l": 50, "r": 10, "t": 50, "b": 40}, showlegend=False)
    return fig
