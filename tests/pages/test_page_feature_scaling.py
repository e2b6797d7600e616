"""The feature-scaling lab in AppTest: the animation and the comparison at the defaults, the stability limit, what
the page says about settling, URL state, divergence, Russian. Defaults, every control at its extremes, experiment
links and invalid URL values are the page contract's (``support/contract.py``)."""

import html
import re

import numpy as np
import pytest

from support.apptest import assert_clean, chart_specs, numeric_arrays, open_page, predict_and_reveal

PAGE = "pages/feature_scaling/page.py"


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_defaults_render_the_animation_and_the_comparison(default_page):
    app = default_page
    assert_clean(app)
    assert app.title[0].value == "Feature scaling and the loss landscape"
    main, raw, standardized = chart_specs(app)
    assert main["layout"]["images"][0]["source"].startswith("data:image/png;base64,")  # the surface
    frames = main["frames"]
    assert len(frames) == 51  # 50 steps: a frame per step, plus the start
    assert all(frame["traces"] == [1, 2, 4] for frame in frames)  # only what moves
    assert all("images" not in frame.get("layout", {}) for frame in frames)  # the surface is sent once
    assert "updatemenus" in main["layout"] and len(main["layout"]["sliders"][0]["steps"]) == 51
    assert raw["layout"]["title"]["text"] == "Raw features"
    assert standardized["layout"]["title"]["text"] == "Standardized features"
    assert app.success, "GD at the defaults converges"


def metric_values(app) -> dict[str, str]:
    """The figures of the page's metric strip, as {label: value} (a subscript joins its label with "_")."""
    strip = next(markdown.value for markdown in app.markdown if markdown.value.startswith('<div style="display: flex'))
    found = re.findall(r'<div style="font-size: 0.9rem[^>]*>(.*?)</div><div[^>]*>(.*?)</div>', strip)
    return {html.unescape(re.sub(r"<sub>(.*?)</sub>", r"_\1", label)): html.unescape(value) for label, value in found}


def as_float(text: str) -> float:
    return float(text.replace(",", ".").replace("−", "-"))


def test_metrics_explain_the_stability_limit(default_page):
    metrics = metric_values(default_page)
    limit = as_float(metrics["Stability limit of GD"])
    assert limit == pytest.approx(2 / as_float(metrics["λ_max"]), rel=1e-3)
    assert as_float(metrics["η / ηₘₐₓ"]) == pytest.approx(0.1 / limit, rel=1e-3)


def test_the_limit_is_the_chosen_optimizers():
    """Momentum at x_scale 3 and lr 0.15: above GD's 2/lambda_max, inside heavy ball's 2(1 + mu)/lambda_max."""
    app = open_page(PAGE, optimizer="Momentum", lr="0.15", x_scale="3")
    assert_clean(app)
    metrics = metric_values(app)
    momentum = app.select_slider(key="momentum_momentum").value
    assert as_float(metrics["Stability limit of Momentum"]) == pytest.approx(
        2 * (1 + momentum) / as_float(metrics["λ_max"]), rel=1e-3)
    assert as_float(metrics["η / ηₘₐₓ"]) < 1 and not app.error
    adam = metric_values(open_page(PAGE, optimizer="Adam"))
    assert adam["Stability limit of Adam"] == "no simple limit" and adam["η / ηₘₐₓ"] == "—"


def test_near_the_minimum_means_staying_there_to_the_last_step():
    """Adam at lr 2 first enters the 1% band at step 1, then swings out of it: it has not settled there."""
    app = open_page(PAGE, optimizer="Adam", x_scale="0.5", lr="2", steps="50")
    assert_clean(app)
    text = (app.success or app.info)[0].value
    if app.success:
        step = int(re.search(r"from step (\d+)", text).group(1))
        assert step > 1
    else:
        assert "still" in text


