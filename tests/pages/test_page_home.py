"""The app's frame and home page in AppTest, and the text catalog."""

from pathlib import Path

from pages import LESSONS
from support.apptest import assert_clean, open_page
from ui.catalog import CATALOG

ROOT = Path(__file__).resolve().parents[2]


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
    assert len(coming) == sum(lesson.script is None for lesson in LESSONS)
    links = app.get("page_link")
    assert len(links) == sum(lesson.script is not None for lesson in LESSONS)
    for lesson in LESSONS:
        if lesson.script:
            assert (ROOT / lesson.script).is_file()


def test_home_page_in_russian():
    app = open_page(lang="ru")
    assert_clean(app)
    assert app.title[0].value.startswith("Лаборатория оптимизаторов: как учатся")
    assert app.segmented_control(key="lang").value == "ru"


def test_switching_language_rewrites_the_page():
    app = open_page()
    app.segmented_control(key="lang").set_value("ru").run()
    assert_clean(app)
    assert "Уроки" in [header.value for header in app.subheader]


def test_the_cards_of_lessons_6_7_and_8_open_their_own_section():
    sections = {lesson.key: dict(lesson.query).get("lab_section") for lesson in LESSONS}
    assert (sections["learning_rate"], sections["sgd"], sections["adam"]) == ("learning_rate", "sgd", "race")
    app = open_page()
    assert_clean(app)
    queries = [link.proto.query_string for link in app.get("page_link") if link.proto.page == "optimizer_lab"]
    assert queries == ["lab_section=learning_rate", "lab_section=sgd", "lab_section=race"]
