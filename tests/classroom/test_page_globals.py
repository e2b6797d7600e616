"""A page's values die with its run.

Streamlit runs a page script in a fresh module, and a session keeps that module's globals alive for as long as it
keeps the page's widget callbacks (``on_change``, ``format_func``): until it expires, minutes after its tab closed.
Values a page computed at module level (runs, grids, figures) stayed with every closed session, about 1 MB each,
so every page draws itself inside ``render()``, and its module holds only imports, constants and functions.
"""

from __future__ import annotations

import ast
import gc
import types
from pathlib import Path

import pytest

import pages
from support.apptest import assert_clean, open_page

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = [page.script for page in (pages.HOME, *pages.lesson_pages())]


def module_level_values(source: str) -> list[str]:
    """What a page script's module keeps besides imports, UPPER_CASE constants, functions and ``render()``."""
    kept = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):  # the docstring
            continue
        if isinstance(node, ast.Expr) and ast.unparse(node) == "render()":
            continue
        names = [name for target in getattr(node, "targets", []) for name in ast.walk(target)
                 if isinstance(name, ast.Name)]
        if isinstance(node, ast.Assign) and all(name.id.isupper() for name in names):
            continue
        kept.append(f"line {node.lineno}: {ast.unparse(node)}")
    return kept


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_page_script_computes_nothing_at_module_level(script):
    assert module_level_values((ROOT / script).read_text(encoding="utf-8")) == []


def test_the_check_finds_a_value_computed_at_module_level():
    source = ('"""A page."""\nimport streamlit as st\nLIMIT = 3\nrun = st.slider("x")\n\n\n'
              "def render() -> None:\n    pass\n\n\nrender()\n")
    assert module_level_values(source) == ["line 4: run = st.slider('x')"]


def _page_globals(script: str) -> list[dict]:
    gc.collect()
    return [namespace for namespace in gc.get_objects()
            if type(namespace) is dict and namespace.get("__name__") == "__main__"
            and str(namespace.get("__file__", "")).endswith(script)]


def test_a_closed_run_of_a_page_keeps_no_computed_value():
    """The backprop page's widgets have callbacks, so its module outlives the run: it holds no array nor result."""
    app = open_page("pages/backprop/page.py")
    assert_clean(app)
    namespaces = _page_globals("pages/backprop/page.py")
    assert namespaces, "the session should keep the page's module through its callbacks"
    for namespace in namespaces:
        for name, value in namespace.items():
            assert name.startswith("__") or name.isupper() or isinstance(value, types.ModuleType) \
                or callable(value), f"{name}: {type(value).__name__}"
