"""Lesson 4: batch normalization. One layer before and after it, its running statistics, train versus eval mode,
and a deep network trained with and without it."""

from dataclasses import replace

import numpy as np
import streamlit as st

from dl_core.lessons import batch_norm as lesson
from pages.batch_norm import compute, figures, tables, trainer
from ui import charts, classroom, controls, course, metrics
from ui.i18n import language, latex, num, t

LAYER_SIZES = (2, 4, 8, 16, 32, 64, 128, 256)
STREAM_SIZES = (2, 4, 8, 16, 32, 64, 128, 256)
BATCH_SIZES = (1, 2, 3, 4, 8, 16, 32, 64, 128, 256)
SHOWN = ("outputs", "inputs")  # what the distribution chart shows of each layer: the activation's outputs or inputs
OUTCOMES = ("with_bn", "without_bn")  # which network a student can predict ends lower
PAPER = "https://arxiv.org/abs/1502.03167"
TRANSFORM_LATEX = (  # two formulas a line; on a phone each gets its own line
    r"\begin{gathered}\mu_B = \frac{1}{N}\sum_{n} z_n,\qquad \sigma_B^2 = \frac{1}{N}\sum_{n}(z_n - \mu_B)^2"
    r"\\ \hat z_n = \frac{z_n - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}},\qquad y_n = \gamma\,\hat z_n + \beta"
    r"\end{gathered}"
)
EXPERIMENTS = {
    "undo": "bn_layer_n=32&bn_undo=true",
    "wide_gamma": "bn_layer_n=32&bn_gamma=3&bn_beta=0&bn_undo=false",
    "pytorch": "bn_momentum=0.1&bn_stream_n=16&bn_stream_steps=200&bn_debias=false",
    "keras": "bn_momentum=0.01&bn_stream_n=16&bn_stream_steps=1000&bn_debias=false",
    "debias": "bn_momentum=0.01&bn_stream_n=16&bn_stream_steps=300&bn_debias=true",
    "noisy": "bn_momentum=0.5&bn_stream_n=4&bn_stream_steps=200&bn_debias=false",
    "two_per_batch": "bn_momentum=0.1&bn_stream_n=2&bn_stream_steps=500&bn_debias=false",
    "batch_of_one": "bn_batch=1&bn_x0=5",
    "batch_of_two": "bn_batch=2&bn_x0=5",
    "large_batch": "bn_batch=256&bn_x0=5",
    "too_early": "bn_momentum=0.01&bn_stream_steps=50&bn_batch=64&bn_x0=5",
    "same_lr": "bn_act=sigmoid&bn_depth=10&bn_lr=0.3&bn_steps=300&bn_data=moons&bn_show=outputs",
    "paper_inputs": "bn_act=sigmoid&bn_depth=10&bn_lr=0.3&bn_steps=300&bn_data=moons&bn_show=inputs",
    "high_lr": "bn_act=sigmoid&bn_depth=10&bn_lr=3&bn_steps=300&bn_data=moons",
    "relu_range": "bn_act=relu&bn_depth=10&bn_lr=0.3&bn_steps=300&bn_data=moons",
    "tanh": "bn_act=tanh&bn_depth=10&bn_lr=0.3&bn_steps=300&bn_data=moons",
    "shallow": "bn_act=sigmoid&bn_depth=2&bn_lr=0.3&bn_steps=300&bn_data=moons",
}
ANCHORS = {  # the section each experiment is about (a subheader's anchor: the link scrolls to it)
    "undo": "one-layer", "wide_gamma": "one-layer",
    "pytorch": "running-statistics", "keras": "running-statistics", "debias": "running-statistics",
    "noisy": "running-statistics", "two_per_batch": "running-statistics",
    "batch_of_one": "train-eval", "batch_of_two": "train-eval", "large_batch": "train-eval", "too_early": "train-eval",
    "same_lr": "deep-networks", "paper_inputs": "deep-networks", "high_lr": "deep-networks",
    "relu_range": "deep-networks", "tanh": "deep-networks", "shallow": "deep-networks",
}


