"""Lesson 9: backpropagation as the chain rule on a graph, a layer as a matrix product, and why BLAS matters."""

import numpy as np
import streamlit as st

from dl_core.activations import ACTIVATIONS
from pages.backprop import compute, figures
from ui import charts, classroom, controls, course, tables
from ui.i18n import language, t
from ui.numbers import number

NAMES = tuple(ACTIVATIONS)
EXPERIMENTS = {
    "forward": "bp_walk=5",
    "saturated": "bp_act=sigmoid&bp_scale=5&bp_x1=2&bp_x2=-2",
    "bug": "bp_bug=true",
}
ERROR_LIMIT = 1e-5

st.title(t("backprop.title"))
classroom.explain(t("backprop.intro"))
sidebar = classroom.controls_area()
activation = controls.url_choice(sidebar.selectbox, t("backprop.activation"), NAMES, key="bp_act", default="tanh",
                                 format_func=lambda name: t(f"backprop.act.{name}"))
x1 = sidebar.slider(t("backprop.x1"), -3.0, 3.0, 1.0, 0.1, key="bp_x1", bind="query-params")
x2 = sidebar.slider(t("backprop.x2"), -3.0, 3.0, -0.5, 0.1, key="bp_x2", bind="query-params")
y = sidebar.slider(t("backprop.y"), -3.0, 3.0, 0.5, 0.1, key="bp_y", bind="query-params")
seed = int(sidebar.number_input(t("backprop.seed"), 0, 9999, 0, key="bp_seed", bind="query-params"))
scale = sidebar.slider(t("backprop.scale"), 0.1, 5.0, 1.0, 0.1, key="bp_scale", bind="query-params")
classroom.reset_button(sidebar)

step = st.slider(t("backprop.walk"), 0, figures.LAST_STEP, figures.LAST_STEP, key="bp_walk", bind="query-params",
                 help=t("backprop.walk_help"))
walk = compute.walk(x1, x2, y, activation, seed, scale)
params = compute.params_for(seed, scale)
graph_labels = figures.GraphLabels(tuple(t(f"backprop.step.{index}") for index in range(figures.LAST_STEP + 1)),
                                   t("backprop.loss_node"), language())
charts.show(figures.graph_figure(walk, params, step, graph_labels), key="bp_graph")
st.caption(t("backprop.graph_caption"))

st.subheader(t("backprop.matrix_title"))
classroom.explain(t("backprop.matrix_intro"))
example_seed = int(st.number_input(t("backprop.matrix_seed"), 0, 9999, 0, key="bp_matrix", bind="query-params"))
example = compute.matrix_example(example_seed)
forward, backward = st.columns(2)
forward.latex(r"\underbrace{\mathrm{Out}}_{N\times M} = \underbrace{X}_{N\times D}\,\underbrace{W}_{D\times M} + b")
backward.latex(r"dX = dOut\,W^\top,\quad dW = X^\top dOut,\quad db = \textstyle\sum_{n} dOut_n")


def matrix(title: str, values: np.ndarray, container) -> None:
    """A small matrix as a table, its shape in the title."""
    values = np.atleast_2d(values)
    with container:
        st.markdown(f"**{title}** ({values.shape[0]} × {values.shape[1]})")
        tables.show([tables.Column(str(column + 1), list(values[:, column]), number)
                     for column in range(values.shape[1])])


for container, (title, values) in zip(st.columns(4), (("X", example.x), ("W", example.w), ("b", example.b),
                                                      ("Out", example.out)), strict=True):
    matrix(title, values, container)
for container, (title, values) in zip(st.columns(4), (("dOut", example.dout), ("dX = dOut Wᵀ", example.dx),
                                                      ("dW = Xᵀ dOut", example.dw), ("db", example.db)),
                                      strict=True):
    matrix(title, values, container)

st.subheader(t("backprop.check_title"))
classroom.explain(t("backprop.check_intro"))
bug = st.toggle(t("backprop.bug"), key="bp_bug", bind="query-params")
result = compute.check(x1, x2, y, activation, seed, scale, bug)
worst = float(result.relative_error.max())
if worst < ERROR_LIMIT:
    st.success(t("backprop.check_ok", worst=worst))
else:
    st.error(t("backprop.check_failed", bad=int((result.relative_error >= ERROR_LIMIT).sum()),
               total=len(result.names), worst=worst))
tables.show([
    tables.Column(t("backprop.col.param"), list(result.names)),
    tables.Column(t("backprop.col.backprop"), list(result.backprop), number),
    tables.Column(t("backprop.col.numeric"), list(result.numeric), number),
    tables.Column(t("backprop.col.error"), list(result.relative_error), ".1e"),
])

st.subheader(t("backprop.blas_title"))
classroom.explain(t("backprop.blas_intro"))
with st.spinner(t("backprop.blas_measuring")):
    speed = compute.speed()
charts.show(figures.speed_figure(speed, figures.SpeedLabels(
    numpy=t("backprop.blas.numpy"), python=t("backprop.blas.python"), extrapolated=t("backprop.blas.extrapolated"),
    cubic=t("backprop.blas.cubic"), size_axis=t("backprop.blas.size_axis"), time_axis=t("backprop.blas.time_axis"),
)), key="bp_speed")
largest = len(speed.numpy_sizes) - 1
python_time = speed.extrapolated[-1] if speed.extrapolated else speed.python_median[-1]
st.markdown(t("backprop.blas_result", n=speed.numpy_sizes[largest], numpy=speed.numpy_median[largest],
              gflops=speed.gflops(largest), python=python_time, ratio=python_time / speed.numpy_median[largest],
              largest=speed.python_sizes[-1], blas=speed.blas, threads=speed.threads, repeats=compute.REPEATS,
              seconds=speed.seconds))

course.experiments({t(f"backprop.experiment.{name}"): query for name, query in EXPERIMENTS.items()})
