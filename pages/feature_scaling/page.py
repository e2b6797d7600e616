"""Lesson 3 (and the Adam experiments of lesson 8): how the scale of a feature shapes the loss surface."""

import numpy as np
import streamlit as st

from pages.feature_scaling import compute, figures
from ui import charts, classroom, controls, course, metrics, tables
from ui.i18n import language, num, t
from ui.palette import OPTIMIZER_COLORS

DEFAULT_SCALE, DEFAULT_LR, DEFAULT_STEPS = 3.0, 0.1, 50
OUTCOMES = ("settles", "on_its_way", "diverges")  # what a student can predict of a run
EXPERIMENTS = {  # lesson 3, then lesson 8's plot_gd(x_scale, lr, steps, optimizer) calls
    "scale1": "optimizer=GD&x_scale=1&lr=0.1&steps=50",
    "scale2": "optimizer=GD&x_scale=2&lr=0.1&steps=50",
    "zigzag": "optimizer=GD&x_scale=3&lr=0.1&steps=50",
    "diverge": "optimizer=GD&x_scale=3&lr=0.15&steps=50",
    "standardized": "optimizer=GD&x_scale=3&lr=0.1&steps=50&standardize=true",
    "adam_equal": "optimizer=Adam&x_scale=1&lr=0.1&steps=25",
    "adam": "optimizer=Adam&x_scale=0.5&lr=0.1&steps=25",
    "adam_narrower": "optimizer=Adam&x_scale=0.1&lr=0.1&steps=25",
    "adam_fast": "optimizer=Adam&x_scale=0.5&lr=2&steps=100",
    "adam_off_diagonal": "optimizer=Adam&x_scale=0.5&lr=0.1&steps=25&w1=-2&w2=1.5",
}
ANCHORS = {  # the section each experiment is about: all of them, the path and how the run ends
    "scale1": "descent", "scale2": "descent", "zigzag": "descent", "diverge": "descent", "standardized": "descent",
    "adam_equal": "descent", "adam": "descent", "adam_narrower": "descent", "adam_fast": "descent",
    "adam_off_diagonal": "descent",
}


