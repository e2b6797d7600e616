"""Lessons 6, 7 and 8: learning rates, SGD, Momentum, RMSProp and Adam racing on loss surfaces."""

import functools

import numpy as np
import streamlit as st

from dl_core import race
from dl_core.optimizers import LATEX, NAMES
from ui import controls, frame, tables
from ui import optimizer_lab as lab
from ui import optimizer_lab_controls as lab_controls
from ui import optimizer_lab_figures as lab_figures
from ui import race as race_figures
from ui.i18n import t
from ui.numbers import number
from ui.palette import BLACK, OPTIMIZER_COLORS
from ui.race_formulas import update_latex

frame.require_frame()

SECTIONS = ("race", "learning_rate", "sgd", "map")
SECTION_CONTROLS = {  # the URL keys of each section's own controls
    "race": ("lab_tol", "lab_inspect", "lab_step"),
    "learning_rate": ("lab_lr_optimizer", "lab_schedule", "lab_gamma", "lab_step_size", "lab_decay_rate",
                      "lab_grad_noise"),
    "sgd": ("lab_batch", "lab_seeds", "lab_sgd_lr", "lab_escape_lr", "lab_escape_noise", "lab_escape_momentum",
            "lab_escape_runs"),
    "map": ("lab_map_optimizer", "lab_map_axis", "lab_map_steps"),
}
RACE_CHART = "chart_race"  # not "lab_": the race chart's selection is not a setting to keep or share
SCHEDULES = ("constant", "step_decay", "exponential", "cosine", "inverse_time")
SCHEDULE_LABELS = {  # formulas, the same in every language (a bound choice goes into the URL as its label)
    "constant": "ηₜ = η", "step_decay": "ηₜ = η·γ^⌊t/s⌋", "exponential": "ηₜ = η·γ^(t/s)",
    "cosine": "ηₜ = η·(1 + cos πt/T)/2", "inverse_time": "ηₜ = η/(1 + rt)",
}

st.title(t("lab.title"))
st.markdown(t("lab.intro"))
setup = lab_controls.race_setup()
objective = setup.problem.objective()
grid = lab.surface(setup.problem)
picture = lab.surface_picture(setup.problem)
st.latex(objective.latex)
st.caption(t(f"lab.about.{setup.problem.surface}"))
name_of = {name: t(f"optimizer.{name}") for name in NAMES}


def pick_start() -> None:
    """A click on the race chart (a selected point of its clickable grid) becomes the start point."""
    points = st.session_state[RACE_CHART].selection.get("points", [])
    if points:
        (low1, high1), (low2, high2) = grid.bounds
        st.session_state["lab_w1"] = round(min(max(float(points[0]["x"]), low1), high1), 2)
        st.session_state["lab_w2"] = round(min(max(float(points[0]["y"]), low2), high2), 2)


