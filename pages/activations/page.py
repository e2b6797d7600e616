"""Lesson 1: activation functions. Every claim of the lesson about a function is measured here."""

import streamlit as st

from pages.activations import compute as activations
from pages.activations import figures as activation_figures
from pages.activations import tables as activations_tables
from pages.activations import trainer
from pages.activations.compute import NAMES
from ui import charts, classroom, controls, course, tables
from ui.i18n import language, latex, t

DEFAULT_CHOSEN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu"]
# Links made before the functions were kept in the URL by name held their English labels.
LEGACY_LABELS = {"Sigmoid": "sigmoid", "tanh": "tanh", "ReLU": "relu", "Leaky ReLU": "leaky_relu", "ELU": "elu",
                 "GELU": "gelu", "SiLU (Swish)": "silu", "Softplus": "softplus"}
THRESHOLD_PERCENTS = (1, 2, 5, 10, 20)
WIDTHS = (8, 16, 32, 64, 128)
BATCHES = (8, 16, 32, 64, 128, 256)
PAPER_ELU = "https://arxiv.org/abs/1511.07289"
EXPERIMENTS = {  # lesson 1's claims, one click each
    "saturation": "act_fns=sigmoid&act_fns=tanh&act_fns=relu&act_depth=30&act_scale=1.5",
    "dead_relu": "act_fns=relu&act_fns=leaky_relu&act_fns=elu&act_bias=-3&act_alpha_leaky=0.01&act_alpha_elu=1",
    "centring": "act_fns=sigmoid&act_fns=tanh&act_fns=relu&act_fns=leaky_relu&act_fns=elu&act_mu=0&act_sigma=1",
}
ANCHORS = {  # the section each experiment is about (a subheader's anchor: the link scrolls to it)
    "saturation": "vanishing-gradients", "dead_relu": "dead-units", "centring": "zero-centring",
}


