"""Draw a finished figure on the page: the one place every chart goes through ``st.plotly_chart``.

It writes numbers in the page's language (Plotly's ``separators``: ``0,25`` in Russian) and sets the Plotly
options a classroom needs: no logo or editing links in the toolbar, no zoom by mouse wheel (a wheel over a
chart scrolls the page).
"""

from __future__ import annotations

import streamlit as st

from ui.figures import FinishedFigure
from ui.i18n import language

SEPARATORS = {"en": ".,", "ru": ", "}  # decimal mark, then the thousands separator
CONFIG = {"displaylogo": False, "scrollZoom": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def in_language(figure: FinishedFigure, language_code: str) -> FinishedFigure:
    """The figure with its numbers written in the language's style."""
    spec = figure.to_dict()
    return FinishedFigure({**spec, "layout": {**spec.get("layout", {}), "separators": SEPARATORS[language_code]}})


def show(figure: FinishedFigure, *, key: str, container=st, **options):
    """``st.plotly_chart`` of ``figure`` across the width of ``container``, in the page's language; ``options``
    go to ``st.plotly_chart`` (``on_select``, ``selection_mode``)."""
    return container.plotly_chart(in_language(figure, language()), key=key, width="stretch", config=CONFIG,
                                  **options)
