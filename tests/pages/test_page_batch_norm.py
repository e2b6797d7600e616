"""The batch-norm lab in AppTest: the sections at the defaults, the layer's numbers, the running statistics, train
versus eval (a batch of one explained, not a crash), the deep networks and the lesson's claims, Russian, the claims of
the experiment links, and no retraining when only a display option changes. Defaults, every control at its extremes,
experiment links and invalid URL values are the page contract's (``support/contract.py``)."""

import html
import math
import re

import numpy as np
import pytest

from pages.batch_norm import compute, tables, trainer
from support.apptest import assert_clean, chart_specs, decode, html_tables, open_page, predict_and_reveal
from support.contract import assert_sound
from support.runs import open_experiment

PAGE = "pages/batch_norm/page.py"
CHARTS = 7


def as_float(text: str) -> float:
    return float(text.replace(",", ".").replace("−", "-"))


def pair(cell: str) -> tuple[float, float]:
    mean, variance = cell.split(" / ")
    return as_float(mean), as_float(variance)


def metric_values(app, index: int = 0) -> dict[str, str]:
    """The figures of the page's ``index``-th metric strip, as {label: value} (a subscript joins with "_")."""
    strips = [markdown.value for markdown in app.markdown if markdown.value.startswith('<div style="display: flex')]
    found = re.findall(r'<div style="font-size: 0.9rem[^>]*>(.*?)</div><div[^>]*>(.*?)</div>', strips[index])
    return {html.unescape(re.sub(r"<sub>(.*?)</sub>", r"_\1", label)): html.unescape(value) for label, value in found}


def markdown_with(app, text: str) -> str:
    return next(markdown.value for markdown in app.markdown if text in markdown.value)


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_defaults_draw_every_section(default_page):
    app = default_page
    assert_clean(app)
    assert app.title[0].value == "Batch normalization"
    assert [header.value for header in app.subheader if "Experiments" not in header.value][:4] == [
        "What batch norm does to one layer", "Running mean and variance: exponential smoothing",
        "Train mode versus eval mode", "Why it helps: a deep network with and without batch norm"]
    assert len(chart_specs(app)) == CHARTS
    assert_sound(app, "batch_norm")
    spread = chart_specs(app)[4]
    assert len(spread["frames"]) == trainer.FRAMES + 1  # the untrained network, then every snapshot
    assert all(set(frame["data"][0]) == {"y"} for frame in spread["frames"])  # frames carry only the heights


def test_the_layer_table_shows_mean_zero_and_variance_one_before_gamma_and_beta(default_page):
    layer = html_tables(default_page)[0]
    for cell in layer["ẑ"]:
        mean, variance = pair(cell)
        assert mean == 0.0 and variance == pytest.approx(1.0, abs=1e-4)
    for cell in layer["z"]:
        assert pair(cell) != (0.0, 1.0)  # the raw units are not normalised
    means = [pair(cell)[0] for cell in layer["z"]]
    assert max(means) - min(means) > 5  # very different units before


def test_gamma_and_beta_move_the_output(default_page):
    app = open_page(PAGE, bn_gamma="2", bn_beta="-1")
    assert_clean(app)
    for cell in html_tables(app)[0]["y"]:
        mean, variance = pair(cell)
        assert mean == pytest.approx(-1.0, abs=1e-3) and variance == pytest.approx(4.0, rel=1e-3)


def test_undo_gives_the_input_back():
    app = open_page(PAGE, bn_undo="true")
    assert_clean(app)
    table = html_tables(app)[0]
    assert table["y"] == table["z"]
    assert "γ / β" in table
    written = re.search(r"\|y − z\| is (\S+?),", app.success[0].value).group(1)  # e.g. 4.4×10⁻¹⁶, or 0
    mantissa, _, power = ("1×" + written if written.startswith("10⁻") else written).partition("×10")
    exponent = power.translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")) or "0"
    assert as_float(mantissa) * 10.0 ** int(exponent) < 1e-12


def test_the_lessons_fixed_variance_is_corrected_in_a_marked_note(default_page):
    note = next(box.value for box in default_page.info if "brings each neuron's output" in box.value)
    assert note.startswith("**The lesson says:**") and "**Measured here:**" in note


