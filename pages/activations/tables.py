"""The two tables of the activations lab: the properties table and lesson 1's claims set against
the measurements. Every number in them is measured once per run by ``compute.measure`` and handed in;
every verdict is decided from those numbers."""

from __future__ import annotations

import math

import numpy as np

from dl_core.lessons import activation_stats
from pages.activations import compute, trainer
from pages.activations.compute import Measurements, Settings
from ui import tables
from ui.i18n import language, num, t

HOLDS, PARTLY, FAILS, NOT_MEASURED = "✓", "≈", "✗", "—"
# Zero-centred when |mean| is below this share of the output's standard deviation; roughly so below the second.
CENTRED, ROUGHLY_CENTRED = 0.1, 0.3
VANISHED = 1e-2  # a gradient below 1% of the one at the output has vanished
def exact_zero(value: float) -> float:
    """0 for what integration or bisection leaves of an exact 0 (below 1e-12 in size), else ``value``."""
    return 0.0 if abs(value) < 1e-12 else value


def range_text(output: activation_stats.Range) -> str:
    """Interval notation: ``(0, 1)``, ``[0, ∞)``, ``[−0.17, ∞)``; in Russian ``[−0,17; ∞)``."""
    opening = "[" if output.low_reached else "("
    closing = "]" if output.high_reached else ")"
    separator = "; " if language() == "ru" else ", "  # a decimal comma needs another separator
    return f"{opening}{num(exact_zero(output.low))}{separator}{num(exact_zero(output.high))}{closing}"


def intervals_text(intervals: tuple[tuple[float, float], ...]) -> str:
    """``|x| > 4.36``, ``x < 0``, ``−0.9 < x < −0.63``; a dash for the empty set."""
    if len(intervals) == 2 and intervals[0][0] == -math.inf and intervals[1][1] == math.inf:
        if math.isclose(-intervals[0][1], intervals[1][0], rel_tol=1e-9):
            return f"|x| > {num(intervals[1][0])}"
    parts = []
    for low, high in ((exact_zero(low), exact_zero(high)) for low, high in intervals):
        if low == -math.inf:
            parts.append(f"x < {num(high)}")
        elif high == math.inf:
            parts.append(f"x > {num(low)}")
        else:
            parts.append(f"{num(low)} < x < {num(high)}")
    return "; ".join(parts) or NOT_MEASURED


def share_text(share: float) -> str:
    """A probability as a percentage with two significant digits: ``50%``, ``0.0013%``, ``0``."""
    if share <= 0:
        return "0"
    if share < 1e-5:
        return f"< {num(1e-3)}%"
    return num(100 * share, 2) + "%"


def centred_mark(mean: float, std: float) -> str:
    """✓ if |mean| < 0.1 std, ≈ if below 0.3 std, else ✗."""
    ratio = abs(mean) / std if std > 0 else (0.0 if mean == 0 else math.inf)
    return HOLDS if ratio < CENTRED else PARTLY if ratio < ROUGHLY_CENTRED else FAILS


def properties_table(names: list[str], measurements: Measurements, threshold: float,
                     labels: dict[str, str]) -> list[tables.Column]:
    """The columns of the properties table, each with its help text."""
    measured = measurements.properties
    ns = measurements.cost.ns_per_element
    percent = f"{threshold:.0%}"
    return [
        tables.Column(t("activations.table.fn"), [labels[name] for name in names]),
        tables.Column(t("activations.table.range"), [range_text(measured[name].output) for name in names],
                      help=t("activations.table.range_help")),
        tables.Column(t("activations.table.mean"), [exact_zero(measured[name].mean) for name in names], ".3f",
                      help=t("activations.table.mean_help")),
        tables.Column(t("activations.table.centred"), [centred_mark(measured[name].mean,
                                                                    measured[name].std) for name in names],
                      help=t("activations.table.centred_help")),
        tables.Column(t("activations.table.max_grad"), [measured[name].max_derivative for name in names], ".4g",
                      help=t("activations.table.max_grad_help")),
        tables.Column(t("activations.table.where"), [intervals_text(measured[name].saturated_where) for name in names],
                      help=t("activations.table.where_help", percent=percent)),
        tables.Column(t("activations.table.saturated"), [share_text(measured[name].saturated_share) for name in names],
                      help=t("activations.table.saturated_help", percent=percent)),
        tables.Column(t("activations.table.dead"), [share_text(measured[name].dead_share) for name in names],
                      help=t("activations.table.dead_help")),
        tables.Column(t("activations.table.cost"), [ns[name] for name in names], ".3g",
                      help=t("activations.table.cost_help")),
    ]


def two_digits(value: float) -> float:
    """``value`` rounded to two significant digits, as a number (a text fills it in and picks its plural form)."""
    return float(f"{value:.2g}")


