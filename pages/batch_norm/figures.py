"""Figure builders of the batch-norm lab, as Plotly dictionaries (see ``ui.figures``).

Each builder takes data and the chart's words (``Labels``, already in the page's language). Only finite numbers
reach a chart: values that could run away (a loss, a batch variance) are clipped to the view first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dl_core.lessons.batch_norm import RatesRun
from pages.batch_norm.compute import BySize, LayerBatch, TrainEval
from pages.batch_norm.trainer import Sweep
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
from ui.palette import BLACK, BLUE, GREEN, ORANGE, PURPLE, SKY_BLUE, VERMILLION

LIGHT = "#9AA5B1"
UNIT_COLORS = (ORANGE, SKY_BLUE, GREEN, PURPLE)
WITHOUT, WITH = VERMILLION, BLUE  # the network without batch norm, and with it
RUNNING, EXPECTED, DEBIASED = BLUE, ORANGE, GREEN
TRAIN, EVAL = SKY_BLUE, VERMILLION
LOSS_CEILING = 1e6  # a loss drawn above this is drawn at it
SIZE_TICKS = [2, 4, 8, 16, 32, 64, 128, 256]


@dataclass(frozen=True)
class Labels:
    """The words of the batch-norm lab's charts. Fields ending in ``_format`` are format strings (fields named in
    the comments); ``language`` is the language their numbers are written in."""

    language: str
    unit_axis: str
    rows: tuple[str, str, str, str]  # the four rows of the layer chart
    mean_sd: str  # a Plotly hover template: %{x} is the mean, %{customdata} the standard deviation
    step: str
    mean_panel: str
    var_panel: str
    batch_stat: str
    running: str
    expected: str
    band: str
    truth: str
    debiased: str
    train_outputs: str
    eval_output: str
    ideal_output: str
    output_axis: str
    batches_axis: str
    size_axis: str
    median: str
    spread: str
    no_train_output: str
    without_bn: str
    with_bn: str
    without_short: str  # the two networks in a legend
    with_short: str
    loss_axis: str
    minibatch_format: str  # {name}
    whole_set_format: str  # {name}
    eval_mode_format: str  # {name}
    constant_guess: str
    layer_axis: str
    distribution_axis: str
    playback: PlaybackLabels
    gamma_axis: str
    beta_axis: str
    lr_axis: str
    final_loss_axis: str
    threshold: str
    chosen_lr: str
    trained_in: str  # {k} of {n} seeds that trained


def _title(text: str, axes: str = "", y: float = 1.0) -> dict:
    """A panel's title above its top-left corner."""
    return {"xref": f"x{axes} domain", "yref": f"y{axes} domain", "x": 0.0, "y": y, "xanchor": "left",
            "yanchor": "bottom", "showarrow": False, "font": {"size": 15}, "text": f"<b>{text}</b>"}


