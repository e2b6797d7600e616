"""The race chart, cached whole.

Building it (every entrant's path and loss, and the inspected optimizer's update arrows, in every frame) took about
40 ms of each rerun of the optimizer lab, including the reruns that change nothing in it (a control further down the
page) and every student opening the same race. It is cached by what it is made of: the race, the inspected
optimizer and step, and the words.
"""

from __future__ import annotations

import streamlit as st

from dl_core.lessons import race
from pages.optimizer_lab import compute as lab
from pages.optimizer_lab import race_figure as race_figures
from ui.figures import FinishedFigure
from ui.palette import OPTIMIZER_COLORS


@st.cache_data(max_entries=16, show_spinner=False)
def race_chart(problem: lab.Problem, entrants: tuple[tuple[str, lab.Hyper], ...], start: tuple[float, float],
               steps: int, tolerance: float, inspected: str, step: int, words: race_figures.ArrowWords,
               labels: race_figures.RaceLabels) -> FinishedFigure:
    """``race_figures.race_figure`` of ``lab.race_run(problem, entrants, start, steps, tolerance)`` on its surface,
    with the update arrows of ``inspected`` at every step and the chart opened at ``step``."""
    run = lab.race_run(problem, entrants, start, steps, tolerance)
    index = run.names.index(inspected)

    def arrows_at(at: int) -> race_figures.StepArrows | None:
        """The inspected optimizer's update ``at`` as arrows (none before the first update)."""
        if at < 1:
            return None
        taken = race.anatomy(inspected, run.hypers[index], run.points[:, index], run.grads[:, index],
                             run.states[index], at)
        return race_figures.step_arrows(taken, OPTIMIZER_COLORS[inspected], words)

    colors = [OPTIMIZER_COLORS[name] for name in run.names]
    return race_figures.race_figure(lab.surface(problem), lab.surface_picture(problem), run.points, run.losses,
                                    run.diverged_at, colors, arrows_at, step, labels)