def test_the_running_estimates_start_at_pytorchs_zero_and_one_and_name_both_conventions(default_page):
    app = default_page
    stream = chart_specs(app)[1]
    running = [trace for trace in stream["data"] if trace.get("name") == "running estimate" or
               (trace.get("legendgroup") == "running")]
    assert decode(running[0]["y"])[0] == 0.0 and decode(running[1]["y"])[0] == 1.0
    names = markdown_with(app, "Two names for one number")
    assert "PyTorch" in names and "discount" in names and "Keras" in names and "1 − m = 0.9" in names
    metrics = metric_values(app, 0)
    assert metrics["m"] == "0.1" and metrics["1 − m"] == "0.9" and metrics["Steps until the start weighs < 1%"] == "44"
    assert as_float(metrics["μ_run"]) == pytest.approx(3.0, abs=0.5)
    bias = markdown_with(app, "The early bias")
    assert "After 10 steps the start still weighs 35%" in bias


def test_the_bias_correction_is_a_display_option_that_retrains_nothing(monkeypatch):
    calls = []
    original, sweeping = trainer.train_at_rates, trainer.sweep_over_seeds

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(trainer, "train_at_rates", counting)
    monkeypatch.setattr(trainer, "sweep_over_seeds", lambda *args, **kwargs: calls.append(1) or sweeping(*args,
                                                                                                        **kwargs))
    app = open_page(PAGE, bn_seed="4242", bn_depth="9")  # settings no other test uses: nothing cached yet
    trained = len(calls)
    assert trained == 5  # two networks, the sweep of each, and the plain network's spread over seeds
    lines = len(chart_specs(app)[1]["data"])
    app.toggle(key="bn_debias").set_value(True).run()
    assert_clean(app)
    assert len(chart_specs(app)[1]["data"]) == lines + 2  # the corrected estimate, in both panels
    app.radio(key="bn_show").set_value("inputs").run()
    assert_clean(app)
    assert chart_specs(app)[4]["layout"]["xaxis"]["title"]["text"] == "input of the activation"
    app.select_slider(key="bn_lr").set_value(1.0).run()  # a new rate: the networks and the spread again, not the sweep
    assert len(calls) == trained + 3


def test_a_batch_of_one_is_explained_not_a_crash():
    app = open_page(PAGE, bn_batch="1")
    assert_clean(app)
    warning = app.warning[0].value
    assert "cannot be normalised in train mode" in warning and "eval mode" in warning
    assert any("at least 2 samples" in code.value for code in app.code)  # the engine's own message
    modes = chart_specs(app)[2]
    assert all(trace["type"] != "bar" for trace in modes["data"])  # no train-mode outputs to draw
    note = next(note for note in modes["layout"]["annotations"] if "train mode gives no output" in note["text"])
    assert note["bgcolor"].startswith("rgba(255, 255, 255")  # legible where it crosses the eval and ideal lines
    assert html_tables(app)[1]["Train mode"] == ["—"]
    assert_sound(app, "batch_norm")


def test_a_batch_of_two_gives_plus_or_minus_one():
    app = open_page(PAGE, bn_batch="2")
    assert_clean(app)
    assert any("A batch of two" in box.value for box in app.info)
    bars = next(trace for trace in chart_specs(app)[2]["data"] if trace["type"] == "bar")
    centres, counts = decode(bars["x"]), decode(bars["y"])
    occupied = centres[counts > 0]
    assert np.all(np.abs(np.abs(occupied) - 1.0) < 0.1)


def test_train_and_eval_outputs_differ_and_the_spread_shrinks_with_the_batch(default_page):
    table = html_tables(default_page)[1]
    assert table["Train mode"] != table["Eval mode"]
    spread = markdown_with(default_page, "comes out anywhere between")
    low, high = (as_float(value) for value in re.search(r"between (\S+) and (\S+) \(", spread).groups())
    large = open_page(PAGE, bn_batch="256")
    low_large, high_large = (as_float(value) for value in
                             re.search(r"between (\S+) and (\S+) \(", markdown_with(large, "anywhere")).groups())
    assert high_large - low_large < 0.3 * (high - low)


def test_the_deep_networks_at_the_default_settings(default_page):
    metrics = metric_values(default_page, 1)
    guess = as_float(metrics["Constant guess"])
    assert guess == pytest.approx(math.log(2), abs=1e-3)
    assert as_float(metrics["Loss without BN"]) > 0.95 * guess  # without batch norm: stuck at a constant guess
    assert as_float(metrics["Loss with BN"]) < 0.5 * guess
    assert as_float(metrics["Accuracy with BN"].rstrip("%")) > 90


def test_batch_norm_makes_the_deep_sigmoid_network_trainable_over_two_decades_of_rates():
    without, with_bn = (compute.sweep("sigmoid", 10, "moons", batch_norm) for batch_norm in (False, True))
    assert not without.trains.any() and with_bn.trains.any()
    trained_rates = with_bn.lrs[with_bn.trains]
    assert trained_rates.max() / trained_rates.min() >= 100  # two decades or more, in 8 of 10 seeds each
    assert tables.verdict({False: without, True: with_bn}) == "only_with"


