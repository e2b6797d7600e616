"""A whole class at once: simulated students over Streamlit's websocket protocol; latency, errors, server memory.

    python -m bench classroom                       # every scenario, short, each on a new warmed `streamlit run`
    python -m bench classroom class --students 30 --seconds 60
    python -m bench classroom class --students 60 --replicas 2   # through HAProxy in front of 2 replicas
    python -m bench classroom soak --students 30 --seconds 600  # memory over a long class, then after it ends
    python -m bench classroom follow --students 30              # a live class: students following the teacher
    python -m bench classroom follow --students 60 --replicas 2

Scenarios (each on its own new server unless --url is given; the server has opened every lesson page once before,
as deploy.local does before a class, unless --cold):
  one          1 student, 30 actions one after another
  class        N students, each acting every 5 s on average for the given time: a quarter of the actions open a
               lesson page (with one of its experiment links, as a new tab), the rest drag a bound slider of the
               open page (up to a tenth of its range)
  same-slider  N students on the feature-scaling page set the learning rate to 2 at the same moment
  same-page    N students open the optimizer lab at the same moment
  soak         the class scenario for longer, printing the server's memory every --every seconds; then every student
               closes the page and memory is followed while the server drops the closed sessions
  follow       a live class in the servers' Redis: N students join and follow the teacher's changes (bench/_follow.py:
               latency of a change to every screen, the cores idle following costs, Redis stopped for 20 s mid-class)

Latency is from sending the action to ``script_finished``; an exception shown on a page, a page not found, a closed
connection or a run over --timeout is an error. Memory is the resident size of the server processes (start, peak,
end); server CPU is the processor time they used (with their helpers) per action, which sets how many students a
core holds. The one-minute load average of the machine is printed with every line: the machine may be shared. The
first line also times a fixed piece of work, the sandbox's default training (what one sandbox move costs the helper;
the best of three, in this process, before any server starts): a machine's speed varies from day to day, and
figures taken on different days compare only next to it.
Everything runs on 127.0.0.1 and is bounded by --students (at most 200) and --seconds (at most 7200).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bench import _follow
from deploy.local import Stack
from deploy.students import Outcome, Student, cpu_seconds, load_average, rss_mb
from pages import lesson_pages

SCENARIOS = ("one", "class", "same-slider", "same-page", "soak", "follow")
MEAN_PAUSE = 5.0  # seconds between a student's actions, on average
OPEN_SHARE = 0.25  # of the actions, how many open a page rather than move a slider
SAME_SLIDER = ("feature_scaling", "lr", "2")  # "now set the learning rate to 2"
SAME_PAGE = "optimizer_lab"
MAX_STUDENTS, MAX_SECONDS = 200, 7200
COLD_SECONDS = 15.0  # the start of a class, reported apart


@dataclass
class Memory:
    """The server's resident memory, sampled while a scenario runs."""

    pids: list[int]
    samples: list[tuple[float, float]] = field(default_factory=list)  # (seconds since start, MB)

    def sample(self, started: float) -> float:
        megabytes = rss_mb(*self.pids)
        self.samples.append((time.perf_counter() - started, megabytes))
        return megabytes

    async def follow(self, started: float, every: float = 0.5) -> None:
        while True:
            self.sample(started)
            await asyncio.sleep(every)

    def summary(self) -> str:
        if not self.pids or not self.samples:
            return "n/a"
        values = [megabytes for _, megabytes in self.samples]
        return f"{values[0]:.0f} -> peak {max(values):.0f} -> {values[-1]:.0f} MB"


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered) + 0.5)) - 1))]


def latency(outcomes: list[Outcome]) -> str:
    """How many actions, and their p50 / p95 / max latency."""
    seconds = [outcome.seconds for outcome in outcomes]
    return (f"n={len(seconds):<5} p50 {1000 * statistics.median(seconds):6.0f} ms  "
            f"p95 {1000 * percentile(seconds, 0.95):6.0f} ms  max {1000 * max(seconds):6.0f} ms")


def line(name: str, outcomes: list[Outcome], memory: Memory, load_before: float, cpu: float | None) -> str:
    """The scenario's summary: latency, errors, memory, the load, and the processor time the servers (with their
    helpers) used per action (``cpu`` seconds in all; None when their processes are not known)."""
    errors = [outcome for outcome in outcomes if outcome.error]
    if not outcomes:
        return f"{name:<34} no actions"
    per_action = f"  server CPU {1000 * cpu / len(outcomes):.0f} ms per action" if cpu is not None else ""
    text = (f"{name:<34} {latency(outcomes)}  errors {len(errors)}  memory {memory.summary()}  "
            f"load {load_before:.2f}->{load_average():.2f}{per_action}")
    if len({(outcome.kind, outcome.page) for outcome in outcomes}) > 1:
        text += warm_and_cold(outcomes) + breakdown(outcomes)
    for error in errors[:3]:
        text += f"\n    error on {error.page or 'home'} ({error.kind}): {error.error[:300]}"
    return text


