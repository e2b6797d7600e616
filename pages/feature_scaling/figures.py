"""Figures of the feature-scaling lab: a descent on the MSE surface, animated with its loss, and static paths
for side-by-side comparisons (Plotly dictionaries, see ``ui.figures``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ui.figures import (
    FinishedFigure,
    PlaybackLabels,
    SurfaceView,
    clip_to_view,
    frame_steps,
    legend_above,
    log_axis,
    log_range,
    loss_above_minimum,
    marker_trace,
    minima_trace,
    path_trace,
    playback,
    typed,
    weight_axes,
)
from ui.i18n import fill

# Every frame redraws the whole chart (its live numbers are an annotation), which costs more than the race's
# frames: no frame of this animation is shown for less than 60 ms.
DESCENT_FRAME_MS = 60


@dataclass(frozen=True)
class DescentLabels:
    """The words on a descent chart, already in the page's language."""

    path: str
    loss_axis: str
    step_axis: str
    minimum: str
    playback: PlaybackLabels
    live: str  # format string with fields step, loss, grad1, grad2
    language: str  # the language the numbers of the live line are written in
    diverged: str  # format string with field step



def descent_animation(
    grid: SurfaceView,
    picture: dict,
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
        "name": labels.loss_axis, "hovertemplate": "%{x}: %{y}<extra></extra>",
    }
    data = [
        minima_trace(grid.minima, labels.minimum),
        path_trace(shown, color, labels.path),
        marker_trace(*shown[-1], color),
        loss_curve,
        marker_trace(steps, above[-1], color, axes="2"),
    ]

    def live_note(step: int) -> dict:
        text = fill(labels.live, labels.language, step=step, loss=losses[step], grad1=grads[step, 0],
                    grad2=grads[step, 1])
        if 0 <= diverged_at <= step:
            text += "<br><b>" + labels.diverged.format(step=diverged_at) + "</b>"
        return {"xref": "paper", "yref": "paper", "x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
                "showarrow": False, "align": "left", "font": {"size": 14}, "text": text}

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
        "yaxis2": log_axis(log_range(above[: last_good + 1]), title={"text": labels.loss_axis}, anchor="x2"),
        "annotations": [live_note(steps)],
        "images": [picture],
        "height": 540,
        "margin": {"l": 50, "r": 20, "t": 60, "b": 150},
        "legend": legend_above(1.1),
        **playback([frame["name"] for frame in frames], len(frames) - 1, labels.playback, frame_ms=DESCENT_FRAME_MS,
                   redraw=True, buttons_y=-0.2, slider_y=-0.3),
    }
    return FinishedFigure({"data": data, "layout": layout, "frames": frames})


def path_figure(grid: SurfaceView, picture: dict, points: np.ndarray, color: str, labels: DescentLabels,
                title: str) -> FinishedFigure:
    """A static contour with a whole path on it, for side-by-side comparisons."""
    shown = clip_to_view(points, grid.bounds)
    data = [
        minima_trace(grid.minima, labels.minimum),
        path_trace(shown, color, labels.path),
        marker_trace(*shown[-1], color),
    ]
    layout = {
        **weight_axes(grid.bounds),
        "images": [picture],
        "title": {"text": title},
        "height": 420,
        "margin": {"l": 50, "r": 10, "t": 50, "b": 40},
        "showlegend": False,
    }
    return FinishedFigure({"data": data, "layout": layout})
