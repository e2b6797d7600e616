"""The bench's reference work: the best time of the sandbox's default training, so that figures from different days
can be put side by side."""

import time

from bench import classroom
from pages.playground import trainer


def test_the_reference_is_the_best_of_its_runs_of_the_default_sandbox_training(monkeypatch):
    pauses, calls = [0.06, 0.02, 0.04], []

    def train(setup, data, noise, size, seed):
        calls.append((setup, data, noise, size, seed))
        time.sleep(pauses[len(calls) - 1])

    monkeypatch.setattr(trainer, "train", train)
    best = classroom.reference_seconds(repeats=3)
    assert 0.02 <= best < 0.04
    assert calls == [(trainer.Setup(), "moons", 0.2, 200, 0)] * 3
