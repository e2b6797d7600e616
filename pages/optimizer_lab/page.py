"""Lessons 6, 7 and 8: learning rates, SGD, Momentum, RMSProp and Adam racing on loss surfaces."""

import functools

import streamlit as st

from dl_core import objectives, schedules
from dl_core.lessons import learning_rates, minima, race
from dl_core.optimizers import LATEX, NAMES
from pages.optimizer_lab import compute as lab
from pages.optimizer_lab import controls as lab_controls
from pages.optimizer_lab import figures as lab_figures
from pages.optimizer_lab import race_figure as race_figures
from pages.optimizer_lab.formulas import update_latex
from pages.optimizer_lab.race_chart import race_chart
from ui import charts, classroom, controls, course, tables
from ui.i18n import language, latex, num, t
from ui.palette import BLACK, BLUE, GREEN, OPTIMIZER_COLORS, ORANGE, VERMILLION

SECTIONS = ("race", "learning_rate", "sgd", "map")
# Links made before sections were kept in the URL by name held their (then untranslated) labels.
LEGACY_SECTION_LABELS = {"GD · Momentum · RMSProp · Adam": "race", "Learning rate": "learning_rate", "SGD": "sgd",
                         "η × μ": "map"}
EXPERIMENTS = {  # lesson 6, 7 and 8 of the module, one click each
    "four_rates": "lab_section=learning_rate",
    "schedule": "lab_section=learning_rate&lab_schedule=step_decay&lab_schedule_lr=0.5",
    "sgd_epochs": "lab_section=sgd&lab_sgd_epochs=true&lab_batch=8",
    "escape": "lab_section=sgd&lab_escape_noise=30&lab_escape_runs=20",
    "narrow_valley": "lab_surface=regression&lab_x_scale=3",
    "equal_scale": "lab_surface=regression&lab_x_scale=1",
    "adam_wins": "lab_surface=regression&lab_x_scale=10&lab_optimizers=GD&lab_optimizers=Momentum&lab_optimizers=Adam"
                 "&lab_gd_lr=0.005",
}
ANCHORS = {  # the section each experiment's link scrolls to, in the section its lab_section opens
    "four_rates": "learning-rates", "schedule": "schedules", "sgd_epochs": "minibatch-sgd", "escape": "escape",
    "narrow_valley": "race", "equal_scale": "race", "adam_wins": "race",
}
LR_KINDS = learning_rates.NAMES  # lesson 6's four learning rates, as CS231n names them
SECTION_CONTROLS = {  # the URL keys of each section's own controls
    "race": ("lab_tol", "lab_inspect", "lab_step", "predict"),
    "learning_rate": ("lab_lr_batch", "lab_schedule", "lab_schedule_lr", "lab_gamma", "lab_step_size",
                      "lab_decay_rate"),
    "sgd": ("lab_batch", "lab_sgd_epochs", "lab_seeds", "lab_sgd_lr", "lab_escape_lr", "lab_escape_noise",
            "lab_escape_momentum", "lab_escape_runs"),
    "map": ("lab_map_optimizer", "lab_map_axis", "lab_map_steps"),
}
RACE_CHART = "chart_race"  # not "lab_": the race chart's selection is not a setting to keep or share
SCHEDULES = tuple(schedules.SCHEDULES)
SCHEDULE_LABELS = {  # formulas, the same in every language (a bound choice goes into the URL as its label)
    "constant": "ηₜ = η", "step_decay": "ηₜ = η·γ^⌊t/s⌋", "exponential": "ηₜ = η·γ^(t/s)",
    "cosine": "ηₜ = η·(1 + cos πt/T)/2", "inverse_time": "ηₜ = η/(1 + rt)",
}
NOBODY = "none"  # the answer when no optimizer reaches the tolerance
BATCH_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000)
LR_COLORS = (BLUE, VERMILLION, GREEN, ORANGE)  # low, good, high, very high: the colours of CS231n's figure