def render() -> None:
    """The page. Its values are locals, freed when the run ends: the module's globals outlive the run in the
    widgets' callbacks, which a session keeps until it expires."""
    labels = {name: t(f"activations.name.{name}") for name in NAMES}
    chart_labels = activation_figures.ActivationLabels(
        names=labels, lanes_format=t("activations.curves.lanes"), layer_axis=t("activations.chain.layer_axis"),
        size_axis=t("activations.chain.size_axis"), off_centre_axis=t("activations.chain.off_centre_axis"),
        shift_axis=t("activations.dead.shift_axis"), share_axis=t("activations.dead.share_axis"),
        dead_grad_axis=t("activations.dead.grad_axis"), mean_format=t("activations.centre.mean"),
        cost_bar_format=t("activations.cost.bar"), cost_hover_format=t("activations.cost.hover"),
        cost_axis=t("activations.cost.axis"), language=language(),
    )

    st.title(t("activations.title"))
    classroom.explain(t("activations.intro"))

    sidebar = classroom.controls_area()
    sidebar.header(t("control.header"))
    # The functions shown are every section's: drawn by the full run, into the group whose other control, the x
    # range, the curves section draws itself (the full run's write lets a fragment draw into the group).
    curves_controls = sidebar.container()
    chosen = controls.url_choice(curves_controls.multiselect, t("activations.fns"), NAMES, key="act_fns",
                                 default=DEFAULT_CHOSEN,
                                 format_func=labels.get, legacy=LEGACY_LABELS, multi=True)
    leaky_alpha = controls.number_slider(t("activations.alpha_leaky"), controls.linear_options(0.0, 1.0, 0.01),
                                         key="act_alpha_leaky", default=0.01, container=sidebar)
    elu_alpha = controls.number_slider(t("activations.alpha_elu"), controls.linear_options(0.0, 3.0, 0.05),
                                       key="act_alpha_elu", default=1.0, container=sidebar)
    threshold_percent = sidebar.select_slider(
        t("activations.threshold"), THRESHOLD_PERCENTS, value=5, format_func=lambda percent: f"{percent}%",
        key="act_sat", bind="query-params", help=t("activations.threshold_help"),
    )
    sidebar.subheader(t("activations.chain.title"))
    depth = sidebar.slider(t("activations.depth"), 1, activations.CHAIN_MAX_DEPTH, 20, key="act_depth",
                           bind="query-params")
    width = sidebar.select_slider(t("activations.width"), WIDTHS, value=64, key="act_width", bind="query-params")
    scale = controls.log_slider(t("activations.scale"), "act_scale", 0.1, 10.0, 1.5, help=t("activations.scale_help"),
                                container=sidebar)
    sidebar.subheader(t("activations.dead.title"))
    shift = controls.number_slider(t("activations.bias"), tuple(map(float, activations.BIAS_SHIFTS)),
                                   key="act_bias", default=-2.0, container=sidebar)
    batch = sidebar.select_slider(t("activations.batch"), BATCHES, value=32, key="act_batch", bind="query-params")
    seed = sidebar.number_input(t("control.seed"), 0, 9999, 0, key="act_seed", bind="query-params",
                                help=t("activations.seed_help"))
    centre_controls = classroom.controls_group(sidebar, t("activations.centre.title"), section="zero-centring")

    settings = activations.Settings(
        leaky_alpha=leaky_alpha, elu_alpha=elu_alpha, threshold=threshold_percent / 100, depth=depth, width=width,
        scale=scale, seed=int(seed), shift=shift, batch=batch,
    )
    measured = activations.measure(settings, chosen)
    classroom.reset_button(sidebar)

    if not chosen:
        st.info(t("activations.none"))

    @st.fragment
    def curves_section() -> None:
        """The section and its control, rerun alone when it moves (the functions and their parameters, which the
        other sections read too, are drawn by the full run)."""
        x_range = controls.number_range_slider(t("activations.x_range"), controls.linear_options(-100.0, 100.0, 0.5),
                                                key="act_x", default=(-6.0, 6.0), container=curves_controls)
        if not chosen:
            return
        x_low, x_high = activations.x_window(*x_range)
        st.subheader(t("activations.curves.title"), anchor="functions")
        curves = {name: settings.curves(name, x_low, x_high) for name in chosen}
        charts.show(activation_figures.curves_figure(curves, chart_labels, settings.threshold), key="act_curves")
        st.caption(t("activations.curves.caption", percent=f"{settings.threshold:.0%}"))
        if "leaky_relu" in chosen and activations.is_identity("leaky_relu", settings.params("leaky_relu")):
            st.warning(t("activations.leaky_linear"))
        formula_columns = st.columns(2)
        for index, name in enumerate(chosen):
            formula_columns[index % 2].latex(latex(activations.formulas(name)))

    curves_section()

    revealed = True  # the answer to the question on vanishing gradients may show (no functions, no question)
    if chosen:
        st.subheader(t("activations.table.title"), anchor="properties")
        st.markdown(t("activations.table.intro"))
        tables.show(activations_tables.properties_table(chosen, measured, settings.threshold, labels))
        st.caption(t("activations.table.caption"))
        sigmoid, relu, leaky = (measured.properties[name] for name in ("sigmoid", "relu", "leaky_relu"))
        course.lesson_differs(t("activations.differs.sigmoid_says"),
                              t("activations.differs.sigmoid_measured", slope=sigmoid.max_derivative,
                                shrink=activations_tables.two_digits(1 / sigmoid.max_derivative)))
        course.lesson_differs(t("activations.differs.leaky_says"),
                              t("activations.differs.leaky_measured", alpha=leaky_alpha, leaky=leaky.mean,
                                relu=relu.mean,
                                leaky_std=leaky.std))

        st.subheader(t("activations.chain.title"), anchor="vanishing-gradients")
        st.markdown(t("activations.chain.intro"))
        profiles = {name: measured.gradients[name] for name in chosen}
        strongest = max(chosen, key=lambda name: profiles[name].sizes[0])
        revealed = classroom.predict_then_reveal(t("activations.predict", depth=depth), chosen, strongest,
                                                 (chosen, leaky_alpha, elu_alpha, depth, width, scale, seed),
                                                 format_func=labels.get)
        if revealed:
            charts.show(activation_figures.gradient_figure(profiles, chart_labels), key="act_chain")
            st.markdown(activations_tables.first_layer_summary(profiles, labels))
            st.caption(t("activations.chain.caption", depth=depth, width=width, scale=scale,
                         batch=activations.CHAIN_BATCH))

        st.subheader(t("activations.dead.title"), anchor="dead-units")
        st.markdown(t("activations.dead.intro"))
        dead = {name: measured.dead[name] for name in chosen}
        charts.show(activation_figures.dead_units_figure(dead, chart_labels, shift), key="act_dead")
        st.markdown(activations_tables.never_fired_summary(dead, labels, shift))
        st.caption(t("activations.dead.caption", units=activations.DEAD_UNITS, batch=batch))

    @st.fragment
    def centre_section() -> None:
        """The section and its controls, rerun alone when one of them moves."""
        mu = controls.number_slider(t("activations.mu"), controls.linear_options(-3.0, 3.0, 0.1),
                                    key="act_mu", default=0.0, container=centre_controls, help=t("activations.mu_help"))
        sigma = controls.log_slider(t("activations.sigma"), "act_sigma", 0.1, 10.0, 1.0,
                                    help=t("activations.sigma_help"), container=centre_controls)
        if not chosen:
            return
        st.subheader(t("activations.centre.title"), anchor="zero-centring")
        st.markdown(t("activations.centre.intro", paper=PAPER_ELU))
        histograms = {name: settings.histogram(name, mu, sigma) for name in chosen}
        columns = 2 if charts.on_phone() else 4  # four panels side by side would overlap on a phone
        charts.show(activation_figures.histograms_figure(histograms, chart_labels, columns), key="act_centre")
        st.caption(t("activations.centre.caption", mu=mu, sigma=sigma))

    centre_section()

    st.subheader(t("activations.cost.title"), anchor="cost")
    st.markdown(t("activations.cost.intro"))
    cost = measured.cost
    charts.show(activation_figures.cost_figure(cost, chart_labels), key="act_cost")
    st.markdown(t("activations.cost.ratio", ratio=cost.ns_per_element["sigmoid"] / cost.ns_per_element["relu"])
                + " " + t("activations.cost.spread", low=min(cost.ratios), high=max(cost.ratios), rounds=cost.rounds))
    st.caption(t("activations.cost.machine", seconds=cost.seconds, **cost.machine))

    st.subheader(t("activations.elu.title"), anchor="elu-faster")
    st.markdown(t("activations.elu.intro", depth=trainer.DEPTH, width=trainer.WIDTH, points=trainer.POINTS,
                  epochs=trainer.EPOCHS, n=trainer.SEEDS, target=trainer.TARGET_LOSS))
    with st.spinner(t("activations.elu.training", n=trainer.SEEDS)):
        found = activations.elu_race("circles", int(seed))
    activations_tables.show_elu_race(found, labels)
    st.markdown(activations_tables.elu_verdict(found))

    st.subheader(t("activations.claims.title"), anchor="claims")
    st.markdown(t("activations.claims.intro", paper=PAPER_ELU))
    st.markdown(activations_tables.claims_markdown(settings, measured, labels, revealed))
    st.caption(t("activations.claims.legend"))
    course.experiments("activations", EXPERIMENTS, ANCHORS)


render()
