"""Entry point: ``streamlit run app.py``. Draws the frame and runs the chosen page."""

import streamlit as st

import pages
from ui import frame

st.set_page_config(page_title="Optimizer Lab", page_icon=":material/school:", layout="wide")
frame.language_switch()
page = frame.navigation(pages.HOME, pages.lesson_pages())
frame.about()
page.run()
