"""dl_core stays pure: NumPy and the standard library only, no global random state, no mutated input.

The import checks read every ``dl_core/**/*.py`` with ``ast`` (nothing is imported to check it),
so a module added to dl_core later is covered without touching this file.
"""

import ast
import sys
from pathlib import Path

import numpy as np
import pytest

from dl_core.activations import ACTIVATIONS

DL_CORE = Path(__file__).resolve().parents[2] / "dl_core"
MODULES = sorted(DL_CORE.rglob("*.py"))
MODULE_IDS = [str(path.relative_to(DL_CORE)) for path in MODULES]
ALLOWED_TOP_LEVEL = {"numpy", "dl_core"} | set(sys.stdlib_module_names)
# The parts of numpy.random that build an explicit Generator; everything else there is global state.
EXPLICIT_RANDOM = {
    "Generator", "default_rng", "SeedSequence", "BitGenerator", "PCG64", "PCG64DXSM", "Philox", "SFC64",
}


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(tree: ast.Module):
    """(line, dotted module name) of every absolute import; relative ones stay inside dl_core."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.lineno, node.module
            if node.module == "numpy.random":
                for alias in node.names:
                    yield node.lineno, f"numpy.random.{alias.name}"


def _numpy_random_attributes(tree: ast.Module):
    """(line, name) for every ``np.random.<name>`` / ``numpy.random.<name>`` in the code."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "random"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id in ("np", "numpy")
        ):
            yield node.lineno, node.attr


def test_the_folder_is_found():
    assert {"__init__.py", "activations.py", "gradcheck.py", "initializers.py"} <= {p.name for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=MODULE_IDS)
def test_imports_only_numpy_and_the_standard_library(path):
    foreign = [
        f"line {line}: {module}"
        for line, module in _imports(_parse(path))
        if module.partition(".")[0] not in ALLOWED_TOP_LEVEL
    ]
    assert not foreign, f"{path.name} imports beyond numpy and the standard library: {foreign}"


@pytest.mark.parametrize("path", MODULES, ids=MODULE_IDS)
def test_randomness_only_through_an_explicit_generator(path):
    tree = _parse(path)
    hidden_state = [f"line {line}: import {module}" for line, module in _imports(tree) if module == "random"]
    hidden_state += [
        f"line {line}: {module}"
        for line, module in _imports(tree)
        if module.startswith("numpy.random.") and module.rpartition(".")[2] not in EXPLICIT_RANDOM
    ]
    hidden_state += [
        f"line {line}: np.random.{name}"
        for line, name in _numpy_random_attributes(tree)
        if name not in EXPLICIT_RANDOM
    ]
    assert not hidden_state, f"{path.name} uses global random state (take an rng argument): {hidden_state}"


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activations_do_not_mutate_their_input(name):
    activation = ACTIVATIONS[name]
    x = np.random.default_rng(3).normal(scale=5.0, size=(4, 5))
    original = x.copy()
    for evaluate in (activation.fn, activation.grad):
        out = evaluate(x)
        np.testing.assert_array_equal(x, original)
        assert not np.shares_memory(out, x), "the result must not be a view of the input"
    # A read-only input would make any in-place write raise.
    x.flags.writeable = False
    activation.fn(x)
    activation.grad(x)
