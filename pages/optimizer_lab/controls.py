"""The optimizer lab's controls. Every one is bound to the URL under a ``lab_`` key, so a shared link
reproduces the whole lab; invalid values in a link fall back to the defaults (Streamlit ignores them).

The sidebar holds the race setup every section shares: the surface and its settings, the start
point, the step budget and the optimizers with their hyperparameters. Choosing another surface
moves the start and the learning rates to that surface's defaults (in a callback, before the rerun).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dl_core.optimizers import NAMES
from pages.optimizer_lab import compute as lab
from ui import classroom, controls
from ui.i18n import t

SURFACE_KEY = "lab_surface"
# Links made before surfaces were kept in the URL by name held their (then untranslated) labels.
LEGACY_SURFACE_LABELS = {"Beale": "beale", "½wᵀHw": "quadratic", "MSE": "regression", "Rosenbrock": "rosenbrock",
                         "Himmelblau": "himmelblau", "w₁² + ¼w₂⁴ − ½w₂²": "saddle",
                         "Styblinski–Tang": "styblinski_tang"}
START_KEYS = ("lab_w1", "lab_w2")
OPTIMIZERS_KEY = "lab_optimizers"
DEFAULT_OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")
DEFAULT_STEPS = 200
MAX_STEPS = 500
RATE_MODES = ("best", "same", "own")  # each at its best rate on the surface, all at one rate, each set by hand
SAME_LR = 0.05


def lr_key(name: str) -> str:
    return f"lab_{name}_lr"


@dataclass(frozen=True)
class Setup:
    """The race as the sidebar sets it: the problem, the common start and step budget, and the entrants'
    hyperparameters (``hypers[name]`` holds ``lr`` too)."""

    problem: lab.Problem
    start: tuple[float, float]
    steps: int
    names: tuple[str, ...]
    hypers: dict
    seed: int
    rate_mode: str = "own"

    def entrants(self) -> tuple[tuple[str, lab.Hyper], ...]:
        return tuple((name, tuple(sorted(self.hypers[name].items()))) for name in self.names)

    def lr(self, name: str) -> float:
        """This optimizer's learning rate in the race, or the surface's default one if it is not racing."""
        return self.hypers[name]["lr"] if name in self.hypers else lab.SURFACES[self.problem.surface].lrs[name]


def _surface_changed() -> None:
    """Move the start and every learning rate to the new surface's defaults."""
    key = st.session_state[SURFACE_KEY]
    for start_key, value in zip(START_KEYS, lab.default_start(lab.Problem(key)), strict=True):
        st.session_state[start_key] = round(value, 2)
    for name, lr in lab.SURFACES[key].lrs.items():
        st.session_state[lr_key(name)] = lr


def _clamp_in_state(key: str, low: float, high: float) -> None:
    """A value kept from another surface may lie outside this one's range: bring it inside before the widget."""
    if key in st.session_state and not low <= st.session_state[key] <= high:
        st.session_state[key] = min(max(st.session_state[key], low), high)


def race_setup() -> Setup:
    sidebar = classroom.controls_area()
    key = controls.url_choice(
        sidebar.selectbox, t("optimizer_lab.surface"), list(lab.SURFACES), key=SURFACE_KEY,
        default=next(iter(lab.SURFACES)), format_func=lambda name: t(f"optimizer_lab.surface.{name}"),
        legacy=LEGACY_SURFACE_LABELS, on_change=_surface_changed,
    )
    problem = lab.Problem(key)
    if key == "quadratic":
        problem = lab.Problem(
            key,
            kappa=controls.log_slider(t("optimizer_lab.kappa"), "lab_kappa", 1.0, 1000.0, 10.0, container=sidebar,
                                      help=t("optimizer_lab.kappa_help")),
            angle=sidebar.slider(t("optimizer_lab.angle"), 0, 90, 0, 5, key="lab_angle", bind="query-params",
                                 help=t("optimizer_lab.angle_help")),
        )
    elif key == "regression":
        with sidebar.expander(t("optimizer_lab.data"), expanded=True):
            problem = lab.Problem(
                key,
                x_scale=controls.log_slider(t("optimizer_lab.x_scale"), "lab_x_scale", 0.01, 100.0, 3.0, container=st),
                noise=controls.number_slider(t("optimizer_lab.noise"), controls.linear_options(0.0, 2.0, 0.05),
                                             key="lab_noise", default=0.5, container=st),
                data_seed=st.number_input(t("optimizer_lab.data_seed"), 0, 9999, 0, key="lab_data_seed",
                                          bind="query-params"),
            )
    problem = problem.normalised()
    grid = lab.surface(problem)
    default = lab.default_start(problem)
    sidebar.caption(t("optimizer_lab.start"), help=t("optimizer_lab.start_help"))
    start = []
    for column, start_key, (low, high), value in zip(sidebar.columns(2), START_KEYS, grid.bounds, default, strict=True):
        _clamp_in_state(start_key, low, high)
        start.append(column.number_input(
            f"w{'₁₂'[len(start)]}⁽⁰⁾", low, high, round(value, 2), 0.1, format="%.2f", key=start_key,
            bind="query-params",
        ))
    steps = sidebar.slider(t("optimizer_lab.steps"), 10, MAX_STEPS, DEFAULT_STEPS, 10, key="lab_steps",
                           bind="query-params")
    names = sidebar.pills(
        t("optimizer_lab.optimizers"), NAMES, selection_mode="multi", default=list(DEFAULT_OPTIMIZERS),
        format_func=lambda name: t(f"optimizer.{name}"), key=OPTIMIZERS_KEY, bind="query-params",
    )
    names = tuple(name for name in NAMES if name in (names or ()))
    lrs = lab.SURFACES[key].lrs
    if "lab_rates" not in st.session_state and "lab_rates" not in st.query_params and any(
            lr_key(name) in st.query_params for name in NAMES):
        st.query_params["lab_rates"] = "own"  # a link that sets a rate by hand (as links did before the modes)
    rate_mode = controls.url_choice(sidebar.radio, t("optimizer_lab.rates"), RATE_MODES, key="lab_rates",
                                    default="best", format_func=lambda mode: t(f"optimizer_lab.rates.{mode}"),
                                    help=t("optimizer_lab.rates_help"))
    same = (controls.log_slider(t("optimizer_lab.same_lr"), "lab_same_lr", *controls.LR_RANGE, SAME_LR,
                                container=sidebar) if rate_mode == "same" else None)
    hypers = {name: controls.hyperparameters(name, key_prefix="lab_", lr=lrs[name] if rate_mode == "own" else None,
                                             container=sidebar) for name in names}
    seed = sidebar.number_input(t("optimizer_lab.seed"), 0, 9999, 0, key="lab_seed", bind="query-params",
                                help=t("optimizer_lab.seed_help"))
    classroom.reset_button(sidebar)
    start = (float(start[0]), float(start[1]))
    if rate_mode == "same":
        hypers = {name: {**hyper, "lr": same} for name, hyper in hypers.items()}
    elif rate_mode == "best" and names:
        found = lab.best_rates(problem, tuple((name, tuple(sorted(hypers[name].items()))) for name in names), start,
                               int(steps))
        hypers = {name: {**hypers[name], "lr": float(rate)} for name, rate in zip(found.names, found.best,
                                                                                  strict=True)}
    return Setup(problem, start, int(steps), names, hypers, int(seed), rate_mode)
