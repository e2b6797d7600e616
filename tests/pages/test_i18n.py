"""Plural forms and numbers as each language writes them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support.apptest import read_number
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


def test_a_plural_field_takes_the_form_of_its_number_as_printed():
    text = "в {factor:.3g} {factor:plural:раз|раза|раз}"
    assert _Formatter("ru").format(text, factor=2953.7) == "в 2950 раз"
    assert _Formatter("ru").format(text, factor=2.04) == "в 2,04 раза"


def test_strings_and_booleans_are_left_as_they_are():
    assert _Formatter("ru").format("{name} {flag}", name="Adam-W 0.5", flag=True) == "Adam-W 0.5 True"


@given(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([".3g", ".4g", "g", ".2e", ".6f", ""]),
       st.sampled_from(["en", "ru"]))
def test_a_localised_number_is_never_in_e_notation_and_reads_back_as_the_same_value(value, spec, language):
    printed = format(value, spec)
    text = localised(printed, language)
    assert "e" not in text and "-" not in text
    if language == "ru":
        assert "." not in text
    assert read_number(text, language) == pytest.approx(float(printed), rel=1e-12)


@pytest.mark.parametrize(("printed", "english", "russian"), [
    ("6.89e+03", "6890", "6890"), ("1.662e+07", "1.662×10⁷", "1,662·10⁷"), ("-6.2e-07", "−6.2×10⁻⁷", "−6,2·10⁻⁷"),
    ("16384", "16,384", "16\u00a0384"), ("1e+06", "10⁶", "10⁶"), ("0.5", "0.5", "0,5"), ("1e-05", "10⁻⁵", "10⁻⁵"),
    ("2.95e+03", "2950", "2950"), ("1.00e-03", "0.00100", "0,00100"),
])
def test_numbers_as_the_issue_writes_them(printed, english, russian):
    assert (localised(printed, "en"), localised(printed, "ru")) == (english, russian)


def test_tables_write_russian_numbers_with_a_comma_and_a_minus_sign():
    html = table_html([Column("x", [-0.25, 1e-6], ".3g")], language_code="ru")
    assert "−0,25" in html and "10⁻⁶" in html
    assert "-0.25" in table_html([Column("x", [-0.25], ".3g")]).replace("−", "-")


def test_a_table_cell_written_by_a_function_is_not_localised_twice():
    from ui.tables import cell_text
    assert cell_text(-0.445, lambda value: localised(format(value, ".3g"), "ru"), "ru") == "−0,445"
    assert cell_text(-0.445, ".3g", "ru") == "−0,445"


def test_a_size_keeps_its_times_sign_and_a_power_of_ten_takes_the_dot_in_russian():
    assert localised("4×3", "ru") == "4×3"
    assert localised("1.5e-05", "ru") == "1,5·10⁻⁵"
