"""Every experiment link brings the section it is about into view: each page names, for every experiment of its
``EXPERIMENTS``, the section (``ANCHORS``: a subheader's language-independent anchor id), the link ends with
``#<id>``, and the page opened at that experiment's state has a subheader with that id (Streamlit scrolls to it
when the page opens). Before, a teacher who opened an experiment landed at the top of the page, with the chart
the experiment is about 5,000 pixels lower."""

from __future__ import annotations

import ast
from urllib.parse import parse_qs

import pytest

from support.apptest import assert_clean, open_page
from support.shown import PAGES, ROOT, experiments, script

LESSONS = [page for page in PAGES if page != "home"]


def anchors(page: str) -> dict[str, str]:
    """The page's ``ANCHORS``, read from its source."""
    tree = ast.parse((ROOT / script(page)).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "ANCHORS" for target in node.targets):
            return ast.literal_eval(node.value)
    return {}


def as_query(query: str) -> dict:
    return {key: values if len(values) > 1 else values[0] for key, values in parse_qs(query).items()}


@pytest.mark.parametrize("page", LESSONS)
def test_every_experiment_link_names_the_section_it_is_about_and_the_page_has_it(page):
    named = anchors(page)
    problems = [f"{name}: no section named in ANCHORS" for name in experiments(page) if name not in named]
    problems += [f"{name}: in ANCHORS but not an experiment" for name in named if name not in experiments(page)]
    for name, query in experiments(page).items():
        if name not in named:
            continue
        app = open_page(script(page), **as_query(query))
        assert_clean(app)
        ids = {heading.proto.anchor for heading in app.subheader if heading.proto.anchor}
        if named[name] not in ids:
            problems.append(f"{name}: no subheader #{named[name]} on the page it opens (has {sorted(ids)})")
        links = " ".join(markdown.value for markdown in app.markdown)
        if f'#{named[name]}" target="_self"' not in links:
            problems.append(f"{name}: its link does not end with #{named[name]}")
    assert not problems, "\n".join(problems)
