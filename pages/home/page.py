"""Home: what the app teaches and the map of the course's lessons."""

import streamlit as st

from pages import LESSONS
from ui.i18n import t

CARDS_PER_ROW = 3


def render() -> None:
    """The page. Its values are locals, freed when the run ends: the module's globals outlive the run in the
    widgets' callbacks, which a session keeps until it expires."""
    st.title(t("home.title"))
    st.markdown(t("home.intro"))
    st.subheader(t("home.how_title"))
    st.markdown(t("home.how"))
    st.subheader(t("home.map_title"))
    st.caption(t("home.map_intro"))
    for row in range(0, len(LESSONS), CARDS_PER_ROW):
        for column, (number, lesson) in zip(
            st.columns(CARDS_PER_ROW), enumerate(LESSONS[row : row + CARDS_PER_ROW], start=row + 1), strict=False
        ):
            with column.container(border=True, height="stretch"):
                st.markdown(f"**{number}. {t(f'lesson.{lesson.key}.title')}**")
                st.caption(t(f"lesson.{lesson.key}.line"))
                if lesson.script:
                    st.page_link(lesson.script, query_params=dict(lesson.query), label=t("home.open"), icon=lesson.icon)
                else:
                    st.markdown(f"*{t('chart.coming')}*")


render()
