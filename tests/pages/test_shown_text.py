"""Every page, as a class sees it in Russian, writes its text as the glossary says (``docs/glossary.md``).

Each page is opened at its defaults, in each of its sections and from each of its experiment links
(``support.shown``); every string it shows (texts, option labels, metrics, tables, formulas, every string of every
chart) is checked. One test per rule and page (the glossary's table "Ruled out" is one rule), listing every offender;
that each of these states runs and sets what its link names is the page contract's (``test_page_contract.py``).
English is checked for e-notation at the defaults and sections (the numbers go through the same code in both
languages).
"""

from __future__ import annotations

import re

import pytest

from support.glossary import e_notation, ruled_out
from support.runs import run
from support.shown import PAGES, states

RULES = ruled_out()
# A chart number format that can print e-notation: d3's g, e and s types (Plotly writes 1.23e+3 for 1234 with .3g).
CHART_FORMAT = re.compile(r"%\{[^}:]*:[^}]*[gGeEs]\}")
CHART_FORMAT_KEYS = ("tickformat", "hoverformat", "valueformat")


def listed(items, rule=None) -> str:
    """The offending texts (the part that breaks ``rule``), each once, with how many states show it and the first."""
    by_text: dict[str, list] = {}
    for item in items:
        by_text.setdefault(rule.context(item.text) if rule else item.text, []).append(item)
    return "\n".join(f"{text[:200]!r} — {len(found)} time(s), first: {found[0].state} · {found[0].where}"
                     for text, found in sorted(by_text.items()))


def shown(page: str, language: str = "ru", only_defaults: bool = False):
    """Every string ``page`` shows in ``language``, over all its states (or its defaults and sections)."""
    for name, query in states(page).items():
        if only_defaults and name.startswith("experiment"):
            continue
        yield from run(page, query, language).texts


def test_the_reading_sees_every_kind_of_text():
    """What the rules read: option labels in the page's language, metrics, tables, formulas and chart strings."""
    kinds = {item.where.split(".")[0]: item.text for item in run("optimizer_lab", "", "ru").texts}
    wheres = {item.where for item in run("optimizer_lab", "", "ru").texts}
    assert {"select_slider", "markdown", "caption", "latex", "plotly_chart", "expander"} <= kinds.keys()
    assert any(item.text == "0,001" for item in run("optimizer_lab", "", "ru").texts)  # an option, as shown
    assert any(where.endswith("hovertemplate") for where in wheres)
    metrics = [item.text for item in run("feature_scaling", "", "ru").texts if "Число обусловленности κ" in item.text]
    assert metrics and "<" not in metrics[0]  # the strip of metrics (HTML), read as text


@pytest.mark.parametrize("page", PAGES)
def test_the_russian_page_keeps_to_the_glossary(page):
    texts = list(shown(page))
    broken = {rule: found for rule in RULES if (found := [item for item in texts if rule.offends(item.text)])}
    assert not broken, "\n\n".join(f"write {rule.instead} (`{rule.pattern.pattern}`):\n" + listed(found, rule)
                                     for rule, found in broken.items())


@pytest.mark.parametrize("page", PAGES)
def test_no_number_is_shown_in_e_notation(page):
    found = [item for item in (*shown(page, "ru"), *shown(page, "en", only_defaults=True)) if e_notation(item.text)]
    assert not found, listed(found)


@pytest.mark.parametrize("page", PAGES)
def test_no_chart_formats_a_number_in_a_way_that_can_print_e_notation(page):
    found = [item for item in shown(page) if ".spec." in item.where and (
        CHART_FORMAT.search(item.text) or item.where.endswith(CHART_FORMAT_KEYS) and re.search(r"[gGeEs]$", item.text))]
    assert not found, "use ~r (digits, never e-notation) or a text written by ui.numbers:\n" + listed(found)
