"""What is wrong with a chart as a page sends it (its Plotly spec, JSON): numbers that are not finite, gaps in its
traces, and text too small or too pale to read from the back of a classroom."""

from __future__ import annotations

import json
import re

import numpy as np

from support.apptest import decode

MIN_PX = 14
MIN_CONTRAST = 4.5  # WCAG 2.1 AA, normal text
PLOTLY_DEFAULT_SIZE = 12
ENCODED = re.compile(r'\{[^{}]*"bdata"[^{}]*\}')  # a binary array: {"dtype": ..., "bdata": ..., "shape": ...}
PICTURE = re.compile(r'"data:[^"]*"')  # an image, base64: any letters
# A NaN or an infinity (in lower case): JSON's NaN and Infinity, or a number written into a string (an SVG path, a
# hover text: "nan", "−inf", "5nan").
NOT_A_NUMBER = re.compile(r"(?:nan|inf|infinity)\b")


def plain(spec: str) -> str:
    """A chart's JSON in lower case, its binary arrays and pictures (base64: any letters) left out."""
    return ENCODED.sub("0", PICTURE.sub('""', spec)).lower()


def not_finite(spec: str) -> list[str]:
    """The NaNs and infinities of a chart's JSON: in its binary arrays, as numbers, or written in its strings."""
    found = []
    for match in ENCODED.finditer(spec):
        values = decode(json.loads(match[0]))
        if not np.all(np.isfinite(values)):
            found.append(f"{np.count_nonzero(~np.isfinite(values))} of an array of {values.size}")
    text = plain(spec)
    return found + [text[max(match.start() - 40, 0):match.end() + 40] for match in NOT_A_NUMBER.finditer(text)]


def gaps(spec: str) -> int:
    """How many numbers of a chart's JSON are missing (``null``: a break in a line, or a NaN as JSON writes it), but
    for the ``null`` the play buttons pass Plotly (``"args": [null, ...]``, ``"args": [[null], ...]``)."""
    text = plain(spec)
    return text.count("null") - text.count('"args":[null') - text.count('"args":[[null]')


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
