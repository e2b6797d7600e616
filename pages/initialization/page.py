"""Lesson 2: weight initialization. Why not zeros, the variance before the activation, the variance layer by layer
through a deep network for each initializer, Glorot's compromise, and what it changes in training."""

import math

import numpy as np
import streamlit as st

from dl_core.lessons import symmetry, variance
from pages.initialization import compute, figures, tables, trainer
from pages.initialization.compute import SCHEMES, STARTS
from ui import charts, classroom, controls, course
from ui.i18n import language, num, t

DEFAULT_SCHEMES = ("small_normal", "unit_normal", "standard_uniform", "xavier_normal", "he_normal")
FAN_INS = (1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000)
GLOROT_FANS = (8, 16, 32, 64, 128, 256, 512, 1024)
STUCK = 1e-12  # weights that never got further from 0 than rounding errors did not move
HE_DRIFT = 5.0  # a ReLU layer of n units multiplies one network's second moment by a factor of variance ~5/n
EXPERIMENTS = {  # each sets every control of the section it reproduces
    "zeros_tanh": "init_sym_act=tanh&init_sym_data=circles&init_sym_units=8&init_sym_const=0.5&init_sym_std=0.1"
                  "&init_sym_steps=500&init_sym_lr=1&init_seed=0",
    "tiny_random": "init_sym_act=tanh&init_sym_data=circles&init_sym_units=8&init_sym_const=0.5&init_sym_std=0.001"
                   "&init_sym_steps=1000&init_sym_lr=1&init_seed=0",
    "one_unit_xor": "init_sym_act=relu&init_sym_data=xor&init_sym_units=16&init_sym_const=0.3&init_sym_std=0.1"
                    "&init_sym_steps=500&init_sym_lr=1&init_seed=0",
    "moons_line": "init_sym_act=tanh&init_sym_data=moons&init_sym_units=8&init_sym_const=0.5&init_sym_std=0.1"
                  "&init_sym_steps=500&init_sym_lr=1&init_seed=0",
    "bienayme": "init_fan_in=100&init_var_w=0.01&init_var_x=1&init_mean_x=0&init_seed=0",
    "bienayme_grows": "init_fan_in=1000&init_var_w=0.01&init_var_x=1&init_mean_x=0&init_seed=0",
    "bienayme_mean": "init_fan_in=100&init_var_w=0.01&init_var_x=1&init_mean_x=2&init_seed=0",
    "glorot_figure": "init_act=tanh&init_schemes=standard_uniform&init_schemes=xavier_normal&init_depth=5"
                     "&init_width=500&init_stack_var=1&init_small_std=0.01&init_hist=standard_uniform&init_seed=0",
    "glorot_figure_xavier": "init_act=tanh&init_schemes=standard_uniform&init_schemes=xavier_normal&init_depth=5"
                            "&init_width=500&init_stack_var=1&init_small_std=0.01&init_hist=xavier_normal&init_seed=0",
    "small_tanh": "init_act=tanh&init_schemes=small_normal&init_schemes=unit_normal&init_schemes=xavier_normal"
                  "&init_depth=10&init_width=500&init_stack_var=1&init_small_std=0.01&init_hist=small_normal"
                  "&init_seed=0",
    "unit_tanh": "init_act=tanh&init_schemes=small_normal&init_schemes=unit_normal&init_schemes=xavier_normal"
                 "&init_depth=10&init_width=500&init_stack_var=1&init_small_std=0.01&init_hist=unit_normal"
                 "&init_seed=0",
    "linear": "init_act=linear&init_schemes=standard_uniform&init_schemes=lecun_normal&init_schemes=he_normal"
              "&init_depth=50&init_width=512&init_stack_var=1&init_small_std=0.01&init_hist=lecun_normal&init_seed=0",
    "relu_xavier": "init_act=relu&init_schemes=xavier_normal&init_schemes=he_normal&init_depth=50&init_width=512"
                   "&init_stack_var=1&init_small_std=0.01&init_hist=xavier_normal&init_seed=0",
    "relu_he": "init_act=relu&init_schemes=xavier_normal&init_schemes=he_normal&init_depth=50&init_width=512"
               "&init_stack_var=1&init_small_std=0.01&init_hist=he_normal&init_seed=0",
    "glorot_layer": "init_g_in=512&init_g_out=64&init_seed=0",
    "train_tanh": "init_schemes=small_normal&init_schemes=unit_normal&init_schemes=standard_uniform"
                  "&init_schemes=xavier_normal&init_schemes=he_normal&init_train_act=tanh&init_train_data=circles"
                  "&init_train_depth=8&init_train_epochs=40&init_train_lr=0.01&init_small_std=0.01&init_seed=0",
    "train_relu": "init_schemes=small_normal&init_schemes=unit_normal&init_schemes=standard_uniform"
                  "&init_schemes=xavier_normal&init_schemes=he_normal&init_train_act=relu&init_train_data=circles"
                  "&init_train_depth=8&init_train_epochs=40&init_train_lr=0.01&init_small_std=0.01&init_seed=0",
    "train_seeds": "init_schemes=small_normal&init_schemes=unit_normal&init_schemes=standard_uniform"
                   "&init_schemes=xavier_normal&init_schemes=he_normal&init_train_act=tanh&init_train_data=circles"
                   "&init_train_depth=8&init_train_epochs=40&init_train_lr=0.01&init_small_std=0.01&init_seed=0"
                   "&init_train_seeds=true",
}
ANCHORS = {  # the section each experiment is about (a subheader's anchor: the link scrolls to it)
    "zeros_tanh": "symmetry", "tiny_random": "symmetry", "one_unit_xor": "symmetry", "moons_line": "symmetry",
    "bienayme": "bienayme", "bienayme_grows": "bienayme", "bienayme_mean": "bienayme",
    "glorot_figure": "stack", "glorot_figure_xavier": "stack", "small_tanh": "stack", "unit_tanh": "stack",
    "linear": "stack", "relu_xavier": "stack", "relu_he": "stack",
    "glorot_layer": "glorot",
    "train_tanh": "training", "train_relu": "training", "train_seeds": "training",
}


