"""Lesson 5: dropout. The thinned network at every training step, why kept units are scaled, a network that overfits
trained without and with several rates, and Monte-Carlo dropout at test time."""

import numpy as np
import streamlit as st

from dl_core.lessons.dropout import kept_share_band
from pages.dropout import compute, figures, tables, trainer
from ui import charts, classroom, controls, course, metrics
from ui.i18n import language, num, t

PAPER = "https://jmlr.org/papers/v15/srivastava14a.html"
MC_PAPER = "https://arxiv.org/abs/1506.02142"
RATE_OPTIONS = tuple(f"{rate:g}" for rate in trainer.RATES)  # kept in the URL as these strings
DEFAULT_RATES = ("0.2", "0.5", "0.9")
PASSES = (10, 20, 50, 100)
SHOWN = ("loss", "accuracy")  # what the training curves show
EXPERIMENTS = {
    "thinned": "do_p=0.5&do_units=8&do_steps=20&do_seed=0",
    "lesson_p": "do_p=0.2&do_units=8&do_steps=40&do_seed=0",
    "half_gone": "do_p=0.8&do_units=12&do_steps=40&do_seed=0",
    "expected": "do_p=0.5&do_masks=100000&do_seed=0",
    "few_masks": "do_p=0.8&do_masks=10&do_seed=0",
    "overfit": "do_data=moons&do_noise=0.25&do_n=100&do_width=64&do_epochs=200&do_lr=0.01"
               "&do_rates=0.2&do_rates=0.5&do_rates=0.9&do_seed=0&do_shown=loss",
    "too_much": "do_data=moons&do_noise=0.25&do_n=100&do_width=64&do_epochs=200&do_lr=0.01"
                "&do_rates=0.5&do_rates=0.9&do_rates=0.95&do_seed=0&do_shown=accuracy",
    "more_data": "do_data=moons&do_noise=0.25&do_n=200&do_width=64&do_epochs=200&do_lr=0.01"
                 "&do_rates=0.2&do_rates=0.5&do_rates=0.9&do_seed=0&do_shown=loss",
    "small_network": "do_data=moons&do_noise=0.25&do_n=100&do_width=8&do_epochs=200&do_lr=0.01"
                     "&do_rates=0.2&do_rates=0.5&do_rates=0.9&do_seed=0&do_shown=loss",
    "other_seed": "do_data=moons&do_noise=0.25&do_n=100&do_width=64&do_epochs=200&do_lr=0.01"
                  "&do_rates=0.2&do_rates=0.5&do_rates=0.9&do_seed=5&do_shown=loss",
    "uncertainty": "do_data=moons&do_noise=0.25&do_n=100&do_width=64&do_epochs=200&do_lr=0.01"
                   "&do_rates=0.2&do_rates=0.5&do_rates=0.9&do_seed=0&do_mc=0.5&do_passes=100",
}
ANCHORS = {  # the section each experiment is about (a subheader's anchor: the link scrolls to it)
    "thinned": "thinned-network", "lesson_p": "thinned-network", "half_gone": "thinned-network",
    "expected": "inverted-dropout", "few_masks": "inverted-dropout",
    "overfit": "overfitting", "too_much": "overfitting", "more_data": "overfitting", "small_network": "overfitting",
    "other_seed": "overfitting",
    "uncertainty": "monte-carlo-dropout",
}


