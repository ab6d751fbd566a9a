"""grades.csv for the LMS: nbgrader's columns, then one column per contract function.

``PerFunctionCsvExportPlugin`` is an nbgrader export plugin, configured as
``ExportApp.plugin_class`` in nbgrader_config.py, so ``nbgrader export`` and
``python -m grader export`` write the same file.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps.baseapp import NbGrader
from nbgrader.plugins.export import ExportPlugin

from grader.course.gradebook import function_points, graded_functions, in_course_order
from grader.errors import CourseError, UnknownName
from grader.i18n import _
from grader.utils import replaced_atomically

# nbgrader's own CsvExportPlugin columns, kept first and in its order so existing tools still read the file.
NBGRADER_COLUMNS = (
    "assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
    "raw_score", "late_submission_penalty", "score", "max_score",
)

def refuse_unknown(kind: str, asked: Iterable[str], known: Iterable[str]) -> None:
    """nbgrader exports nothing for a misspelt name (``--assignment=[ps1]``): say so instead."""
    known = sorted(known)
    unknown = sorted(set(asked) - set(known))
    if unknown:
        raise UnknownName(f"unknown {kind} {', '.join(map(repr, unknown))}: the gradebook has {', '.join(known) or 'none'}")


def refuse_missing_folder(destination: str) -> None:
    """The file is written beside itself first (atomically): say which folder is missing, not the temporary name."""
    folder = os.path.dirname(os.path.abspath(destination))
    if not os.path.isdir(folder):
        raise CourseError(_("cannot write {path}: the folder does not exist").format(path=destination))


class PerFunctionCsvExportPlugin(ExportPlugin):
    """One row per student and assignment: nbgrader's totals, then points earned per function.

    A function column is empty on rows of an assignment that does not have that
    function; a missing submission scores 0 everywhere, as in nbgrader's CSV.
    """

    def export(self, gradebook: Gradebook) -> None:
        """Write ``self.to``; a CourseError under ``nbgrader export`` ends as nbgrader's own errors do (logged, exit 1)."""
        try:
            self.write(gradebook)
        except CourseError as error:
            if isinstance(self.parent, NbGrader):  # plain `nbgrader export`: its ExportApp would print a traceback
                self.parent.fail(str(error))
            raise

    def write(self, gradebook: Gradebook) -> None:
        asked_assignments, asked_students = list(map(str, self.assignment)), list(map(str, self.student))
        refuse_unknown("assignment", asked_assignments, (a.name for a in gradebook.assignments))
        refuse_unknown("student", asked_students, (s.id for s in gradebook.students))
        assignments = [a for a in gradebook.assignments if not asked_assignments or a.name in asked_assignments]
        students = [s for s in gradebook.students if not asked_students or s.id in asked_students]

        maxima = {a.name: graded_functions(gradebook, a.name) for a in assignments}
        functions = in_course_order(f for per_assignment in maxima.values() for f in per_assignment)
        points = function_points(gradebook)
        destination = self.to or "grades.csv"
        refuse_missing_folder(destination)
        self.log.info("Exporting grades with %d function columns to %s", len(functions), destination)
        with replaced_atomically(destination, newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=[*NBGRADER_COLUMNS, *functions], lineterminator="\n")
            writer.writeheader()
            for assignment in assignments:
                for student in students:
                    row = self.totals_row(gradebook, assignment, student)
                    earned = points.get((student.id, assignment.name), {})
                    row.update({f: earned.get(f, 0.0) for f in maxima[assignment.name]})
                    writer.writerow({key: "" if value is None else str(value) for key, value in row.items()})

    @staticmethod
    def totals_row(gradebook: Gradebook, assignment, student) -> dict:
        """nbgrader's CsvExportPlugin row for one student and assignment."""
        row = {
            "assignment": assignment.name, "duedate": assignment.duedate, "student_id": student.id,
            "last_name": student.last_name, "first_name": student.first_name, "email": student.email,
            "max_score": assignment.max_score,
        }
        try:
            submission = gradebook.find_submission(assignment.name, student.id)
        except MissingEntry:
            return {**row, "timestamp": "", "raw_score": 0.0, "late_submission_penalty": 0.0, "score": 0.0}
        penalty = submission.late_submission_penalty
        return {**row, "timestamp": submission.timestamp, "raw_score": submission.score,
                "late_submission_penalty": penalty, "score": max(0.0, submission.score - penalty)}