def listing(values: dict[str, str], labels: dict[str, str]) -> str:
    """``sigmoid — **0.25**; tanh — **1**``: one measured value per activation, for a sentence under a chart (a
    name that is a word is written in lower case there: «сигмоида», not «Сигмоида»)."""
    return "; ".join(f"{in_sentence(labels[name])} — **{value}**" for name, value in values.items())


def in_sentence(name: str) -> str:
    """A name as it stands inside a sentence: a capitalised word in lower case (Sigmoid → sigmoid, Сигмоида →
    сигмоида), a name with capitals inside it as it is (ReLU, GELU, Leaky ReLU)."""
    return name[0].lower() + name[1:] if name.split()[0][1:].islower() else name


def first_layer_summary(profiles: dict[str, compute.GradientProfile], labels: dict[str, str]) -> str:
    """The sentence under the vanishing-gradient chart: what reaches layer 1, per activation."""
    return t("activations.chain.reached", values=listing({name: num(p.sizes[0], 2) for name, p in profiles.items()},
                                                         labels))


def never_fired_summary(dead: dict[str, activation_stats.DeadUnits], labels: dict[str, str], shift: float) -> str:
    """The sentence under the dead-units chart: the share of units without gradient at the chosen shift."""
    at_shift = compute.shift_index(shift)
    shares = {name: share_text(units.dead_share[at_shift]) for name, units in dead.items()}
    return t("activations.dead.now", shift=num(shift), values=listing(shares, labels))


def _claim(name: str, claim: str, verdict: str, hidden: bool = False, **measured) -> tuple[str, str, str, str]:
    """One row of the claims table; ``measured`` fills the fields of the claim's text. A ``hidden`` claim says what
    the lesson says, and that its measurement waits for the class's prediction."""
    if hidden:
        return name, t(f"activations.claim.{claim}.says"), t("activations.claims.hidden"), ""
    return name, t(f"activations.claim.{claim}.says"), t(f"activations.claim.{claim}.measured", **measured), verdict


def claims(settings: Settings, measured: Measurements, revealed: bool = True) -> list[tuple[str, str, str, str]]:
    """Lesson 1's claims, one row each: (activation, what the lesson says, what is measured, verdict). Until the
    answer to the page's question (which function passes the largest gradient back to layer 1) is ``revealed``,
    the claims measured by that gradient are hidden."""
    sigmoid, tanh, relu, leaky, elu = (measured.properties[name] for name in compute.LESSON_NAMES)
    first_layer = {name: measured.gradients[name].sizes[0] for name in ("sigmoid", "tanh", "relu", "elu")}
    last_off_centre = {name: measured.gradients[name].off_centre[-1] for name in ("relu", "elu")}
    at_shift = compute.shift_index(settings.shift)
    never_fired = {name: measured.dead[name].dead_share[at_shift] for name in ("relu", "leaky_relu", "elu")}
    ns = measured.cost.ns_per_element
    rank = sorted(ns, key=ns.get).index("relu") + 1
    identity_gap = activation_stats.distance_from_identity("leaky_relu", alpha=settings.leaky_alpha)
    common = {"percent": f"{settings.threshold:.0%}", "depth": settings.depth, "shift": num(settings.shift),
              "batch": settings.batch, "units": compute.DEAD_UNITS, "relu_mean": num(exact_zero(relu.mean)),
              "relu_grad": num(first_layer["relu"], 2), "sigmoid_grad": num(first_layer["sigmoid"], 2)}

    def vanished(size: float) -> str:
        return HOLDS if size < VANISHED else PARTLY

    def not_centred(props: activation_stats.Properties) -> str:
        return {HOLDS: FAILS, PARTLY: PARTLY, FAILS: HOLDS}[centred_mark(props.mean, props.std)]

    return [
        _claim("sigmoid", "sigmoid_weak", PARTLY if sigmoid.max_derivative < 1 else HOLDS,
               slope=num(sigmoid.max_derivative), shrink=two_digits(1 / sigmoid.max_derivative)),
        _claim("sigmoid", "sigmoid_saturates", vanished(first_layer["sigmoid"]), hidden=not revealed,
               where=intervals_text(sigmoid.saturated_where), **common),
        _claim("sigmoid", "sigmoid_centre", not_centred(sigmoid), mean=num(exact_zero(sigmoid.mean))),
        _claim("sigmoid", "sigmoid_cost", HOLDS if ns["sigmoid"] > 2 * ns["relu"] else FAILS,
               ns=num(ns["sigmoid"]), ratio=two_digits(ns["sigmoid"] / ns["relu"]), relu_ns=num(ns["relu"])),
        _claim("tanh", "tanh_centre", HOLDS if tanh.keeps_sign and centred_mark(tanh.mean, tanh.std) == HOLDS
               else FAILS, mean=num(exact_zero(tanh.mean)),
               sign=t("activations.yes") if tanh.keeps_sign else t("activations.no")),
        _claim("tanh", "tanh_saturates", HOLDS if tanh.saturated_where else FAILS, hidden=not revealed,
               where=intervals_text(tanh.saturated_where), share=share_text(tanh.saturated_share),
               slope=num(tanh.max_derivative),
               tanh_grad=num(first_layer["tanh"], 2), **common),
        _claim("relu", "relu_cost", HOLDS if rank <= 2 else FAILS, ns=num(ns["relu"]), rank=rank, count=len(ns)),
        _claim("relu", "relu_no_vanishing", HOLDS if relu.least_positive_slope == 1 else FAILS, hidden=not revealed,
               slope=num(relu.least_positive_slope), **common),
        _claim("relu", "relu_centre", not_centred(relu), mean=num(exact_zero(relu.mean))),
        _claim("relu", "relu_dead", HOLDS if relu.dead_share > 0 else FAILS, dead=share_text(relu.dead_share),
               never=share_text(never_fired["relu"]), **common),
        _claim("leaky_relu", "leaky_updates", HOLDS if leaky.dead_share == 0 else FAILS,
               alpha=num(settings.leaky_alpha), dead=share_text(leaky.dead_share),
               never=share_text(never_fired["leaky_relu"]), **common),
        _claim("leaky_relu", "leaky_centre", centred_mark(leaky.mean, leaky.std), alpha=num(settings.leaky_alpha),
               mean=num(exact_zero(leaky.mean)), **common),
        _claim("leaky_relu", "leaky_not_one", HOLDS if identity_gap > 0 else FAILS,
               alpha=num(settings.leaky_alpha), gap=num(identity_gap)),
        _claim("elu", "elu_centre", centred_mark(elu.mean, elu.std), alpha=num(settings.elu_alpha),
               mean=num(exact_zero(elu.mean)), elu_off=num(last_off_centre["elu"], 2),
               relu_off=num(last_off_centre["relu"], 2), **common),
        _claim("elu", "elu_exponential", HOLDS if -math.inf < elu.output.low < 0 else FAILS,
               range=range_text(elu.output)),
        _claim("elu", "elu_faster", NOT_MEASURED, dead=share_text(elu.dead_share),
               never=share_text(never_fired["elu"]), **common),
    ]


