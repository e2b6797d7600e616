"""The Russian texts read as the course writes them (docs/glossary.md): the learning rate alone is «скорость»,
plural forms for counts, numbers as Russian writes them, and no English left in the Russian UI. Each rule is one
test that lists every text breaking it; the words the glossary rules out are in ``test_glossary.py``."""

import re

from ui.catalog import CATALOG, LANGUAGES

RUSSIAN = {key: texts["ru"] for key, texts in CATALOG.items()}

# «скорость» with a word of momentum, of a schedule's decay or of weight decay nearby, and not «скорость обучения».
VELOCITY = re.compile(r"скорост\w*\b(?!\s+обучения)(?=.{0,40}(момент|инерц|затуха|убыва))"
                      r"|(момент|инерц|затуха|убыва)\w*.{0,40}скорост\w*\b(?!\s+обучения)", re.IGNORECASE | re.DOTALL)
LEARNING_RATE = re.compile(r"скорост\w*\b(?!\s+обучения)", re.IGNORECASE)
CONDITION = re.compile(r"(?<!число )(?<!числа )обусловленност", re.IGNORECASE)
# A field that prints a number in the language's style, and what may follow one without a plural form.
NUMBER_FIELD = re.compile(r"\{(\w+)(?::[^}:]*)?\}")
COUNT_BEFORE_WORD = re.compile(r"\{(\w+)(?::[.,\d]*[dgf]?)?\}\s+([А-Яа-яЁё]+)")
# Fields that hold no count: a parameter (α, the bias b) or a share written with its percent sign («для 50% входов»).
NOT_COUNTS = {"alpha", "shift", "dead", "share", "never", "threads_note"}
DECIMALS = re.compile(r"\{\w+:\.[1-9]f\}")  # "9,8 раза": a number written with decimals takes the form for "few"
NOT_A_NOUN = {  # prepositions, conjunctions, comparatives and units: they take no plural form
    "от", "из", "до", "на", "в", "во", "и", "или", "а", "по", "при", "с", "со", "к", "за", "для", "у", "о", "об",
    "выше", "ниже", "больше", "меньше", "дольше", "нс", "мс", "раньше", "позже", "—", "гфлоп", "мфлоп",
}
FORMATTED_FIELD = re.compile(r"\{\w+:[^}]*[.\d][^}]*\}")
# Latin words a Russian text may hold: names of methods, functions, libraries and people, units, maths.
LATIN_ALLOWED = {
    "GD", "SGD", "MSE", "ReLU", "Leaky", "ELU", "ELUs", "GELU", "SiLU", "Swish", "Softplus", "tanh", "Momentum",
    "Nesterov", "AdaGrad", "RMSProp", "Adam", "AdamW", "NumPy", "Python", "PyTorch", "GPU", "CPU", "BLAS", "CSV",
    "RMS", "CS231n", "LeCun", "Xavier", "Clevert", "Unterthiner", "Hochreiter", "erf", "max", "min", "log", "exp",
    "cos", "Optimizer", "Lab", "Dropout", "dropout", "Var", "Glorot", "Bengio", "XOR", "Out",
    "dOut", "reshape", "AVX2", "AVX", "512", "Keras", "TensorFlow", "momentum", "cuBLAS", "NVIDIA",
}
# Parts of a text that are not Russian prose: formulas, code, links, format fields, the English term the glossary
# gives once in brackets.
NOT_PROSE = re.compile(r"\$[^$]*\$|`[^`]*`|\[[^\]]*\]\([^)]*\)|\{[^}]*\}|https?://\S+|\?\w+=\w*"
                       r"|\((weight decay|learning rate)\)|<su[bp]>[^<]*</su[bp]>|<[^>]+>|p_(drop|keep)")


def test_the_skorost_checks_tell_the_learning_rate_from_other_rates():
    assert VELOCITY.search("Momentum хранит скорость b, и инерция её копит")
    assert VELOCITY.search("скорость затухания γ")
    assert not VELOCITY.search("инерция позволяет поднять скорость обучения почти вдвое")
    assert LEARNING_RATE.search("темп: скорость можно менять на ходу")
    assert not LEARNING_RATE.search("при четырёх скоростях обучения")


def test_no_velocity_or_decay_rate_is_called_skorost():
    found = sorted(key for key, text in RUSSIAN.items() if VELOCITY.search(text))
    assert not found, f"«скорость» is the learning rate only («накопленный градиент b», «множитель γ»): {found}"


