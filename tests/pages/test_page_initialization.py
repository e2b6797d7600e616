"""The initialization lab in AppTest, what is its own: the sections at the defaults, exactly equal units, what
depends on the seed, URL state, Russian, the claims of its experiment links, the seed repetitions, the classroom
modes, the histograms. Defaults, every control at its extremes, experiment links and invalid URL values are the page
contract's (``support/contract.py``)."""

import numpy as np
import pytest

from support.apptest import TableCells, assert_clean, chart_specs, decode, open_page, predict_and_reveal
from support.contract import assert_sound
from support.runs import open_experiment
from support.shown import experiments

PAGE = "pages/initialization/page.py"
ALL_SCHEMES = ["small_normal", "unit_normal", "standard_uniform", "lecun_normal", "xavier_normal", "xavier_uniform",
               "he_normal", "he_uniform"]
CHARTS = 12  # 3 weight maps, 3 boundaries, Bienaymé, depth, 2 histograms, Glorot, training
# Every control of the page: its AppTest kind and how a URL value reads as the widget's value.
KINDS = {
    "init_seed": ("number_input", int), "init_sym_act": ("selectbox", str), "init_sym_data": ("selectbox", str),
    "init_sym_units": ("slider", int), "init_sym_const": ("select_slider", float),
    "init_sym_std": ("select_slider", float),
    "init_sym_steps": ("slider", int), "init_sym_lr": ("select_slider", float),
    "init_fan_in": ("select_slider", int), "init_var_w": ("select_slider", float),
    "init_var_x": ("select_slider", float), "init_mean_x": ("select_slider", float), "init_act": ("selectbox", str),
    "init_schemes": ("multiselect", str), "init_depth": ("slider", int), "init_width": ("select_slider", int),
    "init_stack_var": ("select_slider", float), "init_small_std": ("select_slider", float),
    "init_hist": ("selectbox", str), "init_g_in": ("select_slider", int), "init_g_out": ("select_slider", int),
    "init_train_act": ("selectbox", str), "init_train_data": ("selectbox", str),
    "init_train_depth": ("slider", int), "init_train_epochs": ("slider", int),
    "init_train_lr": ("select_slider", float), "init_train_seeds": ("toggle", lambda value: value == "true"),
}


def assert_readable(app, charts: int = CHARTS) -> None:
    """What the contract asks of a state, and the expected number of charts."""
    assert_sound(app, "initialization")
    assert len(chart_specs(app)) == charts


def html_tables(app) -> list[dict[str, list[str]]]:
    """Every table of the page (each in a box that scrolls sideways), as {column title: cell texts}."""
    found = []
    for markdown in app.markdown:
        if "<table>" in markdown.value:
            parser = TableCells()
            parser.feed(markdown.value)
            for header, *rows in parser.tables:
                found.append({title: [row[index] for row in rows] for index, title in enumerate(header)})
    return found


def widget(app, key):
    kind, _ = KINDS[key]
    return getattr(app, kind)(key=key)


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_defaults_draw_every_section(default_page):
    app = default_page
    assert_readable(app)
    assert app.title[0].value == "Weight initialization"
    assert [header.value for header in app.subheader][:5] == [
        "The symmetry trap", "The variance before the activation", "Layer by layer through a deep network",
        "Glorot's compromise", "What it changes in training"]
    depth_chart = chart_specs(app)[7]
    assert depth_chart["layout"]["yaxis"]["type"] == "log" and depth_chart["layout"]["yaxis2"]["type"] == "log"
    measured = [trace for trace in depth_chart["data"] if trace.get("showlegend")]
    assert [trace["name"] for trace in measured] == ["Normal, small σ", "Normal, σ = 1", "Uniform ±1/√n",
                                                     "Xavier normal", "He normal"]
    assert len(measured[0]["y"]) == 10  # a point per layer
    stack, glorot, training = html_tables(app)
    assert stack["n·Var(W)"] == ["0.0256", "256", "0.333", "1", "2"]
    assert glorot["Var(W)"] == ["0.00391", "0.0312", "0.00694"]
    reached = training["Epoch of loss < 0.1"]
    assert reached[0] == reached[2] == "—"  # the fixed small starts never get there


def test_equal_units_are_reported_exactly_equal(default_page):
    results = [markdown.value for markdown in default_page.markdown if markdown.value.startswith("Distinct hidden")]
    assert results[0].startswith("Distinct hidden units: **1 of 8** · largest difference between two units: "
                                 "**0 (exactly)**")
    assert results[1].startswith("Distinct hidden units: **1 of 8**") and "**0 (exactly)**" in results[1]
    assert results[2].startswith("Distinct hidden units: **8 of 8**")
    maps = chart_specs(default_page)[0:6:2]  # each start draws its weights, then its boundary
    for spec in maps[:2]:  # every row of a block (one weight per unit) the same at every step
        grid = decode(spec["data"][0]["z"])
        assert np.array_equal(grid[:8], np.broadcast_to(grid[:1], grid[:8].shape))
        assert np.array_equal(grid[8:], np.broadcast_to(grid[8:9], grid[8:].shape))
    random = decode(maps[2]["data"][0]["z"])
    assert not np.array_equal(random[:8], np.broadcast_to(random[:1], random[:8].shape))