def claims_markdown(settings: Settings, measured: Measurements, labels: dict[str, str], revealed: bool = True) -> str:
    """The claims as a Markdown table (a ``|`` inside a cell is escaped); ``revealed`` as for ``claims``."""
    def line(cells) -> str:
        return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |"

    header = [t("activations.claims.fn"), t("activations.claims.says"), t("activations.claims.measured"),
              t("activations.claims.verdict")]
    rows = [(labels[name], says, found, verdict)
            for name, says, found, verdict in claims(settings, measured, revealed)]
    return "\n".join([line(header), line(["---"] * len(header)), *map(line, rows)])


SEEDS_THAT_HOLD = 8  # of the 10 seeds: a statement the page makes holds in at least this many


def _median_epoch(reached) -> str:
    epochs = reached[reached >= 0]
    if not epochs.size:
        return tables.MISSING
    return f"{num(float(np.median(epochs)), 3)} ({int(epochs.min())}–{int(epochs.max())})"


def show_elu_race(found: trainer.Race, labels) -> None:
    """One row per activation: in how many seeds the training loss got below the target, and the median epoch."""
    n = len(found.seeds)
    tables.show([
        tables.Column(t("activations.elu.activation"), [labels[name] for name in trainer.ACTIVATIONS]),
        tables.Column(t("activations.elu.reached"), [t("activations.elu.of", k=int((row >= 0).sum()), n=n)
                                                     for row in found.reached_at]),
        tables.Column(t("activations.elu.epoch"), [_median_epoch(row) for row in found.reached_at]),
        tables.Column(t("activations.elu.final"), [float(np.median(row)) for row in found.final_loss], num),
    ])


def elu_verdict(found: trainer.Race) -> str:
    """Whether ELU got below the target sooner than ReLU, in how many seeds (a seed where only one got there counts
    for it)."""
    elu, relu = (found.reached_at[trainer.ACTIVATIONS.index(name)] for name in ("elu", "relu"))
    never = np.iinfo(np.int64).max
    elu_at, relu_at = np.where(elu >= 0, elu, never), np.where(relu >= 0, relu, never)
    sooner, later, n = int((elu_at < relu_at).sum()), int((relu_at < elu_at).sum()), len(found.seeds)
    kind = "holds" if sooner >= SEEDS_THAT_HOLD else "fails" if later >= SEEDS_THAT_HOLD else "mixed"
    return t(f"activations.elu.verdict_{kind}", sooner=sooner, later=later, n=n, target=trainer.TARGET_LOSS)
