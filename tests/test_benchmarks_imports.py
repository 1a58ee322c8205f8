"""The benchmark scripts import sbp_lint lazily (inside main), so a moved module breaks them silently.
Every `from sbp_lint... import name` in benchmarks/ must still resolve."""

import ast
import importlib
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).parent.parent / "benchmarks").glob("*.py"))


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sbp_lint"):
            for alias in node.names:
                yield node.module, alias.name


@pytest.mark.parametrize("path", BENCHMARKS, ids=[p.name for p in BENCHMARKS])
def test_benchmark_imports_resolve(path):
    for module, name in _imports(path):
        assert hasattr(importlib.import_module(module), name), f"{path.name}: from {module} import {name}"
