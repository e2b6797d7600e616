"""dl_core: the maths of the course in pure NumPy (no Streamlit, no Plotly)."""
