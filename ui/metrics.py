"""A row of key figures, written as HTML: it wraps onto as many lines as the screen needs (two or three on a
phone) instead of stacking one figure per row as ``st.columns`` of ``st.metric`` do."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class Metric:
    """A figure: its ``label`` (plain text, with an optional ``subscript``), its ``value`` as text and a ``help``
    shown when the pointer rests on it."""

    label: str
    value: str
    help: str = ""
    subscript: str = ""


def strip_html(metrics: Sequence[Metric]) -> str:
    cells = []
    for metric in metrics:
        label = html.escape(metric.label) + (f"<sub>{html.escape(metric.subscript)}</sub>" if metric.subscript else "")
        title = f' title="{html.escape(metric.help)}"' if metric.help else ""
        underline = "text-decoration: underline dotted; cursor: help;" if metric.help else ""
        cells.append(
            f'<div{title} style="flex: 1 1 7.5rem; min-width: 7.5rem">'
            f'<div style="font-size: 0.9rem; color: #31333F; {underline}">{label}</div>'
            f'<div style="font-size: 1.6rem; line-height: 1.3">{html.escape(metric.value)}</div></div>'
        )
    return f'<div style="display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem">{"".join(cells)}</div>'


def show(metrics: Sequence[Metric]) -> None:
    st.markdown(strip_html(metrics), unsafe_allow_html=True)
