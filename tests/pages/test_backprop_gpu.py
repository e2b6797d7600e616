"""Lesson 9 names BLAS and cuBLAS: the backprop page says what a GPU's BLAS changes, in both languages, and that
nothing on this server measures a GPU (no fake figure)."""

from support.apptest import assert_clean, open_page


def test_the_gpu_remark_is_on_the_page_in_both_languages():
    for language, words in (("en", ("cuBLAS", "no GPU")), ("ru", ("cuBLAS", "видеокарты нет"))):
        app = open_page("pages/backprop/page.py", lang=language)
        assert_clean(app)
        text = " ".join(element.value for element in app.markdown)
        assert all(word in text for word in words), language