def test_a_close_loss_with_far_weights_is_said():
    """x_scale 0.1: the loss hardly depends on w1, so it gets close while w1 has barely moved."""
    app = open_page(PAGE, optimizer="GD", x_scale="0.1", lr="0.1", steps="50")
    assert_clean(app)
    assert app.success and "the weights are still" in app.success[0].value
    assert "the weights are still" not in open_page(PAGE, x_scale="1").success[0].value


def test_the_frames_follow_the_path(default_page):
    main = chart_specs(default_page)[0]
    path_final = list(numeric_arrays({"data": [main["data"][1]]}))
    last_frame = main["frames"][-1]["data"][0]
    np.testing.assert_allclose(numeric_arrays({"data": [last_frame]}).__next__(), path_final[0])
    first_frame_x = next(numeric_arrays({"data": [main["frames"][0]["data"][0]]}))
    assert first_frame_x.shape == (1,)


def test_a_diverging_run_says_so():
    app = open_page(PAGE, optimizer="GD", lr="0.15", x_scale="3")
    assert_clean(app)
    assert "Diverged at step" in app.error[0].value
    main = chart_specs(app)[0]
    (low1, high1), (low2, high2) = main["layout"]["xaxis"]["range"], main["layout"]["yaxis"]["range"]
    x, y = list(numeric_arrays({"data": [main["data"][1]]}))
    assert x.min() >= np.float32(low1) and x.max() <= np.float32(high1)  # the path is clipped to the view
    assert y.min() >= np.float32(low2) and y.max() <= np.float32(high2)
    assert "diverged at step" in main["layout"]["annotations"][0]["text"]


def test_the_url_sets_every_control():
    app = open_page(PAGE, optimizer="Adam", x_scale="0.5", lr="2", steps="25", standardize="true", seed="7")
    assert_clean(app)
    assert app.selectbox(key="optimizer").value == "adam"
    assert app.select_slider(key="x_scale").value == 0.5
    assert app.select_slider(key="lr").value == 2.0
    assert app.slider(key="steps").value == 25
    assert app.toggle(key="standardize").value is True
    assert app.number_input(key="seed").value == 7


def test_russian():
    app = open_page(PAGE, lang="ru")
    assert_clean(app)
    assert app.title[0].value == "Масштаб признаков и поверхность функции потерь"
    assert "," in metric_values(app)["λ_max"] and "." not in metric_values(app)["λ_max"]
    assert chart_specs(app)[1]["layout"]["title"]["text"] == "Исходные признаки"


def outcomes_shown(app) -> dict[str, bool]:
    """Which of the things that tell how the run ends are on the page."""
    charts = {chart.key for chart in app.get("plotly_chart")}
    markdown = [block.value for block in app.markdown]
    captions = [caption.value for caption in app.caption]
    return {
        "path chart": "descent" in charts,
        "raw and standardized paths": {"compare_False", "compare_True"} <= charts,
        "verdict": any("Diverged at step" in block.value for block in app.error),
        "key figures": any(block.startswith('<div style="display: flex') for block in markdown),
        "table of the run": any(block.startswith("<table>") for block in markdown),
        "how each side ends": any("Diverged at step" in caption for caption in captions)
        and any("Final L − L*" in caption for caption in captions),
    }


def test_predict_then_reveal_hides_every_outcome_until_revealed():
    """GD diverges at these settings: no chart, verdict, figure, table or caption says so before the reveal; the
    sections, their formulas and the lesson's note stay."""
    app = open_page(PAGE, predict="true", optimizer="GD", lr="0.15", x_scale="3")
    assert_clean(app)
    hidden = outcomes_shown(app)
    assert not any(hidden.values()), hidden
    assert {heading.proto.anchor for heading in app.subheader} >= {"descent", "gradients", "raw-vs-standardized"}
    assert any(block.value.startswith("Standard deviations of the features") for block in app.markdown)
    predict_and_reveal(app, "diverges")
    revealed = outcomes_shown(app)
    assert all(revealed.values()), revealed
