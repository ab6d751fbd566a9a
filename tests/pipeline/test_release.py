"""source/ is built from notebooks/*.py, release/ from source/; both are committed and must be in sync,
and release/ must hold nothing a student should not see."""

from __future__ import annotations

import inspect
import json

import nbformat
import pytest
from nbclient import NotebookClient

from grader.contract import exercises
from grader.contract import reference
from grader.course.notebooks import build_notebook, render
from tests.helpers import PROJECT, copy_course

ASSIGNMENTS = [a for a in exercises.ASSIGNMENTS if (PROJECT / "notebooks" / f"{a}.py").is_file()]


def _cells(path):
    """A notebook's cells as (id, type, source, nbgrader metadata): what a stale copy would differ in."""
    nb = json.loads(path.read_text())
    return [(c.get("id"), c["cell_type"], "".join(c["source"]), c["metadata"].get("nbgrader")) for c in nb["cells"]]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    return copy_course(tmp_path_factory.mktemp("release"))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_notebook_is_built_from_its_text(assignment):
    built = render(build_notebook(PROJECT / "notebooks" / f"{assignment}.py"))
    committed = (PROJECT / "source" / assignment / f"{assignment}.ipynb").read_text()
    assert built == committed, f"source/{assignment} is stale: run `make release` and commit"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_committed_release_matches_a_fresh_generate_assignment(regenerated, assignment):
    fresh = regenerated.root / "release" / assignment
    committed = PROJECT / "release" / assignment
    assert sorted(p.name for p in committed.iterdir()) == sorted(p.name for p in fresh.iterdir())
    for path in fresh.iterdir():
        assert _cells(committed / path.name) == _cells(path), f"release/{assignment} is stale: run `make release`"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_holds_no_solution_hidden_test_or_reference(assignment):
    folder = PROJECT / "release" / assignment
    assert [p.name for p in folder.iterdir()] == [f"{assignment}.ipynb"]
    text = (folder / f"{assignment}.ipynb").read_text()
    for secret in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "grade_hidden", "grader.hidden", "grader.contract.reference", "import grader"):
        assert secret not in text, secret
    source_cells = {c[0]: c for c in _cells(PROJECT / "source" / assignment / f"{assignment}.ipynb")}
    for cell_id, _, source, meta in _cells(folder / f"{assignment}.ipynb"):
        if meta and meta.get("solution"):
            solution = source_cells[cell_id][2].split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
            for line in filter(str.strip, solution.splitlines()):
                assert line not in source, (cell_id, line)
            assert "NotImplementedError" in source
    for exercise in exercises.for_assignment(assignment):
        body = inspect.getsource(getattr(reference, exercise.name)).split('"""')[-1].strip()
        assert body not in text, exercise.name


def _run_all(path):
    """Execute a notebook top to bottom as JupyterLab's Run All does: stop at the first error not allowed."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _visible_outputs(nb):
    """{function: text of its visible test cell's outputs}."""
    return {
        cell.metadata["nbgrader"]["grade_id"].removeprefix("visible_"): "".join(
            o.get("text", "") + o.get("evalue", "") for o in cell.outputs
        )
        for cell in nb.cells
        if cell.metadata.get("nbgrader", {}).get("grade_id", "").startswith("visible_")
    }


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_visible_test_passes_with_the_solutions(assignment):
    outputs = _visible_outputs(_run_all(PROJECT / "source" / assignment / f"{assignment}.ipynb"))
    assert {e.name for e in exercises.for_assignment(assignment)} <= set(outputs)
    for function, text in outputs.items():
        assert "visible test passed" in text and "Error" not in text, (function, text)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_run_all_on_a_fresh_release_reaches_every_visible_test(assignment):
    """A failing self-check shows its message and Run All goes on (visible cells are tagged raises-exception)."""
    nb = _run_all(PROJECT / "release" / assignment / f"{assignment}.ipynb")
    outputs = _visible_outputs(nb)
    for exercise in exercises.for_assignment(assignment):
        assert "not implemented yet" in outputs[exercise.name], (exercise.name, outputs[exercise.name])


def _training_cell(nb):
    """The last code cell of ps5_window: it trains the classifier and plots the loss."""
    return [cell for cell in nb.cells if cell.cell_type == "code"][-1]


def test_the_window_classifier_solution_trains_to_90_percent_with_its_loss_curve():
    cell = _training_cell(_run_all(PROJECT / "source" / "ps5_window" / "ps5_window.ipynb"))
    printed = "".join(o.get("text", "") for o in cell.outputs)
    accuracy = float(printed.split("test accuracy ")[1].split("%")[0])
    assert accuracy >= 90, printed
    assert any("image/png" in o.get("data", {}) for o in cell.outputs), "no loss curve drawn"
    assert "does not end where" not in printed


def test_the_window_classifier_release_says_what_training_needs_instead_of_failing():
    cell = _training_cell(_run_all(PROJECT / "release" / "ps5_window" / "ps5_window.ipynb"))
    assert "Training needs" in "".join(o.get("text", "") for o in cell.outputs)
