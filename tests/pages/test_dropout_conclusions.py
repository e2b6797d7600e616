"""The dropout lesson's conclusions hold over ten seeds: what the page says about overfitting and each rate is counted
over the seeds, the same words whatever the student's seed, and each experiment's claim holds in 8 of 10 or more.

Before, the page judged one run: at default settings with seed 1, 3 or 5 it named drop 0.9 the network with the
lowest validation loss beside a warning that drop 0.9 underfits."""

import re

import pytest
from streamlit.testing.v1 import AppTest

from pages.dropout import compute, tables
from pages.dropout.page import EXPERIMENTS
from support.apptest import APP, assert_clean

HOLDS = 8


def shown_words(seed: int) -> list[str]:
    """The dropout page's verdicts at default settings for ``seed``, numbers taken out."""
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params.update(do_seed=str(seed))
    app.run()
    app.switch_page("pages/dropout/page.py").run()
    assert_clean(app)
    said = [str(element.value) for kind in ("success", "warning", "info") for element in getattr(app, kind)]
    return sorted(re.sub(r"\d[\d.,%–]*", "#", text) for text in said if " of " in text and "seed" in text)


def test_the_verdicts_say_the_same_for_every_seed():
    words = {seed: shown_words(seed) for seed in (0, 1, 3)}
    assert words[0], "no verdict counted over the seeds"
    assert all(found == words[0] for found in words.values()), words
    assert not any(text.startswith("**Lowest validation loss") for text in words[0])


def settings(name: str) -> dict:
    """An experiment link's settings of the training, as ``compute.over_seeds`` takes them."""
    query = dict(part.split("=") for part in EXPERIMENTS[name].split("&") if not part.startswith("do_rates"))
    rates = tuple(float(part.split("=")[1]) for part in EXPERIMENTS[name].split("&") if part.startswith("do_rates"))
    return dict(data=query["do_data"], noise=float(query["do_noise"]), size=int(query["do_n"]),
                width=int(query["do_width"]), epochs=int(query["do_epochs"]), lr=float(query["do_lr"]),
                rates=rates)


@pytest.fixture(scope="module")
def counted():
    return {name: tables.counts(compute.over_seeds(**settings(name)))
            for name in ("overfit", "too_much", "more_data", "small_network")}


def test_each_experiment_claim_holds_in_eight_of_ten_seeds(counted):
    overfit = counted["overfit"]  # rates (none, 0.2, 0.5, 0.9)
    assert overfit.overfits[0] >= HOLDS  # without dropout the validation loss climbs after its minimum
    assert overfit.lower[2] >= HOLDS  # drop 0.5 keeps it lower
    assert overfit.underfits[3] >= HOLDS and overfit.lowest[3] == overfit.lowest.max()  # 0.9 underfits, ends lowest
    too_much = counted["too_much"]  # (none, 0.5, 0.9, 0.95)
    assert too_much.underfits[2] >= HOLDS and too_much.underfits[3] >= HOLDS
    more_data = counted["more_data"]  # (none, 0.2, 0.5, 0.9): 0.2 and 0.5 end below in every seed
    assert more_data.lower[1] == more_data.seeds and more_data.lower[2] == more_data.seeds
    small = counted["small_network"]  # (none, 0.2, 0.5, 0.9): 0.5 and 0.9 underfit
    assert small.underfits[2] >= HOLDS and small.underfits[3] >= HOLDS
