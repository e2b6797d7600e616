"""The classroom tools on a lab page: presenter mode, predict then reveal, reset to the lesson's defaults."""

from support.apptest import assert_clean, chart_specs, open_page

PAGE = "pages/feature_scaling/page.py"


def test_presenter_mode_moves_the_controls_above_the_chart_and_folds_the_explanation():
    normal, presenting = open_page(PAGE), open_page(PAGE, present="1")
    assert_clean(presenting)
    assert normal.sidebar.select_slider(key="lr") is not None
    assert "lr" not in [widget.key for widget in presenting.sidebar.select_slider]
    assert presenting.select_slider(key="lr").value == 0.1  # drawn in the main area instead
    assert any(expander.label == "Explanation" for expander in presenting.expander)
    assert not any(expander.label == "Explanation" for expander in normal.expander)
    assert len(chart_specs(presenting)) == 3


def test_predict_then_reveal_hides_the_outcome_until_the_prediction_is_made():
    app = open_page(PAGE, predict="true", optimizer="GD", lr="0.15", x_scale="3")
    assert_clean(app)
    assert chart_specs(app) == [] and not app.error  # neither the path nor the verdict
    app.radio[0].set_value("settles").run()
    app.checkbox[0].check().run()
    assert_clean(app)
    assert len(chart_specs(app)) == 3 and "Diverged" in app.error[0].value
    assert "the answer is diverge" in app.warning[0].value
    app.select_slider(key="lr").set_value(0.1).run()  # a new setting: predict again
    assert chart_specs(app) == []


def test_a_right_prediction_is_confirmed():
    app = open_page(PAGE, predict="true")
    app.radio[0].set_value("settles").run()
    app.checkbox[0].check().run()
    assert "Your prediction was right." in app.success[0].value


def test_reset_opens_the_page_afresh_keeping_only_the_language_and_presenter_mode():
    app = open_page(PAGE, lr="2", x_scale="0.5", optimizer="Adam", lang="ru", present="1")
    links = [markdown.value for markdown in app.markdown if "restart_alt" in markdown.value]
    assert len(links) == 1 and 'href="?lang=ru&amp;present=1" target="_self"' in links[0]
    assert any('href="?" target="_self"' in markdown.value for markdown in open_page(PAGE, lr="2").markdown)
