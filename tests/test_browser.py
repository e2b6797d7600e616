"""The app in a real browser: `streamlit run app.py` driven through Debian's Chromium with Playwright."""

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium at /usr/bin/chromium"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    log = open(tmp_path_factory.mktemp("server") / "streamlit.log", "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            if urllib.request.urlopen(base + "/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                log.close()
                pytest.fail("streamlit did not start")
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=15)
    log.close()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


def settle(page) -> None:
    """Wait until the script run has finished and the charts have drawn."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"
        " === 'notRunning'", timeout=60_000,
    )
    page.wait_for_timeout(500)


PATH_X = "() => Array.from(document.querySelectorAll('.js-plotly-plot')[0]._fullData[1].x)"
PATH_LENGTH = "() => document.querySelectorAll('.js-plotly-plot')[0]._fullData[1].x.length"


def surface_pixels(png: bytes) -> int:
    """How many pixels of a screenshot have the surface's grey-blue fill (neither white nor the black path)."""
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    greyish_blue = (blue > red + 5) & (blue >= green) & (red > 120) & (red < 245)
    return int(greyish_blue.sum())


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
