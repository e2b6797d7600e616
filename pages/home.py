"""Home: what the app teaches and the map of the course's lessons."""

import streamlit as st

from ui import frame
from ui.i18n import t
from ui.lessons import LESSONS

frame.require_frame()

st.title(t("home.title"))
st.markdown(t("home.intro"))
st.subheader(t("home.how_title"))
st.markdown(t("home.how"))
st.subheader(t("home.map_title"))
st.caption(t("home.map_intro"))
for number, lesson in enumerate(LESSONS, start=1):
    title = f"{number}. {t(f'lesson.{lesson.key}.title')}"
    with st.container(border=True):
        if lesson.page:
            st.page_link(lesson.page, label=title, icon=lesson.icon)
        else:
            st.markdown(f"{title} · *{t('chart.coming')}*")
        st.caption(t(f"lesson.{lesson.key}.line"))
