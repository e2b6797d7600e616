"""A real Redis server for the tests that claim the live class works on it (``deploy.local.RedisServer``: loopback,
a free port, nothing on disk), skipped where ``redis-server`` is not installed (CI installs it)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest

from deploy.local import RedisServer


@contextmanager
def running_redis():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install -y redis-server; CI installs it)")
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.stop()
