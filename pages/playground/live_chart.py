"""The sandbox's live training chart, cached whole.

Building it (the decision field, boundary, curves and layer statistics of every snapshot, as animation frames) took
about 0.2 s of a rerun, and every student who opened the same configuration, or moved a control the chart does not
depend on, paid it again. The chart is cached by what it is made of (the configuration, the data, the words and
whether it is drawn for a phone); a hit costs the copy of its ~1 MB dictionary.
"""

from __future__ import annotations

import streamlit as st

from pages.playground import compute, figures, trainer


@st.cache_data(max_entries=16, show_spinner=False)
def live_chart(setup: trainer.Setup, data: str, noise: float, size: int, seed: int, labels: figures.Labels,
               phone: bool) -> figures.FinishedFigure:
    """``figures.training_figure`` of ``compute.training(setup, data, noise, size, seed)`` on its data set."""
    plane = figures.Plane.of(compute.dataset(data, noise, size, seed))
    return figures.training_figure(compute.training(setup, data, noise, size, seed), plane, labels, phone)
