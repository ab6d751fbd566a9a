"""A term in Korean on the real pipeline (release, simulated class, autograde, feedback, export, report):
the same grades as in English on the same submissions, and the feedback in Korean."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import re
from pathlib import Path

import nbformat
import pytest

from grader import cli
from grader.contract import exercises
from grader.course import simulate
from grader.course.course import Course
from grader.course.notebooks import language_of
from grader.i18n import ENV_VAR
from grader.i18n.notebooks import translation_path
from tests.helpers import PROJECT

# The assignments translated so far (all of them once every notebook is; a missing one fails test_i18n).
ASSIGNMENTS = [a for a in Course(PROJECT).assignments() if translation_path(PROJECT / "notebooks" / f"{a}.py", "ko").is_file()][:2]
HANGUL = re.compile("[\uac00-\ud7a3]")


def _term(root, language: str, monkeypatch) -> tuple[Course, str]:
    """The demo's whole term in ``language``; the course and what the CLI printed."""
    monkeypatch.setenv(ENV_VAR, language)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = cli.main(["demo", "--dir", str(root), *[arg for a in ASSIGNMENTS for arg in ("--assignment", a)]])
    assert status == 0, printed.getvalue()
    return Course(root), printed.getvalue()


@pytest.fixture(scope="module")
def terms(tmp_path_factory):
    if not ASSIGNMENTS:
        pytest.fail("no notebook has a Korean translation (notebooks/ko/)")
    with pytest.MonkeyPatch.context() as monkeypatch:
        english = _term(tmp_path_factory.mktemp("en") / "course", "en", monkeypatch)
        korean = _term(tmp_path_factory.mktemp("ko") / "course", "ko", monkeypatch)
    return english, korean


def _rows(course: Course) -> list[dict]:
    with (course.root / "grades.csv").open(encoding="utf-8") as handle:
        return sorted(csv.DictReader(handle), key=lambda r: (r["assignment"], r["student_id"]))


def test_korean_term_grades_exactly_like_the_english_term(terms):
    (english, _), (korean, _) = terms
    assert _rows(korean) == _rows(english)
    for assignment in ASSIGNMENTS:
        for student in simulate.default_class():
            assert korean.cell_scores(assignment, student.id) == english.cell_scores(assignment, student.id)


