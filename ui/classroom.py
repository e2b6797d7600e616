"""Tools for a class: presenter mode (``?present=1``), predict then reveal, and a reset to the lesson's defaults.

Presenter mode is how a teacher shows a page on a projector: the sidebar is collapsed, the lesson's controls
sit above the chart, fonts are large and long explanations are folded away. Predict then reveal hides a lab's
outcome until the class has committed to a prediction, then says whether it was right.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import streamlit as st

from ui import course, live_class
from ui.i18n import t

PRESENT_KEY = "present"
PREDICT_KEY = "predict"

# Streamlit's own full-screen button of a chart drops the chart's animation frames (playback then fails until the
# page reruns): presenter mode is the way to show a chart large, so that button is hidden for Plotly charts.
FITTED_CHART_KEY = "fit-"  # key prefix of the box around each chart, whose height follows the screen (ui.charts)
FITTED_CHART_MARGIN = 96  # px above a chart that fills the screen: the app's header and a little room
FITTED_CHART_MIN = 320  # px: below this a chart would be unreadable; the page scrolls instead
PHONE_WIDTH = 640  # px: at most this wide, a screen is a phone's (Streamlit stacks columns there too)
BASE_STYLE = f"""
[data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) button[aria-label="Fullscreen"] {{
  display: none;
}}
/* A chart is as tall as it was designed, but never taller than the screen under the header (a projector at
   1280x720, a browser zoomed to 150 %), so a chart and its play controls can always be seen whole. Not on a
   phone's narrow screen, where panels are stacked in a taller chart that the page scrolls through. */
@media (min-width: {PHONE_WIDTH + 1}px) {{
  [data-testid="stLayoutWrapper"]:has(> [class*="st-key-{FITTED_CHART_KEY}"]) {{
    max-height: max({FITTED_CHART_MIN}px, calc(100vh - {FITTED_CHART_MARGIN}px));
  }}
}}
/* Nothing makes the page wider than the screen (a phone then scrolls sideways onto a blank screen). The copy of a
   formula that screen readers read (KaTeX's MathML) is clipped to a pixel, as it is meant to be; a formula or a
   table wider than the page scrolls inside its own box, with a shadow at the side where more of it is. */
.katex-mathml {{ width: 1px; height: 1px; overflow: hidden; }}
.katex-display, [data-testid="stMarkdownContainer"] table {{
  display: block; max-width: 100%; overflow-x: auto; overflow-y: hidden;
  background: linear-gradient(to right, white 30%, rgba(255, 255, 255, 0)) left / 24px 100% no-repeat local,
              linear-gradient(to left, white 30%, rgba(255, 255, 255, 0)) right / 24px 100% no-repeat local,
              radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, .22), transparent)
                left / 10px 100% no-repeat scroll,
              radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, .22), transparent)
                right / 10px 100% no-repeat scroll;
}}
"""
PRESENTER_STYLE = """
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; max-width: 100%; }  /* below the app's header */
h1 { font-size: 2rem !important; padding: 0 0 0.5rem 0 !important; }
"""


def presenting() -> bool:
    """Whether the page is shown in presenter mode (``?present=1`` in the address)."""
    return st.query_params.get(PRESENT_KEY) == "1"


# A link to a section (``?at=<id>#<id>``, ``ui.course.experiment_link``): Streamlit scrolls to the heading as soon
# as it appears (when the address still has the ``#<id>``, which it drops), but the charts above it are drawn later
# and push it down the page. So once the run has finished the page
# goes to the heading again, and once more after the charts have drawn, unless the reader has scrolled meanwhile.
ANCHOR_SCRIPT = """<script>
{
const labLinked = new URLSearchParams(location.search).get('at') || location.hash.slice(1);
if (labLinked && !window.labAnchor) {
  window.labAnchor = labLinked;
  const moved = () => { window.labAnchorMoved = true; };
  ['wheel', 'touchmove', 'keydown', 'mousedown'].forEach(kind => addEventListener(kind, moved, {once: true}));
  let finished = 0;
  const timer = setInterval(() => {
    const heading = document.getElementById(window.labAnchor);
    const state = document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state');
    if (window.labAnchorMoved || finished > 6) { clearInterval(timer); return; }
    if (heading && state === 'notRunning') { heading.scrollIntoView({block: 'start'}); finished += 1; }
  }, 250);
  setTimeout(() => clearInterval(timer), 60000);
}
}
</script>"""


def style() -> None:
    """The classroom's styles and scripts, drawn once per run by the frame: the one that brings a linked section into
    view, and in presenter mode the one that shows the controls of the section on the screen."""
    css = BASE_STYLE + (PRESENTER_STYLE if presenting() else "")
    st.html(f"<style>{css}</style>")
    st.html(ANCHOR_SCRIPT + (SECTION_SCRIPT if presenting() else ""), unsafe_allow_javascript=True)


def presenter_switch() -> None:
    """A toggle in the sidebar that turns presenter mode on or off (kept in the address)."""
    on = st.sidebar.toggle(t("classroom.present"), value=presenting(), help=t("classroom.present_help"),
                           key=live_class.PRESENT_SWITCH_KEY)
    if on != presenting():
        if on:
            st.query_params[PRESENT_KEY] = "1"
        else:
            st.query_params.pop(PRESENT_KEY, None)
        st.rerun()


def controls_area():
    """Where a page draws its controls: the sidebar, beside the charts they change. In presenter mode the sidebar
    opens with the page (``app.py``) and shows only the controls of the section on the screen
    (``controls_group``); the teacher can fold it away for a chart the full width of the projector."""
    return st.sidebar


SECTION_CONTROLS_KEY = "controls-"  # key prefix of a section's group of controls: ``controls-<section id>``


def controls_group(area, title: str, section: str | None = None):
    """A section's controls in the controls area ``area``, under ``title``: a container that the section, run as a
    fragment (``st.fragment``: it reruns alone when one of its own controls moves), draws its controls into.
    Streamlit lets a fragment draw into a container made outside it once the page's full run wrote to it: the title
    is that write. ``section`` is the id of the section's subheader (its ``anchor``): in presenter mode the group
    shows only while that section is on the screen (``SECTION_SCRIPT``)."""
    group = area.container(key=SECTION_CONTROLS_KEY + section if section else None)
    group.subheader(title)
    return group


# Presenter mode: of the sections' groups of controls, the sidebar shows the one whose section is on the screen
# (the last section whose heading is above the middle of the screen), so the controls beside a chart are the ones
# that change it. Checked a few times a second: cheap, and it follows reruns that redraw the page.
SECTION_SCRIPT = """<script>
if (!window.labSectionControls) {
  window.labSectionControls = setInterval(() => {
    const groups = [...document.querySelectorAll('[class*="st-key-%(prefix)s"]')];
    if (!groups.length) return;
    const id = group => [...group.classList].find(name => name.startsWith('st-key-%(prefix)s'))
      .slice('st-key-%(prefix)s'.length);
    let current = null;
    for (const group of groups) {
      const heading = document.getElementById(id(group));
      if (heading && heading.getBoundingClientRect().top < window.innerHeight / 2) current = group;
    }
    current = current || groups[0];
    for (const group of groups) group.style.display = group === current ? '' : 'none';
  }, 300);
}
</script>""".replace("%(prefix)s", SECTION_CONTROLS_KEY)


def aside():
    """A container for what explains rather than shows (a formula, a caption): as it is, or folded away in
    presenter mode."""
    if presenting():
        return st.expander(t("classroom.explanation"), icon=":material/menu_book:")
    return st.container()


def explain(markdown: str) -> None:
    """A long explanation: shown as it is, or folded away in presenter mode."""
    if presenting():
        with st.expander(t("classroom.explanation"), icon=":material/menu_book:"):
            st.markdown(markdown)
    else:
        st.markdown(markdown)


KEPT = ("lang", PRESENT_KEY)  # what a reset keeps: the language and presenter mode


def reset_link() -> str:
    """The address of this page with the lesson's defaults: only the language and presenter mode are kept."""
    kept = "&".join(f"{key}={st.query_params[key]}" for key in KEPT if key in st.query_params)
    return f"?{kept}" if kept else "?"


