"""The layout: one folder per lesson, a shared kit that knows no lesson, and lessons that never import each other."""

import ast
from pathlib import Path

import pages
from pages import lesson_folders

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
    incomplete = [page.url_path for page in pages.lesson_pages()
                  if not ((ROOT / "pages" / page.url_path / "page.py").is_file()
                          and (ROOT / "pages" / page.url_path / "text.py").is_file())]
    assert not incomplete, f"pages without their folder, page.py and text.py: {incomplete}"


def test_the_shared_kit_names_no_lesson():
    named = [str(path.relative_to(ROOT)) for path in sorted((ROOT / "ui").rglob("*.py"))
             if any(word in path.stem for word in LESSON_WORDS)]
    assert not named, f"files of the shared kit named after a lesson: {named}"


def test_the_shared_kit_imports_no_lesson():
    found = {str(path.relative_to(ROOT)): lesson_imports for path in sorted((ROOT / "ui").rglob("*.py"))
             if (lesson_imports := [name for name in imported_modules(path)
                                    if name.startswith("pages.") and name.split(".")[1] in lesson_folders()])}
    assert not found, f"the shared kit imports a lesson: {found}"


def test_lessons_never_import_each_other():
    found = {}
    for lesson in lesson_folders():
        others = set(lesson_folders()) - {lesson}
        for path in sorted((ROOT / "pages" / lesson).rglob("*.py")):
            sideways = [name for name in imported_modules(path)
                        if name.startswith("pages.") and name.split(".")[:2][-1] in others]
            if sideways:
                found[str(path.relative_to(ROOT))] = sideways
    assert not found, f"lessons importing another lesson: {found}"


def test_directly_in_pages_only_the_course_list_and_one_entry_per_lesson_url():
    """``pages/<url_path>.py`` exists for every lesson page and does nothing but hand over to the frame
    (Streamlit's legacy discovery runs it on a server's first session; see ``ui.frame``)."""
    entries = {path.stem for path in (ROOT / "pages").glob("*.py")} - {"__init__"}
    assert entries == {page.url_path for page in pages.lesson_pages()}
    doing_more = []
    for stem in sorted(entries):
        tree = ast.parse((ROOT / "pages" / f"{stem}.py").read_text(encoding="utf-8"))
        calls = [node.value.func.id for node in tree.body if isinstance(node, ast.Expr)
                 and isinstance(node.value, ast.Call)]
        if calls != ["enter_through_the_frame"]:
            doing_more.append(f"pages/{stem}.py calls {calls}")
    assert not doing_more, f"an entry only calls enter_through_the_frame(): {doing_more}"


def test_no_test_module_imports_another():
    found = {str(path.relative_to(ROOT)): imported for path in sorted((ROOT / "tests").rglob("test_*.py"))
             if (imported := [name for name in imported_modules(path)
                              if name.split(".")[0].startswith(("test_", "conftest"))])}
    assert not found, f"test modules importing another (shared pieces belong in tests/support): {found}"
