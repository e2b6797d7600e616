"""The optimizer race is fair by default and says how: each optimizer at its best rate on the surface.

Before, the default rates were hand-picked and unequal (GD 0.05, Momentum 0.01, RMSProp 0.1, Adam 0.2) and nothing
said so: Momentum arrived at step 81, GD at 44."""

import numpy as np

from dl_core import objectives, optimizers, trajectories
from dl_core.lessons import race
from pages.optimizer_lab import compute as lab
from support.apptest import assert_clean, html_tables, open_page

PAGE = "pages/optimizer_lab/page.py"


def test_each_best_rate_is_the_soonest_of_the_rates_tried():
    objective = objectives.quadratic((1.0, 20.0))
    entrants = [("gd", {}), ("momentum", {"momentum": 0.9}), ("adam", {})]
    found = race.best_rates(objective, entrants, tuple(objective.start), 150, 1e-3)
    for (name, hyper), best in zip(entrants, found.best, strict=True):
        soonest = None
        for lr in found.lrs:
            run = trajectories.run(objective, optimizers.make(name, **{**hyper, "lr": float(lr)}),
                                   np.asarray(objective.start, dtype=float)[None], 150)
            steps = race.standings(run, objective.minima, objective.min_value, 1e-3).steps_to_tolerance[0]
            if steps >= 0 and (soonest is None or steps < soonest[0]):
                soonest = (int(steps), float(lr))
        assert soonest is not None and best == soonest[1], (name, best, soonest)


def test_the_default_race_runs_every_optimizer_at_its_best_rate_and_says_so():
    app = open_page(PAGE)
    assert_clean(app)
    assert any(caption.value.startswith("A fair race") for caption in app.caption)
    setup_names = ("gd", "momentum", "rmsprop", "adam")
    problem = lab.Problem(next(iter(lab.SURFACES))).normalised()
    start = lab.default_start(problem)
    defaults = {name: tuple(sorted({key: value for key, value in optimizers.DEFAULTS[name].items()
                                    if key != "lr"}.items())) for name in setup_names}
    found = lab.best_rates(problem, tuple((name, defaults[name]) for name in setup_names),
                           (round(start[0], 2), round(start[1], 2)), 200)
    rates = next(table for table in html_tables(app) if any("η" in column or "rate" in column.lower()
                                                            for column in table))
    column = next(values for title, values in rates.items() if "η" in title or "rate" in title.lower())
    assert [float(value) for value in column] == [float(f"{rate:g}") for rate in found.best]


def test_a_link_that_sets_a_rate_by_hand_keeps_it():
    app = open_page(PAGE, lab_gd_lr="0.005")
    assert_clean(app)
    assert app.select_slider(key="lab_gd_lr").value == 0.005
