"""The Russian texts read as the course writes them (docs/glossary.md): one term per idea, plural forms for counts."""

import re

import pytest

from ui.catalog import CATALOG

RUSSIAN = {key: texts["ru"] for key, texts in CATALOG.items()}
# Words the glossary rules out, and why.
FORBIDDEN = {
    "отрыв": "L − L* is «разрыв до минимума»",
    "пачк": "a batch is «батч»",
    "пакет": "a batch is «батч»",
    "затухание весов": "weight decay is «L2-регуляризация (weight decay)»",
    "скорость затухания": "«скорость» is the learning rate only",
    "скорость убывания": "«скорость» is the learning rate only",
    "в нуле?": "say «центрирована»",
    "стопка слоёв": "say «последовательность слоёв» or «сеть из … слоёв»",
}
COUNTS = ("steps", "depth", "width", "batch", "units", "runs", "rounds", "cells", "seeds")


@pytest.mark.parametrize("word", sorted(FORBIDDEN))
def test_no_russian_text_uses_a_word_the_glossary_rules_out(word):
    found = sorted(key for key, text in RUSSIAN.items() if word in text.lower())
    assert not found, f"{FORBIDDEN[word]}: {found}"


def test_a_count_followed_by_its_noun_takes_the_plural_form_of_its_number():
    pattern = re.compile(r"\{(" + "|".join(COUNTS) + r")\}\s+[А-Яа-яЁё]")
    found = sorted(key for key, text in RUSSIAN.items() if pattern.search(text))
    assert not found, f"use {{n}} {{n:plural:one|few|many}} in: {found}"


def test_every_plural_field_has_three_russian_forms_and_two_english_ones():
    for key, texts in CATALOG.items():
        for language, forms in (("ru", 3), ("en", 2)):
            for spec in re.findall(r"\{\w+:plural:([^}]*)\}", texts[language]):
                assert len(spec.split("|")) == forms, (key, language, spec)
