"""The network playground: the whole module in one live training. A 2-D data set, a network with every setting the
module teaches, trained once and played back in the browser with its decision boundary, its curves and what every
layer computes; and two configurations side by side."""

import numpy as np
import streamlit as st

from dl_core.activations import ACTIVATIONS
from dl_core.initializers import INITIALIZERS
from dl_core.lessons import symmetry
from dl_core.optimizers import DEFAULTS
from dl_core.schedules import SCHEDULES
from pages.playground import compute, figures, trainer
from pages.playground.live_chart import live_chart
from ui import charts, classroom, controls, course, metrics, tables
from ui.i18n import language, num, t

# The names of the choices, as text keys (kept in the URL by value: ?pg_act=tanh).
DATA_NAMES = {name: "playground.data." + name for name in trainer.DATA}
ACTIVATION_NAMES = {name: "playground.act." + name for name in ACTIVATIONS}
INITIALIZER_NAMES = {name: "playground.init." + name for name in INITIALIZERS}
SCHEDULE_NAMES = {name: "playground.schedule." + name for name in SCHEDULES}
WIDTHS = (2, 4, 8, 16, 32, 64)
BATCHES = (4, 8, 16, 32, 64, 128, 256)
STEPS = (100, 200, 500, 1000, 2000)
LAYERS = (1, 8)
LEARNING_RATES = {"gd": 0.1, "momentum": 0.03, "nesterov": 0.03, "adagrad": 0.1, "rmsprop": 0.01, "adam": 0.01,
                  "adamw": 0.01}
DEAD = 0.9  # a hidden layer whose share without gradient ends above this is called saturated or dead
VANISHED = 0.01  # the first layer's gradient below this share of the last one's: it vanished
EXPERIMENTS = {
    "vanishing": "pg_data=moons&pg_act=sigmoid&pg_layers=8&pg_width=16&pg_init=xavier_normal&pg_opt=GD&pg_gd_lr=0.1"
                 "&pg_steps=1000&pg_seed=0",
    "relu_deep": "pg_data=moons&pg_act=relu&pg_layers=8&pg_width=16&pg_init=he_normal&pg_opt=GD&pg_gd_lr=0.1"
                 "&pg_steps=1000&pg_seed=0",
    "zeros": "pg_data=moons&pg_act=tanh&pg_init=zeros&pg_layers=2&pg_width=16&pg_opt=Adam&pg_adam_lr=0.01&pg_seed=0",
    "constant": "pg_data=moons&pg_act=tanh&pg_init=constant&pg_layers=2&pg_width=16&pg_opt=Adam&pg_adam_lr=0.01"
                "&pg_seed=0",
    "dropout": "pg_data=spirals&pg_noise=0.25&pg_n=200&pg_layers=3&pg_width=64&pg_act=relu&pg_drop=0"
               "&pg_opt=Adam&pg_adam_lr=0.01&pg_steps=2000&pg_seed=0&pg_compare=true&pg_b_act=relu&pg_b_bn=false"
               "&pg_b_drop=0.3&pg_b_opt=Adam&pg_b_lr=0.01",
    "bn_lr": "pg_data=moons&pg_act=relu&pg_layers=4&pg_width=16&pg_init=he_normal&pg_bn=false&pg_opt=GD"
             "&pg_gd_lr=2&pg_steps=1000&pg_seed=0&pg_compare=true&pg_b_act=relu&pg_b_init=he_normal"
             "&pg_b_bn=true&pg_b_opt=GD&pg_b_lr=2",
    "adam_sgd": "pg_data=spirals&pg_noise=0.05&pg_layers=3&pg_width=32&pg_act=tanh&pg_init=xavier_normal&pg_opt=GD"
                "&pg_gd_lr=0.01&pg_steps=1000&pg_seed=0&pg_compare=true&pg_b_act=tanh&pg_b_init=xavier_normal"
                "&pg_b_bn=false&pg_b_opt=Adam&pg_b_lr=0.01",
    "dead_relu": "pg_data=moons&pg_act=relu&pg_layers=4&pg_width=16&pg_init=he_normal&pg_opt=GD&pg_gd_lr=1.5"
                 "&pg_steps=1000&pg_seed=0",
    "saturated": "pg_data=moons&pg_act=tanh&pg_layers=4&pg_width=16&pg_init=xavier_normal&pg_opt=GD&pg_gd_lr=2"
                 "&pg_steps=1000&pg_seed=0",
}
ANCHORS = {  # the section each experiment's link scrolls to: the live training, or A against B
    "vanishing": "live-training", "relu_deep": "live-training", "zeros": "live-training",
    "constant": "live-training", "dead_relu": "live-training", "saturated": "live-training",
    "dropout": "a-against-b", "bn_lr": "a-against-b", "adam_sgd": "a-against-b",
}


