"""Language of the session and lookup in the text catalog."""

from __future__ import annotations

import streamlit as st

from ui.catalog import CATALOG, LANGUAGES

LANGUAGE_KEY = "lang"


def language() -> str:
    """The language chosen in the sidebar (bound to ``?lang=``), English by default."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    return chosen if chosen in LANGUAGES else LANGUAGES[0]


def t(key: str, **values) -> str:
    """The text ``key`` in the current language, with ``{name}`` fields filled from ``values``."""
    text = CATALOG[key][language()]
    return text.format(**values) if values else text
