"""A page's conclusions never flip with the seed: at its defaults and from every experiment link, with the seed set
to 0, 1, 2, 3 and 4, the page's words (numbers taken out) are the same.

The words are the page's sentences: its text and its alerts (success, information, warning, error). Numbers change
with the seed (they are this run's measurements); what the page concludes must not. Captions (what a chart shows),
chart traces, tables and widget labels are left out: they describe the run shown, not a conclusion."""

from __future__ import annotations

import re

import pytest

from support.apptest import assert_clean, open_page
from support.shown import PAGES, script, states

SEED_KEYS = {"activations": "act_seed", "backprop": "bp_seed", "batch_norm": "bn_seed", "dropout": "do_seed",
             "feature_scaling": "seed", "initialization": "init_seed", "playground": "pg_seed",
             "optimizer_lab": "lab_seed"}
SEEDS = (0, 1, 2, 3, 4)
NUMBER = re.compile(r"[−-]?\d[\d\s.,·⁰¹²³⁴⁵⁶⁷⁸⁹⁻×%]*")


def words(page: str, query: str, seed: int) -> list[str]:
    """The page's sentences in ``query``'s state with its seed set to ``seed``, numbers replaced by ``#``."""
    multi = {}
    for part in query.split("&"):
        if part and "=" in part:
            key, value = part.split("=", 1)
            multi.setdefault(key, []).append(value)
    params = {key: values if len(values) > 1 else values[0] for key, values in multi.items()
              if key != SEED_KEYS[page]}
    app = open_page(script(page), **params, **{SEED_KEYS[page]: str(seed)})
    assert_clean(app)
    said = [element.value for kind in ("markdown", "success", "info", "warning", "error")
            for element in getattr(app, kind)]
    return [NUMBER.sub("#", str(text)) for text in said if not str(text).lstrip().startswith("<")]  # not tables


CASES = [pytest.param(page, name, query, id=f"{page}-{name}")
         for page in PAGES if page in SEED_KEYS for name, query in states(page).items()]


@pytest.mark.seeds
@pytest.mark.parametrize(("page", "name", "query"), CASES)
def test_the_page_says_the_same_for_every_seed(page, name, query):
    first = words(page, query, SEEDS[0])
    changed = {}
    for seed in SEEDS[1:]:
        found = words(page, query, seed)
        if found != first:
            changed[seed] = sorted(set(found) ^ set(first))
    assert not changed, changed
