"""A live class: the teacher starts one from any page, students join with a short code (or its link, or its QR
code) and their screens follow the teacher's page and settings; predict-then-reveal questions collect the class's
answers, and the teacher reveals for everyone at once.

The whole state of a page is in its address, so following is opening the teacher's address: the student's tab
goes to the teacher's page with the teacher's query (``go``), a fresh session that reads every control from it, as
a shared link does. (Streamlit keeps a control's value in its session over any change of the address, so nothing
short of a fresh session takes a whole state.) A question revealed reruns the student's page in place. The class
record is in :mod:`ui.class_store`. A student's page checks the record's version once a
second in a small fragment; the teacher's page publishes its address after every run and every half second (a
section that reruns alone changes the address too).

The teacher's link carries the teacher token (``?teacher=…``); the students' link only the code (``?class=…``).
Nothing of the teacher's own (token, presenter mode, language) goes into what students take.
"""

from __future__ import annotations

import html
import ipaddress
import json
import logging
import secrets
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit

import streamlit as st

from ui import class_store
from ui.class_store import StoreDown
from ui.figures import FinishedFigure
from ui.i18n import LANGUAGE_KEY, t

CLASS_KEY, TEACHER_KEY = "class", "teacher"
OWN = "_class_"  # session keys of the live class: they survive taking a state
CODE, TOKEN, FOLLOWING, SEEN, STUDENT, DOWN = (OWN + name for name in
                                               ("code", "token", "following", "seen", "student", "down"))
NOT_SHARED = (CLASS_KEY, TEACHER_KEY, "present", LANGUAGE_KEY)
PRESENT_SWITCH_KEY = "_present_switch"  # ui.classroom's presenter toggle: with the language, drawn before any page
FRAME_WIDGETS = (LANGUAGE_KEY, PRESENT_SWITCH_KEY)  # what students never take from the teacher's address
STUDENT_CHECK_SECONDS = 1.0
TEACHER_CHECK_SECONDS = 0.5

log = logging.getLogger(__name__)


def role() -> str | None:
    """``"teacher"``, ``"student"`` or None (not in a class)."""
    if CODE not in st.session_state:
        return None
    return "teacher" if TOKEN in st.session_state else "student"


def code() -> str | None:
    return st.session_state.get(CODE)


def following() -> bool:
    return role() == "student" and bool(st.session_state.get(FOLLOWING))


