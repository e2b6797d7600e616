"""The dropout lab in AppTest: the sections at the defaults, both conventions for p, the overfitting claim at the
default settings, the thinned-network animation, caching (a display option retrains nothing), the choice of rates,
the Russian page and what the experiment links show. Defaults, every control at its extremes, experiment links and
invalid URL values are the page contract's (``support/contract.py``)."""

import re

import pytest

from dl_core.lessons import dropout as lesson
from pages.dropout import compute
from support.apptest import assert_clean, chart_specs, html_tables, open_page
from support.contract import assert_sound
from support.runs import open_experiment

PAGE = "pages/dropout/page.py"
NETWORK = "Network: p_drop (PyTorch) · p_keep (lesson)"  # the results table's first column
# The page's defaults of the overfitting demo (checked against the page's controls below).
DEFAULTS = {"data": "moons", "noise": 0.25, "size": 100, "width": 64, "epochs": 200, "lr": 0.01, "seed": 0,
            "rates": (0.2, 0.5, 0.9)}


@pytest.fixture(scope="module")
def default_page():
    return open_page(PAGE)


def test_defaults_render_every_section(default_page):
    app = default_page
    assert_clean(app)
    assert app.title[0].value == "Dropout"
    specs = chart_specs(app)
    assert len(specs) == 3 + 4 + 2  # animation, masks, curves; four boundaries; two Monte-Carlo pictures
    assert_sound(app, "dropout")
    state = app.session_state
    assert (state["do_data"], state["do_noise"], state["do_n"], state["do_width"], state["do_epochs"],
            state["do_lr"], state["do_seed"]) == tuple(DEFAULTS[key] for key in
                                                       ("data", "noise", "size", "width", "epochs", "lr", "seed"))
    assert tuple(float(rate) for rate in state["do_rates"]) == DEFAULTS["rates"]
    assert any("p_drop = 0.5 (p_keep = 0.5) helps" in success.value for success in app.success)
    assert any("overfits" in markdown.value for markdown in app.markdown)
    assert any("p_drop = 0.9 (p_keep = 0.1) is too much" in warning.value for warning in app.warning)


def test_both_conventions_are_named_wherever_a_probability_appears():
    app = open_page(PAGE, do_p="0.2")
    assert_clean(app)
    sidebar = " ".join(markdown.value for markdown in app.sidebar.markdown)
    assert "= **0.80**: the lesson's p" in sidebar
    strip = next(markdown.value for markdown in app.markdown if markdown.value.startswith('<div style="display: flex'))
    assert "p<sub>drop</sub>" in strip and "p<sub>keep</sub>" in strip and ">0.2<" in strip and ">0.8<" in strip
    assert "Two meanings of p" in app.info[0].value
    table = next(table for table in html_tables(app) if NETWORK in table)
    assert table[NETWORK] == ["no dropout", "p_drop = 0.2 (p_keep = 0.8)", "p_drop = 0.5 (p_keep = 0.5)",
                              "p_drop = 0.9 (p_keep = 0.1)"]
    curves = chart_specs(app)[2]
    assert "p<sub>drop</sub> = 0.5 (p<sub>keep</sub> = 0.5)" in [trace.get("name") for trace in curves["data"]]


def test_moderate_dropout_lowers_the_validation_loss_at_the_default_settings():
    """The page's claim, at its default seed and settings: without dropout the network overfits (its validation loss
    ends well above its minimum); drop 0.5 ends with a lower validation loss than no dropout; drop 0.9 underfits
    (lower accuracy on both sets than the best network)."""
    trained = compute.training(DEFAULTS["data"], DEFAULTS["noise"], DEFAULTS["size"], DEFAULTS["width"],
                               DEFAULTS["epochs"], DEFAULTS["lr"], DEFAULTS["seed"], DEFAULTS["rates"])
    run = trained.run
    final = run.val_loss[-1]
    assert final[0] > 1.5 * run.val_loss[:, 0].min()  # overfitting without dropout
    assert final[2] < 0.6 * final[0]  # drop 0.5 against no dropout
    assert final[2] == final.min()
    assert run.train_accuracy[-1, 3] < run.train_accuracy[-1].max() - 0.05  # drop 0.9 cannot fit the training set
    assert run.val_accuracy[-1, 3] < run.val_accuracy[-1, 2] - 0.03


