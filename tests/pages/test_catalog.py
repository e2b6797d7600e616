"""The text catalog: every text in every language, and every key the code asks for exists, including the keys it
builds with f-strings (each field's possible values are listed here, and a new f-string key fails until listed)."""

import ast
import re
from pathlib import Path

import pages
from dl_core import stability
from dl_core.lessons import learning_rates
from dl_core.optimizers import DEFAULTS, NAMES
from pages.activations.compute import NAMES as ACTIVATION_NAMES
from pages.optimizer_lab import compute as lab
from ui.catalog import CATALOG, LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
CODE = [ROOT / "app.py", *ROOT.glob("pages/**/*.py"), *ROOT.glob("ui/**/*.py")]


def literal(path: str, name: str):
    """A module-level constant of a page script, read without running the page."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return next(ast.literal_eval(node.value) for node in tree.body
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == name)


def claim_names() -> list[str]:
    source = (ROOT / "pages/activations/tables.py").read_text(encoding="utf-8")
    return re.findall(r'_claim\("\w+", "(\w+)"', source)


LESSON_KEYS = [lesson.key for lesson in pages.LESSONS]
# Every key template the code builds with an f-string, and every value its field can take.
LESSON_FOLDERS = sorted({lesson.folder for lesson in pages.LESSONS} - {None})
TEMPLATE_VALUES = {
    # ui.course builds each lesson's experiment texts: a pair of values fills the two fields in order
    "{lesson}.experiment.{name}": [(folder, name) for folder in LESSON_FOLDERS
                                   for name in literal(f"pages/{folder}/page.py", "EXPERIMENTS")],
    "activations.claim.{claim}.measured": claim_names(),
    "activations.claim.{claim}.says": claim_names(),
    "activations.name.{name}": ACTIVATION_NAMES,
    "hyper.{hyper}": sorted({hyper for hypers in DEFAULTS.values() for hyper in hypers} - {"lr"}),
    "lesson.{lesson.key}.line": LESSON_KEYS,
    "backprop.predict.{choice}": ["pass", "fail"],
    "lesson.{lesson.key}.title": LESSON_KEYS,
    "optimizer.{name}": NAMES,
    "optimizer.{optimizer}": NAMES,
    "optimizer_lab.about.{setup.problem.surface}": list(lab.SURFACES),
    "optimizer_lab.axis.{axis}": list(lab.MAP_AXES),
    "optimizer_lab.basin.{basin}": ["diverged", "global", "local"],
    "optimizer_lab.inside.{inspected}": NAMES,
    "optimizer_lab.lr.{kind}": list(learning_rates.NAMES),
    "optimizer_lab.section.{key}": literal("pages/optimizer_lab/page.py", "SECTIONS"),
    "optimizer_lab.surface.{name}": list(lab.SURFACES),
    "optimizer_lab.theory.{runner}": [name for name in NAMES if stability.has_theory(name)],
    "backprop.act.{name}": list(ACTIVATION_NAMES),
    "backprop.where.{direction}": ["start", "forward", "backward"],
    "backprop.say.{kind}": ["start", "forward.sum", "forward.activation", "forward.loss", "backward.loss",
                            "backward.sum", "backward.activation", "backward.input"],
    "backprop.layer.product.{index}": [0, 1, 2, 3],
    "backprop.bug.{name}": ["none", "no_activation_grad", "loss_factor", "reshaped_dw"],
    "feature_scaling.outcome.{key}": list(literal("pages/feature_scaling/page.py", "OUTCOMES")),
    "batch_norm.act.{activation}": list(literal("pages/batch_norm/trainer.py", "ACTIVATIONS")),
    "batch_norm.data.{name}": list(literal("pages/batch_norm/trainer.py", "DATA")),
    "batch_norm.init.{init_name}": sorted(set(literal("pages/batch_norm/trainer.py", "INITIALIZER").values())),
    "batch_norm.outcome.{key}": list(literal("pages/batch_norm/page.py", "OUTCOMES")),
    "batch_norm.show.{key}": list(literal("pages/batch_norm/page.py", "SHOWN")),
    "batch_norm.show_axis.{shown}": list(literal("pages/batch_norm/page.py", "SHOWN")),
    "batch_norm.sweep.{outcome}": list(literal("pages/batch_norm/tables.py", "VERDICTS")),
    "batch_norm.sweep.{verdict(sweeps)}": list(literal("pages/batch_norm/tables.py", "VERDICTS")),
    "optimizer_lab.rates.{mode}": list(literal("pages/optimizer_lab/controls.py", "RATE_MODES")),
    "optimizer_lab.rates_said.{setup.rate_mode}": list(literal("pages/optimizer_lab/controls.py", "RATE_MODES")),
    "activations.elu.verdict_{kind}": ["holds", "fails", "mixed"],
    "dropout.verdict.{kind}": ["overfit", "no_overfit", "some_overfit"],
    "initialization.train.verdict_{kind}": ["reach", "never", "sometimes"],
    "initialization.scheme.{name}": list(literal("dl_core/lessons/variance.py", "SCHEME_NAMES")),
    "initialization.activation.{name}": list(literal("dl_core/lessons/variance.py", "ACTIVATION_NAMES")),
    "initialization.data.{name}": list(literal("pages/initialization/compute.py", "DATASETS")),
    "initialization.start.{start}": list(literal("pages/initialization/compute.py", "STARTS")),
    "initialization.glorot.{choice}": list(literal("dl_core/lessons/variance.py", "GLOROT_CHOICES")),
    "dropout.data.{data}": list(literal("pages/dropout/trainer.py", "DATA")),
    "dropout.data.{name}": list(literal("pages/dropout/trainer.py", "DATA")),
    "dropout.show.{key}": list(literal("pages/dropout/page.py", "SHOWN")),
}


def text_keys():
    """(file, key) of every call ``t(key, ...)`` in the app's code; an f-string key as its template."""
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                key = node.args[0]
                if isinstance(key, ast.Constant):
                    yield path.name, key.value
                elif isinstance(key, ast.JoinedStr):
                    yield path.name, ast.unparse(key)[2:-1]


