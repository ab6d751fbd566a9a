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
from grader.course.lab import StudentHome
from tests.helpers import copy_course

ASSIGNMENT = "ps1_unary"
NBGRADER = str(Path(sys.executable).parent / "nbgrader")
# alice answers two functions correctly; bob hands in the release untouched.
ANSWERS = {
    "alice": {
        "jacobian_identity": "def jacobian_identity(x):\n    return np.eye(x.shape[0])\n",
        "jacobian_sigmoid": "def jacobian_sigmoid(z):\n    a = 1.0 / (1.0 + np.exp(-z))\n    return np.diag(a * (1.0 - a))\n",
    },
    "bob": {},
}


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
    """One whole round trip through the exchange; returns (course, {student: home})."""
    root = tmp_path_factory.mktemp("exchange")
    course = copy_course(root / "course", [ASSIGNMENT])
    exchange_root = Path(course.api.exchange_root)
    assert exchange_root == course.root / "exchange"
    _ok(course.api.release_assignment(ASSIGNMENT), "release_assignment")

    homes = {}
    for student, answers in ANSWERS.items():
        home = homes[student] = StudentHome(root / student, student)
        home.root.mkdir()
        home.write_config(course.coursedir.course_id, exchange_root)
        student_runs(home, "fetch_assignment", ASSIGNMENT)
        answer(home.root / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", answers)
        student_runs(home, "submit", ASSIGNMENT)

    _ok(course.api.collect(ASSIGNMENT), "collect")
    for student in ANSWERS:
        outcome = course.autograde(ASSIGNMENT, student)
        assert outcome.ok, outcome.summary()
        outcome = course.feedback(ASSIGNMENT, student)
        assert outcome.ok, outcome.summary()
    _ok(course.api.release_feedback(ASSIGNMENT), "release_feedback")
    for home in homes.values():
        student_runs(home, "fetch_feedback", ASSIGNMENT)
    return course, homes


def test_each_submission_is_collected_under_its_student(term):
    course, _ = term
    assert course.submitted_students(ASSIGNMENT) == sorted(ANSWERS)
    for student, answers in ANSWERS.items():
        submitted = nbformat.read(course.root / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        sources = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in submitted.cells}
        for grade_id, source in answers.items():
            assert sources[grade_id] == source


def test_gradebook_scores_the_answered_functions_only(term):
    course, _ = term
    maximum = sum(e.points for e in exercises.for_assignment(ASSIGNMENT))
    scores = course.scores()
    for student, answers in ANSWERS.items():
        earned = sum(exercises.get(name).points for name in answers)
        assert scores[(student, ASSIGNMENT)] == (earned, maximum), student


def test_each_student_fetches_feedback_with_their_own_score(term):
    course, homes = term
    maximum = sum(e.points for e in exercises.for_assignment(ASSIGNMENT))
    for student, answers in ANSWERS.items():
        pages = list((homes[student].root / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html"))
        assert len(pages) == 1, pages
        html = pages[0].read_text()
        earned = sum(exercises.get(name).points for name in answers)
        # nbgrader's feedback template heads the page with "<h4>ps1_unary (Score: 3.0 / 9.0)</h4>".
        heading = re.search(rf"<h4>{ASSIGNMENT} \(Score: ([\d.]+) / ([\d.]+)\)</h4>", html)
        assert heading, f"{student}: no score heading in {pages[0]}"
        assert (float(heading[1]), float(heading[2])) == (earned, maximum), student
        assert "grade_hidden" not in html and "BEGIN HIDDEN TESTS" not in html
