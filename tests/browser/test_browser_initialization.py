"""The initialization lab in a real browser: on a phone it stays one screen wide (wide tables scroll by themselves)
with every chart drawn, on a projector every chart fits, and the page asks nothing of any other server."""

import os

import pytest

from support.browser import CHROMIUM, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium at /usr/bin/chromium"),
]
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
CHARTS = 12
WIDTHS = ("() => { const main = document.querySelector('[data-testid=stMain]');"
          " return [main.clientWidth, main.scrollWidth]; }")
DRAWN = "() => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(plot => plot._fullData).length"


@pytest.mark.parametrize(("viewport", "agent", "query"), [
    ({"width": 390, "height": 844}, PHONE, "?lang=ru"),
    ({"width": 1280, "height": 720}, None, "?present=1"),
], ids=["phone-ru", "projector-presenting"])
def test_the_page_fits_the_screen_and_stays_on_its_server(server, browser, viewport, agent, query):
    context = browser.new_context(viewport=viewport, user_agent=agent, is_mobile=agent is not None)
    page = context.new_page()
    errors, outside = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((server, "data:", "blob:")) else None)
    page.goto(server + "/initialization" + query, timeout=90_000)
    settle(page)
    page.wait_for_function(f"() => ({DRAWN})() === {CHARTS}", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    client, scrolled = page.evaluate(WIDTHS)
    assert scrolled <= client + 1  # nothing widens the page beyond the screen
    heights = page.evaluate("() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
                            ".map(plot => plot.getBoundingClientRect().height)")
    assert max(heights) <= (viewport["height"] if agent is None else 1.5 * viewport["height"])
    assert not outside and not errors
    context.close()
