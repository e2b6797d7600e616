"""The ``follow`` scenario of ``python -m bench classroom``: a live class, students following a teacher.

The class lives in the replicas' Redis (``deploy.local.Stack`` starts one). The teacher's changes are written there
as the teacher's page writes them (``ui.class_store.RedisStore.publish`` with the teacher token), so the figures are
what following costs: the students are simulated browser tabs (``deploy.students.Student``) that rerun their
page's check every second as a browser does (``auto_rerun``) and, when the page sends them to the teacher's
address, open it. Measured:

- latency: from the teacher's change to each student's page finished at the teacher's address;
- idle following: the servers' processor time per second while nobody changes anything (cores);
- an outage: Redis stopped (SIGSTOP) for ``outage`` seconds mid-class, then a change: errors on the students'
  pages (none expected) and how long after Redis returned every student had followed.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from dataclasses import dataclass, field

from deploy.students import Outcome, Student, cpu_seconds
from ui.class_store import RedisStore, new_token

PAGE = "feature_scaling"
RATES = ("0.05", "0.2", "0.5", "0.15", "0.3", "0.07", "0.7", "0.1")  # what the teacher sets, one after another


@dataclass
class Follow:
    """What the follow scenario measured."""

    latencies: list[float] = field(default_factory=list)  # seconds, one per student per change
    outcomes: list[Outcome] = field(default_factory=list)
    idle_cores: float = 0.0
    resumed: float | None = None  # seconds from Redis's return to every student following again
    missed: int = 0  # a student who never arrived at a change


class Teacher:
    """The class's writer: the teacher's changes, timed."""

    def __init__(self, store: RedisStore):
        self.store, self.token = store, new_token()
        self.code = store.create(self.token, PAGE, {})
        self.version, self.changed_at = 1, {}

    def change(self, rate: str) -> None:
        self.store.publish(self.code, self.token, PAGE, {"lr": [rate]})
        self.version = self.store.version(self.code)
        self.changed_at[self.version] = (time.perf_counter(), rate)


async def student(number: int, base: str, teacher: Teacher, until: float, result: Follow) -> None:
    """A tab that joins the class, then reruns its check as often as the page asks until ``until``."""
    tab = Student(base, timeout=30)
    await asyncio.sleep(0.05 * number)  # a class does not click the link in the same millisecond
    result.outcomes.append(await tab.open("", f"class={teacher.code}"))
    if tab.page.leaving:
        result.outcomes.append(await tab.follow())
    check = next(iter(tab.page.auto_reruns), None)
    if check is None:
        result.outcomes.append(Outcome("check", PAGE, 0.0, "the page has no class check"))
        await tab.close()
        return
    interval = tab.page.auto_reruns[check]
    try:
        while time.perf_counter() < until:
            await asyncio.sleep(interval)
            outcome = await tab.check(check)
            result.outcomes.append(outcome)
            if tab.page.leaving:
                version = teacher.version
                arrived = await tab.follow()
                result.outcomes.append(arrived)
                changed, rate = teacher.changed_at.get(version, (None, None))
                if changed is not None and f"lr={rate}" in tab.page.query:
                    result.latencies.append(time.perf_counter() - changed)
                check = next(iter(tab.page.auto_reruns), check)
    finally:
        await tab.close()


async def follow(base: str, pids: list[int], store_url: str, redis_pid: int, students: int, changes: int = 6,
                 pause: float = 4.0, idle: float = 10.0, outage: float = 20.0) -> Follow:
    teacher, result = Teacher(RedisStore(store_url)), Follow()
    until = time.perf_counter() + 3600
    tabs = [asyncio.create_task(student(number, base, teacher, until, result)) for number in range(students)]
    await asyncio.sleep(5 + 0.05 * students)  # everyone has joined
    before, started = cpu_seconds(*pids), time.perf_counter()
    await asyncio.sleep(idle)
    result.idle_cores = (cpu_seconds(*pids) - before) / (time.perf_counter() - started)
    for rate in RATES[:changes]:
        teacher.change(rate)
        await asyncio.sleep(pause)
    os.kill(redis_pid, signal.SIGSTOP)
    await asyncio.sleep(outage)
    os.kill(redis_pid, signal.SIGCONT)
    returned = time.perf_counter()
    arrived_before = len(result.latencies)
    teacher.change(RATES[changes % len(RATES)])
    deadline = returned + 30
    while len(result.latencies) < arrived_before + students and time.perf_counter() < deadline:
        await asyncio.sleep(0.1)
    if len(result.latencies) >= arrived_before + students:
        result.resumed = time.perf_counter() - returned
    result.missed = students * (changes + 1) - len(result.latencies)
    for tab in tabs:
        tab.cancel()
    await asyncio.gather(*tabs, return_exceptions=True)
    return result
