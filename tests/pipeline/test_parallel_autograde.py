"""Parallel autograde (grader.autograde.parallel): the same grades as plain nbgrader, on local workers and on Dask."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.helpers import PROJECT, copy_course
from grader import cli
from grader.autograde import grading_process, parallel
from grader.course import simulate
from grader.course.course import Course
from grader.autograde.kernel_forks import close_template

BROKEN = "broken"  # hands in an invalid JSON file for the first assignment


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> tuple[Path, list[str]]:
    """A released course (two assignments: the first and the capstone) with a small class's submissions, graded by nobody yet."""
    root = tmp_path_factory.mktemp("parallel") / "released"
    every = Course(PROJECT).assignments()
    assignments = [every[0], every[-1]]
    course = copy_course(root, assignments)
    students = [s for s in simulate.default_class() if s.id in ("solution", "blank", "mistakes_a")]
    simulate.write_submissions(course.root, students + [simulate.Student(BROKEN)], assignments)
    (course.root / "submitted" / BROKEN / assignments[0] / f"{assignments[0]}.ipynb").write_text("{ this is not json")
    return root, assignments


def course_copy(released, name: str) -> Course:
    root, _ = released
    shutil.copytree(root, root.parent / name)
    return Course(root.parent / name)


def gradebook(course: Course, assignments: list[str]) -> dict[tuple[str, str], dict[str, float]]:
    """(student, assignment) -> grade_id -> points, for every submission nbgrader graded."""
    graded = {key for key in course.scores()}
    return {(s, a): course.cell_scores(a, s) for a in assignments for s in course.submitted_students(a)
            if (s, a) in graded and (course.root / "autograded" / s / a).is_dir()}


@pytest.fixture(scope="module")
def plain(released) -> Course:
    """The class graded as instructors run nbgrader: one ``nbgrader autograde <assignment>`` each."""
    course = course_copy(released, "plain")
    nbgrader = str(Path(sys.executable).with_name("nbgrader"))
    for assignment in released[1]:
        # Exits non-zero because of the broken submission; the others are graded all the same.
        subprocess.run([nbgrader, "autograde", assignment], cwd=course.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return course


@pytest.fixture(scope="module")
def local(released) -> tuple[Course, list[grading_process.Graded]]:
    course = course_copy(released, "local")
    graded, _ = parallel.autograde_class(course, released[1], workers=2, progress=None)
    return course, graded


def test_grades_equal_plain_nbgrader(released, plain, local):
    assignments = released[1]
    expected = gradebook(plain, assignments)
    assert len(expected) == 4 * len(assignments) - 1  # every submission but the invalid file
    assert gradebook(local[0], assignments) == expected
    # The class is not all full marks or all zero: the comparison means something.
    assert len({sum(cells.values()) for cells in expected.values()}) > 2


def test_a_broken_submission_fails_alone_with_its_reason(released, local):
    first = released[1][0]
    failed = [g.outcome for g in local[1] if not g.outcome.ok]
    assert [(o.student, o.assignment) for o in failed] == [(BROKEN, first)]
    assert "JSON" in failed[0].error, failed[0].error
    assert all(g.outcome.ok for g in local[1] if g.outcome != failed[0])
    assert len(local[1]) == 4 * len(released[1])


def test_never_two_grading_processes_on_one_student_at_once(local):
    by_student: dict[str, list[grading_process.Graded]] = {}
    for graded in local[1]:
        by_student.setdefault(graded.outcome.student, []).append(graded)
    assert len({g.worker for g in local[1]}) == 2  # the class was spread over both workers
    for student, submissions in by_student.items():
        # Whichever process grades each of a student's submissions, their gradings do not overlap.
        spans = sorted((g.started, g.started + g.seconds) for g in submissions)
        assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:])), student


def test_already_graded_is_skipped_unless_forced(released, local):
    course, assignments = local[0], released[1]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.main(["--course", str(course.root), "autograde", "--workers", "2"])
    # Only the failed submission (its autograded folder was removed) is tried again, and listed again.
    assert status == 1
    assert f"{4 * len(assignments) - 1} already graded, skipped" in out.getvalue()
    assert f"FAILED {BROKEN}/{assignments[0]}:" in out.getvalue()
    before = (course.root / "autograded" / "solution" / assignments[0]).stat().st_mtime_ns
    graded, plan = parallel.autograde_class(course, assignments, ["solution"], force=True, workers=1, progress=None)
    assert [(g.outcome.student, g.outcome.ok) for g in graded] == [("solution", True)] * len(assignments)
    assert not plan.skipped
    assert (course.root / "autograded" / "solution" / assignments[0]).stat().st_mtime_ns > before


