"""Numbers as a reader writes them: a few significant digits, a true minus sign, powers of ten as 3.1×10⁻¹²;
the same in LaTeX (``latex_number``), and slider values as they are set (``plain``)."""

from __future__ import annotations

import math

import numpy as np

SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def number(value: float, digits: int = 3) -> str:
    """A number for a reader: ``digits`` significant digits, a true minus sign, ∞, and powers of ten
    written out beyond 10⁵ and below 10⁻³ (``3.1×10⁻¹²``)."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    rounded = float(f"{value:.{digits}g}")
    if rounded == 0 or 1e-3 <= abs(rounded) < 1e5:
        return np.format_float_positional(rounded, trim="-").replace("-", "−")
    mantissa, exponent = f"{rounded:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    power = "10" + str(int(exponent)).translate(SUPERSCRIPTS)
    return (power if mantissa == "1" else "−" + power if mantissa == "-1" else f"{mantissa}×{power}").replace("-", "−")


def latex_number(value: float, digits: int = 4) -> str:
    r"""A number for LaTeX: plain between 0.001 and 10⁴, otherwise :math:`m \cdot 10^{e}`; ∞ as ``\infty``."""
    value = float(value)
    if value == 0.0 or not np.isfinite(value):
        return "0" if value == 0.0 else (r"\infty" if value > 0 else r"-\infty")
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.{digits}g}"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return rf"{float(mantissa):g}\cdot 10^{{{int(exponent)}}}"


def plain(value: float) -> str:
    """A slider's value as it is set (``0.001``, ``1e-05``, ``2``): short, and the same as in a shared link."""
    return f"{value:g}"
