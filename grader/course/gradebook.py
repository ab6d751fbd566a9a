"""Queries of the gradebook the course's outputs share: the export plugin, the report.

Points per contract function come from the hidden test cells (grade_id ``hidden_<function>``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nbgrader.api import Assignment, Gradebook, Grade, GradeCell, SubmittedAssignment, SubmittedNotebook

from grader.contract import exercises
from grader.utils import HIDDEN_PREFIX

COURSE_ORDER = {exercise.name: index for index, exercise in enumerate(exercises.EXERCISES)}


def in_course_order(functions: Iterable[str]) -> list[str]:
    """Contract functions in the order of the contract; any others after them, by name."""
    return sorted(set(functions), key=lambda name: (COURSE_ORDER.get(name, len(COURSE_ORDER)), name))


def graded_functions(gradebook: Gradebook, assignment: str) -> dict[str, float]:
    """function -> max points, for each hidden test cell of ``assignment``, in course order."""
    cells = (
        gradebook.db.query(GradeCell.name, GradeCell.max_score)
        .join(GradeCell.notebook).join(Assignment)
        .filter(Assignment.name == assignment, GradeCell.name.startswith(HIDDEN_PREFIX))
    )
    maxima = {name[len(HIDDEN_PREFIX):]: float(max_score) for name, max_score in cells}
    return {function: maxima[function] for function in in_course_order(maxima)}


def function_points(gradebook: Gradebook) -> dict[tuple[str, str], dict[str, float]]:
    """(student, assignment) -> {function: points earned} from every graded hidden test cell.

    Points are the gradebook's: a manual grade wins over the autograder's, before any late penalty.
    """
    rows = (
        gradebook.db.query(SubmittedAssignment.student_id, Assignment.name, GradeCell.name, Grade.score)
        .select_from(Grade)
        .join(GradeCell, Grade.cell_id == GradeCell.id)
        .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
        .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
        .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
        .filter(GradeCell.name.startswith(HIDDEN_PREFIX))
    )
    table: dict[tuple[str, str], dict[str, float]] = {}
    for student, assignment, cell, score in rows:
        table.setdefault((student, assignment), {})[cell[len(HIDDEN_PREFIX):]] = float(score)
    return table


@dataclass(frozen=True)
class SubmissionTotals:
    """One graded submission as the gradebook holds it."""

    student: str
    score: float  # after the late penalty, as in grades.csv
    late_penalty: float
    points: dict[str, float]  # function -> points earned (manual grades win)


@dataclass(frozen=True)
class AssignmentTotals:
    """An assignment of the gradebook with its graded submissions, by student id."""

    name: str
    max_score: float
    max_points: dict[str, float]  # function -> max points, in course order
    submissions: list[SubmissionTotals]


def assignment_totals(db_url: str, course_id: str) -> list[AssignmentTotals]:
    """Every assignment of the gradebook at ``db_url`` (in the gradebook's order), with its submissions."""
    with Gradebook(db_url, course_id) as gradebook:
        points = function_points(gradebook)
        return [
            AssignmentTotals(assignment.name, assignment.max_score, graded_functions(gradebook, assignment.name), [
                SubmissionTotals(s.student_id, max(0.0, s.score - s.late_submission_penalty), s.late_submission_penalty,
                                 points.get((s.student_id, assignment.name), {}))
                for s in sorted(assignment.submissions, key=lambda s: s.student_id)
            ])
            for assignment in gradebook.assignments
        ]