def warm_and_cold(outcomes: list[Outcome], cold: float = COLD_SECONDS) -> str:
    """p50 / p95 of the actions started in the first ``cold`` seconds (the class arrives: on a --cold server every
    page's first view is computed then) and of those started later."""
    first = min(outcome.at for outcome in outcomes)
    text = ""
    for name, group in ((f"first {cold:.0f} s", [o for o in outcomes if o.at - first < cold]),
                        ("after", [o for o in outcomes if o.at - first >= cold])):
        if group:
            text += f"\n    {name:<22} {latency(group)}  errors {sum(1 for o in group if o.error)}"
    return text


def breakdown(outcomes: list[Outcome]) -> str:
    """p50 / p95 / max and megabytes received per action kind and page, slowest first."""
    groups: dict[tuple[str, str], list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault((outcome.kind, outcome.page or "home"), []).append(outcome)
    rows = sorted(groups.items(), key=lambda item: -percentile([o.seconds for o in item[1]], 0.95))
    text = ""
    for (kind, page), group in rows:
        text += (f"\n    {kind:<5} {page:<16} {latency(group)}  "
                 f"{sum(outcome.received for outcome in group) / len(group) / 1e6:.2f} MB received per action")
    return text


def lesson_paths() -> list[str]:
    return [page.url_path for page in lesson_pages()]


async def student_in_class(number: int, base: str, until: float, seed: int, outcomes: list[Outcome]) -> None:
    """One student for the class: joins within the first pause, opens a lesson, then acts every ~5 s."""
    rng = random.Random(seed * 1000 + number)
    student = Student(base)
    paths = lesson_paths()
    next_action = time.perf_counter() + rng.uniform(0, MEAN_PAUSE)
    try:
        while True:
            await asyncio.sleep(max(next_action - time.perf_counter(), 0))
            if time.perf_counter() >= until:
                break
            next_action = time.perf_counter() + rng.expovariate(1 / MEAN_PAUSE)
            if student.socket is None or not student.page.sliders or rng.random() < OPEN_SHARE:
                path = rng.choice(paths)
                links = student.page.links if path == student.page.path else []
                outcome = await student.open(path, rng.choice(links) if links and rng.random() < 0.8 else "")
            else:
                outcome = await student.move_any(rng)
            outcomes.append(outcome)
    finally:
        await student.close()


async def one(base: str, actions: int = 30, seed: int = 0) -> list[Outcome]:
    rng = random.Random(seed)
    student, outcomes = Student(base), []
    paths = lesson_paths()
    for index in range(actions):
        if index % 5 == 0 or not student.page.sliders:
            outcomes.append(await student.open(paths[(index // 5) % len(paths)]))
        else:
            outcomes.append(await student.move_any(rng))
        await asyncio.sleep(0.2)
    await student.close()
    return outcomes


async def in_class(base: str, students: int, seconds: float, seed: int = 0,
                   outcomes: list[Outcome] | None = None) -> list[Outcome]:
    """The class scenario; ``outcomes`` (if given) is filled as the actions finish."""
    outcomes = [] if outcomes is None else outcomes
    until = time.perf_counter() + seconds
    await asyncio.gather(*(student_in_class(number, base, until, seed, outcomes) for number in range(students)))
    return outcomes


async def same_slider(base: str, students: int) -> list[Outcome]:
    """Everyone opens the feature-scaling page (a few at a time, not measured), then all set lr = 2 at once."""
    path, key, value = SAME_SLIDER
    class_ = [Student(base) for _ in range(students)]
    for group in range(0, students, 5):
        opened = await asyncio.gather(*(student.open(path) for student in class_[group:group + 5]))
        if any(outcome.error for outcome in opened):
            return opened
    outcomes = await asyncio.gather(*(student.move(key, [value]) for student in class_))
    await asyncio.gather(*(student.close() for student in class_))
    return list(outcomes)


async def same_page(base: str, students: int) -> list[Outcome]:
    class_ = [Student(base) for _ in range(students)]
    outcomes = await asyncio.gather(*(student.open(SAME_PAGE) for student in class_))
    await asyncio.gather(*(student.close() for student in class_))
    return list(outcomes)


async def soak(base: str, students: int, seconds: float, every: float, memory: Memory, started: float,
               after: float) -> list[Outcome]:
    """The class for ``seconds``, printing memory every ``every`` s; then everyone leaves and memory is followed for
    ``after`` s (the server keeps a closed session for ``server.disconnectedSessionTTL``)."""
    outcomes: list[Outcome] = []

    async def report() -> None:
        while True:
            await asyncio.sleep(every)
            recent = [outcome.seconds for outcome in outcomes[-200:]]
            p95 = f"p95 of the last 200 actions {1000 * percentile(recent, 0.95):.0f} ms" if recent else ""
            print(f"  {time.perf_counter() - started:6.0f} s  {memory.sample(started):6.0f} MB  "
                  f"{len(outcomes)} actions  {sum(1 for o in outcomes if o.error)} errors  {p95}  "
                  f"load {load_average():.2f}", flush=True)

    reporter = asyncio.create_task(report())
    await in_class(base, students, seconds, outcomes=outcomes)
    print(f"  class over: every page closed; following memory for {after:.0f} s", flush=True)
    await asyncio.sleep(after)
    reporter.cancel()
    print(f"  {time.perf_counter() - started:6.0f} s  {memory.sample(started):6.0f} MB after the class", flush=True)
    return outcomes


def follow_line(label: str, found: _follow.Follow) -> str:
    errors = sum(1 for outcome in found.outcomes if outcome.error)
    delays = found.latencies
    p50, p95 = (1000 * percentile(delays, share) for share in (0.5, 0.95)) if delays else (0.0, 0.0)
    figures = (f"change to screen p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {1000 * max(delays):.0f} ms over "
               f"{len(delays)} arrivals" if delays else "no arrival")
    resumed = f"{found.resumed:.1f} s" if found.resumed is not None else "not within 30 s"
    return (f"{label}: {figures}; {found.missed} missed; idle following {found.idle_cores:.3f} cores; "
            f"after Redis stopped 20 s: {errors} errors, everyone followed again {resumed} after it returned")


async def scenario(name: str, base: str, pids: list[int], args, stack=None) -> str:
    if name == "follow":
        if stack is None or stack.redis is None:
            raise SystemExit("follow needs the servers started here (no --url): they share the bench's Redis")
        found = await _follow.follow(base, pids, stack.redis.url, stack.redis.process.pid, args.students)
        return follow_line(f"{args.students} students follow, {args.replicas} replica(s)", found)
    memory = Memory(pids)
    started, load_before = time.perf_counter(), load_average()
    cpu_before = cpu_seconds(*pids)
    follower = asyncio.create_task(memory.follow(started))
    if name == "one":
        label, outcomes = "1 student, 30 actions", await one(base)
    elif name == "class":
        label = f"{args.students} students, {args.seconds:g} s"
        outcomes = await in_class(base, args.students, args.seconds, args.seed)
    elif name == "same-slider":
        label, outcomes = f"{args.students} set lr=2 at once", await same_slider(base, args.students)
    elif name == "same-page":
        label, outcomes = f"{args.students} open {SAME_PAGE} at once", await same_page(base, args.students)
    else:
        label = f"soak: {args.students} students, {args.seconds:g} s"
        outcomes = await soak(base, args.students, args.seconds, args.every, memory, started, args.after)
    follower.cancel()
    memory.sample(started)
    cpu = cpu_seconds(*pids) - cpu_before if pids else None
    return line(label, outcomes, memory, load_before, cpu)


def reference_seconds(repeats: int = 3) -> float:
    """The machine's speed now: the best wall time of ``repeats`` default sandbox trainings (2 x 16 units, 1,000
    steps of Adam on 140 training points of the moons, with its snapshots), one after another in this process."""
    from pages.playground import trainer

    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        trainer.train(trainer.Setup(), "moons", 0.2, 200, 0)  # the page's defaults: noise 0.2, 200 points
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench classroom", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("scenarios", nargs="*", metavar="scenario",
                        help=f"any of {', '.join(SCENARIOS)} (default: all but soak)")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the class and soak scenarios")
    parser.add_argument("--replicas", type=int, default=1, help="Streamlit processes; more than 1 runs HAProxy")
    parser.add_argument("--url", help="an app already running (then memory is read from --pid)")
    parser.add_argument("--pid", type=int, action="append", default=[], help="server process ids, with --url")
    parser.add_argument("--cold", action="store_true",
                        help="measure the servers started here as they start, without opening every lesson first "
                             "(deploy/warm.py, what deploy.local does before a class)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--every", type=float, default=30.0, help="soak: seconds between memory lines")
    parser.add_argument("--after", type=float, default=150.0,
                        help="soak: seconds to follow memory after the class (the server keeps closed sessions "
                             "for server.disconnectedSessionTTL, 120 s by default)")
    parser.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                        help="a Streamlit setting for the servers started here, e.g. server.disconnectedSessionTTL=30")
    args = parser.parse_args(argv)
    if args.url and urlsplit(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("--url must be on this machine (127.0.0.1): the load test stays on the loopback interface")
    unknown = [name for name in args.scenarios if name not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {', '.join(unknown)}: choose from {', '.join(SCENARIOS)}")
    args.students = min(max(args.students, 1), MAX_STUDENTS)
    args.seconds = min(max(args.seconds, 1.0), MAX_SECONDS)
    names = args.scenarios or ["one", "class", "same-slider", "same-page"]
    options = dict(option.split("=", 1) for option in args.option)
    print(f"cores {len(os.sched_getaffinity(0))}, replicas {args.replicas}, load {load_average():.2f}, "
          f"reference work {reference_seconds() * 1000:.0f} ms", flush=True)
    for name in names:
        if args.url:
            stack, base, pids = nullcontext(), args.url, args.pid
        else:
            stack = Stack(args.replicas, proxy=args.replicas > 1, options=options, warm=not args.cold)
        with stack:
            if not args.url:
                base, pids = stack.url, stack.pids
            print(asyncio.run(scenario(name, base, pids, args, None if args.url else stack)), flush=True)
