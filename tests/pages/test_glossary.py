"""Every text of the catalog keeps to the glossary (``docs/glossary.md``): one test per rule of its table
"Ruled out", listing every Russian text that breaks it; and no text in either language writes e-notation."""

import pytest

from support.glossary import Rule, e_notation, ruled_out
from ui.catalog import CATALOG

RULES = ruled_out()


def test_the_glossary_has_its_rules():
    assert len(RULES) >= 30
    decimal_point = next(rule for rule in RULES if rule.offends("0.5"))
    assert not decimal_point.offends("`lr=0.5` и [ссылка](?lr=0.5)")


@pytest.mark.parametrize("rule", RULES, ids=[f"rule{index:02d}" for index in range(len(RULES))])
def test_no_russian_text_breaks_a_rule_of_the_glossary(rule: Rule):
    found = sorted(key for key, texts in CATALOG.items() if rule.offends(texts["ru"]))
    assert not found, f"write {rule.instead}: {found}"


def test_the_patterns_catch_what_they_rule_out():
    samples = {"функция потерь и потери": 1, "поверхность функции потерь": 0, "ошибка на валидации": 1,
               "например, пример": 1, "примерно": 0, "нормализация и батч-нормализация": 1, "в 6,89e+03 раза": 1}
    for text, expected in samples.items():
        assert sum(rule.offends(text) for rule in RULES) == expected, text


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_text_writes_e_notation(language):
    found = sorted(key for key, texts in CATALOG.items() if e_notation(texts[language]))
    assert not found