def test_the_animation_frames_carry_only_what_moves_and_follow_the_masks():
    app = open_page(PAGE, do_p="0.5", do_units="6", do_steps="12", do_seed="3")
    assert_clean(app)
    spec = chart_specs(app)[0]
    frames = spec["frames"]
    assert [frame["name"] for frame in frames] == [str(step) for step in range(1, 13)]
    assert len(spec["layout"]["sliders"][0]["steps"]) == 12
    run = compute.thinned(6, 0.5, 12, 3)
    for step, frame in enumerate(frames):
        assert frame["traces"] == [1, 2, 3, 5, 6, 11] and "layout" not in frame
        assert all(set(trace) == {"x", "y"} for trace in frame["data"])
        kept, dropped = frame["data"][3], frame["data"][4]
        assert len(kept["x"]) == run.masks[0][step, 0].sum() + run.masks[1][step, 0].sum()
        assert len(kept["x"]) + len(dropped["x"]) == 12
        # every kept connection joins two kept units: between the hidden layers, 2 points per connection
        assert len(frame["data"][1]["x"]) == 2 * run.masks[0][step, 0].sum() * run.masks[1][step, 0].sum()
        assert frame["data"][5]["y"] == [pytest.approx(run.example_share[step], abs=1e-3)]
    assert len(spec["data"]) == 12  # few traces


def test_a_display_option_or_a_test_time_control_retrains_nothing(monkeypatch):
    calls = []
    real = lesson.train_rates

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(lesson, "train_rates", counting)
    app = open_page(PAGE, do_seed="321", do_epochs="50")
    assert_clean(app)
    assert len(calls) == 1
    app.toggle(key="do_val").set_value(True).run()
    app.session_state["do_shown"] = "accuracy"
    app.run()
    app.select_slider(key="do_p").set_value(0.8).run()
    app.select_slider(key="do_masks").set_value(10000).run()
    app.select_slider(key="do_passes").set_value(20).run()
    app.selectbox(key="do_mc").set_value("0.9").run()
    assert_clean(app)
    assert len(calls) == 1
    app.select_slider(key="do_lr").set_value(0.02).run()
    assert len(calls) == 2


def outcomes_shown(app) -> dict[str, bool]:
    """Which of the things that tell which network ends with the lowest validation loss are on the page."""
    charts = {chart.key for chart in app.get("plotly_chart")}
    titles = [set(table) for table in html_tables(app)]  # the column titles of each table
    verdicts = [block.value for block in (*app.markdown, *app.success, *app.warning, *app.info)]
    return {
        "training curves": "do_curves_chart" in charts,
        "decision boundaries": {f"do_boundary_{index}" for index in range(4)} <= charts,
        "losses of this run": any({NETWORK, "validation loss"} <= table for table in titles),
        "losses over seeds": any("validation loss at the end" in table for table in titles),
        "verdicts": any("overfits" in text for text in verdicts) and any(" helps:" in text for text in verdicts),
        "losses under the boundaries": any("validation loss 0." in caption.value for caption in app.caption),
    }


def test_predict_then_reveal_hides_every_outcome_until_revealed():
    """Before the reveal no curve, table, verdict or boundary tells which network ends lowest; the thinned network,
    inverted dropout and Monte-Carlo dropout (another question) stay."""
    app = open_page(PAGE, predict="true")
    assert_clean(app)
    hidden = outcomes_shown(app)
    assert not any(hidden.values()), hidden
    assert {chart.key for chart in app.get("plotly_chart")} == {"do_thinned_chart", "do_masks_chart",
                                                                 "do_mc_mean_chart", "do_mc_spread_chart"}
    question = next(radio for radio in app.radio if "lowest validation loss" in radio.label)
    assert question.options == ["no dropout", "p_drop = 0.2 (p_keep = 0.8)", "p_drop = 0.5 (p_keep = 0.5)",
                                "p_drop = 0.9 (p_keep = 0.1)"]
    question.set_value("0.5").run()
    app.checkbox[0].check().run()
    assert_clean(app)
    revealed = outcomes_shown(app)
    assert all(revealed.values()), revealed