def test_the_page_marks_what_depends_on_the_seed(default_page):
    texts = " ".join(markdown.value for markdown in default_page.markdown)
    assert "**These curves depend on the random seed** (now 0)" in texts
    assert any("depend on the seed (now 0)" in caption.value for caption in default_page.caption)


def test_another_seed_moves_the_seed_and_retrains():
    app = open_page(PAGE, init_schemes=["xavier_normal", "he_normal"], init_train_epochs="5")
    before = html_tables(app)[2]["Loss at the end"]
    app.button[0].click().run()
    assert_readable(app)
    assert app.number_input(key="init_seed").value == 1
    assert html_tables(app)[2]["Loss at the end"] != before


def test_the_url_sets_every_control():
    query = {"init_seed": "7", "init_sym_act": "relu", "init_sym_data": "moons", "init_sym_units": "5",
             "init_sym_const": "-0.25", "init_sym_std": "0.3", "init_sym_steps": "120", "init_sym_lr": "0.5",
             "init_fan_in": "30", "init_var_w": "0.03", "init_var_x": "2", "init_mean_x": "1.5",
             "init_act": "elu", "init_schemes": ["lecun_normal", "he_uniform"], "init_depth": "12",
             "init_width": "64", "init_stack_var": "0.5", "init_small_std": "0.05", "init_hist": "he_uniform",
             "init_g_in": "16", "init_g_out": "512", "init_train_act": "leaky_relu", "init_train_data": "xor",
             "init_train_depth": "3", "init_train_epochs": "6", "init_train_lr": "0.03", "init_train_seeds": "true"}
    app = open_page(PAGE, **query)
    assert_readable(app)
    assert set(query) == set(KINDS)
    for key, value in query.items():
        _, convert = KINDS[key]
        expected = [convert(item) for item in value] if isinstance(value, list) else convert(value)
        assert widget(app, key).value == expected, key


def test_russian():
    app = open_page(PAGE, lang="ru")
    assert_readable(app)
    assert app.title[0].value == "Инициализация весов"
    specs = chart_specs(app)
    assert specs[7]["layout"]["xaxis"]["title"]["text"] == "Слой"
    assert specs[7]["layout"]["separators"] == ", "
    assert "Инициализация" in html_tables(app)[0]
    texts = " ".join(markdown.value for markdown in app.markdown)
    assert "Различных нейронов: **1 из 8**" in texts and "(ровно)" in texts
    links = next(markdown.value for markdown in app.markdown if markdown.value.startswith("<ul><li><a href="))
    assert links.count("&amp;lang=ru") == len(experiments("initialization"))  # the experiment links keep the language


def test_log_axes_hold_only_positive_floored_numbers():
    app = open_page(PAGE, init_act="linear", init_schemes=ALL_SCHEMES, init_depth="50", init_width="512",
                    init_small_std="0.001", init_stack_var="0.01")
    spec = chart_specs(app)[7]
    for axis in ("yaxis", "yaxis2"):
        low, high = (10 ** edge for edge in spec["layout"][axis]["range"])
        traces = [trace for trace in spec["data"] if trace["yaxis"] == axis.replace("axis", "")]
        values = np.concatenate([np.asarray(trace["y"], dtype=float) for trace in traces])
        assert np.all(values >= low * (1 - 1e-3)) and np.all(values <= high * (1 + 1e-3))


def test_experiment_claims_hold():
    """What a few links promise, read off the page they open."""
    relu = html_tables(open_experiment("initialization", "relu_xavier"))[0]
    assert relu["Gain per layer"][0].startswith("0.4") or relu["Gain per layer"][0].startswith("0.5")
    assert relu["Gain per layer"][1].startswith(("0.9", "1"))
    training = html_tables(open_experiment("initialization", "train_relu"))[2]
    assert training["Epoch of loss < 0.1"][1] == "diverged (epoch 1)"
    assert int(training["Epoch of loss < 0.1"][4]) < int(training["Epoch of loss < 0.1"][3])  # He before Xavier


def test_repeating_over_seeds_counts_what_held_for_every_seed():
    app = open_page(PAGE, init_schemes=["small_normal", "he_normal"], init_train_act="relu", init_train_seeds="true")
    assert_readable(app)
    counts = html_tables(app)[3]
    assert counts["Runs with loss < 0.1"] == ["0 / 10", "10 / 10"]  # no seed saves the small start, every seed He's
    assert counts["Diverged"] == ["0 / 10", "0 / 10"]
    assert any("Over seeds 0–9" in markdown.value for markdown in app.markdown)


