"""The backprop lab in AppTest: the walk through the graph node by node, editable inputs and weights, the layer as a
matrix product, the gradient check and its planted bugs, the claims of the experiment links, and the BLAS section
(with a small measurement in place of the server's, so these tests stay fast). Defaults, every control at its
extremes, experiment links and invalid URL values are the page contract's (``support/contract.py``)."""

import re

import numpy as np
import pytest

from dl_core.lessons import graph, matmul
from pages.backprop import compute, figures, formulas
from support.apptest import TableCells, assert_clean, chart_specs, html_tables, open_page
from support.contract import assert_sound
from support.runs import open_experiment
from ui.numbers import number

PAGE = "pages/backprop/page.py"
LAST = len(graph.WALK) - 1
DEFAULT_WEIGHTS = compute.seed_weights(2)
SERVER_TIMING = compute.timing  # the page's own cached measurement, before the tests put a small one in its place


@pytest.fixture(scope="module", autouse=True)
def small_timing():
    """A measurement of a few milliseconds instead of the server's seconds-long one."""
    measured = matmul.measure((4, 8), (4, 8, 16, 32), 2, np.random.default_rng(0), python_repeats=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compute, "timing", lambda: measured)
        yield measured



def graph_texts(app) -> list[str]:
    return [note["text"] for note in chart_specs(app)[0]["layout"]["annotations"]]


def shown(value: float) -> str:
    """A number as the English page writes it on the graph."""
    return number(value, 3)


@pytest.fixture(scope="module")
def walk_page():
    return open_page(PAGE)


def test_defaults_draw_the_graph_the_shapes_and_the_timing(walk_page):
    app = walk_page
    assert_sound(app, "backprop")
    assert app.title[0].value == "Backpropagation as matrix operations"
    assert len(chart_specs(app)) == 3
    assert app.slider(key="bp_step").value == 0
    texts = graph_texts(app)
    assert texts.count("?") == len(graph.FORWARD)  # nothing computed yet
    assert not any(text.startswith("∂L") for text in texts)
    assert "All 13 gradients agree" in app.success[0].value


@pytest.mark.parametrize("step", range(LAST + 1))
def test_each_step_shows_what_the_walk_knows_then(walk_page, step):
    app = walk_page
    app.slider(key="bp_step").set_value(step).run()
    assert_sound(app, "backprop")
    direction, name = graph.WALK[step]
    passed = graph.evaluate(compute.params_of(DEFAULT_WEIGHTS), (1.0, -0.5), 0.5, "sigmoid")
    texts = graph_texts(app)
    computed = graph.FORWARD[:step] if direction != "backward" else graph.FORWARD
    visited = graph.BACKWARD[:max(0, step - len(graph.FORWARD))]
    assert texts.count("?") == len(graph.FORWARD) - len(computed)
    for node in computed:
        assert shown(passed.values[node]) in texts
    node_gradients = [text for text in texts if re.fullmatch(r"∂L/∂\S+ = \S+", text)]
    assert len(node_gradients) == len(visited)
    for node in visited:
        assert f"∂L/∂{formulas.NODE_TEXT[node]} = {shown(passed.grads[node])}" in texts
    where = app.markdown[[m.value.startswith("**Step") for m in app.markdown].index(True)].value
    assert where.startswith(f"**Step {step} of {LAST}")
    if name:
        assert formulas.NODE_LATEX[name].replace("\\", "") in app.latex[0].value.replace("\\", "")
    current = chart_specs(app)[0]["data"][0]["marker"]["color"]
    assert current.count(figures.CURRENT_FILL) == (0 if direction == "start" else 1)


def test_the_backward_pass_shows_each_weights_gradient_on_its_edge(walk_page):
    app = walk_page
    app.slider(key="bp_step").set_value(LAST).run()
    passed = graph.evaluate(compute.params_of(DEFAULT_WEIGHTS), (1.0, -0.5), 0.5, "sigmoid")
    texts = " ".join(graph_texts(app))
    for key, index in graph.PARAMETERS:
        if key in ("W1", "W2"):
            symbol = formulas.parameter_text((key, index))
            assert f"∂L/∂{symbol} = {shown(passed.param_grads[key][index])}" in texts
    assert f"σ′(z₁) = {shown(passed.local['z1', 'h1'])}" in texts
    assert f"2(ŷ − y) = {shown(passed.local['y_hat', 'loss'])}" in texts


