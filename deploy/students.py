"""Simulated students: browser sessions that speak Streamlit's own websocket protocol, without a browser (for the
class bench, the replica test and the warm-up before a class, ``deploy/warm.py``).

A student opens ``ws://<server>/_stcore/stream`` (subprotocol ``streamlit``), asks for a script run with a
``rerun_script`` back-message (the page's URL path and query string, and the widget states that changed) and reads
forward-messages until ``script_finished``: the time between is what the student waits for. Along the way it keeps
what a browser would keep: the page's script hash (from ``navigation``), the query string the page writes
(``page_info_changed``), the sliders the page keeps in the URL (bound by Streamlit, or by ``ui.controls`` under their
key; with the fragment each belongs to, so a slider inside an
``st.fragment`` reruns only its fragment, as in a browser) and the links of the page's "experiments" list.

Any exception element (``new_element.exception``), a page that is not found, a script that does not compile, a
closed connection or a run that does not finish within the timeout counts as an error.

A Chromium costs hundreds of megabytes and a core; one of these costs a few megabytes, so a class of 60 can be
simulated on the machine that serves it (what it measures is the server, not the browser's drawing).
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import random
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.Slider_pb2 import Slider as SliderProto
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
COMPILE_ERROR = ForwardMsg.FINISHED_WITH_COMPILE_ERROR
LEAVING = re.compile(r"location\.replace\((\"[^\"]*\")\)")  # ui.live_class.go: the tab sent to an address
LINK = re.compile(r'href="\?([^"#]+)[^"]*" target="_self"')  # an experiment link of a page (ui.course.same_tab_link)
MAX_MESSAGE = 256 * 1024 * 1024


def rss_mb(*pids: int) -> float:
    """The resident memory in MB of processes ``pids`` and every process they started (a server's helper
    processes): the sum of their ``VmRSS`` in ``/proc/<pid>/status``, each process once; 0 for one that is gone."""
    return sum(_own_rss_mb(pid) for pid in process_tree(pids))


def cpu_seconds(*pids: int) -> float:
    """The processor time (user and system) used so far by processes ``pids`` and every live process they started,
    from ``/proc/<pid>/stat``, each process once; 0 for one that is gone."""
    return sum(_own_cpu_seconds(pid) for pid in process_tree(pids))


def process_tree(pids) -> set[int]:
    """``pids`` and every process they started, directly or not (a pid given twice, or given with its parent, is
    in the set once)."""
    found: set[int] = set()
    waiting = list(pids)
    while waiting:
        pid = waiting.pop()
        if pid not in found:
            found.add(pid)
            waiting += children(pid)
    return found


def _own_rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) / 1024


def _own_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime and stime, in clock ticks


def children(pid: int) -> list[int]:
    """The processes ``pid`` started, from ``/proc/<pid>/task/*/children``."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def load_average() -> float:
    """The machine's one-minute load average (other work on a shared machine shows here)."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def url_key(proto) -> str:
    """The URL key of a slider: Streamlit's ``query_param_key`` for a slider it binds, else the user key that ends the
    element's id (``$$ID-<hash>-lr``: ``ui.controls`` keeps such a slider in the URL under its key); "" without one."""
    if proto.query_param_key:
        return proto.query_param_key
    prefix, _, rest = proto.id.partition("-")
    return rest.partition("-")[2] if prefix == "$$ID" else ""


@dataclass(frozen=True)
class Slider:
    """A bound slider (``st.slider`` or ``st.select_slider`` with ``bind="query-params"``) as the page drew it."""

    id: str
    key: str  # the query parameter it is bound to
    fragment: str  # the fragment it is drawn in ("" outside any fragment)
    options: tuple[str, ...]  # a select slider's options as shown; empty for a numeric slider
    low: float
    high: float
    step: float
    values: int  # 1, or 2 for a range slider
    integer: bool

    current: tuple  # where it stands: options as shown, or numbers

    @classmethod
    def from_proto(cls, proto, fragment: str) -> Slider:
        options = tuple(proto.options)
        if options:  # a select slider's default is the index of its option
            current = tuple(options[int(index)] for index in proto.default)
        else:
            current = tuple(proto.value) or tuple(proto.default)
        return cls(proto.id, url_key(proto), fragment, options, proto.min, proto.max, proto.step or 1.0,
                   max(len(proto.default), 1), proto.data_type == SliderProto.INT, current)

    def positions(self) -> int:
        return len(self.options) - 1 if self.options else int(round((self.high - self.low) / self.step))

    def pick(self, rng: random.Random, current: tuple | None = None) -> list:
        """Where a student drags this slider from ``current`` (its value as drawn, by default): up to a tenth of
        its range (at least one step) either way, as a hand moves a slider while watching the chart."""
        current = current or self.current
        reach = max(1, self.positions() // 10)
        values = []
        for value in current:
            if self.options:
                here = self.options.index(value) if value in self.options else 0
            else:
                here = int(round((float(value) - self.low) / self.step))
            within = [there for there in range(here - reach, here + reach + 1)
                      if there != here and 0 <= there <= self.positions()]
            there = rng.choice(within) if within else here
            values.append(self.options[there] if self.options else self.low + there * self.step)
        if not self.options:
            values = [int(round(value)) if self.integer else round(value, 10) for value in values]
        return sorted(values, key=self.options.index) if self.options else sorted(values)

    def state(self, values: list):
        """The widget state a browser sends for ``values`` (a select slider sends its options as shown)."""
        message = WidgetState(id=self.id)
        if self.options:
            message.string_array_value.data.extend(str(value) for value in values)
        else:
            message.double_array_value.data.extend(float(value) for value in values)
        return message


@dataclass
class Outcome:
    """One action of a student and what it cost."""

    kind: str  # "open" (a new tab on a page), "move" (a slider moved) or "check" (a fragment rerun by itself)
    page: str
    seconds: float
    error: str = ""  # empty when the page came back whole
    received: int = 0  # bytes of forward-messages
    fragment_run: bool = False  # the server reran one fragment (a section of the page), not the whole page
    at: float = field(default_factory=time.perf_counter)  # when the action started (perf_counter)


@dataclass
class Page:
    """What a student's open page holds between actions."""

    path: str = ""
    query: str = ""
    script_hash: str = ""
    sliders: dict[str, Slider] = field(default_factory=dict)  # by bound key
    links: list[str] = field(default_factory=list)
    auto_reruns: dict[str, float] = field(default_factory=dict)  # fragments a browser reruns by itself: {id: seconds}
    leaving: str = ""  # an address the page sent the tab to (a live class's student following the teacher)


class Student:
    """One browser tab on the app at ``base`` (``http://host:port[/base path]``), driven by a bench or a test."""

    def __init__(self, base: str, timeout: float = 60.0, cookies: str = ""):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.cookies = cookies  # a proxy's stickiness cookie, sent back as a browser would
        self.page = Page()
        self.socket = None
        self.moved: dict[str, list] = {}  # where this student left each slider of the open page
        self.session_id = ""  # the server's id of this tab's session (from new_session)

    @property
    def stream_url(self) -> str:
        return "ws" + self.base.removeprefix("http") + "/_stcore/stream"

    async def connect(self, resume: str = "") -> None:
        """Open the websocket; with ``resume`` (a session id) ask for that session back, as a browser does after
        its connection dropped (the id rides in the subprotocol list, after the XSRF token's place)."""
        headers = {"Cookie": self.cookies} if self.cookies else None
        protocols = ["streamlit", "none", resume] if resume else ["streamlit"]
        self.socket = await websockets.connect(
            self.stream_url, subprotocols=protocols, max_size=MAX_MESSAGE, additional_headers=headers,
            open_timeout=self.timeout, compression=None,
        )
        cookie = self.socket.response.headers.get("Set-Cookie")
        if cookie:  # as a browser does: the proxy's latest word on which replica serves this tab
            self.cookies = cookie.split(";", 1)[0]

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
            self.socket = None

    async def open(self, path: str, query: str = "") -> Outcome:
        """Open the page at URL path ``path`` (``""`` is the home page) with ``query``, as a new tab would: a new
        connection, so a new session on the server (the old one is closed)."""
        started = time.perf_counter()
        await self.close()
        self.page = Page(path=path, query=query)
        self.moved = {}
        try:
            await asyncio.wait_for(self.connect(), self.timeout)
        except (OSError, TimeoutError, websockets.WebSocketException) as error:
            return Outcome("open", path, time.perf_counter() - started, f"connect: {error!r}", at=started)
        return await self._run("open", BackMsg(), started)

    async def reconnect(self) -> Outcome:
        """Drop the connection and come back to the same session (if the server still has it), then rerun the
        page as a browser does after reconnecting. ``session_id`` tells whether the session was kept."""
        started = time.perf_counter()
        resume = self.session_id
        await self.close()
        try:
            await asyncio.wait_for(self.connect(resume), self.timeout)
        except (OSError, TimeoutError, websockets.WebSocketException) as error:
            return Outcome("open", self.page.path, time.perf_counter() - started, f"connect: {error!r}",
                           at=started)
        return await self._run("open", BackMsg(), started)

    async def move(self, key: str, values: list | None = None, rng: random.Random | None = None) -> Outcome:
        """Move the bound slider ``key`` of the open page to ``values`` (or drag it from where it stands)."""
        slider = self.page.sliders[key]
        values = values if values is not None else slider.pick(rng or random.Random(), self.moved.get(key))
        self.moved[key] = list(values)
        message = BackMsg()
        message.rerun_script.widget_states.widgets.append(slider.state(values))
        message.rerun_script.fragment_id = slider.fragment
        return await self._run("move", message, time.perf_counter())

    async def check(self, fragment: str) -> Outcome:
        """Rerun the fragment ``fragment`` as a browser does on its own every ``auto_reruns[fragment]`` seconds (a
        live class's student checking the class). When the page sends the tab elsewhere, ``page.leaving`` says
        where; ``follow`` goes there."""
        message = BackMsg()
        message.rerun_script.fragment_id = fragment
        message.rerun_script.is_auto_rerun = True
        return await self._run("check", message, time.perf_counter())

    async def follow(self) -> Outcome:
        """Go where the page sent the tab (``page.leaving``: ``/path?query``), as the browser does: a new tab's
        session on that page."""
        path, _, query = self.page.leaving.partition("?")
        return await self.open(path.strip("/"), query)

    async def move_any(self, rng: random.Random) -> Outcome:
        """Drag one of the page's bound sliders, chosen at random."""
        if not self.page.sliders:
            return await self.open(self.page.path, self.page.query)
        return await self.move(rng.choice(sorted(self.page.sliders)), rng=rng)

    async def _run(self, kind: str, message: BackMsg, started: float) -> Outcome:
        state = message.rerun_script
        state.query_string = self.page.query
        state.page_script_hash = self.page.script_hash
        if not self.page.script_hash:
            state.page_name = self.page.path
        outcome = Outcome(kind, self.page.path, 0.0, at=started)
        sliders: dict[str, Slider] = {}
        links: list[str] = []
        try:
            await self.socket.send(message.SerializeToString())
            deadline = started + self.timeout
            while True:
                data = await asyncio.wait_for(self.socket.recv(), max(deadline - time.perf_counter(), 0.001))
                outcome.received += len(data)
                forward = ForwardMsg()
                forward.ParseFromString(data)
                finished = self._read(forward, outcome, sliders, links)
                if finished is None:
                    continue
                if finished == COMPILE_ERROR:
                    outcome.error = outcome.error or "script did not compile"
                if finished in FINISHED or finished == COMPILE_ERROR:
                    outcome.fragment_run = finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                    break
        except TimeoutError:
            outcome.error = outcome.error or f"no script_finished within {self.timeout:g} s"
        except (OSError, websockets.WebSocketException) as error:
            outcome.error = outcome.error or f"connection: {error!r}"
            await self.close()
        outcome.seconds = time.perf_counter() - started
        if state.fragment_id:  # a fragment's rerun redraws only the fragment's own widgets
            self.page.sliders.update(sliders)
        else:
            self.page.sliders, self.page.links = sliders, links
        return outcome

    def _read(self, forward: ForwardMsg, outcome: Outcome, sliders: dict, links: list):
        """Take in one forward-message; return the status of ``script_finished``, else None."""
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                outcome.error = outcome.error or f"exception: {element.exception.type}: {element.exception.message}"
            elif which == "slider" and url_key(element.slider):
                sliders[url_key(element.slider)] = Slider.from_proto(element.slider, forward.delta.fragment_id)
            elif which == "markdown":
                links.extend(html.unescape(query) for query in LINK.findall(element.markdown.body))
            elif which == "html" and element.html.unsafe_allow_javascript:
                leaving = LEAVING.search(element.html.body)
                self.page.leaving = json.loads(leaving.group(1)) if leaving else self.page.leaving
        elif kind == "new_session":
            self.session_id = forward.new_session.initialize.session_id
        elif kind == "navigation":
            self.page.script_hash = forward.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.page.query = forward.page_info_changed.query_string
        elif kind == "auto_rerun":
            self.page.auto_reruns[forward.auto_rerun.fragment_id] = forward.auto_rerun.interval
        elif kind == "page_not_found":
            outcome.error = outcome.error or f"page not found: {forward.page_not_found.page_name}"
        elif kind == "script_finished":
            return forward.script_finished
        return None
