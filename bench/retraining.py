"""Each lesson's retraining on a cache miss: the trainer functions the pages call, at default and largest settings.

    python -m bench retraining

What a student waits for when a setting that retrains moves: the lesson's training function itself (in the helper
process on a served page), without Streamlit or charts. Best of three (two for the largest settings). Compare two
commits by running it on each on the same machine; the figures of one run are in ``docs/measurements/``.
"""

from __future__ import annotations

from bench._timing import best_of, report
from pages.batch_norm import trainer as batch_norm
from pages.dropout import trainer as dropout
from pages.initialization import trainer as initialization
from pages.playground import trainer as playground

INIT_SCHEMES = ("xavier_normal", "he_normal", "lecun_normal")

TRAININGS = {
    "initialization: symmetry trap, default": lambda: initialization.symmetry_trap(
        "tanh", "circles", 8, 0.5, 0.1, 500, 1.0, 0),
    "initialization: symmetry trap, largest": lambda: initialization.symmetry_trap(
        "tanh", "circles", 16, 0.5, 0.1, 1000, 1.0, 0),
    "initialization: schemes, default": lambda: initialization.trained_together(
        INIT_SCHEMES, "tanh", "circles", 8, 25, 0.01, 0.01, 0),
    "initialization: schemes, largest": lambda: initialization.trained_together(
        initialization.variance.SCHEME_NAMES, "tanh", "circles", 12, 40, 0.01, 0.01, 0),
    "batch norm: deep run x2, default": lambda: [batch_norm.deep_run("sigmoid", 10, 0.3, 300, "moons", 0, bn)
                                                 for bn in (False, True)],
    "batch norm: deep run x2, largest": lambda: [batch_norm.deep_run("sigmoid", 12, 0.3, 600, "moons", 0, bn)
                                                 for bn in (False, True)],
    "batch norm: rate sweep x2, default": lambda: [batch_norm.sweep("sigmoid", 10, "moons", 0, bn)
                                                   for bn in (False, True)],
    "batch norm: rate sweep x2, largest": lambda: [batch_norm.sweep("sigmoid", 12, "moons", 0, bn)
                                                   for bn in (False, True)],
    "dropout: rates, default": lambda: dropout.train("moons", 0.25, 100, 64, 200, 0.01, 0, (0.2, 0.5, 0.9)),
    "dropout: rates, largest": lambda: dropout.train("moons", 0.25, 200, 64, 300, 0.01, 0, (0.2, 0.5, 0.9, 0.95)),
    "sandbox: recording, default": lambda: playground.train(playground.Setup(), "moons", 0.2, 200, 0),
    "sandbox: recording, largest": lambda: playground.train(
        playground.Setup(layers=8, width=64, batch_norm=True, drop_prob=0.1, batch_size=256, steps=2000),
        "moons", 0.2, 800, 0),
}


def main(argv: list[str]) -> None:
    rows = []
    for name, training in TRAININGS.items():
        seconds = best_of(training, 2 if "largest" in name else 3)
        rows.append((name, f"{seconds * 1e3:.0f} ms"))
    report(rows)
