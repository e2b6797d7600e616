"""The batch-norm lesson's learning-rate sweep concludes over ten seeds: what it says about the range of rates that
train holds whatever the student's seed, and the links' claims hold in 8 of 10 seeds or more.

Before, one seed's sweep said batch norm "widened the range towards higher rates" for a sigmoid network that
trained at no rate at all without it."""

import functools

from pages.batch_norm import compute, tables, trainer


@functools.cache
def sweeps(activation: str) -> dict[bool, trainer.Sweep]:
    return {batch_norm: compute.sweep(activation, 10, "moons", batch_norm) for batch_norm in (False, True)}


def test_for_sigmoid_the_sweep_never_says_batch_norm_widened_the_range_towards_higher_rates():
    assert tables.verdict(sweeps("sigmoid")) == "only_with"


def test_with_relu_batch_norm_trains_at_higher_rates_and_the_high_lr_link_holds():
    relu = sweeps("relu")
    assert tables.verdict(relu) == "higher"
    sigmoid = sweeps("sigmoid")
    at_three = list(trainer.SWEEP_LRS).index(3.0)  # the high_lr link: η = 3
    assert sigmoid[True].trained_count[at_three] >= trainer.HOLDS
    assert sigmoid[False].trained_count[at_three] == 0


def test_the_spread_verdict_counts_every_seed_as_its_own_run_shows_it():
    """Before, the deep run's "the spread grew / collapsed / stayed" was one seed's and flipped with the seed (ReLU,
    η = 0.3: grew in 8 seeds, stayed in 2). Now it is counted over seeds 0–9, and each seed's count is that seed's
    own run, as the chart shows it when the student picks the seed."""
    settings = ("relu", 4, 0.3, 100, "moons")
    over_seeds = trainer.spread(*settings)
    for seed in range(trainer.SEEDS):
        pre_std = trainer.deep_run(*settings, seed, False).histograms.pre_std[:, 0]
        collapsed, grew = trainer.spread_verdicts(pre_std)
        assert (over_seeds.collapsed[seed], over_seeds.grew[seed]) == (collapsed, grew), seed
    assert over_seeds.collapsed.sum() + over_seeds.grew.sum() + over_seeds.steady.sum() == trainer.SEEDS
