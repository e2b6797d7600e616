"""Calls that run in a helper process, for the tests of ``ui.helper_process`` (the work is in ``helped_work``)."""

from support import helped_work
from ui.helper_process import in_helper


def doubled_where(value: float) -> tuple[float, int]:
    """``2 * value`` and the id of the process that computed it, in a helper when there is one."""
    return in_helper(helped_work.doubled, value)