def _faint(color: str, alpha: float = 0.15) -> str:
    """A ``#rrggbb`` colour as a light fill (a band behind its line)."""
    red, green, blue = (int(color[index : index + 2], 16) for index in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def _hline(value: float, axes: str = "", **line) -> dict:
    return {"type": "line", "xref": f"x{axes} domain", "yref": f"y{axes}", "x0": 0, "x1": 1, "y0": value,
            "y1": value, "line": {"color": BLACK, "width": 1.5, "dash": "dot", **line}}


def _vline(value: float, axes: str = "", **line) -> dict:
    return {"type": "line", "xref": f"x{axes}", "yref": f"y{axes} domain", "x0": value, "x1": value, "y0": 0,
            "y1": 1, "line": {"color": BLACK, "width": 1.5, "dash": "dot", **line}}


def _height(side_by_side: int, stacked: bool, extra: int = 0) -> int:
    """A chart's height: ``side_by_side`` px for the panels next to each other, or two such panels (a bit lower)
    one above the other, plus ``extra`` px (legend, play controls)."""
    return (int(1.7 * side_by_side) if stacked else side_by_side) + extra


def _finite(values, limit: float = LOSS_CEILING) -> np.ndarray:
    return np.clip(np.nan_to_num(np.asarray(values, dtype=np.float64), nan=limit, posinf=limit, neginf=-limit),
                   -limit, limit)


# ---------------------------------------------------------------- one layer


def sigmoid(values: np.ndarray) -> np.ndarray:
    return 0.5 + 0.5 * np.tanh(0.5 * values)


def layer_figure(batch: LayerBatch, labels: Labels) -> FinishedFigure:
    """Four rows, one value axis each: z, ẑ, y = γẑ + β and σ(y); in each, one lane per unit with a dot per sample
    and its mean ± one standard deviation (biased, over the batch) in black."""
    count, units = batch.z.shape
    jitter = np.random.default_rng(0).uniform(-0.28, 0.28, (count, units))
    lanes = np.arange(1, units + 1) + jitter
    rows = (batch.z, batch.z_hat, batch.y, sigmoid(batch.y))
    gap = 0.13  # room for a row's tick labels and the next row's title, also at a projector's 560 px
    height = (1.0 - 3 * gap) / 4
    data, annotations, layout = [], [], chart_layout(900, showlegend=False)
    colors = [UNIT_COLORS[unit] for unit in range(units)]
    for row, values in enumerate(rows):
        axes = "" if row == 0 else str(row + 1)
        values = _finite(values)
        data.append({
            "type": "scatter", "mode": "markers", "x": typed(values.T.ravel()), "y": typed(lanes.T.ravel()),
            "xaxis": f"x{axes}", "yaxis": f"y{axes}", "hoverinfo": "skip",
            "marker": {"size": 6 if count <= 64 else 4, "opacity": 0.75,
                       "color": [colors[unit] for unit in range(units) for _ in range(count)]},
        })
        means, stds = values.mean(axis=0), values.std(axis=0)
        data.append({
            "type": "scatter", "mode": "markers", "x": [float(v) for v in means],
            "y": list(range(1, units + 1)), "xaxis": f"x{axes}", "yaxis": f"y{axes}",
            "marker": {"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": BLACK}},
            "error_x": {"type": "data", "array": [float(v) for v in stds], "color": BLACK, "thickness": 2, "width": 0},
            "hovertemplate": labels.mean_sd + "<extra></extra>",
            "customdata": [float(v) for v in stds],
        })
        top = 1.0 - row * (height + gap)
        layout[f"xaxis{axes}"] = chart_axis(anchor=f"y{axes}", **({"range": [-0.03, 1.03]} if row == 3 else {}))
        layout[f"yaxis{axes}"] = chart_axis(
            labels.unit_axis, domain=[top - height, top], anchor=f"x{axes}", range=[units + 0.5, 0.5],
            tickvals=list(range(1, units + 1)), ticktext=[str(unit) for unit in range(1, units + 1)], showgrid=False,
            zeroline=False, fixedrange=True,
        )
        annotations.append(_title(labels.rows[row], axes))
    layout["annotations"] = annotations
    layout["margin"].update(t=40, b=30)
    return FinishedFigure({"data": data, "layout": layout})


# ---------------------------------------------------------------- running statistics


