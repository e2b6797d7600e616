"""Several replicas of the app behind HAProxy on this machine, without containers, on the loopback interface only.

    python -m deploy.local --replicas 2 --port 8080     # then open http://127.0.0.1:8080; Ctrl+C stops everything

Each replica is ``streamlit run app.py`` on a free port of 127.0.0.1, and a live class's shared state is in one
``redis-server`` they all reach (``LAB_CLASS_STORE``; ``apt-get install redis-server``). The proxy's configuration is
``deploy/haproxy.cfg`` itself, with its listening address and its ``server`` lines rewritten for these ports, so
what runs here (and in the replica test) is the configuration a school server uses. Logs and the rendered
configuration go to a temporary folder, printed at start. ``Stack`` is the same as a context manager, for the
replica test and ``python -m bench classroom --replicas N``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from deploy import warm

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Path(__file__).resolve().parent / "haproxy.cfg"
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
HOST = "127.0.0.1"
SERVER_LINE = re.compile(r"^(\s*)server\s+\S+\s+\S+.*$")
BIND_LINE = re.compile(r"^(\s*)bind\s+\S+.*$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not healthy(url):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become healthy (exit code {process.poll()})")
        time.sleep(0.2)


class RedisServer:
    """``redis-server`` on ``port`` of the loopback interface, keeping nothing on disk: the store of a live class
    that every replica reaches. ``stop`` and ``start`` again on the same port is a store that goes away and comes
    back (empty: a class must be started again)."""

    def __init__(self, port: int | None = None, log=subprocess.DEVNULL):
        self.port, self.log, self.process = port or free_port(), log, None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> RedisServer:
        server = shutil.which("redis-server")
        if server is None:
            raise RuntimeError("redis-server is not installed (apt-get install -y redis-server)")
        self.process = subprocess.Popen([server, "--port", str(self.port), "--bind", HOST, "--save", "",
                                         "--appendonly", "no"], stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection((HOST, self.port), timeout=0.2):
                    return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def proxy_config(template: str, port: int, replica_ports: list[int]) -> str:
    """``deploy/haproxy.cfg`` listening on ``127.0.0.1:port``, its ``server`` lines replaced by one per replica."""
    lines = template.splitlines()
    first = next(index for index, line in enumerate(lines) if SERVER_LINE.match(line))
    indent = SERVER_LINE.match(lines[first]).group(1)
    servers = [f"{indent}server lab{number} {HOST}:{replica} cookie lab{number}"
               for number, replica in enumerate(replica_ports, start=1)]
    rest = [line for line in lines[first:] if not SERVER_LINE.match(line)]
    config = "\n".join(lines[:first] + servers + rest) + "\n"
    return BIND_LINE.sub(lambda line: f"{line.group(1)}bind {HOST}:{port}", config)


class Stack:
    """``replicas`` Streamlit processes and, unless ``proxy`` is False, HAProxy in front of them.

    ``url`` is where a browser goes (the proxy, or the only replica without one); ``pids`` are the replicas'
    process ids (for their memory); ``stop_replica(k)`` ends replica ``k`` as a crash would.
    ``options`` are extra ``--name value`` settings for every replica (``{"server.disconnectedSessionTTL": "30"}``);
    the replicas share one ``server.cookieSecret`` (a cookie one signs is valid on the others) and, with ``store``,
    one class store (``redis``: a :class:`RedisServer` they reach through ``LAB_CLASS_STORE``). With ``warm``, every
    replica has opened each lesson page once (``deploy.warm``) before ``start`` returns. Logs go to a temporary
    folder, removed at the end unless ``keep_logs``.
    """

    def __init__(self, replicas: int = 2, port: int | None = None, proxy: bool = True, options: dict | None = None,
                 app: str = "app.py", keep_logs: bool = False, warm: bool = False, store: bool = True):
        self.count, self.proxy, self.app, self.keep_logs, self.warm = replicas, proxy, app, keep_logs, warm
        self.redis: RedisServer | None = None
        self.store = store
        self.options = dict(options or {})
        self.port = port or free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="optimizer-lab-"))
        self.replica_ports: list[int] = []
        self.replicas: list[subprocess.Popen] = []
        self.haproxy: subprocess.Popen | None = None
        self._logs = []

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port if self.proxy else self.replica_ports[0]}"

    @property
    def pids(self) -> list[int]:
        return [process.pid for process in self.replicas if process.poll() is None]

    def replica_url(self, index: int) -> str:
        return f"http://{HOST}:{self.replica_ports[index]}"

    def _log(self, name: str):
        log = open(self.folder / name, "w")  # noqa: SIM115 (closed in stop)
        self._logs.append(log)
        return log

    def start(self) -> Stack:
        secret = secrets.token_hex(32)  # the same on every replica: cookies signed by one are valid on all
        try:
            environment = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}
            if self.store:
                self.redis = RedisServer(log=self._log("redis.log")).start()
                environment["LAB_CLASS_STORE"] = self.redis.url
            for number in range(1, self.count + 1):
                port = self.port if number == 1 and not self.proxy else free_port()
                settings = {"server.headless": "true", "server.address": HOST, "server.port": str(port),
                            "server.fileWatcherType": "none", "browser.gatherUsageStats": "false",
                            **self.options}
                command = [sys.executable, "-m", "streamlit", "run", self.app]
                command += [part for name, value in settings.items() for part in (f"--{name}", value)]
                self.replica_ports.append(port)
                self.replicas.append(subprocess.Popen(
                    command, cwd=ROOT, stdout=self._log(f"replica{number}.log"), stderr=subprocess.STDOUT,
                    env=environment))
            for index, process in enumerate(self.replicas):
                wait_healthy(self.replica_url(index), process)
            if self.warm:
                for index in range(self.count):
                    problems = asyncio.run(warm.warm(self.replica_url(index)))
                    if problems:
                        raise RuntimeError(f"warming {self.replica_url(index)}: {'; '.join(problems)}")
            if self.proxy:
                config = self.folder / "haproxy.cfg"
                config.write_text(proxy_config(CONFIG.read_text(), self.port, self.replica_ports))
                self.haproxy = subprocess.Popen([HAPROXY, "-db", "-f", str(config)],
                                                stdout=self._log("haproxy.log"), stderr=subprocess.STDOUT)
                wait_healthy(self.url, self.haproxy, 15)
        except BaseException:
            self.stop()
            raise
        return self

    def stop_replica(self, index: int) -> None:
        """End replica ``index`` at once (SIGKILL), as a crash or an out-of-memory kill would."""
        self.replicas[index].kill()
        self.replicas[index].wait(timeout=10)

    def stop(self) -> None:
        processes = [process for process in (self.haproxy, *self.replicas) if process is not None]
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if self.redis is not None:
            self.redis.stop()
        for log in self._logs:
            log.close()
        self._logs.clear()
        if not self.keep_logs:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.local", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=max(os.cpu_count() or 1, 1),
                        help="Streamlit processes (default: one per core)")
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port on 127.0.0.1 (default 8080)")
    args = parser.parse_args(argv)
    print(f"starting {args.replicas} replicas and the class store (redis-server); each replica opens every lesson once "
          "before the class (deploy/warm.py)")
    with Stack(args.replicas, args.port, keep_logs=True, warm=True) as stack:
        print(f"{args.replicas} replicas behind HAProxy: {stack.url}   (logs and configuration: {stack.folder})")
        print("Ctrl+C stops them.")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while all(process.poll() is None for process in [stack.haproxy, *stack.replicas]):
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
