"""Language of the session, lookup in the text catalog, plural forms and numbers as each language writes them.

A text may hold format fields, filled by ``t(key, **values)``:

- a number field (``{gap:.3g}``) is written in the language's style (``ui.numbers.in_language``): in Russian with a
  decimal comma and a true minus sign (``0,25``, ``−1,5``), in English with a point (``0.25``, ``−1.5``); never in
  e-notation (``6,89·10⁻⁷``, and ``6890`` where ``:.3g`` would print ``6.89e+03``), thousands grouped from five
  digits (``16 384``);
- a plural field picks the word form for a count: ``{steps:plural:step|steps}`` in English (one, other),
  ``{steps:plural:шаг|шага|шагов}`` in Russian (one, few, many), so "1 шаг, 2 шага, 5 шагов, 21 шаг".
"""

from __future__ import annotations

import string

import streamlit as st

from ui.catalog import CATALOG, LANGUAGES
from ui.numbers import in_language, latex_in_language, number

LANGUAGE_KEY = "lang"
PLURAL = "plural:"


def language() -> str:
    """The language chosen in the sidebar (bound to ``?lang=``), English by default."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    return chosen if chosen in LANGUAGES else LANGUAGES[0]


def plural_form(count: float, language_code: str) -> int:
    """Which form a count takes: English 0 (one) or 1 (other); Russian 0 (one: 1, 21, 101), 1 (few: 2-4, 22-24)
    or 2 (many: 0, 5-20, 11-14, 25); a fraction takes the Russian "few" form (2,5 раза) and English "other"."""
    whole = float(count).is_integer()
    if language_code == "ru":
        if not whole:
            return 1
        value = abs(int(count))
        if value % 10 == 1 and value % 100 != 11:
            return 0
        return 1 if 2 <= value % 10 <= 4 and not 12 <= value % 100 <= 14 else 2
    return 0 if whole and abs(count) == 1 else 1


def localised(text: str, language_code: str) -> str:
    """A number as Python prints it (a point, a hyphen-minus, maybe ``e+03``) in the language's style
    (``ui.numbers.in_language``)."""
    return in_language(text, language_code)


class _Formatter(string.Formatter):
    """Fills number and plural fields (see the module). A plural field takes the form of its number as the text
    prints it: ``{factor:.3g} {factor:plural:раз|раза|раз}`` of 2953.7 reads «2950 раз», not «2950 раза»."""

    def __init__(self, language_code: str):
        self.language = language_code
        self.printed: dict[str, float] = {}
        self.field = ""

    def vformat(self, format_string, args, kwargs):
        self.printed = {}
        for _, name, spec, _ in self.parse(format_string):
            if name in kwargs and spec and not spec.startswith(PLURAL) and _is_number(kwargs[name]):
                try:
                    self.printed[name] = float(format(kwargs[name], spec))
                except ValueError:  # a percent or another spec that prints no plain number: the value itself
                    pass
        return super().vformat(format_string, args, kwargs)

    def get_field(self, field_name, args, kwargs):
        self.field = field_name
        return super().get_field(field_name, args, kwargs)

    def format_field(self, value, spec: str) -> str:
        if spec.startswith(PLURAL):
            forms = spec[len(PLURAL):].split("|")
            try:
                return forms[plural_form(self.printed.get(self.field, float(value)), self.language)]
            except ValueError:  # not a number: the form for many
                return forms[-1]
        if not _is_number(value):
            return super().format_field(value, spec)
        return localised(super().format_field(value, spec), self.language)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def fill(text: str, language_code: str, **values) -> str:
    """``text`` of the language ``language_code`` with its fields filled from ``values`` (see the module): for
    figure builders, which get their texts already looked up."""
    return _Formatter(language_code).format(text, **values)


def t(key: str, **values) -> str:
    """The text ``key`` in the current language, with its fields filled from ``values`` (see the module)."""
    code = language()
    text = CATALOG[key][code]
    return fill(text, code, **values) if values else text


def num(value: float, digits: int = 3) -> str:
    """``ui.numbers.number`` in the current language's style: ``3,1·10⁻¹²`` in Russian."""
    return number(value, digits, language())


def latex(expression: str) -> str:
    """LaTeX with its numbers in the current language's style (``0{,}5`` in Russian), for ``st.latex``."""
    return latex_in_language(expression, language())
