r"""One optimizer update as LaTeX with this run's numbers put in (for "inside the optimizer").

Each rule is written the way ``dl_core.optimizers.LATEX`` writes it, one line per quantity:
the symbol, the formula, the numbers substituted, and the result. Vectors are the pair
:math:`(w_1, w_2)`; products and powers of vectors are per coordinate.
"""

from __future__ import annotations

import numpy as np

from dl_core.lessons.race import StepAnatomy
from ui.numbers import latex_number as number


def vector(values: np.ndarray) -> str:
    return rf"\left({number(values[0])},\ {number(values[1])}\right)"


def _line(symbol: str, formula: str, substituted: str, result: np.ndarray) -> str:
    return rf"{symbol} &= {formula} = {substituted} = {vector(result)}"


def update_latex(anatomy: StepAnatomy) -> str:
    """The update ``anatomy.step`` of ``anatomy.name`` as an aligned block of LaTeX lines."""
    name, eta, t = anatomy.name, number(anatomy.lr), anatomy.step
    grad, step = anatomy.grad, anatomy.update
    lines = [rf"t &= {t}, \quad \theta_{{t-1}} = {vector(anatomy.point)}", rf"g_t &= {vector(grad)}"]
    if name == "gd":
        lines.append(_line(r"\Delta\theta_t", r"-\eta\, g_t", rf"-{eta}\cdot{vector(grad)}", step))
    elif name in ("momentum", "nesterov"):
        mu = number(anatomy.hyper["momentum"])
        lines.append(_line(r"b_t", r"\mu\, b_{t-1} + g_t",
                           rf"{mu}\cdot{vector(anatomy.before['momentum_buffer'])} + {vector(grad)}",
                           anatomy.after["momentum_buffer"]))
        if name == "momentum":
            lines.append(_line(r"\Delta\theta_t", r"-\eta\, b_t",
                               rf"-{eta}\cdot{vector(anatomy.after['momentum_buffer'])}", step))
        else:
            lines.append(_line(r"\Delta\theta_t", r"-\eta\,(g_t + \mu\, b_t)",
                               rf"-{eta}\cdot\left({vector(grad)} + {mu}\cdot{vector(anatomy.after['momentum_buffer'])}"
                               r"\right)", step))
    elif name == "adagrad":
        lines.append(_line(r"G_t", r"G_{t-1} + g_t^2", rf"{vector(anatomy.before['sum'])} + {vector(grad**2)}",
                           anatomy.after["sum"]))
        lines.append(rf"\frac{{\eta}}{{\sqrt{{G_t}}+\epsilon}} &= {vector(anatomy.derived['effective_lr'])}")
        lines.append(_line(r"\Delta\theta_t", r"-\frac{\eta}{\sqrt{G_t}+\epsilon}\, g_t",
                           rf"-{vector(anatomy.derived['effective_lr'])}\odot{vector(grad)}", step))
    elif name == "rmsprop":
        alpha = anatomy.hyper["alpha"]
        lines.append(_line(r"v_t", r"\alpha\, v_{t-1} + (1-\alpha)\, g_t^2",
                           rf"{number(alpha)}\cdot{vector(anatomy.before['square_avg'])} + {number(1 - alpha)}"
                           rf"\cdot{vector(grad**2)}", anatomy.after["square_avg"]))
        lines.append(rf"\frac{{\eta}}{{\sqrt{{v_t}}+\epsilon}} &= {vector(anatomy.derived['effective_lr'])}")
        if anatomy.hyper["momentum"] > 0:
            lines.append(_line(r"b_t", r"\mu\, b_{t-1} + \frac{g_t}{\sqrt{v_t}+\epsilon}",
                               rf"{number(anatomy.hyper['momentum'])}\cdot{vector(anatomy.before['momentum_buffer'])}"
                               r" + \ldots", anatomy.after["momentum_buffer"]))
            lines.append(_line(r"\Delta\theta_t", r"-\eta\, b_t",
                               rf"-{eta}\cdot{vector(anatomy.after['momentum_buffer'])}", step))
        else:
            lines.append(_line(r"\Delta\theta_t", r"-\frac{\eta}{\sqrt{v_t}+\epsilon}\, g_t",
                               rf"-{vector(anatomy.derived['effective_lr'])}\odot{vector(grad)}", step))
    else:  # adam, adamw
        beta1, beta2 = anatomy.hyper["beta1"], anatomy.hyper["beta2"]
        lines.append(_line(r"m_t", r"\beta_1 m_{t-1} + (1-\beta_1)\, g_t",
                           rf"{number(beta1)}\cdot{vector(anatomy.before['exp_avg'])} + {number(1 - beta1)}"
                           rf"\cdot{vector(grad)}", anatomy.after["exp_avg"]))
        lines.append(_line(r"v_t", r"\beta_2 v_{t-1} + (1-\beta_2)\, g_t^2",
                           rf"{number(beta2)}\cdot{vector(anatomy.before['exp_avg_sq'])} + {number(1 - beta2)}"
                           rf"\cdot{vector(grad**2)}", anatomy.after["exp_avg_sq"]))
        lines.append(_line(r"\hat m_t", r"\frac{m_t}{1-\beta_1^{\,t}}",
                           rf"\frac{{{vector(anatomy.after['exp_avg'])}}}{{{number(1 - beta1**t)}}}",
                           anatomy.derived["m_hat"]))
        lines.append(_line(r"\hat v_t", r"\frac{v_t}{1-\beta_2^{\,t}}",
                           rf"\frac{{{vector(anatomy.after['exp_avg_sq'])}}}{{{number(1 - beta2**t)}}}",
                           anatomy.derived["v_hat"]))
        lines.append(rf"\frac{{\eta}}{{\sqrt{{\hat v_t}}+\epsilon}} &= {vector(anatomy.derived['effective_lr'])}")
        adaptive = rf"-{vector(anatomy.derived['effective_lr'])}\odot{vector(anatomy.derived['m_hat'])}"
        if name == "adamw":  # AdamW multiplies the weights by (1 - eta delta), then takes Adam's step
            shrink = number(1 - anatomy.lr * anatomy.hyper["weight_decay"])
            lines.append(_line(r"\theta_t",
                               r"(1-\eta\delta)\,\theta_{t-1} - \frac{\eta\,\hat m_t}{\sqrt{\hat v_t}+\epsilon}",
                               rf"{shrink}\cdot{vector(anatomy.point)} {adaptive}", anatomy.point + step))
            return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"
        lines.append(_line(r"\Delta\theta_t", r"-\frac{\eta\,\hat m_t}{\sqrt{\hat v_t}+\epsilon}", adaptive, step))
    lines.append(rf"\theta_t &= \theta_{{t-1}} + \Delta\theta_t = {vector(anatomy.point + step)}")
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"
