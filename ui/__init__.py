"""ui: the Streamlit and Plotly side of the app (text catalog, controls, figures, cached wrappers)."""
