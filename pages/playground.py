"""Entry of this lesson's URL on a server's first session only: see ``ui.frame.enter_through_the_frame``."""
from ui.frame import enter_through_the_frame

enter_through_the_frame()
