"""A simulated class graded once per test session, shared by the export and report tests.

Grading is the slow part (a kernel per notebook), so the modules that only read the
results share one copy: ``graded_class(tmp_path_factory)`` grades it on first use.
"""

from __future__ import annotations

import functools
from pathlib import Path

from grader.course import simulate
from grader.course.course import Course
from tests.helpers import PROJECT, copy_course

# The demo's class, plus a second student making mistakes_a's mistakes, so each of them is counted twice.
REPEATED = "mistakes_a"
STUDENTS = [*simulate.default_class(), simulate.Student("repeats_a", next(s for s in simulate.default_class() if s.id == REPEATED).answers)]
# Two assignments (only these are released and graded): a course page over several, at seconds per notebook;
# the first and the last, so the capstone's triples and its mistakes reach the report and the export.
ASSIGNMENTS = [Course(PROJECT).assignments()[0], Course(PROJECT).assignments()[-1]]


def graded_class(tmp_path_factory) -> Course:
    return _grade_once(Path(tmp_path_factory.getbasetemp()) / "graded_class")


@functools.cache
def _grade_once(root: Path) -> Course:
    course = copy_course(root, ASSIGNMENTS)
    simulate.write_submissions(root, STUDENTS, ASSIGNMENTS)
    for assignment in ASSIGNMENTS:
        for student in STUDENTS:
            outcome = course.autograde(assignment, student.id)
            assert outcome.ok, outcome.summary()
    return course
