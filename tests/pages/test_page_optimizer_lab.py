"""The optimizer lab in AppTest: the race at the defaults, the frames, hidden sections keeping their settings,
surfaces, divergence, inside the optimizer, the stability map, URL state, Russian. Defaults, every section, every
control at its extremes, experiment links and invalid URL values are the page contract's
(``support/contract.py``)."""

import ast
import re
from pathlib import Path

import numpy as np
import pytest

from dl_core.optimizers import DEFAULTS, NAMES
from pages.optimizer_lab import compute as lab
from support.apptest import assert_clean, chart_specs, decode, html_tables, open_page
from support.contract import assert_sound
from ui.catalog import CATALOG

PAGE = "pages/optimizer_lab/page.py"
ROOT = Path(__file__).resolve().parents[2]
ALL = list(CATALOG[f"optimizer.{name}"]["en"] for name in NAMES)
SECTION = {key: key for key in ("race", "learning_rate", "sgd", "map")}  # a section is named by its key in the URL


def race_spec(app) -> dict:
    return chart_specs(app)[0]


def path_traces(spec: dict) -> list[int]:
    """Indices of the traces that draw an optimizer's path (lines on the surface)."""
    return [index for index, trace in enumerate(spec["data"])
            if trace.get("mode") == "lines" and trace.get("xaxis", "x") == "x"]


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_defaults_race_four_optimizers_in_the_narrow_valley_and_all_stay_visible(default_page):
    """The lab opens on the course's regression at feature scale 3 (lesson 8's narrow valley): no default racer
    diverges, so every one of them is on the chart."""
    app = default_page
    assert_clean(app)
    assert app.title[0].value == "Optimizer lab"
    assert app.selectbox(key="lab_surface").value == "regression"
    assert app.select_slider(key="lab_x_scale").value == 3.0
    assert app.pills(key="lab_optimizers").value == ["gd", "momentum", "rmsprop", "adam"]
    spec = race_spec(app)
    assert spec["layout"]["images"][0]["source"].startswith("data:image/png;base64,")
    assert len(path_traces(spec)) == 4
    assert len(spec["layout"]["shapes"]) == 4  # one loss curve per optimizer
    assert_sound(app, "optimizer_lab")
    table = html_tables(app)[0]
    assert table["Optimizer"] == ["GD", "Momentum", "RMSProp", "Adam"]
    assert table["Diverged at step"] == ["—"] * 4  # never
    assert not app.error and not app.warning


def test_the_race_has_one_path_per_optimizer_in_every_frame():
    app = open_page(PAGE, lab_optimizers=ALL, lab_steps="500")
    assert_clean(app)
    spec = race_spec(app)
    paths = path_traces(spec)
    assert len(paths) == 7
    frames = spec["frames"]
    assert len(frames) >= 40
    names = [frame["name"] for frame in frames]
    assert names[0] == "0" and names[-1] == "500"
    with_arrows = 0
    arrow_traces = [index for index, trace in enumerate(spec["data"]) if trace.get("mode") == "lines+markers+text"]
    ground = frames[0]["traces"][-2:]  # the clickable grid (empty texts) and the minima
    title_traces = [index for index, trace in enumerate(spec["data"])
                    if trace.get("mode") == "text" and index not in ground]
    assert len(arrow_traces) == 3 and len(title_traces) == 1
    for frame in frames:
        assert set(paths) <= set(frame["traces"]), "every frame moves every path"
        # 7 paths, the points on the surface and on the loss chart, the inspected optimizer's three arrows and
        # their title, and the two ground traces (empty updates, see race_figure: without them a click after
        # playback would fail)
        assert len(frame["traces"]) == len(frame["data"]) == 15 and frame["data"][-2:] == [{}, {}]
        # A frame changes no layout (Plotly would redraw every annotation and shape in every frame); the arrows
        # are traces and follow the playhead: each frame draws its own step's
        assert "layout" not in frame
        moved = dict(zip(frame["traces"], frame["data"], strict=True))
        arrows = [moved[index] for index in arrow_traces]
        titles = [moved[index]["text"][0] for index in title_traces if moved[index]["text"]]
        if frame["name"] == "0":
            assert titles == [] and all(arrow["x"] == [] for arrow in arrows)  # no update before the first step
        elif titles:
            assert titles[0].startswith(f"Arrows: Adam, update {frame['name']}") and arrows[0]["x"]
            with_arrows += 1
        for trace_index, trace in zip(frame["traces"], frame["data"], strict=True):
            if trace_index in paths:
                assert trace["x"][0] == pytest.approx(-1.5) and trace["y"][0] == pytest.approx(-1.5)  # the start
    assert with_arrows >= len(frames) // 2  # until Adam's updates become too small to draw
    last = {index: trace for index, trace in zip(frames[-1]["traces"], frames[-1]["data"], strict=True)}
    first = {index: trace for index, trace in zip(frames[0]["traces"], frames[0]["data"], strict=True)}
    assert all(len(last[index]["x"]) > len(first[index]["x"]) == 1 for index in paths)  # the paths grow
    assert_sound(app, "optimizer_lab")  # its size too
    assert spec["layout"]["sliders"][0]["steps"][-1]["args"][0] == ["500"]