def test_skorost_is_the_learning_rate_and_nothing_else():
    """Every «скорость» is «скорость обучения» (playback has a «темп», ReLU a «быстрота»)."""
    found = sorted(key for key, text in RUSSIAN.items() if LEARNING_RATE.search(text))
    assert not found, f"«скорость» other than «скорость обучения»: {found}"


def test_the_condition_number_is_called_by_its_full_name():
    found = sorted(key for key, text in RUSSIAN.items() if CONDITION.search(text))
    assert not found, "say «число обусловленности»"


def test_a_count_followed_by_its_noun_takes_the_plural_form_of_its_number():
    counts = ("steps", "depth", "width", "batch", "units", "runs", "rounds", "cells", "seeds")
    pattern = re.compile(r"\{(" + "|".join(counts) + r")\}\s+[А-Яа-яЁё]")
    found = sorted(key for key, text in RUSSIAN.items() if pattern.search(text))
    assert not found, f"use {{n}} {{n:plural:one|few|many}} in: {found}"


def test_every_number_followed_by_a_noun_takes_a_plural_field():
    """``{n} шагов`` reads «1 шагов»: a field followed by a word other than a preposition or a unit is followed by
    the plural field of the same number, ``{n} {n:plural:шаг|шага|шагов}``."""
    found = {key: bare_counts(text) for key, text in RUSSIAN.items() if bare_counts(text)}
    assert not found, f"(field, word) of counts without a plural field: {found}"


def bare_counts(text: str) -> list[tuple[str, str]]:
    """(field, word) of every count field followed by a word that would need the count's plural form."""
    text = DECIMALS.sub("9,5", text)
    return [(field, word) for field, word in COUNT_BEFORE_WORD.findall(text)
            if word.lower() not in NOT_A_NOUN and field not in NOT_COUNTS]


def test_the_check_for_plural_fields_catches_a_bare_count():
    text = "после {steps} шагов, в {ratio:g} раза, в {ratio:.1f} раза, на {gap} выше, {n} {n:plural:шаг|шага|шагов}"
    assert bare_counts(text) == [("steps", "шагов"), ("ratio", "раза")]


def test_every_plural_field_has_three_russian_forms_and_two_english_ones():
    found = sorted((key, language, spec) for key, texts in CATALOG.items() for language, forms in (("ru", 3), ("en", 2))
                   for spec in re.findall(r"\{\w+:plural:([^}]*)\}", texts[language]) if len(spec.split("|")) != forms)
    assert not found, f"(key, language, forms) of plural fields with the wrong number of forms: {found}"


def test_no_formatted_number_is_written_next_to_a_hyphen():
    """A number field prints a true minus sign (−0,25); a hyphen-minus beside it reads as a second, different sign
    (``-{x:.3g}``) or glues a word to the number (``{x:.3g}-кратный``)."""
    found = sorted(f"{key} ({language})" for key, texts in CATALOG.items() for language in LANGUAGES
                   for field in FORMATTED_FIELD.finditer(texts[language])
                   if texts[language][field.end():field.end() + 1] == "-"
                   or texts[language][max(field.start() - 1, 0):field.start()] == "-")
    assert not found, f"a hyphen beside a number field: {found}"


def english_words(text: str) -> list[str]:
    prose = NOT_PROSE.sub(" ", text)
    return [word for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", prose)
            if len(re.sub(r"\d", "", word)) >= 3 and word not in LATIN_ALLOWED]


def test_no_english_word_in_a_russian_text():
    found = {key: english_words(text) for key, text in RUSSIAN.items() if english_words(text)}
    assert not found, f"English words in Russian texts: {found}"


def test_the_english_word_check_sees_through_formulas_and_links_only():
    text = "шаг $\\eta\\,g_t$ по `plot_gd(lr=0.1)` ([Clevert, ELUs](https://arxiv.org)) (?present=1) at the step"
    prose = NOT_PROSE.sub(" ", text)
    assert re.findall(r"[A-Za-z]{3,}", prose) == ["the", "step"]


def test_coordinates_with_a_decimal_comma_are_separated_by_a_semicolon():
    """(3, 0.5) becomes (3; 0,5) in Russian: "(3, 0,5)" would be read as three numbers."""
    pair = re.compile(r"\(\s*[−-]?\d+(?:,\d+)?\s*,\s*[−-]?\d+,\d+\s*\)|\(\s*[−-]?\d+,\d+\s*,\s*[−-]?\d")
    found = sorted(key for key, text in RUSSIAN.items() if pair.search(NOT_PROSE.sub(" ", text)))
    assert not found, f"write (3; 0,5): {found}"
