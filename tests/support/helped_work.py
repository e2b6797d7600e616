"""Work for a helper process, for the tests of ``ui.helper_process``: a module that imports no Streamlit, as a
lesson's ``trainer.py``."""

import os
import sys


def doubled(value: float) -> tuple[float, int]:
    """``2 * value`` and the id of the process that computed it."""
    return 2 * value, os.getpid()


def streamlit_imported() -> bool:
    """Whether the process that runs this has imported Streamlit."""
    return "streamlit" in sys.modules
