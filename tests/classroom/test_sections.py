"""A section with controls of its own reruns alone: on the real app, moving one of them runs the section's fragment
(the server reruns that section only), while a control other sections read reruns the whole page."""

import asyncio
import random

import pytest

from deploy.local import Stack
from deploy.students import Student

# Per page: controls that only their own section reads, and one that other sections read too.
OWN = {
    "initialization": ("init_sym_units", "init_fan_in", "init_g_in", "init_train_epochs"),
    "dropout": ("do_units", "do_masks", "do_noise", "do_passes"),
    "batch_norm": ("bn_gamma", "bn_depth"),
    "activations": ("act_mu", "act_x"),
}
SHARED = {"initialization": "init_depth", "dropout": "do_p", "batch_norm": "bn_momentum", "activations": "act_depth"}


@pytest.fixture(scope="module")
def app():
    with Stack(1, proxy=False) as stack:
        yield stack.url


async def moves(url: str, page: str) -> dict[str, tuple[str, str, bool]]:
    """Open ``page``, then move each listed control once: ``key -> (its fragment, the error, whether the server
    reran a fragment only)``, with the page's own open under ``""``."""
    student, rng = Student(url, timeout=120), random.Random(0)
    try:
        opened = await student.open(page)
        found = {"": ("", opened.error, opened.fragment_run)}
        for key in (*OWN[page], SHARED[page]):
            fragment = student.page.sliders[key].fragment
            moved = await student.move(key, rng=rng)
            found[key] = (fragment, moved.error, moved.fragment_run)
        return found
    finally:
        await student.close()


@pytest.mark.parametrize("page", sorted(OWN))
def test_a_sections_own_control_reruns_that_section_alone(app, page):
    found = asyncio.run(moves(app, page))
    assert all(not error for _, error, _ in found.values()), found
    assert not found[""][2]  # opening a page runs all of it
    for key in OWN[page]:
        fragment, _, alone = found[key]
        assert fragment and alone, f"moving {key} did not rerun its section alone"
    fragment, _, alone = found[SHARED[page]]
    assert not fragment and not alone  # read by several sections: the page reruns
