"""The course: its lessons in order, and the folder (if any) whose page teaches each one.

Every lesson with a page is a folder here, ``pages/<folder>/``, holding its page script
(``page.py``), its texts (``text.py``) and whatever else only that lesson uses; lessons never import
each other. ``app.py`` builds the navigation from this list and the home page draws its lesson map
from it, so a new page is added in one place. A lesson whose ``folder`` is ``None`` is shown as coming.

A page script keeps only imports, constants and functions at module level and draws itself in ``render()``:
a session keeps the module of its last run alive through the widgets' callbacks until the session expires,
minutes after its tab closed, so values computed at module level stayed in memory with every closed session.
A section whose controls only it reads is an ``st.fragment`` defined in ``render()``: it draws its controls into
its group of the sidebar (``ui.classroom.controls_group``) and its body in place, so moving one of them reruns that
section alone (a fraction of the page's work for the server); controls other sections read stay in the full run.

The only files directly in ``pages/`` are one two-line entry per lesson URL path (``pages/<url_path>.py``),
needed on a server's first session only (see ``ui.frame.enter_through_the_frame``).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

from ui import catalog


@dataclass(frozen=True)
class Lesson:
    key: str  # text keys: lesson.<key>.title and lesson.<key>.line
    folder: str | None  # the folder under pages/ whose page teaches it, or None while it is being written
    icon: str
    query: tuple[tuple[str, str], ...] = ()  # where on its page the lesson starts, e.g. a section of a shared page

    @property
    def script(self) -> str | None:
        """The page script, relative to the app's folder (what ``st.Page`` and ``st.page_link`` take)."""
        return f"pages/{self.folder}/page.py" if self.folder else None


@dataclass(frozen=True)
class CoursePage:
    """A page of the menu: its script, URL path (kept stable: shared links point at it), title key and icon."""

    script: str
    url_path: str
    title_key: str
    icon: str


HOME = CoursePage("pages/home/page.py", "", "home.menu", ":material/home:")

LESSONS = (
    Lesson("activations", "activations", ":material/show_chart:"),
    Lesson("initialization", "initialization", ":material/casino:"),
    Lesson("feature_scaling", "feature_scaling", ":material/straighten:"),
    Lesson("batch_norm", "batch_norm", ":material/equalizer:"),
    Lesson("dropout", "dropout", ":material/grain:"),
    Lesson("learning_rate", "optimizer_lab", ":material/speed:", (("lab_section", "learning_rate"),)),
    Lesson("sgd", "optimizer_lab", ":material/shuffle:", (("lab_section", "sgd"),)),
    Lesson("adam", "optimizer_lab", ":material/rocket_launch:", (("lab_section", "race"),)),
    Lesson("backprop", "backprop", ":material/account_tree:"),
)

# A page that teaches several lessons is named for itself in the menu, not after its first lesson.
MENU_TITLES = {"optimizer_lab": "optimizer_lab.menu"}

# Pages that are no lesson of the course, in the menu after the lessons: the network playground, where everything the
# module teaches is a control of one training.
AFTER_LESSONS = (CoursePage("pages/playground/page.py", "playground", "playground.menu", ":material/science:"),)


def lesson_pages() -> list[CoursePage]:
    """The menu's lesson pages in the course's order, each page once, then the pages after the lessons."""
    seen: dict[str, CoursePage] = {}
    for lesson in LESSONS:
        if lesson.folder and lesson.folder not in seen:
            title = MENU_TITLES.get(lesson.folder, f"lesson.{lesson.key}.title")
            seen[lesson.folder] = CoursePage(lesson.script, lesson.folder, title, lesson.icon)
    return [*seen.values(), *AFTER_LESSONS]


def lesson_folders() -> list[str]:
    """The lesson folders under ``pages/`` (each a package with its page script and texts)."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if info.ispkg)


for _folder in lesson_folders():  # the lessons' texts, handed to the catalog (ui knows no lesson)
    catalog.add_lesson_texts(_folder, importlib.import_module(f"{__name__}.{_folder}.text").TEXT)