def test_every_text_exists_in_every_language():
    missing = sorted(f"{key} ({language})" for key, texts in CATALOG.items() for language in LANGUAGES
                     if not texts.get(language, "").strip())
    assert not missing, f"texts missing: {missing}"


def fields(text: str) -> set[str]:
    """The names of the format fields of ``text`` (``{name}``, ``{name:.3g}``; ``{{`` is a brace)."""
    return set(re.findall(r"(?<!\{)\{(\w+)", text))


def test_the_translations_of_a_text_fill_the_same_fields():
    found = {key: {language: sorted(fields(texts.get(language, ""))) for language in LANGUAGES}
             for key, texts in CATALOG.items()}
    different = {key: names for key, names in found.items() if len(set(map(tuple, names.values()))) > 1}
    assert not different, f"the translations fill different fields: {different}"


def test_every_literal_text_key_used_in_the_code_exists():
    missing = [(name, key) for name, key in text_keys() if "{" not in key and key not in CATALOG]
    assert not missing, f"keys the code asks for that the catalog lacks: {missing}"


def test_every_f_string_key_is_listed_with_its_values():
    unlisted = sorted({(name, key) for name, key in text_keys() if "{" in key and key not in TEMPLATE_VALUES})
    assert not unlisted, f"list the values of these keys in TEMPLATE_VALUES: {unlisted}"


def filled(template: str, value) -> str:
    """``template`` with its fields replaced by ``value`` (a tuple fills them in order)."""
    values = iter(value if isinstance(value, tuple) else ())
    return re.sub(r"\{[^}]*\}", lambda _: str(next(values, value)), template)


def test_every_key_an_f_string_can_build_exists():
    empty = sorted(template for template, values in TEMPLATE_VALUES.items() if not values)
    missing = sorted(key for template, values in TEMPLATE_VALUES.items()
                     for key in (filled(template, value) for value in values) if key not in CATALOG)
    assert not empty, f"templates listed without a value: {empty}"
    assert not missing, f"keys an f-string can build that the catalog lacks: {missing}"


def test_names_bound_to_the_url_do_not_depend_on_the_language():
    """A bound choice is written to the URL as its label; a link must work in either language."""
    different = sorted(key for key, texts in CATALOG.items()
                       if key.startswith("optimizer.") and len(set(texts.values())) > 1)
    assert not different, f"optimizer names must read the same in every language: {different}"
