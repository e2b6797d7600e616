"""On a phone (390x844), no page scrolls sideways, in either language, in any section: neither the document nor the
main area is wider than the screen. A wide formula or table scrolls inside its own box instead.

Before, the main area of five pages was wider than the screen (activations 878 px, the optimizer lab 705, dropout
697, the sandbox with its comparison 693, feature scaling 459): hidden MathML copies of formulas and results tables
stuck out, and a sideways swipe showed a blank screen."""

import os

import pytest

from support.browser import CHROMIUM, settle
from support.shown import PAGES, SECTIONS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium at /usr/bin/chromium"),
]
PHONE = {"width": 390, "height": 844}
STATES = [(page, query) for page in PAGES
          for query in ("", *(f"lab_section={section}" for section in SECTIONS.get(page, ())))]
STATES.append(("playground", "pg_compare=true"))
# The widths that stick out, and the widest elements doing it (for the message).
WIDTHS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const screen = document.documentElement.clientWidth;
    const culprits = [...main.querySelectorAll('*')]
        .filter(element => element.getBoundingClientRect().right > screen + 1
                && getComputedStyle(element).position !== 'fixed'
                && !element.closest('[style*="overflow"], .stPlotlyChart, [data-testid="stTable"]'))
        .slice(0, 3).map(element => `${element.tagName.toLowerCase()}.${element.className}`.slice(0, 80));
    return {document: document.documentElement.scrollWidth, main: main.scrollWidth, screen, culprits};
}"""


@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_page_scrolls_sideways_on_a_phone(server, browser, language):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    wide = []
    for name, query in STATES:
        path = "" if name == "home" else name
        page.goto(f"{server}/{path}?lang={language}&{query}", timeout=90_000)
        settle(page)
        found = page.evaluate(WIDTHS)
        if max(found["document"], found["main"]) > found["screen"]:
            wide.append(f"{name} {query}: document {found['document']} px, main {found['main']} px on a "
                        f"{found['screen']} px screen; {found['culprits']}")
    context.close()
    assert not wide, "\n".join(wide)