def render() -> None:
    """The page. Its values are locals, freed when the run ends: the module's globals outlive the run in the
    widgets' callbacks, which a session keeps until it expires."""
    st.title(t("playground.title"))
    classroom.explain(t("playground.intro"))
    st.info(t("playground.convention"), icon=":material/swap_horiz:")

    # ---------------------------------------------------------------- controls
    sidebar = classroom.controls_area()
    sidebar.header(t("control.header"))
    sidebar.subheader(t("playground.control.data_title"))
    data = controls.url_choice(sidebar.selectbox, t("playground.control.data"), trainer.DATA, key="pg_data",
                               default="moons", format_func=lambda name: t(DATA_NAMES[name]))
    noise = controls.number_slider(t("playground.control.noise"), controls.linear_options(0.0, 0.6, 0.05),
                                   key="pg_noise", default=0.2,
                                   container=sidebar, help=t("playground.control.noise_help"))
    size = sidebar.select_slider(t("playground.control.size"), trainer.SIZES, value=200, key="pg_n",
                                 bind="query-params",
                                 help=t("playground.control.size_help"))
    sidebar.subheader(t("playground.control.network_title"))
    layers = sidebar.slider(t("playground.control.layers"), *LAYERS, 2, key="pg_layers", bind="query-params")
    width = sidebar.select_slider(t("playground.control.width"), WIDTHS, value=16, key="pg_width", bind="query-params")
    activation = controls.url_choice(sidebar.selectbox, t("playground.control.activation"), tuple(ACTIVATIONS),
                                     key="pg_act", default="relu", format_func=lambda name: t(ACTIVATION_NAMES[name]))
    initializer = controls.url_choice(sidebar.selectbox, t("playground.control.initializer"), tuple(INITIALIZERS),
                                      key="pg_init", default="he_normal",
                                      format_func=lambda name: t(INITIALIZER_NAMES[name]))
    batch_norm = sidebar.toggle(t("playground.control.batch_norm"), key="pg_bn", bind="query-params")
    drop_prob = controls.number_slider(t("playground.control.drop"), controls.linear_options(0.0, 0.9, 0.05),
                                       key="pg_drop", default=0.0, container=sidebar)
    sidebar.subheader(t("playground.control.training_title"))
    optimizer = controls.optimizer_picker(key="pg_opt", default="adam", container=sidebar)
    hyper = controls.hyperparameters(optimizer, key_prefix="pg_", container=sidebar, lr=LEARNING_RATES[optimizer])
    schedule = controls.url_choice(sidebar.selectbox, t("playground.control.schedule"), tuple(SCHEDULES),
                                   key="pg_schedule", default="constant",
                                   format_func=lambda name: t(SCHEDULE_NAMES[name]))
    batch_size = sidebar.select_slider(t("playground.control.batch"), BATCHES, value=32, key="pg_batch",
                                       bind="query-params")
    steps = sidebar.select_slider(t("playground.control.steps"), STEPS, value=1000, key="pg_steps", bind="query-params")
    seed = int(sidebar.number_input(t("control.seed"), 0, 9999, 0, key="pg_seed", bind="query-params"))
    sidebar.subheader(t("playground.control.compare_title"))
    comparing = sidebar.toggle(t("playground.control.compare"), key="pg_compare", bind="query-params",
                               help=t("playground.control.compare_help"))
    if comparing:
        b_activation = controls.url_choice(sidebar.selectbox, t("playground.control.b_activation"), tuple(ACTIVATIONS),
                                           key="pg_b_act", default="relu",
                                           format_func=lambda name: t(ACTIVATION_NAMES[name]))
        b_initializer = controls.url_choice(sidebar.selectbox, t("playground.control.b_initializer"),
                                            tuple(INITIALIZERS), key="pg_b_init", default="he_normal",
                                            format_func=lambda name: t(INITIALIZER_NAMES[name]))
        b_batch_norm = sidebar.toggle(t("playground.control.b_batch_norm"), value=True, key="pg_b_bn",
                                      bind="query-params")
        b_drop = controls.number_slider(t("playground.control.b_drop"), controls.linear_options(0.0, 0.9, 0.05),
                                        key="pg_b_drop", default=0.0, container=sidebar)
        b_optimizer = controls.optimizer_picker(key="pg_b_opt", default="adam", container=sidebar)
        b_lr = controls.log_slider(t("playground.control.b_lr"), "pg_b_lr", *controls.LR_RANGE, 0.01, container=sidebar)
    classroom.reset_button(sidebar)

    setup = trainer.Setup(layers, width, activation, initializer, batch_norm, drop_prob, optimizer,
                          tuple(sorted(hyper.items())), schedule, batch_size, steps)
    labels = figures.Labels(
        language=language(), loss_axis=t("playground.chart.loss"), accuracy_axis=t("playground.chart.accuracy"),
        train=t("playground.chart.train"), val=t("playground.chart.val"),
        classes=(t("playground.chart.class0"), t("playground.chart.class1")),
        train_points=t("playground.chart.train_points"), val_points=t("playground.chart.val_points"),
        layer=t("playground.chart.layer"), output=t("playground.chart.output"),
        percentiles=t("playground.chart.percentiles"), no_gradient=t("playground.chart.no_gradient"),
        grad_norm=t("playground.chart.grad_norm"),
        playback=charts.playback_labels(), runs=(t("playground.run.a"), t("playground.run.b")),
    )

    # ---------------------------------------------------------------- the live training
    st.subheader(t("playground.live.title"), anchor="live-training")
    with st.spinner(t("playground.live.spinner", steps=steps), show_time=True):
        run = compute.training(setup, data, noise, size, seed)
    charts.show(live_chart(setup, data, noise, size, seed, labels, charts.on_phone()), key="pg_live_chart")
    every = trainer.snapshot_every(setup)
    classroom.aside().caption(t("playground.live.caption", grid=trainer.GRID, every=every))
    metrics.show([
        metrics.Metric(t("playground.metric.val_accuracy"), f"{run.val_accuracy[-1]:.0%}",
                       t("playground.metric.val_accuracy_help")),
        metrics.Metric(t("playground.metric.train_accuracy"), f"{run.train_accuracy[-1]:.0%}"),
        metrics.Metric(t("playground.metric.val_loss"), num(float(run.val_loss[-1]), 3)),
        metrics.Metric(t("playground.metric.train_loss"), num(float(run.train_loss[-1]), 3)),
        metrics.Metric(t("playground.metric.parameters"), str(sum(value.size for value in run.params.values()))),
        metrics.Metric(t("playground.metric.seed"), str(seed), t("playground.metric.seed_help")),
    ])
    with st.spinner(t("playground.seeds_spinner", n=trainer.SEEDS), show_time=True):
        seeds_a = compute.over_seeds(setup, data, noise, size)
    if seeds_a.diverged.any():
        st.warning(t("playground.diverged", k=int(seeds_a.diverged.sum()), n=len(seeds_a.diverged)),
                   icon=":material/warning:")
    dead = seeds_a.no_gradient >= DEAD  # (seeds, hidden layers)
    if dead.any():
        layer = int(dead.sum(axis=0).argmax())
        st.warning(t("playground.dead_layer", layer=layer + 1, k=int(dead[:, layer].sum()), n=len(dead),
                     share=float(np.median(seeds_a.no_gradient[:, layer]))), icon=":material/block:")
    alike = [symmetry.distinct_units(run.params[f"W{index}"], run.params[f"b{index}"]) == 1
             for index in range(1, layers + 1)]
    if width > 1 and any(alike):
        st.warning(t("playground.one_unit", layer=alike.index(True) + 1, width=width), icon=":material/join:")
    norms = seeds_a.grad_norm  # (seeds, layers)
    vanished = (norms[:, -1] > 0) & (norms[:, 0] < VANISHED * norms[:, -1])
    if vanished.any():
        st.warning(t("playground.vanishing", k=int(vanished.sum()), n=len(vanished),
                     ratio=float(np.median(norms[vanished, -1] / np.maximum(norms[vanished, 0], 1e-300)))),
                   icon=":material/trending_down:")

    # ---------------------------------------------------------------- A against B
    def described(config: trainer.Setup) -> str:
        """A configuration in a few words: activation, initialization, batch norm, dropout, optimizer and its rate."""
        parts = [t(ACTIVATION_NAMES[config.activation]), t(INITIALIZER_NAMES[config.initializer])]
        if config.batch_norm:
            parts.append("BN")
        if config.drop_prob > 0:
            parts.append(f"p_drop = {num(config.drop_prob, 2)}")
        parts.append(f"{t('optimizer.' + config.optimizer)} η = {num(config.lr, 3)}")
        return " · ".join(parts)

    if comparing:
        st.subheader(t("playground.compare.title"), anchor="a-against-b")
        b_hyper = {**{key: value for key, value in DEFAULTS[b_optimizer].items() if key != "lr"}, "lr": b_lr}
        other = trainer.Setup(layers, width, b_activation, b_initializer, b_batch_norm, b_drop, b_optimizer,
                              tuple(sorted(b_hyper.items())), schedule, batch_size, steps)
        if other == setup:
            st.info(t("playground.compare.same"))
        with st.spinner(t("playground.compare.spinner"), show_time=True):
            second = compute.training(other, data, noise, size, seed)
        plane = figures.Plane.of(compute.dataset(data, noise, size, seed))
        charts.show(figures.comparison_figure((run, second), plane, labels, charts.on_phone()), key="pg_compare_chart")
        st.caption(t("playground.compare.caption", every=every))
        result = compute.verdict(run, second)
        names = labels.runs
        reached = [t("playground.compare.blew_up", step=recording.diverged_at) if recording.diverged
                   else t("playground.compare.never") if step < 0 else step
                   for recording, step in zip((run, second), result.reached, strict=True)]
        tables.show([
            tables.Column(t("playground.compare.run"), list(names)),
            tables.Column(t("playground.compare.setup"), [described(setup), described(other)]),
            tables.Column(t("playground.compare.val_loss"), list(result.val_loss), ".3g"),
            tables.Column(t("playground.compare.val_accuracy"), list(result.val_accuracy), ".0%"),
            tables.Column(t("playground.compare.reached", target=result.target), reached),
        ], colors=list(figures.RUN_COLORS))
        with st.spinner(t("playground.seeds_spinner", n=trainer.SEEDS), show_time=True):
            seeds_b = compute.over_seeds(other, data, noise, size)
        counted = compute.seeds_verdict(seeds_a, seeds_b, compute.seeds_target(seeds_a, seeds_b))
        n = counted.seeds
        if max(counted.a_lower, counted.b_lower) >= compute.HOLDS:
            winner = 0 if counted.a_lower >= counted.b_lower else 1
            st.success(t("playground.compare.better", winner=names[winner], n=n, steps=steps,
                         k=max(counted.a_lower, counted.b_lower)))
        else:
            st.info(t("playground.compare.tie", a=counted.a_lower, b=counted.b_lower, n=n))
        if max(counted.a_first, counted.b_first) >= compute.HOLDS:
            faster = 0 if counted.a_first >= counted.b_first else 1
            st.markdown(t("playground.compare.faster", winner=names[faster], target=counted.target, n=n,
                          k=max(counted.a_first, counted.b_first)))
        else:
            st.markdown(t("playground.compare.first_varies", target=counted.target, a=counted.a_first,
                          b=counted.b_first, n=n))

    course.experiments("playground", EXPERIMENTS, ANCHORS)


render()
