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
