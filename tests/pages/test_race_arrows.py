"""The arrows of one update on the race chart: to scale, adding up where the rule says so, inside the view."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dl_core import objectives, race
from pages.optimizer_lab import race_figure
from pages.optimizer_lab.race_figure import StepArrows, arrow_annotations, arrow_scale, step_arrows
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
    notes = arrow_annotations(arrows, BOUNDS, LABELS)
    drawn = [note for note in notes if note.get("showarrow")]
    assert len(drawn) == 3
    factor = arrow_scale(arrows, BOUNDS)
    for note, (_, vector, color) in zip(drawn, arrows.vectors, strict=True):
        assert (note["x"] - note["ax"], note["y"] - note["ay"]) == pytest.approx(tuple(factor * vector))
        assert note["arrowcolor"] == color
    title = notes[-1]["text"]
    assert title.startswith("X 12") and (factor == 1.0) == ("×" not in title)


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
    drawn = [note for note in arrow_annotations(arrows, BOUNDS, LABELS) if note.get("showarrow")]
    assert [note["arrowhead"] for note in drawn] == [2, 0]

