"""Collecting an LMS download (Canvas file names) with nbgrader's zip_collect."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader.plugins import FileNameCollectorPlugin

from grader import cli
from grader.course import simulate
from grader.course.course import Course
from tests.helpers import PROJECT, copy_course

ASSIGNMENT = Course(PROJECT).assignments()[0]
STUDENTS = simulate.default_class()
LATE = "mistakes_b"
# A Canvas login is the student's name squashed (no underscores); here the simulated ids stand in for it.
CANVAS_USER = {s.id: str(1000 + i) for i, s in enumerate(STUDENTS)}
NOT_A_SUBMISSION = ("Untitled.ipynb", "notes.txt")


def canvas_name(student: str, notebook: str) -> str:
    """Canvas "Download Submissions": <login>_[late_]<user id>_<file id>_<uploaded name>, -1 for a re-upload."""
    if student == LATE:
        return f"{student}_late_{CANVAS_USER[student]}_{int(CANVAS_USER[student]) + 5000}_{Path(notebook).stem}-1.ipynb"
    return f"{student}_{CANVAS_USER[student]}_{int(CANVAS_USER[student]) + 5000}_{notebook}"


def student_notebooks(course: Course) -> dict[str, str]:
    """student id -> the JSON text of the notebook they hand in."""
    source = nbformat.read(course.root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    release = nbformat.read(course.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return {s.id: nbformat.writes(simulate.student_notebook(s, source, release)) for s in STUDENTS}


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Course:
    return copy_course(tmp_path_factory.mktemp("collect") / "course", [ASSIGNMENT])


@pytest.fixture(scope="module")
def canvas_zip(course, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("download") / "submissions.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for student, text in student_notebooks(course).items():
            archive.writestr(canvas_name(student, f"{ASSIGNMENT}.ipynb"), text)
        for name in NOT_A_SUBMISSION:
            archive.writestr(name, "{}")
    return path


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(args))
    return status, out.getvalue(), err.getvalue()


def submitted(course: Course, student: str) -> Path:
    return course.root / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"


@pytest.fixture(scope="module")
def collected(course, canvas_zip):
    """`python -m grader collect <assignment> submissions.zip` once: (status, stdout, stderr)."""
    return run_cli("--course", str(course.root), "collect", ASSIGNMENT, str(canvas_zip))


def test_every_canvas_file_lands_as_the_students_notebook(course, collected):
    status, out, err = collected
    assert status == 0, err
    expected = student_notebooks(course)
    for student in expected:
        assert submitted(course, student).read_text() == expected[student], student
    assert f"collected {len(STUDENTS)} notebooks of {len(STUDENTS)} students" in out


def test_late_and_unmatched_files_are_reported_not_fatal(course, collected):
    _, out, _ = collected
    late_line = next(line for line in out.splitlines() if "late" in line)
    assert late_line.rstrip().endswith(f": {LATE}")
    skipped_line = next(line for line in out.splitlines() if "skipped" in line)
    assert all(name in skipped_line for name in NOT_A_SUBMISSION)
    assert sorted(p.name for p in (course.root / "submitted").iterdir()) == sorted(s.id for s in STUDENTS)


def test_a_collected_submission_grades_as_submitted(course, collected):
    student = next(s for s in STUDENTS if s.id == LATE)
    assert course.autograde(ASSIGNMENT, student.id).ok
    expected = simulate.expected_scores(student, ASSIGNMENT)
    assert course.cell_scores(ASSIGNMENT, student.id) == {f"hidden_{f}": p for f, p in expected.items()}


def test_collecting_again_needs_force(course, canvas_zip, collected):
    status, _, err = run_cli("--course", str(course.root), "collect", ASSIGNMENT, str(canvas_zip))
    assert status == 2 and "--force" in err
    submitted(course, "solution").write_text("{}")
    status, _, err = run_cli("--course", str(course.root), "collect", ASSIGNMENT, str(canvas_zip), "--force")
    assert status == 0, err
    assert submitted(course, "solution").read_text() == student_notebooks(course)["solution"]


def test_an_unzipped_download_folder_collects_the_same(course, canvas_zip, tmp_path):
    fresh = copy_course(tmp_path / "course", [ASSIGNMENT])
    with zipfile.ZipFile(canvas_zip) as archive:
        archive.extractall(tmp_path / "unzipped")
    status, _, err = run_cli("--course", str(fresh.root), "collect", ASSIGNMENT, str(tmp_path / "unzipped"))
    assert status == 0, err
    assert all(submitted(fresh, s.id).is_file() for s in STUDENTS)


def test_plain_nbgrader_zip_collect_uses_the_same_pattern(canvas_zip, tmp_path):
    fresh = copy_course(tmp_path / "course", [ASSIGNMENT])
    archive = fresh.root / "downloaded" / ASSIGNMENT / "archive"
    archive.mkdir(parents=True)
    archive.joinpath(canvas_zip.name).write_bytes(canvas_zip.read_bytes())
    nbgrader = Path(sys.executable).with_name("nbgrader")
    plain = subprocess.run([str(nbgrader), "zip_collect", ASSIGNMENT], cwd=fresh.root, capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    assert sorted(p.name for p in (fresh.root / "submitted").iterdir()) == sorted(s.id for s in STUDENTS)


def test_two_lms_users_with_one_login_are_refused_before_anything_is_copied(course, tmp_path):
    download = tmp_path / "clash"
    download.mkdir()
    for user in ("31", "32"):
        (download / f"smithjo_{user}_9{user}_{ASSIGNMENT}.ipynb").write_text("{}")
    status, _, err = run_cli("--course", str(course.root), "collect", ASSIGNMENT, str(download))
    assert status == 2 and "smithjo" in err and "share the student id" in err
    assert not (course.root / "submitted" / "smithjo").exists()


@pytest.mark.parametrize("name, student, notebook, late", [
    ("doejane_123_456_ps1_unary.ipynb", "doejane", "ps1_unary", None),
    ("doejane_late_123_456_ps1_unary.ipynb", "doejane", "ps1_unary", "late_"),
    ("doejane_LATE_123_456_ps1_unary-2.ipynb", "doejane", "ps1_unary", "LATE_"),
    ("sub/dir/doe_jane_7_8_2024_ps1_unary.ipynb", "doe_jane", "2024_ps1_unary", None),
])
def test_canvas_file_names_give_student_notebook_and_lateness(course, name, student, notebook, late):
    info = FileNameCollectorPlugin(config=course.config).collect(f"/downloads/{name}")
    assert (info["student_id"], info["file_id"], info["late"]) == (student, notebook, late)


@pytest.mark.parametrize("name", ["ps1_unary.ipynb", "doejane_ps1_unary.ipynb", "doejane_123_456_ps1_unary.txt", "doejane_12a_456_x.ipynb"])
def test_other_file_names_do_not_match(course, name):
    assert FileNameCollectorPlugin(config=course.config).collect(f"/downloads/{name}") is None
