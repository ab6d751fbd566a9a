"""The shared-server flow on one machine, through the course's own exchange folder.

Instructor: release_assignment, collect, autograde, generate_feedback, release_feedback, through
nbgrader's API in this process (each nbgrader command costs seconds). Students: fetch_assignment,
submit and fetch_feedback as nbgrader commands, each in their home with their own config
(grader/course/lab.py), the way a student runs them in a terminal. Two students share the OS account, so
only their config tells them apart.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grader.contract import exercises
from grader.course.course import Course
from grader.course.lab import StudentHome
from grader.course.simulate import solution_notebook
from tests.helpers import PROJECT, copy_course

ASSIGNMENTS = Course(PROJECT).assignments()
NBGRADER = str(Path(sys.executable).parent / "nbgrader")


def _first_solutions() -> dict[str, dict[str, str]]:
    """assignment -> {first function: the instructor's solution cell, markers dropped}."""
    answers = {}
    for assignment in ASSIGNMENTS:
        source = nbformat.read(PROJECT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
        first = exercises.for_assignment(assignment)[0].name
        cell = next(c for c in solution_notebook(source).cells if c.metadata.get("nbgrader", {}).get("grade_id") == first)
        answers[assignment] = {first: cell.source}
    return answers


# In every assignment, alice answers the first function correctly; bob hands in the release untouched.
ANSWERS = {"alice": _first_solutions(), "bob": {assignment: {} for assignment in ASSIGNMENTS}}


def _ok(result: dict, step: str) -> None:
    assert result["success"], f"{step} failed:\n{result.get('log', '')}{result.get('error', '')}"


def student_runs(home: StudentHome, *args: str) -> str:
    """``nbgrader <args>`` as the student: in their home, with their Jupyter config dir."""
    done = subprocess.run([NBGRADER, *args], cwd=home.root, env=home.env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} as {home.student_id} failed:\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def answer(notebook_path: Path, answers: dict[str, str]) -> None:
    """Replace the solution cells named in ``answers`` (by grade id), as the student's editor would."""
    notebook = nbformat.read(notebook_path, as_version=4)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    nbformat.write(notebook, notebook_path)


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    """One whole round trip through the exchange, for every assignment; returns (course, {student: home})."""
    root = tmp_path_factory.mktemp("exchange")
    course = copy_course(root / "course", ASSIGNMENTS)
    exchange_root = Path(course.api.exchange_root)
    assert exchange_root == course.root / "exchange"
    for assignment in ASSIGNMENTS:
        _ok(course.api.release_assignment(assignment), f"release_assignment {assignment}")

    homes = {}
    for student, answers in ANSWERS.items():
        home = homes[student] = StudentHome(root / student, student)
        home.root.mkdir()
        home.write_config(course.coursedir.course_id, exchange_root)
        for assignment in ASSIGNMENTS:
            student_runs(home, "fetch_assignment", assignment)
            answer(home.root / assignment / f"{assignment}.ipynb", answers[assignment])
            student_runs(home, "submit", assignment)

    for assignment in ASSIGNMENTS:
        _ok(course.api.collect(assignment), f"collect {assignment}")
        for student in ANSWERS:
            outcome = course.autograde(assignment, student)
            assert outcome.ok, outcome.summary()
            outcome = course.feedback(assignment, student)
            assert outcome.ok, outcome.summary()
        _ok(course.api.release_feedback(assignment), f"release_feedback {assignment}")
        for home in homes.values():
            student_runs(home, "fetch_feedback", assignment)
    return course, homes


def test_every_assignment_is_released_through_the_exchange():
    assert len(ASSIGNMENTS) == 5 and ASSIGNMENTS[-1] == "ps5_window"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_submission_is_collected_under_its_student(term, assignment):
    course, _ = term
    assert course.submitted_students(assignment) == sorted(ANSWERS)
    for student, answers in ANSWERS.items():
        submitted = nbformat.read(course.root / "submitted" / student / assignment / f"{assignment}.ipynb", as_version=4)
        sources = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in submitted.cells}
        for grade_id, source in answers[assignment].items():
            assert sources[grade_id] == source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_gradebook_scores_the_answered_functions_only(term, assignment):
    course, _ = term
    maximum = sum(e.points for e in exercises.for_assignment(assignment))
    scores = course.scores()
    for student, answers in ANSWERS.items():
        earned = sum(exercises.get(name).points for name in answers[assignment])
        assert scores[(student, assignment)] == (earned, maximum), student


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_student_fetches_feedback_with_their_own_score(term, assignment):
    course, homes = term
    maximum = sum(e.points for e in exercises.for_assignment(assignment))
    for student, answers in ANSWERS.items():
        pages = list((homes[student].root / assignment / "feedback").glob(f"*/{assignment}.html"))
        assert len(pages) == 1, pages
        html = pages[0].read_text()
        earned = sum(exercises.get(name).points for name in answers[assignment])
        # The course's feedback template heads the page with "<h4>ps1_unary: 3 / 9 points</h4>".
        heading = re.search(rf"<h4>{assignment}: ([\d.]+) / ([\d.]+) points</h4>", html)
        assert heading, f"{student}: no score heading in {pages[0]}"
        assert (float(heading[1]), float(heading[2])) == (earned, maximum), student
        assert "grade_hidden" not in html and "BEGIN HIDDEN TESTS" not in html
