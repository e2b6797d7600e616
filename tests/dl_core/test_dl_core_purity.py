"""dl_core stays pure: NumPy and the standard library only, no global random state, no mutated input.

The import checks read every ``dl_core/**/*.py`` with ``ast`` (nothing is imported to check it),
so a module added to dl_core later is covered without touching this file.
"""

import ast
import sys
from pathlib import Path

import numpy as np

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


def test_imports_only_numpy_and_the_standard_library():
    found = {name: foreign for path, name in zip(MODULES, MODULE_IDS, strict=True)
             if (foreign := [f"line {line}: {module}" for line, module in _imports(_parse(path))
                             if module.partition(".")[0] not in ALLOWED_TOP_LEVEL])}
    assert not found, f"modules importing beyond numpy and the standard library: {found}"


def _hidden_state(tree: ast.Module) -> list[str]:
    """Where ``tree`` uses global random state: ``random``, or a part of ``numpy.random`` beyond a Generator."""
    found = [f"line {line}: import {module}" for line, module in _imports(tree) if module == "random"]
    found += [f"line {line}: {module}" for line, module in _imports(tree)
              if module.startswith("numpy.random.") and module.rpartition(".")[2] not in EXPLICIT_RANDOM]
    found += [f"line {line}: np.random.{name}" for line, name in _numpy_random_attributes(tree)
              if name not in EXPLICIT_RANDOM]
    return found


def test_randomness_only_through_an_explicit_generator():
    found = {name: hidden for path, name in zip(MODULES, MODULE_IDS, strict=True)
             if (hidden := _hidden_state(_parse(path)))}
    assert not found, f"modules using global random state (take an rng argument): {found}"


def test_the_checks_find_foreign_imports_and_global_random_state():
    tree = ast.parse("import random\nimport torch\nfrom numpy.random import rand\nimport numpy as np\n"
                     "np.random.seed(0)\nrng = np.random.default_rng(0)\n")
    assert [module for _, module in _imports(tree) if module.partition(".")[0] not in ALLOWED_TOP_LEVEL] == ["torch"]
    assert _hidden_state(tree) == ["line 1: import random", "line 3: numpy.random.rand", "line 5: np.random.seed"]


def _mutations(name: str) -> list[str]:
    """How the activation ``name`` touches its input: writes to it, or returns a view of it."""
    activation = ACTIVATIONS[name]
    x = np.random.default_rng(3).normal(scale=5.0, size=(4, 5))
    original = x.copy()
    found = []
    evaluations = {"fn": activation.fn, "grad": activation.grad}
    for part, evaluate in evaluations.items():
        out = evaluate(x)
        if not np.array_equal(x, original):
            found.append(f"{part} writes to its input")
        if np.shares_memory(out, x):
            found.append(f"{part} returns a view of its input")
    x.flags.writeable = False  # a read-only input makes any in-place write raise
    for part, evaluate in evaluations.items():
        try:
            evaluate(x)
        except ValueError as error:
            found.append(f"{part} on a read-only input: {error}")
    return found


def test_activations_do_not_mutate_their_input():
    found = {name: mutations for name in ACTIVATIONS if (mutations := _mutations(name))}
    assert not found, f"activations that touch their input: {found}"
