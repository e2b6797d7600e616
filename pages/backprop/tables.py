"""Small matrices with their values, written as HTML: a product is a row of them (X · W + b = Out) that wraps onto
more lines on a narrow screen. Cells are tinted by sign and size, blue for positive, vermillion for negative.

Like ``ui.tables``, plain HTML in ``st.markdown`` (never ``st.dataframe``: see ``ui/tables.py``)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ui import tables
from ui.numbers import number

POSITIVE, NEGATIVE = (0, 114, 178), (213, 94, 0)  # the palette's blue and vermillion, as RGB
CELL = "padding: 0.1rem 0.45rem; text-align: right; border: 1px solid #E3E7EC; min-width: 2.2rem;"


@dataclass(frozen=True)
class Matrix:
    """A matrix to show: its ``name`` (``dW``), its ``values`` (a vector is one row) and a ``note`` under the name
    (its shape, ``3×2``)."""

    name: str
    values: np.ndarray
    note: str = ""


def _tint(value: float, largest: float) -> str:
    if largest == 0 or value == 0:
        return "transparent"
    red, green, blue = POSITIVE if value > 0 else NEGATIVE
    return f"rgba({red}, {green}, {blue}, {0.08 + 0.3 * abs(value) / largest:.2f})"


def matrix_html(matrix: Matrix, language: str) -> str:
    """One matrix: its name and note above a grid of its values."""
    values = np.atleast_2d(np.asarray(matrix.values, dtype=np.float64))
    largest = float(np.max(np.abs(values))) if values.size else 0.0
    rows = "".join(
        "<tr>" + "".join(
            f'<td style="{CELL} background: {_tint(value, largest)}">'
            f"{html.escape(number(float(value), 3, language))}</td>"
            for value in row
        ) + "</tr>"
        for row in values
    )
    note = f' <span style="color: #6B7480; font-size: 0.85rem">{html.escape(matrix.note)}</span>' if matrix.note else ""
    return (
        '<div style="display: inline-flex; flex-direction: column; align-items: center">'
        f'<div style="white-space: nowrap"><b>{html.escape(matrix.name)}</b>{note}</div>'
        f'<table style="border-collapse: collapse; margin: 0.15rem 0 0 0; font-variant-numeric: tabular-nums">'
        f"<tbody>{rows}</tbody></table></div>"
    )


def product_html(items: Sequence[Matrix | str], language: str) -> str:
    """Matrices and the operators between them (``"·"``, ``"+"``, ``"="``) in a row that wraps when narrow."""
    parts = [
        matrix_html(item, language) if isinstance(item, Matrix)
        else f'<div style="font-size: 1.5rem; padding: 1.2rem 0.1rem 0 0.1rem">{html.escape(item)}</div>'
        for item in items
    ]
    return ('<div style="display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0.3rem 0.7rem; '
            f'margin-bottom: 0.6rem">{"".join(parts)}</div>')


def scrollable(columns: Sequence[tables.Column], language: str) -> str:
    """A ``ui.tables`` table that scrolls sideways on a screen narrower than itself (a phone) instead of being cut."""
    return f'<div style="overflow-x: auto">{tables.table_html(columns, language_code=language)}</div>'