WIDGET_KINDS = ("slider", "select_slider", "selectbox", "number_input", "pills", "segmented_control", "toggle")


def control_keys(block) -> set[str]:
    return {widget.key for kind in WIDGET_KINDS for widget in getattr(block, kind) if widget.key}


def test_every_section_control_is_listed_so_that_hidden_sections_keep_it():
    tree = ast.parse((ROOT / PAGE).read_text(encoding="utf-8"))
    listed = next(ast.literal_eval(node.value) for node in tree.body
                  if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "SECTION_CONTROLS")
    for key, label in SECTION.items():
        app = open_page(PAGE, lab_section=label)
        assert control_keys(app.main) - {"lab_section"} == set(listed[key]), key


def test_a_hidden_section_keeps_its_settings():
    app = open_page(PAGE, lab_section=SECTION["sgd"])
    app.select_slider(key="lab_batch").set_value(64).run()
    app.segmented_control(key="lab_section").set_value("race").run()
    app.select_slider(key="lab_tol").set_value(0.1).run()
    app.segmented_control(key="lab_section").set_value("sgd").run()
    assert_clean(app)
    assert app.select_slider(key="lab_batch").value == 64
    app.segmented_control(key="lab_section").set_value("race").run()
    assert app.select_slider(key="lab_tol").value == 0.1


def test_the_inspected_optimizer_can_leave_the_race():
    app = open_page(PAGE)
    app.selectbox(key="lab_inspect").set_value("rmsprop").run()
    app.pills(key="lab_optimizers").set_value(["gd", "adam"]).run()
    assert_clean(app)
    assert app.selectbox(key="lab_inspect").value == "adam"


def test_choosing_a_surface_moves_the_start_and_the_learning_rates():
    app = open_page(PAGE, lab_rates="own")  # rates by hand: their sliders move to the surface's defaults
    app.selectbox(key="lab_surface").set_value("rosenbrock").run()
    assert_clean(app)
    assert (app.number_input(key="lab_w1").value, app.number_input(key="lab_w2").value) == (-1.5, 2.5)
    assert app.select_slider(key="lab_gd_lr").value == lab.SURFACES["rosenbrock"].lrs["gd"]
    assert "Rosenbrock" in app.caption[0].value


def test_divergence_is_flagged_per_optimizer():
    """On the bowl with curvatures 1 and 10, GD at 0.3 is beyond 2/10 and diverges; Momentum at the same rate
    with mu = 0.9 is within its limit (2 + 2 mu)/10 = 0.38 and converges."""
    app = open_page(PAGE, lab_surface="½wᵀHw", lab_optimizers=["GD", "Momentum"], lab_gd_lr="0.3",
                    lab_momentum_lr="0.3")
    assert_clean(app)
    diverged = html_tables(app)[0]["Diverged at step"]
    assert diverged[0] != "—" and int(diverged[0]) > 0 and diverged[1] == "—"
    assert "Diverged: GD." in app.warning[0].value
    spec = race_spec(app)
    (low1, high1), (low2, high2) = spec["layout"]["xaxis"]["range"], spec["layout"]["yaxis"]["range"]
    for index in path_traces(spec):
        x, y = decode(spec["data"][index]["x"]), decode(spec["data"][index]["y"])
        assert x.min() >= low1 and x.max() <= high1 and y.min() >= low2 and y.max() <= high2  # clipped to the view
    assert_sound(app, "optimizer_lab")


def test_every_optimizer_diverging_gives_a_readable_page():
    """At a learning rate of 10 on Beale every optimizer diverges but AdaGrad, whose steps are at most the rate."""
    query = {f"lab_{name}_lr": "10" for name in NAMES}
    app = open_page(PAGE, lab_surface="Beale", lab_optimizers=[name for name in ALL if name != "AdaGrad"], **query)
    assert_clean(app)
    assert "Every optimizer diverged" in app.error[0].value
    assert all(value != "—" for value in html_tables(app)[0]["Diverged at step"])
    assert_sound(app, "optimizer_lab")
    for section in SECTION.values():
        app.segmented_control(key="lab_section").set_value(
            next(key for key, label in SECTION.items() if label == section)).run()
        assert_clean(app)
        assert_sound(app, "optimizer_lab")


