"""Shared predicates on nbgrader cells (nbgrader's own ``is_grade``, ``is_solution`` ... underneath).

How the course marks a hidden test cell: an autograded code cell with grade_id ``hidden_<function>``.
"""

from __future__ import annotations

from nbgrader.utils import is_grade

from grader.contract import exercises
from grader.contract.exercises import Exercise

HIDDEN_PREFIX = "hidden_"


def grade_id_of(cell) -> str | None:
    """The nbgrader grade_id of a cell (None for a cell nbgrader does not know)."""
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def exercise_of(cell) -> Exercise | None:
    """The exercise a hidden test cell grades, or None for any other cell."""
    grade_id = grade_id_of(cell) or ""
    if cell.cell_type != "code" or not is_grade(cell) or not grade_id.startswith(HIDDEN_PREFIX):
        return None
    return exercises.BY_NAME.get(grade_id[len(HIDDEN_PREFIX):])
