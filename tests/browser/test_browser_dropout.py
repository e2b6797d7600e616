"""The dropout lab in a real browser: the thinned network changes step by step while it plays, nothing else moves,
and the page asks nothing of any other server."""

import os

import pytest

from support.browser import CHROMIUM, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium at /usr/bin/chromium"),
]
# Per trace of the animation: how many points it draws now (the kept connections, kept and dropped units, ...).
POINTS = "() => document.querySelectorAll('.js-plotly-plot')[0]._fullData.map(trace => (trace.x || []).length)"
KEPT_Y = "() => Array.from(document.querySelectorAll('.js-plotly-plot')[0]._fullData[5].y).join()"


def test_the_thinned_network_changes_at_every_step_while_it_plays(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, outside = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((server, "data:", "blob:")) else None)
    page.goto(server + "/dropout?do_p=0.5&do_units=10&do_steps=40", timeout=90_000)
    settle(page)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    first = page.evaluate(POINTS)
    assert first[5] + first[6] == 20  # kept and dropped hidden units of the first step

    page.locator(".updatemenu-button").first.click()  # Play
    seen = set()
    for _ in range(6):
        page.wait_for_timeout(250)
        points = page.evaluate(POINTS)
        assert points[5] + points[6] == 20  # every hidden unit is drawn, kept or dropped
        assert points[0] == first[0] and points[4] == first[4]  # the faint network and the inputs stay as they are
        seen.add(page.evaluate(KEPT_Y))
    assert len(seen) >= 3  # another thinned network at every step shown
    assert not errors and not outside
