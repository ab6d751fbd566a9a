"""The package's layers (README "Architecture"): an import never points from a lower layer to a higher one.

Read from the source with ``ast`` (imports inside functions count too), so the test needs
no module to be importable.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "grader"
# Lowest first. errors.py is shared by every layer; i18n (gettext, the course language) by every layer above it; utils.py (predicates on nbgrader cells) looks
# exercises up in the contract, so it comes right after it; hidden.py composes probe and checking.
LAYERS = ("base", "i18n", "contract", "utils", "probe", "checking", "hidden", "integrity", "sandbox", "preprocessors", "course",
          "autograde", "report", "cli")
MODULE_LAYERS = {"grader": "base", "grader.errors": "base", "grader.utils": "utils", "grader.hidden": "hidden",
                 "grader.cli": "cli", "grader.commands": "cli", "grader.__main__": "cli"}
PURE = ("contract", "probe", "checking")
FRAMEWORKS = ("nbgrader", "nbformat", "traitlets", "nbconvert", "nbclient", "jupyter_client")


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    if module in MODULE_LAYERS:
        return MODULE_LAYERS[module]
    package = module.split(".")[1]
    if package not in LAYERS:
        raise AssertionError(f"{module} belongs to no layer: add it to LAYERS or MODULE_LAYERS")
    return package


def imports(path: Path, root: Path = PACKAGE) -> set[str]:
    """Every module ``path`` imports (absolute names; relative imports resolved)."""
    found = set()
    package = module_name(path, root).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path, root)
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}  # `from grader.x import module`
    return found


def grader_imports(path: Path, root: Path = PACKAGE) -> set[str]:
    """The modules of the package at ``root`` that ``path`` imports."""
    known = {module_name(p, root) for p in root.rglob("*.py")}
    return {name for name in imports(path, root) if name in known}


def upward(path: Path, root: Path = PACKAGE) -> dict[str, str]:
    """module -> layer, for each import of ``path`` from a layer above its own."""
    mine = LAYERS.index(layer_of(module_name(path, root)))
    return {name: layer_of(name) for name in grader_imports(path, root) if LAYERS.index(layer_of(name)) > mine}


SOURCES = sorted(PACKAGE.rglob("*.py"))
# Upward imports still to remove, each with its reason; strict: the test fails once one is gone, to drop it here.
KNOWN_UPWARD: dict[str, str] = {}


def _case(path: Path):
    name = str(path.relative_to(PACKAGE))
    known = KNOWN_UPWARD.get(name)
    return pytest.param(path, id=name, marks=[pytest.mark.xfail(reason=known, strict=True)] if known else [])


@pytest.mark.parametrize("path", [_case(p) for p in SOURCES])
def test_no_import_points_up(path):
    assert upward(path) == {}, f"{module_name(path)} imports higher layers"


@pytest.mark.parametrize("path", [p for p in SOURCES if layer_of(module_name(p)) in PURE],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_pure_layers_import_no_notebook_framework(path):
    frameworks = {name for name in imports(path) if name.split(".")[0] in FRAMEWORKS}
    assert frameworks == set()


def test_the_launcher_imports_nothing_from_the_package():
    """It runs where the course's files are about to disappear."""
    assert grader_imports(PACKAGE / "sandbox" / "launcher.py") == set()


def test_the_report_reads_the_gradebook_without_the_export_plugin():
    assert "grader.course.export" not in grader_imports(PACKAGE / "report" / "report.py")


def test_the_rule_sees_an_upward_import_even_inside_a_function(tmp_path):
    root = tmp_path / "grader"
    for folder in ("checking", "course"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "course" / "course.py").write_text("")
    (root / "checking" / "checks.py").write_text("def late():\n    from ..course import course\n")
    assert upward(root / "checking" / "checks.py", root) == {"grader.course": "course", "grader.course.course": "course"}


def test_the_message_text_lives_only_in_the_table():
    """No detection module builds a sentence: they name a message of grader.checking.messages."""
    for name in ("checks.py", "shape_diagnoses.py", "value_diagnoses.py", "structure.py", "grading.py"):
        source = (PACKAGE / "checking" / name).read_text()
        for phrase in ("wrong shape", "expected a", "your function", "hidden case"):
            assert f'"{phrase}' not in source and f"f\"{phrase}" not in source, (name, phrase)