def test_dask_cluster_grades_like_local_workers(released, local):
    distributed = pytest.importorskip("distributed")
    course = course_copy(released, "dask")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        graded, _ = parallel.autograde_class(course, released[1], scheduler=client, progress=None)
    assert gradebook(course, released[1]) == gradebook(local[0], released[1])
    assert [g.outcome.ok for g in graded].count(False) == 1
    assert all(g.worker != grading_process.worker_name() for g in graded)  # graded in the cluster's processes


def test_forked_kernels_keep_the_sandbox(released):
    """A kernel forked from the template still runs as the sandbox starts it (where this machine isolates)."""
    course = course_copy(released, "sandbox")
    assignment = released[1][0]
    path = course.root / "submitted" / "solution" / assignment / f"{assignment}.ipynb"
    nb = nbformat.read(path, as_version=4)
    answer = next(c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution"))
    # numpy.testing is imported by the template ahead of time, and by no cell of this notebook.
    answer.source += (f"\nimport os, sys\nprint('SEES-COURSE', os.path.exists({str(course.root)!r}), 'UID', os.getuid(),"
                      " 'FORKED', 'numpy.testing' in sys.modules)\n")
    for student in ("execd", "forked"):
        (course.root / "submitted" / student / assignment).mkdir(parents=True)
        nbformat.write(nb, course.root / "submitted" / student / assignment / f"{assignment}.ipynb")
    close_template()
    try:
        # as plain nbgrader grades (the configured pipeline: a real exec), then as a grading
        # process does, whose first kernel is already forked: the sandbox tells the template the
        # kernels' environment
        outcomes = [course.autograde(assignment, "execd")] + [
            g.outcome for g in grading_process.grade_student(str(course.root), "forked", (assignment,))]
    finally:
        close_template()
    assert all(outcome.ok for outcome in outcomes), outcomes
    printed = []
    for student in ("execd", "forked"):
        autograded = nbformat.read(course.root / "autograded" / student / assignment / f"{assignment}.ipynb", as_version=4)
        text = "".join(o.get("text", "") for c in autograded.cells if c.cell_type == "code" for o in c.get("outputs", []))
        printed.append(next(line for line in text.splitlines() if line.startswith("SEES-COURSE")))
    assert [line.split()[5] for line in printed] == ["False", "True"]
    sees, uid = printed[1].split()[1], int(printed[1].split()[3])
    assert printed[0].split()[1] == sees  # forked or not, the kernel sees what the sandbox lets it see
    if os.geteuid() == 0 and sys.platform.startswith("linux"):
        assert sees == "False" and uid != 0


def test_an_instructor_with_a_private_umask_still_gets_sandboxed_kernels(released):
    """umask 077 (every file and folder the instructor's alone): the folders the sandbox makes for its
    mount points, a grading process's temporary folder among them, still let the kernel's user through."""
    course = course_copy(released, "umask")
    assignment = released[1][0]
    run = subprocess.run([sys.executable, "-m", "grader", "autograde", assignment, "--student", "solution"],
                         cwd=course.root, capture_output=True, text=True, timeout=600, preexec_fn=lambda: os.umask(0o077))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "autograde: 1 of 1 succeeded" in run.stdout
    score, maximum = course.scores()[("solution", assignment)]
    assert score == maximum > 0


@pytest.mark.skipif(not sys.platform.startswith("linux") or os.geteuid() != 0, reason="kernels talk over Unix sockets when isolated (root on Linux)")
def test_a_tmpdir_too_long_for_a_socket_is_said_with_what_to_do(released, tmp_path):
    course = course_copy(released, "long_tmpdir")
    long = tmp_path / ("t" * 40) / ("m" * 40)
    long.mkdir(parents=True)
    run = subprocess.run([sys.executable, "-m", "grader", "autograde", released[1][0], "--student", "solution"],
                         cwd=course.root, capture_output=True, text=True, timeout=600, env=dict(os.environ, TMPDIR=str(long)))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "set TMPDIR to a shorter folder (e.g. TMPDIR=/tmp) and grade again" in run.stdout, run.stdout
    assert "File name too long" not in run.stdout
