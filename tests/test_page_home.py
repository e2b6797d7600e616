"""The app's frame and home page in AppTest, and the text catalog."""

import ast
import re
from pathlib import Path

import pytest
from pages_helpers import assert_clean, open_page

from ui.catalog import CATALOG, LANGUAGES
from ui.lessons import LESSONS

ROOT = Path(__file__).resolve().parent.parent


def test_home_page_in_english_lists_the_lessons_in_course_order():
    app = open_page()
    assert_clean(app)
    assert app.title[0].value.startswith("Optimizer Lab")
    lesson_lines = [caption.value for caption in app.caption][1:]
    assert lesson_lines == [CATALOG[f"lesson.{lesson.key}.line"]["en"] for lesson in LESSONS]
    titles = [markdown.value for markdown in app.markdown if markdown.value.startswith("**")]
    assert titles == [f"**{n}. {CATALOG[f'lesson.{lesson.key}.title']['en']}**" for n, lesson in enumerate(LESSONS, 1)]


def test_lessons_without_a_page_are_marked_coming_not_linked():
    app = open_page()
    coming = [markdown.value for markdown in app.markdown if markdown.value == "*coming*"]
    assert len(coming) == sum(lesson.page is None for lesson in LESSONS)
    links = app.get("page_link")
    assert len(links) == sum(lesson.page is not None for lesson in LESSONS)
    for lesson in LESSONS:
        if lesson.page:
            assert (ROOT / lesson.page).is_file()


def test_home_page_in_russian():
    app = open_page(lang="ru")
    assert_clean(app)
    assert app.title[0].value.startswith("Optimizer Lab: как учатся")
    assert app.segmented_control(key="lang").value == "ru"


def test_switching_language_rewrites_the_page():
    app = open_page()
    app.segmented_control(key="lang").set_value("ru").run()
    assert_clean(app)
    assert "Уроки" in [header.value for header in app.subheader]


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_text_exists_in_every_language(key):
    for language in LANGUAGES:
        assert CATALOG[key].get(language, "").strip(), f"{key} has no {language} text"
    fields = {language: set(re.findall(r"(?<!\{)\{(\w+)", CATALOG[key][language])) for language in LANGUAGES}
    assert fields["en"] == fields["ru"], f"{key}: the translations fill different fields"


def used_text_keys():
    """Every literal key passed to t(...) in the app's code (f-string keys are checked where they are built)."""
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                if isinstance(node.args[0], ast.Constant):
                    yield path.name, node.args[0].value


def test_every_text_key_used_in_the_code_exists():
    missing = [(name, key) for name, key in used_text_keys() if key not in CATALOG]
    assert not missing


def test_names_bound_to_the_url_do_not_depend_on_the_language():
    """A bound choice is written to the URL as its label; a link must work in either language."""
    for key, texts in CATALOG.items():
        if key.startswith("optimizer."):
            assert len(set(texts.values())) == 1, key