def test_inside_the_optimizer_shows_adams_numbers():
    app = open_page(PAGE, lab_step="3")
    assert_clean(app)
    assert app.selectbox(key="lab_inspect").value == "adam"
    numbers = [block.value for block in app.latex if r"\hat m_t" in block.value and "t &= 3" in block.value]
    assert numbers, "Adam's update with its bias-corrected moments at step 3"
    assert any("Effective step size per coordinate" in caption.value for caption in app.caption)
    spec = race_spec(app)
    assert spec["layout"]["sliders"][0]["active"] == [frame["name"] for frame in spec["frames"]].index("3")


def test_the_map_shows_the_gd_limit_on_the_bowl():
    """GD's map over learning rate x condition number: the drawn limit is 2 / kappa, cells clearly beyond it are
    dark (diverged), cells well inside it are not."""
    app = open_page(PAGE, lab_section=SECTION["map"], lab_surface="½wᵀHw", lab_map_optimizer="GD")
    assert_clean(app)
    assert app.selectbox(key="lab_map_axis").value == "kappa"
    heatmap, theory = race_spec(app)["data"][:2]
    log_lrs, log_kappas, z = decode(heatmap["x"]), decode(heatmap["y"]), decode(heatmap["z"])
    np.testing.assert_allclose(decode(theory["x"]), np.log10(2.0) - decode(theory["y"]), atol=1e-5)
    diverged = z >= z.max() - 1e-6
    beyond = log_lrs[None, :] > np.log10(2.0) - log_kappas[:, None] + np.log10(1.2)
    inside = log_lrs[None, :] < np.log10(2.0) - log_kappas[:, None] + np.log10(0.8)
    assert np.all(diverged[beyond]) and not np.any(diverged[inside])
    assert "2/\\lambda_{\\max}" in " ".join(markdown.value for markdown in app.markdown)


def test_the_url_sets_every_kind_of_control():
    app = open_page(PAGE, lab_surface="MSE", lab_x_scale="10", lab_steps="120", lab_optimizers=["GD", "Adam"],
                    lab_adam_lr="0.05", lab_adam_beta1="0.5", lab_w1="2", lab_w2="-1", lab_tol="0.01",
                    lab_inspect="GD", lab_step="7")
    assert_clean(app)
    assert app.selectbox(key="lab_surface").value == "regression"
    assert app.select_slider(key="lab_x_scale").value == 10.0
    assert app.slider(key="lab_steps").value == 120
    assert app.pills(key="lab_optimizers").value == ["gd", "adam"]
    assert app.select_slider(key="lab_adam_lr").value == 0.05
    assert app.select_slider(key="lab_adam_beta1").value == 0.5
    assert (app.number_input(key="lab_w1").value, app.number_input(key="lab_w2").value) == (2.0, -1.0)
    assert app.selectbox(key="lab_inspect").value == "gd"
    assert app.slider(key="lab_step").value == 7


def test_russian():
    app = open_page(PAGE, lang="ru")
    assert_clean(app)
    assert app.title[0].value == "Лаборатория оптимизаторов"
    assert list(html_tables(app)[0])[0] == "Оптимизатор"
    assert app.segmented_control(key="lab_section").value == "race"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_sections_and_surfaces_are_kept_in_the_url_by_name_so_a_link_works_in_every_language(language):
    app = open_page(PAGE, lab_section="sgd", lab_surface="quadratic", lang=language)
    assert_clean(app)
    assert app.segmented_control(key="lab_section").value == "sgd"
    assert app.selectbox(key="lab_surface").value == "quadratic"


def test_a_changed_section_is_written_to_the_url_by_name():
    app = open_page(PAGE, lab_surface="quadratic")
    app.segmented_control(key="lab_section").set_value("map").run()
    assert app.query_params["lab_section"] in ("map", ["map"])
    assert app.query_params["lab_surface"] in ("quadratic", ["quadratic"])
    app.segmented_control(key="lab_section").set_value("race").run()
    assert "lab_section" not in app.query_params  # the default stays out of the link


def test_links_made_with_the_old_labels_open_the_same_state():
    app = open_page(PAGE, lab_section="Learning rate", lab_surface="½wᵀHw")
    assert_clean(app)
    assert app.segmented_control(key="lab_section").value == "learning_rate"
    assert app.selectbox(key="lab_surface").value == "quadratic"


