"""Every module of the package is imported by some test, by name.

A module reached only through others is tested only as far as its callers happen to use it;
naming it in a test's imports is where a test of its own starts. Packages whose ``__init__.py``
holds nothing but a docstring have nothing to test and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "generator"
TESTS = ROOT / "tests"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _has_code(tree: ast.Module) -> bool:
    """More than a docstring: something a test could exercise."""
    body = tree.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return bool(body)


def package_modules() -> set[str]:
    """Every module of ``generator`` that holds code, as a dotted name."""
    return {
        _module_name(path)
        for path in PACKAGE.rglob("*.py")
        if _has_code(ast.parse(path.read_text(encoding="utf-8")))
    }


def imported_names(tree: ast.AST) -> set[str]:
    """The dotted names a file imports: ``import a.b``, ``from a.b import c`` (``a.b`` and,
    in case ``c`` is a submodule, ``a.b.c``), at any depth (function-level imports count)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def imported_by_tests() -> set[str]:
    """Every name imported by a Python file under tests/ (tests and the helpers they share)."""
    names: set[str] = set()
    for path in TESTS.rglob("*.py"):
        names |= imported_names(ast.parse(path.read_text(encoding="utf-8")))
    return names


def test_the_walks_see_the_package_and_the_imports() -> None:
    """The two walks are not vacuous: they find known modules and known imports."""
    modules = package_modules()
    assert {"generator", "generator.pipeline", "generator.render.pages", "generator.core.escape"} <= modules
    assert "generator.core" not in modules  # a docstring only
    assert imported_names(ast.parse("import generator.a.b\nfrom generator.c import d\n")) == {
        "generator.a.b", "generator.c", "generator.c.d",
    }
    assert imported_names(ast.parse("def f():\n    from generator.x import y\n")) >= {"generator.x"}
    assert imported_names(ast.parse("from . import z\n")) == set()


def test_every_module_is_imported_by_a_test() -> None:
    untested = sorted(package_modules() - imported_by_tests())
    assert not untested, "no test imports these modules (add a test of their own): " + ", ".join(untested)
