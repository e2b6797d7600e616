"""Every "Experiments from the lesson" link runs without an error and sets every control it names."""

import ast
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from support.apptest import assert_clean, open_page

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["activations", "feature_scaling", "optimizer_lab", "backprop"]


def experiments(folder: str) -> dict[str, str]:
    tree = ast.parse((ROOT / "pages" / folder / "page.py").read_text(encoding="utf-8"))
    return next(ast.literal_eval(node.value) for node in tree.body
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "EXPERIMENTS")


CASES = [(folder, name, query) for folder in PAGES for name, query in experiments(folder).items()]


def same(state, wanted: list[str]) -> bool:
    """Whether a control's value is what the link asked for (numbers, switches, choices and lists alike)."""
    if isinstance(state, list | tuple):
        if all(isinstance(item, int | float) for item in state):
            return [float(item) for item in state] == [float(text) for text in wanted]
        return [str(item).lower() for item in state] == [text.lower() for text in wanted]
    (text,) = wanted
    if isinstance(state, bool):
        return state == (text == "true")
    if isinstance(state, int | float):
        return float(state) == float(text)
    return str(state) == text or str(state).lower() == text.lower()


@pytest.mark.parametrize(("folder", "name", "query"), CASES, ids=[f"{folder}:{name}" for folder, name, _ in CASES])
def test_an_experiment_link_sets_every_control_it_names(folder, name, query):
    params = parse_qs(query)
    app = open_page(f"pages/{folder}/page.py", **{key: values if len(values) > 1 else values[0]
                                                   for key, values in params.items()})
    assert_clean(app)
    for key, wanted in params.items():
        state = app.session_state[key]
        assert same(state, wanted), (key, state, wanted)
