"""The whole term, end to end, on the real nbgrader pipeline: `python -m grader demo`.

One demo run (release, simulated class, autograde, feedback, export) is shared by
the tests below; each asserts one behaviour on its real output files.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grader import cli, commands
from grader.contract import exercises
from grader.course import simulate
from grader.course.course import Course, Outcome
from tests.helpers import copy_course

STUDENTS = {s.id: s for s in simulate.default_class()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Run the demo once into a temporary folder; return (course, printed output, exit status)."""
    target = tmp_path_factory.mktemp("demo") / "course"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = cli.main(["demo", "--dir", str(target)])
    return Course(target), printed.getvalue(), status


def test_demo_runs_a_whole_term_and_prints_the_score_table(demo):
    course, printed, status = demo
    assert status == 0, printed
    assert (course.root / "grades.csv").is_file()
    table = printed[printed.index("student"):]
    for assignment in course.assignments():
        assert assignment in table.splitlines()[0]
    for student in STUDENTS:
        assert any(line.startswith(student) for line in table.splitlines()), student


def test_solution_earns_full_marks_and_blank_earns_zero(demo):
    course, _, _ = demo
    scores = course.scores()
    for assignment in course.assignments():
        score, maximum = scores[("solution", assignment)]
        assert score == maximum == sum(e.points for e in exercises.for_assignment(assignment))
        assert scores[("blank", assignment)] == (0.0, maximum)


@pytest.mark.parametrize("student", ["mistakes_a", "mistakes_b", "mistakes_c", "variants"])
def test_each_answer_costs_exactly_its_functions_points(demo, student):
    """A typical mistake loses its function's points (half for one wrong element of a pair), and
    only those; a correct answer written differently keeps them."""
    course, _, _ = demo
    for assignment in course.assignments():
        cells = course.cell_scores(assignment, student)
        expected = simulate.expected_scores(STUDENTS[student], assignment)
        assert {f"hidden_{name}": points for name, points in expected.items()} == cells


@pytest.mark.parametrize("student", ["mistakes_a", "mistakes_b", "mistakes_c"])
def test_each_mistake_is_named_in_the_autograded_notebook_and_the_feedback(demo, student):
    """The words of each typical mistake's diagnosis reach the student: in the hidden test cell's
    output of the autograded notebook, and in the feedback page generated from it."""
    course, _, _ = demo
    answers = {simulate.ANSWERS[key].function: simulate.ANSWERS[key] for key in STUDENTS[student].answers}
    checked = 0
    for function, answer in answers.items():
        assignment = exercises.get(function).assignment
        nb = nbformat.read(course.root / "autograded" / student / assignment / f"{assignment}.ipynb", as_version=4)
        cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == f"hidden_{function}")
        printed = "".join(o.get("text", "") + "\n".join(o.get("traceback", [])) for o in cell.outputs)
        feedback = html.unescape((course.root / "feedback" / student / assignment / f"{assignment}.html").read_text())
        assert f"{function}:" in printed and f"{function}:" in feedback
        for word in answer.words:
            assert word in printed, (function, word, printed)
            assert word in feedback, (function, word)
        for word in answer.absent:
            assert word not in printed, (function, word, printed)
        checked += bool(answer.words)
    assert checked >= 5


def test_every_function_is_wrong_for_some_student_and_right_for_another(demo):
    course, _, _ = demo
    for exercise in exercises.EXERCISES:
        if exercise.assignment not in course.assignments():
            continue
        earned = [course.cell_scores(exercise.assignment, s)[f"hidden_{exercise.name}"] for s in ("mistakes_a", "mistakes_b")]
        assert min(earned) < exercise.points and max(earned) == exercise.points, exercise.name


def test_feedback_shows_scores_and_diagnoses_but_no_hidden_test_code(demo):
    course, _, _ = demo
    pages = list((course.root / "feedback").glob("*/*/*.html"))
    assert len(pages) == len(STUDENTS) * len(course.assignments())
    for page in pages:
        html = page.read_text()
        for secret in ("BEGIN HIDDEN TESTS", "grade_hidden", "_jacobians_probe", "grader.hidden", "grader.contract.reference"):
            assert secret not in html, (page, secret)
    blank = (course.root / "feedback" / "blank" / "ps1_unary" / "ps1_unary.html").read_text()
    assert "not implemented yet" in blank


def test_export_writes_one_row_per_student_and_assignment(demo):
    course, _, _ = demo
    with open(course.root / "grades.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert {(r["student_id"], r["assignment"]) for r in rows} == {
        (s, a) for s in STUDENTS for a in course.assignments()
    }
    solution = [r for r in rows if r["student_id"] == "solution"]
    assert all(float(r["score"]) == float(r["max_score"]) > 0 for r in solution)


def _nbgrader(root: Path, *args: str) -> subprocess.CompletedProcess:
    nbgrader = Path(sys.executable).with_name("nbgrader")
    return subprocess.run([str(nbgrader), *args], cwd=root, capture_output=True, text=True, timeout=600)


def test_plain_nbgrader_commands_at_the_root_grade_like_the_cli(demo, tmp_path):
    """What instructors know: generate_assignment and autograde run at the course root."""
    course, _, _ = demo
    assignment = course.assignments()[0]
    plain = copy_course(tmp_path / "plain", assignments=[])
    released = _nbgrader(plain.root, "generate_assignment", assignment, "--force")
    assert released.returncode == 0, released.stderr
    for student in STUDENTS:
        shutil.copytree(course.root / "submitted" / student / assignment, plain.root / "submitted" / student / assignment)
    graded = _nbgrader(plain.root, "autograde", assignment, "--create")
    assert graded.returncode == 0, graded.stderr
    for student in STUDENTS:
        assert plain.cell_scores(assignment, student) == course.cell_scores(assignment, student), student


def test_autograded_hidden_cells_keep_the_gradebook_source_not_the_probe(demo):
    course, _, _ = demo
    nb = nbformat.read(course.root / "autograded" / "mistakes_a" / "ps1_unary" / "ps1_unary.ipynb", as_version=4)
    hidden = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("hidden_")]
    assert hidden and all("grade_hidden(" in c.source and "_jacobians_probe" not in c.source for c in hidden)
    assert all(c.metadata["jacobians"]["findings"] for c in hidden)


def test_demo_reruns_from_scratch_in_the_same_folder(demo):
    """Last in this module: it replaces the shared demo course with a one-assignment term."""
    course, _, _ = demo
    first = course.assignments()[0]
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["demo", "--dir", str(course.root), "--assignment", first]) == 0
    rerun = Course(course.root)
    assert {assignment for _, assignment in rerun.scores()} == {first}
    assert rerun.scores()[("solution", first)][0] == sum(e.points for e in exercises.for_assignment(first))


def test_the_step_summary_lists_failures_and_flags_on_graded_submissions(capsys):
    status = commands.say_failures([
        Outcome("ada", "ps1_unary", True),
        Outcome("bob", "ps1_unary", True, flags=("numerical derivative in jacobian_tanh: a step size h",)),
        Outcome("cy", "ps1_unary", False, "the kernel died"),
    ], "autograde")
    printed = capsys.readouterr().out.splitlines()
    assert status == 1
    assert printed == [
        "autograde: 2 of 3 succeeded",
        "  flagged bob/ps1_unary: numerical derivative in jacobian_tanh: a step size h",
        "  FAILED cy/ps1_unary: the kernel died",
    ]
