"""What every lesson page ends with or points out: the lesson's experiments as links, and notes where the course
text and the measurement disagree."""

from __future__ import annotations

import html
from collections.abc import Mapping

import streamlit as st

from ui.i18n import language, t

SECTION_IN_VIEW = "at"  # the section a link brings into view (also as ``#id``, which Streamlit drops from the address)


def experiment_link(query: str, anchor: str = "") -> str:
    """A link to this page with ``query`` (``key=value&...``), in the page's language and, for a teacher presenting,
    in presenter mode; ``anchor`` (a section's id) brings that section into view when the page opens."""
    kept = ("&lang=ru" if language() == "ru" else "") + ("&present=1" if st.query_params.get("present") == "1" else "")
    return f"?{query}{kept}" + (f"&{SECTION_IN_VIEW}={anchor}#{anchor}" if anchor else "")


def same_tab_link(text: str, href: str) -> str:
    """An HTML link that opens in this tab (Streamlit opens a Markdown link in a new one); ```code``` in ``text``
    stays code."""
    parts = html.escape(text).split("`")
    shown = "".join(f"<code>{part}</code>" if index % 2 else part for index, part in enumerate(parts))
    return f'<a href="{html.escape(href)}" target="_self">{shown}</a>'


def experiments(lesson: str, queries: Mapping[str, str], anchors: Mapping[str, str] | None = None) -> None:
    """"Experiments from the lesson": one link per experiment of ``queries`` (``{name: query}``), worded by the text
    ``<lesson>.experiment.<name>``. Each sets every control of the experiment and opens in this tab, keeping the
    language and presenter mode, scrolled to the section the experiment is about (``anchors``: ``{name: section
    id}``), so a teacher can open it in one click in front of the class."""
    anchors = anchors or {}
    st.subheader(t("course.experiments_title"), anchor="experiments")
    st.caption(t("course.experiments_intro"))
    links = [same_tab_link(t(f"{lesson}.experiment.{name}"), experiment_link(query, anchors.get(name, "")))
             for name, query in queries.items()]
    items = "".join(f"<li>{link}</li>" for link in links)
    st.markdown(f"<ul>{items}</ul>", unsafe_allow_html=True)


def lesson_differs(says: str, measured: str) -> None:
    """A clearly marked note: what the lesson's text says, and what is measured here."""
    st.info(f"**{t('course.lesson_says')}** {says}  \n**{t('course.measured_here')}** {measured}",
            icon=":material/menu_book:")
