"""What a class hits first, in a real browser: clicks after playback, playback time, the full-screen button, and no
request leaving the app's own server."""

import os

import pytest

from pages import lesson_pages
from support.browser import CHROMIUM, settle
from ui.classroom import FITTED_CHART_MARGIN, FITTED_CHART_MIN

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium at /usr/bin/chromium"),
]

CHART = ".js-plotly-plot"
# Resolves with the milliseconds from Play to the end of playback (Plotly's plotly_animated event).
TIME_PLAYBACK = """(label) => new Promise(resolve => {
    const chart = document.querySelectorAll('.js-plotly-plot')[0];
    const button = Array.from(chart.querySelectorAll('.updatemenu-button')).find(b => b.textContent.includes(label));
    const start = performance.now();
    chart.once('plotly_animated', () => resolve(performance.now() - start));
    button.dispatchEvent(new MouseEvent('click', {bubbles: true}));
})"""


def open_lab(server, browser, query: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/optimizer_lab?{query}", timeout=60_000)
    settle(page)
    page.wait_for_selector(f"{CHART} .imagelayer image", state="attached", timeout=30_000)
    page.locator(CHART).first.scroll_into_view_if_needed()
    return page, errors


def click_surface(page, share: float):
    box = page.locator(f"{CHART} .draglayer .xy .nsewdrag").first.bounding_box()
    x, y = box["x"] + box["width"] * share, box["y"] + box["height"] * share
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)


def test_a_click_sets_the_start_after_play_pause_and_the_step_slider(server, browser):
    page, errors = open_lab(server, browser, "lab_optimizers=GD&lab_surface=beale")
    page.locator(f"{CHART} .updatemenu-button", has_text="Play").first.click()
    page.wait_for_timeout(1200)
    page.locator(f"{CHART} .updatemenu-button", has_text="Pause").first.click()
    page.wait_for_timeout(400)
    click_surface(page, 0.3)
    page.wait_for_function("() => window.location.search.includes('lab_w1=')", timeout=30_000)
    settle(page)
    first = page.url
    slider = page.locator(f"{CHART} .slider-rail-rect").first.bounding_box()  # drag the step slider
    page.mouse.move(slider["x"] + 5, slider["y"] + slider["height"] / 2)
    page.mouse.down()
    page.mouse.move(slider["x"] + slider["width"] / 2, slider["y"] + slider["height"] / 2, steps=5)
    page.mouse.up()
    page.wait_for_timeout(400)
    click_surface(page, 0.7)
    page.wait_for_function(f"() => window.location.href !== {first!r}", timeout=30_000)
    assert not [error for error in errors if "selectAll" in error]


SLOWEST = 15_000  # ms for a designed 3.3 s: frames come late on a machine busy with other work, never early


def measure_playback(server, browser) -> dict:
    """Milliseconds of a playback at 1x with 200 and 210 steps, and at 2x with 200 steps."""
    durations = {}
    for steps in (200, 210):
        page, _ = open_lab(server, browser, f"lab_optimizers=GD&lab_optimizers=Adam&lab_steps={steps}")
        durations[steps] = page.evaluate(TIME_PLAYBACK, "Play")
        if steps == 200:
            durations["2x"] = page.evaluate(TIME_PLAYBACK, "2×")
        page.close()
    return durations


@pytest.mark.alone  # it measures time
def test_playback_takes_about_the_same_time_at_any_step_count_and_2x_halves_it(server, browser):
    def within(durations) -> bool:
        return (3000 < durations[200] < SLOWEST and 3000 < durations[210] < SLOWEST
                and abs(durations[200] - durations[210]) < 0.4 * max(durations[200], durations[210])
                and 0.3 < durations["2x"] / durations[200] < 0.7)

    durations = measure_playback(server, browser)
    if not within(durations):  # a busy machine can hold one measurement up: measure again before judging
        durations = measure_playback(server, browser)
    print(f"playback at 1x: {durations[200]:.0f} ms (200 steps), {durations[210]:.0f} ms (210 steps); "
          f"2x: {durations['2x']:.0f} ms")
    # Designed: 3.3 s at 1x for any step count. A busy machine can only make it longer (frames come late), so the
    # bounds are loose; before the fix, 200 steps played in 3.4 s and 210 steps in 1.3 s, and 2x took 70-80%.
    assert 3000 < durations[200] < SLOWEST and 3000 < durations[210] < SLOWEST
    assert abs(durations[200] - durations[210]) < 0.4 * max(durations[200], durations[210])
    assert 0.3 < durations["2x"] / durations[200] < 0.7


def test_charts_have_no_full_screen_button_that_would_drop_their_frames(server, browser):
    page, _ = open_lab(server, browser, "")
    page.locator(CHART).first.hover()
    page.wait_for_timeout(500)
    assert page.locator('button[aria-label="Fullscreen"]:visible').count() == 0


CHART_HEIGHTS = "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(chart => chart._fullLayout.height)"
PATHS = ["/", *(f"/{page.url_path}" for page in lesson_pages())]


@pytest.mark.parametrize("path", PATHS)
def test_every_page_stays_on_its_server_and_its_charts_fit_a_projector_and_a_zoomed_browser(server, browser, path):
    """No request leaves the app's own server (a classroom may be offline), and every chart with its play
    controls fits the screen under the header: on a 1280x720 projector, and at 150 % zoom (853x480 CSS pixels)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((server, "data:", "blob:")) else None)
    page.goto(server + path + ("&" if "?" in path else "?") + "lang=ru", timeout=60_000)
    settle(page)
    page.wait_for_timeout(1500)
    assert not outside
    assert page.locator('[data-testid="stException"]').count() == 0
    charts_fit(page, 720 - FITTED_CHART_MARGIN, "on a 1280x720 projector")
    page.set_viewport_size({"width": 853, "height": 480})
    charts_fit(page, max(FITTED_CHART_MIN, 480 - FITTED_CHART_MARGIN), "at 150 % zoom")
    page.close()


def charts_fit(page, tallest: int, where: str) -> None:
    """Every chart of the page is drawn at most ``tallest`` px high (a busy machine takes a while to fit a page of
    many charts to its screen)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"() => ({CHART_HEIGHTS})().every(height => height <= {tallest})", timeout=30_000)
    except PlaywrightTimeout:
        pytest.fail(f"charts taller than {tallest} px {where}: {page.evaluate(CHART_HEIGHTS)}")


def test_on_a_phone_no_toolbar_covers_the_legend_and_stacked_panels_keep_their_height(server, browser):
    phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
    context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=phone, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(server + "/optimizer_lab?lang=ru", timeout=60_000)
    settle(page)
    page.wait_for_selector(".js-plotly-plot .imagelayer image", state="attached", timeout=30_000)
    assert page.locator(".js-plotly-plot .modebar").count() == 0
    assert page.evaluate(CHART_HEIGHTS)[0] == 960  # the race's two panels stacked: 1.5 x 640 px, scrolled through
    context.close()