def test_no_english_option_label_in_the_russian_ui():
    surfaces = [CATALOG[f"optimizer_lab.surface.{name}"]["ru"] for name in lab.SURFACES]
    sections = [CATALOG[f"optimizer_lab.section.{key}"]["ru"] for key in SECTION]
    for label in surfaces + sections:
        words = re.sub(r"\(.*?\)|[^A-Za-zА-Яа-яЁё ]", " ", label).split()
        latin = [word for word in words if re.fullmatch(r"[A-Za-z]{3,}", word)  # 1-2 letters: maths symbols
                 and word not in {"GD", "Momentum", "RMSProp", "Adam", "SGD", "MSE"}]
        assert not latin, label


def test_the_paths_download_as_csv():
    surface = lab.Problem("beale")
    entrants = (("gd", (("lr", 0.01),)), ("adam", (("lr", 10.0),)))
    run = lab.race_run(surface, entrants, (1.0, 1.4), 30, 1e-3)
    text = lab.trajectories_csv(run, {"gd": "GD", "adam": "Adam"})
    lines = text.splitlines()
    assert lines[0] == "optimizer,step,w1,w2,loss,grad_w1,grad_w2,diverged"
    assert len(lines) == 1 + 2 * 31
    assert lines[1].startswith("GD,0,1,1.4,")
    assert "nan" not in text and "inf" not in text


def test_hyperparameter_defaults_of_the_lab_are_slider_values():
    from ui.controls import LR_RANGE, log_options

    for surface in lab.SURFACES.values():
        assert set(surface.lrs) == set(NAMES)
        assert all(lr in log_options(*LR_RANGE) for lr in surface.lrs.values()), surface.key
    assert set(DEFAULTS) == set(NAMES)


def test_the_four_learning_rates_are_cs231ns_figure_on_the_course_regression():
    app = open_page(PAGE, lab_section=SECTION["learning_rate"])
    assert_clean(app)
    four = chart_specs(app)[0]
    titles = [note["text"] for note in four["layout"]["annotations"]]
    assert [title.split("<br>")[0].removeprefix("<b>") for title in titles] == [
        "low", "good", "high", "very high"]
    assert any("The lesson says" in note.value for note in app.info)


def test_by_default_the_schedule_lets_noisy_training_settle_closer():
    """Lesson 6: lowering the rate lets training learn a little more. The default must show it."""
    runs = lab.schedule_runs(0.5, 200, "step_decay", 0.5, 50, 0.05, 8, 0)
    minimum = lab.LR_LESSON.objective().min_value
    constant, scheduled = runs.final_level(minimum)
    assert scheduled < constant / 5
    app = open_page(PAGE, lab_section=SECTION["learning_rate"])
    assert app.selectbox(key="lab_schedule").value == "step_decay"
    assert app.select_slider(key="lab_schedule_lr").value == 0.5 and app.slider(key="lab_steps").value == 200


def race_outcomes_shown(app) -> dict[str, bool]:
    """Which of the things that tell who reaches the minimum first are on the page."""
    return {
        "race chart": "chart_race" in {chart.key for chart in app.get("plotly_chart")},
        "its caption": any(caption.value.startswith("Left: the surface") for caption in app.caption),
        "standings": any("Optimizer" in table for table in html_tables(app)),
        "paths to download": bool(app.get("download_button")),
        "who diverged": any(warning.value == "Diverged: GD." for warning in app.warning),
        "the inspected run diverged": any(warning.value.startswith("This run diverged") for warning in app.warning),
        "the inspected update": any(r"\Delta\theta_t" in block.value for block in app.latex),
    }


def test_predict_then_reveal_hides_every_outcome_until_revealed():
    """GD beyond its limit diverges, Momentum at the same rate arrives: before the reveal neither the chart, the
    standings, the warnings nor the inspected update say so; the question's tolerance, the race's rates and how the
    inspected optimizer works stay."""
    app = open_page(PAGE, predict="true", lab_surface="½wᵀHw", lab_optimizers=["GD", "Momentum"], lab_gd_lr="0.3",
                    lab_momentum_lr="0.3")
    app.selectbox(key="lab_inspect").set_value("gd").run()
    assert_clean(app)
    hidden = race_outcomes_shown(app)
    assert not any(hidden.values()), hidden
    assert app.select_slider(key="lab_tol") is not None
    assert any(caption.value.startswith("Rates set by hand") for caption in app.caption)
    assert {heading.proto.anchor for heading in app.subheader} >= {"race", "inside-the-optimizer"}
    assert any(r"\theta_t &= \theta_{t-1}" in block.value for block in app.latex)  # GD's rule
    question = next(radio for radio in app.radio if radio.label.startswith("Which optimizer first"))
    question.set_value("momentum").run()
    next(box for box in app.checkbox if box.label == "Reveal").check().run()
    assert_clean(app)
    revealed = race_outcomes_shown(app)
    assert all(revealed.values()), revealed
