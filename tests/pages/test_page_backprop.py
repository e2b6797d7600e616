"""The backprop lab in AppTest: the graph walk, the matrix example, the gradient check and its planted bug."""

import json

import numpy as np
import pytest

from pages.backprop import compute
from support.apptest import assert_clean, chart_specs, html_tables, numeric_arrays, open_page

PAGE = "pages/backprop/page.py"


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_defaults_show_the_graph_the_matrices_the_check_and_blas(default_page):
    app = default_page
    assert_clean(app)
    graph, speed = chart_specs(app)
    texts = " ".join(note["text"] for note in graph["layout"]["annotations"])
    assert "∂l/∂ŷ" in texts and "∂l/∂z" in texts and "w11=" in texts  # the whole walk at the last step
    assert "backprop is right" in app.success[0].value
    assert len(speed["data"]) == 4 and all(np.isfinite(values).all() for values in numeric_arrays(speed))
    tables = html_tables(app)
    assert len(tables) == 9  # 8 matrices and the gradient check


@pytest.mark.parametrize("step", range(10))
def test_each_step_of_the_walk_shows_what_is_known_then(step):
    app = open_page(PAGE, bp_walk=str(step))
    assert_clean(app)
    texts = " ".join(note["text"] for note in chart_specs(app)[0]["layout"]["annotations"])
    assert ("z=" in texts) == (step >= 2)
    assert ("∂l/∂ŷ" in texts) == (step >= 6)
    assert ("∂l=" in texts) == (step >= 9)


def test_the_matrix_example_is_the_layers_backward_pass():
    example = compute.matrix_example(0)
    np.testing.assert_allclose(example.dx, example.dout @ example.w.T)
    np.testing.assert_allclose(example.dw, example.x.T @ example.dout)
    np.testing.assert_allclose(example.db, example.dout.sum(axis=0))


def test_a_planted_bug_fails_the_check_on_the_first_layer_only():
    app = open_page(PAGE, bp_bug="true")
    assert_clean(app)
    assert "The check fails" in app.error[0].value
    check = html_tables(app)[-1]
    failing = [name for name, error in zip(check["Parameter"], check["Relative error"], strict=True)
               if float(error.replace("−", "-")) >= 1e-5]
    assert failing and all(name.startswith(("W1", "b1")) for name in failing)


EXTREMES = [("selectbox", "bp_act", name) for name in ("sigmoid", "relu", "gelu", "softplus")] + [
    ("slider", "bp_x1", -3.0), ("slider", "bp_x1", 3.0), ("slider", "bp_y", -3.0), ("slider", "bp_scale", 0.1),
    ("slider", "bp_scale", 5.0), ("number_input", "bp_seed", 9999), ("number_input", "bp_matrix", 9999),
    ("slider", "bp_walk", 0),
]


@pytest.mark.parametrize(("kind", "key", "value"), EXTREMES, ids=[f"{key}={value}" for _, key, value in EXTREMES])
def test_every_control_at_its_extremes(default_page, kind, key, value):
    app = default_page
    getattr(app, kind)(key=key).set_value(value).run()
    assert_clean(app)
    assert all(np.isfinite(values).all() for spec in chart_specs(app) for values in numeric_arrays(spec))
    assert "nan" not in json.dumps(chart_specs(app)).lower()


@pytest.mark.parametrize("query", [{"bp_act": "swish++"}, {"bp_x1": "nan"}, {"bp_walk": "99"}, {"bp_scale": "-1"}],
                         ids=lambda query: "&".join(f"{k}={v}" for k, v in query.items()))
def test_an_invalid_url_value_falls_back_to_the_default(query):
    app = open_page(PAGE, **query)
    assert_clean(app)
    assert app.selectbox(key="bp_act").value == "tanh" and app.slider(key="bp_walk").value == 9


def test_russian():
    app = open_page(PAGE, lang="ru")
    assert_clean(app)
    assert app.title[0].value == "Обратное распространение ошибки по шагам"
    assert "обратный проход верен" in app.success[0].value
