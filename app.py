"""Entry point: ``streamlit run app.py``. Draws the frame and runs the chosen page."""

import streamlit as st

from ui import frame

st.set_page_config(page_title="Optimizer Lab", page_icon=":material/school:", layout="wide")
frame.language_switch()
frame.mark_frame_drawn()
page = frame.navigation()
frame.about()
page.run()
