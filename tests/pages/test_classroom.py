"""The classroom tools on a lab page: presenter mode, predict then reveal, reset to the lesson's defaults."""

from support.apptest import assert_clean, chart_specs, open_page, predict_and_reveal

PAGE = "pages/feature_scaling/page.py"


def test_presenter_mode_keeps_the_controls_beside_the_chart_and_folds_the_explanation():
    normal, presenting = open_page(PAGE), open_page(PAGE, present="1")
    assert_clean(presenting)
    assert normal.sidebar.select_slider(key="lr") is not None
    assert presenting.sidebar.select_slider(key="lr").value == 0.1  # beside the chart, not in a box over it
    assert not any(popover.select_slider for popover in presenting.get("popover"))
    assert any(expander.label == "Explanation" for expander in presenting.expander)
    assert not any(expander.label == "Explanation" for expander in normal.expander)
    assert len(chart_specs(presenting)) == 3
    assert any("labSectionControls" in html.proto.body for html in presenting.get("html"))
    assert not any("labSectionControls" in html.proto.body for html in normal.get("html"))


def test_predict_then_reveal_hides_the_outcome_until_the_prediction_is_made():
    app = open_page(PAGE, predict="true", optimizer="GD", lr="0.15", x_scale="3")
    assert_clean(app)
    assert chart_specs(app) == [] and not app.error  # neither the path nor the verdict
    predict_and_reveal(app, "settles")
    assert len(chart_specs(app)) == 3 and "Diverged" in app.error[0].value
    assert "the answer is diverge" in app.warning[0].value
    app.select_slider(key="lr").set_value(0.1).run()  # a new setting: predict again
    assert chart_specs(app) == []


def test_a_right_prediction_is_confirmed():
    app = open_page(PAGE, predict="true")
    predict_and_reveal(app, "settles")
    assert "Your prediction was right." in app.success[0].value


def test_reset_opens_the_page_afresh_keeping_only_the_language_and_presenter_mode():
    app = open_page(PAGE, lr="2", x_scale="0.5", optimizer="Adam", lang="ru", present="1")
    links = [markdown.value for markdown in app.markdown if "restart_alt" in markdown.value]
    assert len(links) == 1 and 'href="?lang=ru&amp;present=1" target="_self"' in links[0]
    assert any('href="?" target="_self"' in markdown.value for markdown in open_page(PAGE, lr="2").markdown)


def test_a_link_value_out_of_range_is_clamped_with_a_notice_and_junk_leaves_the_address():
    app = open_page(PAGE, x_scale="1e9", lr="banana")
    assert_clean(app)
    assert app.select_slider(key="x_scale").value == 100.0  # the end of the range, not the default
    assert app.select_slider(key="lr").value == 0.1  # not a number: the default
    notices = [toast.value for toast in app.toast]
    assert any("x_scale = 1e9" in notice and "shows 100" in notice for notice in notices), notices
    assert any("lr = banana" in notice and "shows 0.1" in notice for notice in notices), notices
    assert app.query_params.get("x_scale") == "100" and "lr" not in app.query_params
