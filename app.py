"""Entry point: ``streamlit run app.py``. Draws the frame and runs the chosen page.

A helper process (``ui.helper_process``) starts as Python's multiprocessing prepares a spawned child: by running
the parent's main script, which under Streamlit is this file, as ``__mp_main__``. A helper draws nothing, so nothing
here runs there, and it never imports Streamlit (43 MB).
"""

if __name__ != "__mp_main__":
    import streamlit as st

    import pages
    from ui import classroom, frame, server_memory

    st.set_page_config(page_title="Optimizer Lab", page_icon="🎓", layout="wide",
                       initial_sidebar_state="collapsed" if classroom.presenting() else "auto")
    server_memory.return_freed_memory()
    classroom.style()
    frame.language_switch()
    classroom.presenter_switch()
    page = frame.navigation(pages.HOME, pages.lesson_pages())
    frame.about()
    page.run()
