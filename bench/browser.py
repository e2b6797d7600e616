"""Speed as a person feels it, in Chromium: first load, slider move to redrawn chart, race playback (vs a bare page)."""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench._timing import report
from ui.figures import FRAME_SLACK_MS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
IDLE = ("() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"
        " === 'notRunning'")
CHARTS_DRAWN = "() => Array.from(document.querySelectorAll('.js-plotly-plot')).every(chart => chart._fullLayout)"
# The moments Plotly finishes drawing a chart, recorded in the page.
WATCH_DRAWS = """() => { window.benchDraws = []; const watch = () => document.querySelectorAll('.js-plotly-plot')
    .forEach(chart => { if (!chart.benchWatched) { chart.benchWatched = true;
        chart.on('plotly_afterplot', () => window.benchDraws.push(performance.now())); } });
    watch(); new MutationObserver(watch).observe(document.body, {childList: true, subtree: true}); }"""
# Each page's path and the slider moved (its label; None: the first slider), one that redraws without retraining
PAGES = {"home": ("/", None), "activations": ("/activations", None), "initialization": ("/initialization", "nᵢₙ"),
         "feature scaling": ("/feature_scaling", None), "batch norm": ("/batch_norm", "γ"),
         "dropout": ("/dropout", None), "optimizer lab": ("/optimizer_lab", None),
         "backprop": ("/backprop", "Input x₁"), "network sandbox": ("/playground", None)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server(script: str):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if urllib.request.urlopen(base + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def first_load(browser, url: str, repeats: int, ready: str = "h1") -> list[float]:
    """Seconds from opening ``url`` in a new browser session to the script done, ``ready`` (a CSS selector: the
    page's title) shown and every chart drawn."""
    timings = []
    for _ in range(repeats):
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, timeout=60_000)
        page.wait_for_selector(ready, state="attached", timeout=60_000)
        page.wait_for_function(IDLE, timeout=60_000)
        page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
        timings.append(time.perf_counter() - started)
        context.close()
    return timings


def slider_moves(browser, url: str, moves: int, label: str | None = None) -> list[float]:
    """Seconds from a key press on the slider labelled ``label`` (default: the first) to the last chart drawn
    after the rerun."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url, timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_timeout(1000)
    page.evaluate(WATCH_DRAWS)
    sliders = page.locator('[data-testid="stSlider"]', has_text=label) if label else page
    thumb = sliders.get_by_role("slider").first
    timings = []
    for move in range(moves):
        page.evaluate("() => { window.benchDraws = []; }")
        started = page.evaluate("() => performance.now()")
        thumb.focus()
        thumb.press("ArrowRight" if move % 2 == 0 else "ArrowLeft")
        page.wait_for_function(f"() => window.benchDraws.length > 0 && ({IDLE})()", timeout=60_000)
        page.wait_for_timeout(300)  # later charts of the same rerun
        timings.append((max(page.evaluate("() => window.benchDraws")) - started) / 1000)
    page.close()
    return timings


PLAY_AND_TIME = """() => new Promise(resolve => {
    const chart = document.querySelectorAll('.js-plotly-plot')[0]; const frames = [];
    const play = chart.layout.updatemenus[0].buttons[0];
    chart.on('plotly_animatingframe', () => frames.push(performance.now()));
    chart.once('plotly_animated', () => resolve({frames, designed: play.args[1].frame.duration}));
    Array.from(chart.querySelectorAll('.updatemenu-button')).find(b => b.textContent.includes('Play'))
        .dispatchEvent(new MouseEvent('click', {bubbles: true})); })"""
RACE = "/optimizer_lab?" + "&".join(f"lab_optimizers={name}" for name in ("GD", "Momentum", "Nesterov", "AdaGrad",
                                                                        "RMSProp", "Adam", "AdamW")) + \
    "&lab_steps=500&lab_surface=beale"
PLAYBACKS = {"race, 7 optimizers x 500 steps": RACE, "feature scaling playback": "/feature_scaling"}


def playback_fps(browser, url: str) -> tuple[float, float, float]:
    """Play the first chart of ``url`` at 1x from its start: frames per second shown, the rate it is designed to
    play at (its Play button asks for each frame ``FRAME_SLACK_MS`` less, see ``ui.figures``), and the longest gap
    between two frames (ms)."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(url, timeout=60_000)
    page.wait_for_selector(".js-plotly-plot", state="attached", timeout=60_000)
    page.wait_for_function(IDLE, timeout=60_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    page.wait_for_timeout(500)
    played = page.evaluate(PLAY_AND_TIME)
    page.close()
    times = played["frames"]
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    designed = 1000 / (played["designed"] + FRAME_SLACK_MS)
    return (len(times) - 1) / ((times[-1] - times[0]) / 1000), designed, max(gaps)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench browser", description=__doc__)
    parser.add_argument("--moves", type=int, default=10)
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), default=list(PAGES), help="pages to measure")
    parser.add_argument("--no-playback", action="store_true", help="skip the playback measurements")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        with server("bench/_baseline_page.py") as base:
            first_load(browser, base, 1, ready=".js-plotly-plot")  # warm the server, as for the app below
            load = statistics.median(first_load(browser, base, args.loads, ready=".js-plotly-plot"))
            move = statistics.median(slider_moves(browser, base, args.moves))
        rows += [("baseline: first load", f"{load * 1000:.0f} ms"),
                 ("baseline: slider to chart", f"{move * 1000:.0f} ms")]
        with server("app.py") as app:
            first_load(browser, app, 1)  # warm the server's caches
            for name in args.pages:
                path, label = PAGES[name]
                page_load = statistics.median(first_load(browser, app + path, args.loads))
                rows.append((f"{name}: first load", f"{page_load * 1000:.0f} ms = {page_load / load:.2f}x baseline"))
                if name != "home":
                    page_move = statistics.median(slider_moves(browser, app + path, args.moves, label))
                    rows.append((f"{name}: slider to chart", f"{page_move * 1000:.0f} ms = {page_move / move:.2f}x "
                                                             "baseline"))
            for name, path in ({} if args.no_playback else PLAYBACKS).items():
                fps, designed, stall = playback_fps(browser, app + path)
                rows.append((name, f"{fps:.1f} frames per second (designed {designed:.1f}), "
                                   f"longest gap {stall:.0f} ms"))
        browser.close()
    report(rows)
