"""The app in a real browser: `streamlit run app.py` driven through Debian's Chromium with Playwright."""

import os

import pytest

from support.browser import CHROMIUM, settle, surface_pixels

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium at /usr/bin/chromium"),
]
# (empty while the chart is being replaced in a rerun)
PATH_X = "() => Array.from(document.querySelectorAll('.js-plotly-plot')[0]?._fullData?.[1]?.x ?? [])"
PATH_LENGTH = "() => document.querySelectorAll('.js-plotly-plot')[0]._fullData[1].x.length"


def test_a_russian_slider_shows_a_decimal_comma_and_keeps_the_machine_value_in_the_address(server, browser):
    """Number sliders are labelled in the page's language; the URL keeps the value as the machine writes it, so a
    link made on a Russian page opens the same experiment in English."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(server + "/feature_scaling?lang=ru", timeout=60_000)
    settle(page)
    slider = page.locator('[data-testid="stSlider"]', has_text="Скорость обучения")
    assert "0,1" in slider.inner_text() and "0.1" not in slider.inner_text()
    thumb = slider.get_by_role("slider")
    thumb.focus()
    thumb.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('lr=0.07')", timeout=30_000)
    settle(page)
    assert "0,07" in slider.inner_text()
    page.close()


def test_feature_scaling_page_reacts_and_animates(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/feature_scaling", timeout=60_000)
    settle(page)
    page.wait_for_selector(".js-plotly-plot .imagelayer image", state="attached", timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    # The first session of a fresh server opened a lesson's link directly: it must still get the frame.
    assert "Language / Язык" in page.locator('[data-testid="stSidebar"]').inner_text()
    before = page.evaluate(PATH_X)

    # Move the learning-rate slider one notch with the keyboard: the run and its chart change.
    thumb = page.locator('[data-testid="stSlider"]', has_text="Learning rate").get_by_role("slider")
    thumb.focus()
    thumb.press("ArrowRight")
    page.wait_for_function(f"() => ({PATH_X})().join() !== {before!r}.join()", timeout=30_000)
    settle(page)
    assert "lr=0.15" in page.url
    alert = page.locator('[data-testid="stAlertContentError"]')
    assert "Diverged at step" in alert.inner_text()  # 0.15 is above 2/lambda_max = 0.107

    # Play: the path grows frame by frame while the surface stays drawn.
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    full = page.evaluate(PATH_LENGTH)
    before_play = chart.screenshot()
    assert surface_pixels(before_play) > 50_000
    page.get_by_text("Play").first.click()
    page.wait_for_timeout(600)
    early = page.evaluate(PATH_LENGTH)
    mid_animation = chart.screenshot()
    page.wait_for_timeout(600)
    later = page.evaluate(PATH_LENGTH)
    assert 1 <= early < later <= full
    assert surface_pixels(mid_animation) > 0.5 * surface_pixels(before_play)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not errors