def outcomes_shown(app) -> dict[str, bool]:
    """Which of the things that tell which initializer keeps the activations' spread best are on the page."""
    charts = {chart.key for chart in app.get("plotly_chart")}
    notes = [block.value for block in (*app.caption, *app.info)]
    return {
        "depth chart": "init_depth_chart" in charts,
        "histograms": {"init_hist_lines", "init_hist_map"} <= charts,
        "table of the stack": any("Gain per layer" in block.value for block in app.markdown),
        "what the chart measured": any(note.startswith("One network of") for note in notes),
        "what the histograms show": any("values of each layer" in note for note in notes),
        "He's drift (ReLU) or the lesson's note on tanh": any(note.startswith("He keeps the *expected* second moment")
                                                              or "tanh is almost linear near 0" in note
                                                              for note in notes),
    }


@pytest.mark.parametrize("activation", ["relu", "tanh"])  # each has its own note on the stack
def test_predict_then_reveal_hides_every_outcome_until_revealed(activation):
    """Before the reveal no chart, table, histogram or note tells which initializer keeps the spread; the other
    sections, the theory and the choice of the histograms' initializer stay."""
    app = open_page(PAGE, predict="true", init_act=activation, init_schemes=["xavier_normal", "he_normal"],
                    init_depth="30")
    assert_readable(app, CHARTS - 3)
    hidden = outcomes_shown(app)
    assert not any(hidden.values()), hidden
    assert app.selectbox(key="init_hist").value == "xavier_normal"
    assert any(block.value.startswith("**Why He has the 2.**") for block in app.markdown)
    predict_and_reveal(app, "xavier_normal")
    assert_readable(app)
    revealed = outcomes_shown(app)
    assert all(revealed.values()), revealed
    assert any(box.value.startswith(("Your prediction was right", "Not this time")) for box in
               (*app.success, *app.warning))


def test_presenter_mode_is_clean():
    app = open_page(PAGE, present="1")
    assert_readable(app)
    assert any(expander.label == "Explanation" for expander in app.expander)


def test_relus_exact_zeros_do_not_flatten_the_rest_of_the_histograms():
    relu = open_page(PAGE, init_act="relu", init_schemes="he_normal", init_hist="he_normal", init_depth="20",
                     init_width="256")
    assert_clean(relu)
    lines, heatmap = chart_specs(relu)[8], chart_specs(relu)[9]
    first_bins = [decode(trace["y"])[0] for trace in lines["data"]]
    top = lines["layout"]["yaxis"]["range"][1]
    assert max(first_bins) > 40 and top < max(first_bins) / 2  # about half the values are 0: that bin is cut
    assert all(decode(trace["y"])[1:].max() <= top for trace in lines["data"])  # every other bin is drawn whole
    assert lines["layout"]["annotations"][0]["text"] == f"▲ {max(first_bins):.0f}%"
    assert heatmap["data"][0]["zmax"] < decode(heatmap["data"][0]["z"]).max()
    tanh = open_page(PAGE, init_act="tanh", init_schemes="xavier_normal", init_hist="xavier_normal",
                     init_depth="20", init_width="256")
    lines, heatmap = chart_specs(tanh)[8], chart_specs(tanh)[9]
    assert "range" not in lines["layout"]["yaxis"] and not lines["layout"].get("annotations")
    assert "zmax" not in heatmap["data"][0]


def test_trainings_do_not_depend_on_the_order_picked_or_on_an_unused_small_std():
    """The shown initializers train together: the order a student picked them in gives the same runs (in that
    order), and the fixed small std counts only when its scheme is shown."""
    from pages.initialization import compute

    args = ("relu", "moons", 3, 5, 0.05)
    picked = compute.trainings(("he_normal", "xavier_normal"), *args, 0.01, 0)[1]
    reversed_ = compute.trainings(("xavier_normal", "he_normal"), *args, 0.01, 0)[1]
    assert list(picked) == ["he_normal", "xavier_normal"] and list(reversed_) == ["xavier_normal", "he_normal"]
    for name in picked:
        np.testing.assert_array_equal(picked[name].train_loss, reversed_[name].train_loss)
    other_std = compute.trainings(("he_normal", "xavier_normal"), *args, 0.5, 0)[1]
    np.testing.assert_array_equal(other_std["he_normal"].train_loss, picked["he_normal"].train_loss)
    small = [compute.trainings(("small_normal", "he_normal"), *args, std, 0)[1]["small_normal"] for std in (0.01, 0.5)]
    assert not np.array_equal(small[0].train_loss, small[1].train_loss)
