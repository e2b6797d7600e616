"""The arrows of one update on the race chart: to scale, adding up where the rule says so, inside the view."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dl_core import objectives
from dl_core.lessons import race
from pages.optimizer_lab import race_figure
from pages.optimizer_lab.race_figure import (
    ARROW_SLOTS,
    HEAD_SIZE,
    StepArrows,
    arrow_scale,
    arrow_traces,
    label_position,
    step_arrows,
)
from support.entrants import RACE_ENTRANTS
from ui.figures import PlaybackLabels

WORDS = race_figure.ArrowWords(gradient="g", velocity="b", moment="m", step="d", name="X")
BOUNDS = ((-4.5, 4.5), (-4.5, 4.5))
LABELS = race_figure.RaceLabels(names=("X",), minimum="", loss_axis="", step_axis="",
                                playback=PlaybackLabels(play="", pause="", step=""),
                                diverged="", click="", arrows_title="{name} {step}", magnified="×{factor}")
ENTRANTS = [*RACE_ENTRANTS, ("rmsprop", {"lr": 0.02})]  # and RMSProp without momentum (no memory arrow)


@pytest.fixture(scope="module")
def anatomies():
    surface = objectives.beale()
    run = race.race(surface, ENTRANTS, surface.start, 30)
    return [race.anatomy(name, hyper, run.points[:, index], run.grads[:, index], run.states[index], 12)
            for index, (name, hyper) in enumerate(ENTRANTS)]


def vectors_of(arrows: StepArrows) -> dict[str, np.ndarray]:
    return {label: vector for label, vector, _ in arrows.vectors}


def test_the_arrows_are_the_rule_in_parameter_space(anatomies):
    for part in anatomies:
        found = vectors_of(step_arrows(part, "#112233", WORDS))
        np.testing.assert_allclose(found["g"], -part.lr * part.grad)
        np.testing.assert_allclose(found["d"], part.update)
        if part.name in ("momentum", "nesterov") or (part.name == "rmsprop" and part.hyper["momentum"] > 0):
            assert set(found) == {"g", "b", "d"}
        elif part.name in ("adam", "adamw"):
            assert set(found) == {"g", "m", "d"}
            np.testing.assert_allclose(found["m"], -part.lr * part.derived["m_hat"])
        else:
            assert set(found) == {"g", "d"}


def test_heavy_ball_and_nesterov_steps_are_the_sum_of_their_two_arrows(anatomies):
    for part in anatomies:
        if part.name in ("momentum", "nesterov"):
            found = vectors_of(step_arrows(part, "#112233", WORDS))
            np.testing.assert_allclose(found["g"] + found["b"], found["d"], rtol=1e-12, atol=1e-15)


def test_one_scale_for_all_arrows_keeps_their_ratios(anatomies):
    part = next(part for part in anatomies if part.name == "adam")
    arrows = step_arrows(part, "#112233", WORDS)
    *traces, title = arrow_traces(arrows, BOUNDS, LABELS)
    assert len(traces) == ARROW_SLOTS
    factor = arrow_scale(arrows, BOUNDS)
    for trace, (label, vector, color) in zip(traces, arrows.vectors, strict=True):
        drawn = np.array([trace["x"][1] - trace["x"][0], trace["y"][1] - trace["y"][0]])
        np.testing.assert_allclose(drawn, factor * vector, atol=2e-3)  # positions are rounded to the chart's pixels
        assert trace["line"]["color"] == trace["marker"]["color"] == color
        assert trace["text"][1] == f"<b>{label}</b>"
    assert title["text"][0].startswith("X 12") and (factor == 1.0) == ("×" not in title["text"][0])


def test_without_memory_the_middle_arrow_is_empty_and_without_an_update_all_are():
    arrows = StepArrows("X", 1, np.zeros(2), (("g", np.array([1.0, 0.0]), "#000000"),
                                              ("d", np.array([0.0, 1.0]), "#000000")))
    gradient, memory, step, title = arrow_traces(arrows, BOUNDS, LABELS)
    assert len(gradient["x"]) == len(step["x"]) == 2 and memory["x"] == [] and title["text"] == ["X 1"]
    assert [trace["x"] for trace in arrow_traces(None, BOUNDS, LABELS)] == [[]] * (ARROW_SLOTS + 1)


@pytest.mark.parametrize(("direction", "position"), [
    ((1, 0), "middle right"), ((1, 1), "top right"), ((0, 1), "top center"), ((-1, 1), "top left"),
    ((-1, 0), "middle left"), ((-1, -1), "bottom left"), ((0, -1), "bottom center"), ((1, -1), "bottom right"),
])
def test_a_name_sits_beyond_the_tip(direction, position):
    assert label_position(np.array(direction, dtype=float)) == position


@given(
    origin=st.tuples(st.floats(-4.5, 4.5), st.floats(-4.5, 4.5)),
    vectors=st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6)), min_size=1, max_size=3),
)
def test_the_scale_is_round_and_keeps_every_tip_in_view(origin, vectors):
    arrows = StepArrows("X", 1, np.array(origin), tuple(("v", np.array(vector), "#000000") for vector in vectors))
    factor = arrow_scale(arrows, BOUNDS)
    lengths = [np.hypot(*vector) for vector in vectors]
    if max(lengths) == 0:
        assert factor == 0.0
        return
    assert factor >= 0
    if factor > 0:
        mantissa = factor / 10 ** np.floor(np.log10(factor))
        assert min(abs(mantissa - m) for m in (1, 2, 5, 10)) < 1e-9
        for vector in vectors:
            tip = np.array(origin) + factor * np.array(vector)
            assert -4.5 - 1e-9 <= tip[0] <= 4.5 + 1e-9 and -4.5 - 1e-9 <= tip[1] <= 4.5 + 1e-9


def test_no_arrows_for_an_update_outside_the_view_or_not_finite():
    outside = StepArrows("X", 1, np.array([9.0, 0.0]), (("v", np.array([1.0, 0.0]), "#000000"),))
    endless = StepArrows("X", 1, np.array([0.0, 0.0]), (("v", np.array([np.inf, 0.0]), "#000000"),))
    assert arrow_scale(outside, BOUNDS) == arrow_scale(endless, BOUNDS) == 0.0


def test_no_arrows_from_the_edge_of_the_view_pointing_out():
    on_edge = StepArrows("X", 1, np.array([4.5, 0.0]), (("v", np.array([1.0, 0.0]), "#000000"),))
    assert arrow_scale(on_edge, BOUNDS) == 0.0


def test_a_short_arrow_is_drawn_without_a_head():
    arrows = StepArrows("X", 1, np.zeros(2), (("long", np.array([2.0, 0.0]), "#000000"),
                                              ("short", np.array([0.0, 0.05]), "#000000")))
    long, _, short, _ = arrow_traces(arrows, BOUNDS, LABELS)
    assert long["marker"]["size"] == [0, HEAD_SIZE] and short["marker"]["size"] == [0, 0]