def render() -> None:
    """The page. Its values are locals, freed when the run ends: the module's globals outlive the run in the
    widgets' callbacks, which a session keeps until it expires."""
    st.title(t("optimizer_lab.title"))
    setup = lab_controls.race_setup()
    objective = setup.problem.objective()
    grid = lab.surface(setup.problem)
    bounds = grid.bounds  # what the chart's click callback keeps of the grid after the run
    with classroom.aside():
        st.markdown(t("optimizer_lab.intro"))
        st.latex(latex(objective.latex))
        st.caption(t(f"optimizer_lab.about.{setup.problem.surface}"))
    name_of = {name: t(f"optimizer.{name}") for name in NAMES}

    def pick_start() -> None:
        """A click on the race chart (a selected point of its clickable grid) becomes the start point."""
        points = st.session_state[RACE_CHART].selection.get("points", [])
        if points:
            (low1, high1), (low2, high2) = bounds
            st.session_state["lab_w1"] = round(min(max(float(points[0]["x"]), low1), high1), 2)
            st.session_state["lab_w2"] = round(min(max(float(points[0]["y"]), low2), high2), 2)

    def curve_labels() -> lab_figures.CurveLabels:
        return lab_figures.CurveLabels(t("chart.loss_above_min"), t("chart.step"), t("chart.minimum"))

    def first_to_arrive(run: lab.RaceRun) -> str:
        """The optimizer whose loss first comes within the tolerance of the minimum, or ``NOBODY``."""
        first = race.first_to_tolerance(run.standings)
        return run.names[first] if first >= 0 else NOBODY

    def race_section() -> None:
        """The race chart, its standings and one update taken apart."""
        st.subheader(t("optimizer_lab.race_title"), anchor="race")
        if not setup.names:
            st.info(t("optimizer_lab.no_optimizer"))
            return
        chart_slot = st.container()
        title, tolerance_column = st.columns([3, 2], vertical_alignment="bottom")
        tolerance = controls.log_slider(t("optimizer_lab.tolerance"), "lab_tol", 1e-8, 1.0, 1e-3,
                                        container=tolerance_column)
        title.markdown(f"**{t('optimizer_lab.results', steps=setup.steps)}**")
        rates = ", ".join(f"{name_of[name]} η = {num(setup.hypers[name]['lr'], 2)}" for name in setup.names)
        st.caption(t(f"optimizer_lab.rates_said.{setup.rate_mode}", rates=rates, tried=len(race.SWEEP_LRS),
                     tolerance=num(lab.RATES_TOLERANCE), low=num(float(race.SWEEP_LRS[0])),
                     high=num(float(race.SWEEP_LRS[-1]))))
        status_slot = st.container()
        st.subheader(t("optimizer_lab.inside_title"), anchor="inside-the-optimizer")
        st.markdown(t("optimizer_lab.inside_intro"))
        choice, step_choice = st.columns([1, 2])
        favourite = next((name for name in ("adam", "adamw", "momentum", "rmsprop") if name in setup.names), None)
        if st.session_state.get("lab_inspect", setup.names[0]) not in setup.names:  # it has left the race
            del st.session_state["lab_inspect"]
        inspected = choice.selectbox(t("optimizer_lab.inspect"), setup.names, format_func=name_of.get,
                                     key="lab_inspect",
                                     index=setup.names.index(favourite or setup.names[-1]), bind="query-params")
        if st.session_state.get("lab_step", 0) > setup.steps:
            st.session_state["lab_step"] = setup.steps
        step = step_choice.slider(t("optimizer_lab.inspect_step"), 1, setup.steps, setup.steps, key="lab_step",
                                  bind="query-params")
        words, rule = st.columns([2, 3])  # how the inspected optimizer works, which tells nothing of the race
        words.markdown(t(f"optimizer_lab.inside.{inspected}"))
        rule.latex(latex(LATEX[inspected]))
        run = lab.race_run(setup.problem, setup.entrants(), setup.start, setup.steps, tolerance)
        with chart_slot:
            shown = classroom.predict_then_reveal(
                t("optimizer_lab.predict", tolerance=num(tolerance)), (*setup.names, NOBODY), first_to_arrive(run),
                (setup, tolerance),
                format_func=lambda name: t("optimizer_lab.nobody") if name == NOBODY else name_of[name])
        if not shown:  # the chart, the standings and the inspected update would tell who arrives first
            return
        index = setup.names.index(inspected)
        anatomy = race.anatomy(inspected, setup.hypers[inspected], run.points[:, index], run.grads[:, index],
                               run.states[index], step)
        arrow_words = race_figures.ArrowWords(
            gradient=t("optimizer_lab.arrow.gradient"), velocity=t("optimizer_lab.arrow.velocity"),
            moment=t("optimizer_lab.arrow.moment"), step=t("optimizer_lab.arrow.step"), name=name_of[inspected])

        labels = race_figures.RaceLabels(
            names=tuple(name_of[name] for name in setup.names), minimum=t("chart.minimum"),
            loss_axis=t("chart.loss_above_min"), step_axis=t("chart.step"),
            playback=charts.playback_labels(),
            diverged=t("chart.diverged"), click=t("optimizer_lab.click"),
            arrows_title=t("optimizer_lab.arrows_title"), magnified=t("optimizer_lab.arrows_magnified"),
            language=language(),
        )
        with chart_slot:
            charts.show(
                race_chart(setup.problem, setup.entrants(), setup.start, setup.steps, tolerance, inspected, step,
                           arrow_words, labels),
                key=RACE_CHART, on_select=pick_start, selection_mode="points",
            )
            st.caption(t("optimizer_lab.race_caption"))
        with status_slot:
            diverged = [name_of[name] for name, at in zip(setup.names, run.diverged_at, strict=True) if at >= 0]
            if len(diverged) == len(setup.names):
                st.error(t("optimizer_lab.all_diverged"))
            elif diverged:
                st.warning(t("optimizer_lab.some_diverged", names=", ".join(diverged)))
            results_table(run, tolerance)
        if 0 <= run.diverged_at[index] <= step:
            st.warning(t("optimizer_lab.inside_diverged", step=int(run.diverged_at[index])))
        st.latex(latex(update_latex(anatomy)))
        effective = anatomy.derived.get("effective_lr")
        if effective is not None:
            st.caption(t("optimizer_lab.effective_lr", lr1=effective[0], lr2=effective[1], lr=anatomy.lr))

    def results_table(run: lab.RaceRun, tolerance: float) -> None:
        standings = run.standings
        never = t("optimizer_lab.never")
        tables.show([
            tables.Column(t("optimizer_lab.col.optimizer"), [name_of[name] for name in run.names]),
            tables.Column(t("optimizer_lab.col.lr"), [setup.hypers[name]["lr"] for name in run.names], "g"),
            tables.Column(t("optimizer_lab.col.final_loss"), standings.final_loss, num),
            tables.Column(t("optimizer_lab.col.gap"), standings.gap, num),
            tables.Column(t("optimizer_lab.col.distance"), standings.distance, num),
            tables.Column(t("optimizer_lab.col.reached"),
                          [int(k) if k >= 0 else never for k in standings.steps_to_tolerance]),
            tables.Column(t("optimizer_lab.col.diverged"),
                          [int(k) if k >= 0 else never for k in standings.diverged_at]),
        ], colors=[OPTIMIZER_COLORS[name] for name in run.names])
        st.download_button(
            t("optimizer_lab.download"), functools.partial(lab.trajectories_csv, run,
                                                           name_of), file_name="optimizer_race.csv",
            mime="text/csv", key="download_race", icon=":material/download:",
        )

    def learning_rate_section() -> None:
        """Lesson 6: the four learning rates of CS231n's figure, then schedules, on the course's regression with
        minibatch noise (plain SGD)."""
        st.subheader(t("optimizer_lab.lr_title"), anchor="learning-rates")
        st.markdown(t("optimizer_lab.lr_intro"))
        batch_column, _ = st.columns([1, 2])
        batch_size = batch_column.select_slider(t("optimizer_lab.batch_size"), BATCH_SIZES, 8, key="lab_lr_batch",
                                                bind="query-params")
        lesson_grid, lesson_picture = lab.surface(lab.LR_LESSON), lab.surface_picture(lab.LR_LESSON)
        sweep = lab.four_rates(batch_size, setup.seed, setup.steps)
        titles = tuple(t("optimizer_lab.lr_panel", kind=t(f"optimizer_lab.lr.{kind}"), lr=float(f"{lr:.2g}"))
                       for kind, lr in zip(LR_KINDS, sweep.lrs, strict=True))
        charts.show(lab_figures.four_rates_figure(lesson_grid, lesson_picture, sweep, LR_COLORS, titles,
                                                  curve_labels()),
                    key="chart_four_rates")
        st.caption(t("optimizer_lab.lr_caption", batch=batch_size))
        course.lesson_differs(t("optimizer_lab.lr_says"), t("optimizer_lab.lr_measured"))
        st.subheader(t("optimizer_lab.schedule_title"), anchor="schedules")
        st.markdown(t("optimizer_lab.schedule_intro"))
        first, second = st.columns(2)
        kind = first.selectbox(t("optimizer_lab.schedule"), SCHEDULES, format_func=SCHEDULE_LABELS.get,
                               key="lab_schedule", index=SCHEDULES.index("step_decay"), bind="query-params")
        lr = controls.log_slider(t("optimizer_lab.schedule_lr"), "lab_schedule_lr", 1e-3, 2.0, 0.5, container=second)
        columns = st.columns(3)
        gamma = controls.number_slider(t("optimizer_lab.gamma"), controls.linear_options(0.05, 1.0, 0.05),
                                       key="lab_gamma", default=0.5, container=columns[0],
                                       disabled=kind not in ("step_decay", "exponential"))
        step_size = columns[1].slider(t("optimizer_lab.step_size"), 1, 250, 50, key="lab_step_size",
                                      bind="query-params",
                                      disabled=kind not in ("step_decay", "exponential"))
        decay_rate = controls.number_slider(t("optimizer_lab.decay_rate"), controls.linear_options(0.0, 1.0, 0.01),
                                            key="lab_decay_rate", default=0.05, container=columns[2],
                                            disabled=kind != "inverse_time")
        runs = lab.schedule_runs(lr, setup.steps, kind, gamma, step_size, decay_rate, batch_size, setup.seed)
        st.latex(latex(runs.latex))
        charts.show(
            lab_figures.schedule_figure(runs, lesson_grid.min_value, OPTIMIZER_COLORS["gd"], lab_figures.ScheduleLabels(
                constant=t("optimizer_lab.constant"), scheduled=t("optimizer_lab.scheduled"),
                rate_axis=t("optimizer_lab.rate_axis"), loss_axis=t("chart.loss_above_min"),
                step_axis=t("chart.step"))),
            key="chart_schedule",
        )
        constant, scheduled = runs.final_level(lesson_grid.min_value)
        st.caption(t("optimizer_lab.schedule_result", steps=setup.steps, constant=constant, scheduled=scheduled))

    def sgd_section() -> None:
        st.subheader(t("optimizer_lab.sgd_title"), anchor="minibatch-sgd")
        st.markdown(t("optimizer_lab.sgd_intro"))
        columns = st.columns(3)
        batch_size = columns[0].select_slider(t("optimizer_lab.batch_size"), BATCH_SIZES, 8, key="lab_batch",
                                              bind="query-params")
        seeds = columns[1].slider(t("optimizer_lab.seeds"), 1, 20, 5, key="lab_seeds", bind="query-params")
        lr = controls.log_slider(t("optimizer_lab.sgd_lr"), "lab_sgd_lr", 1e-4, 1.0, 0.05, container=columns[2])
        chart_slot = st.container()
        st.subheader(t("optimizer_lab.escape_title"), anchor="escape")
        st.markdown(t("optimizer_lab.escape_intro"))
        columns = st.columns(4)
        escape_lr = controls.log_slider(t("optimizer_lab.escape_lr"), "lab_escape_lr", 1e-3, 0.1, 0.02,
                                        container=columns[0])
        escape_noise = controls.number_slider(t("optimizer_lab.escape_noise"), (0.0, *controls.log_options(0.1, 100.0)),
                                              key="lab_escape_noise", default=30.0, container=columns[1])
        momentum = controls.number_slider(t("optimizer_lab.escape_momentum"), controls.linear_options(0.0, 0.99, 0.01),
                                          key="lab_escape_momentum", default=0.9, container=columns[2])
        runs_count = columns[3].slider(t("optimizer_lab.escape_runs"), 1, 50, 20, key="lab_escape_runs",
                                       bind="query-params")
        regression = lab.Problem("regression", x_scale=setup.problem.x_scale, noise=setup.problem.noise,
                                 data_seed=setup.problem.data_seed)
        regression_start = lab.default_start(regression)
        runs = lab.minibatch_runs(regression, lr, batch_size, seeds, setup.seed, regression_start, setup.steps)
        per_epoch = chart_slot.toggle(t("optimizer_lab.sgd_per_epoch"), key="lab_sgd_epochs", bind="query-params",
                                      help=t("optimizer_lab.sgd_per_epoch_help"))
        loss_x = (lab_figures.LossAxis(t("optimizer_lab.epochs_axis"), 1.0, batch_size / objectives.COURSE_SAMPLES)
                  if per_epoch else None)
        charts.show(
            lab_figures.noisy_figure(runs, lab.surface_picture(regression), [BLACK], OPTIMIZER_COLORS["nesterov"],
                                     lab_figures.NoisyLabels((t("optimizer_lab.full_batch"),),
                                                             t("optimizer_lab.minibatch", size=batch_size),
                                                             curve_labels()), loss_x),
            key="chart_sgd", container=chart_slot,
        )
        chart_slot.caption(t("optimizer_lab.sgd_caption"))
        escape = lab.escape_runs(escape_lr, momentum, escape_noise, runs_count, setup.seed, setup.steps)
        surface = lab.Problem(lab.ESCAPE_SURFACE)
        charts.show(
            lab_figures.noisy_figure(escape, lab.surface_picture(surface), [OPTIMIZER_COLORS["gd"],
                                                                            OPTIMIZER_COLORS["momentum"]],
                                     OPTIMIZER_COLORS["rmsprop"],
                                     lab_figures.NoisyLabels((name_of["gd"], name_of["momentum"]),
                                                             t("optimizer_lab.noisy_gd"),
                                                             curve_labels())),
            key="chart_escape",
        )
        escapes = minima.count_escapes(escape.noisy_nearest, escape.noisy_diverged, int(escape.exact_nearest[0]),
                                       escape.minima_values)

        def where(run: int) -> str:
            basin = minima.basin(int(escape.exact_nearest[run]), int(escape.exact_diverged[run]), escape.minima_values)
            return t(f"optimizer_lab.basin.{basin}")

        st.markdown(t("optimizer_lab.escape_result", left=escapes.deeper, reached=escapes.global_reached,
                      runs=runs_count,
                      gd=where(0), momentum=where(1)))

    def map_section() -> None:
        columns = st.columns(3)
        name = columns[0].selectbox(t("optimizer_lab.map_optimizer"), NAMES, index=NAMES.index("momentum"),
                                    format_func=name_of.get, key="lab_map_optimizer", bind="query-params")
        axes = lab.map_axes(name, setup.problem.surface)
        if st.session_state.get("lab_map_axis", axes[0]) not in axes:  # an axis of another optimizer or surface
            del st.session_state["lab_map_axis"]
        axis = columns[1].selectbox(t("optimizer_lab.map_axis"), axes, format_func=lambda key: lab.MAP_AXES[key][0],
                                    key="lab_map_axis", bind="query-params")
        steps = columns[2].slider(t("optimizer_lab.map_steps"), 10, 500, 200, 10, key="lab_map_steps",
                                  bind="query-params")
        hyper = {**setup.hypers.get(name, {}), "lr": setup.lr(name)}
        st.subheader(t("optimizer_lab.map_title"), anchor="stability-map")
        st.markdown(t("optimizer_lab.map_intro", steps=steps, cells=lab.MAP_RESOLUTION**2))
        result = lab.stability_map(setup.problem, name, axis, tuple(sorted(hyper.items())), setup.start, steps)
        runner = lab.map_optimizer(name, axis)
        scale = lab.MAP_AXES[axis][2]
        current_second = {"kappa": setup.problem.kappa, "x_scale": setup.problem.x_scale}.get(
            axis, hyper.get(axis, 0.0))
        current = (hyper["lr"], current_second) if name in setup.names else None
        theory = result.theory
        charts.show(
            lab_figures.map_figure(result, scale == "log", current, lab_figures.MapLabels(
                x=t("control.lr"), y=t(f"optimizer_lab.axis.{axis}"), progress=t("optimizer_lab.map_progress"),
                diverged=t("optimizer_lab.map_diverged"), current=t("optimizer_lab.map_current"),
                theory=t("optimizer_lab.map_local_theory") if theory.limit is None else t("optimizer_lab.map_theory"))),
            key="chart_map",
        )
        st.caption(t("optimizer_lab.map_caption"))
        if runner != name:
            st.info(t("optimizer_lab.map_gd_note"))
        if theory.limit is not None:
            st.markdown(t(f"optimizer_lab.theory.{runner}"))
        elif theory.local_limit is not None:
            st.markdown(t(f"optimizer_lab.theory.{runner}") + " " + t("optimizer_lab.theory.local",
                                                                      curvature=theory.local_curvature))
        else:
            st.markdown(t("optimizer_lab.theory.none"))

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
    section = controls.url_choice(
        st.segmented_control, t("optimizer_lab.section"), SECTIONS, key="lab_section", default="race",
        format_func=lambda key: t(f"optimizer_lab.section.{key}"), legacy=LEGACY_SECTION_LABELS, required=True,
        label_visibility="collapsed", width="stretch",
    )
    SECTION_BODIES[section]()
    keep_hidden_sections(section)
    course.experiments("optimizer_lab", EXPERIMENTS, ANCHORS)


render()
