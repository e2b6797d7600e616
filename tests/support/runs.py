"""Runs of the app's pages in AppTest, kept per process, and what the rules read from them.

``run(page, query, language)`` opens a page at a URL and keeps what the rules need, not the app (it is large): every
string it showed (``support.shown``), its exceptions, its controls (value, and which of their ends or options they
hold) and what is wrong with its charts. A page's tests run on one worker (``support/scheduling.py``), so each of its
runs is made once, and the lessons' caches serve every run after the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qs

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from support.apptest import open_page
from support.charts import gaps, not_finite
from support.shown import Shown, as_read, experiments, script, shown_strings

# The frame's controls (language, presenter mode) and the classroom's prediction switch: on every page, not a lesson's.
FRAME_CONTROLS = {"lang", "_present_switch", "predict"}
NUMBERS = {"slider", "number_input"}
CHOICES = {"selectbox", "radio", "button_group", "multiselect"}
CONTROLS = NUMBERS | CHOICES | {"select_slider", "toggle", "checkbox"}


@dataclass(frozen=True)
class Control:
    """A control as a run left it: its ``value``, which of its ends or options it ``reached`` and which it has:
    a number control its lowest and highest number, a select slider its first and last option's label, a choice every
    option's label, a multiple choice "none" and "all" (as many as it takes), a switch False and True."""

    kind: str
    value: object
    reached: frozenset
    ends: frozenset


@dataclass(frozen=True)
class Chart:
    size: int  # bytes of its spec
    not_finite: tuple[str, ...]  # its NaNs and infinities
    gaps: int  # its missing numbers (breaks in a line)
    spec: str = ""  # its JSON, kept for the runs at a page's defaults only


@dataclass(frozen=True)
class Run:
    """What one run of a page left: what it showed (unless not asked), its exceptions, its controls (by key) and its
    charts."""

    texts: tuple[Shown, ...]
    exceptions: tuple[str, ...]
    controls: dict[str, Control]
    charts: tuple[Chart, ...]


def control(widget, value) -> Control:
    if widget.type in NUMBERS:
        numbers = value if isinstance(value, list | tuple) else [value]
        return Control(widget.type, value, frozenset(map(float, numbers)),
                       frozenset(float(end) for end in (widget.min, widget.max) if end is not None))
    if widget.type == "select_slider":
        chosen = value if isinstance(value, list | tuple) else [value]
        return Control(widget.type, value, frozenset(widget.format_func(item) for item in chosen),
                       frozenset((widget.options[0], widget.options[-1])))
    if widget.type in CHOICES:
        labels = [getattr(option, "content", option) for option in widget.options]
        if isinstance(value, list | tuple):  # a multiple choice
            most = min(len(labels), getattr(widget, "max_selections", 0) or len(labels))
            reached = {"none"} if not value else {"all"} if len(value) == most else set()
            return Control(widget.type, value, frozenset(reached), frozenset({"none", "all"}))
        return Control(widget.type, value, frozenset({widget.format_func(value)}), frozenset(labels))
    return Control(widget.type, value, frozenset({bool(value)}), frozenset({False, True}))


def widgets(app: AppTest) -> dict:
    """Every control of the page with a key, by key (AppTest's elements)."""
    found = {}

    def walk(block: Block) -> None:
        for child in block.children.values():
            if isinstance(child, Block):
                walk(child)
            elif getattr(child, "type", None) in CONTROLS and getattr(child, "key", None):
                found[child.key] = child

    walk(app._tree)
    return found


def controls(app: AppTest) -> dict[str, Control]:
    """Every control of the page with a key, as it stands."""
    return {key: control(widget, app.session_state[key] if key in app.session_state else widget.value)
            for key, widget in widgets(app).items()}


def read(app: AppTest, state: str, texts: bool = True, specs: bool = False) -> Run:
    """What the rules read from ``app`` as it stands; ``state`` names it in their messages."""
    strings = shown_strings(app._tree) if texts else ()
    shown = tuple(Shown(state, where, as_read(text)) for where, text in strings if text.strip())
    charts = tuple(Chart(len(spec), tuple(not_finite(spec)), gaps(spec), spec if specs else "")
                   for spec in (chart.proto.spec for chart in app.get("plotly_chart")))
    return Run(shown, tuple(map(exception, app.exception)), controls(app), charts)


def exception(error) -> str:
    """What went wrong: the app shows a redacted message, the test its exception's last line."""
    return error.stack_trace[-1].strip() if error.stack_trace else str(error.value)


def url_values(query: str) -> dict[str, str | list[str]]:
    """A query string as ``open_page`` takes it: a key given once as a string, several times as a list."""
    parsed = parse_qs(query, keep_blank_values=True)
    return {key: values if len(values) > 1 else values[0] for key, values in parsed.items()}


def open_experiment(page: str, name: str) -> AppTest:
    """``page`` opened from its experiment link ``name``, in English (for a lesson's test of what the link shows)."""
    return open_page(script(page), **url_values(experiments(page)[name]))


@cache
def run(page: str, query: str, language: str) -> Run:
    """Open ``page`` with ``query`` in ``language`` (a ``lang`` of the query wins; kept per process, and at the
    defaults with its charts' JSON)."""
    app = open_page(script(page), **{"lang": language, **url_values(query)})
    return read(app, f"{page}?{query}" if query else page, specs=not query)


def holds(value, wanted: list[str]) -> bool:
    """Whether a control's value is what a URL asked for (numbers, switches, choices and lists alike)."""
    if isinstance(value, list | tuple):
        if value and all(isinstance(item, int | float) for item in value):  # a range: low and high in order
            return [float(item) for item in value] == [number(text) for text in wanted]
        return sorted(str(item).lower() for item in value) == sorted(text.lower() for text in wanted if text)
    (text,) = wanted
    if isinstance(value, bool):
        return value == (text == "true")
    if isinstance(value, int | float):
        return float(value) == number(text)
    return str(value).lower() == text.lower()


def number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
