"""ValidateCellMetadata accepts and refuses exactly what nbgrader's CheckCellMetadata does."""

from __future__ import annotations

import copy

import nbformat
import pytest
from nbgrader.nbgraderformat import ValidationError
from nbgrader.preprocessors import CheckCellMetadata

from grader.preprocessors.validate_cell_metadata import ValidateCellMetadata
from tests.helpers import PROJECT

SOURCE = nbformat.read(PROJECT / "source" / "ps1_unary" / "ps1_unary.ipynb", as_version=4)


def _graded_cell(nb):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))


def _set(key, value):
    def change(nb):
        _graded_cell(nb).metadata.nbgrader[key] = value
    return change


def _drop(key):
    def change(nb):
        del _graded_cell(nb).metadata.nbgrader[key]
    return change


def _duplicate_grade_id(nb):
    cells = [c for c in nb.cells if "nbgrader" in c.metadata]
    cells[1].metadata.nbgrader["grade_id"] = cells[0].metadata.nbgrader["grade_id"]


CHANGES = {
    "unchanged": lambda nb: None,
    "points as text": _set("points", "two"),
    "grade as text": _set("grade", "yes"),
    "no points": _drop("points"),
    "no grade id": _drop("grade_id"),
    "empty grade id": _set("grade_id", ""),
    "schema too old": _set("schema_version", 1),
    "schema too new": _set("schema_version", 99),
    "duplicate grade id": _duplicate_grade_id,
}


def _outcome(preprocessor, nb):
    try:
        preprocessor.preprocess(copy.deepcopy(nb), {})
    except ValidationError as error:
        return ("ValidationError", str(error))
    except Exception as error:  # noqa: BLE001 - the type and text are what is compared
        return (type(error).__name__, str(error))
    return ("valid", "")


@pytest.mark.parametrize("change", list(CHANGES))
def test_the_same_verdict_as_nbgraders_own_check(change):
    nb = copy.deepcopy(SOURCE)
    CHANGES[change](nb)
    ours, theirs = _outcome(ValidateCellMetadata(), nb), _outcome(CheckCellMetadata(), nb)
    assert ours == theirs
    assert (ours[0] == "valid") == (change == "unchanged")
