"""Controls shared by the pages. Every control is kept in the URL, so a teacher can share a link to an exact
state; an invalid value in the URL is ignored and the control keeps its default. A number slider shows its values
in the page's language (``0,001``) and keeps the machine value in the URL (``lr=0.001``), so a link works in both
languages (``number_slider``)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from dl_core.optimizers import DEFAULTS, NAMES
from ui.i18n import language, t
from ui.numbers import option_label, plain

# Mantissas of "nice" numbers within one decade, for logarithmic sliders.
NICE_MANTISSAS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)


def log_options(low: float, high: float) -> tuple[float, ...]:
    """Nice numbers from ``low`` to ``high`` (powers of ten included), about evenly spaced on a log scale."""
    decades = range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1)
    values = (float(f"{m * 10.0**d:.3g}") for d in decades for m in NICE_MANTISSAS)
    return tuple(v for v in values if low <= v <= high)


def linear_options(low: float, high: float, step: float) -> tuple[float, ...]:
    """``low``, ``low + step``, ... up to ``high``, rounded to the decimals of ``step`` (no 0.30000000000000004)."""
    decimals = max(0, -int(np.floor(np.log10(step))) + 1)
    return tuple(float(value) for value in np.round(np.arange(low, high + step / 2, step), decimals) + 0.0)  # no −0


def number_slider(label: str, options, *, key: str, default: float, container=st.sidebar, **kwargs) -> float:
    """A slider over the numbers ``options``, labelled in the page's language (``0,001``, ``1,5·10⁻⁵``) and kept in
    the URL as the machine writes it (``?lr=0.001``, ``ui.numbers.plain``), so a shared link works in every
    language. (Streamlit's own binding would write the label, ``0,001``, into the URL.)"""
    if default not in options:
        raise ValueError(f"default {default} of {key} is not one of the options")
    code = language()
    return url_choice(container.select_slider, label, tuple(options), key=key, default=default,
                      format_func=lambda value: option_label(value, code), to_url=plain,
                      nearest=lambda text: nearest_option(options, text), **kwargs)


def nearest_option(options, text: str) -> float | None:
    """The option nearest to the number ``text`` (on a log scale when every option and the number are positive), so
    a link's value beyond the range is clamped to its end; None when ``text`` is not a finite number."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    if not np.isfinite(value):
        return None
    positive = value > 0 and min(options) > 0
    distance = (lambda option: abs(np.log(option / value))) if positive else (lambda option: abs(option - value))
    return min(options, key=distance)


def number_range_slider(label: str, options, *, key: str, default: tuple[float, float], container=st.sidebar,
                        **kwargs) -> tuple[float, float]:
    """A range (two handles) over the numbers ``options``, labelled and kept in the URL as ``number_slider`` does
    (``?act_x=-6&act_x=6``); a URL that names anything but two of ``options`` keeps ``default``."""
    if key not in st.session_state:
        by_text = {plain(option): option for option in options}
        chosen = [by_text.get(text) for text in st.query_params.get_all(key)]
        st.session_state[key] = tuple(sorted(chosen)) if len(chosen) == 2 and None not in chosen else default
    code = language()
    low, high = container.select_slider(label, tuple(options), value=tuple(default),
                                        format_func=lambda value: option_label(value, code), key=key, **kwargs)
    if (low, high) == tuple(default):
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = [plain(low), plain(high)]
    return low, high


def log_slider(label: str, key: str, low: float, high: float, default: float, container=st.sidebar, **kwargs):
    """A slider over nice numbers on a logarithmic scale (Streamlit has no log slider of its own)."""
    return number_slider(label, log_options(low, high), key=key, default=default, container=container, **kwargs)


def optimizer_picker(key: str = "optimizer", default: str = "gd", container=st.sidebar) -> str:
    return container.selectbox(
        t("control.optimizer"), NAMES, index=NAMES.index(default), format_func=lambda name: t(f"optimizer.{name}"),
        key=key, bind="query-params",
    )


# The slider range of each hyperparameter other than lr and eps: (min, max, step).
_HYPER_SLIDERS = {
    "momentum": (0.0, 0.99, 0.01),
    "beta1": (0.0, 0.99, 0.01),
    "beta2": (0.9, 0.9999, 0.0001),
    "alpha": (0.5, 0.999, 0.001),
    "weight_decay": (0.0, 0.5, 0.01),
}
_EPS_OPTIONS = (0.0, *log_options(1e-12, 1e-2))


LR_RANGE = (1e-5, 10.0)


def hyperparameters(name: str, key_prefix: str = "", container=st.sidebar, lr: float | None = None) -> dict[str, float]:
    """Sliders for the optimizer's own hyperparameters (all but ``lr``), with its defaults preset.

    With ``lr`` (a nice number of ``LR_RANGE``) a logarithmic learning-rate slider with that default comes
    first, keyed ``{key_prefix}{name}_lr``, and the result holds ``"lr"`` too.
    """
    values: dict[str, float] = {}
    with container.expander(t("control.hyperparameters", optimizer=t(f"optimizer.{name}"))):
        if lr is not None:
            values["lr"] = log_slider(t("control.lr"), f"{key_prefix}{name}_lr", *LR_RANGE, lr, container=st)
        for hyper, default in DEFAULTS[name].items():
            if hyper == "lr":
                continue
            key, label = f"{key_prefix}{name}_{hyper}", t(f"hyper.{hyper}")
            options = _EPS_OPTIONS if hyper == "eps" else linear_options(*_HYPER_SLIDERS[hyper])
            values[hyper] = number_slider(label, options, key=key, default=_nearest(options, default), container=st)
    return values


def _link_notice(key: str, given: str, used: str) -> None:
    """A short notice that a link's value could not be shown as it was: what it asked, and what is shown."""
    st.toast(t("control.link_value", name=key, given=given[:40], used=used), icon=":material/link:")


def _nearest(options: tuple[float, ...], value: float) -> float:
    return min(options, key=lambda option: abs(option - value))


def url_choice(widget, label: str, options, *, key: str, default, format_func, legacy=None, multi: bool = False,
               to_url=str, nearest=None, **kwargs):
    """A choice kept in the URL as its option *value* (``?lab_section=sgd``), so the widget can show words in the
    page's language while a shared link works in every language. (Streamlit's own binding writes the label into
    the URL, which would tie a link to one language.)

    ``widget`` is ``st.selectbox``, ``st.segmented_control`` (one value) or, with ``multi``, ``st.multiselect`` or
    ``st.pills`` (a list). On a session's first run the URL's value is taken if it is one of ``options``, or one of
    ``legacy`` (a label used in older links, mapped to its value), or else what ``nearest`` makes of it (a number
    slider: the nearest option); anything else falls back to ``default``, and a short notice says what the link
    asked and what is shown; an empty ``?key=`` is an empty choice. The value is written back to the URL (as
    ``to_url`` writes it) on every run, and left out when it is the default, so a link's junk leaves the address.
    """
    legacy = {**{to_url(option): option for option in options}, **(legacy or {})}
    if key not in st.session_state:
        raw = st.query_params.get_all(key) if multi else st.query_params.get(key)
        if multi:
            chosen = [legacy.get(item, item) for item in raw]
            valid = [item for item in options if item in chosen]
            nothing = raw == [""]  # "?key=": the user chose nothing
            st.session_state[key] = [] if nothing else valid if valid else list(default)
            if not nothing and len(valid) < len(raw):
                _link_notice(key, ", ".join(raw), ", ".join(to_url(item) for item in st.session_state[key]))
        else:
            value = legacy.get(raw, raw)
            if value not in options and raw is not None:
                found = nearest(raw) if nearest else None
                value = default if found is None else found
                _link_notice(key, raw, to_url(value))
            st.session_state[key] = value if value in options else default
    value = widget(label, options, format_func=format_func, key=key, **kwargs)
    if multi:
        value = [item for item in options if item in (value or ())]
    if value == (list(default) if multi else default):
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = ([to_url(item) for item in value] or "") if multi else to_url(value)
    return value
