"""The network playground in AppTest: the training at the defaults, the Russian page, what every experiment link
promises, the comparison, and the figures: the colours are the network's actual output, frames carry only what
moves, the boundary is where the output is 0.5. Defaults, every control at its extremes, experiment links (the state
each opens) and invalid URL values are the page contract's (``support/contract.py``)."""


import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dl_core.lessons import playground as lesson
from pages.playground import compute, figures, trainer
from pages.playground.live_chart import live_chart
from support.apptest import assert_clean, chart_specs, decode, html_tables, open_page
from support.contract import assert_sound
from support.runs import open_experiment
from support.shown import experiments
from ui.catalog import CATALOG

PAGE = "pages/playground/page.py"


EXPERIMENTS = experiments("playground")


def metric_values(app) -> list[str]:
    strip = next(markdown.value for markdown in app.markdown if markdown.value.startswith('<div style="display: flex'))
    return [part.split("<")[0] for part in strip.split('line-height: 1.3">')[1:]]


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_defaults_train_the_moons_and_play_every_snapshot(default_page):
    app = default_page
    assert_clean(app)
    assert app.title[0].value.startswith("Network sandbox")
    state = app.session_state
    assert (state["pg_data"], state["pg_noise"], state["pg_n"], state["pg_layers"], state["pg_width"],
            state["pg_act"], state["pg_init"], state["pg_bn"], state["pg_drop"], state["pg_opt"], state["pg_batch"],
            state["pg_steps"], state["pg_seed"]) == ("moons", 0.2, 200, 2, 16, "relu", "he_normal", False, 0.0,
                                                     "adam", 32, 1000, 0)
    (spec,) = chart_specs(app)
    assert len(spec["frames"]) == trainer.MAX_SNAPSHOTS + 1
    assert [frame["name"] for frame in spec["frames"]][:3] == ["0", "10", "20"]
    assert_sound(app, "playground")
    accuracy = float(metric_values(app)[0].rstrip("%")) / 100
    assert accuracy >= 0.85  # a 2-16-16-2 ReLU network separates the moons on points it never trained on


def test_frames_carry_only_what_moves(default_page):
    (spec,) = chart_specs(default_page)
    moving = set(spec["frames"][0]["traces"])
    static = {index for index, trace in enumerate(spec["data"]) if trace.get("name") in ("training points",
                                                                                         "validation points")}
    assert len(static) == 2 and not moving & static
    # Few traces, whatever the depth: a line per band of the probability, and each row of layer panels is one trace.
    assert len(spec["data"]) == figures.FIELD_BANDS + 1 + 2 + 4 + 3
    for frame in spec["frames"]:
        assert frame["traces"] == spec["frames"][0]["traces"]
        assert all("marker" in data or "y" in data for data in frame["data"])


