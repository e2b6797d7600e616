"""Numbers as a reader writes them, never as a program prints them: a few significant digits, a true minus sign,
powers of ten written out (3.1×10⁻¹² in English, 3,1·10⁻¹² in Russian), thousands grouped from five digits
(16,384; 16 384), a decimal comma in Russian; the same in LaTeX (``latex_number``, ``latex_in_language``), and
slider values as the address bar keeps them (``plain``) and as the page shows them (``option_label``)."""

from __future__ import annotations

import math
import re

import numpy as np

SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
NBSP = "\u00a0"
# How each language writes a power of ten and groups thousands.
TIMES = {"en": "×", "ru": "·"}
THOUSANDS = {"en": ",", "ru": NBSP}
PLAIN_RANGE = (1e-3, 1e5)  # written with plain digits between these magnitudes, with a power of ten outside

# A number as Python (or ``number`` in English) prints it: optional sign, digits (perhaps grouped by commas, as in
# ``16,384``), decimals, exponent (``-6.89e+03``).
_POWER_TIMES = re.compile(r"×(?=10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹])")  # the × of 1.5×10⁻⁵, not of a size (4×3)
_PRINTED = re.compile(r"(?<![\w.,])(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:e([+-]?\d+))?(?![\w.])")


def number(value: float, digits: int = 3, language: str = "en") -> str:
    """A number for a reader of ``language``: ``digits`` significant digits, a true minus sign, ∞, and powers of
    ten written out beyond 10⁵ and below 10⁻³ (``3.1×10⁻¹²``; ``3,1·10⁻¹²`` in Russian)."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    rounded = float(f"{value:.{digits}g}")
    if rounded == 0 or PLAIN_RANGE[0] <= abs(rounded) < PLAIN_RANGE[1]:
        return in_language(f"{rounded:.{digits}g}", language)
    mantissa, exponent = f"{rounded:.{digits - 1}e}".split("e")
    return in_language(f"{mantissa.rstrip('0').rstrip('.')}e{exponent}", language)


def _power(mantissa: str, exponent: int, language: str) -> str:
    power = "10" + str(exponent).translate(SUPERSCRIPTS)
    return power if mantissa == "1" else f"{mantissa}{TIMES[language]}{power}"


def _grouped(whole: str, language: str) -> str:
    if len(whole) < 5:
        return whole
    head = len(whole) % 3 or 3
    return THOUSANDS[language].join([whole[:head], *(whole[i:i + 3] for i in range(head, len(whole), 3))])


def _reader(match: re.Match, language: str) -> str:
    sign, whole, decimals, exponent = match[1], match[2].replace(",", ""), match[3] or "", match[4]
    point = "," if language == "ru" else "."
    if exponent is not None:
        value = float(f"{whole}.{decimals or 0}e{exponent}")
        if value != 0 and not PLAIN_RANGE[0] <= value < PLAIN_RANGE[1]:
            mantissa = f"{whole}{point}{decimals}".rstrip("0").rstrip(point) if decimals else whole
            return sign + _power(mantissa, int(exponent), language)
        significant = len((whole + decimals).lstrip("0")) or 1
        positional = np.format_float_positional(value, precision=significant, unique=False, fractional=False,
                                                trim="k")
        whole, _, decimals = positional.rstrip(".").partition(".")
    return sign + _grouped(whole, language) + (point + decimals if decimals else "")


def in_language(text: str, language: str) -> str:
    """Every number in ``text`` as Python prints it (a point, a hyphen-minus, maybe ``e+03``) written for a reader of
    ``language``: e-notation as a power of ten (plain digits between 10⁻³ and 10⁵), thousands grouped from five
    digits, a true minus sign, and in Russian a decimal comma and ``·`` (``−6,89·10⁻⁷``)."""
    text = _PRINTED.sub(lambda match: _reader(match, language), text)
    return _POWER_TIMES.sub(TIMES[language], text.replace("-", "−"))


def latex_number(value: float, digits: int = 4) -> str:
    r"""A number for LaTeX: plain between 0.001 and 10⁴, otherwise :math:`m \cdot 10^{e}`; ∞ as ``\infty``
    (``latex_in_language`` writes it for a Russian page)."""
    value = float(value)
    if value == 0.0 or not np.isfinite(value):
        return "0" if value == 0.0 else (r"\infty" if value > 0 else r"-\infty")
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.{digits}g}"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return rf"{float(mantissa):g}\cdot 10^{{{int(exponent)}}}"


_LATEX_DECIMAL = re.compile(r"(\d)\.(\d)")
_LATEX_PAIR = re.compile(r"(\d|\\infty|\})\s*,(\\[ ,;]|\s)*(?=[-−]?\s*(\d|\\infty))")


def latex_in_language(latex: str, language: str) -> str:
    r"""LaTeX whose numbers are written for ``language``: in Russian a decimal comma (``0{,}5``) and a semicolon
    between the numbers of a pair or a list (``\left(0{,}5;\ 1\right)``); English is left as it is."""
    if language != "ru":
        return latex
    latex = _LATEX_PAIR.sub(lambda match: match[1] + r";\ ", latex)
    return _LATEX_DECIMAL.sub(r"\1{,}\2", latex)


def plain(value: float) -> str:
    """A slider's value as the address bar keeps it (``0.001``, ``1e-05``, ``2``): short, and the same in every
    language, so a shared link works in both."""
    return f"{value:g}"


def option_label(value: float, language: str) -> str:
    """A slider's value as the page shows it: ``0,001`` and ``1,5·10⁻⁵`` in Russian, ``1.5×10⁻⁵`` in English."""
    return in_language(plain(value + 0.0), language)  # −0.0 reads as 0
