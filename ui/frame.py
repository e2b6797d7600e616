"""The frame around every page: page config, language switch, navigation, about box."""

from __future__ import annotations

import streamlit as st

from ui.catalog import LANGUAGES
from ui.i18n import LANGUAGE_KEY, t
from ui.lessons import pages_in_order


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


def navigation() -> st.navigation:
    """The home page followed by the lesson pages in the course's order."""
    home = st.Page("pages/home.py", title=t("home.nav"), icon=":material/home:", default=True)
    lessons = [
        st.Page(path, title=t(title), icon=icon) for path, title, icon in pages_in_order()
    ]
    return st.navigation([home, *lessons])


def about() -> None:
    with st.sidebar.expander(t("frame.about_title")):
        st.markdown(t("frame.about_body"))


FRAME_DRAWN = "_frame_drawn"


def mark_frame_drawn() -> None:
    st.session_state[FRAME_DRAWN] = True


def require_frame() -> None:
    """Make sure a page runs inside the frame that ``app.py`` draws.

    Streamlit treats a ``pages/`` folder beside the entry point as a legacy multipage app until
    the first call of ``st.navigation`` in the server process. So the very first session after a
    server start that opens a lesson's link directly gets that page file run on its own, without
    the frame (no language switch, file names in the menu). The page notices this, switches the
    legacy mode off and reruns through ``app.py``. Every later session goes through ``app.py``.
    """
    if st.session_state.get(FRAME_DRAWN):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()
