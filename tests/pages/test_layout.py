"""The layout: one folder per lesson, a shared kit that knows no lesson, and lessons that never import each other."""

import ast
from pathlib import Path

import pytest

import pages
from ui.catalog import lesson_folders

ROOT = Path(__file__).resolve().parents[2]
LESSON_WORDS = {lesson.key for lesson in pages.LESSONS} | set(lesson_folders())


def imported_modules(path: Path):
    """Every absolute module name ``path`` imports (``from a.b import c`` gives ``a.b`` and ``a.b.c``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_every_lesson_page_lives_in_its_own_folder():
    for page in pages.lesson_pages():
        folder = ROOT / "pages" / page.url_path
        assert (folder / "page.py").is_file() and (folder / "text.py").is_file(), folder


@pytest.mark.parametrize("path", sorted((ROOT / "ui").rglob("*.py")), ids=lambda path: str(path.relative_to(ROOT)))
def test_the_shared_kit_names_no_lesson(path):
    assert not any(word in path.stem for word in LESSON_WORDS), f"{path.name} names a lesson"
    lesson_imports = [name for name in imported_modules(path)
                      if name.startswith("pages.") and name.split(".")[1] in lesson_folders()]
    assert not lesson_imports, f"{path.name} imports a lesson: {lesson_imports}"


@pytest.mark.parametrize("lesson", lesson_folders())
def test_lessons_never_import_each_other(lesson):
    others = set(lesson_folders()) - {lesson}
    for path in (ROOT / "pages" / lesson).rglob("*.py"):
        sideways = [name for name in imported_modules(path) if name.split(".")[:2][-1] in others
                    and name.startswith("pages.")]
        assert not sideways, f"{path.relative_to(ROOT)} imports another lesson: {sideways}"


def test_directly_in_pages_only_the_course_list_and_one_entry_per_lesson_url():
    """``pages/<url_path>.py`` exists for every lesson page and does nothing but hand over to the frame
    (Streamlit's legacy discovery runs it on a server's first session; see ``ui.frame``)."""
    entries = {path.stem for path in (ROOT / "pages").glob("*.py")} - {"__init__"}
    assert entries == {page.url_path for page in pages.lesson_pages()}
    for stem in entries:
        tree = ast.parse((ROOT / "pages" / f"{stem}.py").read_text(encoding="utf-8"))
        calls = [node.value.func.id for node in tree.body if isinstance(node, ast.Expr)
                 and isinstance(node.value, ast.Call)]
        assert calls == ["enter_through_the_frame"], stem


def test_no_test_module_imports_another():
    for path in (ROOT / "tests").rglob("test_*.py"):
        imported = [name for name in imported_modules(path) if name.split(".")[0].startswith(("test_", "conftest"))]
        assert not imported, f"{path.name} imports {imported}"
