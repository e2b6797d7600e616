"""Where a live class keeps its shared state: in this process (one server, the default) or in Redis/Valkey when
``LAB_CLASS_STORE`` names one (``redis://host:port/0``: replicas behind a proxy share it).

A class is a small record: the teacher's page and query (the whole state of a page is in its URL), a version that
grows with every change, the predict-then-reveal questions the teacher revealed, and the students' answers. Only
the holder of the teacher token writes the page, reveals or ends the class; the store keeps a hash of the token,
never the token. A class ends by itself after ``IDLE_SECONDS`` without a change, or when the teacher ends it.

Every operation either works or raises :class:`StoreDown` (the store cannot be reached): a page catches it, tells
the user, and carries on alone.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass, field

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector and typed on a phone
CODE_LENGTH = 6  # 32⁶ ≈ 1.1·10⁹ codes; with JOINS_PER_MINUTE tries a minute, guessing one is hopeless
TOKEN_BYTES = 24  # the teacher token: 192 bits
IDLE_SECONDS = 4 * 3600  # a class no one changed for four hours has ended
JOINS_PER_MINUTE = 20  # wrong codes a client may try in a minute (right ones are not counted)
STORE_ENV = "LAB_CLASS_STORE"

log = logging.getLogger(__name__)


class StoreDown(RuntimeError):
    """The class store cannot be reached (Redis stopped, network down)."""


@dataclass(frozen=True)
class ClassState:
    """What a student follows: the teacher's ``page`` (its URL path, "" for the home page) and ``query``
    (``{key: [values]}``), the ``version`` that every change increases, and the stamps of the revealed questions."""

    code: str
    version: int
    page: str
    query: dict[str, list[str]]
    revealed: frozenset[str] = field(default_factory=frozenset)


def _encoded(query: dict[str, list[str]]) -> str:
    """A query as the store keeps it: one JSON text per query, whatever order its keys came in."""
    return json.dumps(query, sort_keys=True)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normal_code(text: str) -> str | None:
    """``text`` as a class code (case and spaces ignored, ``0``/``1`` read as ``O``/``I`` are not in the alphabet),
    or None when it cannot be one."""
    code = "".join(str(text).split()).upper().replace("-", "")
    return code if len(code) == CODE_LENGTH and all(char in CODE_ALPHABET for char in code) else None


class MemoryStore:
    """The class store of one server process: a dictionary under a lock."""

    def __init__(self, clock=time.monotonic):
        self._lock = threading.Lock()
        self._classes: dict[str, dict] = {}
        self._joins: dict[str, list[float]] = {}
        self._clock = clock

    def _live(self, code: str) -> dict | None:
        record = self._classes.get(code)
        if record is not None and self._clock() - record["touched"] > IDLE_SECONDS:
            del self._classes[code]
            return None
        return record

    def create(self, token: str, page: str, query: dict[str, list[str]]) -> str:
        with self._lock:
            code = new_code()
            while self._live(code) is not None:
                code = new_code()
            self._classes[code] = {"token": token_hash(token), "version": 1, "page": page, "query": query,
                                   "revealed": set(), "answers": {}, "touched": self._clock()}
            return code

    def state(self, code: str) -> ClassState | None:
        with self._lock:
            record = self._live(code)
            if record is None:
                return None
            return ClassState(code, record["version"], record["page"], dict(record["query"]),
                              frozenset(record["revealed"]))

    def version(self, code: str) -> int | None:
        with self._lock:
            record = self._live(code)
            return None if record is None else record["version"]

    def _teacher(self, code: str, token: str, action: str) -> dict | None:
        record = self._live(code)
        if record is None or not hmac.compare_digest(record["token"], token_hash(token or "")):
            log.warning("class %s: %s refused (no class or wrong teacher token)", code, action)
            return None
        record["touched"] = self._clock()
        return record

    def publish(self, code: str, token: str, page: str, query: dict[str, list[str]]) -> bool:
        with self._lock:
            record = self._teacher(code, token, "page change")
            if record is None:
                return False
            if (record["page"], record["query"]) != (page, query):
                record.update(page=page, query=query, version=record["version"] + 1)
            return True

    def reveal(self, code: str, token: str, stamp: str) -> bool:
        with self._lock:
            record = self._teacher(code, token, "reveal")
            if record is None:
                return False
            if stamp not in record["revealed"]:
                record["revealed"].add(stamp)
                record["version"] += 1
            return True

    def end(self, code: str, token: str) -> bool:
        with self._lock:
            if self._teacher(code, token, "end") is None:
                return False
            del self._classes[code]
            return True

    def answer(self, code: str, stamp: str, student: str, choice: str) -> bool:
        with self._lock:
            record = self._live(code)
            if record is None or stamp in record["revealed"]:
                return False
            record["answers"].setdefault(stamp, {})[student] = choice
            return True

    def answers(self, code: str, stamp: str) -> dict[str, str]:
        with self._lock:
            record = self._live(code)
            return {} if record is None else dict(record["answers"].get(stamp, {}))

    def may_join(self, client: str) -> bool:
        """Whether ``client`` may try a code now: fewer than ``JOINS_PER_MINUTE`` wrong codes in the last minute."""
        with self._lock:
            now = self._clock()
            self._joins[client] = [moment for moment in self._joins.get(client, []) if now - moment < 60]
            return len(self._joins[client]) < JOINS_PER_MINUTE

    def wrong_code(self, client: str) -> None:
        with self._lock:
            self._joins.setdefault(client, []).append(self._clock())


class RedisStore:
    """The class store in Redis or Valkey, shared by every replica. One hash per class (``lab:class:<code>``), one
    per question's answers (``...:answers:<stamp>``), a set of revealed stamps; all expire ``IDLE_SECONDS`` after
    the teacher's last change. A connection error raises :class:`StoreDown`; redis-py reconnects on the next call."""

    PREFIX = "lab:class:"

    def __init__(self, url: str):
        import redis  # only where a store is named: one server needs nothing installed

        self._errors = (redis.ConnectionError, redis.TimeoutError)
        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5,
                                           decode_responses=True)
        self._publish = self._redis.register_script(_PUBLISH)

    def _call(self, function, *args):
        try:
            return function(*args)
        except self._errors as error:
            raise StoreDown(str(error)) from error

    def _keys(self, code: str) -> tuple[str, str]:
        return self.PREFIX + code, self.PREFIX + code + ":revealed"

    def create(self, token: str, page: str, query: dict[str, list[str]]) -> str:
        def run() -> str:
            while True:
                code = new_code()
                key, _ = self._keys(code)
                if self._redis.hsetnx(key, "token", token_hash(token)):
                    self._redis.hset(key, mapping={"version": 1, "page": page, "query": _encoded(query)})
                    self._redis.expire(key, IDLE_SECONDS)
                    return code
        return self._call(run)

    def state(self, code: str) -> ClassState | None:
        def run() -> ClassState | None:
            key, revealed = self._keys(code)
            pipe = self._redis.pipeline()
            pipe.hmget(key, "version", "page", "query")
            pipe.smembers(revealed)
            (version, page, query), stamps = pipe.execute()
            if version is None:
                return None
            return ClassState(code, int(version), page, json.loads(query), frozenset(stamps))
        return self._call(run)

    def version(self, code: str) -> int | None:
        found = self._call(self._redis.hget, self._keys(code)[0], "version")
        return None if found is None else int(found)

    def publish(self, code: str, token: str, page: str, query: dict[str, list[str]]) -> bool:
        key, revealed = self._keys(code)
        done = self._call(self._publish, [key, revealed],
                          [token_hash(token or ""), page, _encoded(query), IDLE_SECONDS, ""])
        if not done:
            log.warning("class %s: page change refused (no class or wrong teacher token)", code)
        return bool(done)

    def reveal(self, code: str, token: str, stamp: str) -> bool:
        key, revealed = self._keys(code)
        done = self._call(self._publish, [key, revealed], [token_hash(token or ""), "", "", IDLE_SECONDS, stamp])
        if not done:
            log.warning("class %s: reveal refused (no class or wrong teacher token)", code)
        return bool(done)

    def end(self, code: str, token: str) -> bool:
        key, revealed = self._keys(code)
        stored = self._call(self._redis.hget, key, "token")
        if stored is None or not hmac.compare_digest(stored, token_hash(token or "")):
            log.warning("class %s: end refused (no class or wrong teacher token)", code)
            return False
        self._call(self._redis.delete, key, revealed)
        return True

    def answer(self, code: str, stamp: str, student: str, choice: str) -> bool:
        key, revealed = self._keys(code)

        def run() -> bool:
            if not self._redis.exists(key) or self._redis.sismember(revealed, stamp):
                return False
            answers = f"{key}:answers:{stamp}"
            self._redis.hset(answers, student, choice)
            self._redis.expire(answers, IDLE_SECONDS)
            return True
        return self._call(run)

    def answers(self, code: str, stamp: str) -> dict[str, str]:
        return self._call(self._redis.hgetall, f"{self._keys(code)[0]}:answers:{stamp}")

    def may_join(self, client: str) -> bool:
        tries = self._call(self._redis.get, f"lab:joins:{client}")
        return int(tries or 0) < JOINS_PER_MINUTE

    def wrong_code(self, client: str) -> None:
        def run() -> None:
            key = f"lab:joins:{client}"
            if self._redis.incr(key) == 1:
                self._redis.expire(key, 60)
        self._call(run)