def test_korean_term_releases_korean_notebooks_and_speaks_korean(terms):
    (_, english_printed), (korean, printed) = terms
    for assignment in ASSIGNMENTS:
        nb = nbformat.read(korean.root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
        assert language_of(nb) == "ko"
        assert HANGUL.search(nb.cells[0].source), nb.cells[0].source[:200]
    assert "자동 채점" in printed and "학생" in printed and not HANGUL.search(english_printed)


def _hidden_outputs(course: Course, student: str, assignment: str) -> dict[str, str]:
    """grade_id -> the text of the hidden test cell's verdict in the autograded notebook."""
    nb = nbformat.read(course.root / "autograded" / student / assignment / f"{assignment}.ipynb", as_version=4)
    return {
        c.metadata.nbgrader.grade_id: "".join(o.get("text", "") + "\n".join(o.get("traceback", [])) for o in c.outputs)
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade", False)
    }


@pytest.mark.parametrize("student", ["mistakes_a", "mistakes_b"])
def test_each_typical_mistake_is_diagnosed_in_korean(terms, student):
    """Where a typical mistake costs points, its verdict is Korean (and differs from the English one)."""
    (english, _), (korean, _) = terms
    checked = 0
    for key in next(s for s in simulate.default_class() if s.id == student).answers:
        answer = simulate.ANSWERS[key]
        assignment = exercises.get(answer.function).assignment
        if assignment not in ASSIGNMENTS or not answer.lost_points:
            continue
        grade_id = f"hidden_{answer.function}"
        ko, en = _hidden_outputs(korean, student, assignment)[grade_id], _hidden_outputs(english, student, assignment)[grade_id]
        assert HANGUL.search(ko) and ko != en, (answer.function, ko)
        feedback = html.unescape((korean.root / "feedback" / student / assignment / f"{assignment}.html").read_text(encoding="utf-8"))
        assert ko.splitlines()[0].strip() in feedback or HANGUL.search(feedback)
        checked += 1
    assert checked >= 3


def test_korean_report_pages_and_plots(terms):
    (_, _), (korean, _) = terms
    page = (korean.root / "reports" / "index.html").read_text(encoding="utf-8")
    assert "과목 채점 보고서" in page and "함수별 점수와 통과율" in page and '<html lang="ko">' in page
    assignment_page = (korean.root / "reports" / f"{ASSIGNMENTS[0]}.html").read_text(encoding="utf-8")
    assert "가장 흔한 실수" in assignment_page and "Most frequent mistakes" not in assignment_page
    assert all((korean.root / "reports" / f"{a}-histogram.png").stat().st_size > 0 for a in ASSIGNMENTS)


def test_an_exchange_student_in_the_roster_reads_english_feedback_in_the_korean_term(terms):
    """roster.csv names a student's own language: their verdicts and feedback page are English,
    their grade unchanged. (Last in the module: it regrades one submission of the Korean term.)"""
    (english, _), (korean, _) = terms
    student, assignment = "mistakes_a", ASSIGNMENTS[0]
    (korean.root / "roster.csv").write_text(f"student_id,language\n{student},en\n", encoding="utf-8")
    before = korean.cell_scores(assignment, student)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv(ENV_VAR, "ko")
        assert cli.main(["--course", str(korean.root), "autograde", assignment, "--student", student, "--force"]) == 0, printed.getvalue()
        assert cli.main(["--course", str(korean.root), "feedback", assignment]) == 0, printed.getvalue()
    assert korean.cell_scores(assignment, student) == before
    assert _hidden_outputs(korean, student, assignment) == _hidden_outputs(english, student, assignment)
    page = (korean.root / "feedback" / student / assignment / f"{assignment}.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    other = (korean.root / "feedback" / "mistakes_b" / assignment / f"{assignment}.html").read_text(encoding="utf-8")
    assert '<html lang="ko">' in other


def test_make_lab_in_korean_opens_a_copy_of_the_course_released_in_korean(tmp_path, monkeypatch):
    """`make lab COURSE_LANGUAGE=ko`: the committed release/ is English, so the lab runs on
    <course>/.lab/course-ko, released there in Korean (JupyterLab itself is not started here)."""
    started = {}
    monkeypatch.setattr("grader.course.lab.start_lab", lambda **kwargs: started.update(kwargs) or 0)
    monkeypatch.setenv(ENV_VAR, "ko")
    (tmp_path / "nbgrader_config.py").write_text((PROJECT / "nbgrader_config.py").read_text())
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["--course", str(tmp_path), "lab", "--student", "kim"]) == 0
    copy = tmp_path / ".lab" / "course-ko"
    assert Path(started["course"]) == copy and started["student"] == "kim"
    for assignment in Course(copy).assignments():
        assert language_of(nbformat.read(copy / "release" / assignment / f"{assignment}.ipynb", as_version=4)) == "ko"


def test_plain_nbgrader_commands_follow_the_course_language(terms, tmp_path):
    """JACOBIANS_LANGUAGE=ko nbgrader generate_assignment / autograde / generate_feedback at the root:
    a Korean release from the English source/, Korean verdicts and feedback, the Korean term's grades."""
    import os
    import shutil
    import subprocess
    import sys

    from tests.helpers import copy_course

    (_, _), (korean, _) = terms
    student, assignment = "mistakes_b", ASSIGNMENTS[0]
    plain = copy_course(tmp_path / "plain", assignments=[])
    nbgrader = Path(sys.executable).with_name("nbgrader")
    environment = {**os.environ, ENV_VAR: "ko", "PATH": f"{nbgrader.parent}{os.pathsep}{os.environ.get('PATH', '')}"}

    def run(*args):
        done = subprocess.run([str(nbgrader), *args], cwd=plain.root, env=environment, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]

    run("generate_assignment", assignment, "--force")
    released = nbformat.read(plain.root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    assert language_of(released) == "ko" and HANGUL.search(released.cells[0].source)
    shutil.copytree(korean.root / "submitted" / student / assignment, plain.root / "submitted" / student / assignment)
    run("autograde", assignment, "--create", "--student", student)
    run("generate_feedback", assignment, "--student", student)
    assert plain.cell_scores(assignment, student) == korean.cell_scores(assignment, student)
    assert _hidden_outputs(plain, student, assignment) == _hidden_outputs(korean, student, assignment)
    page = (plain.root / "feedback" / student / assignment / f"{assignment}.html").read_text(encoding="utf-8")
    assert '<html lang="ko">' in page and "비공개 테스트" in page


@pytest.mark.parametrize("student", ["solution", "mistakes_a", "mistakes_b", "variants"])
def test_a_submission_released_in_korean_grades_the_same_in_the_english_course(terms, student):
    """A student who worked in the Korean notebook, graded by the English course: the same points
    per cell (code, grade ids and metadata agree; the Korean texts are replaced by the gradebook's)."""
    import shutil

    (english, _), (korean, _) = terms
    assignment = ASSIGNMENTS[-1]
    expected = english.cell_scores(assignment, student)
    target = english.root / "submitted" / student / assignment
    shutil.rmtree(target)
    shutil.copytree(korean.root / "submitted" / student / assignment, target)
    outcome = english.autograde(assignment, student)
    assert outcome.ok, outcome.summary()
    assert english.cell_scores(assignment, student) == expected
