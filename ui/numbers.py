"""Numbers as a reader writes them: a few significant digits, a true minus sign, powers of ten as 3.1×10⁻¹²."""

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