def stream_figure(stream, show_debiased: bool, debiased: tuple[np.ndarray, np.ndarray], expected: tuple, band: tuple,
                  labels: Labels, stacked: bool = False) -> FinishedFigure:
    """Left the running mean, right the running variance, against the step: each batch's statistic (dots), the
    running estimate, its expectation with a ±2 sd band (theory), the true value and, if asked, the bias-corrected
    estimate. ``expected`` and ``band`` hold ``(mean curve, variance curve)`` and ``((low, high), (low, high))``."""
    steps = np.arange(len(stream.running_mean))
    panels = (
        ("", stream.batch_mean, stream.running_mean, stream.mean, debiased[0], expected[0], band[0]),
        ("2", stream.batch_var, stream.running_var, stream.std**2, debiased[1], expected[1], band[1]),
    )
    data = []
    ranges = []
    for axes, batch, running, truth, corrected, expectation, (low, high) in panels:
        legend = axes == ""
        # every curve in full (the start at 0 or 1 included), the scattered batch statistics and the band without
        # their rarest extremes (a batch variance of two samples can be ten times the truth)
        curves = np.concatenate([running, expectation, [truth]] + ([corrected[1:]] if show_debiased else []))
        scattered = np.percentile(np.concatenate([batch, low, high]), [1.0, 99.0])
        bottom, top = min(curves.min(), scattered[0]), max(curves.max(), scattered[1])
        pad = 0.06 * max(top - bottom, 1e-9)
        view = (float(bottom - pad), float(top + pad))
        ranges.append(view)

        def clipped(values, view=view):
            return np.clip(_finite(values), *view)

        common = {"xaxis": f"x{axes}", "yaxis": f"y{axes}"}
        data += [
            {"type": "scatter", "mode": "lines", "x": typed(steps), "y": typed(clipped(low)), "line": {"width": 0},
             "hoverinfo": "skip", "showlegend": False, "legendgroup": "band", **common},
            {"type": "scatter", "mode": "lines", "x": typed(steps), "y": typed(clipped(high)), "line": {"width": 0},
             "fill": "tonexty", "fillcolor": "rgba(230, 159, 0, 0.18)", "name": labels.band, "legendgroup": "band",
             "showlegend": legend, "hoverinfo": "skip", **common},
            {"type": "scatter", "mode": "markers", "x": typed(steps[1:]), "y": typed(clipped(batch)),
             "marker": {"color": LIGHT, "size": 4}, "name": labels.batch_stat, "legendgroup": "batch",
             "showlegend": legend, "hovertemplate": "%{x}: %{y:.3~r}<extra></extra>", **common},
            {"type": "scatter", "mode": "lines", "x": typed(steps), "y": typed(clipped(expectation)),
             "line": {"color": EXPECTED, "width": 2, "dash": "dash"}, "name": labels.expected,
             "legendgroup": "expected", "showlegend": legend, "hoverinfo": "skip", **common},
            {"type": "scatter", "mode": "lines", "x": [0, int(steps[-1])], "y": [truth, truth],
             "line": {"color": BLACK, "width": 2, "dash": "dot"}, "name": labels.truth, "legendgroup": "truth",
             "showlegend": legend, "hoverinfo": "skip", **common},
            {"type": "scatter", "mode": "lines", "x": typed(steps), "y": typed(clipped(running)),
             "line": {"color": RUNNING, "width": 3}, "name": labels.running, "legendgroup": "running",
             "showlegend": legend, "hovertemplate": "%{x}: %{y:.4~r}<extra></extra>", **common},
        ]
        if show_debiased:
            data.append({"type": "scatter", "mode": "lines", "x": typed(steps[1:]), "y": typed(clipped(corrected[1:])),
                         "line": {"color": DEBIASED, "width": 2.5}, "name": labels.debiased,
                         "legendgroup": "debiased", "showlegend": legend,
                         "hovertemplate": "%{x}: %{y:.4~r}<extra></extra>", **common})
    x_range = [0, int(steps[-1])]
    domains = two_panels(stacked, gap=0.16 if stacked else 0.1)
    layout = chart_layout(
        _height(360, stacked, 110),
        xaxis=chart_axis("" if stacked else labels.step, domain=domains["x"], range=x_range),
        yaxis=chart_axis(domain=domains["y"], range=list(ranges[0])),
        xaxis2=chart_axis(labels.step, domain=domains["x2"], range=x_range, anchor="y2"),
        yaxis2=chart_axis(domain=domains["y2"], range=list(ranges[1]), anchor="x2"),
        annotations=[_title(labels.mean_panel), _title(labels.var_panel, "2")],
        hovermode="closest",
    )
    layout["legend"] = legend_above(1.1, font={"size": 15})
    layout["margin"]["t"] = 110
    return FinishedFigure({"data": data, "layout": layout})


# ---------------------------------------------------------------- train versus eval