def test_next_and_back_walk_one_node_at_a_time():
    app = open_page(PAGE)
    assert app.button(key="bp_back").disabled
    app.button(key="bp_next").click().run()
    app.button(key="bp_next").click().run()
    assert app.slider(key="bp_step").value == 2
    assert "forward pass: z₂" in app.markdown[[m.value.startswith("**Step") for m in app.markdown].index(True)].value
    app.button(key="bp_back").click().run()
    assert app.slider(key="bp_step").value == 1
    app.slider(key="bp_step").set_value(LAST).run()
    assert app.button(key="bp_next").disabled
    app.button(key="bp_back").click().run()
    assert app.slider(key="bp_step").value == LAST - 1
    assert_sound(app, "backprop")


def test_inputs_and_weights_set_every_number():
    app = open_page(PAGE, bp_step="8")
    app.select_slider(key="bp_x1").set_value(2.0).run()
    app.select_slider(key="bp_w11").set_value(-1.5).run()
    weights = list(DEFAULT_WEIGHTS)
    weights[0] = -1.5
    passed = graph.evaluate(compute.params_of(tuple(weights)), (2.0, -0.5), 0.5, "sigmoid")
    texts = graph_texts(app)
    assert shown(passed.values["z1"]) in texts and shown(passed.values["loss"]) in texts
    assert "w₁₁ = −1.5" in texts


def test_a_new_seed_draws_new_weights_and_the_url_keeps_them():
    app = open_page(PAGE)
    app.number_input(key="bp_seed").set_value(7).run()
    drawn = compute.seed_weights(7)
    assert [app.select_slider(key=key).value for key in compute.WEIGHT_KEYS] == list(drawn)
    assert "bp_w11" not in app.query_params  # the drawn values are the defaults: the link needs only the seed
    again = open_page(PAGE, bp_seed="7", bp_w12="0.5")
    assert again.select_slider(key="bp_w11").value == drawn[0] and again.select_slider(key="bp_w12").value == 0.5


def test_the_layer_is_one_matrix_product_with_its_three_gradients():
    for batch, features, outputs in ((1, 1, 1), (6, 5, 4), (4, 3, 2)):
        example = compute.layer_example(batch, features, outputs, 3)
        assert example.x.shape == (batch, features) and example.w.shape == (features, outputs)
        np.testing.assert_array_equal(example.out, example.x @ example.w + example.b)
        np.testing.assert_array_equal(example.dx, example.dout @ example.w.T)
        np.testing.assert_array_equal(example.dw, example.x.T @ example.dout)
        np.testing.assert_array_equal(example.db, example.dout.sum(axis=0))
        assert example.check < 1e-6


def matrices_on_page(app) -> dict[str, list[list[str]]]:
    """Every matrix drawn by the layer section: {name: rows of cell texts}."""
    found = {}
    for markdown in app.markdown:
        for name, body in re.findall(r"<b>([^<]+)</b>.*?<tbody>(.*?)</tbody>", markdown.value):
            found.setdefault(name, [re.findall(r">([^<>]*)</td>", row) for row in body.split("</tr>") if row])
    return found


def test_the_page_draws_the_layers_matrices_with_their_shapes():
    app = open_page(PAGE, bp_n="5", bp_d="2", bp_m="3", bp_matrix="4")
    assert_sound(app, "backprop")
    shown_matrices = matrices_on_page(app)
    shapes = {name: (len(rows), len(rows[0])) for name, rows in shown_matrices.items()}
    assert shapes == {"X": (5, 2), "W": (2, 3), "b": (1, 3), "Out": (5, 3), "dOut": (5, 3), "Wᵀ": (3, 2),
                      "dX": (5, 2), "Xᵀ": (2, 5), "dW": (2, 3), "db": (1, 3)}
    example = compute.layer_example(5, 2, 3, 4)
    assert shown_matrices["dW"][0] == [shown(value) for value in example.dw[0]]
    blocks = [note["text"] for note in chart_specs(app)[1]["layout"]["annotations"]]
    assert "5×2" in blocks and "2×3" in blocks and "5×3" in blocks and "1×5" in blocks  # X, W, Out and 1ᵀ


def tables_on_page(app) -> list[dict[str, list[str]]]:
    """Every table of the page, wrapped in a sideways-scrolling block or not, as {column title: cell texts}."""
    found = html_tables(app)
    for markdown in app.markdown:
        if markdown.value.startswith('<div style="overflow-x: auto"><table>'):
            parser = TableCells()
            parser.feed(markdown.value)
            for header, *rows in parser.tables:
                found.append({title: [row[index] for row in rows] for index, title in enumerate(header)})
    return found


