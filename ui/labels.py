"""The words on shared charts, looked up in the current language."""

from ui.figures import DescentLabels
from ui.i18n import t


def descent_labels(optimizer: str) -> DescentLabels:
    return DescentLabels(
        path=t(f"optimizer.{optimizer}"),
        loss_axis=t("chart.loss_above_min"),
        step_axis=t("chart.step"),
        minimum=t("chart.minimum"),
        play=t("chart.play"),
        pause=t("chart.pause"),
        step=t("chart.step"),
        live=t("chart.live"),
        diverged=t("chart.diverged"),
    )
