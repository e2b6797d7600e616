"""Helpers for page tests: start the app in AppTest, open a page, read a chart's Plotly spec."""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 60


def open_page(page: str | None = None, **query: str) -> AppTest:
    """Run the app (with ``query`` as URL parameters), switch to ``page`` and run it."""
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.query_params.update(query)
    app.run()
    if page:
        app.switch_page(page).run()
    return app


def predict_and_reveal(app: AppTest, choice: str) -> AppTest:
    """Predict then reveal, as a student alone does it: choose ``choice``, tick Reveal; the page must stay clean."""
    app.radio[0].set_value(choice).run()
    app.checkbox[0].check().run()
    assert_clean(app)
    return app


def assert_clean(app: AppTest) -> None:
    """No exception box and no traceback on the page."""
    assert not app.exception, [e.value for e in app.exception]


def chart_specs(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def decode(values) -> np.ndarray:
    """A Plotly array: a plain list, or the binary form ``{"dtype", "bdata", "shape"}``."""
    if isinstance(values, dict):
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=np.dtype(values["dtype"]))
        if "shape" in values:
            array = array.reshape([int(size) for size in str(values["shape"]).split(",")])
        return array
    return np.asarray(values, dtype=float)


def numeric_arrays(spec: dict):
    """Every x, y and z array of every trace, in the figure and in its frames."""
    traces = list(spec.get("data", []))
    for frame in spec.get("frames", []):
        traces.extend(frame.get("data", []))
    for trace in traces:
        for axis in ("x", "y", "z"):
            if axis in trace:
                yield decode(trace[axis])


class TableCells(HTMLParser):
    """Collects the text of every cell of every <table>, row by row."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            text = "".join(self.cell).strip()
            self.tables[-1][-1].append(text.removeprefix("●\xa0"))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def html_tables(app: AppTest) -> list[dict[str, list[str]]]:
    """Every table written by ``ui.tables`` on the page, as {column title: cell texts}."""
    found = []
    for markdown in app.markdown:
        if markdown.value.startswith("<table>"):
            parser = TableCells()
            parser.feed(markdown.value)
            for header, *rows in parser.tables:
                found.append({title: [row[index] for row in rows] for index, title in enumerate(header)})
    return found


SUPERSCRIPT_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def read_number(text: str, language: str = "en") -> float:
    """The value a reader takes from a number written in the reader style of ``ui.numbers`` (``1.5×10⁻⁵``,
    ``16,384``; in Russian ``1,5·10⁻⁵``, ``16 384``)."""
    point, thousands = (",", "\u00a0") if language == "ru" else (".", ",")
    text = text.replace("−", "-").replace(thousands, "")
    mantissa, power = re.fullmatch(r"(.*?)(?:[×·]?10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?", text).groups()
    if power is None:
        return float(text.replace(point, "."))
    mantissa = {"": "1", "-": "-1"}.get(mantissa, mantissa)
    return float(mantissa.replace(point, ".")) * 10.0 ** int(power.translate(SUPERSCRIPT_DIGITS))