def check_table(app) -> dict[str, str]:
    table = next(table for table in tables_on_page(app) if "Centred diff." in table)
    return dict(cell.rsplit(" ", 1) for cell in table["Parameter"])


@pytest.mark.parametrize(("bug", "failing"), [
    ("no_activation_grad", {"w₁₁", "w₁₂", "w₁₃", "w₂₁", "w₂₂", "w₂₃", "b₁", "b₂", "b₃"}),
    ("loss_factor", {formulas.parameter_text(parameter) for parameter in graph.PARAMETERS}),
    ("reshaped_dw", {"w₁₂", "w₁₃", "w₂₁", "w₂₂"}),
])
def test_a_planted_bug_makes_the_check_fail_where_it_should(bug, failing):
    app = open_page(PAGE, bp_bug=bug)
    assert_sound(app, "backprop")
    assert app.error and app.error[0].value.startswith("The check fails")
    verdicts = check_table(app)
    assert {name for name, verdict in verdicts.items() if verdict == "✗"} == failing
    assert len(app.latex) >= 3  # the planted formula and the right one, under the table


def test_the_old_on_off_bug_link_still_plants_the_forgotten_derivative():
    app = open_page(PAGE, bp_bug="true")
    assert app.selectbox(key="bp_bug").value == "no_activation_grad"
    assert app.error


def test_relu_with_every_unit_active_hides_the_forgotten_derivative():
    app = open_page(PAGE, bp_act="relu", bp_seed="1", bp_bug="no_activation_grad")
    assert_sound(app, "backprop")
    assert not app.error
    assert "passes although a bug is planted" in app.warning[0].value


def test_a_kink_is_explained_not_failed():
    app = open_page(PAGE, bp_act="relu", bp_x1="0", bp_x2="0", bp_b1="0", bp_b2="0", bp_b3="0")
    assert_sound(app, "backprop")
    assert not app.error
    assert "kink" in app.info[-1].value or any("kink" in info.value for info in app.info)
    assert list(check_table(app).values()).count("kink") == 3


def test_the_timing_section_draws_the_measurement_it_is_given(small_timing):
    app = open_page(PAGE, bp_size="32")
    assert_sound(app, "backprop")
    timing = chart_specs(app)[2]
    names = [trace["name"] for trace in timing["data"]]
    assert names[:4] == ["a·n³ (the O(n³) line)", "NumPy @ (BLAS)", "Python loops", "Python loops, extrapolated"]
    extrapolated = timing["data"][3]
    assert extrapolated["x"] == [8, 16, 32] and extrapolated["line"]["dash"] == "dash"
    assert extrapolated["y"][-1] == pytest.approx(small_timing.python_cubic * 32**3)
    assert timing["layout"]["yaxis"]["type"] == "log" and timing["layout"]["xaxis"]["type"] == "log"
    assert timing["layout"]["shapes"][0]["x0"] == 32
    sentences = " ".join(markdown.value for markdown in app.markdown)
    assert "At n = 32" in sentences and "Python extrapolated from n ≤ 8" in sentences
    assert small_timing.blas.name in sentences
    app.select_slider(key="bp_size").set_value(8).run()
    assert "Python measured at this size" in " ".join(markdown.value for markdown in app.markdown)


def test_the_timing_is_measured_once_per_server_process():
    assert hasattr(SERVER_TIMING, "clear")  # st.cache_resource: one measurement shared by every session
    assert compute.PYTHON_SIZES[-1] <= 128 < compute.NUMPY_SIZES[-1]  # Python kept small, extrapolated beyond


def test_everything_at_its_largest_stays_finite():
    query = {"bp_act": "relu", "bp_x1": "3", "bp_x2": "-3", "bp_y": "-3", "bp_step": str(LAST), "bp_n": "6",
             "bp_d": "5", "bp_m": "4"}
    query.update({key: "3" for key in compute.WEIGHT_KEYS})
    query["bp_w21"] = "-3"
    app = open_page(PAGE, **query)
    assert_sound(app, "backprop")
    assert any(text.startswith("∂L/∂x₁") for text in graph_texts(app))


