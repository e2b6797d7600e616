"""dl_core: the maths of the course in pure NumPy (no Streamlit, no Plotly).

Importing it keeps freed memory in the process for the next arrays (:mod:`dl_core.memory`, a speed measure of the
engine's training loops).
"""

from dl_core.memory import keep_freed_memory

keep_freed_memory()
