"""A live class, with the server's own store (one process, as one server runs a class): students follow the
teacher's page and settings, answer a question the teacher reveals for everyone, step out and back; a wrong code or
a wrong teacher token changes nothing and says so; an unreachable store leaves every page working.

Each AppTest here is one browser session of the same server process, so they share the in-process store."""

from __future__ import annotations

import json
import logging
import socket
from urllib.parse import parse_qsl

import pytest

from support.apptest import assert_clean, open_page
from ui import class_store, live_class

PAGE = "pages/feature_scaling/page.py"


def start_class(page: str | None = None, **query: str):
    teacher = open_page(page, **query)
    next(button for button in teacher.button if button.key == "_class_start_button").click().run()
    assert_clean(teacher)
    return teacher, teacher.session_state[live_class.CODE]


def leaving(app) -> list[str]:
    return [element.proto.body for element in app.get("html") if "location.replace" in element.proto.body]


def followed(student):
    """The student's page after its next check (a run, unless its last run is already leaving); when it leaves for
    the teacher's address (as its browser would), the fresh session the browser opens there."""
    if not leaving(student):
        student.run()
    assert_clean(student)
    if not leaving(student):
        return student
    address = json.loads(leaving(student)[-1].split("replace(", 1)[1].rsplit(");", 1)[0])
    path, _, search = address.partition("?")
    query = {}
    for key, value in parse_qsl(search):
        query.setdefault(key, []).append(value)
    page = path.strip("/")
    fresh = open_page(f"pages/{page}/page.py" if page else None,
                      **{key: values if len(values) > 1 else values[0] for key, values in query.items()})
    assert_clean(fresh)
    return fresh


def shown_text(app) -> str:
    kinds = ("markdown", "caption", "code", "info", "success", "warning", "error", "text")
    return " ".join(str(element.value) for kind in kinds for element in getattr(app, kind))


def shared(app) -> dict[str, str]:
    return {key: value for key, value in dict(app.query_params).items() if key not in ("class", "teacher")}


def test_a_student_follows_the_teachers_page_and_settings_and_never_sees_the_token():
    teacher, code = start_class()
    token = teacher.query_params[live_class.TEACHER_KEY]
    assert len(token) >= 22  # at least 128 bits, URL-safe base 64
    assert code in shown_text(teacher) and f"?class={code}" in shown_text(teacher)
    student = open_page(None, **{"class": code})
    assert_clean(student)
    assert student.session_state[live_class.FOLLOWING]
    assert followed(student) is student  # the teacher is where the student is: nothing to take

    teacher.switch_page(PAGE).run()
    student = followed(student)
    assert student.title[0].value == teacher.title[0].value

    teacher.select_slider(key="lr").set_value(0.5).run()
    teacher.select_slider(key="x_scale").set_value(5.0).run()
    student = followed(student)
    assert student.select_slider(key="lr").value == 0.5 and student.select_slider(key="x_scale").value == 5.0
    assert dict(student.query_params) == {**shared(teacher), "class": code}
    assert token not in shown_text(student) and token not in str(dict(student.query_params))
    assert followed(student) is student  # arrived: it stays


def test_a_student_keeps_their_own_language_and_never_takes_presenter_mode():
    teacher, code = start_class(None, present="1")
    student = open_page(None, **{"class": code, "lang": "ru"})
    teacher.switch_page(PAGE).run()
    student = followed(student)
    assert student.query_params.get("lang") == "ru" and "present" not in student.query_params
    assert "признак" in student.title[0].value.lower()


def test_exploring_stops_following_and_rejoining_takes_the_teachers_state_again():
    teacher, code = start_class(PAGE)
    student = followed(open_page(None, **{"class": code}))
    next(button for button in student.button if button.key == "_class_explore").click().run()
    teacher.select_slider(key="lr").set_value(0.5).run()
    assert followed(student) is student and student.select_slider(key="lr").value != 0.5
    next(button for button in student.button if button.key == "_class_rejoin").click()
    student = followed(student)
    assert student.select_slider(key="lr").value == 0.5


