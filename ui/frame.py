"""The frame around every page: page config, language switch, navigation, about box."""

from __future__ import annotations

import streamlit as st

from ui.catalog import LANGUAGES
from ui.i18n import LANGUAGE_KEY, t
from ui.lessons import pages_in_order

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def language_switch() -> str:
    """English / Russian in the sidebar, bound to ``?lang=`` so a shared link keeps the language."""
    return st.sidebar.segmented_control(
        "Language / Язык",
        LANGUAGES,
        default=LANGUAGES[0],
        format_func=LANGUAGE_NAMES.get,
        required=True,
        key=LANGUAGE_KEY,
        bind="query-params",
    )


def navigation() -> st.navigation:
    """The home page followed by the lesson pages in the course's order."""
    home = st.Page("pages/home.py", title=t("home.nav"), icon=":material/home:", default=True)
    lessons = [
        st.Page(path, title=t(f"lesson.{key}.title"), icon=icon) for path, key, icon in pages_in_order()
    ]
    return st.navigation([home, *lessons])


def about() -> None:
    with st.sidebar.expander(t("frame.about_title")):
        st.markdown(t("frame.about_body"))
