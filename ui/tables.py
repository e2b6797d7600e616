"""Small tables of results, written as HTML into ``st.markdown``.

Not ``st.dataframe`` or ``st.table``: both load Apache Arrow's JavaScript, which sets
``Symbol.isConcatSpreadable`` on its classes. From then on the browser (V8) takes the slow path of
``Array.prototype.concat`` in the whole page, for the rest of the session, and Plotly concatenates
arrays in every animation frame: with one Arrow table anywhere in the app, the 7-optimizer race
spent about four times longer per frame in Plotly's attribute crawl and played at 15-20 frames
per second instead of 25-30. The tables here are a few rows long; plain HTML shows them as well.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from ui.i18n import language, localised


@dataclass(frozen=True)
class Column:
    """A column: its ``title``, its ``values``, a ``format`` for numbers (a spec as in ``format(value, spec)``, written
    in the page's language here, or a function that writes the number in the page's language itself, such as
    ``ui.i18n.num``) and an optional ``help`` text shown when the pointer rests on the title."""

    title: str
    values: Sequence
    format: str | Callable[[float], str] = ""
    help: str = ""


MISSING = "—"


def is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def cell_text(value, spec: str | Callable[[float], str], language_code: str = "en") -> str:
    """A number in ``spec`` (``—`` for NaN, ``±∞`` for infinities) in the language's style (decimal comma and
    true minus sign in Russian; a function ``spec`` writes it so itself), anything else as it is."""
    if not is_number(value):
        return str(value)
    if math.isnan(value):
        return MISSING
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return spec(value) if callable(spec) else localised(format(value, spec), language_code)


def table_html(columns: Sequence[Column], colors: Sequence[str] | None = None, language_code: str = "en") -> str:
    """The table as HTML: columns with numbers right-aligned, cells on one line, every text escaped;
    ``colors`` (one per row) tint a dot before the first cell, to match a chart's colours."""
    head = "".join(
        f'<th title="{html.escape(column.help)}" style="cursor: help">'
        f'<span style="text-decoration: underline dotted">{html.escape(column.title)}</span></th>'
        if column.help else f"<th>{html.escape(column.title)}</th>"
        for column in columns
    )
    right = [any(is_number(value) for value in column.values) for column in columns]
    rows = []
    for row in range(len(columns[0].values)):
        cells = []
        for position, column in enumerate(columns):
            text = html.escape(cell_text(column.values[row], column.format, language_code))
            if position == 0 and colors:
                text = f'<span style="color: {html.escape(colors[row])}">●</span>&nbsp;{text}'
            align = "right" if right[position] else "left"
            cells.append(f'<td style="text-align: {align}; white-space: nowrap">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def show(columns: Sequence[Column], colors: Sequence[str] | None = None) -> None:
    """Draw the table (see ``table_html``)."""
    st.markdown(table_html(columns, colors, language()), unsafe_allow_html=True)