def test_no_rate_at_all_trains_only_the_network_without_dropout():
    app = open_page(PAGE, do_rates="")
    assert_clean(app)
    assert app.session_state["do_rates"] == []
    assert "Choose at least one dropout rate" in " ".join(info.value for info in app.info)
    assert len(chart_specs(app)) == 3 + 1
    assert_sound(app, "dropout")


def test_a_link_with_too_many_rates_keeps_the_smallest_four():
    app = open_page(PAGE, do_rates=["0.95", "0.1", "0.2", "0.3", "0.5"], do_mc="0.95")
    assert_clean(app)
    assert app.session_state["do_rates"] == ["0.1", "0.2", "0.3", "0.5"]
    assert app.session_state["do_mc"] == "0.5"  # its rate was not trained: the default network answers
    assert len(chart_specs(app)) == 3 + 5 + 2


def test_the_russian_page_is_clean_and_writes_decimal_commas():
    app = open_page(PAGE, lang="ru")
    assert_clean(app)
    assert app.title[0].value == "Dropout"
    assert "Два смысла p" in app.info[0].value
    assert any("С p_drop = 0,5 (p_keep = 0,5) dropout помогает" in success.value for success in app.success)
    curves = chart_specs(app)[2]
    assert curves["layout"]["separators"] == ", "
    assert any("переобучается" in markdown.value for markdown in app.markdown)
    binomial = next(markdown.value for markdown in app.markdown if markdown.value.startswith("Сколько из"))
    assert re.search(r"в \d+% из 20 шагов ", binomial)  # a share of the steps, then how many there were
    assert data_names_agree()


def data_names_agree() -> bool:
    """The three labs call each data set by the same name, in both languages."""
    from pages.batch_norm.text import TEXT as BATCH_NORM
    from pages.dropout.text import TEXT as DROPOUT
    from pages.initialization.text import TEXT as INITIALIZATION

    return all(len({str(texts[f"{lab}.data.{name}"]) for lab, texts in (("batch_norm", BATCH_NORM),
               ("dropout", DROPOUT), ("initialization", INITIALIZATION))}) == 1
               for name in ("moons", "circles", "xor", "spirals"))


def test_each_experiment_shows_what_its_line_promises():
    """The claims the experiment lines make, on the page they open: another seed changes the run shown, not the
    conclusions; in the small network drop 0.5 and 0.9 underfit."""
    def verdicts(app) -> list[str]:
        return [re.sub(r"\d[\d.,%]*", "#", element.value) for kind in ("success", "warning", "info")
                for element in getattr(app, kind)]

    assert verdicts(open_experiment("dropout", "other_seed")) == verdicts(open_experiment("dropout", "overfit"))
    small = open_experiment("dropout", "small_network")
    said = " ".join(warning.value for warning in small.warning)
    assert "p_drop = 0.5 (p_keep = 0.5) is too much" in said and "p_drop = 0.9 (p_keep = 0.1) is too much" in said


def final(name: str) -> dict[str, list[float]]:
    """The results table of the page an experiment opens, as numbers (accuracies as shares)."""
    app = open_experiment("dropout", name)
    assert_clean(app)
    table = next(table for table in html_tables(app) if NETWORK in table)
    return {title: [float(cell.rstrip("%")) / (100 if cell.endswith("%") else 1) for cell in cells]
            for title, cells in table.items() if title not in (NETWORK, "lowest validation loss (epoch)")}


def test_too_much_dropout_shows_what_its_line_says():
    too_much = final("too_much")  # no dropout, 0.5, 0.9, 0.95
    assert max(too_much["training accuracy"][2:]) < min(too_much["training accuracy"][:2]) - 0.05
    assert max(too_much["validation accuracy"][2:]) < too_much["validation accuracy"][1]


def test_on_a_phone_the_play_buttons_sit_below_the_step_axis(monkeypatch):
    wide = chart_specs(open_page(PAGE))[0]["layout"]
    monkeypatch.setattr("ui.charts.on_phone", lambda: True)
    narrow = chart_specs(open_page(PAGE))[0]["layout"]
    assert narrow["updatemenus"][0]["y"] < wide["updatemenus"][0]["y"]  # clear of the stacked panel's axis title
    assert narrow["sliders"][0]["y"] < narrow["updatemenus"][0]["y"] and narrow["margin"]["b"] > wide["margin"]["b"]