def train_eval_figure(result: TrainEval, sizes: BySize, batch_size: int, labels: Labels,
                      stacked: bool = False) -> FinishedFigure:
    """Left: how x₀'s train-mode output spreads over many batches of the chosen size, with its eval-mode output
    and the ideal (x₀ − μ)/σ. Right: that spread (10th to 90th percentile) and median against the batch size."""
    data = []
    values = [result.eval_output, result.ideal]
    top = 1.0
    if result.train_outputs is not None:
        outputs = _finite(result.train_outputs, 1e3)
        values += [float(outputs.min()), float(outputs.max())]
        low, high = min(values), max(values)
        width = max(high - low, 0.5) / 40
        edges = np.arange(low - width, high + 2 * width, width)
        counts, edges = np.histogram(outputs, edges)
        top = float(counts.max())
        data.append({"type": "bar", "x": typed(0.5 * (edges[1:] + edges[:-1])), "y": typed(counts),
                     "width": float(width), "marker": {"color": TRAIN, "line": {"width": 0}},
                     "name": labels.train_outputs, "hovertemplate": "%{x:.3~r}: %{y}<extra></extra>"})
    for value, color, dash, name in ((result.eval_output, EVAL, "solid", labels.eval_output),
                                     (result.ideal, BLACK, "dot", labels.ideal_output)):
        data.append({"type": "scatter", "mode": "lines", "x": [value, value], "y": [0.0, top * 1.05],
                     "line": {"color": color, "width": 3, "dash": dash}, "name": name,
                     "hovertemplate": f"{name}: %{{x:.4~r}}<extra></extra>"})
    band = _finite(sizes.band, 1e3)
    data += [
        {"type": "scatter", "mode": "lines", "x": typed(sizes.sizes), "y": typed(band[:, 0]), "xaxis": "x2",
         "yaxis": "y2", "line": {"width": 0, "color": TRAIN}, "showlegend": False, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "lines", "x": typed(sizes.sizes), "y": typed(band[:, 2]), "xaxis": "x2",
         "yaxis": "y2", "line": {"width": 0, "color": TRAIN}, "fill": "tonexty",
         "fillcolor": "rgba(86, 180, 233, 0.3)", "name": labels.spread, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "lines+markers", "x": typed(sizes.sizes), "y": typed(band[:, 1]), "xaxis": "x2",
         "yaxis": "y2", "line": {"color": TRAIN, "width": 3}, "marker": {"size": 6}, "name": labels.median,
         "hovertemplate": "N = %{x}: %{y:.3~r}<extra></extra>"},
    ]
    shapes = [_hline(result.eval_output, "2", color=EVAL, width=3, dash="solid"),
              _hline(result.ideal, "2", width=2.5)]
    annotations = [_title(labels.batches_axis), _title(labels.size_axis, "2")]
    if batch_size >= 2:
        shapes.append(_vline(batch_size, "2", color=LIGHT, width=2, dash="dash"))
    else:
        annotations.append({"xref": "x domain", "yref": "y domain", "x": 0.5, "y": 0.6, "showarrow": False,
                            "text": labels.no_train_output, "font": {"size": 15, "color": EVAL},
                            "bgcolor": "rgba(255, 255, 255, 0.9)"})  # readable where it crosses the lines
    domains = two_panels(stacked, split=0.5 if stacked else 0.51, gap=0.26 if stacked else 0.12)
    no_bars = {} if result.train_outputs is not None else {"range": [min(values) - 1.0, max(values) + 1.0]}
    layout = chart_layout(
        _height(360, stacked, 100),
        xaxis=chart_axis(labels.output_axis, domain=domains["x"], **no_bars),
        yaxis=chart_axis(domain=domains["y"], rangemode="tozero"),
        xaxis2=chart_axis("N", domain=domains["x2"], anchor="y2", **log_axis([np.log10(1.6), np.log10(320)]),
                     tickvals=SIZE_TICKS, ticktext=[str(size) for size in SIZE_TICKS]),
        yaxis2=chart_axis(labels.output_axis, domain=domains["y2"], anchor="x2"),
        shapes=shapes, annotations=annotations, bargap=0.0,
    )
    layout["legend"] = legend_above(1.1, font={"size": 15})
    layout["margin"]["t"] = 100
    return FinishedFigure({"data": data, "layout": layout})