def race_section() -> None:
    """The race chart, its standings and one update taken apart."""
    if not setup.names:
        st.info(t("lab.no_optimizer"))
        return
    chart_slot = st.container()
    title, tolerance_column = st.columns([3, 2], vertical_alignment="bottom")
    tolerance = controls.log_slider(t("lab.tolerance"), "lab_tol", 1e-8, 1.0, 1e-3, container=tolerance_column)
    title.markdown(f"**{t('lab.results', steps=setup.steps)}**")
    status_slot = st.container()
    st.subheader(t("lab.inside_title"))
    st.markdown(t("lab.inside_intro"))
    choice, step_choice = st.columns([1, 2])
    favourite = next((name for name in ("adam", "adamw", "momentum", "rmsprop") if name in setup.names), None)
    if st.session_state.get("lab_inspect", setup.names[0]) not in setup.names:  # it has left the race
        del st.session_state["lab_inspect"]
    inspected = choice.selectbox(t("lab.inspect"), setup.names, format_func=name_of.get, key="lab_inspect",
                                 index=setup.names.index(favourite or setup.names[-1]), bind="query-params")
    if st.session_state.get("lab_step", 0) > setup.steps:
        st.session_state["lab_step"] = setup.steps
    step = step_choice.slider(t("lab.inspect_step"), 1, setup.steps, setup.steps, key="lab_step", bind="query-params")
    run = lab.race_run(setup.problem, setup.entrants(), setup.start, setup.steps, tolerance)
    index = setup.names.index(inspected)
    anatomy = race.anatomy(inspected, setup.hypers[inspected], run.points[:, index], run.grads[:, index],
                           run.states[index], step)
    arrows = race_figures.step_arrows(anatomy, OPTIMIZER_COLORS[inspected], {
        "gradient": t("lab.arrow.gradient"), "velocity": t("lab.arrow.velocity"), "moment": t("lab.arrow.moment"),
        "step": t("lab.arrow.step"), "name": name_of[inspected]})
    labels = race_figures.RaceLabels(
        names=tuple(name_of[name] for name in setup.names), minimum=t("chart.minimum"),
        loss_axis=t("chart.loss_above_min"), step_axis=t("chart.step"), play=t("chart.play"), pause=t("chart.pause"),
        step=t("chart.step"), diverged=t("chart.diverged"), click=t("lab.click"),
        arrows_title=t("lab.arrows_title"), magnified=t("lab.arrows_magnified"),
    )
    colors = [OPTIMIZER_COLORS[name] for name in setup.names]
    with chart_slot:
        st.plotly_chart(
            race_figures.race_figure(grid, picture, run.points, run.losses, run.diverged_at, colors, arrows, step,
                                     labels),
            key=RACE_CHART, width="stretch", on_select=pick_start, selection_mode="points",
        )
        st.caption(t("lab.race_caption"))
    with status_slot:
        diverged = [name_of[name] for name, at in zip(setup.names, run.diverged_at, strict=True) if at >= 0]
        if len(diverged) == len(setup.names):
            st.error(t("lab.all_diverged"))
        elif diverged:
            st.warning(t("lab.some_diverged", names=", ".join(diverged)))
        results_table(run, tolerance)
    words, rule = st.columns([2, 3])
    words.markdown(t(f"lab.inside.{inspected}"))
    rule.latex(LATEX[inspected])
    if 0 <= run.diverged_at[index] <= step:
        st.warning(t("lab.inside_diverged", step=int(run.diverged_at[index])))
    st.latex(update_latex(anatomy))
    effective = anatomy.derived.get("effective_lr")
    if effective is not None:
        st.caption(t("lab.effective_lr", lr1=effective[0], lr2=effective[1], lr=anatomy.lr))


def results_table(run: lab.RaceRun, tolerance: float) -> None:
    standings = run.standings
    never = t("lab.never")
    tables.show([
        tables.Column(t("lab.col.optimizer"), [name_of[name] for name in run.names]),
        tables.Column(t("lab.col.lr"), [setup.hypers[name]["lr"] for name in run.names], "g"),
        tables.Column(t("lab.col.final_loss"), standings.final_loss, number),
        tables.Column(t("lab.col.gap"), standings.gap, number),
        tables.Column(t("lab.col.distance"), standings.distance, number),
        tables.Column(t("lab.col.reached"), [int(k) if k >= 0 else never for k in standings.steps_to_tolerance]),
        tables.Column(t("lab.col.diverged"), [int(k) if k >= 0 else never for k in standings.diverged_at]),
    ], colors=[OPTIMIZER_COLORS[name] for name in run.names])
    st.download_button(
        t("lab.download"), functools.partial(lab.trajectories_csv, run, name_of), file_name="optimizer_race.csv",
        mime="text/csv", key="download_race", icon=":material/download:",
    )