def render() -> None:
    """The page. Its values are locals, freed when the run ends: the module's globals outlive the run in the
    widgets' callbacks, which a session keeps until it expires."""
    st.title(t("dropout.title"))
    classroom.explain(t("dropout.intro", paper=PAPER))
    st.info(t("dropout.convention"), icon=":material/swap_horiz:")

    # ---------------------------------------------------------------- controls
    sidebar = classroom.controls_area()
    sidebar.header(t("control.header"))
    thinned_controls = classroom.controls_group(sidebar, t("dropout.thinned.title"), section="thinned-network")
    drop_prob = controls.number_slider(t("dropout.control.p"), controls.linear_options(0.0, 0.95, 0.05), key="do_p",
                                       default=0.5, container=thinned_controls, help=t("dropout.control.p_help"))
    keep = 1.0 - drop_prob
    thinned_controls.markdown(t("dropout.control.p_keep", keep=keep))
    inverted_controls = classroom.controls_group(sidebar, t("dropout.inverted.title"), section="inverted-dropout")
    fit_controls = classroom.controls_group(sidebar, t("dropout.fit.title"), section="overfitting")
    seed = int(sidebar.number_input(t("control.seed"), 0, 9999, 0, key="do_seed", bind="query-params"))
    classroom.reset_button(sidebar)

    labels = figures.Labels(
        language=language(),
        layers=(t("dropout.chart.inputs"), t("dropout.chart.hidden1"), t("dropout.chart.hidden2"),
                t("dropout.chart.outputs")),
        kept=t("dropout.chart.kept"), dropped=t("dropout.chart.dropped"), fixed=t("dropout.chart.fixed"),
        step=t("chart.step"), share_axis=t("dropout.chart.share_axis"), example_format=t("dropout.chart.example"),
        batch_format=t("dropout.chart.batch"), band=t("dropout.chart.band"),
        expected_format=t("dropout.chart.expected"),
        playback=charts.playback_labels(),
        masks_axis=t("dropout.chart.masks_axis"), output_axis=t("dropout.chart.output_axis"),
        scaled=t("dropout.chart.scaled"), unscaled=t("dropout.chart.unscaled"), eval_format=t("dropout.chart.eval"),
        shrunk_format=t("dropout.chart.shrunk"), error_band=t("dropout.chart.error_band"),
        unit_axis=t("dropout.chart.unit_axis"), mean_axis=t("dropout.chart.mean_axis"),
        diagonal=t("dropout.chart.diagonal"), shrunk_line=t("dropout.chart.shrunk_line"),
        epoch_axis=t("dropout.chart.epoch_axis"), loss_axis=t("dropout.chart.loss_axis"),
        accuracy_axis=t("dropout.chart.accuracy_axis"), train_panel=t("dropout.chart.train_panel"),
        val_panel=t("dropout.chart.val_panel"), lowest=t("dropout.chart.lowest"),
        probability=t("dropout.chart.probability"), classes=(t("dropout.chart.class0"), t("dropout.chart.class1")),
        train_points=t("dropout.chart.train_points"), val_points=t("dropout.chart.val_points"),
        spread=t("dropout.chart.spread"), mean_title=t("dropout.chart.mean_title"),
        spread_title=t("dropout.chart.spread_title"),
    )

    def network_name(rate: float, chart: bool = False) -> str:
        """A network's name in the page's language: "no dropout", or both probabilities (with subscripts on a chart)."""
        return figures.rate_name(rate, t("dropout.no_dropout"),
                                 t("dropout.rate_name" if chart else "dropout.rate_option"),
                                 language())

    # ---------------------------------------------------------------- the thinned network
    @st.fragment
    def thinned_section() -> None:
        """The section and its controls, rerun alone when one of them moves (p is also the next section's)."""
        draw_width = thinned_controls.slider(t("dropout.control.units"), 2, 12, 8, key="do_units",
                                             bind="query-params")
        steps = thinned_controls.slider(t("dropout.control.steps"), 5, 60, 20, key="do_steps", bind="query-params")

        st.subheader(t("dropout.thinned.title"), anchor="thinned-network")
        classroom.explain(t("dropout.thinned.intro", batch=compute.DRAWN_BATCH))
        thinned = compute.thinned(draw_width, drop_prob, steps, seed)
        charts.show(figures.thinned_figure(thinned, labels, charts.on_phone()), key="do_thinned_chart")
        st.caption(t("dropout.thinned.caption", batch=compute.DRAWN_BATCH, scale=1 / keep))
        low, high = kept_share_band(thinned.units, drop_prob)
        metrics.show([
            metrics.Metric("p", num(drop_prob, 2), t("dropout.metric.drop_help"), "drop"),
            metrics.Metric("p", num(keep, 2), t("dropout.metric.keep_help"), "keep"),
            metrics.Metric(t("dropout.metric.units"), str(thinned.units), t("dropout.metric.units_help")),
            metrics.Metric(t("dropout.metric.expected_kept"), num(thinned.units * keep, 3),
                           t("dropout.metric.expected_kept_help")),
            metrics.Metric(t("dropout.metric.band"), f"{low:.0%}–{high:.0%}", t("dropout.metric.band_help")),
            metrics.Metric(t("dropout.metric.measured_share"), f"{thinned.example_share.mean():.0%}",
                           t("dropout.metric.measured_share_help", steps=steps)),
            metrics.Metric(t("dropout.metric.distinct"), num(float(thinned.distinct.mean()), 3),
                           t("dropout.metric.distinct_help", batch=compute.DRAWN_BATCH)),
        ])
        inside = float(np.mean((thinned.example_share >= low - 1e-12) & (thinned.example_share <= high + 1e-12)))
        st.markdown(t("dropout.thinned.binomial", units=thinned.units, keep=keep, sigma=float(np.sqrt(keep * drop_prob
                      / thinned.units)), inside=inside, steps=steps, batch_units=thinned.units * compute.DRAWN_BATCH,
                      batch_low=float(thinned.batch_share.min()), batch_high=float(thinned.batch_share.max())))
        course.lesson_differs(
            t("dropout.differs.step_says"),
            t("dropout.differs.step_measured", batch=compute.DRAWN_BATCH, distinct=float(thinned.distinct.mean()),
              units=thinned.units, possible=2**thinned.units),
        )

    thinned_section()

    # ---------------------------------------------------------------- inverted dropout
    @st.fragment
    def inverted_section() -> None:
        """The section and its control, rerun alone when it moves."""
        masks = int(controls.log_slider(t("dropout.control.masks"), "do_masks", 10, 100_000, 1000,
                                        container=inverted_controls))

        st.subheader(t("dropout.inverted.title"), anchor="inverted-dropout")
        classroom.explain(t("dropout.inverted.intro", units=compute.LAYER_UNITS))
        with classroom.aside():
            st.latex(r"y_j = \frac{m_j\,a_j}{p_\text{keep}},\qquad m_j \sim \operatorname{Bernoulli}(p_\text{keep})")
            st.latex(r"\mathbb{E}[y_j] = p_\text{keep}\cdot\frac{a_j}{p_\text{keep}} + p_\text{drop}\cdot 0 = a_j,"
                     r"\qquad\sigma[y_j] = a_j\sqrt{p_\text{drop}/p_\text{keep}}")
        over = compute.over_masks(drop_prob, masks, seed)
        unit = int(np.argmax(over.activations))
        charts.show(figures.masks_figure(over, unit, labels, charts.on_phone()), key="do_masks_chart")
        st.caption(t("dropout.inverted.caption", units=compute.LAYER_UNITS))
        value = float(over.activations[unit])
        standard_error = value * np.sqrt(drop_prob / keep) / np.sqrt(masks)
        mean, unscaled = float(over.running_mean[-1, unit]), float(over.unscaled_running_mean[-1, unit])
        st.markdown(t("dropout.inverted.result", masks=masks, mean=mean, value=value,
                      errors=abs(mean - value) / standard_error if standard_error > 0 else 0.0,
                      se=standard_error, unscaled=unscaled, shrunk=keep * value,
                      worst=float(np.max(np.abs(over.running_mean[-1] - over.activations)))))
        course.lesson_differs(t("dropout.differs.scale_says"), t("dropout.differs.scale_measured", keep=keep,
                                                                unscaled=unscaled, value=value, scale=1 / keep))

    inverted_section()

    # ---------------------------------------------------------------- against overfitting, and Monte-Carlo dropout
    @st.fragment
    def fit_sections() -> None:
        """The last two sections and their controls (the Monte-Carlo passes run the trained networks), rerun alone
        when one of them moves."""
        sidebar = fit_controls
        data = controls.url_choice(sidebar.selectbox, t("dropout.control.data"), trainer.DATA, key="do_data",
                                   default="moons", format_func=lambda name: t(f"dropout.data.{name}"))
        noise = controls.number_slider(t("dropout.control.noise"), controls.linear_options(0.0, 0.6, 0.05),
                                       key="do_noise", default=0.25, container=sidebar)
        size = sidebar.select_slider(t("dropout.control.size"), trainer.TRAIN_SIZES, value=100, key="do_n",
                                     bind="query-params")
        width = sidebar.select_slider(t("dropout.control.width"), trainer.WIDTHS, value=64, key="do_width",
                                      bind="query-params")
        epochs = sidebar.slider(t("dropout.control.epochs"), 50, 300, 200, 50, key="do_epochs", bind="query-params")
        lr = controls.log_slider(t("control.lr"), "do_lr", 0.001, 0.1, 0.01, container=sidebar,
                                 help=t("dropout.control.lr_help"))
        if "do_rates" not in st.session_state:  # a link with more rates than the control takes keeps its smallest ones
            asked = [option for option in RATE_OPTIONS if option in st.query_params.get_all("do_rates")]
            if len(asked) > trainer.MAX_RATES:
                st.query_params["do_rates"] = asked[: trainer.MAX_RATES]
        chosen = controls.url_choice(
            sidebar.multiselect, t("dropout.control.rates"), RATE_OPTIONS, key="do_rates", default=DEFAULT_RATES,
            multi=True, max_selections=trainer.MAX_RATES, help=t("dropout.control.rates_help"),
            format_func=lambda option: t("dropout.rate_option", drop=float(option), keep=1 - float(option)),
        )
        rates = tuple(float(option) for option in chosen)
        sidebar.subheader(t("dropout.mc.title"))
        mc_choice = None
        if chosen:
            mc_default = "0.5" if "0.5" in chosen else chosen[0]
            if st.session_state.get("do_mc", mc_default) not in chosen:
                st.session_state["do_mc"] = mc_default  # its rate was taken out of the trained ones
            mc_choice = controls.url_choice(
                sidebar.selectbox, t("dropout.control.mc_rate"), chosen, key="do_mc", default=mc_default,
                format_func=lambda option: t("dropout.rate_option", drop=float(option), keep=1 - float(option)),
            )
        passes = sidebar.select_slider(t("dropout.control.passes"), PASSES, value=50, key="do_passes",
                                       bind="query-params")

        st.subheader(t("dropout.fit.title"), anchor="overfitting")
        classroom.explain(t("dropout.fit.intro", size=size, val=trainer.VAL_SIZE, width=width, batch=trainer.BATCH,
                            epochs=epochs, lr=lr, data=t(f"dropout.data.{data}"), noise=noise, networks=len(rates) + 1))
        with st.spinner(t("dropout.fit.training", networks=len(rates) + 1, epochs=epochs), show_time=True):
            trained = compute.training(data, noise, size, width, epochs, lr, seed, rates)
            seeds_run = compute.over_seeds(data, noise, size, width, epochs, lr, rates)
        points = compute.dataset(data, noise, size, seed)
        run = trained.run
        names = [network_name(float(rate)) for rate in run.drop_probs]
        chart_names = [network_name(float(rate), chart=True) for rate in run.drop_probs]
        colors = figures.rate_colors(run.drop_probs)
        keys = [f"{rate:g}" for rate in run.drop_probs]
        if classroom.predict_then_reveal(t("dropout.fit.predict", epochs=epochs), keys,
                                         keys[tables.most_often_lowest(seeds_run)],
                                         (data, noise, size, width, epochs, lr, seed, rates),
                                         format_func=lambda key: network_name(float(key))):
            shown = controls.url_choice(st.segmented_control, t("dropout.fit.show"), SHOWN, key="do_shown",
                                        default="loss", format_func=lambda key: t(f"dropout.show.{key}"))
            charts.show(figures.curves_figure(run, chart_names, colors, shown == "accuracy", labels, charts.on_phone()),
                        key="do_curves_chart")
            st.caption(t("dropout.fit.curves_caption"))
            st.markdown("##### " + t("dropout.seeds.one_run", seed=seed))
            tables.show_results(run, names, colors)
            st.markdown("#### " + t("dropout.seeds.title"))
            classroom.explain(t("dropout.seeds.intro", n=len(seeds_run.seeds), last=len(seeds_run.seeds) - 1))
            tables.show_over_seeds(seeds_run, names, colors)
            for kind, text in tables.verdicts(seeds_run, names, size):
                getattr(st, kind)(text)

            st.markdown("#### " + t("dropout.fit.boundaries_title"))
            show_val = st.toggle(t("dropout.fit.show_val"), key="do_val", bind="query-params",
                                 help=t("dropout.fit.show_val_help", val=trainer.VAL_SIZE))
            for index, (name, color) in enumerate(zip(chart_names, colors, strict=True)):
                if index % 2 == 0:
                    columns = st.columns(2)  # a row of two; on a phone they stack in the networks' order
                with columns[index % 2]:
                    charts.show(figures.boundary_figure(trained, index, points, show_val, color, name, labels),
                                key=f"do_boundary_{index}")
                    st.caption(t("dropout.fit.boundary_caption", train=float(run.train_loss[-1, index]),
                                 val=float(run.val_loss[-1, index]), accuracy=float(run.val_accuracy[-1, index])))
            st.caption(t("dropout.fit.boundaries_caption"))

        # ---------------------------------------------------------------- Monte-Carlo dropout
        st.subheader(t("dropout.mc.title"), anchor="monte-carlo-dropout")
        classroom.explain(t("dropout.mc.intro", paper=MC_PAPER))
        if mc_choice is None:
            st.info(t("dropout.mc.no_rate"))
        else:
            mc_rate = float(mc_choice)
            with st.spinner(t("dropout.mc.running", passes=passes), show_time=True):
                plane = compute.monte_carlo(data, noise, size, width, epochs, lr, seed, rates, mc_rate, passes)
            left, right = st.columns(2)
            with left:
                charts.show(figures.mc_mean_figure(plane, points, labels), key="do_mc_mean_chart")
            with right:
                charts.show(figures.mc_spread_figure(plane, points, labels), key="do_mc_spread_chart")
            st.caption(t("dropout.mc.caption", passes=passes, name=network_name(mc_rate)))
            summary = tables.mc_summary(plane, points)
            metrics.show([
                metrics.Metric(t("dropout.mc.largest"), num(summary.largest, 3), t("dropout.mc.largest_help")),
                metrics.Metric(t("dropout.mc.unsure"), num(summary.unsure, 3), t("dropout.mc.unsure_help")),
                metrics.Metric(t("dropout.mc.sure"), num(summary.sure, 3), t("dropout.mc.sure_help")),
                metrics.Metric(t("dropout.mc.far"), num(summary.far, 3), t("dropout.mc.far_help", distance=tables.FAR)),
                metrics.Metric(t("dropout.mc.gap"), num(summary.gap, 3), t("dropout.mc.gap_help")),
            ])
            st.markdown(tables.mc_verdict(summary))

    fit_sections()

    course.experiments("dropout", EXPERIMENTS, ANCHORS)


render()
