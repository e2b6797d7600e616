"""Every text of the catalog keeps to the glossary (``docs/glossary.md``): no Russian text breaks a rule of its table
"Ruled out" (one test listing every text and the rules it breaks), and no text in either language writes
e-notation."""

from support.glossary import e_notation, ruled_out
from ui.catalog import CATALOG, LANGUAGES

RULES = ruled_out()


def test_the_glossary_has_its_rules():
    assert len(RULES) >= 30
    decimal_point = next(rule for rule in RULES if rule.offends("0.5"))
    assert not decimal_point.offends("`lr=0.5` и [ссылка](?lr=0.5)")


def test_no_russian_text_breaks_a_rule_of_the_glossary():
    found = {f"`{rule.pattern.pattern}` (write {rule.instead})": keys for rule in RULES
             if (keys := sorted(key for key, texts in CATALOG.items() if rule.offends(texts["ru"])))}
    assert not found, "texts breaking the glossary, by rule:\n" + "\n".join(f"{rule}: {keys}"
                                                                           for rule, keys in found.items())


def test_the_patterns_catch_what_they_rule_out():
    samples = {"функция потерь и потери": 1, "поверхность функции потерь": 0, "ошибка на валидации": 1,
               "например, пример": 1, "примерно": 0, "нормализация и батч-нормализация": 1, "в 6,89e+03 раза": 1}
    wrong = {text: (sum(rule.offends(text) for rule in RULES), expected) for text, expected in samples.items()
             if sum(rule.offends(text) for rule in RULES) != expected}
    assert not wrong, f"(rules broken, expected) for each sample: {wrong}"


def test_no_text_writes_e_notation():
    found = sorted(f"{key} ({language})" for key, texts in CATALOG.items() for language in LANGUAGES
                   if e_notation(texts[language]))
    assert not found, f"write numbers through ui.numbers, never as 1e-05: {found}"
