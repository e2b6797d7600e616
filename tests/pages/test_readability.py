"""Chart text is readable from the back of a classroom: every text at least 14 px, dark enough for a projector.

Walks the Plotly spec of every chart on every page at its defaults (frames included): the figure's own font
(Plotly's default is 12 px), and every font set anywhere below it (axes, legends, annotations, play buttons,
step sliders), against WCAG AA's contrast of 4.5:1 on white.
"""

from __future__ import annotations

import pytest

from pages import HOME, lesson_pages
from support.apptest import assert_clean, chart_specs, open_page
from ui.palette import text_color

MIN_PX = 14
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text
PLOTLY_DEFAULT_SIZE = 12
PAGES = [HOME.script, *(page.script for page in lesson_pages())]


def luminance(color: str) -> float:
    """Relative luminance (WCAG 2.1) of ``#rgb``, ``#rrggbb`` or ``rgb(r, g, b)``."""
    if color.startswith("#"):
        digits = color[1:]
        if len(digits) == 3:
            digits = "".join(2 * digit for digit in digits)
        channels = [int(digits[index:index + 2], 16) for index in (0, 2, 4)]
    else:
        channels = [int(float(part)) for part in color[color.index("(") + 1:color.index(")")].split(",")[:3]]
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(color: str) -> float:
    return 1.05 / (luminance(color) + 0.05)


def test_contrast_matches_wcag_examples():
    assert contrast_on_white("#000") == pytest.approx(21.0)
    assert contrast_on_white("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes AA
    assert contrast_on_white("rgb(255, 255, 255)") == pytest.approx(1.0)


def fonts(node, where: str = ""):
    """Every ``font``-like dict below ``node`` (``font``, ``tickfont``, ``titlefont``...), with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict):
                yield f"{where}.{key}", value
            yield from fonts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from fonts(value, f"{where}[{index}]")


def too_faint(spec: dict) -> list[str]:
    """What in ``spec`` is smaller than ``MIN_PX`` or paler than ``MIN_CONTRAST`` allows."""
    layout = spec.get("layout", {})
    problems = []
    if layout.get("font", {}).get("size", PLOTLY_DEFAULT_SIZE) < MIN_PX:
        problems.append(f"layout.font: {layout.get('font', {}).get('size', PLOTLY_DEFAULT_SIZE)} px")
    for where, font in fonts({"layout": layout, "data": spec.get("data", []), "frames": spec.get("frames", [])}):
        sizes, colors = font.get("size", MIN_PX), font.get("color")
        for size in sizes if isinstance(sizes, list) else [sizes]:  # a trace's text can set them point by point
            if size < MIN_PX:
                problems.append(f"{where}: {size} px")
        for color in colors if isinstance(colors, list) else [colors]:
            if isinstance(color, str) and color[:1] in "#r" and contrast_on_white(color) < MIN_CONTRAST:
                problems.append(f"{where}: {color} is {contrast_on_white(color):.1f}:1 on white")
    return problems


def test_the_check_finds_small_and_pale_text():
    assert too_faint({"layout": {}}) == ["layout.font: 12 px"]
    spec = {"layout": {"font": {"size": 16}, "annotations": [{"font": {"size": 12, "color": "#aaaaaa"}}]}}
    assert len(too_faint(spec)) == 2
    points = {"layout": {"font": {"size": 16}}, "data": [{"textfont": {"size": [14, 13], "color": ["#000", "#aaa"]}}]}
    assert len(too_faint(points)) == 2


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_text_is_large_and_dark_enough(page):
    app = open_page(page, lang="ru")
    assert_clean(app)
    problems = {index: too_faint(spec) for index, spec in enumerate(chart_specs(app))}
    assert not {index: found for index, found in problems.items() if found}


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
