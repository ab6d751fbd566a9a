"""RestoreCells does what nbgrader's OverwriteCells does to the cells a student changed, reading
the assignment's cells once per notebook instead of twice per cell.

Its other work (duplicated, missing, moved cells) is test_integrity's and test_submissions';
here, a notebook whose graded cells are all in place, with the changes nbgrader's own checks
undo: both preprocessors, in memory, on one gradebook, must give the same cells.
"""

from __future__ import annotations

import copy
import shutil

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from nbgrader import api
from nbgrader.api import Gradebook
from nbgrader.preprocessors import OverwriteCells, SaveCells
from nbgrader.utils import compute_checksum

from grader.preprocessors.restore_cells import RestoreCells

ASSIGNMENT, NOTEBOOK = "ps0", "ps0"


def graded_cell(cell, grade_id: str, *, grade=False, solution=False, locked=False, points=None):
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "grade": grade, "solution": solution, "locked": locked,
                                 "task": False, "schema_version": 3, **({"points": points} if points is not None else {})}
    cell.metadata["nbgrader"]["checksum"] = compute_checksum(cell)
    return cell


def assignment_notebook():
    return new_notebook(cells=[
        graded_cell(new_markdown_cell("Derive the Jacobian of f."), "intro", locked=True),
        graded_cell(new_code_cell("def f(x):\n    raise NotImplementedError()"), "f", solution=True),
        graded_cell(new_code_cell("assert f(1) == 1"), "test_f", grade=True, locked=True, points=2),
        graded_cell(new_code_cell("def g(x):\n    raise NotImplementedError()"), "g", solution=True, grade=True, points=1),
    ])


def resources_of(path) -> dict:
    return {"nbgrader": {"db_url": f"sqlite:///{path}", "assignment": ASSIGNMENT, "notebook": NOTEBOOK}}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A gradebook holding the assignment's cells, as nbgrader's generate_assignment saves them
    (made once: nbgrader takes seconds to create a gradebook)."""
    path = tmp_path_factory.mktemp("generated") / "gradebook.db"
    with Gradebook(resources_of(path)["nbgrader"]["db_url"]) as gradebook:
        gradebook.update_or_create_assignment(ASSIGNMENT)
    SaveCells().preprocess(assignment_notebook(), resources_of(path))
    return path


@pytest.fixture
def resources(generated, tmp_path):
    shutil.copy(generated, tmp_path / "gradebook.db")
    return resources_of(tmp_path / "gradebook.db")


def handed_in():
    """The assignment as a student changed it: every change nbgrader's OverwriteCells undoes."""
    nb = assignment_notebook()
    intro, solution, test, answer = nb.cells
    intro.source = "I rewrote the instructions."
    intro.metadata.nbgrader["locked"] = False
    solution.source = "def f(x):\n    return x"
    solution.cell_type = "markdown"  # retyped
    del solution["outputs"], solution["execution_count"]
    test.source = "print('test_f: 2 / 2 points')"  # a locked test rewritten
    test.metadata.nbgrader["points"] = 100
    answer.source = "def g(x):\n    return 2 * x"
    return nb


def run(preprocessor, resources):
    nb, _ = preprocessor.preprocess(copy.deepcopy(handed_in()), copy.deepcopy(resources))
    return [(c.cell_type, c.source, dict(c.metadata.get("nbgrader", {}))) for c in nb.cells]


@pytest.fixture
def lookups(monkeypatch):
    """How often the gradebook is asked for one cell of the assignment (nbgrader's per-cell queries)."""
    asked = []
    for name in ("find_source_cell", "find_graded_cell"):
        original = getattr(api.Gradebook, name)
        monkeypatch.setattr(api.Gradebook, name, lambda self, *a, _o=original, _n=name, **k: asked.append(_n) or _o(self, *a, **k))
    return asked


def test_the_cells_come_back_as_nbgrader_puts_them_back(resources):
    restored = run(RestoreCells(), resources)
    assert restored == run(OverwriteCells(), resources)
    intro, solution, test, answer = restored
    assert intro[1] == "Derive the Jacobian of f." and intro[2]["locked"] is True
    assert solution[0] == "code" and solution[1] == "def f(x):\n    return x"
    assert test[1] == "assert f(1) == 1" and test[2]["points"] == 2
    assert answer[1] == "def g(x):\n    return 2 * x"


def test_the_assignment_is_read_once_per_notebook_not_per_cell(resources, lookups):
    run(OverwriteCells(), resources)
    assert len(lookups) > 4  # nbgrader's: a query or two per graded cell
    lookups.clear()
    run(RestoreCells(), resources)
    assert lookups == []


def test_a_cell_of_a_later_edition_of_the_assignment_is_read_afresh(resources):
    """The rows are read per notebook: an assignment generated again between two notebooks counts."""
    RestoreCells().preprocess(copy.deepcopy(handed_in()), copy.deepcopy(resources))
    changed = assignment_notebook()
    changed.cells[2] = graded_cell(new_code_cell("assert f(2) == 2"), "test_f", grade=True, locked=True, points=3)
    SaveCells().preprocess(changed, copy.deepcopy(resources))
    _, _, test, _ = run(RestoreCells(), resources)
    assert test[1] == "assert f(2) == 2" and test[2]["points"] == 3