def test_the_colours_are_the_networks_output_on_the_grid():
    """Honest: in the last frame every run of a band covers grid points where the trained network's probability lies
    in that band, the runs of a row cover it once, and the boundary runs where that probability crosses 0.5."""
    setup = trainer.Setup()
    run = compute.training(setup, "moons", 0.2, 200, 0)
    points = compute.dataset("moons", 0.2, 200, 0)
    spec = figures.training_figure(run, figures.Plane.of(points), labels()).to_dict()
    last = spec["frames"][-1]["data"]
    step = points.axis1[1] - points.axis1[0]
    rows = points.axis2[::figures.FIELD_ROW_STRIDE]
    covered = np.zeros((len(rows), len(points.axis1)), dtype=int)
    for band in range(figures.FIELD_BANDS):
        xs, ys = (np.array([np.nan if v is None else v for v in last[band][axis]], dtype=float) for axis in "xy")
        ends, heights = xs[~np.isnan(xs)].reshape(-1, 2), ys[~np.isnan(ys)].reshape(-1, 2)[:, 0]
        for (start, stop), height in zip(ends, heights, strict=True):
            first = int(round((start + step / 2 - points.axis1[0]) / step))
            final = int(round((stop - step / 2 - points.axis1[0]) / step))
            row = int(np.argmin(np.abs(rows - height)))
            grid = np.column_stack([points.axis1[first : final + 1], np.full(final - first + 1, rows[row])])
            there = lesson.probability(setup.network, run.params, run.state, grid)
            assert np.all((there >= band / figures.FIELD_BANDS - 1e-9) & (there <= (band + 1) / figures.FIELD_BANDS
                                                                         + 1e-9)), band
            covered[row, first : final + 1] += 1
    assert np.all(covered == 1)
    boundary = last[figures.FIELD_BANDS]
    xs = np.array([np.nan if value is None else value for value in boundary["x"]], dtype=float)
    ys = np.array([np.nan if value is None else value for value in boundary["y"]], dtype=float)
    on_line = np.column_stack([xs, ys])[~np.isnan(xs)]
    assert len(on_line) > 10
    # The network's output crosses 0.5 within one grid cell of every point of the line (a steep ReLU network goes
    # from 0.2 to 0.99 across one cell, so the probability on the line itself need not be near 0.5).
    offsets = step * np.array([(a, b) for a in (-1, 0, 1) for b in (-1, 0, 1)])
    around = lesson.probability(setup.network, run.params, run.state,
                                           (on_line[:, None, :] + offsets[None]).reshape(-1, 2)).reshape(-1, 9)
    assert np.all((around.min(axis=1) < 0.5) & (around.max(axis=1) > 0.5))


def labels():
    from ui.figures import PlaybackLabels

    return figures.Labels("en", "loss", "accuracy", "training", "validation", ("0", "1"), "training points",
                          "validation points", "layer {index}", "output", "p", "dead", "norm",
                          PlaybackLabels("Play", "Pause", "Step"))


def test_the_cached_live_chart_is_the_chart_of_its_configuration():
    """The cache hands every student the very chart a fresh build draws, not an older one of another setting."""
    setup, other = trainer.Setup(), trainer.Setup(hyper=(("lr", 0.1),))
    for config in (setup, other, setup):
        cached = live_chart(config, "moons", 0.2, 200, 0, labels(), False).to_dict()
        plane = figures.Plane.of(compute.dataset("moons", 0.2, 200, 0))
        fresh = figures.training_figure(compute.training(config, "moons", 0.2, 200, 0), plane, labels()).to_dict()
        assert cached == fresh
    assert live_chart(setup, "moons", 0.2, 200, 0, labels(), True).to_dict()["layout"]["height"] > \
        live_chart(setup, "moons", 0.2, 200, 0, labels(), False).to_dict()["layout"]["height"]


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, (4, 6, 5), elements=st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0])))
def test_a_stack_of_pictures_gives_each_picture_its_own_segments(values):
    axis1, axis2 = np.linspace(-1.0, 1.0, 5), np.linspace(0.0, 2.0, 6)
    stacked = figures.stacked_level_segments(values, axis1, axis2)
    assert len(stacked) == len(values)
    for picture, segments in zip(values, stacked, strict=True):
        alone = figures.level_segments(picture, axis1, axis2)
        assert np.array_equal(segments, alone)
        assert np.all((segments[..., 0] >= -1.0) & (segments[..., 0] <= 1.0))  # every crossing is on the grid
        assert np.all((segments[..., 1] >= 0.0) & (segments[..., 1] <= 2.0))


def test_a_saddle_cell_is_split_by_its_centre():
    axis = np.array([0.0, 1.0])
    saddle = np.array([[1.0, 0.0], [0.0, 1.0]])  # the corners alternate; the centre (0.5) counts as above
    segments = figures.level_segments(saddle, axis, axis)
    assert len(segments) == 2
    ends = {tuple(sorted(map(tuple, segment.tolist()))) for segment in segments}
    assert ends == {((0.0, 0.5), (0.5, 1.0)), ((0.5, 0.0), (1.0, 0.5))}  # cut off the two corners below 0.5


