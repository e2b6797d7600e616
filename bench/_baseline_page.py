"""The baseline of ``python -m bench browser``: a bare Streamlit page with one slider and one small Plotly chart."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

frequency = st.slider("Frequency", 1, 10, 3)
x = np.linspace(0, 1, 100)
st.plotly_chart(go.Figure(go.Scatter(x=x, y=np.sin(2 * np.pi * frequency * x))), width="stretch")
