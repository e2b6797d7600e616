"""The course's lessons in order, and the page (if any) that teaches each one.

``app.py`` builds the navigation from this list and the home page draws its lesson map from it,
so a new page is added in one place. A lesson whose ``page`` is ``None`` is shown as coming.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lesson:
    key: str  # text keys: lesson.<key>.title and lesson.<key>.line
    page: str | None  # the page file under pages/, or None while it is being written
    icon: str


LESSONS = (
    Lesson("activations", "pages/activations.py", ":material/show_chart:"),
    Lesson("initialization", None, ":material/casino:"),
    Lesson("feature_scaling", "pages/feature_scaling.py", ":material/straighten:"),
    Lesson("batch_norm", None, ":material/equalizer:"),
    Lesson("dropout", None, ":material/grain:"),
    Lesson("learning_rate", "pages/optimizer_lab.py", ":material/speed:"),
    Lesson("sgd", "pages/optimizer_lab.py", ":material/shuffle:"),
    Lesson("adam", "pages/optimizer_lab.py", ":material/rocket_launch:"),
    Lesson("backprop", None, ":material/account_tree:"),
)


# A page that teaches several lessons is named for itself in the menu, not after its first lesson.
MENU_TITLES = {"pages/optimizer_lab.py": "menu.optimizer_lab"}


def pages_in_order() -> list[tuple[str, str, str]]:
    """(page file, text key of its menu title, icon) for every lesson that has a page, each page once."""
    seen: dict[str, tuple[str, str, str]] = {}
    for lesson in LESSONS:
        if lesson.page and lesson.page not in seen:
            title = MENU_TITLES.get(lesson.page, f"lesson.{lesson.key}.title")
            seen[lesson.page] = (lesson.page, title, lesson.icon)
    return list(seen.values())
