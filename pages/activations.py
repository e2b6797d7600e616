"""Lesson 1: activation functions. Every claim of the lesson about a function is measured here."""

import streamlit as st

from ui import activation_figures, activations, activations_tables, controls, frame, tables
from ui.activations import NAMES
from ui.i18n import t

frame.require_frame()

DEFAULT_CHOSEN = ["sigmoid", "tanh", "relu", "leaky_relu", "elu"]
THRESHOLD_PERCENTS = (1, 2, 5, 10, 20)
WIDTHS = (8, 16, 32, 64, 128)
BATCHES = (8, 16, 32, 64, 128, 256)
PAPER_ELU = "https://arxiv.org/abs/1511.07289"

labels = {name: t(f"act.name.{name}") for name in NAMES}

st.title(t("act.title"))
st.markdown(t("act.intro"))

sidebar = st.sidebar
sidebar.header(t("control.header"))
chosen = sidebar.multiselect(
    t("act.fns"), NAMES, default=DEFAULT_CHOSEN, format_func=labels.get, key="act_fns", bind="query-params",
)
x_range = sidebar.slider(t("act.x_range"), -100.0, 100.0, (-6.0, 6.0), 0.5, key="act_x", bind="query-params")
leaky_alpha = sidebar.slider(t("act.alpha_leaky"), 0.0, 1.0, 0.01, 0.01, key="act_alpha_leaky", bind="query-params")
elu_alpha = sidebar.slider(t("act.alpha_elu"), 0.0, 3.0, 1.0, 0.05, key="act_alpha_elu", bind="query-params")
threshold_percent = sidebar.select_slider(
    t("act.threshold"), THRESHOLD_PERCENTS, value=5, format_func=lambda percent: f"{percent}%", key="act_sat",
    bind="query-params", help=t("act.threshold_help"),
)
sidebar.subheader(t("act.chain.title"))
depth = sidebar.slider(t("act.depth"), 1, activations.CHAIN_MAX_DEPTH, 20, key="act_depth", bind="query-params")
width = sidebar.select_slider(t("act.width"), WIDTHS, value=64, key="act_width", bind="query-params")
scale = controls.log_slider(t("act.scale"), "act_scale", 0.1, 10.0, 1.5, help=t("act.scale_help"))
sidebar.subheader(t("act.dead.title"))
shift = sidebar.slider(t("act.bias"), float(activations.BIAS_SHIFTS[0]), float(activations.BIAS_SHIFTS[-1]), -2.0,
                       0.25, key="act_bias", bind="query-params")
batch = sidebar.select_slider(t("act.batch"), BATCHES, value=32, key="act_batch", bind="query-params")
seed = sidebar.number_input(t("control.seed"), 0, 9999, 0, key="act_seed", bind="query-params",
                            help=t("act.seed_help"))
sidebar.subheader(t("act.centre.title"))
mu = sidebar.slider(t("act.mu"), -3.0, 3.0, 0.0, 0.1, key="act_mu", bind="query-params", help=t("act.mu_help"))
sigma = controls.log_slider(t("act.sigma"), "act_sigma", 0.1, 10.0, 1.0, help=t("act.sigma_help"))

settings = activations.Settings(
    leaky_alpha=leaky_alpha, elu_alpha=elu_alpha, threshold=threshold_percent / 100, depth=depth, width=width,
    scale=scale, seed=int(seed), shift=shift, batch=batch, mu=mu, sigma=sigma,
)
x_low, x_high = activations.x_window(*x_range)

if not chosen:
    st.info(t("act.none"))
else:
    st.subheader(t("act.curves.title"))
    curves = {name: settings.curves(name, x_low, x_high) for name in chosen}
    st.plotly_chart(activation_figures.curves_figure(curves, labels, settings.threshold), key="act_curves",
                    width="stretch")
    st.caption(t("act.curves.caption", percent=f"{settings.threshold:.0%}"))
    if "leaky_relu" in chosen and activations.is_identity("leaky_relu", settings.params("leaky_relu")):
        st.warning(t("act.leaky_linear"))
    formula_columns = st.columns(2)
    for index, name in enumerate(chosen):
        formula_columns[index % 2].latex(activations.formulas(name))

    st.subheader(t("act.table.title"))
    st.markdown(t("act.table.intro"))
    tables.show(activations_tables.properties_table(chosen, settings, labels))
    st.caption(t("act.table.caption"))

    st.subheader(t("act.chain.title"))
    st.markdown(t("act.chain.intro"))
    profiles = {name: settings.gradient(name) for name in chosen}
    st.plotly_chart(activation_figures.gradient_figure(profiles, labels), key="act_chain", width="stretch")
    st.markdown(activations_tables.first_layer_summary(profiles, labels))
    st.caption(t("act.chain.caption", depth=depth, width=width, scale=scale, batch=activations.CHAIN_BATCH))

    st.subheader(t("act.dead.title"))
    st.markdown(t("act.dead.intro"))
    dead = {name: settings.dead(name) for name in chosen}
    st.plotly_chart(activation_figures.dead_units_figure(dead, labels, shift), key="act_dead", width="stretch")
    st.markdown(activations_tables.never_fired_summary(dead, labels, shift))
    st.caption(t("act.dead.caption", units=activations.DEAD_UNITS, batch=batch))

    st.subheader(t("act.centre.title"))
    st.markdown(t("act.centre.intro", paper=PAPER_ELU))
    histograms = {name: settings.histogram(name) for name in chosen}
    st.plotly_chart(activation_figures.histograms_figure(histograms, labels), key="act_centre", width="stretch")
    st.caption(t("act.centre.caption", mu=mu, sigma=sigma))

st.subheader(t("act.cost.title"))
st.markdown(t("act.cost.intro"))
cost = activations.cost()
st.plotly_chart(activation_figures.cost_figure(cost, labels), key="act_cost", width="stretch")
st.markdown(t("act.cost.ratio", ratio=cost.ns_per_element["sigmoid"] / cost.ns_per_element["relu"]))
st.caption(t("act.cost.machine", seconds=cost.seconds, **cost.machine))

st.subheader(t("act.claims.title"))
st.markdown(t("act.claims.intro", paper=PAPER_ELU))
st.markdown(activations_tables.claims_markdown(settings, labels))
st.caption(t("act.claims.legend"))
