"""Entry point: ``streamlit run app.py``. Draws the frame and runs the chosen page.

Nothing runs when this file is imported as ``__mp_main__``: that is how a helper process starts (``ui.helper_process``
explains why), and a helper draws nothing and never imports Streamlit (43 MB).
"""

if __name__ != "__mp_main__":
    import streamlit as st

    import pages
    from ui import classroom, frame, live_class, server_memory

    st.set_page_config(page_title="Optimizer Lab", page_icon="🎓", layout="wide",
                       initial_sidebar_state="expanded" if classroom.presenting() else "auto")
    server_memory.return_freed_memory()
    classroom.style()
    frame.language_switch()
    classroom.presenter_switch()
    page = frame.navigation(pages.HOME, pages.lesson_pages(), classroom.presenting())
    live_class.run(page.url_path, classroom.presenting())
    frame.about()
    page.run()
    live_class.publish(page.url_path)
