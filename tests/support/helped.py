"""A function marked to run in a helper process, for the tests of ``ui.helper_process``."""

import os

from ui.helper_process import in_helper


@in_helper
def doubled_where(value: float) -> tuple[float, int]:
    """``2 * value`` and the id of the process that computed it."""
    return 2 * value, os.getpid()
