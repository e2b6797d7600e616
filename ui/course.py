"""What every lesson page ends with or points out: the lesson's experiments as links, and notes where the course
text and the measurement disagree."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ui.i18n import language, t


def experiment_link(query: str) -> str:
    """A link to this page with ``query`` (``key=value&...``), in the page's language."""
    return f"?{query}&lang=ru" if language() == "ru" else f"?{query}"


def experiments(items: Mapping[str, str]) -> None:
    """"Experiments from the lesson": one link per ``{what to look for: query}``; each sets every control of the
    experiment, so a teacher can open it in one click."""
    st.subheader(t("course.experiments_title"))
    st.caption(t("course.experiments_intro"))
    st.markdown("\n".join(f"- [{text}]({experiment_link(query)})" for text, query in items.items()))


def lesson_differs(says: str, measured: str) -> None:
    """A clearly marked note: what the lesson's text says, and what is measured here."""
    st.info(f"**{t('course.lesson_says')}** {says}  \n**{t('course.measured_here')}** {measured}",
            icon=":material/menu_book:")
