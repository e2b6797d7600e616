"""Chart text is readable from the back of a classroom: every text at least 14 px, dark enough for a projector.

Walks the Plotly spec of every chart on every page at its defaults (frames included): the figure's own font
(Plotly's default is 12 px), and every font set anywhere below it (axes, legends, annotations, play buttons,
step sliders), against WCAG AA's contrast of 4.5:1 on white.
"""

from __future__ import annotations

import json

import pytest

from support.charts import MIN_CONTRAST, contrast_on_white, too_faint
from support.runs import run
from support.shown import PAGES
from ui.palette import text_color


def test_contrast_matches_wcag_examples():
    assert contrast_on_white("#000") == pytest.approx(21.0)
    assert contrast_on_white("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes AA
    assert contrast_on_white("rgb(255, 255, 255)") == pytest.approx(1.0)


def test_the_check_finds_small_and_pale_text():
    assert too_faint({"layout": {}}) == ["layout.font: 12 px"]
    spec = {"layout": {"font": {"size": 16}, "annotations": [{"font": {"size": 12, "color": "#aaaaaa"}}]}}
    assert len(too_faint(spec)) == 2
    points = {"layout": {"font": {"size": 16}}, "data": [{"textfont": {"size": [14, 13], "color": ["#000", "#aaa"]}}]}
    assert len(too_faint(points)) == 2


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_text_is_large_and_dark_enough(page):
    """On the Russian page at its defaults (whether it runs there is the page contract's)."""
    charts = run(page, "", "ru").charts
    problems = {index: found for index, chart in enumerate(charts) if (found := too_faint(json.loads(chart.spec)))}
    assert not problems, f"text too small or too pale, by chart: {problems}"


@pytest.mark.parametrize("color", ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
                                   "#8A94A0"])
def test_text_color_darkens_a_line_colour_just_enough_to_read(color):
    shade = text_color(color)
    assert contrast_on_white(shade) >= MIN_CONTRAST
    if contrast_on_white(color) >= MIN_CONTRAST:
        assert shade == color  # dark enough already: unchanged
    else:  # the same hue (channels in the same proportions), no darker than a 5 % step more would need
        ratios = [int(shade[i:i + 2], 16) / int(color[i:i + 2], 16) for i in (1, 3, 5) if int(color[i:i + 2], 16) > 32]
        assert max(ratios) - min(ratios) < 0.03
        assert contrast_on_white(shade) < MIN_CONTRAST * 1.15