def test_the_class_answers_and_the_teacher_reveals_for_everyone():
    teacher, code = start_class(PAGE, predict="true")
    students = [followed(open_page(None, **{"class": code})) for _ in range(3)]
    for student, guess in zip(students, ("settles", "settles", "diverge"), strict=True):
        assert_clean(student)
        assert student.toggle(key="predict").value
        assert not student.checkbox  # no reveal of one's own while following
        student.radio[0].set_value(guess).run()
    teacher.run()
    assert_clean(teacher)
    assert "Answers so far: 3" in shown_text(teacher)
    bars = [json.loads(chart.proto.spec)["data"][0] for chart in teacher.get("plotly_chart")]
    tally = next(bar for bar in bars if bar.get("type") == "bar" and bar.get("orientation") == "h")
    assert dict(zip(tally["y"], tally["x"], strict=True)) == {"It settles at the minimum": 2, "It diverges": 1} or \
        sorted(tally["x"]) == [0, 1, 2][-len(tally["x"]):] or sum(tally["x"]) == 3
    next(button for button in teacher.button if button.key.startswith("_class_reveal_")).click().run()
    assert_clean(teacher)
    for student in students:
        assert followed(student) is student  # a reveal reruns the page in place
        said = shown_text(student)
        assert "Your prediction was right." in said or "the answer is" in said


def test_a_wrong_code_is_explained_and_the_page_works_on_its_own():
    app = open_page(None, **{"class": "ZZZZZZ"})
    assert_clean(app)
    assert any("There is no class with the code “ZZZZZZ”" in error.value for error in app.error)
    assert "class" not in app.query_params
    app.switch_page(PAGE).run()
    assert_clean(app)
    assert app.get("plotly_chart")
    assert open_page(None, **{"class": "<script>"}).error  # not a code at all: the same message, no crash


def test_a_wrong_teacher_token_joins_as_a_student_and_moves_nothing(caplog):
    teacher, code = start_class(PAGE)
    version = class_store.store().version(code)
    with caplog.at_level(logging.WARNING, logger="ui.class_store"):
        intruder = open_page(None, **{"class": code, "teacher": "guessed-token"})
    assert_clean(intruder)
    assert any("not valid" in warning.value for warning in intruder.warning)
    assert "teacher" not in intruder.query_params
    assert class_store.store().version(code) == version
    assert any("refused" in record.message for record in caplog.records)
    intruder = followed(intruder)  # on to the teacher's page, as a student
    intruder.select_slider(key="lr").set_value(0.5).run()  # a student's own move stays theirs
    assert_clean(intruder)
    assert class_store.store().state(code).query == {} and class_store.store().version(code) == version


def test_an_ended_class_lets_its_students_go_with_a_message():
    teacher, code = start_class(PAGE)
    student = followed(open_page(None, **{"class": code}))
    next(button for button in teacher.button if button.key == "_class_end_button").click().run()
    assert "class" not in teacher.query_params and "teacher" not in teacher.query_params
    student.run()
    assert_clean(student)
    assert any("ended the class" in info.value for info in student.info)


def test_a_class_idle_for_hours_has_ended():
    now = [0.0]
    store = class_store.MemoryStore(clock=lambda: now[0])
    code = store.create("token", "", {})
    now[0] += class_store.IDLE_SECONDS - 1
    assert store.publish(code, "token", "dropout", {})
    now[0] += class_store.IDLE_SECONDS - 1
    assert store.version(code) == 2
    now[0] += 2
    assert store.version(code) is None and store.state(code) is None


def test_wrong_codes_are_limited_per_client_right_ones_are_not():
    store = class_store.MemoryStore()
    for _ in range(class_store.JOINS_PER_MINUTE):
        assert store.may_join("client")
        store.wrong_code("client")
    assert not store.may_join("client") and store.may_join("another")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_store_leaves_every_page_working(monkeypatch):
    pytest.importorskip("redis")
    monkeypatch.setenv(class_store.STORE_ENV, f"redis://127.0.0.1:{closed_port()}/0")
    teacher = open_page(PAGE)
    next(button for button in teacher.button if button.key == "_class_start_button").click().run()
    assert_clean(teacher)
    assert any("cannot be reached" in warning.value for warning in teacher.warning)
    student = open_page(PAGE, **{"class": "ABCDEF"})
    assert_clean(student)
    assert any("cannot be reached" in warning.value for warning in student.warning)
    student.select_slider(key="lr").set_value(0.5).run()
    assert_clean(student)


def test_the_qr_code_is_an_image_of_the_join_link_with_its_words():
    image = live_class.qr_svg("http://school:8501/?class=ABC234")
    assert image.startswith('<img src="data:image/svg+xml')
    assert 'alt="QR code of the link http://school:8501/?class=ABC234"' in image