@pytest.mark.parametrize(("name", "batch_norm", "depth", "lr", "trains"), [
    ("high_lr", True, 10, 10.0, True), ("high_lr", False, 10, 10.0, False), ("shallow", False, 2, 0.3, True),
])
def test_the_experiment_claims_about_training(name, batch_norm, depth, lr, trains):
    run = compute.deep_run("sigmoid", depth, lr, 300, "moons", 0, batch_norm)
    assert bool(run.population_losses[-1, 0] < compute.trained_threshold("moons", 0)) is trains, name


def outcomes_shown(app) -> dict[str, bool]:
    """Which of the things that tell which deep network ends lower are on the page."""
    charts = {chart.key for chart in app.get("plotly_chart")}
    texts = [block.value for block in (*app.markdown, *app.info)]
    return {
        "loss chart": "bn_loss_chart" in charts,
        "spread chart": "bn_spread_chart" in charts,
        "learned γ and β": "bn_gamma_chart" in charts,
        "learning-rate sweep": "bn_sweep_chart" in charts,
        "final losses": any("Loss without BN" in text for text in texts),
        "eval-mode lag": any(text.startswith("Eval mode against the batch's statistics") for text in texts),
        "variance note": any("nothing guarantees that the variance" in text for text in texts),
        "γ and β summary": any(text.startswith("After training the γ") for text in texts),
        "sweep verdict": any(text.startswith("Without batch norm the network") for text in texts),
    }


def test_predict_then_reveal_hides_every_outcome_until_revealed():
    """Before the reveal nothing of the deep networks' section tells which ends lower: not the losses, nor the
    spread of the layers, the learned γ and β or the sweep of rates; the sections above are all there."""
    app = open_page(PAGE, predict="true")
    assert_clean(app)
    hidden = outcomes_shown(app)
    assert not any(hidden.values()), hidden
    assert {"bn_layer_chart", "bn_stream_chart", "bn_modes_chart"} <= {chart.key for chart in app.get("plotly_chart")}
    assert "deep-networks" in {heading.proto.anchor for heading in app.subheader}
    predict_and_reveal(app, "with_bn")
    revealed = outcomes_shown(app)
    assert all(revealed.values()), revealed
    assert len(chart_specs(app)) == CHARTS
    assert app.success and "right" in app.success[0].value.lower()


def test_russian():
    app = open_page(PAGE, lang="ru")
    assert_clean(app)
    assert app.title[0].value == "Батч-нормализация"
    assert "0,9" in markdown_with(app, "Два названия одного числа")
    metrics = metric_values(app, 0)
    assert metrics["1 − m"] == "0,9"
    assert chart_specs(app)[4]["layout"]["annotations"][0]["text"] == "<b>без батч-нормализации</b>"
    assert_sound(app, "batch_norm")


def test_on_a_phone_the_transform_takes_one_line_per_formula(monkeypatch):
    wide = open_page(PAGE)
    monkeypatch.setattr("ui.charts.on_phone", lambda: True)
    narrow = open_page(PAGE)
    assert_clean(narrow)
    assert wide.latex[0].value.count("\\\\") == 1 and "\\qquad" in wide.latex[0].value  # two lines of two
    assert narrow.latex[0].value.count("\\\\") == 3 and "\\qquad" not in narrow.latex[0].value  # four lines


def test_presenter_mode(default_page):
    """Every chart grows to fill a projector's screen (the browser caps it at the screen's height)."""
    app = open_page(PAGE, present="1")
    assert_clean(app)
    assert len(chart_specs(app)) == CHARTS
    normal = [spec["layout"]["height"] for spec in chart_specs(default_page)]
    assert [spec["layout"]["height"] for spec in chart_specs(app)] == [int(height * 1.5) for height in normal]


def test_the_experiment_claims_about_the_running_statistics():
    keras = open_experiment("batch_norm", "keras")
    assert metric_values(keras, 0)["Steps until the start weighs < 1%"] == "459"
    early = open_experiment("batch_norm", "too_early")
    eval_output = as_float(re.search(r"always (\S+) \(ideal: (\S+)\)", markdown_with(early, "always")).group(1))
    ideal = as_float(re.search(r"\(ideal: (\S+)\)", markdown_with(early, "always")).group(1))
    assert abs(eval_output - ideal) > 1  # the running statistics have not caught up: eval mode is far off
