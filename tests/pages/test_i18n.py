"""Plural forms and numbers as each language writes them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.i18n import _Formatter, localised, plural_form
from ui.tables import Column, table_html

RUSSIAN_STEPS = "шаг|шага|шагов"


@pytest.mark.parametrize(("count", "word"), [
    (0, "шагов"), (1, "шаг"), (2, "шага"), (4, "шага"), (5, "шагов"), (11, "шагов"), (12, "шагов"), (14, "шагов"),
    (20, "шагов"), (21, "шаг"), (22, "шага"), (25, "шагов"), (101, "шаг"), (111, "шагов"), (112, "шагов"),
    (1001, "шаг"), (16384, "шага"), (1.5, "шага"), (-1, "шаг"),
])
def test_russian_plural_forms(count, word):
    assert RUSSIAN_STEPS.split("|")[plural_form(count, "ru")] == word


@pytest.mark.parametrize(("count", "word"), [(0, "steps"), (1, "step"), (2, "steps"), (21, "steps"), (1.0, "step"),
                                             (1.5, "steps")])
def test_english_plural_forms(count, word):
    assert "step|steps".split("|")[plural_form(count, "en")] == word


def test_a_text_fills_plural_and_number_fields_in_the_language():
    russian = _Formatter("ru").format("после {n} {n:plural:шага|шагов|шагов}: {gap:.3g}, в {ratio:.3g} раза",
                                      n=1, gap=-0.0125, ratio=22.9)
    assert russian == "после 1 шага: −0,0125, в 22,9 раза"
    english = _Formatter("en").format("after {n} {n:plural:step|steps}: {gap:.3g}", n=20, gap=-0.0125)
    assert english == "after 20 steps: −0.0125"


def test_strings_and_booleans_are_left_as_they_are():
    assert _Formatter("ru").format("{name} {flag}", name="Adam-W 0.5", flag=True) == "Adam-W 0.5 True"


@given(st.floats(allow_nan=False, allow_infinity=False, width=32))
def test_localised_numbers_have_no_point_or_hyphen_in_russian(value):
    text = localised(format(value, ".4g"), "ru")
    assert "." not in text and "-" not in text
    assert float(text.replace(",", ".").replace("−", "-")) == float(format(value, ".4g"))


def test_tables_write_russian_numbers_with_a_comma_and_a_minus_sign():
    html = table_html([Column("x", [-0.25, 1e-6], ".3g")], language_code="ru")
    assert "−0,25" in html and "1e−06" in html
    assert "-0.25" in table_html([Column("x", [-0.25], ".3g")]).replace("−", "-")
