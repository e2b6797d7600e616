"""Lesson 9: the forward/backward interface and the chain rule run backwards through a graph, a fully connected layer
as one matrix product for a whole batch, a live gradient check, and BLAS measured on this server."""

import numpy as np
import streamlit as st

from dl_core.lessons import graph
from pages.backprop import compute, figures, formulas
from pages.backprop import tables as matrices
from ui import charts, classroom, controls, course, metrics, tables
from ui.i18n import language, latex, num, t

DEFAULT_ACTIVATION, DEFAULT_SEED = "sigmoid", 2
DEFAULT_X1, DEFAULT_X2, DEFAULT_Y = 1.0, -0.5, 0.5
LAST_STEP = len(graph.WALK) - 1
BATCH, FEATURES, OUTPUTS = 4, 3, 2
LEGACY_BUGS = {"true": "no_activation_grad", "false": "none"}  # the bug used to be an on/off switch
WEIGHT_OPTIONS = controls.linear_options(-compute.WEIGHT_LIMIT, compute.WEIGHT_LIMIT, 0.01)
EXPERIMENTS = {  # lesson 9: the forward interface, the backward pass by the chain rule, matrices, BLAS
    "forward": "bp_step=8",
    "remembered": "bp_step=11",
    "paths_add": "bp_step=17",
    "saturated": "bp_act=sigmoid&bp_x1=3&bp_x2=-3&bp_w11=3&bp_w21=-3&bp_b1=0&bp_step=14",
    "dead_relu": "bp_act=relu&bp_step=16",
    "batch": "bp_n=4&bp_d=3&bp_m=2",
    "single": "bp_n=1&bp_d=2&bp_m=3",
    "bug": "bp_bug=no_activation_grad",
    "bug_missed": ("bp_act=relu&bp_bug=no_activation_grad&bp_seed=1&bp_w11=0.35&bp_w12=0.82&bp_w13=0.33&bp_w21=-1.3"
                   "&bp_w22=0.91&bp_w23=0.45&bp_b1=-0.54&bp_b2=0.58&bp_b3=0.36&bp_v1=0.29&bp_v2=0.03&bp_v3=0.55"
                   "&bp_c=-0.74"),  # the point named in full: the check misses the bug at this point, any seed
    "loss_factor": "bp_bug=loss_factor",
    "reshaped": "bp_bug=reshaped_dw",
    "blas": "bp_size=1024",
}
ANCHORS = {  # the section each experiment's link scrolls to
    "forward": "graph", "remembered": "graph", "paths_add": "graph", "saturated": "graph", "dead_relu": "graph",
    "batch": "layer", "single": "layer",
    "bug": "gradient-check", "bug_missed": "gradient-check", "loss_factor": "gradient-check",
    "reshaped": "gradient-check",
    "blas": "blas",
}


