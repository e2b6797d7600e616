"""Two replicas behind HAProxy (``deploy/local.py`` with ``deploy/haproxy.cfg``), on the loopback interface: a
session sticks to its replica, every page loads through the proxy, and killing one replica leaves the sessions on
the other untouched while a browser that was on it gets a working page again.

CI installs HAProxy (``.ci/run``); where it is missing locally the test is skipped.
"""

import asyncio
import shutil

import pytest

from deploy.local import HAPROXY, Stack
from deploy.students import Student
from pages import lesson_pages

pytestmark = pytest.mark.skipif(shutil.which(HAPROXY) is None and shutil.which("haproxy") is None,
                                reason="HAProxy is not installed (apt-get install -y haproxy; CI installs it)")


@pytest.fixture(scope="module")
def stack():
    with Stack(2, warm=True) as running:  # as deploy.local starts them: every lesson opened once on each
        yield running


def replica_of(student: Student) -> int:
    """Which replica the proxy's cookie sends this browser to (0 or 1)."""
    name, _, value = student.cookies.partition("=")
    assert name == "lab_replica", student.cookies
    return int(value.removeprefix("lab")) - 1


def test_every_page_loads_through_the_proxy_and_the_session_sticks_to_its_replica(stack):
    async def visit():
        student = Student(stack.url, timeout=45)
        outcomes = [await student.open("")]
        for page in lesson_pages():
            outcomes.append(await student.open(page.url_path))
        first_id = student.session_id
        moved = await student.move("steps", [30]) if "steps" in student.page.sliders else None
        outcomes.append(await student.open("feature_scaling"))
        session = student.session_id
        outcomes.append(await student.move("lr", ["2"]))
        outcomes.append(await student.move("steps", [20]))
        kept = student.session_id
        outcomes.append(await student.reconnect())  # a dropped connection: the browser asks for its session back
        resumed = student.session_id
        await student.close()
        return student, outcomes, first_id, moved, session, kept, resumed

    student, outcomes, first_id, moved, session, kept, resumed = asyncio.run(visit())
    assert [outcome.error for outcome in outcomes] == [""] * len(outcomes)
    assert moved is None or moved.error == ""
    assert first_id
    assert replica_of(student) in (0, 1)
    # Reruns stay in one session, and after a reconnection the proxy brings the browser back to the replica that
    # holds its session, which resumes it (another replica would have started a new one).
    assert session == kept == resumed


def test_killing_one_replica_leaves_the_other_replicas_sessions_alone(stack):
    async def scenario():
        class_ = [Student(stack.url, timeout=45) for _ in range(6)]
        opened = [await student.open("feature_scaling") for student in class_]
        on = [replica_of(student) for student in class_]
        assert set(on) == {0, 1}, f"leastconn should have used both replicas: {on}"
        doomed = on[0]
        stack.stop_replica(doomed)
        survivors = [student for student, replica in zip(class_, on, strict=True) if replica != doomed]
        victims = [student for student, replica in zip(class_, on, strict=True) if replica == doomed]
        ids = [student.session_id for student in survivors]
        moves = [await student.move("lr", ["0.5"]) for student in survivors]
        reconnected = [await student.reconnect() for student in survivors]
        # The browsers that were on the dead replica reconnect (with its cookie): they get a working page elsewhere.
        recovered = [await student.reconnect() for student in victims]
        reopened = [await student.open("optimizer_lab") for student in victims]
        result = (opened, moves, reconnected, recovered, reopened, ids, [s.session_id for s in survivors],
                  doomed, [replica_of(student) for student in victims])
        for student in class_:
            await student.close()
        return result

    (opened, moves, reconnected, recovered, reopened, ids_before, ids_after, doomed,
     victims_now) = asyncio.run(scenario())
    assert all(outcome.error == "" for outcome in opened + moves + reconnected)
    assert ids_after == ids_before  # the surviving replica's sessions are the same sessions
    assert all(outcome.error == "" for outcome in recovered + reopened), [o.error for o in recovered + reopened]
    assert victims_now == [1 - doomed] * len(victims_now)  # the proxy's cookie now names the live replica