def reset_button(container=None) -> None:
    """A link that opens the page afresh with the lesson's defaults (a new session, so every control, bound to the
    address or not, starts from its default); the language and presenter mode stay."""
    container = container or st.sidebar
    container.markdown(f":material/restart_alt: {course.same_tab_link(t('classroom.reset'), reset_link())}",
                       help=t("classroom.reset_help"), unsafe_allow_html=True)


def _fingerprint(settings) -> str:
    return hashlib.sha1(repr(settings).encode()).hexdigest()


def predict_then_reveal(question: str, options: Sequence[str], answer: str, settings,
                        format_func: Callable[[str], str] = str) -> bool:
    """Predict then reveal. Off (the default): returns True, the page shows its outcome. On (a toggle, kept in the
    address as ``?predict=1``): asks ``question`` with ``options`` as a choice and returns False (the page must not
    show any outcome of the question) until it is revealed; then says whether the prediction was ``answer`` and
    returns True. Any change of ``settings`` (the controls that decide the outcome) hides the outcome again.

    Alone, the student reveals with a checkbox. In a live class (``ui.live_class``) the students' choices go to the
    class, the teacher sees how many chose what as they come in and reveals for everyone at once."""
    on = st.toggle(t("classroom.predict"), key=PREDICT_KEY, bind="query-params", help=t("classroom.predict_help"))
    if not on:
        return True
    stamp = _fingerprint((settings, tuple(options)))[:12]  # new settings, new widgets: the outcome is hidden again
    box = st.container(border=True)
    labels = tuple(format_func(option) for option in options)
    if live_class.role() == "teacher":
        shown = live_class.revealed(stamp)
        box.markdown(f"**{question}**")
        with box:
            live_class.tally(stamp, tuple(options), labels, list(options).index(answer) if shown else None)
        if not shown:
            box.button(t("class.reveal_all"), icon=":material/visibility:", on_click=live_class.reveal,
                       args=(stamp,), type="primary", key="_class_reveal_" + stamp)
            box.caption(t("classroom.hidden"))
            return False
        box.success(t("class.revealed", answer=format_func(answer)))
        return True
    guess = box.radio(question, options, index=None, format_func=format_func, key="_prediction_" + stamp,
                      horizontal=True)
    if live_class.following():
        if guess is not None:
            live_class.answer(stamp, guess)
        revealed = live_class.revealed(stamp)
        waiting = t("class.wait_reveal")
    else:
        revealed = box.checkbox(t("classroom.reveal"), key="_reveal_" + stamp, disabled=guess is None)
        waiting = t("classroom.hidden")
    if not revealed:
        box.caption(waiting)
        return False
    if guess is None:
        box.info(t("class.revealed", answer=format_func(answer)))
        return True
    verdict = t("classroom.right") if guess == answer else t("classroom.wrong", answer=format_func(answer))
    (box.success if guess == answer else box.warning)(verdict)
    return True