def render() -> None:
    """The page. Its values are locals, freed when the run ends: the module's globals outlive the run in the
    widgets' callbacks, which a session keeps until it expires."""
    language_code = language()
    names = {name: formulas.NODE_TEXT[name] for name in formulas.NODE_TEXT}
    symbol = formulas.activation_text

    def _new_seed() -> None:
        """A new seed draws new weights: every weight slider takes its drawn value."""
        drawn = compute.seed_weights(int(st.session_state["bp_seed"]))
        for key, value in zip(compute.WEIGHT_KEYS, drawn, strict=True):
            st.session_state[key] = value

    def _move(delta: int) -> None:
        st.session_state["bp_step"] = min(max(st.session_state.get("bp_step", 0) + delta, 0), LAST_STEP)

    st.title(t("backprop.title"))
    classroom.explain(t("backprop.intro"))

    sidebar = classroom.controls_area()
    sidebar.header(t("control.header"))
    sidebar.subheader(t("backprop.network.title"))
    activation = controls.url_choice(sidebar.selectbox, t("backprop.activation"), compute.NAMES, key="bp_act",
                                     default=DEFAULT_ACTIVATION, format_func=lambda name: t(f"backprop.act.{name}"))
    x1 = controls.number_slider(t("backprop.x1"), controls.linear_options(-3.0, 3.0, 0.1),
                                key="bp_x1", default=DEFAULT_X1, container=sidebar)
    x2 = controls.number_slider(t("backprop.x2"), controls.linear_options(-3.0, 3.0, 0.1),
                                key="bp_x2", default=DEFAULT_X2, container=sidebar)
    target = controls.number_slider(t("backprop.y"), controls.linear_options(-3.0, 3.0, 0.1),
                                    key="bp_y", default=DEFAULT_Y, container=sidebar)
    seed = int(sidebar.number_input(t("backprop.seed"), 0, 9999, DEFAULT_SEED, key="bp_seed", bind="query-params",
                                    on_change=_new_seed, help=t("backprop.seed_help")))
    drawn = compute.seed_weights(seed)
    with sidebar.expander(t("backprop.weights")):
        weights = tuple(
            float(controls.number_slider(formulas.parameter_text(parameter), WEIGHT_OPTIONS, key=key, default=default,
                                         container=st))
            for parameter, key, default in zip(graph.PARAMETERS, compute.WEIGHT_KEYS, drawn, strict=True)
        )
    sidebar.subheader(t("backprop.layer.title"))
    batch = sidebar.slider(t("backprop.batch"), *compute.BATCH_RANGE, BATCH, key="bp_n", bind="query-params")
    features = sidebar.slider(t("backprop.features"), *compute.FEATURE_RANGE, FEATURES, key="bp_d", bind="query-params")
    outputs = sidebar.slider(t("backprop.outputs"), *compute.OUTPUT_RANGE, OUTPUTS, key="bp_m", bind="query-params")
    layer_seed = int(sidebar.number_input(t("backprop.layer.seed"), 0, 9999, 0, key="bp_matrix", bind="query-params"))
    classroom.reset_button(sidebar)

    # ---------------------------------------------------------------- 1. the graph, forward then backward
    st.subheader(t("backprop.graph.title"), anchor="graph")
    classroom.explain(t("backprop.graph.intro"))
    passed = compute.graph_pass(weights, x1, x2, target, activation)
    step = st.session_state.get("bp_step", 0)
    buttons = st.container(horizontal=True, vertical_alignment="center")
    buttons.button(t("backprop.back"), icon=":material/arrow_back:", on_click=_move, args=(-1,), key="bp_back",
                   disabled=step <= 0)
    buttons.button(t("backprop.next"), icon=":material/arrow_forward:", on_click=_move, args=(1,), key="bp_next",
                   disabled=step >= LAST_STEP, type="primary")
    where = buttons.empty()  # the step in words beside the buttons, and the graph under them: both drawn once the
    chart_area = st.empty()  # slider under the graph has given the step
    step = st.slider(t("backprop.step"), 0, LAST_STEP, 0, key="bp_step", bind="query-params",
                     help=t("backprop.step_help"))
    direction, current = graph.WALK[step]
    where.markdown(f"**{t(f'backprop.where.{direction}', step=step, last=LAST_STEP, name=names.get(current, ''))}**")
    graph_labels = figures.GraphLabels(
        names=names, params={parameter: formulas.parameter_text(parameter) for parameter in graph.PARAMETERS},
        activation=symbol(activation), gradient=t("backprop.graph.gradient"),
        weight_gradient=t("backprop.graph.weight_gradient"), unknown="?", hover=t("backprop.graph.hover"),
        not_yet=t("backprop.graph.not_yet"), language=language_code,
    )
    charts.show(figures.graph_figure(passed, step, graph_labels, vertical=charts.on_phone()), key="bp_graph",
                container=chart_area)
    kind = "start" if direction == "start" else f"{direction}.{graph.NODE[current].kind}"
    st.markdown(t(f"backprop.say.{kind}", name=names.get(current, ""), f=symbol(activation)))
    st.latex(latex(formulas.step_latex(step, passed, activation, language_code)))
    with classroom.aside():
        st.caption(t("backprop.graph.caption", f=symbol(activation)))
    with st.expander(t("backprop.nodes.title")):
        shown = [node.name for node in graph.NODES if node.kind != "target"]
        st.markdown(matrices.scrollable([
            tables.Column(t("backprop.nodes.node"), [names[name] for name in shown]),
            tables.Column(t("backprop.nodes.value"), [passed.values[name] for name in shown], num),
            tables.Column(t("backprop.nodes.local"), [formulas.local_text(name, passed, activation, language_code)
                                                      or t("backprop.nodes.on_edges") for name in shown]),
            tables.Column(t("backprop.nodes.gradient"), [passed.grads[name] for name in shown], num),
        ], language_code), unsafe_allow_html=True)
        st.caption(t("backprop.nodes.caption", loss=passed.loss))
    course.lesson_differs(t("backprop.differs.interface_says"), t("backprop.differs.interface_measured"))

    # ---------------------------------------------------------------- 2. a layer as one matrix product
    st.subheader(t("backprop.layer.title"), anchor="layer")
    classroom.explain(t("backprop.layer.intro", n=batch, d=features, m=outputs))
    shape_labels = figures.ShapeLabels(tuple(t(f"backprop.layer.product.{index}") for index in range(4)))
    charts.show(figures.shapes_figure(batch, features, outputs, shape_labels, vertical=charts.on_phone(),
                                      language=language_code), key="bp_shapes")
    example = compute.layer_example(batch, features, outputs, layer_seed)

    def shape(rows: int, columns: int) -> str:
        return f"{rows}×{columns}"

    products = list(enumerate([
        [matrices.Matrix("X", example.x, shape(batch, features)), "·",
          matrices.Matrix("W", example.w, shape(features, outputs)), "+",
          matrices.Matrix("b", example.b, f"1×{outputs}"),
          "=", matrices.Matrix("Out", example.out, shape(batch, outputs))],
        [matrices.Matrix("dOut", example.dout, shape(batch, outputs)), "·",
          matrices.Matrix("Wᵀ", example.w.T, shape(outputs, features)), "=",
          matrices.Matrix("dX", example.dx, shape(batch, features))],
        [matrices.Matrix("Xᵀ", example.x.T, shape(features, batch)), "·",
          matrices.Matrix("dOut", example.dout, shape(batch, outputs)), "=",
          matrices.Matrix("dW", example.dw, shape(features, outputs))],
        [matrices.Matrix("dOut", example.dout, shape(batch, outputs)), "→",
          matrices.Matrix("db", example.db, f"1×{outputs}")],
    ]))
    for row in (products[:2], products[2:]):
        for column, (index, items) in zip(st.columns(2), row, strict=True):
            column.markdown(f"**{t(f'backprop.layer.product.{index}')}**")
            column.markdown(matrices.product_html(items, language_code), unsafe_allow_html=True)
    with classroom.aside():
        st.markdown(t("backprop.layer.entries", out=example.out[0, 0], dw=example.dw[0, 0], db=example.db[0],
                      batch=batch))
        st.caption(t("backprop.layer.check", error=num(example.check, 2)))

    # ---------------------------------------------------------------- 3. gradient check
    st.subheader(t("backprop.check.title"), anchor="gradient-check")
    classroom.explain(t("backprop.check.intro"))
    bug = controls.url_choice(st.selectbox, t("backprop.bug"), graph.BUGS, key="bp_bug", default="none",
                              format_func=lambda name: t(f"backprop.bug.{name}"), legacy=LEGACY_BUGS)
    checked = compute.graph_check(weights, x1, x2, target, activation, bug)
    failed = int((~checked.passed).sum())
    if classroom.predict_then_reveal(t("backprop.predict"), ("pass", "fail"), "fail" if failed else "pass",
                                     (weights, x1, x2, target, activation, bug),
                                     format_func=lambda choice: t(f"backprop.predict.{choice}")):
        kinks = int(checked.at_kink.sum())
        if checked.flat:
            st.warning(t("backprop.check.flat"))
        elif failed:
            st.error(t("backprop.check.failed", bad=failed, total=len(graph.PARAMETERS), worst=num(checked.worst, 2)))
        elif bug != "none":
            st.warning(t("backprop.check.missed", worst=num(checked.worst, 2)))
        else:
            st.success(t("backprop.check.passed", total=len(graph.PARAMETERS), worst=num(checked.worst, 2)))
        if kinks:
            st.info(t("backprop.check.kink", count=kinks))
        verdicts = [f"{formulas.parameter_text(parameter)} "
                    + (t("backprop.check.kink_mark") if kink else "✓" if ok else "✗")
                    for parameter, ok, kink in zip(graph.PARAMETERS, checked.passed, checked.at_kink, strict=True)]
        st.markdown(matrices.scrollable([
            tables.Column(t("backprop.check.parameter"), verdicts),
            tables.Column(t("backprop.check.backprop"), list(checked.backprop), num),
            tables.Column(t("backprop.check.numeric"), list(checked.numeric), num),
            tables.Column(t("backprop.check.error"), list(checked.relative_error), lambda error: num(error, 2),
                          help=t("backprop.check.error_help")),
        ], language_code), unsafe_allow_html=True)
    if bug != "none":
        planted, right = st.columns(2)
        planted.markdown(t("backprop.check.planted"))
        planted.latex(latex(graph.BUG_LATEX[bug]))
        right.markdown(t("backprop.check.right"))
        right.latex(latex(formulas.BUG_FIX[bug]))
    with classroom.aside():
        st.caption(t("backprop.check.caption", tolerance=num(graph.CHECK_TOLERANCE), floor=num(graph.CHECK_FLOOR)))

    # ---------------------------------------------------------------- 4. BLAS, measured
    st.subheader(t("backprop.timing.title"), anchor="blas")
    classroom.explain(t("backprop.timing.intro"))
    with st.spinner(t("backprop.timing.measuring")):
        measured = compute.timing()
    sizes = [int(size) for size in measured.numpy_sizes]
    chosen = st.select_slider(t("backprop.timing.size"), sizes, value=sizes[-1], key="bp_size", bind="query-params")
    timing_labels = figures.TimingLabels(
        numpy=t("backprop.timing.numpy"), python=t("backprop.timing.python"),
        extrapolated=t("backprop.timing.extrapolated"), cubic=t("backprop.timing.cubic"),
        size_axis=t("backprop.timing.size_axis"), time_axis=t("backprop.timing.time_axis"),
        rate_axis=t("backprop.timing.rate_axis"), hover_time=t("backprop.timing.hover_time"),
        hover_rate=t("backprop.timing.hover_rate"), language=language_code,
    )
    charts.show(figures.timing_figure(measured, chosen, timing_labels), key="bp_timing")
    numpy_index = sizes.index(chosen)
    numpy_seconds = float(measured.numpy_median[numpy_index])
    python_seconds, python_measured = measured.python_time(chosen)
    ratio = compute.round_ratio(python_seconds / numpy_seconds)
    st.markdown(t("backprop.timing.at_size", n=chosen, numpy=num(numpy_seconds * 1e3, 3),
                  rate=num(float(measured.numpy_gflops[numpy_index]), 3), python=num(python_seconds, 3), ratio=ratio)
                + " " + t("backprop.timing.measured" if python_measured else "backprop.timing.extrapolated_note",
                          largest=int(measured.python_sizes.max())))
    blas = measured.blas
    st.markdown(t("backprop.timing.library", numpy=np.__version__, library=f"{blas.name} {blas.version}".strip(),
                  kernel=blas.kernel or t("backprop.timing.unknown"),
                  threads_note=t("backprop.timing.threads", threads=blas.threads) if blas.threads
                  else t("backprop.timing.threads_unknown"), cores=blas.cores))
    metrics.show([
        metrics.Metric(t("backprop.timing.peak"), num(float(measured.numpy_gflops.max()), 3),
                       t("backprop.timing.peak_help")),
        metrics.Metric(t("backprop.timing.python_rate"), num(float(measured.python_gflops.max()) * 1e3, 3),
                       t("backprop.timing.python_rate_help")),
        metrics.Metric(t("backprop.timing.ratio", n=chosen), f"{num(ratio, 4)}×", t("backprop.timing.ratio_help")),
    ])
    spread = measured.numpy_seconds[numpy_index]
    with classroom.aside():
        st.caption(t("backprop.timing.caption", repeats=measured.numpy_seconds.shape[1],
                     python_repeats=measured.python_seconds.shape[1], low=float(spread.min()) * 1e3,
                     high=float(spread.max()) * 1e3, n=chosen, seconds=measured.seconds))
    course.lesson_differs(t("backprop.differs.blas_says"),
                          t("backprop.differs.blas_measured", ratio=ratio, n=chosen,
                            python_ns=float(measured.python_median[-1] / measured.python_sizes[-1] ** 3) * 1e9,
                            numpy_ns=numpy_seconds / chosen**3 * 1e9, threads=blas.threads or 1))
    st.markdown(t("backprop.gpu", peak=num(float(measured.numpy_gflops.max()), 3)))

    course.experiments("backprop", EXPERIMENTS, ANCHORS)


render()
