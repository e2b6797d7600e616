"""Every page keeps the page contract (``support/contract.py``): it renders at its defaults, every control at its
extremes renders and keeps its value, every experiment link opens the state it names, and an invalid URL value falls
back to the default. One test per promise and page, listing every state that breaks it."""

from __future__ import annotations

import html
from functools import cache
from urllib.parse import parse_qs

import pytest

from support.apptest import open_page
from support.charts import gaps, not_finite
from support.contract import CONTRACTS, HIGH, LOW
from support.runs import FRAME_CONTROLS, Run, holds, read, run, widgets
from support.shown import PAGES, SECTIONS, experiments, script

LANGUAGES = ("en", "ru")


def test_every_page_has_its_contract():
    assert set(CONTRACTS) == set(PAGES)


def test_the_checks_see_what_breaks_the_contract():
    """A NaN in a binary array, as JSON's NaN or written in a path; a missing number but the play buttons' null; a
    value that is not the one a link asks for."""
    nan_array = '{"dtype":"f8","bdata":"AAAAAAAA+H8="}'  # [nan], as Plotly writes it (compact JSON)
    assert not_finite('{"x":' + nan_array + "}") == ["1 of an array of 1"]
    assert not_finite('{"y":[1,NaN]}') and not_finite('{"path":"M 0 1 L inf 2"}')
    assert not not_finite('{"hoverinfo":"skip","source":"data:image/png;base64,NaN+inf/"}')
    assert gaps('{"x":[1,null,2],"buttons":[{"args":[null,{}]},{"args":[[null],{}]}]}') == 1
    assert holds(0.001, ["0.001"]) and holds(True, ["true"]) and holds(["gd", "adam"], ["Adam", "GD"])
    assert holds((-6.0, 6.0), ["-6", "6"]) and not holds((-6.0, 6.0), ["6", "-6"])
    assert not holds(0.01, ["0.001"]) and not holds(False, ["true"]) and not holds("tanh", ["relu"])


def troubles(page: str, result: Run, state: str) -> list[str]:
    """What is wrong with ``result`` whatever the state: exceptions, and charts (how many, NaNs, size)."""
    contract = CONTRACTS[page]
    found = [f"{state}: {error}" for error in result.exceptions]
    if result.exceptions:
        return found
    values = {key: control.value for key, control in result.controls.items()}
    try:
        expected = contract.charts(values)
    except KeyError as missing:
        expected = f"(a control is missing: {missing})"
    if len(result.charts) != expected:
        found.append(f"{state}: {len(result.charts)} charts, {expected} expected")
    for index, chart in enumerate(result.charts):
        if chart.not_finite:
            found.append(f"{state}: chart {index} holds {list(chart.not_finite[:3])}")
        if chart.gaps and not contract.gaps:
            found.append(f"{state}: chart {index} misses {chart.gaps} numbers")
        if chart.size > contract.max_chart_bytes:
            found.append(f"{state}: chart {index} is {chart.size:,} bytes, more than {contract.max_chart_bytes:,}")
    return found


@pytest.mark.parametrize("page", PAGES)
def test_the_page_renders_at_its_defaults_and_in_every_section(page):
    queries = ["", *(f"lab_section={section}" for section in SECTIONS.get(page, ()))]
    problems = [problem for query in queries for language in LANGUAGES
                for problem in troubles(page, run(page, query, language), f"{query or 'defaults'} ({language})")]
    assert not problems, "\n".join(problems)


@cache
def extremes(page: str) -> tuple[Run, list[tuple[dict, Run | str]]]:
    """The page at its defaults, then in each state of its contract's ``extremes``, in one session: each state is
    applied to the defaults (what it moved, and what the page moved in answer, is put back after it; a control the
    defaults do not draw keeps its last value). A state that cannot be applied after the one before (a value no
    option has) is applied again to a fresh session; if it fails there too, its error is what it left."""
    app = open_page(script(page))
    defaults = read(app, "defaults", texts=False)
    found = []
    for state in CONTRACTS[page].extremes:
        steps = state if isinstance(state, tuple) else (state,)
        try:
            apply(app, defaults, steps)
        except Exception:  # noqa: BLE001 (tried again on a fresh session)
            app = open_page(script(page))
            try:
                apply(app, defaults, steps)
            except Exception as error:  # noqa: BLE001 (a wrong value in the table: reported with its state)
                found.append((merged(defaults, steps), f"{type(error).__name__}: {error}"))
                app = open_page(script(page))
                continue
        result = read(app, str(state), texts=False)
        found.append((merged(defaults, steps), result))
        for key, control in result.controls.items():  # back to the defaults, without the callbacks of a move
            if key in defaults.controls and control.value != defaults.controls[key].value:
                app.session_state[key] = defaults.controls[key].value
    return defaults, found


