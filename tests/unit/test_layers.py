"""The pure layers import only downwards: contract <- probe <- checking, none of them nbgrader."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GRADER = Path(__file__).resolve().parents[2] / "grader"
# layer -> the grader packages it must not import (higher layers), and whether nbgrader is allowed
FORBIDDEN = {
    "contract": ("grader.probe", "grader.checking", "grader.hidden", "nbgrader"),
    "probe": ("grader.checking", "grader.hidden", "nbgrader"),
    "checking": ("grader.hidden", "grader.preprocessors", "nbgrader"),
}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_pure_layer_imports_no_higher_layer(layer):
    for path in sorted((GRADER / layer).glob("*.py")):
        for name in imported(path):
            assert not name.startswith(FORBIDDEN[layer]), f"{path.name} imports {name}"


def test_the_message_text_lives_only_in_the_table():
    """No detection module builds a sentence: they name a message of grader.checking.messages."""
    for name in ("checks.py", "shape_diagnoses.py", "value_diagnoses.py", "structure.py", "grading.py"):
        source = (GRADER / "checking" / name).read_text()
        for phrase in ("wrong shape", "expected a", "your function", "hidden case"):
            assert f'"{phrase}' not in source and f"f\"{phrase}" not in source, (name, phrase)
