"""The sandbox's comparisons and warnings are counted over ten seeds, and its links' claims hold in 8 of 10 or more.

Before, which of A and B "reached the accuracy first", and whether a layer "passes almost no gradient", changed with
the seed; a bare "p" named the drop probability."""

import numpy as np

from pages.playground import compute, trainer
from pages.playground.page import DEAD, EXPERIMENTS
from pages.playground.text import TEXT

HOLDS = 8


def setup_of(name: str, prefix: str = "pg_") -> trainer.Setup:
    """The link's configuration (``pg_b_`` for B), from the page's controls as the link sets them."""
    query = dict(part.split("=") for part in EXPERIMENTS[name].split("&"))
    act = query.get(f"{prefix}act", "relu")
    optimizer = query.get(f"{prefix}opt", "Adam").lower()
    lr = float(query.get(f"{prefix}lr") or query.get(f"pg_{optimizer}_lr", 0.01))
    return trainer.Setup(int(query.get("pg_layers", 2)), int(query.get("pg_width", 16)), act,
                         query.get(f"{prefix}init", query.get("pg_init", "he_normal")),
                         query.get(f"{prefix}bn", "false") == "true", float(query.get(f"{prefix}drop", 0.0)),
                         "gd" if optimizer == "gd" else optimizer, (("lr", lr),), "constant", 32,
                         int(query.get("pg_steps", 1000)))


def data_of(name: str) -> tuple:
    query = dict(part.split("=") for part in EXPERIMENTS[name].split("&"))
    return query.get("pg_data", "moons"), float(query.get("pg_noise", 0.2)), int(query.get("pg_n", 200))


def test_the_dying_and_saturating_links_hold_over_ten_seeds():
    for name in ("dead_relu", "saturated"):
        found = compute.over_seeds(setup_of(name), *data_of(name))
        assert (found.no_gradient[:, -1] >= DEAD).sum() >= HOLDS, name  # the last hidden layer


def test_dropout_beats_no_dropout_in_the_links_comparison_over_ten_seeds():
    first = compute.over_seeds(setup_of("dropout"), *data_of("dropout"))
    second = compute.over_seeds(setup_of("dropout", "pg_b_"), *data_of("dropout"))
    counted = compute.seeds_verdict(first, second, 0.9)
    assert counted.b_lower >= HOLDS and counted.seeds == 10
    assert not np.any(first.diverged | second.diverged)


def test_the_drop_probability_is_named_p_drop():
    for key in ("playground.control.drop", "playground.control.b_drop"):
        assert "p_drop" in TEXT[key]["en"] and "p_drop" in TEXT[key]["ru"]