# ---------------------------------------------------------------- deep networks


def loss_figure(runs: dict[bool, RatesRun], guess: float, labels: Labels) -> FinishedFigure:
    """The loss against the step, with (blue) and without (vermillion) batch norm, on a log axis: each minibatch's
    in train mode (thin), the whole training set's normalised with its own statistics (bold, with markers) and, with
    batch norm, the whole set's in eval mode with the running statistics (dashed); the loss of a constant guess
    dotted."""
    data, shown = [], [np.array([guess])]
    for batch_norm, run in runs.items():
        color, name = (WITH, labels.with_short) if batch_norm else (WITHOUT, labels.without_short)
        minibatch = np.maximum(_finite(run.batch_losses[:, 0]), 1e-6)
        whole = np.maximum(_finite(run.population_losses[:, 0]), 1e-6)
        shown += [minibatch, whole]
        steps = np.arange(1, len(minibatch) + 1)
        data += [
            {"type": "scatter", "mode": "lines", "x": typed(steps), "y": typed(minibatch),
             "line": {"color": color, "width": 1}, "opacity": 0.35, "legendgroup": name,
             "name": fill(labels.minibatch_format, labels.language, name=name),
             "hovertemplate": "%{x}: %{y:.3~r}<extra></extra>"},
            {"type": "scatter", "mode": "lines+markers", "x": typed(run.snapshot_steps), "y": typed(whole),
             "line": {"color": color, "width": 3}, "marker": {"size": 6}, "legendgroup": name,
             "name": fill(labels.whole_set_format, labels.language, name=name),
             "hovertemplate": "%{x}: %{y:.3~r}<extra></extra>"},
        ]
        if batch_norm:
            running = np.maximum(_finite(run.losses[:, 0]), 1e-6)
            shown.append(running)
            data.append({"type": "scatter", "mode": "lines", "x": typed(run.snapshot_steps), "y": typed(running),
                         "line": {"color": color, "width": 2, "dash": "dash"}, "legendgroup": name,
                         "name": fill(labels.eval_mode_format, labels.language, name=name),
                         "hovertemplate": "%{x}: %{y:.3~r}<extra></extra>"})
    decades = log_range(shown, pad=0.1)
    layout = chart_layout(
        450,
        xaxis=chart_axis(labels.step, rangemode="tozero"),
        yaxis=chart_axis(labels.loss_axis, **log_axis(decades)),
        shapes=[_hline(guess, width=2)],
        annotations=[{"xref": "x domain", "yref": "y", "x": 1.0, "y": float(np.log10(guess)), "xanchor": "right",
                      "yanchor": "bottom", "showarrow": False, "text": labels.constant_guess,
                      "font": {"size": 14, "color": "#31333F"}}],
    )
    layout["legend"] = legend_above(1.02, font={"size": 14})
    layout["margin"]["t"] = 110
    return FinishedFigure({"data": data, "layout": layout})


def _ridge_x(edges: np.ndarray) -> np.ndarray:
    """The x of a layer's closed outline (see ``_ridges``)."""
    centres = 0.5 * (edges[1:] + edges[:-1])
    return np.concatenate([[centres[0]], centres, [centres[-1]]])


def _ridges(shares: np.ndarray) -> np.ndarray:
    """One closed outline per layer (``shares`` ``(layers, bins)``, outlines ``(layers, bins + 2)``), each scaled
    to its own tallest bin and set on its layer's baseline."""
    layers = np.arange(1, len(shares) + 1)[:, None]
    heights = 0.85 * shares / np.maximum(shares.max(axis=1, keepdims=True), 1e-12)
    return np.hstack([layers, layers + heights, layers])