def test_russian():
    app = open_page(PAGE, lang="ru", bp_step=str(LAST))
    assert_sound(app, "backprop")
    assert app.title[0].value == "Обратное распространение ошибки в матричном виде"
    texts = graph_texts(app)
    assert "−0,5" in texts and any(re.fullmatch(r"∂L/∂x₁ = −?\d+,\d+", text) for text in texts)
    assert "обратный проход верен" in app.success[0].value
    assert any(markdown.value.startswith("**Шаг 18 из 18") for markdown in app.markdown)
    assert "{,}" in app.latex[0].value  # decimal commas in the formulas too


EXPERIMENT_CLAIMS = {
    "forward": lambda app: "?" not in graph_texts(app) and not any(t.startswith("∂L") for t in graph_texts(app)),
    "bug": lambda app: app.error and app.error[0].value.startswith("The check fails"),
    "bug_missed": lambda app: "passes although" in app.warning[0].value,
    "loss_factor": lambda app: "largest relative error 0.33" in app.error[0].value,
    "saturated": lambda app: "18" in graph_texts(app)
    and any(re.search(r"σ′\(z₁\) = [\d.]+×10⁻⁸", text) for text in graph_texts(app)),
    "dead_relu": lambda app: "∂L/∂z₃ = 0" in graph_texts(app),
}


@pytest.mark.parametrize("name", sorted(EXPERIMENT_CLAIMS))
def test_an_experiment_link_shows_what_it_promises(name):
    app = open_experiment("backprop", name)
    assert_sound(app, "backprop")
    assert EXPERIMENT_CLAIMS[name](app)


def test_on_a_phone_the_graph_runs_bottom_to_top():
    passed = graph.evaluate(compute.params_of(DEFAULT_WEIGHTS), (1.0, -0.5), 0.5, "tanh")
    labels = figures.GraphLabels(formulas.NODE_TEXT, {p: formulas.parameter_text(p) for p in graph.PARAMETERS},
                                 "tanh", "∂L/∂{name} = {value}", "∂L/∂{name} = {value}", "?", "{name}", "-", "en")
    wide = figures.graph_figure(passed, LAST, labels).to_dict()
    tall = figures.graph_figure(passed, LAST, labels, vertical=True).to_dict()
    order = [node.name for node in graph.NODES]
    x_wide, y_tall = wide["data"][0]["x"], tall["data"][0]["y"]
    assert x_wide[order.index("x1")] < x_wide[order.index("z1")] < x_wide[order.index("loss")]
    assert y_tall[order.index("x1")] < y_tall[order.index("z1")] < y_tall[order.index("loss")]
    assert tall["layout"]["height"] > wide["layout"]["height"]
    sizes = [note["font"]["size"] for spec in (wide, tall) for note in spec["layout"]["annotations"]]
    assert min(sizes) >= 14


CHECK_VERDICTS = ("The check fails", "All 13 gradients agree", "The check passes although", "Every gradient is")


def check_outcomes_shown(app) -> set[str]:
    """Which of the things that tell whether the gradient check passes are on the page."""
    alerts = [alert.value for alert in (*app.error, *app.warning, *app.success)]
    found = {
        "verdict": any(alert.startswith(CHECK_VERDICTS) for alert in alerts),
        "kink note": any("kink at 0" in info.value for info in app.info),
        "table": any("<th>Parameter" in block.value for block in app.markdown),
    }
    return {name for name, shown in found.items() if shown}


@pytest.mark.parametrize(("query", "prediction", "outcomes"), [
    ({"bp_bug": "no_activation_grad"}, "pass", {"verdict", "table"}),  # the bug fails the check
    ({"bp_act": "relu", "bp_x1": "0", "bp_x2": "0", "bp_b1": "0", "bp_b2": "0", "bp_b3": "0"}, "pass",
     {"verdict", "kink note", "table"}),
])
def test_predict_then_reveal_hides_every_outcome_until_revealed(query, prediction, outcomes):
    """The class first predicts whether the check passes: its verdict, the note on ReLU's kink and the table of
    errors come after; the planted formula (the question's own setting) stays."""
    app = open_page(PAGE, predict="true", **query)
    assert_clean(app)
    assert check_outcomes_shown(app) == set()
    assert app.selectbox(key="bp_bug") is not None
    next(radio for radio in app.radio if radio.label.startswith("Before you look")).set_value(prediction).run()
    next(box for box in app.checkbox if box.label == "Reveal").check().run()
    assert_clean(app)
    assert check_outcomes_shown(app) == outcomes
