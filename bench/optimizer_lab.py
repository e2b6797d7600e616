"""The optimizer lab: race + stability map compute time, map speed-up, rerun time and the race chart's size.

    python -m bench optimizer_lab [--sample 256] [--moves 20]

1. The race (7 optimizers x 500 steps) and a stability map (128 x 128 configurations x 200 steps)
   computed together, for the map's default optimizer (Momentum) and the costliest one (Adam).
   Target: at most 0.5 s.
2. The map as one vectorised batch against the same configurations one at a time through the same
   code (``stability.stability_map`` with a 1 x 1 grid); a random sample of ``--sample`` of them is
   timed and scaled to the whole grid, and must agree with the batch. Target: at least 50x.
3. The median rerun of the page in AppTest after ``--moves`` moves of a learning-rate slider (each to
   a value not seen before). Target: at most 300 ms.
4. The race chart's spec with 7 optimizers x 500 steps. Target: at most 1.5 MB.
"""

import argparse
import time

import numpy as np

from bench._apptest import median_rerun, open_page, spec_bytes
from bench._timing import best_of, report
from dl_core import objectives, stability
from dl_core.lessons import race
from dl_core.optimizers import NAMES
from pages.optimizer_lab.compute import MAP_LRS, MAP_RESOLUTION, SURFACES
from ui.catalog import CATALOG
from ui.controls import LR_RANGE, log_options

PAGE = "pages/optimizer_lab/page.py"
RACE_STEPS, MAP_STEPS = 500, 200
SECONDS = {"momentum": np.linspace(0.0, 0.99, MAP_RESOLUTION), "adam": np.linspace(0.0, 0.99, MAP_RESOLUTION)}
SECOND_NAME = {"momentum": "momentum", "adam": "beta1"}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench optimizer_lab")
    parser.add_argument("--sample", type=int, default=256)
    parser.add_argument("--moves", type=int, default=20)
    args = parser.parse_args(argv)

    surface = objectives.beale()
    entrants = [(name, {"lr": SURFACES["beale"].lrs[name]}) for name in NAMES]
    lrs = np.geomspace(*MAP_LRS, MAP_RESOLUTION)

    def race_and_map(name: str):
        return lambda: (
            race.race(surface, entrants, surface.start, RACE_STEPS),
            stability.stability_map(surface, name, lrs, MAP_STEPS, surface.start, second=SECOND_NAME[name],
                                    seconds=SECONDS[name]),
        )

    rows, missed = [], []
    for name in ("momentum", "adam"):
        seconds = best_of(race_and_map(name), repeats=5)
        rows.append((f"race 7x{RACE_STEPS} + {name} map {MAP_RESOLUTION}^2x{MAP_STEPS}", f"{seconds:.3f} s (<= 0.5 s)"))
        missed += ["race + map"] if seconds > 0.5 else []
    race_only = best_of(lambda: race.race(surface, entrants, surface.start, RACE_STEPS), repeats=5)
    rows.append(("  of which the race", f"{race_only:.3f} s"))

    name = "adam"
    batch = stability.stability_map(surface, name, lrs, MAP_STEPS, surface.start, second=SECOND_NAME[name],
                                    seconds=SECONDS[name])
    together = best_of(lambda: stability.stability_map(surface, name, lrs, MAP_STEPS, surface.start,
                                                       second=SECOND_NAME[name], seconds=SECONDS[name]), repeats=3)
    cells = [(row, column) for row in range(MAP_RESOLUTION) for column in range(MAP_RESOLUTION)]
    picked = np.random.default_rng(1).choice(len(cells), args.sample, replace=False)
    started, worst = time.perf_counter(), 0.0
    for row, column in (cells[index] for index in picked):
        alone = stability.stability_map(surface, name, lrs[column : column + 1], MAP_STEPS, surface.start,
                                        second=SECOND_NAME[name], seconds=SECONDS[name][row : row + 1])
        worst = max(worst, abs(float(alone.progress[0, 0] - batch.progress[row, column])))
        assert alone.diverged_at[0, 0] == batch.diverged_at[row, column]
    one_at_a_time = (time.perf_counter() - started) / args.sample * len(cells)
    rows += [
        ("adam map, one batch", f"{together:.3f} s"),
        ("adam map, one at a time", f"{one_at_a_time:.1f} s ({args.sample} timed, scaled to {len(cells)})"),
        ("speed-up", f"{one_at_a_time / together:.0f}x (>= 50x); largest difference {worst:.1e}"),
    ]
    missed += ["map speed-up"] if one_at_a_time / together < 50 or worst > 1e-9 else []

    app = open_page(PAGE)
    values = [value for value in log_options(*LR_RANGE) if value != SURFACES["beale"].lrs["adam"]][: args.moves]
    median, timings = median_rerun(app, lambda: app.select_slider(key="lab_adam_lr"), values)
    rows += [("median rerun (Adam's learning rate)", f"{median * 1e3:.0f} ms (<= 300 ms), slowest "
                                                     f"{max(timings) * 1e3:.0f} ms")]
    missed += ["rerun"] if median > 0.3 else []
    largest = open_page(PAGE, lab_optimizers=[CATALOG[f"optimizer.{name}"]["en"] for name in NAMES], lab_steps="500")
    size = spec_bytes(largest)
    rows += [("race chart, 7 optimizers x 500 steps", f"{size / 1e6:.2f} MB (<= 1.5 MB)"),
             ("race chart, defaults", f"{spec_bytes(app) / 1e6:.2f} MB")]
    missed += ["spec size"] if size > 1_500_000 else []
    report(rows)
    if missed:
        raise SystemExit("target missed: " + ", ".join(missed))

