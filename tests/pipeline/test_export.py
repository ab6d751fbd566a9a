"""grades.csv for the LMS: nbgrader's totals plus points earned per contract function."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from grader import cli
from grader.contract import exercises
from grader.course import simulate
from grader.course.export import NBGRADER_COLUMNS, PerFunctionCsvExportPlugin
from tests.pipeline.graded_class import ASSIGNMENTS, STUDENTS, graded_class


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return graded_class(tmp_path_factory)


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(args))
    return status, out.getvalue(), err.getvalue()


def course_functions() -> list[str]:
    return [e.name for e in exercises.EXERCISES if e.assignment in ASSIGNMENTS]


def test_cli_export_has_a_column_per_function_holding_the_points_earned(course, tmp_path):
    status, out, _ = run_cli("--course", str(course.root), "export", "--to", str(tmp_path / "grades.csv"))
    assert status == 0 and str(tmp_path / "grades.csv") in out
    columns, rows = read_rows(tmp_path / "grades.csv")
    assert columns == [*NBGRADER_COLUMNS, *course_functions()]
    assert len(rows) == len(STUDENTS) * len(ASSIGNMENTS)
    for row in rows:
        student = next(s for s in STUDENTS if s.id == row["student_id"])
        expected = simulate.expected_scores(student, row["assignment"])
        assert {f: float(row[f]) for f in expected} == expected, (student.id, row["assignment"])
        assert float(row["raw_score"]) == sum(expected.values())
        others = set(course_functions()) - set(expected)
        assert all(row[f] == "" for f in others), "a function of another assignment has no points here"


def test_plain_nbgrader_export_at_the_root_writes_the_same_file(course, tmp_path):
    assert run_cli("--course", str(course.root), "export", "--to", str(tmp_path / "cli.csv"))[0] == 0
    nbgrader = Path(sys.executable).with_name("nbgrader")
    plain = subprocess.run([str(nbgrader), "export", "--to", str(tmp_path / "plain.csv")],
                           cwd=course.root, capture_output=True, text=True, timeout=300)
    assert plain.returncode == 0, plain.stderr
    assert (tmp_path / "plain.csv").read_text() == (tmp_path / "cli.csv").read_text()


def test_export_of_one_assignment_has_only_its_rows_and_functions(course, tmp_path):
    first = ASSIGNMENTS[0]
    status, _, _ = run_cli("--course", str(course.root), "export", "--assignment", first, "--to", str(tmp_path / "one.csv"))
    assert status == 0
    columns, rows = read_rows(tmp_path / "one.csv")
    assert columns == [*NBGRADER_COLUMNS, *(e.name for e in exercises.for_assignment(first))]
    assert {r["assignment"] for r in rows} == {first}


@pytest.mark.parametrize("name", ["ps1", "[ps1_unary]"])
def test_cli_refuses_an_unknown_assignment_and_writes_nothing(course, tmp_path, name):
    status, _, err = run_cli("--course", str(course.root), "export", "--assignment", name, "--to", str(tmp_path / "g.csv"))
    assert status == 2
    assert f"unknown assignment {name!r}" in err and ASSIGNMENTS[0] in err
    assert not (tmp_path / "g.csv").exists()


def test_plain_nbgrader_export_refuses_the_bracketed_name_it_would_silently_export_empty(course, tmp_path):
    nbgrader = Path(sys.executable).with_name("nbgrader")
    plain = subprocess.run([str(nbgrader), "export", "--assignment=[ps1]", "--to", str(tmp_path / "g.csv")],
                           cwd=course.root, capture_output=True, text=True, timeout=300)
    assert plain.returncode != 0
    assert "unknown assignment '[ps1]'" in plain.stderr
    assert not (tmp_path / "g.csv").exists()


def test_plain_nbgrader_export_fails_the_nbgrader_way_without_a_traceback(course, tmp_path):
    nbgrader = Path(sys.executable).with_name("nbgrader")
    plain = subprocess.run([str(nbgrader), "export", "--assignment=ps9", "--to", str(tmp_path / "g.csv")],
                           cwd=course.root, capture_output=True, text=True, timeout=300)
    assert plain.returncode == 1
    assert "[ExportApp | ERROR] unknown assignment 'ps9'" in plain.stderr
    assert "Traceback" not in plain.stderr


def test_manual_grades_win_and_a_missing_submission_scores_zero(course, tmp_path):
    """On a copy of the gradebook: a grader overrides one function's points; a new student submitted nothing."""
    shutil.copy(course.root / "gradebook.db", tmp_path / "gradebook.db")
    first = ASSIGNMENTS[0]
    function = exercises.for_assignment(first)[0].name
    with Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}", course.coursedir.course_id) as gradebook:
        grade = gradebook.find_grade(f"hidden_{function}", first, first, "blank")
        grade.manual_score = 0.5
        gradebook.db.commit()
        gradebook.add_student("absent")
        plugin = PerFunctionCsvExportPlugin(to=str(tmp_path / "g.csv"), assignment=[first])
        plugin.export(gradebook)
    _, rows = read_rows(tmp_path / "g.csv")
    by_student = {r["student_id"]: r for r in rows}
    assert float(by_student["blank"][function]) == 0.5
    absent = by_student["absent"]
    assert absent["timestamp"] == "" and float(absent["score"]) == 0.0
    assert all(float(absent[e.name]) == 0.0 for e in exercises.for_assignment(first))
