"""Helpers for the browser tests: Chromium's path and a running one, a free port, waiting for a run, counting
surface pixels."""

import io
import socket
from contextlib import contextmanager

import numpy as np

CHROMIUM = "/usr/bin/chromium"


@contextmanager
def chromium():
    """Debian's Chromium driven by Playwright (skipped where Playwright is not installed)."""
    import pytest

    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser
        finally:
            browser.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def settle(page) -> None:
    """Wait until the script run has finished and the charts have drawn."""
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"
        " === 'notRunning'", timeout=60_000,
    )
    page.wait_for_timeout(500)


def surface_pixels(png: bytes) -> int:
    """How many pixels of a screenshot have the surface's grey-blue fill (neither white nor the black path)."""
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    greyish_blue = (blue > red + 5) & (blue >= green) & (red > 120) & (red < 245)
    return int(greyish_blue.sum())