def distribution_figure(runs: dict[bool, RatesRun], show_outputs: bool, labels: Labels,
                        stacked: bool = False) -> FinishedFigure:
    """Left without, right with batch norm: for every hidden layer (bottom to top) the spread of its values over a
    fixed probe batch, as a ridge (one trace per layer and side); animated over the snapshots of training (the
    first frame is the untrained network, the figure opens on the last). Frames carry only the ridges' heights, in
    binary form."""
    data, frames = [], []
    steps = runs[False].snapshot_steps
    histograms = {key: run.histograms for key, run in runs.items()}
    depth = histograms[False].pre_activation.shape[2]
    edges = histograms[False].activation_edges if show_outputs else histograms[False].pre_edges

    def outlines(batch_norm: bool, index: int) -> np.ndarray:
        found = histograms[batch_norm]
        return _ridges(found.activation[index, 0] if show_outputs else found.pre_activation[index, 0])

    last = len(steps) - 1
    x = typed(_ridge_x(edges))
    for axes, batch_norm in (("", False), ("2", True)):
        color = WITH if batch_norm else WITHOUT
        data += [{"type": "scatter", "mode": "lines", "x": x, "y": typed(outline), "fill": "toself",
                  "xaxis": f"x{axes}", "yaxis": f"y{axes}", "line": {"color": color, "width": 1.5}, "fillcolor": color,
                  "opacity": 0.55, "hoverinfo": "skip", "showlegend": False}
                 for outline in outlines(batch_norm, last)]
    for index, step in enumerate(steps):
        frames.append({"name": str(int(step)), "traces": list(range(2 * depth)),
                       "data": [{"y": typed(outline)} for batch_norm in (False, True)
                                for outline in outlines(batch_norm, index)]})
    x_range = [float(edges[0]), float(edges[-1])]
    y_axis = {"range": [0.6, depth + 1.05], "tickvals": list(range(1, depth + 1)), "showgrid": True,
              "zeroline": False, "fixedrange": True}
    domains = two_panels(stacked, gap=0.12 if stacked else 0.06)
    panel_px = max(300, 40 + 36 * depth)
    height = _height(panel_px, stacked, 230)
    plot_px = height - 40 - 190
    layout = chart_layout(
        height,
        xaxis=chart_axis("" if stacked else labels.distribution_axis, domain=domains["x"], range=x_range,
                         fixedrange=True),
        yaxis=chart_axis(labels.layer_axis, domain=domains["y"], **y_axis),
        xaxis2=chart_axis(labels.distribution_axis, domain=domains["x2"], range=x_range, anchor="y2", fixedrange=True),
        yaxis2=chart_axis(labels.layer_axis if stacked else "", domain=domains["y2"], anchor="x2", **y_axis),
        annotations=[_title(labels.without_bn), _title(labels.with_bn, "2")],
        showlegend=False,
        **playback([frame["name"] for frame in frames], last, labels.playback, buttons_y=-70 / plot_px,
                   slider_y=-120 / plot_px),
    )
    layout["margin"].update(t=40, b=190)
    return FinishedFigure({"data": data, "layout": layout, "frames": frames})


def gamma_beta_figure(run: RatesRun, depth: int, labels: Labels, stacked: bool = False) -> FinishedFigure:
    """The learned γ (left) and β (right) of every unit of every layer after training, a dot per unit; the dotted
    lines are where they started (γ = 1, β = 0)."""
    jitter = np.random.default_rng(1).uniform(-0.2, 0.2, run.params["gamma1"].shape[-1])
    data = []
    for axes, prefix in (("", "gamma"), ("2", "beta")):
        x = np.concatenate([layer + jitter for layer in range(1, depth + 1)])
        values = np.concatenate([run.params[f"{prefix}{layer}"][0] for layer in range(1, depth + 1)])
        data.append({"type": "scatter", "mode": "markers", "x": typed(x), "y": typed(_finite(values, 1e3)),
                     "xaxis": f"x{axes}", "yaxis": f"y{axes}", "marker": {"color": WITH, "size": 7, "opacity": 0.8},
                     "hovertemplate": "%{y:.3~r}<extra></extra>", "showlegend": False})
    x_range = [0.5, depth + 0.5]
    domains = two_panels(stacked, gap=0.16 if stacked else 0.1)
    layout = chart_layout(
        _height(340, stacked, 60),
        xaxis=chart_axis("" if stacked else labels.layer_axis, domain=domains["x"], range=x_range, dtick=1),
        yaxis=chart_axis(labels.gamma_axis, domain=domains["y"]),
        xaxis2=chart_axis(labels.layer_axis, domain=domains["x2"], range=x_range, dtick=1, anchor="y2"),
        yaxis2=chart_axis(labels.beta_axis, domain=domains["y2"], anchor="x2"),
        shapes=[_hline(1.0, width=2), _hline(0.0, "2", width=2)],
        showlegend=False,
    )
    layout["margin"]["t"] = 30
    return FinishedFigure({"data": data, "layout": layout})