# The teacher's write, checked and applied in one step on the server (KEYS: the class, its revealed stamps; ARGV:
# token hash, page, query, idle seconds, stamp). A page change when the stamp is empty, else a reveal. Returns 1
# when the token matched, 0 when not (or the class is gone).
_PUBLISH = """
local stored = redis.call('HGET', KEYS[1], 'token')
if not stored or stored ~= ARGV[1] then return 0 end
if ARGV[5] == '' then
  if redis.call('HGET', KEYS[1], 'page') ~= ARGV[2] or redis.call('HGET', KEYS[1], 'query') ~= ARGV[3] then
    redis.call('HSET', KEYS[1], 'page', ARGV[2], 'query', ARGV[3])
    redis.call('HINCRBY', KEYS[1], 'version', 1)
  end
elseif redis.call('SADD', KEYS[2], ARGV[5]) == 1 then
  redis.call('HINCRBY', KEYS[1], 'version', 1)
end
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
"""

_stores: dict[str, MemoryStore | RedisStore] = {}
_stores_lock = threading.Lock()


def store() -> MemoryStore | RedisStore:
    """The server's class store: Redis when ``LAB_CLASS_STORE`` names one, else this process's memory."""
    url = os.environ.get(STORE_ENV, "").strip()
    with _stores_lock:
        if url not in _stores:
            _stores[url] = RedisStore(url) if url else MemoryStore()
        return _stores[url]
