"""The activations lab in AppTest, what is its own: the sections at the defaults, the properties table, the claims,
the cost measurement, URL state, Russian. Defaults, every control at its extremes, experiment links and invalid URL
values are the page contract's (``support/contract.py``)."""

import math

import numpy as np
import pytest

from pages.activations import compute as activations
from support.apptest import chart_specs, decode, html_tables, open_page, predict_and_reveal
from support.contract import assert_sound
from ui.catalog import CATALOG

PAGE = "pages/activations/page.py"
LESSON_LABELS = ["Sigmoid", "tanh", "ReLU", "Leaky ReLU", "ELU"]
ALL_NAMES = list(activations.NAMES)


def table(app) -> dict[str, dict]:
    """The properties table as shown, {function: {column: text}}."""
    columns = html_tables(app)[0]
    titles = list(columns)
    return {name: {title: columns[title][row] for title in titles} for row, name in enumerate(columns[titles[0]])}


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_defaults_draw_every_section(default_page):
    app = default_page
    assert_sound(app, "activations")
    assert app.title[0].value == "Activation functions"
    curves, chain, dead, centre, cost = chart_specs(app)
    assert [trace["name"] for trace in curves["data"] if trace.get("showlegend", True)] == LESSON_LABELS
    assert curves["layout"]["yaxis3"]["ticktext"] == LESSON_LABELS  # one saturation lane per function
    assert len(curves["layout"]["shapes"]) == 7  # sigmoid and tanh saturate on both sides, the rest on one
    assert chain["layout"]["yaxis"]["type"] == "log"
    assert len(chain["data"][0]["y"]) == 20  # a point per layer
    assert len(centre["data"]) == 5
    assert len(cost["data"][0]["y"]) == len(ALL_NAMES)  # the cost of all eight, whatever is chosen
    assert len(app.latex) == 5


def test_properties_table_matches_closed_forms(default_page):
    rows = table(default_page)
    assert rows["Sigmoid"]["Max |f′|"] == "0.25"
    assert rows["tanh"]["Max |f′|"] == "1"
    assert rows["ReLU"]["Share with f′ = 0"] == "50%"
    assert rows["ReLU"]["Mean"] == f"{1 / math.sqrt(2 * math.pi):.3f}"
    assert rows["Sigmoid"]["Mean"] == "0.500"
    assert rows["tanh"]["Mean"] == "0.000"  # exactly 0, not -0.000
    assert rows["Sigmoid"]["Output range"] == "(0, 1)" and rows["ReLU"]["Output range"] == "[0, ∞)"
    assert rows["ELU"]["Output range"] == "(−1, ∞)"
    assert rows["tanh"]["Centred?"] == "✓" and rows["Sigmoid"]["Centred?"] == "✗"
    assert rows["Sigmoid"]["Saturated for"] == "|x| > 4.36"


def test_vanishing_gradients_and_dead_units_are_stated(default_page):
    chain = chart_specs(default_page)[1]
    sigmoid, relu = chain["data"][0]["y"], chain["data"][4]["y"]
    assert sigmoid[0] < 1e-6 < relu[0]  # after 20 layers almost nothing reaches sigmoid's first layer
    summaries = [markdown.value for markdown in default_page.markdown]
    assert any(text.startswith("Gradient reaching layer 1") for text in summaries)
    assert any("ReLU — **49%**" in text and "leaky ReLU — **0**" in text for text in summaries)


def test_cost_is_measured_once_and_called_this_machines(default_page):
    captions = " ".join(caption.value for caption in default_page.caption)
    assert "this machine's figures" in captions
    assert activations.cost() is activations.cost()  # cached for the server's lifetime
    before = chart_specs(default_page)[-1]["data"][0]["x"]
    default_page.run()
    assert chart_specs(default_page)[-1]["data"][0]["x"] == before


def test_claims_table_links_the_elu_paper(default_page):
    claims = next(markdown.value for markdown in default_page.markdown if markdown.value.startswith("| Function"))
    assert claims.count("\n| ") == 17  # the header's rule and 16 claims
    assert "https://arxiv.org/abs/1511.07289" in claims
    assert "| Sigmoid | Expensive to compute." in claims


def activations_label(name: str) -> str:
    return CATALOG[f"activations.name.{name}"]["en"]


def test_no_function_chosen_leaves_a_readable_page():
    app = open_page(PAGE, act_fns="")
    assert_sound(app, "activations")
    assert "Choose at least one function" in app.info[0].value
    assert len(chart_specs(app)) == 1  # the cost of every function is still shown


