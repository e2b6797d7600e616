"""A teacher preparing a lecture on a 1280x720 projector, in Russian, in presenter mode: an experiment link opens in
the same tab with presenter mode and the language kept and the chart it is about in view; predict-then-reveal
hides every outcome until the reveal; the settings sit beside the chart, only the section's on the screen."""

import os
import re

import pytest

from support.browser import CHROMIUM, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium at /usr/bin/chromium"),
]
PROJECTOR = {"width": 1280, "height": 720}
SHOWN_GROUPS = """() => [...document.querySelectorAll('[class*="st-key-controls-"]')]
    .filter(group => group.style.display !== 'none')
    .map(group => [...group.classList].find(name => name.startsWith('st-key-controls-')).slice(16))"""


def shown_groups(page, expected: str, scrolled: bool = False) -> None:
    """Wait until the sidebar shows the controls of the section ``expected`` alone (with ``scrolled``, bringing
    that section to the top of the screen while waiting, as a reader scrolling to it would)."""
    scroll = f"document.getElementById('{expected}').scrollIntoView();" if scrolled else ""
    try:
        page.wait_for_function(f"() => {{ {scroll} return ({SHOWN_GROUPS})().join() === '{expected}'; }}",
                               timeout=10_000)
    except Exception:  # noqa: BLE001 (say what the sidebar shows instead)
        pytest.fail(f"the sidebar shows {page.evaluate(SHOWN_GROUPS)}, not {expected}")


def wait_in_view(page, anchor: str) -> None:
    page.wait_for_function(f"() => {{ const top = document.getElementById('{anchor}')?.getBoundingClientRect().top;"
                           f" return top !== undefined && top >= 0 && top < {PROJECTOR['height'] / 2}; }}",
                           timeout=30_000)


def test_an_experiment_link_stays_in_the_tab_keeps_presenter_mode_and_shows_its_chart(server, browser):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.goto(f"{server}/batch_norm?present=1&lang=ru", timeout=90_000)
    settle(page)
    tabs = len(context.pages)
    link = page.locator('a[href*="bn_lr=3"]').first  # "η = 3: with batch norm the network still trains…"
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(re.compile(r"bn_lr=3"), timeout=30_000)
    settle(page)
    assert len(context.pages) == tabs, "the experiment opened a new tab"
    assert "present=1" in page.url and "lang=ru" in page.url
    wait_in_view(page, "deep-networks")  # the link ends with #deep-networks
    assert page.get_by_text("Настройки").first.is_visible()  # the settings beside the chart, in Russian
    assert page.locator('[data-testid="stException"]').count() == 0
    context.close()


def test_predict_then_reveal_hides_every_outcome_of_the_deep_networks_question(server, browser):
    page = browser.new_page(viewport=PROJECTOR)
    page.goto(f"{server}/batch_norm?predict=true#deep-networks", timeout=90_000)
    settle(page)
    charts_hidden = page.locator(".js-plotly-plot").count()
    assert page.get_by_text("The outcome is hidden").count() >= 1
    assert page.get_by_text("trained at").count() == 0  # the learning-rate sweep's verdict, two screens lower
    question = page.locator('[data-testid="stRadio"]').filter(has_text="lower").first
    question.locator('[role="radiogroup"] label').first.click()
    settle(page)
    page.locator('[data-testid="stCheckbox"]').get_by_text("Reveal", exact=True).click()
    settle(page)
    page.get_by_text(re.compile("Your prediction was right|Not this time")).first.wait_for(timeout=30_000)
    assert page.locator(".js-plotly-plot").count() >= charts_hidden + 4  # loss, spread, γ and β, the sweep
    assert page.get_by_text("trained at").count() >= 1
    page.close()


def test_presenter_mode_shows_the_settings_of_the_section_on_the_screen_beside_its_chart(server, browser):
    page = browser.new_page(viewport=PROJECTOR)
    page.goto(f"{server}/batch_norm?present=1#deep-networks", timeout=90_000)
    settle(page)
    wait_in_view(page, "deep-networks")
    shown_groups(page, "deep-networks")
    sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
    chart = page.locator(".js-plotly-plot").last.bounding_box()
    assert sidebar["x"] + sidebar["width"] <= chart["x"] + 1, "the settings cover the chart"
    page.mouse.move(800, 400)
    page.mouse.wheel(0, -200)  # the teacher scrolls: the page stops bringing the linked section back
    shown_groups(page, "one-layer", scrolled=True)
    assert page.locator('[data-testid="stSidebar"] [data-testid="stPopover"]').count() == 0
    page.close()