def render() -> None:
    """The page. Its values are locals, freed when the run ends: the module's globals outlive the run in the
    widgets' callbacks, which a session keeps until it expires."""
    st.title(t("feature_scaling.title"))
    classroom.explain(t("feature_scaling.intro"))

    sidebar = classroom.controls_area()
    sidebar.header(t("control.header"))
    x_scale = controls.log_slider(
        t("feature_scaling.x_scale"), "x_scale", 0.01, 100.0, DEFAULT_SCALE, help=t("feature_scaling.x_scale_help"),
        container=sidebar,
    )
    lr = controls.log_slider(t("control.lr"), "lr", 1e-4, 10.0, DEFAULT_LR, container=sidebar)
    steps = sidebar.slider(t("control.steps"), 1, 500, DEFAULT_STEPS, key="steps", bind="query-params")
    optimizer = controls.optimizer_picker(container=sidebar)
    hyper = controls.hyperparameters(optimizer, container=sidebar)
    standardize = sidebar.toggle(t("feature_scaling.standardize"), key="standardize", bind="query-params",
                                 help=t("feature_scaling.standardize_help"))
    with sidebar.expander(t("feature_scaling.data")):
        noise = controls.number_slider(t("feature_scaling.noise"), controls.linear_options(0.0, 2.0, 0.05),
                                       key="noise", default=0.5, container=st)
        seed = st.number_input(t("control.seed"), 0, 9999, 0, key="seed", bind="query-params")
        start_w1 = st.number_input("w₁⁽⁰⁾", -10.0, 10.0, -1.0, 0.5, key="w1", bind="query-params")
        start_w2 = st.number_input("w₂⁽⁰⁾", -10.0, 10.0, -1.0, 0.5, key="w2", bind="query-params")

    def descend(standardized: bool) -> compute.RegressionRun:
        return compute.regression_run(
            x_scale, noise, int(seed), standardized, optimizer, tuple(sorted({**hyper, "lr": lr}.items())),
            steps, (start_w1, start_w2),
        )

    run = descend(standardize)
    surface = compute.view(x_scale, noise, int(seed), standardize, (start_w1, start_w2))
    color = OPTIMIZER_COLORS[optimizer]
    low, high = run.eigenvalues
    classroom.reset_button(sidebar)
    outcome = "diverges" if run.diverged_at >= 0 else "settles" if run.settled_at is not None else "on_its_way"
    st.subheader(t("feature_scaling.descent_title"), anchor="descent")
    shown = classroom.predict_then_reveal(  # until revealed, nothing that tells how the run ends
        t("feature_scaling.predict", optimizer=t(f"optimizer.{optimizer}"), steps=steps), OUTCOMES, outcome,
        (x_scale, lr, steps, optimizer, hyper, standardize, noise, seed, start_w1, start_w2),
        format_func=lambda key: t(f"feature_scaling.outcome.{key}"),
    )
    labels = figures.DescentLabels(
        path=t(f"optimizer.{optimizer}"), loss_axis=t("chart.loss_above_min"), step_axis=t("chart.step"),
        minimum=t("chart.minimum"), playback=charts.playback_labels(),
        live=t("chart.live"), language=language(), diverged=t("chart.diverged"),
    )
    if shown:
        summary = st.container()  # the verdict and the key figures (under the chart in presenter mode)
        charts.show(
            figures.descent_animation(surface.grid, surface.picture, run.points, run.losses, run.grads,
                                      run.diverged_at, color, labels),
            key="descent",
        )
        with st.container() if classroom.presenting() else summary:
            limit = run.optimizer_limit
            if run.diverged_at >= 0:
                reason = (t("feature_scaling.diverged_limit", lr=lr, limit=limit) if limit is not None
                          else t("feature_scaling.diverged_adaptive"))
                st.error(t("feature_scaling.diverged", step=run.diverged_at) + " " + reason)
            elif run.settled_at is not None:
                far = run.distance_left > 0.1 * run.start_distance
                st.success(t("feature_scaling.settled", step=run.settled_at)
                           + (" " + t("feature_scaling.weights_far", distance=run.distance_left) if far else ""))
            else:
                st.info(t("feature_scaling.not_settled", steps=steps, gap=num(run.losses[-1] - run.min_value)))

            metrics.show([
                metrics.Metric("λ", num(low, 4), t("feature_scaling.eig_help"), "min"),
                metrics.Metric("λ", num(high, 4), t("feature_scaling.eig_help"), "max"),
                metrics.Metric(t("feature_scaling.condition"), num(run.condition_number, 4),
                               t("feature_scaling.condition_help")),
                metrics.Metric(t("feature_scaling.limit", optimizer=t(f"optimizer.{optimizer}")),
                               num(limit, 4) if limit is not None else t("feature_scaling.no_limit"),
                               t("feature_scaling.limit_help" if limit is not None
                                 else "feature_scaling.no_limit_help")),
                metrics.Metric("η / ηₘₐₓ", num(lr / limit, 3) if limit is not None else "—",
                               t("feature_scaling.ratio_help")),
            ])
        st.caption(t("feature_scaling.chart_caption"))

    st.subheader(t("feature_scaling.gradients_title"), anchor="gradients")
    st.markdown(t("feature_scaling.gradients_intro"))
    formula_column, table_column = st.columns([2, 3])
    with formula_column:
        st.latex(r"l = (x_1w_1 + x_2w_2 - y)^2")
        st.latex(r"\frac{\partial l}{\partial w_1} = 2\,(x_1w_1 + x_2w_2 - y)\,x_1")
        st.latex(r"\frac{\partial l}{\partial w_2} = 2\,(x_1w_1 + x_2w_2 - y)\,x_2")
        st.markdown(t("feature_scaling.std_note", std1=run.feature_std[0], std2=run.feature_std[1]))
        course.lesson_differs(t("feature_scaling.differs.grad_says"), t("feature_scaling.differs.grad_measured"))
    if shown:  # the weights, gradients and loss along the run
        shown_steps = np.unique(np.geomspace(1, steps + 1, 8).round().astype(int) - 1)
        with table_column:
            tables.show([
                tables.Column(t("feature_scaling.col_step"), shown_steps.tolist()),
                tables.Column("w₁", run.points[shown_steps, 0], ".4g"),
                tables.Column("w₂", run.points[shown_steps, 1], ".4g"),
                tables.Column("∂L/∂w₁", run.grads[shown_steps, 0], num),
                tables.Column("∂L/∂w₂", run.grads[shown_steps, 1], num),
                tables.Column("L − L*", run.losses[shown_steps] - run.min_value, num),
            ])

    st.subheader(t("feature_scaling.compare_title"), anchor="raw-vs-standardized")
    st.markdown(t("feature_scaling.compare_intro"))
    if shown:  # both paths, and how far each run ends from its minimum
        for column, standardized in zip(st.columns(2), (False, True), strict=True):
            side = descend(standardized)
            side_view = compute.view(x_scale, noise, int(seed), standardized, (start_w1, start_w2))
            title = t("feature_scaling.standardized_title") if standardized else t("feature_scaling.raw_title")
            with column:
                charts.show(
                    figures.path_figure(side_view.grid, side_view.picture, side.points, color, labels, title),
                    key=f"compare_{standardized}",
                )
                status = (t("feature_scaling.side_diverged", step=side.diverged_at) if side.diverged_at >= 0
                          else t("feature_scaling.side_gap", gap=num(side.losses[-1] - side.min_value)))
                st.caption(t("feature_scaling.side_caption", kappa=side.condition_number) + " " + status)

    course.experiments("feature_scaling", EXPERIMENTS, ANCHORS)


render()