def test_the_url_sets_every_control():
    app = open_page(PAGE, act_fns=["ReLU", "SiLU (Swish)"], act_x=["-10", "3"], act_alpha_leaky="0.2",
                    act_alpha_elu="2", act_sat="10%", act_depth="35", act_width="16", act_scale="0.5",
                    act_bias="-3.5", act_batch="128", act_mu="1.5", act_sigma="3", act_seed="7")
    assert_sound(app, "activations")
    assert app.multiselect(key="act_fns").value == ["relu", "silu"]
    assert app.select_slider(key="act_x").value == (-10.0, 3.0)
    assert app.select_slider(key="act_alpha_leaky").value == 0.2
    assert app.select_slider(key="act_alpha_elu").value == 2.0
    assert app.select_slider(key="act_sat").value == 10
    assert app.slider(key="act_depth").value == 35
    assert app.select_slider(key="act_width").value == 16
    assert app.select_slider(key="act_scale").value == 0.5
    assert app.select_slider(key="act_bias").value == -3.5
    assert app.select_slider(key="act_batch").value == 128
    assert app.select_slider(key="act_mu").value == 1.5
    assert app.select_slider(key="act_sigma").value == 3.0
    assert app.number_input(key="act_seed").value == 7
    assert len(chart_specs(app)[1]["data"][0]["y"]) == 35


def test_leaky_relu_with_alpha_one_is_called_linear():
    app = open_page(PAGE, act_alpha_leaky="1")
    claims = next(markdown.value for markdown in app.markdown if markdown.value.startswith("| Function"))
    assert "| Leaky ReLU | α ≠ 1. | At α = 1 the largest \\|f(x) − x\\| on [−1, 1] is 0." in claims
    assert table(app)["Leaky ReLU"]["Mean"] == "0.000"
    assert "no longer an activation" in app.warning[0].value
    assert not open_page(PAGE, act_alpha_leaky="0.99").warning


def test_russian():
    app = open_page(PAGE, lang="ru")
    assert_sound(app, "activations")
    assert app.title[0].value == "Функции активации"
    assert chart_specs(app)[1]["layout"]["xaxis"]["title"]["text"] == "Слой (1 — первый, у входа)"
    assert "Макс. |f′|" in html_tables(app)[0]
    assert any(markdown.value.startswith("| Функция | В уроке") for markdown in app.markdown)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_chosen_functions_are_kept_in_the_url_by_name(language):
    """By name, not by label, so a link works in every language; links with the old English labels still work."""
    app = open_page(PAGE, lang=language, act_fns=["sigmoid", "elu"])
    assert app.multiselect(key="act_fns").value == ["sigmoid", "elu"]
    assert open_page(PAGE, lang=language, act_fns=["Sigmoid", "ELU"]).multiselect(key="act_fns").value == [
        "sigmoid", "elu"]


def test_floored_log_axes_hold_only_positive_numbers():
    app = open_page(PAGE, act_fns=[activations_label(name) for name in ALL_NAMES], act_scale="0.1",
                    act_depth="50", act_bias="-6", act_alpha_leaky="0", act_alpha_elu="0")
    chain, dead = chart_specs(app)[1:3]
    for spec, axis in ((chain, "yaxis"), (dead, "yaxis2")):
        low = 10 ** spec["layout"][axis]["range"][0]
        on_log_axis = [trace for trace in spec["data"] if trace["yaxis"] == axis.replace("axis", "")]
        assert all(np.all(decode(trace["y"]) >= low * (1 - 1e-6)) for trace in on_log_axis)


def test_the_cost_ratio_is_a_median_over_rounds_and_its_spread_is_shown(default_page):
    cost = activations.cost()
    assert cost.rounds == len(cost.ratios) >= 9
    ratio = cost.ns_per_element["sigmoid"] / cost.ns_per_element["relu"]
    assert min(cost.ratios) <= ratio * 1.001 and ratio <= max(cost.ratios) * 1.001
    assert any("ranged from" in markdown.value for markdown in default_page.markdown)


def outcomes_shown(app) -> dict[str, bool]:
    """Which of the things that tell which function passes the largest gradient back to layer 1 are on the page."""
    texts = [block.value for block in (*app.markdown, *app.caption)]
    return {
        "gradient chart": "act_chain" in {chart.key for chart in app.get("plotly_chart")},
        "what reaches layer 1": any(text.startswith("Gradient reaching layer 1") for text in texts),
        "what the chart measured": any("the gradient arriving at the output has RMS 1" in text for text in texts),
        "the claims measured by that gradient": any("the gradient reaching layer 1 is" in text for text in texts)
        and any("at layer 1 (sigmoid:" in text for text in texts),
    }


def test_predict_then_reveal_hides_every_outcome_until_revealed():
    """Before the reveal neither the chart nor the claims table tells which gradient reaches layer 1; the other
    sections and the other claims stay."""
    app = open_page(PAGE, predict="true")
    assert_sound(app, "activations")
    hidden = outcomes_shown(app)
    assert not any(hidden.values()), hidden
    assert {chart.key for chart in app.get("plotly_chart")} == {"act_curves", "act_dead", "act_centre", "act_cost"}
    claims = next(block.value for block in app.markdown if block.value.startswith("| Function | The lesson says"))
    assert claims.count("Shown once the answer to the question on vanishing gradients is revealed.") == 3
    assert "Mean output for x ~ N(0, 1)" in claims  # the claims on other things stay
    predict_and_reveal(app, "relu")
    assert_sound(app, "activations")
    revealed = outcomes_shown(app)
    assert all(revealed.values()), revealed
