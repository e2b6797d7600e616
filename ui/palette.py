"""One colour per optimizer and per activation, the same on every chart (Okabe & Ito's colour-blind-safe palette)."""

BLACK, ORANGE, SKY_BLUE, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = (
    "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
)

OPTIMIZER_COLORS = {
    "gd": BLACK,
    "momentum": ORANGE,
    "nesterov": SKY_BLUE,
    "adagrad": GREEN,
    "rmsprop": PURPLE,
    "adam": VERMILLION,
    "adamw": BLUE,
}

ACTIVATION_COLORS = {
    "sigmoid": BLUE,
    "tanh": ORANGE,
    "relu": GREEN,
    "leaky_relu": SKY_BLUE,
    "elu": VERMILLION,
    "gelu": PURPLE,
    "silu": BLACK,
    "softplus": YELLOW,
}

# The loss surface is drawn in light greys so that coloured paths stand out on it.
SURFACE_COLORSCALE = [[0.0, "#FFFFFF"], [0.5, "#E6EAEF"], [1.0, "#B4BEC8"]]
MINIMUM_COLOR = VERMILLION

TEXT_CONTRAST = 4.5  # WCAG 2.1 AA for normal text: what a projector's washed-out white still leaves readable


def contrast_on_white(color: str) -> float:
    """WCAG's contrast ratio of ``#rrggbb`` text on white: 1.05 / (L + 0.05), L its relative luminance."""
    channels = [int(color[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 1.05 / (0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] + 0.05)


def text_color(color: str) -> str:
    """``#rrggbb`` darkened just enough (mixed with black in steps of 5 %) for text on white to reach
    ``TEXT_CONTRAST``: the same hue as the line it names, readable on a projector."""
    red, green, blue = (int(color[index:index + 2], 16) for index in (1, 3, 5))
    for share in range(0, 101, 5):
        keep = 1 - share / 100
        shade = f"#{round(red * keep):02X}{round(green * keep):02X}{round(blue * keep):02X}"
        if contrast_on_white(shade) >= TEXT_CONTRAST:
            return shade
    return "#000000"
