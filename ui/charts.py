"""Draw a finished figure on the page: the one place every chart goes through ``st.plotly_chart``.

It writes numbers in the page's language (Plotly's ``separators``: ``0,25`` in Russian) and sets the Plotly
options a classroom needs: no logo or editing links in the toolbar, no zoom by mouse wheel (a wheel over a
chart scrolls the page).
"""

from __future__ import annotations

import re

import streamlit as st

from ui.classroom import FITTED_CHART_KEY, presenting
from ui.figures import FinishedFigure, PlaybackLabels
from ui.i18n import language, t

SEPARATORS = {"en": ".,", "ru": ", "}  # decimal mark, then the thousands separator
AXIS = re.compile(r"^[xy]axis\d*$")
CONFIG = {"displaylogo": False, "scrollZoom": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
PHONE_CONFIG = {**CONFIG, "displayModeBar": False}  # a touch screen shows the toolbar for good, over the legend


PRESENTER_GROWTH = 1.5  # presenter mode: charts grow to fill the screen (the classroom style caps them at its height)
PHONE_STACK = {"xaxis": [0.0, 1.0], "yaxis": [0.45, 1.0], "xaxis2": [0.0, 1.0], "yaxis2": [0.0, 0.3]}
PHONE_BUTTONS = 3  # play buttons that fit a phone's width: Play, 2x and Pause
PHONE_HEIGHT_FACTOR = 1.5
DEFAULT_HEIGHT = 450  # px: Plotly's height for a figure that names none
MIN_FONT_SIZE = 14  # px: the smallest chart text a class reads from the back of the room (Plotly's default is 12)


def playback_labels() -> PlaybackLabels:
    """The words of the playback controls in the page's language."""
    return PlaybackLabels(t("chart.play"), t("chart.pause"), t("chart.step"), language())


def in_language(figure: FinishedFigure, language_code: str) -> FinishedFigure:
    """The figure with its numbers written in the language's style (decimal mark and thousands; powers of ten as
    10ⁿ on every axis and in the hover labels that take their format from the axis, never 1e+06 or Plotly's SI
    letters), and its text no smaller than ``MIN_FONT_SIZE`` where it names no size of its own."""
    spec = figure.to_dict()
    layout = spec.get("layout", {})
    font = layout.get("font", {})
    font = {**font, "size": max(font.get("size", MIN_FONT_SIZE), MIN_FONT_SIZE)}
    axes = {key: {"exponentformat": "power", **value} for key, value in layout.items() if AXIS.match(key)}
    return FinishedFigure({**spec, "layout": {**layout, **axes, "separators": SEPARATORS[language_code],
                                              "font": font}})


def side_by_side(layout: dict) -> bool:
    """Whether the figure is two panels next to each other (axes x/y and x2/y2 and no others)."""
    axes = {key for key in layout if key.startswith(("xaxis", "yaxis"))}
    if axes != {"xaxis", "yaxis", "xaxis2", "yaxis2"}:
        return False
    left, right = layout["xaxis"].get("domain", [0, 1]), layout["xaxis2"].get("domain", [0, 1])
    return left[1] <= right[0]


def for_phone(figure: FinishedFigure) -> FinishedFigure:
    """On a phone: two side-by-side panels stacked (the first on top), and no drag-to-pan, so a swipe over a
    chart scrolls the page instead of moving the view."""
    spec = figure.to_dict()
    layout = {**spec.get("layout", {}), "dragmode": False}
    if side_by_side(layout):
        for axis, domain in PHONE_STACK.items():
            layout[axis] = {**layout[axis], "domain": domain}
        layout["height"] = int(layout.get("height", DEFAULT_HEIGHT) * PHONE_HEIGHT_FACTOR)
    if layout.get("updatemenus"):
        layout["updatemenus"] = [{**menu, "buttons": fewer_buttons(menu["buttons"])} for menu in layout["updatemenus"]]
    return FinishedFigure({**spec, "layout": layout})


def fewer_buttons(buttons: list[dict]) -> list[dict]:
    """At most ``PHONE_BUTTONS`` play buttons, so they fit one line on a phone: the first (Play), the last (Pause)
    and 2x if there is one."""
    if len(buttons) <= PHONE_BUTTONS:
        return buttons
    double = [button for button in buttons[1:-1] if button["label"].endswith("2×")]
    return [buttons[0], *double[:PHONE_BUTTONS - 2], buttons[-1]]


def for_presenter(figure: FinishedFigure) -> FinishedFigure:
    """In presenter mode a chart is ``PRESENTER_GROWTH`` times as tall as designed, to fill a projector's screen
    (the classroom style shortens it to the screen's height, see ``show``)."""
    spec = figure.to_dict()
    layout = spec.get("layout", {})
    return FinishedFigure({**spec, "layout": {**layout,
                                              "height": int(layout.get("height", DEFAULT_HEIGHT) * PRESENTER_GROWTH)}})


def on_phone() -> bool:
    """Whether the browser says it is a phone (``Mobi`` in its user agent, as every phone browser sends)."""
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def show(figure: FinishedFigure, *, key: str, container=st, **options):
    """``st.plotly_chart`` of ``figure`` across the width of ``container``, in the page's language, stacked on a
    phone and fitted to a projector in presenter mode; ``options`` go to ``st.plotly_chart`` (``on_select``,
    ``selection_mode``).

    The chart fills a box as tall as the figure's height, which the classroom's style shortens to the screen's
    height under the header (``ui.classroom.BASE_STYLE``): on a 1280x720 projector or at 150 % zoom a chart and
    its play controls fit on the screen."""
    figure = in_language(figure, language())
    phone = on_phone()
    if phone:
        figure = for_phone(figure)
    if presenting():
        figure = for_presenter(figure)
    height = int(figure.to_dict().get("layout", {}).get("height", DEFAULT_HEIGHT))
    box = container.container(key=FITTED_CHART_KEY + key, height=height, border=False)
    return box.plotly_chart(figure, key=key, width="stretch", height="stretch",
                           config=PHONE_CONFIG if phone else CONFIG, **options)
