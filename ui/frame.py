"""The frame around every page: language switch, navigation, about box."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from ui.catalog import LANGUAGES
from ui.i18n import LANGUAGE_KEY, t


def language_switch() -> str:
    """English / Russian in the sidebar, bound to ``?lang=`` so a shared link keeps the language.

    The buttons show the language codes themselves, because a bound choice is written to the URL
    as its label: ``?lang=ru``.
    """
    return st.sidebar.segmented_control(
        "Language / Язык",
        LANGUAGES,
        default=LANGUAGES[0],
        required=True,
        key=LANGUAGE_KEY,
        bind="query-params",
    )


def navigation(home, lessons: Sequence, presenting: bool = False) -> st.navigation:
    """The home page followed by the lesson pages, each at its own URL path: in the sidebar, or in presenter mode in
    the bar at the top, which leaves the sidebar to the settings of the section on the screen.

    ``home`` and every lesson page have ``script``, ``url_path``, ``title_key`` and ``icon``
    (``pages.CoursePage``); the home page is the default page.
    """
    entries = [st.Page(home.script, title=t(home.title_key), icon=home.icon, default=True)]
    entries += [st.Page(page.script, title=t(page.title_key), icon=page.icon, url_path=page.url_path)
                for page in lessons]
    return st.navigation(entries, position="top" if presenting else "sidebar")


def about() -> None:
    with st.sidebar.expander(t("frame.about_title")):
        st.markdown(t("frame.about_body"))


def enter_through_the_frame() -> None:
    """Run the page the URL names through ``app.py``, on a server's very first session.

    Streamlit takes a ``pages/`` folder beside the entry point for a legacy multipage app until the first
    ``st.navigation`` call in the server process, and no public setting turns that off. On that first session
    it runs ``pages/<url path>.py`` itself, without the frame; each lesson's URL path therefore has a two-line
    entry file there that calls this function, which leaves the legacy mode (the one private Streamlit flag the
    app touches) and reruns, now through ``app.py``. Every later session goes through ``app.py`` directly.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()
