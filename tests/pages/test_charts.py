"""How a chart is adapted to the screen: Russian numbers, stacked panels and no drag or toolbar on a phone, the
screen's height in presenter mode."""

from ui import charts
from ui.figures import FinishedFigure


def two_panels(height=540) -> FinishedFigure:
    return FinishedFigure({"data": [], "layout": {
        "xaxis": {"domain": [0.0, 0.52]}, "yaxis": {}, "xaxis2": {"domain": [0.66, 1.0]}, "yaxis2": {},
        "height": height}})


def test_russian_charts_write_a_decimal_comma():
    assert charts.in_language(two_panels(), "ru").to_dict()["layout"]["separators"] == ", "
    assert charts.in_language(two_panels(), "en").to_dict()["layout"]["separators"] == ".,"


def test_on_a_phone_side_by_side_panels_stack_and_a_swipe_scrolls_the_page():
    layout = charts.for_phone(two_panels()).to_dict()["layout"]
    assert layout["xaxis"]["domain"] == layout["xaxis2"]["domain"] == [0.0, 1.0]
    assert layout["yaxis"]["domain"][0] > layout["yaxis2"]["domain"][1]  # the first panel above the second
    assert layout["height"] == 810 and layout["dragmode"] is False


def test_a_single_panel_or_a_grid_is_left_as_it_is_on_a_phone():
    one = FinishedFigure({"data": [], "layout": {"xaxis": {}, "yaxis": {}, "height": 400}})
    assert charts.for_phone(one).to_dict()["layout"]["height"] == 400
    grid = FinishedFigure({"data": [], "layout": {f"{axis}{index}": {} for axis in ("xaxis", "yaxis")
                                                  for index in ("", "2", "3")}})
    assert not charts.side_by_side(grid.to_dict()["layout"])


def test_presenter_mode_grows_a_chart_to_fill_the_screen():
    """Half as tall again as designed; the classroom style caps it at the screen's height (a browser test checks)."""
    assert charts.for_presenter(two_panels(640)).to_dict()["layout"]["height"] == 960
    assert charts.for_presenter(two_panels(420)).to_dict()["layout"]["height"] == 630


def test_on_a_phone_the_play_buttons_fit_one_line():
    buttons = [{"label": label} for label in ("▶ Play", "▶ 0.25×", "▶ 0.5×", "▶ 2×", "‖ Pause")]
    figure = FinishedFigure({"data": [], "layout": {"updatemenus": [{"buttons": buttons}]}})
    kept = charts.for_phone(figure).to_dict()["layout"]["updatemenus"][0]["buttons"]
    assert [button["label"] for button in kept] == ["▶ Play", "▶ 2×", "‖ Pause"]