def shared_query(query: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """What of an address a class shares: every key but the class's own, presenter mode and the language."""
    return {key: list(values) for key, values in query.items() if key not in NOT_SHARED}


def _address() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def address_of(page: str, query: Mapping[str, list[str]]) -> str:
    """The app's address of ``page`` (a URL path) with ``query``, relative to the server's root."""
    search = urlencode([(key, value) for key, values in query.items() for value in values])
    return "/" + page + ("?" + search if search else "")


def go(address: str) -> None:
    """Open ``address`` in this browser tab, as a link would: a fresh session that reads every control from the
    address. (Streamlit keeps a control's value in the session over any change of the address: only a fresh
    session takes a whole state from it.)"""
    st.html(f"<script>window.location.replace({json.dumps(address)});</script>", unsafe_allow_javascript=True)


def _client() -> str:
    """Who tries codes, for the limit on wrong ones: the browser's address, else this session. Behind the school's
    proxy (a peer on this machine or the school's network) the address the proxy saw, the last of
    ``X-Forwarded-For``: the earlier entries are the browser's own word."""
    peer = st.context.ip_address or ""
    forwarded = [part.strip() for part in (st.context.headers.get("X-Forwarded-For") or "").split(",") if part.strip()]
    try:
        behind_proxy = bool(forwarded) and ipaddress.ip_address(peer).is_private
    except ValueError:
        behind_proxy = False
    return forwarded[-1] if behind_proxy else peer or st.session_state.setdefault(STUDENT, secrets.token_hex(8))


def _down(error: StoreDown) -> None:
    log.warning("class store unreachable: %s", error)
    st.session_state[DOWN] = True


def _read_link(page: str) -> None:
    """Take up a class named in the address (``?class=CODE``, and ``&teacher=TOKEN`` for the teacher)."""
    linked = st.query_params.get(CLASS_KEY)
    if linked is None or st.session_state.get(CODE) == linked:
        return
    token = st.query_params.get(TEACHER_KEY)
    _join(linked, token, page)


def _join(text: str, token: str | None, page: str) -> None:
    store = class_store.store()
    joined = class_store.normal_code(text)
    try:
        if not store.may_join(_client()):
            st.session_state[OWN + "message"] = ("error", t("class.too_many"))
            return
        state = store.state(joined) if joined else None
        if state is None:
            store.wrong_code(_client())
            st.session_state[OWN + "message"] = ("error", t("class.unknown", code=str(text)[:12]))
            st.query_params.pop(CLASS_KEY, None)
            st.query_params.pop(TEACHER_KEY, None)
            return
        if token is not None and not store.publish(joined, token, state.page, state.query):
            st.session_state[OWN + "message"] = ("warning", t("class.wrong_token"))
            st.query_params.pop(TEACHER_KEY, None)
            token = None
    except StoreDown as error:
        _down(error)
        st.session_state[OWN + "message"] = ("warning", t("class.store_down"))
        return
    st.session_state[CODE] = joined
    st.session_state[STUDENT] = st.session_state.get(STUDENT) or secrets.token_hex(8)
    st.query_params[CLASS_KEY] = joined
    if token is not None:
        st.session_state[TOKEN] = token
        st.query_params[TEACHER_KEY] = token
        return
    st.session_state[FOLLOWING] = True
    _take_teachers(state, page)


def _take_teachers(state: class_store.ClassState, page: str) -> None:
    """Take the teacher's page and query, unless this page shows them already (the student's language stays)."""
    st.session_state[SEEN] = state.version
    if (state.page, state.query) == (page, shared_query(_address())):
        return
    own = {key: st.query_params.get_all(key) for key in (LANGUAGE_KEY,) if key in st.query_params}
    go(address_of(state.page, {**state.query, **own, CLASS_KEY: [state.code]}))


def _start(page: str) -> None:
    token = class_store.new_token()
    try:
        joined = class_store.store().create(token, page, shared_query(_address()))
    except StoreDown as error:
        _down(error)
        st.session_state[OWN + "message"] = ("warning", t("class.store_down"))
        return
    st.session_state.update({CODE: joined, TOKEN: token})
    st.query_params[CLASS_KEY] = joined
    st.query_params[TEACHER_KEY] = token


def _leave() -> None:
    for key in (CODE, TOKEN, FOLLOWING, SEEN):
        st.session_state.pop(key, None)
    st.query_params.pop(CLASS_KEY, None)
    st.query_params.pop(TEACHER_KEY, None)


def _end() -> None:
    try:
        class_store.store().end(code(), st.session_state.get(TOKEN, ""))
    except StoreDown as error:
        _down(error)
    _leave()


def join_link() -> str:
    """The students' link: this server's address with the class code only."""
    url = urlsplit(st.context.url or "")
    base = f"{url.scheme}://{url.netloc}/" if url.netloc else "/"
    return base + "?" + urlencode({CLASS_KEY: code()})


def qr_svg(text: str) -> str:
    """``text`` as a QR code, an SVG ``<img>`` up to 560 pixels and 58 % of the screen's height (dark on white: a
    phone's camera reads it off a projector from the back of the room)."""
    import segno

    uri = segno.make(text, error="m").svg_data_uri(scale=8, border=2, dark="#000", light="#fff")
    words = html.escape(t("class.qr_alt", link=text))
    return f'<img src="{uri}" alt="{words}" style="width:100%;max-width:min(560px, 58vh)">'


def _qr_dialog(link: str) -> None:
    """The join code and the QR code of the join link in a large dialog, titled in the page's language."""

    def body() -> None:
        st.markdown(f"## {t('class.join_at')} **{code()}**")
        st.html(qr_svg(link))
        st.code(link, language=None)

    st.dialog(t("class.title"), width="large")(body)()


def publish(page: str) -> None:
    """The teacher's page and settings, for the class (nothing when they did not change)."""
    if role() != "teacher":
        return
    try:
        class_store.store().publish(code(), st.session_state[TOKEN], page, shared_query(_address()))
        st.session_state[DOWN] = False
    except StoreDown as error:
        _down(error)


def _panel(page: str, container) -> None:
    """Start, join, show or leave a class, in ``container``."""
    with container:
        message = st.session_state.pop(OWN + "message", None)
        if message:
            getattr(st, message[0])(message[1])
        if st.session_state.get(DOWN):
            st.warning(t("class.store_down_teacher" if role() == "teacher" else "class.store_down"))
        if role() is None:
            st.button(t("class.start"), icon=":material/co_present:", on_click=_start, args=(page,),
                      help=t("class.start_help"), key=OWN + "start_button")
            with st.form(OWN + "join_form", border=False):
                typed = st.text_input(t("class.code"), max_chars=12, placeholder="ABC234", key=OWN + "typed")
                if st.form_submit_button(t("class.join")):
                    _join(typed, None, page)
                    st.rerun()
        elif role() == "teacher":
            link = join_link()
            st.markdown(t("class.running", code=code()))
            st.code(link, language=None)
            if st.button(t("class.show_qr"), icon=":material/qr_code_2:", key=OWN + "qr_button"):
                _qr_dialog(link)
            st.button(t("class.end"), icon=":material/stop_circle:", on_click=_end, key=OWN + "end_button")
        else:  # one line above the page: what the screen does, and the way out or back in
            banner = st.container(horizontal=True, vertical_alignment="center")
            if following():
                banner.markdown(f":material/cast_for_education: **{t('class.following', code=code())}**")
                banner.button(t("class.explore"), on_click=lambda: st.session_state.update({FOLLOWING: False}),
                              key=OWN + "explore")
            else:
                banner.markdown(f":material/explore: {t('class.exploring', code=code())}")
                banner.button(t("class.rejoin"), key=OWN + "rejoin", type="primary",
                              on_click=lambda: st.session_state.update({FOLLOWING: True, SEEN: None}))
            banner.button(t("class.leave"), on_click=_leave, key=OWN + "leave", type="tertiary")


@st.fragment(run_every=STUDENT_CHECK_SECONDS)
def _follow(page: str) -> None:
    """A following student's check: one version number read; the teacher's state taken when it changed."""
    if not following():
        return
    store = class_store.store()
    try:
        version = store.version(code())
        if st.session_state.pop(DOWN, False):
            st.rerun(scope="app")  # the notice goes away
        if version is None:
            _leave()
            st.session_state[OWN + "message"] = ("info", t("class.ended"))
            st.rerun(scope="app")
        if version == st.session_state.get(SEEN):
            return
        state = store.state(code())
    except StoreDown as error:
        if not st.session_state.get(DOWN):
            _down(error)
            st.rerun(scope="app")
        return
    if state is None:
        return
    if (state.page, state.query) != (page, shared_query(_address())):
        _take_teachers(state, page)
        return
    st.session_state[SEEN] = state.version
    st.rerun(scope="app")  # a question revealed: the page shows its outcome


@st.fragment(run_every=TEACHER_CHECK_SECONDS)
def _publish_often(page: str) -> None:
    """The teacher's address, published again after a section reran alone."""
    publish(page)


def run(page: str, presenting: bool) -> None:
    """The live class of this session, before the page ``page`` (its URL path) runs: reads a class link, draws the
    class panel (the sidebar; the top of the page when ``presenting``) and starts the student's or the teacher's
    check."""
    _read_link(page)
    if role() == "student":
        container = st.container(border=True)  # the banner: at the top of the page, on a phone too
    elif presenting and role() is None:
        container = st.popover(t("class.title"), icon=":material/co_present:")
    elif presenting:
        container = st.expander(t("class.running_short", code=code()), icon=":material/co_present:")
    else:
        container = st.sidebar.expander(t("class.title"), expanded=role() is not None
                                        or OWN + "message" in st.session_state, icon=":material/co_present:")
    _panel(page, container)
    if following():
        _follow(page)
    elif role() == "teacher":
        _publish_often(page)


# ---------------------------------------------------------------- predict then reveal, for a whole class


def revealed(stamp: str) -> bool:
    """Whether the teacher revealed the question ``stamp`` (a store that cannot be reached reveals nothing)."""
    try:
        state = class_store.store().state(code())
    except StoreDown as error:
        _down(error)
        return False
    return state is not None and stamp in state.revealed


def answer(stamp: str, choice: str) -> None:
    """This student's answer to the question ``stamp``."""
    try:
        class_store.store().answer(code(), stamp, st.session_state[STUDENT], str(choice))
    except StoreDown as error:
        _down(error)


def reveal(stamp: str) -> None:
    """The teacher reveals the question ``stamp`` for everyone."""
    try:
        class_store.store().reveal(code(), st.session_state.get(TOKEN, ""), stamp)
    except StoreDown as error:
        _down(error)


@st.fragment(run_every=1.0)
def tally(stamp: str, options: tuple[str, ...], labels: tuple[str, ...], right: int | None) -> None:
    """The class's answers to ``stamp`` as they come in: a bar per option (the right one marked once revealed)."""
    from ui import charts  # here, not above: ui.charts imports ui.classroom, which imports this module

    try:
        answers = class_store.store().answers(code(), stamp)
    except StoreDown as error:
        _down(error)
        st.warning(t("class.store_down_teacher"))
        return
    counts = [sum(1 for choice in answers.values() if choice == option) for option in options]
    st.markdown(t("class.answered", count=len(answers)))
    charts.show(answers_figure(counts, labels, right, t("class.answers_axis")), key=f"{OWN}tally_{stamp}")


def answers_figure(counts: list[int], labels: tuple[str, ...], right: int | None, axis: str) -> FinishedFigure:
    """Horizontal bars of ``counts`` per option; the right option (``right``, once revealed) hatched and marked."""
    marks = ["✓ " + label if index == right else label for index, label in enumerate(labels)]
    return FinishedFigure({
        "data": [{"type": "bar", "orientation": "h", "x": counts, "y": marks, "text": counts, "textposition": "auto",
                  "marker": {"color": ["#0072B2" if index == right else "#56595E" for index in range(len(counts))],
                             "pattern": {"shape": ["/" if index == right else "" for index in range(len(counts))]}},
                  "hoverinfo": "x+y"}],
        "layout": {"height": 90 + 48 * len(counts), "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
                   "xaxis": {"title": {"text": axis}, "rangemode": "tozero", "dtick": 1 if max(counts, default=0) < 10
                             else None},
                   "yaxis": {"autorange": "reversed", "automargin": True}},
    })