def render() -> None:
    """The page. Its values are locals, freed when the run ends: the module's globals outlive the run in the
    widgets' callbacks, which a session keeps until it expires."""
    phone = charts.on_phone()  # two-panel charts are drawn one above the other, long formulas break into lines
    st.title(t("batch_norm.title"))
    with classroom.aside():  # the introduction and the transform: one fold in presenter mode
        st.markdown(t("batch_norm.intro", paper=PAPER))
        st.latex(latex(TRANSFORM_LATEX.replace(r"\qquad", r"\\") if phone else TRANSFORM_LATEX))

    sidebar = classroom.controls_area()
    sidebar.header(t("control.header"))
    layer_controls = classroom.controls_group(sidebar, t("batch_norm.layer.title"), section="one-layer")
    stream = classroom.controls_group(sidebar, t("batch_norm.stream.title"), section="running-statistics")
    momentum = controls.log_slider(t("batch_norm.stream.momentum"), "bn_momentum", 0.001, 1.0, 0.1, container=stream,
                                   help=t("batch_norm.stream.momentum_help"))
    stream_size = stream.select_slider(t("batch_norm.stream.batch"), STREAM_SIZES, value=16, key="bn_stream_n",
                                       bind="query-params")
    stream_steps = stream.slider(t("batch_norm.stream.steps"), 10, 1000, 200, 10, key="bn_stream_steps",
                                 bind="query-params")
    mean = controls.number_slider(t("batch_norm.stream.mean"), controls.linear_options(-5.0, 5.0, 0.5),
                                  key="bn_mu", default=3.0, container=stream)
    std = controls.number_slider(t("batch_norm.stream.std"), controls.linear_options(0.1, 5.0, 0.1),
                                 key="bn_sigma", default=2.0, container=stream)
    modes_controls = classroom.controls_group(sidebar, t("batch_norm.modes.title"), section="train-eval")
    deep_controls = classroom.controls_group(sidebar, t("batch_norm.deep.title"), section="deep-networks")
    seed = int(sidebar.number_input(t("control.seed"), 0, 9999, 0, key="bn_seed", bind="query-params"))
    classroom.reset_button(sidebar)

    labels = figures.Labels(
        language=language(), unit_axis=t("batch_norm.chart.unit"),
        rows=(t("batch_norm.chart.row_z"), t("batch_norm.chart.row_hat"), t("batch_norm.chart.row_y"),
              t("batch_norm.chart.row_sigmoid")),
        mean_sd=t("batch_norm.chart.mean_sd"), step=t("chart.step"),
        mean_panel=t("batch_norm.chart.mean_panel"), var_panel=t("batch_norm.chart.var_panel"),
        batch_stat=t("batch_norm.chart.batch_stat"), running=t("batch_norm.chart.running"),
        expected=t("batch_norm.chart.expected"), band=t("batch_norm.chart.band"), truth=t("batch_norm.chart.truth"),
        debiased=t("batch_norm.chart.debiased"), train_outputs=t("batch_norm.chart.train_outputs"),
        eval_output=t("batch_norm.chart.eval_output"), ideal_output=t("batch_norm.chart.ideal_output"),
        output_axis=t("batch_norm.chart.output_axis"),
        batches_axis=t("batch_norm.chart.batches_axis", trials=compute.TRIALS),
        size_axis=t("batch_norm.chart.size_axis"), median=t("batch_norm.chart.median"),
        spread=t("batch_norm.chart.spread"), no_train_output=t("batch_norm.chart.no_train_output"),
        without_bn=t("batch_norm.chart.without_bn"), with_bn=t("batch_norm.chart.with_bn"),
        without_short=t("batch_norm.chart.without_short"), with_short=t("batch_norm.chart.with_short"),
        loss_axis=t("batch_norm.chart.loss_axis"), minibatch_format=t("batch_norm.chart.minibatch"),
        whole_set_format=t("batch_norm.chart.whole_set"), eval_mode_format=t("batch_norm.chart.eval_mode"),
        constant_guess=t("batch_norm.chart.constant_guess"),
        layer_axis=t("batch_norm.chart.layer_axis"),
        distribution_axis="", playback=charts.playback_labels(),
        gamma_axis=t("batch_norm.chart.gamma_axis"), beta_axis=t("batch_norm.chart.beta_axis"),
        lr_axis=t("batch_norm.chart.lr_axis"), final_loss_axis=t("batch_norm.chart.final_loss_axis"),
        threshold=t("batch_norm.chart.threshold"), chosen_lr=t("batch_norm.chart.chosen_lr"),
        trained_in=t("batch_norm.chart.trained_in"),
    )

    # ---------------------------------------------------------------- one layer
    @st.fragment
    def layer_section() -> None:
        """The section and its controls, rerun alone when one of them moves."""
        sidebar = layer_controls
        layer_size = sidebar.select_slider(t("batch_norm.layer.batch"), LAYER_SIZES, value=32, key="bn_layer_n",
                                           bind="query-params")
        gamma = controls.number_slider("γ", controls.linear_options(-2.0, 4.0, 0.1),
                                       key="bn_gamma", default=1.0,
                                       container=sidebar, help=t("batch_norm.layer.gamma_help"))
        beta = controls.number_slider("β", controls.linear_options(-4.0, 4.0, 0.1),
                                      key="bn_beta", default=0.0,
                                      container=sidebar, help=t("batch_norm.layer.beta_help"))
        undo = sidebar.toggle(t("batch_norm.layer.undo"), key="bn_undo", bind="query-params",
                              help=t("batch_norm.layer.undo_help"))

        st.subheader(t("batch_norm.layer.title"), anchor="one-layer")
        classroom.explain(t("batch_norm.layer.intro"))
        layer = compute.layer_batch(layer_size, seed, gamma, beta, undo)
        charts.show(figures.layer_figure(layer, labels), key="bn_layer_chart")
        st.caption(t("batch_norm.layer.caption"))
        tables.show_layer(layer, undo)
        if undo:
            st.success(t("batch_norm.layer.undone", gap=num(float(np.max(np.abs(layer.y - layer.z))), 2)))
        else:
            straight = float(np.mean(np.abs(layer.y) <= 1.0))
            st.markdown(t("batch_norm.layer.straight", share=straight, gamma=gamma))
        course.lesson_differs(t("batch_norm.differs.fixed_says"),
                              t("batch_norm.differs.fixed_measured",
                                mean=float(np.max(np.abs(layer.z_hat.mean(axis=0)))),
                                var=float(layer.z_hat.var(axis=0).min())))

    layer_section()

    # ---------------------------------------------------------------- running statistics
    st.subheader(t("batch_norm.stream.title"), anchor="running-statistics")
    with classroom.aside():
        st.markdown(t("batch_norm.stream.intro"))
        st.latex(r"\begin{aligned}\mu_{run} &\leftarrow (1 - m)\,\mu_{run} + m\,\mu_B\\ "
                 r"\sigma^2_{run} &\leftarrow (1 - m)\,\sigma^2_{run} + m\,\tfrac{N}{N-1}\,\sigma^2_B\end{aligned}")
        st.markdown(t("batch_norm.stream.names", momentum=momentum, discount=1 - momentum))
    flow = compute.stream(mean, std, stream_size, stream_steps, momentum, seed)
    step_axis = np.arange(stream_steps + 1)
    expected = (lesson.expected_estimate(mean, 0.0, momentum, step_axis),
                lesson.expected_estimate(std**2, 1.0, momentum, step_axis))
    spreads = (lesson.estimate_std(flow.mean_std, momentum, step_axis),
               lesson.estimate_std(flow.var_std, momentum, step_axis))
    band = tuple((centre - 2 * spread, centre + 2 * spread) for centre, spread in zip(expected, spreads, strict=True))
    corrected = (lesson.debiased(flow.running_mean, 0.0, momentum),
                 lesson.debiased(flow.running_var, 1.0, momentum))
    forget = lesson.steps_to_forget(momentum)
    metrics.show([
        metrics.Metric("m", num(momentum, 3), t("batch_norm.stream.m_help")),
        metrics.Metric("1 − m", num(1 - momentum, 3), t("batch_norm.stream.discount_help")),
        metrics.Metric(t("batch_norm.stream.half_life"), num(lesson.half_life(momentum), 3),
                       t("batch_norm.stream.half_life_help")),
        metrics.Metric(t("batch_norm.stream.forget"), str(forget), t("batch_norm.stream.forget_help")),
        metrics.Metric("μ", num(flow.running_mean[-1], 4), t("batch_norm.stream.final_mean_help", mean=mean), "run"),
        metrics.Metric("σ²", num(flow.running_var[-1], 4), t("batch_norm.stream.final_var_help", var=std**2), "run"),
    ])
    show_debiased = st.toggle(t("batch_norm.stream.debias"), key="bn_debias", bind="query-params",
                              help=t("batch_norm.stream.debias_help"))
    charts.show(figures.stream_figure(flow, show_debiased, corrected, expected, band, labels, phone),
                key="bn_stream_chart")
    st.caption(t("batch_norm.stream.caption"))
    early = min(10, stream_steps)
    st.markdown(t("batch_norm.stream.bias", steps=early, weight=float(lesson.start_weight(momentum, early)),
                  forget=forget, mean=float(flow.running_mean[early]), expected=float(expected[0][early]), truth=mean))
    st.markdown(t("batch_norm.stream.unbiased", n=stream_size, var=std**2,
                  biased=std**2 * (stream_size - 1) / stream_size))

    # ---------------------------------------------------------------- train versus eval
    @st.fragment
    def modes_section() -> None:
        """The section and its controls, rerun alone when one of them moves."""
        batch_size = modes_controls.select_slider(t("batch_norm.modes.batch"), BATCH_SIZES, value=8, key="bn_batch",
                                                bind="query-params")
        sample = controls.number_slider(t("batch_norm.modes.sample"), controls.linear_options(-10.0, 10.0, 0.5),
                                        key="bn_x0", default=5.0, container=modes_controls)

        st.subheader(t("batch_norm.modes.title"), anchor="train-eval")
        classroom.explain(t("batch_norm.modes.intro"))
        running = (float(flow.running_mean[-1]), float(flow.running_var[-1]))
        modes = compute.train_eval(mean, std, batch_size, sample, running, seed)
        by_size = compute.by_size(mean, std, sample, seed)
        if batch_size == 1:
            st.warning(t("batch_norm.modes.one", beta=0.0))
            with st.expander(t("batch_norm.modes.engine_says")):
                st.code(modes.error, language=None)
        elif batch_size == 2:
            st.info(t("batch_norm.modes.two"))
        charts.show(figures.train_eval_figure(modes, by_size, batch_size, labels, phone), key="bn_modes_chart")
        st.caption(t("batch_norm.modes.caption", trials=compute.TRIALS, mean=mean, std=std, sample=sample,
                     running_mean=running[0], running_var=running[1]))
        if modes.train_outputs is not None:
            low, high = np.percentile(modes.train_outputs, [10, 90])
            st.markdown(t("batch_norm.modes.spread", sample=sample, n=batch_size, low=low, high=high,
                          eval=modes.eval_output,
                          ideal=modes.ideal))
        tables.show_batch(modes)

    modes_section()

    # ---------------------------------------------------------------- deep networks
    @st.fragment
    def deep_section() -> None:
        """The section and its controls, rerun alone when one of them moves."""
        sidebar = deep_controls
        activation = controls.url_choice(sidebar.selectbox, t("batch_norm.deep.activation"), trainer.ACTIVATIONS,
                                         key="bn_act", default="sigmoid",
                                         format_func=lambda activation: t(f"batch_norm.act.{activation}"))
        depth = sidebar.slider(t("batch_norm.deep.depth"), 2, 12, 10, key="bn_depth", bind="query-params")
        lr = controls.log_slider(t("control.lr"), "bn_lr", 0.001, 100.0, 0.3, container=sidebar)
        steps = sidebar.slider(t("control.steps"), 50, 600, 300, 50, key="bn_steps", bind="query-params")
        data = controls.url_choice(sidebar.selectbox, t("batch_norm.deep.data"), trainer.DATA, key="bn_data",
                                   default="moons", format_func=lambda name: t(f"batch_norm.data.{name}"))

        st.subheader(t("batch_norm.deep.title"), anchor="deep-networks")
        init_name = trainer.INITIALIZER[activation]
        classroom.explain(t("batch_norm.deep.intro", depth=depth, width=trainer.WIDTH, batch=trainer.BATCH,
                            samples=trainer.SAMPLES, activation=t(f"batch_norm.act.{activation}"),
                            init=t(f"batch_norm.init.{init_name}")))
        with st.spinner(t("batch_norm.deep.training", steps=steps)):
            runs = {batch_norm: compute.deep_run(activation, depth, lr, steps, data, seed, batch_norm)
                    for batch_norm in (False, True)}
        guess = compute.constant_guess(data, seed)
        final = {batch_norm: float(run.population_losses[-1, 0]) for batch_norm, run in runs.items()}
        eval_loss = float(runs[True].losses[-1, 0])  # with batch norm, in eval mode: the running statistics
        lower = "with_bn" if final[True] < final[False] else "without_bn"
        if not classroom.predict_then_reveal(t("batch_norm.deep.predict", steps=steps, lr=lr), OUTCOMES, lower,
                                             (activation, depth, lr, steps, data, seed),
                                             format_func=lambda key: t(f"batch_norm.outcome.{key}")):
            return  # every chart and number below tells which network ends lower
        charts.show(figures.loss_figure(runs, guess, labels), key="bn_loss_chart")
        metrics.show([
            metrics.Metric(t("batch_norm.deep.loss_without"), num(final[False], 3),
                           t("batch_norm.deep.final_loss_help")),
            metrics.Metric(t("batch_norm.deep.loss_with"), num(final[True], 3),
                           t("batch_norm.deep.final_loss_help")),
            metrics.Metric(t("batch_norm.deep.loss_eval"), num(eval_loss, 3), t("batch_norm.deep.loss_eval_help")),
            metrics.Metric(t("batch_norm.deep.accuracy_without"), f"{runs[False].population_accuracy[-1, 0]:.0%}",
                           t("batch_norm.deep.accuracy_help")),
            metrics.Metric(t("batch_norm.deep.accuracy_with"), f"{runs[True].population_accuracy[-1, 0]:.0%}",
                           t("batch_norm.deep.accuracy_help")),
            metrics.Metric(t("batch_norm.deep.guess"), num(guess, 3), t("batch_norm.deep.guess_help")),
        ])
        st.caption(t("batch_norm.deep.loss_caption"))
        st.info(t("batch_norm.deep.lag", eval=eval_loss, population=final[True]))

        st.markdown("#### " + t("batch_norm.deep.spread_title"))
        shown = controls.url_choice(st.radio, t("batch_norm.deep.show"), SHOWN, key="bn_show", default="outputs",
                                    format_func=lambda key: t(f"batch_norm.show.{key}"), horizontal=True)
        shown_labels = replace(labels, distribution_axis=t(f"batch_norm.show_axis.{shown}"))
        charts.show(figures.distribution_figure(runs, shown != "inputs", shown_labels, phone), key="bn_spread_chart")
        st.caption(t("batch_norm.deep.spread_caption", probe=trainer.PROBE))
        plain, normed = runs[False].histograms.pre_std[:, 0], runs[True].histograms.pre_std[:, 0]  # (snapshots, layers)
        over_seeds = compute.spread(activation, depth, lr, steps, data)
        course.lesson_differs(
            t("batch_norm.differs.grow_says"),
            t("batch_norm.differs.grow_measured", depth=depth, first=plain[0, 0], last=plain[0, -1],
              first_end=plain[-1, 0], last_end=plain[-1, -1], bn_low=float(normed.min()), bn_high=float(normed.max()))
            + " " + t("batch_norm.differs.grow_seeds", depth=depth, last_seed=trainer.SEEDS - 1, n=trainer.SEEDS,
                      collapsed=int(over_seeds.collapsed.sum()), grew=int(over_seeds.grew.sum()),
                      steady=int(over_seeds.steady.sum())),
        )

        st.markdown("#### " + t("batch_norm.deep.gamma_title"))
        charts.show(figures.gamma_beta_figure(runs[True], depth, labels, phone), key="bn_gamma_chart")
        gammas = np.concatenate([runs[True].params[f"gamma{layer}"].ravel() for layer in range(1, depth + 1)])
        betas = np.concatenate([runs[True].params[f"beta{layer}"].ravel() for layer in range(1, depth + 1)])
        moved = float(np.mean(np.abs(gammas - 1) > 0.1))
        st.markdown(t("batch_norm.deep.gamma_summary", low=float(gammas.min()), high=float(gammas.max()), far=moved,
                      beta_low=float(betas.min()), beta_high=float(betas.max()))
                    + " " + t("batch_norm.deep.gamma_moved" if moved >= 0.2 else "batch_norm.deep.gamma_stayed"))

        st.markdown("#### " + t("batch_norm.deep.sweep_title"))
        classroom.explain(t("batch_norm.deep.sweep_intro", steps=trainer.SWEEP_STEPS, rates=len(trainer.SWEEP_LRS)))
        with st.spinner(t("batch_norm.deep.sweeping", rates=len(trainer.SWEEP_LRS), steps=trainer.SWEEP_STEPS)):
            sweeps = {batch_norm: compute.sweep(activation, depth, data, batch_norm)
                      for batch_norm in (False, True)}
        threshold = compute.trained_threshold(data, seed)
        charts.show(figures.sweep_figure(sweeps, threshold, lr, labels), key="bn_sweep_chart")
        st.caption(t("batch_norm.deep.sweep_caption", threshold=threshold))
        st.markdown(tables.sweep_summary(sweeps))

    deep_section()

    course.experiments("batch_norm", EXPERIMENTS, ANCHORS)


render()
