"""Lesson 8's "×20 still converges in the end": the link shows Adam at η = 2 settling, for every seed of the data.

Before, the link stopped after 25 steps, where the page said the loss was still 0.218 above the minimum."""

from pages.feature_scaling import compute
from pages.feature_scaling.page import EXPERIMENTS


def test_adam_twenty_times_faster_settles_within_the_links_steps_for_every_seed():
    query = dict(part.split("=") for part in EXPERIMENTS["adam_fast"].split("&"))
    settled = [compute.regression_run(float(query["x_scale"]), 0.5, seed, False, "adam",
                                      (("lr", float(query["lr"])),), int(query["steps"]), (-1.0, -1.0)).settled_at
               for seed in range(10)]
    assert all(step is not None and step < int(query["steps"]) for step in settled), settled