def learning_rate_section() -> None:
    name = st.selectbox(t("lab.lr_optimizer"), NAMES, format_func=name_of.get, key="lab_lr_optimizer",
                        bind="query-params")
    hyper = {**setup.hypers.get(name, {}), "lr": setup.lr(name)}
    kind = st.selectbox(t("lab.schedule"), SCHEDULES, format_func=SCHEDULE_LABELS.get, key="lab_schedule",
                        index=SCHEDULES.index("step_decay"), bind="query-params")
    columns = st.columns(4)
    gamma = columns[0].slider(t("lab.gamma"), 0.05, 1.0, 0.5, 0.05, key="lab_gamma", bind="query-params",
                              disabled=kind not in ("step_decay", "exponential"))
    step_size = columns[1].slider(t("lab.step_size"), 1, 250, 50, key="lab_step_size", bind="query-params",
                                  disabled=kind not in ("step_decay", "exponential"))
    decay_rate = columns[2].slider(t("lab.decay_rate"), 0.0, 1.0, 0.05, 0.01, key="lab_decay_rate",
                                   bind="query-params", disabled=kind != "inverse_time")
    noise = columns[3].select_slider(t("lab.grad_noise"), (0.0, *controls.log_options(0.01, 10.0)), 1.0,
                                     format_func=controls.format_number, key="lab_grad_noise", bind="query-params",
                                     help=t("lab.grad_noise_help"))
    color = OPTIMIZER_COLORS[name]
    st.subheader(t("lab.lr_title"))
    st.markdown(t("lab.lr_intro"))
    sweep = lab.learning_rate_sweep(setup.problem, name, tuple(sorted(hyper.items())), setup.start, setup.steps)
    kinds = ("too_small", "not_enough", "good", "too_large")
    titles = [t("lab.lr_panel", kind=t(f"lab.lr.{kind}"), lr=lr) for kind, lr in zip(kinds, sweep.lrs, strict=True)]
    st.plotly_chart(
        lab_figures.four_rates_figure(grid, picture, sweep.lrs, sweep.points, sweep.losses, sweep.diverged_at, color,
                                      titles, t("chart.loss_above_min"), t("chart.step"), t("chart.minimum")),
        key="chart_four_rates", width="stretch",
    )
    st.caption(t("lab.lr_caption"))
    st.subheader(t("lab.schedule_title"))
    st.markdown(t("lab.schedule_intro"))
    runs = lab.schedule_runs(setup.problem, name, tuple(sorted(hyper.items())), setup.start, setup.steps, kind,
                             gamma, step_size, decay_rate, noise, setup.seed)
    st.latex(runs.latex)
    st.plotly_chart(
        lab_figures.schedule_figure(runs.rates, runs.losses, runs.diverged_at, grid.min_value, color,
                                    (t("lab.constant"), t("lab.scheduled")), t("lab.rate_axis"),
                                    t("chart.loss_above_min"), t("chart.step")),
        key="chart_schedule", width="stretch",
    )
    gaps = runs.losses[-1] - grid.min_value
    st.caption(t("lab.schedule_result", steps=setup.steps, constant=gaps[0], scheduled=gaps[1]))


def sgd_section() -> None:
    st.subheader(t("lab.sgd_title"))
    st.markdown(t("lab.sgd_intro"))
    columns = st.columns(3)
    batch_size = columns[0].select_slider(t("lab.batch_size"), (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000), 8,
                                          key="lab_batch", bind="query-params")
    seeds = columns[1].slider(t("lab.seeds"), 1, 20, 5, key="lab_seeds", bind="query-params")
    lr = controls.log_slider(t("lab.sgd_lr"), "lab_sgd_lr", 1e-4, 1.0, 0.05, container=columns[2])
    chart_slot = st.container()
    st.subheader(t("lab.escape_title"))
    st.markdown(t("lab.escape_intro"))
    columns = st.columns(4)
    escape_lr = controls.log_slider(t("lab.escape_lr"), "lab_escape_lr", 1e-3, 0.1, 0.02, container=columns[0])
    escape_noise = columns[1].select_slider(t("lab.escape_noise"), (0.0, *controls.log_options(0.1, 100.0)), 30.0,
                                            format_func=controls.format_number, key="lab_escape_noise",
                                            bind="query-params")
    momentum = columns[2].slider(t("lab.escape_momentum"), 0.0, 0.99, 0.9, 0.01, key="lab_escape_momentum",
                                 bind="query-params")
    runs_count = columns[3].slider(t("lab.escape_runs"), 1, 50, 20, key="lab_escape_runs", bind="query-params")
    regression = lab.Problem("regression", x_scale=setup.problem.x_scale, noise=setup.problem.noise,
                             data_seed=setup.problem.data_seed)
    regression_start = lab.default_start(regression)
    runs = lab.minibatch_runs(regression, lr, batch_size, seeds, setup.seed, regression_start, setup.steps)
    chart_slot.plotly_chart(
        lab_figures.noisy_figure(runs.grid, lab.surface_picture(regression), runs.exact, runs.exact_losses,
                                 runs.exact_diverged, runs.noisy, runs.noisy_losses, runs.noisy_diverged,
                                 [BLACK], [t("lab.full_batch")], OPTIMIZER_COLORS["nesterov"],
                                 t("lab.minibatch", size=batch_size), t("chart.loss_above_min"), t("chart.step"),
                                 t("chart.minimum")),
        key="chart_sgd", width="stretch",
    )
    chart_slot.caption(t("lab.sgd_caption"))
    escape = lab.escape_runs(escape_lr, momentum, escape_noise, runs_count, setup.seed, setup.steps)
    surface = lab.Problem(lab.ESCAPE_SURFACE)
    st.plotly_chart(
        lab_figures.noisy_figure(escape.grid, lab.surface_picture(surface), escape.exact, escape.exact_losses,
                                 escape.exact_diverged, escape.noisy, escape.noisy_losses, escape.noisy_diverged,
                                 [OPTIMIZER_COLORS["gd"], OPTIMIZER_COLORS["momentum"]],
                                 [name_of["gd"], name_of["momentum"]], OPTIMIZER_COLORS["rmsprop"],
                                 t("lab.noisy_gd"), t("chart.loss_above_min"), t("chart.step"), t("chart.minimum")),
        key="chart_escape", width="stretch",
    )
    depth = escape.minima_values
    global_index = int(np.argmin(depth))

    def where(nearest: int, diverged: int) -> str:
        if diverged >= 0:
            return t("lab.diverged_run")
        return t("lab.global_minimum") if nearest == global_index else t("lab.local_minimum")

    settled = escape.noisy_diverged < 0
    deeper = settled & (depth[escape.noisy_nearest] < depth[escape.exact_nearest[0]] - 1e-9)
    reached = settled & (escape.noisy_nearest == global_index)
    st.markdown(t("lab.escape_result", left=int(deeper.sum()), reached=int(reached.sum()), runs=runs_count,
                  gd=where(escape.exact_nearest[0], escape.exact_diverged[0]),
                  momentum=where(escape.exact_nearest[1], escape.exact_diverged[1])))


