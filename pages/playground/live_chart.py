"""The sandbox's live training and its chart, computed together in a helper process and cached whole.

Building the chart (the decision field, boundary, curves and layer statistics of every snapshot, as animation
frames) costs about as much as the training itself (0.2 s each). Both run in the server's helper process
(``ui.helper_process``), so neither holds up other students' pages, and the pair is cached by what it is made of
(the configuration, the data, the words and whether it is drawn for a phone): a student who opens a configuration
another has opened copies the cached pair.
"""

from __future__ import annotations

import streamlit as st

from dl_core.recorded_training import Recording
from pages.playground import compute, figures
from ui.helper_process import in_helper


@st.cache_data(max_entries=16, show_spinner=False)
@in_helper
def trained_chart(setup: compute.Setup, data: str, noise: float, size: int, seed: int, labels: figures.Labels,
                  phone: bool) -> tuple[Recording, figures.FinishedFigure]:
    """``compute.training(setup, data, noise, size, seed)`` and its ``figures.training_figure`` on its data set."""
    run = compute.training(setup, data, noise, size, seed)
    plane = figures.Plane.of(compute.dataset(data, noise, size, seed))
    return run, figures.training_figure(run, plane, labels, phone)