def test_level_segments_find_a_straight_boundary_and_polylines_join_them():
    axis = np.linspace(0.0, 1.0, 11)
    values = np.broadcast_to(axis[None, :], (11, 11))  # p = x: the boundary is the line x = 0.5
    segments = figures.level_segments(values, axis, axis)
    assert len(segments) == 10
    np.testing.assert_allclose(segments[..., 0], 0.5)
    lines = figures.polylines(segments, 3)
    assert len(lines) == 1 and len(lines[0]) == 11  # ten segments joined: each shared point once
    ring = np.hypot(*np.meshgrid(axis - 0.5, axis - 0.5))
    closed = figures.polylines(figures.level_segments(ring, axis, axis, 0.3), 4)
    assert len(closed) == 1 and closed[0][0] == closed[0][-1]  # a circle closes on itself
    assert len(figures.level_segments(np.zeros((5, 5)), axis[:5], axis[:5])) == 0


def test_the_comparison_trains_b_on_the_same_data_and_says_which_won():
    app = open_page(PAGE, pg_compare="true", pg_steps="200", pg_b_bn="true")
    assert_clean(app)
    assert len(chart_specs(app)) == 2
    assert_sound(app, "playground")
    table = next(table for table in html_tables(app) if "Run" in table)
    assert table["Run"] == ["A", "B"]
    assert "BN" in table["Settings"][1] and "BN" not in table["Settings"][0]
    assert app.success or app.info


def test_b_set_exactly_as_a_is_said_so():
    app = open_page(PAGE, pg_compare="true", pg_steps="100", pg_b_bn="false")
    assert_clean(app)
    assert any("exactly as A" in info.value for info in app.info)


def test_the_russian_page():
    app = open_page(PAGE, lang="ru", pg_steps="100")
    assert_clean(app)
    assert app.title[0].value.startswith("Песочница")
    (spec,) = chart_specs(app)
    assert spec["layout"]["separators"] == ", "
    assert "слой 1" in spec["layout"]["xaxis6"]["ticktext"]


def test_every_name_the_page_builds_is_in_the_catalog():
    from dl_core.activations import ACTIVATIONS
    from dl_core.initializers import INITIALIZERS
    from dl_core.schedules import SCHEDULES

    keys = ([f"playground.data.{name}" for name in trainer.DATA] + [f"playground.act.{name}" for name in ACTIVATIONS]
            + [f"playground.init.{name}" for name in INITIALIZERS]
            + [f"playground.schedule.{name}" for name in SCHEDULES]
            + [f"playground.experiment.{name}" for name in EXPERIMENTS])
    missing = [key for key in keys if key not in CATALOG]
    assert not missing, f"names the page builds that the catalog lacks: {missing}"


# What each experiment promises, as the page says it.
PROMISES = {
    "vanishing": ("warning", "times smaller"),
    "relu_deep": None,
    "zeros": ("warning", "acts as a single unit"),
    "constant": ("warning", "acts as a single unit"),
    "dropout": ("success", "**B** ends with the lower validation loss"),
    "bn_lr": ("success", "**B** ends with the lower validation loss"),
    "adam_sgd": ("success", "**B** ends with the lower validation loss"),
    "dead_relu": ("warning", "passes almost no gradient"),
    "saturated": ("warning", "passes almost no gradient"),
}


@pytest.mark.parametrize("name", list(EXPERIMENTS))
def test_an_experiment_link_shows_what_it_promises(name):
    app = open_experiment("playground", name)
    promise = PROMISES[name]
    if promise is None:
        assert not app.warning  # ReLU and He: nothing vanishes, nothing dies
        return
    kind, words = promise
    assert any(words in element.value for element in getattr(app, kind)), [e.value for e in getattr(app, kind)]
    if name == "bn_lr":
        assert any("**B** ends with the lower validation loss" in element.value for element in app.success)


def test_the_vanishing_experiment_shows_it_in_the_gradient_row():
    app = open_experiment("playground", "vanishing")
    spec = chart_specs(app)[0]
    norms = decode(spec["frames"][-1]["data"][-1]["y"])
    assert norms[0] < 1e-2 * norms[-1]  # layer 1's gradient against the output layer's
