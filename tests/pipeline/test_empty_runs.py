"""Runs with nothing to do, or a misspelt student, say so plainly and record nothing."""

from __future__ import annotations

import csv

import pytest
from nbgrader.api import Gradebook

from grader import cli
from grader.contract import exercises
from grader.report.report import course_rows, read_class
from tests.helpers import copy_course

PS1, PS2 = "ps1_unary", "ps2_binary"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return copy_course(tmp_path_factory.mktemp("empty") / "course", [PS1])


def run(course, capsys, *args: str) -> tuple[int, str, str]:
    status = cli.main(["--course", str(course.root), *args])
    out, err = capsys.readouterr()
    return status, out, err


def gradebook_students(course) -> list[str]:
    with Gradebook(course.db_url, course.coursedir.course_id) as gradebook:
        return [s.id for s in gradebook.students]


def test_autograde_of_a_student_without_a_folder_is_an_error_and_records_nobody(course, capsys):
    status, _, err = run(course, capsys, "autograde", PS1, "--student", "ghost")
    assert (status, err) == (2, f"error: no submission folder submitted/ghost/{PS1}: check the student id\n")
    assert gradebook_students(course) == []


def test_autograde_with_no_submissions_says_where_they_go(course, capsys):
    status, out, _ = run(course, capsys, "autograde", PS1)
    assert status == 0
    assert out == (f"autograde: no submissions of {PS1} in submitted/ "
                   f"(put each student's notebook in submitted/<student>/{PS1}/)\n")


def test_feedback_with_nothing_autograded_says_to_autograde_first(course, capsys):
    status, out, _ = run(course, capsys, "feedback", PS1)
    assert status == 0
    assert out == f"feedback: no autograded submissions of {PS1} (run `python -m grader autograde {PS1}` first)\n"


def test_scores_and_report_with_nothing_graded_say_the_same(course, capsys):
    expected = f"error: nothing graded yet in {course.root}: run autograde first\n"
    assert run(course, capsys, "scores")[::2] == (2, expected)
    assert run(course, capsys, "report")[::2] == (2, expected)


def test_an_assignment_nobody_submitted_counts_in_every_total(tmp_path, capsys):
    """scores, grades.csv and the report agree on the course's maximum: missing work is 0 of its maximum."""
    course = copy_course(tmp_path / "course", [PS1, PS2])
    (course.root / "submitted" / "ann" / PS1).mkdir(parents=True)  # an empty folder: graded 0, no kernel
    assert run(course, capsys, "autograde", PS1)[0] == 1
    maximum = sum(e.points for a in (PS1, PS2) for e in exercises.for_assignment(a))
    assert run(course, capsys, "scores")[1].splitlines()[-1].split()[-3:] == ["0", "/", f"{maximum:g}"]
    with open(course.export(tmp_path / "grades.csv"), encoding="utf-8", newline="") as stream:
        assert sum(float(r["max_score"]) for r in csv.DictReader(stream)) == maximum
    assert run(course, capsys, "autograde", "--student", "ann", "--force")[0] == 1  # every assignment: ann's ps1 only
    with Gradebook(course.db_url, course.coursedir.course_id) as gradebook:
        assert [(s.assignment.name, s.student.id) for s in gradebook.assignment_submissions(PS2)] == []
    [row] = course_rows(read_class(course))
    assert (row.scores, row.total) == ({PS1: 0.0, PS2: None}, 0.0)
    status, out, _ = run(course, capsys, "report")
    page = (course.root / "reports" / "index.html").read_text(encoding="utf-8")
    assert status == 0 and f"maximum {maximum:g} points" in page and "1 of 2 assignments graded" in page