def map_section() -> None:
    columns = st.columns(3)
    name = columns[0].selectbox(t("lab.map_optimizer"), NAMES, index=NAMES.index("momentum"),
                                format_func=name_of.get, key="lab_map_optimizer", bind="query-params")
    axes = lab.map_axes(name, setup.problem.surface)
    if st.session_state.get("lab_map_axis", axes[0]) not in axes:  # an axis of another optimizer or surface
        del st.session_state["lab_map_axis"]
    axis = columns[1].selectbox(t("lab.map_axis"), axes, format_func=lambda key: lab.MAP_AXES[key][0],
                                key="lab_map_axis", bind="query-params")
    steps = columns[2].slider(t("lab.map_steps"), 10, 500, 200, 10, key="lab_map_steps", bind="query-params")
    hyper = {**setup.hypers.get(name, {}), "lr": setup.lr(name)}
    st.subheader(t("lab.map_title"))
    st.markdown(t("lab.map_intro", steps=steps, cells=lab.MAP_RESOLUTION**2))
    result = lab.stability_map(setup.problem, name, axis, tuple(sorted(hyper.items())), setup.start, steps)
    runner = lab.map_optimizer(name, axis)
    scale = lab.MAP_AXES[axis][2]
    current_second = {"kappa": setup.problem.kappa, "x_scale": setup.problem.x_scale}.get(
        axis, hyper.get(axis, 0.0))
    current = (hyper["lr"], current_second) if name in setup.names else None
    limit = result.limit if result.limit is not None else result.local_limit
    st.plotly_chart(
        lab_figures.map_figure(
            result.result.lrs, result.result.seconds, result.result.progress, result.result.diverged, scale == "log",
            limit, result.limit is None, current,
            {"x": t("control.lr"), "y": t(f"lab.axis.{axis}"), "progress": t("lab.map_progress"),
             "diverged": t("lab.map_diverged"), "current": t("lab.map_current"),
             "theory": t("lab.map_local_theory") if result.limit is None else t("lab.map_theory")},
        ),
        key="chart_map", width="stretch",
    )
    st.caption(t("lab.map_caption"))
    if runner != name:
        st.info(t("lab.map_gd_note"))
    if result.limit is not None:
        st.markdown(t(f"lab.theory.{runner}"))
    elif result.local_limit is not None:
        st.markdown(t(f"lab.theory.{runner}") + " " + t("lab.theory.local", curvature=result.local_curvature))
    else:
        st.markdown(t("lab.theory.none"))


def keep_hidden_sections(shown: str) -> None:
    """Keep the settings of the sections not shown: Streamlit forgets the value of a widget that a run does not
    draw, and only the chosen section is drawn. Writing the value back marks it as set by the page, which keeps
    it until the widget is drawn again (done at the end of the run, when none of these widgets is drawn)."""
    for other, keys in SECTION_CONTROLS.items():
        for key in keys if other != shown else ():
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]


SECTION_BODIES = {"race": race_section, "learning_rate": learning_rate_section, "sgd": sgd_section,
                  "map": map_section}
section = st.segmented_control(
    t("lab.section"), SECTIONS, format_func=lambda key: t(f"lab.section.{key}"), default="race", required=True,
    key="lab_section", bind="query-params", label_visibility="collapsed", width="stretch",
)
SECTION_BODIES[section]()
keep_hidden_sections(section)