def apply(app, defaults: Run, steps: tuple[dict, ...]) -> None:
    """Give the controls the steps' values, each step in a run: a control on the page as a user moves it (its
    callbacks run), one the page does not draw yet through the session's state."""
    for step in steps:
        drawn = widgets(app)
        for key, value in step.items():
            if key in drawn:
                drawn[key].set_value(end(defaults, key, value))
            else:
                app.session_state[key] = end(defaults, key, value)
        app.run()


def end(defaults: Run, key: str, value):
    """``value``, or for ``LOW`` and ``HIGH`` the lowest or highest number of the control as the defaults draw it."""
    if value in (LOW, HIGH):
        numbers = sorted(defaults.controls[key].ends)
        return numbers[0] if value == LOW else numbers[-1]
    return value


def merged(defaults: Run, steps: tuple[dict, ...]) -> dict:
    """The values the steps of a state gave, the last step's where they both give one."""
    return {key: end(defaults, key, value) for step in steps for key, value in step.items()}


def kept(value, wanted) -> bool:
    """Whether a control holds the value a state gave it (a list in any order)."""
    if isinstance(wanted, list):
        return sorted(map(str, value)) == sorted(map(str, wanted))
    if isinstance(wanted, tuple):
        return tuple(value) == wanted
    return value == wanted


@pytest.mark.parametrize("page", PAGES)
def test_every_control_at_its_extremes_renders_and_keeps_its_value(page):
    problems = []
    for state, result in extremes(page)[1]:
        if isinstance(result, str):
            problems.append(f"{state}: {result}")
            continue
        problems += troubles(page, result, str(state))
        problems += [f"{state}: {key} is not on the page" for key in state if key not in result.controls]
        problems += [f"{state}: {key} = {result.controls[key].value!r}" for key, value in state.items()
                     if key in result.controls and not kept(result.controls[key].value, value)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_the_extremes_reach_both_ends_of_every_control(page):
    """Every control the page draws in these states, at its lowest and highest (a choice at each option...)."""
    defaults, found = extremes(page)
    ends, reached = {}, {}
    for result in (defaults, *(result for _, result in found if not isinstance(result, str))):
        for key, control in result.controls.items():
            if key not in FRAME_CONTROLS:
                ends.setdefault(key, control.ends)
                reached[key] = reached.get(key, frozenset()) | control.reached
    missing = {key: sorted(map(str, ends[key] - reached[key])) for key in ends if ends[key] - reached[key]}
    assert not missing, f"add states to the contract's extremes that reach: {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_every_experiment_link_opens_the_state_it_names(page):
    problems = []
    for name, query in experiments(page).items():
        for language in LANGUAGES:
            result = run(page, query, language)
            problems += troubles(page, result, f"{name} ({language})")
            for key, wanted in parse_qs(query).items():
                control = result.controls.get(key)
                if control is None or not holds(control.value, wanted):
                    problems.append(f"{name} ({language}): {key} = {getattr(control, 'value', None)!r}, "
                                    f"the link asks {wanted}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_the_page_lists_every_experiment_link(page):
    shown = " ".join(markdown.value for markdown in open_page(script(page)).markdown)
    unlisted = [name for name, query in experiments(page).items()
                if f'href="?{html.escape(query)}' not in shown]
    assert not unlisted, f"experiments the page does not link to: {unlisted}"


@pytest.mark.parametrize("page", PAGES)
def test_an_invalid_url_value_falls_back_to_the_default(page):
    defaults = {key: control.value for key, control in run(page, "", "en").controls.items()}
    problems = []
    for entry in CONTRACTS[page].invalid:
        query, expected = entry if isinstance(entry, tuple) else (entry, {})
        result = run(page, query, "en")
        problems += troubles(page, result, query)
        wanted = {**defaults, **expected}
        problems += [f"{query}: {key} = {control.value!r}, not {wanted[key]!r}"
                     for key, control in result.controls.items() if key in wanted and control.value != wanted[key]]
        problems += [f"{query}: {key} is not on the page" for key in expected if key not in result.controls]
    assert not problems, "\n".join(problems)