def sweep_figure(sweeps: dict[bool, Sweep], threshold: float, chosen_lr: float, labels: Labels) -> FinishedFigure:
    """The loss after the short run at every learning rate, with and without batch norm (log axes): the median over
    the seeds with their range as a band; a filled dot where the rate trained in at least ``HOLDS`` seeds, an open
    one where it did not, a cross where most seeds diverged; the dashed line is the threshold of "trained", the
    dotted one the learning rate chosen for the runs above."""
    data, shown = [], [np.array([threshold])]
    for batch_norm, found in sweeps.items():
        color, name = (WITH, labels.with_bn) if batch_norm else (WITHOUT, labels.without_bn)
        losses = np.maximum(_finite(found.losses), 1e-6)  # (seeds, rates)
        median = np.median(losses, axis=0)
        shown.append(losses)
        seeds = len(losses)
        diverged = found.diverged.sum(axis=0) * 2 > seeds  # in most seeds
        symbols = ["x" if blown else "circle" if ok else "circle-open"
                   for blown, ok in zip(diverged, found.trains, strict=True)]
        notes = [fill(labels.trained_in, labels.language, k=int(k), n=seeds) for k in found.trained_count]
        x = [float(v) for v in found.lrs]
        data.append({"type": "scatter", "mode": "lines", "x": x + x[::-1],
                     "y": [float(v) for v in losses.max(axis=0)] + [float(v) for v in losses.min(axis=0)][::-1],
                     "fill": "toself", "fillcolor": _faint(color), "line": {"width": 0}, "hoverinfo": "skip",
                     "showlegend": False})
        data.append({"type": "scatter", "mode": "lines+markers", "x": x, "y": [float(v) for v in median],
                     "name": name, "line": {"color": color, "width": 2.5, "dash": "solid" if batch_norm else "dash"},
                     "marker": {"symbol": symbols, "size": 13, "color": color, "line": {"width": 2.5, "color": color}},
                     "customdata": notes, "hovertemplate": f"{name}<br>η = %{{x:~r}}: %{{y:.3~r}} (%{{customdata}})"
                     "<extra></extra>"})
    decades = log_range(shown, pad=0.15)
    lrs = next(iter(sweeps.values())).lrs
    layout = chart_layout(
        430,
        xaxis=chart_axis(labels.lr_axis, **log_axis([float(np.log10(lrs[0])) - 0.2, float(np.log10(lrs[-1])) + 0.2])),
        yaxis=chart_axis(labels.final_loss_axis, **log_axis(decades)),
        shapes=[_hline(threshold, color=BLACK, width=2, dash="dash"), _vline(chosen_lr, color=LIGHT, width=2)],
        annotations=[{"xref": "x domain", "yref": "y", "x": 1.0, "y": float(np.log10(threshold)), "xanchor": "right",
                      "yanchor": "top", "showarrow": False, "text": labels.threshold,
                      "font": {"size": 14, "color": "#31333F"}, "bgcolor": "rgba(255, 255, 255, 0.8)"},
                     {"xref": "x", "yref": "y domain", "x": float(np.log10(chosen_lr)), "y": 1.0, "xanchor": "left",
                      "yanchor": "top", "showarrow": False, "text": labels.chosen_lr,
                      "font": {"size": 14, "color": "#31333F"}}],
    )
    return FinishedFigure({"data": data, "layout": layout})