def render() -> None:
    """The page. Its values are locals, freed when the run ends: the module's globals outlive the run in the
    widgets' callbacks, which a session keeps until it expires."""
    scheme_names = {name: t(f"initialization.scheme.{name}") for name in SCHEMES}
    activation_names = {name: t(f"initialization.activation.{name}") for name in compute.STACK_ACTIVATIONS}
    data_names = {name: t(f"initialization.data.{name}") for name in compute.DATASETS}
    glorot_names = {choice: t(f"initialization.glorot.{choice}") for choice in variance.GLOROT_CHOICES}

    def next_seed() -> None:
        st.session_state["init_seed"] = (int(st.session_state.get("init_seed", 0)) + 1) % 10_000

    st.title(t("initialization.title"))
    classroom.explain(t("initialization.intro"))

    # ---------------------------------------------------------------- controls
    sidebar = classroom.controls_area()
    sidebar.header(t("control.header"))
    seed = int(sidebar.number_input(t("control.seed"), 0, 9999, 0, key="init_seed", bind="query-params",
                                    help=t("initialization.seed_help")))
    symmetry_controls = classroom.controls_group(sidebar, t("initialization.symmetry.title"), section="symmetry")
    bienayme_controls = classroom.controls_group(sidebar, t("initialization.bienayme.title"), section="bienayme")

    sidebar.subheader(t("initialization.stack.title"))
    activation = controls.url_choice(sidebar.selectbox, t("initialization.activation"), compute.STACK_ACTIVATIONS,
                                     key="init_act", default="tanh", format_func=activation_names.get)
    shown = controls.url_choice(sidebar.multiselect, t("initialization.schemes"), SCHEMES, key="init_schemes",
                                default=list(DEFAULT_SCHEMES), format_func=scheme_names.get, multi=True,
                                help=t("initialization.schemes_help"))
    depth = sidebar.slider(t("initialization.stack.depth"), 1, trainer.MAX_DEPTH, 10, key="init_depth",
                           bind="query-params")
    width = sidebar.select_slider(t("initialization.stack.width"), compute.WIDTHS, value=256, key="init_width",
                                  bind="query-params")
    stack_var = controls.log_slider(t("initialization.stack.input_variance"), "init_stack_var", 0.01, 100.0, 1.0,
                                    container=sidebar)
    small_std = controls.log_slider(t("initialization.stack.small_std"), "init_small_std", 0.001, 1.0, 0.01,
                                    container=sidebar, help=t("initialization.stack.small_std_help"))

    glorot_controls = classroom.controls_group(sidebar, t("initialization.glorot.title"), section="glorot")
    training_controls = classroom.controls_group(sidebar, t("initialization.train.title"), section="training")
    classroom.reset_button(sidebar)

    chart_labels = figures.InitLabels(
        schemes=scheme_names,
        starts={start: t(f"initialization.start.{start}") for start in STARTS},
        glorot_choices=glorot_names,
        step_axis=t("chart.step"), weight_row_format=t("initialization.chart.weight_row"),
        weight=t("initialization.chart.weight"),
        classes=(t("initialization.chart.class0"), t("initialization.chart.class1")),
        probability=t("initialization.chart.probability"), layer_axis=t("initialization.chart.layer"),
        forward_axis=t("initialization.chart.forward_axis"), backward_axis=t("initialization.chart.backward_axis"),
        forward_title=t("initialization.chart.forward_title"), backward_title=t("initialization.chart.backward_title"),
        measured=t("initialization.chart.measured"), theory=t("initialization.chart.theory"),
        value_axis=t("initialization.chart.value_axis"), share_axis=t("initialization.chart.share"),
        layer_format=t("initialization.chart.layer_n"), pre_axis=t("initialization.chart.pre_axis"),
        formula=t("initialization.chart.formula"), lesson_formula=t("initialization.chart.lesson_formula"),
        forward_gain=t("initialization.chart.forward_gain"), backward_gain=t("initialization.chart.backward_gain"),
        gain_axis=t("initialization.chart.gain_axis"), epoch_axis=t("initialization.chart.epoch"),
        loss_axis=t("initialization.chart.loss"),
        target=t("initialization.chart.target", target=trainer.TRAIN_TARGET_LOSS),
        diverged_format=t("initialization.chart.diverged"), language=language(),
    )

    # ---------------------------------------------------------------- 1. the symmetry trap
    @st.fragment
    def symmetry_section() -> None:
        """The section and its controls, rerun alone when one of them moves."""
        sidebar = symmetry_controls
        sym_activation = controls.url_choice(sidebar.selectbox, t("initialization.activation"),
                                             compute.SYMMETRY_ACTIVATIONS, key="init_sym_act", default="tanh",
                                             format_func=activation_names.get)
        sym_data = controls.url_choice(sidebar.selectbox, t("initialization.data"), compute.DATASETS,
                                       key="init_sym_data", default="circles", format_func=data_names.get)
        sym_units = sidebar.slider(t("initialization.symmetry.units"), 2, 16, 8, key="init_sym_units",
                                   bind="query-params")
        sym_constant = controls.number_slider(t("initialization.symmetry.constant"),
                                              controls.linear_options(-1.0, 1.0, 0.05), key="init_sym_const",
                                              default=0.5, container=sidebar,
                                              help=t("initialization.symmetry.constant_help"))
        sym_std = controls.log_slider(t("initialization.symmetry.std"), "init_sym_std", 0.001, 1.0, 0.1,
                                      container=sidebar, help=t("initialization.symmetry.std_help"))
        sym_steps = sidebar.slider(t("initialization.symmetry.steps"), 10, 1000, 500, 10, key="init_sym_steps",
                                   bind="query-params")
        sym_lr = controls.log_slider(t("control.lr"), "init_sym_lr", 0.01, 5.0, 1.0, container=sidebar)

        st.subheader(t("initialization.symmetry.title"), anchor="symmetry")
        classroom.explain(t("initialization.symmetry.intro"))
        trap = compute.symmetry_trap(sym_activation, sym_data, sym_units, sym_constant, sym_std, sym_steps, sym_lr,
                                     seed)
        weight_range = max(float(np.max(np.abs(run.hidden_weights))) for run in trap.runs.values())
        start_titles = {"zeros": t("initialization.start.zeros"),
                        "constant": t("initialization.start.constant", value=sym_constant),
                        "random": t("initialization.start.random", std=sym_std)}
        for column, start in zip(st.columns(3), STARTS, strict=True):
            run = trap.runs[start]
            with column:
                charts.show(figures.weights_heatmap(run, weight_range, chart_labels, start_titles[start]),
                            key=f"init_weights_{start}")
                charts.show(figures.boundary_figure(trap.x, trap.y, run, chart_labels,
                                                    t("initialization.symmetry.boundary")),
                            key=f"init_boundary_{start}")
                spread = t("initialization.symmetry.exactly_zero") if run.spread == 0 else num(run.spread)
                st.markdown(t("initialization.symmetry.result", distinct=run.distinct, units=sym_units, spread=spread,
                              accuracy=100 * run.accuracy, loss=float(run.losses[-1])))
        with classroom.aside():
            st.caption(t("initialization.symmetry.caption", points=trainer.SYMMETRY_POINTS, steps=sym_steps))
            st.markdown(t("initialization.symmetry.why"))
            st.latex(symmetry.GRADIENT_LATEX)
        symmetric, broken = trap.runs["constant"], trap.runs["random"]
        stuck = float(np.max(np.abs(trap.runs["zeros"].hidden_weights))) < STUCK  # moved by rounding errors at most
        course.lesson_differs(
            t("initialization.differs.symmetry_says"),
            t("initialization.differs.symmetry_measured", units=sym_units, distinct=symmetric.distinct,
              accuracy=100 * symmetric.accuracy, random_distinct=broken.distinct, random_accuracy=100 * broken.accuracy)
            + " " + t("initialization.differs.symmetry_stuck" if stuck else "initialization.differs.symmetry_moves"),
        )
        st.caption(":material/casino: " + t("initialization.symmetry.seed", seed=seed))

    symmetry_section()

    # ---------------------------------------------------------------- 2. the variance before the activation
    @st.fragment
    def bienayme_section() -> None:
        """The section and its controls, rerun alone when one of them moves."""
        sidebar = bienayme_controls
        fan_in = sidebar.select_slider("nᵢₙ", FAN_INS, value=100, key="init_fan_in", bind="query-params",
                                       help=t("initialization.bienayme.fan_in_help"))
        var_w = controls.log_slider("Var(W)", "init_var_w", 1e-4, 1.0, 0.01, container=sidebar)
        var_x = controls.log_slider("Var(x)", "init_var_x", 0.01, 100.0, 1.0, container=sidebar)
        mean_x = controls.number_slider(t("initialization.bienayme.mean"), controls.linear_options(0.0, 3.0, 0.1),
                                        key="init_mean_x", default=0.0,
                                        container=sidebar, help=t("initialization.bienayme.mean_help"))

        st.subheader(t("initialization.bienayme.title"), anchor="bienayme")
        classroom.explain(t("initialization.bienayme.intro"))
        st.latex(variance.LATEX["bienayme"])
        layer = compute.bienayme(fan_in, var_w, var_x, mean_x, seed)
        st.markdown(t("initialization.bienayme.one_unit", within=num(layer.within_units), lesson=num(layer.lesson),
                      means=num(math.sqrt(layer.between_units))))
        st.markdown(t("initialization.bienayme.numbers", mean=num(layer.mean), variance=num(layer.variance, 4),
                      within=num(layer.within_units), between=num(layer.between_units), lesson=num(layer.lesson),
                      predicted=num(layer.predicted), error=num(2 * layer.standard_error, 2)))
        charts.show(figures.bienayme_figure(layer, chart_labels), key="init_bienayme")
        st.caption(t("initialization.bienayme.caption", batch=compute.BIENAYME_BATCH, units=compute.BIENAYME_UNITS))
        course.lesson_differs(
            t("initialization.differs.mean_says"),
            t("initialization.differs.mean_measured", mu=mean_x, means=num(math.sqrt(layer.between_units)),
              predicted=num(layer.predicted), lesson=num(layer.lesson), within=num(layer.within_units))
            if mean_x > 0 else t("initialization.differs.mean_measured_zero"),
        )

    bienayme_section()

    # ---------------------------------------------------------------- 3. through a deep network
    st.subheader(t("initialization.stack.title"), anchor="stack")
    classroom.explain(t("initialization.stack.intro"))
    stack_area = st.container()  # filled once the histograms' initializer is known (it is chosen below the chart)
    st.markdown("#### " + t("initialization.hist.title"))
    classroom.explain(t("initialization.hist.intro"))
    hist_scheme = controls.url_choice(st.selectbox, t("initialization.hist.scheme"), SCHEMES, key="init_hist",
                                      default="xavier_normal", format_func=scheme_names.get)
    needed = {*shown, hist_scheme} | ({"xavier_normal"} if activation == "tanh" else set())
    names = tuple(name for name in SCHEMES if name in needed)
    stack_small_std = compute.small_std_for(names, small_std)
    stats = compute.stack(activation, names, width, depth, stack_var, stack_small_std, seed)
    theory = compute.stack_theory(activation, names, width, depth, stack_var, stack_small_std)
    hist_row = names.index(hist_scheme)
    with stack_area:
        # The depth chart and its table, the drift note, the histograms and the note on tanh all tell the answer:
        # they wait for the class's prediction (with no initializer shown there is no question).
        revealed = not shown or classroom.predict_then_reveal(
            t("initialization.predict", activation=activation_names[activation], depth=depth), shown,
            compute.steadiest(stats, shown), (activation, shown, depth, width, stack_var, small_std, seed),
            format_func=scheme_names.get,
        )
        if not shown:
            st.info(t("initialization.none"))
        elif revealed:
            rows = {name: names.index(name) for name in shown}
            charts.show(figures.depth_figure(
                {name: (stats.post_std[row], stats.grad_rms[row]) for name, row in rows.items()},
                {name: (theory.post_std[row], theory.grad_rms[row]) for name, row in rows.items()}, chart_labels,
            ), key="init_depth_chart")
            st.caption(t("initialization.stack.caption", depth=depth, width=width, batch=trainer.batch_for(width),
                         samples=stats.samples, seed=seed))
            columns, colors = tables.stack_table(shown, stats, theory, scheme_names)
            tables.show(columns, colors)
        with classroom.aside():
            st.markdown(t("initialization.stack.theory"))
            st.latex(variance.LATEX["forward"])
            st.latex(variance.LATEX["backward"])
            st.latex(variance.LATEX["he"])
        kept = stats.post_second[hist_row, 0] / max(stats.pre_second[hist_row, 0], 1e-300)
        st.markdown(t("initialization.stack.he", activation=activation_names[activation],
                      scheme=scheme_names[hist_scheme],
                      ratio=float(kept)))
        if revealed and activation in ("relu", "leaky_relu") and depth > 1:
            drift = float(np.sqrt(HE_DRIFT * (depth - 1) / width))
            st.info(t("initialization.stack.drift", depth=depth, width=width, low=float(np.exp(-2 * drift)),
                      high=float(np.exp(2 * drift))), icon=":material/casino:")

    if revealed:
        edges, shares = stats.histogram_edges[hist_row], stats.histogram[hist_row]
        lines_column, map_column = st.columns(2)
        with lines_column:
            charts.show(figures.histogram_lines_figure(edges, shares, figures.histogram_layers(depth), chart_labels),
                        key="init_hist_lines")
        with map_column:
            charts.show(figures.histogram_heatmap(edges, shares, chart_labels), key="init_hist_map")
        st.caption(t("initialization.hist.caption", scheme=scheme_names[hist_scheme],
                     activation=activation_names[activation],
                     samples=stats.histogram_samples)
                   + (" " + t("initialization.hist.zeros", activation=activation_names[activation])
                      if activation == "relu" else ""))
        if activation == "tanh" and depth > 1:
            xavier = names.index("xavier_normal")
            course.lesson_differs(
                t("initialization.differs.tanh_says"),
                t("initialization.differs.tanh_measured", first=num(float(stats.post_std[xavier, 0])),
                  last=num(float(stats.post_std[xavier, -1])), depth=depth, variance=stack_var),
            )

    # ---------------------------------------------------------------- 4. Glorot's compromise
    @st.fragment
    def glorot_section() -> None:
        """The section and its controls, rerun alone when one of them moves."""
        glorot_in = glorot_controls.select_slider("nᵢₙ", GLOROT_FANS, value=256, key="init_g_in",
                                                  bind="query-params")
        glorot_out = glorot_controls.select_slider("nₒᵤₜ", GLOROT_FANS, value=32, key="init_g_out",
                                                   bind="query-params")

        st.subheader(t("initialization.glorot.title"), anchor="glorot")
        classroom.explain(t("initialization.glorot.intro"))
        st.latex(variance.LATEX["glorot"])
        gains = compute.glorot(glorot_in, glorot_out, seed)
        charts.show(figures.glorot_figure(variance.GLOROT_CHOICES, gains.forward_theory, gains.backward_theory,
                                          gains.forward, gains.backward, chart_labels), key="init_glorot")
        tables.show(tables.glorot_table(gains, glorot_in, glorot_out, glorot_names))
        st.caption(t("initialization.glorot.caption", fan_in=glorot_in, fan_out=glorot_out,
                     batch=compute.GLOROT_BATCH))

    glorot_section()

    # ---------------------------------------------------------------- 5. training from each initializer
    @st.fragment
    def training_section() -> None:
        """The section and its controls, rerun alone when one of them moves (the initializers shown and the small
        std are the deep network's controls: moving them reruns the page)."""
        sidebar = training_controls
        train_activation = controls.url_choice(sidebar.selectbox, t("initialization.activation"),
                                               compute.TRAIN_ACTIVATIONS, key="init_train_act", default="tanh",
                                               format_func=activation_names.get)
        train_data = controls.url_choice(sidebar.selectbox, t("initialization.data"), compute.DATASETS,
                                         key="init_train_data", default="circles", format_func=data_names.get)
        train_depth = sidebar.slider(t("initialization.train.depth"), 1, 12, 8, key="init_train_depth",
                                     bind="query-params")
        train_epochs = sidebar.slider(t("initialization.train.epochs"), 5, 40, 40, key="init_train_epochs",
                                      bind="query-params")
        train_lr = controls.log_slider(t("control.lr"), "init_train_lr", 0.001, 1.0, 0.01, container=sidebar)

        st.subheader(t("initialization.train.title"), anchor="training")
        classroom.explain(t("initialization.train.intro", depth=train_depth, width=trainer.TRAIN_WIDTH,
                            epochs=train_epochs, batch=trainer.TRAIN_BATCH, momentum=trainer.TRAIN_MOMENTUM))
        seed_box = st.container(border=True)
        seed_box.markdown(":material/casino: " + t("initialization.train.seed_note", seed=seed))
        seed_buttons = seed_box.columns([1, 2])
        if seed_buttons[0].button(t("initialization.train.another_seed"), on_click=next_seed,
                                  icon=":material/casino:"):
            st.rerun()  # the seed is the whole page's: run all of it again, not only this section
        over_seeds = seed_buttons[1].toggle(t("initialization.train.over_seeds", seeds=compute.SEEDS),
                                            key="init_train_seeds",
                                            bind="query-params", help=t("initialization.train.over_seeds_help"))

        if not shown:
            st.info(t("initialization.none"))
        else:
            with st.spinner(t("initialization.train.progress")):
                repeats, runs = compute.trainings(tuple(shown), train_activation, train_data, train_depth,
                                                  train_epochs, train_lr, small_std, seed)
            charts.show(figures.training_figure(runs, trainer.TRAIN_TARGET_LOSS, chart_labels), key="init_training")
            st.markdown("##### " + t("initialization.train.this_seed", seed=seed))
            columns, colors = tables.training_table(runs, scheme_names)
            tables.show(columns, colors)
            st.caption(t("initialization.train.caption", points=trainer.TRAIN_POINTS,
                         share=int(100 * trainer.TRAIN_VALIDATION_SHARE)))
            st.markdown("#### " + t("initialization.train.seeds_title", first=0, last=compute.SEEDS - 1))
            for text in tables.seed_verdicts(repeats, scheme_names, trainer.TRAIN_TARGET_LOSS, train_epochs):
                st.markdown(text)
            if "xavier_normal" in shown or "xavier_uniform" in shown:
                first_gain = 2 * 2 / (2 + trainer.TRAIN_WIDTH)  # the first layer: 2 inputs, TRAIN_WIDTH units
                st.caption(t("initialization.train.xavier_first", width=trainer.TRAIN_WIDTH, gain=first_gain,
                             times=1 / first_gain))
            if over_seeds:
                columns, colors = tables.seeds_table(repeats, scheme_names)
                tables.show(columns, colors)

    training_section()

    course.experiments("initialization", EXPERIMENTS, ANCHORS)


render()
