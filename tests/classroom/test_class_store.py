"""The class store's contract, on both stores a class can run on: this process's memory (one server) and a real
Redis server (replicas). Only the teacher token writes; versions grow with every change; answers are per question
and close when it is revealed; an ended class is gone; a Redis that goes away raises StoreDown and, once back,
serves again."""

from __future__ import annotations

import pytest

from support.redis_server import running_redis
from ui import class_store


@pytest.fixture(scope="module")
def redis_server():
    with running_redis() as server:
        yield server


@pytest.fixture(params=["memory", "redis"])
def store(request):
    if request.param == "memory":
        return class_store.MemoryStore()
    return class_store.RedisStore(request.getfixturevalue("redis_server").url)


def test_only_the_teacher_token_moves_the_class_and_each_change_is_a_new_version(store):
    code = store.create("secret", "feature_scaling", {"lr": ["0.5"]})
    assert class_store.normal_code(code.lower()) == code
    first = store.state(code)
    assert (first.page, first.query, first.version) == ("feature_scaling", {"lr": ["0.5"]}, 1)
    assert not store.publish(code, "guess", "dropout", {})
    assert not store.publish(code, "", "dropout", {})
    assert store.version(code) == 1
    assert store.publish(code, "secret", "dropout", {"do_rates": ["0", "0.5"]})
    assert store.publish(code, "secret", "dropout", {"do_rates": ["0", "0.5"]})  # the same state: no new version
    state = store.state(code)
    assert (state.page, state.query, state.version) == ("dropout", {"do_rates": ["0", "0.5"]}, 2)
    assert store.state("NOSUCH") is None and store.version("NOSUCH") is None


def test_answers_count_per_question_and_close_when_revealed(store):
    code = store.create("secret", "", {})
    assert store.answer(code, "q1", "ann", "settles") and store.answer(code, "q1", "bob", "diverge")
    assert store.answer(code, "q1", "ann", "diverge")  # a student may change their mind before the reveal
    assert store.answers(code, "q1") == {"ann": "diverge", "bob": "diverge"}
    assert store.answers(code, "q2") == {}
    assert not store.reveal(code, "guess", "q1") and "q1" not in store.state(code).revealed
    assert store.reveal(code, "secret", "q1")
    state = store.state(code)
    assert "q1" in state.revealed and state.version == 2
    assert not store.answer(code, "q1", "cy", "settles")


def test_an_ended_class_is_gone_and_only_its_teacher_ends_it(store):
    code = store.create("secret", "", {})
    assert not store.end(code, "guess") and store.state(code) is not None
    assert store.end(code, "secret")
    assert store.state(code) is None and not store.publish(code, "secret", "x", {})


def test_codes_are_short_unambiguous_and_distinct(store):
    codes = {store.create("secret", "", {}) for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == class_store.CODE_LENGTH and set(code) <= set(class_store.CODE_ALPHABET) for code in codes)
    assert not set("01OI") & set(class_store.CODE_ALPHABET)


def test_wrong_codes_are_limited_per_client(store):
    client = f"client-{id(store)}"
    for _ in range(class_store.JOINS_PER_MINUTE):
        assert store.may_join(client)
        store.wrong_code(client)
    assert not store.may_join(client) and store.may_join(client + "-other")


def test_a_redis_that_goes_away_raises_store_down_and_serves_again_when_back():
    with running_redis() as server:
        store = class_store.RedisStore(server.url)
        code = store.create("secret", "dropout", {})
        server.stop()
        with pytest.raises(class_store.StoreDown):
            store.version(code)
        with pytest.raises(class_store.StoreDown):
            store.publish(code, "secret", "x", {})
        server.start()  # an empty store: a restarted Redis without persistence has forgotten the class
        assert store.version(code) is None
        assert store.state(store.create("secret", "", {})) is not None
