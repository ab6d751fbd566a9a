"""Real submissions that used to break grading (issue 12, items 1-7), graded for real.

Each student hands in the instructor's answers plus one quirk instructors reported, and one
more member of the same kind. One class is graded once, in this process, with the course's
own pipeline (``Course.autograde``, nbgrader's API); feedback, export, scores and report then
run on it as the instructor runs them, ``python -m grader`` under a non-UTF-8 locale included.
"""

from __future__ import annotations

import copy
import csv
import datetime
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import nbformat
import pytest
from nbgrader.api import Gradebook

from grader import commands
from grader.contract import exercises
from grader.course import simulate
from grader.course.course import Course
from grader.i18n import use_language
from grader.report.report import course_rows, read_class
from tests.helpers import PROJECT, copy_course

PS1, PS2, PS3, PS4 = "ps1_unary", "ps2_binary", "ps3_dense", "ps4_losses"
MAXIMUM = {a: float(sum(e.points for e in exercises.for_assignment(a))) for a in (PS1, PS2, PS3, PS4)}
COURSE_MAXIMUM = sum(MAXIMUM.values())  # 43: 9 + 6 + 15 + 13
SCRATCH_SIGMOID = "def jacobian_sigmoid(z):\n    a = 1 / (1 + np.exp(-z))\n    return a * (1 - a)\n"
WRONG_RELU = "def jacobian_relu(z):\n    return np.diag((z < 0).astype(float))\n"
RIGHT_RELU = "def jacobian_relu(z):\n    return np.diag((z >= 0).astype(float))\n"
ISSUE_TIMESTAMP = b"2019-10-24-20-25-53-460007"  # nbgrader's exchange with a custom Exchange.timestamp_format
KOREAN = "학생01"
C_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def grade_index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)


# Each quirk edits the instructor's answers (a notebook) in the student's folder and returns the notebook's JSON.
def paste_copy_at_end(function: str, scratch: str, in_place: str | None = None) -> Callable:
    """The solution cell of ``function`` (metadata, grade id, cell id included) pasted at the end as scratch work."""
    def quirk(nb, folder: Path) -> dict:
        index = grade_index(nb, function)
        pasted = copy.deepcopy(nb.cells[index])
        pasted.source = scratch
        if in_place is not None:
            nb.cells[index].source = in_place
        nb.cells.append(pasted)
        return json.loads(json.dumps(nb))  # nbformat.write would repair the shared cell id
    return quirk


def shared_and_null_ids(nb, folder: Path) -> dict:
    data = json.loads(json.dumps(nb))
    data["nbformat_minor"] = 4
    for cell in data["cells"][:3]:
        cell["id"] = "same"
    [cell for cell in data["cells"] if cell["cell_type"] == "code"][-1]["id"] = None
    return data


def malformed_metadata(nb, folder: Path) -> dict:
    data = json.loads(json.dumps(nb))
    data["metadata"].update(widgets="state of a slider", language_info=3)
    data["cells"][0]["metadata"]["tags"] = 5
    data["cells"][grade_index(nb, "jacobians_add")]["id"] = "not a valid id!"
    return data


def answer(function: str, code: str) -> Callable:
    def quirk(nb, folder: Path) -> dict:
        nb.cells[grade_index(nb, function)].source = code
        return json.loads(nbformat.writes(nb))
    return quirk


def timestamp(content: bytes) -> Callable:
    def quirk(nb, folder: Path) -> dict:
        (folder / "timestamp.txt").write_bytes(content)
        return json.loads(nbformat.writes(nb))
    return quirk


def own_module(nb, folder: Path) -> dict:
    """The issue's helpers.py, imported by the solution of jacobian_dense_z."""
    (folder / "helpers.py").write_text("import numpy as np\n\n\ndef sigmoid_prime(z):\n    s = 1 / (1 + np.exp(-z))\n"
                                       "    return s * (1 - s)\n", encoding="utf-8")
    nb.cells[grade_index(nb, "jacobian_dense_z")].source = (
        "from helpers import sigmoid_prime\n\n\ndef jacobian_dense_z(W, x, b):\n    return np.diag(sigmoid_prime(W @ x + b))\n")
    return json.loads(nbformat.writes(nb))


def own_package(nb, folder: Path) -> dict:
    """A package with a submodule beside the notebook, imported by the solution of dense_forward."""
    (folder / "mylib").mkdir()
    (folder / "mylib" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "mylib" / "activations.py").write_text(
        "import numpy as np\n\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n", encoding="utf-8")
    nb.cells[grade_index(nb, "dense_forward")].source = (
        "from mylib.activations import sigmoid as my_sigmoid\n\n\ndef dense_forward(W, x, b):\n    return my_sigmoid(W @ x + b)\n")
    return json.loads(nbformat.writes(nb))


def own_module_not_derived(nb, folder: Path) -> dict:
    """A helper module differentiating by complex step (exact to rounding: only the scan can tell)."""
    (folder / "helpers.py").write_text("import numpy as np\n\n\ndef sigmoid_prime(z, h=1e-30):\n"
                                       "    return (1 / (1 + np.exp(-(z + 1j * h)))).imag / h\n", encoding="utf-8")
    nb.cells[grade_index(nb, "jacobian_dense_z")].source = (
        "from helpers import sigmoid_prime\n\n\ndef jacobian_dense_z(W, x, b):\n    return np.diag(sigmoid_prime(W @ x + b))\n")
    return json.loads(nbformat.writes(nb))


def dangling_link(nb, folder: Path) -> dict:
    (folder / "gone.py").symlink_to("/nonexistent/gone.py")
    return json.loads(nbformat.writes(nb))


def deep_and_looping_links(nb, folder: Path) -> dict:
    (folder / "data").mkdir()
    (folder / "data" / "latest.csv").symlink_to(folder / "data" / "missing.csv")
    (folder / "loop.py").symlink_to(folder / "loop.py")
    return json.loads(nbformat.writes(nb))


@dataclass(frozen=True)
class Case:
    """A student, the notebook quirk they hand in (None: no notebook at all), and what must come of it."""

    id: str
    assignment: str
    quirk: Callable | None
    lost: tuple[str, ...] = ()  # functions that earn 0; every other one earns its points
    graded: bool = True
    files: dict[str, bytes] | None = None  # other files in the folder, when there is no notebook

    def expected(self) -> dict[str, float]:
        return {f"hidden_{e.name}": 0.0 if e.name in self.lost or not self.graded else float(e.points)
                for e in exercises.for_assignment(self.assignment)}


CASES = [
    # 1. a graded cell's copy elsewhere: the notebook is graded in its own order
    Case("pasted_scratch", PS1, paste_copy_at_end("jacobian_sigmoid", SCRATCH_SIGMOID)),
    Case("pasted_fix", PS1, paste_copy_at_end("jacobian_relu", RIGHT_RELU, in_place=WRONG_RELU), lost=("jacobian_relu",)),
    # 2. structure autograde tolerates and feedback cannot render
    Case("shared_ids", PS2, shared_and_null_ids),
    Case("odd_metadata", PS2, malformed_metadata),
    # 3. timestamp.txt, whatever it holds
    Case("custom_stamp", PS1, timestamp(ISSUE_TIMESTAMP)),
    Case("latin1_stamp", PS1, timestamp("24.10.2019 \u00e0 20h25".encode("latin-1"))),
    Case("empty_stamp", PS1, timestamp(b"")),
    Case("number_stamp", PS1, timestamp(b"1571948753\n")),
    Case("zoned_stamp", PS1, timestamp("2019-10-24T20:25:53+02:00\r\n".encode("utf-16"))),
    # 4. the student's own modules beside the notebook
    Case("own_module", PS3, own_module),
    Case("own_package", PS3, own_package),
    Case("own_module_not_derived", PS3, own_module_not_derived, lost=("jacobian_dense_z",)),
    # 5. a student id that is not ASCII, with a mistake (the report shows its \u2717 diagnosis)
    Case(KOREAN, PS1, answer("jacobian_tanh", "def jacobian_tanh(z):\n    return np.tanh(z)\n"), lost=("jacobian_tanh",)),
    Case("losses", PS4, timestamp(b"2019-10-24 20:25:53.460007 UTC")),
    # 7. a folder without a notebook
    Case("empty_folder", PS1, None, graded=False),
    Case("pdf_only", PS1, None, graded=False, files={"ps1_unary.pdf": b"%PDF-1.4\n"}),
    # a handed-in link whose target does not exist
    Case("dangling", PS1, dangling_link),
    Case("deep_links", PS1, deep_and_looping_links),
]
BY_ID = {case.id: case for case in CASES}


@dataclass
class Graded:
    course: Course
    outcomes: dict[str, object]
    notebooks: dict[str, dict]  # the JSON each student handed in


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    root = tmp_path_factory.mktemp("submissions") / "course"
    course = copy_course(root, [PS1, PS2, PS3, PS4])
    notebooks = {}
    for case in CASES:
        folder = root / "submitted" / case.id / case.assignment
        folder.mkdir(parents=True)
        for name, content in (case.files or {}).items():
            (folder / name).write_bytes(content)
        if case.quirk is None:
            continue
        source = nbformat.read(root / "source" / case.assignment / f"{case.assignment}.ipynb", as_version=4)
        release = nbformat.read(root / "release" / case.assignment / f"{case.assignment}.ipynb", as_version=4)
        notebooks[case.id] = case.quirk(simulate.student_notebook(simulate.Student(case.id), source, release), folder)
        (folder / f"{case.assignment}.ipynb").write_text(json.dumps(notebooks[case.id]), encoding="utf-8")
    outcomes = {case.id: course.autograde(case.assignment, case.id) for case in CASES}
    return Graded(course, outcomes, notebooks)


@pytest.mark.parametrize("student", [case.id for case in CASES])
def test_each_submission_earns_what_its_answers_are_worth(graded, student):
    case = BY_ID[student]
    outcome = graded.outcomes[student]
    assert outcome.ok == case.graded, outcome.summary()
    assert graded.course.cell_scores(case.assignment, student) == case.expected()


# 1 -------------------------------------------------------------------------------------------------

def test_a_pasted_copy_of_a_solution_is_graded_where_the_notebook_runs_it(graded):
    """The issue's instance: 9/9, the hidden tests stay where they were, the copy is named."""
    nb = graded.notebooks["pasted_scratch"]
    original = grade_index(nbformat.from_dict(nb), "jacobian_sigmoid")
    reason = graded.outcomes["pasted_scratch"].summary()
    assert graded.course.scores()[("pasted_scratch", PS1)] == (9.0, 9.0)
    assert f"cell 'jacobian_sigmoid' appears 2 times (cells {original}, {len(nb['cells']) - 1})" in reason
    assert "came before the code" not in reason
    autograded = nbformat.read(graded.course.root / "autograded" / "pasted_scratch" / PS1 / f"{PS1}.ipynb", as_version=4)
    order = [c.metadata.get("nbgrader", {}).get("grade_id") for c in autograded.cells]
    assert order.index("jacobian_sigmoid") < order.index("hidden_jacobian_sigmoid") < order.index("jacobian_tanh")


def test_a_right_answer_pasted_below_a_wrong_one_does_not_grade_the_wrong_one_right(graded):
    """Another of the kind: the notebook, run top to bottom, tests the wrong relu; the later copy is flagged."""
    nb = graded.notebooks["pasted_fix"]
    original = grade_index(nbformat.from_dict(nb), "jacobian_relu")
    assert f"cell 'jacobian_relu' appears 2 times (cells {original}, {len(nb['cells']) - 1})" in graded.outcomes["pasted_fix"].summary()


# 2 -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("student", ["shared_ids", "odd_metadata"])
def test_every_notebook_autograde_accepts_gets_a_feedback_page(graded, student):
    outcome = graded.course.feedback(PS2, student)
    assert outcome.ok, outcome.summary()
    page = graded.course.root / "feedback" / student / PS2 / f"{PS2}.html"
    assert "jacobians_add" in page.read_text(encoding="utf-8")
    stored = json.loads((graded.course.root / "autograded" / student / PS2 / f"{PS2}.ipynb").read_text(encoding="utf-8"))
    ids = [cell["id"] for cell in stored["cells"]]
    assert stored["nbformat_minor"] >= 5 and all(isinstance(i, str) and i for i in ids) and len(set(ids)) == len(ids)


def test_a_feedback_that_still_fails_names_the_notebooks_problem_and_the_old_page_stays(graded):
    course = graded.course
    assert course.feedback(PS2, "odd_metadata").ok
    page = course.root / "feedback" / "odd_metadata" / PS2 / f"{PS2}.html"
    before = page.read_bytes()
    stored = course.root / "autograded" / "odd_metadata" / PS2 / f"{PS2}.ipynb"
    data = json.loads(stored.read_text(encoding="utf-8"))
    data["cells"][1]["id"] = None  # as an autograded notebook stored before the notebooks were normalised
    stored.write_text(json.dumps(data), encoding="utf-8")
    outcome = course.feedback(PS2, "odd_metadata")
    assert not outcome.ok
    assert "cell 1 has an id that is not" in outcome.summary() and "autograde it again" in outcome.summary()
    assert "TypeError" not in outcome.summary()
    assert page.read_bytes() == before
    assert course.autograde(PS2, "odd_metadata").ok and course.feedback(PS2, "odd_metadata").ok


# 3 -------------------------------------------------------------------------------------------------

def _submission_timestamp(course: Course, student: str, assignment: str):
    with Gradebook(course.db_url, course.coursedir.course_id) as gradebook:
        submission = gradebook.find_submission(assignment, student)
        return submission.timestamp, submission.late_submission_penalty


@pytest.mark.parametrize("student, held", [
    ("custom_stamp", "'2019-10-24-20-25-53-460007'"), ("latin1_stamp", "b'24.10.2019 \\xe0 20h25'"),
    ("empty_stamp", "is empty"), ("number_stamp", "'1571948753'"),
])
def test_an_unreadable_timestamp_is_said_and_graded_without_a_late_penalty(graded, student, held):
    reason = graded.outcomes[student].summary()
    assert "timestamp.txt" in reason and held in reason and "without a late penalty" in reason
    assert "ParserError" not in reason
    assert graded.course.scores()[(student, PS1)] == (9.0, 9.0)
    assert _submission_timestamp(graded.course, student, PS1) == (None, 0.0)


def test_timestamps_people_write_unambiguously_are_read(graded):
    assert graded.outcomes["zoned_stamp"].summary() == ""
    assert _submission_timestamp(graded.course, "zoned_stamp", PS1)[0] == datetime.datetime(2019, 10, 24, 18, 25, 53)
    assert _submission_timestamp(graded.course, "losses", PS4)[0] == datetime.datetime(2019, 10, 24, 20, 25, 53, 460007)


def test_an_imported_helper_is_scanned_like_the_notebooks_own_code(graded):
    """A module of one's own is no way around the derivation scan (README, "Integrity and threat model")."""
    assert "jacobian_dense_z not derived (complex step)" in graded.outcomes["own_module_not_derived"].summary()
    assert graded.outcomes["own_module"].summary() == ""


def test_timestamp_and_derivation_flags_are_shown_in_korean_in_a_korean_course(graded):
    """Issue 14: the flags the graded submissions carry (from the worker processes) are read in the course language."""
    with use_language("ko"):
        assert "timestamp.txt이(가) 비어 있습니다: 지각 감점 없이 채점했습니다" in graded.outcomes["empty_stamp"].summary()
        reason = graded.outcomes["own_module_not_derived"].summary()
        assert "jacobian_dense_z을(를) 직접 유도하지 않았습니다 (complex step): 0점" in reason, reason


# 5, 6 -----------------------------------------------------------------------------------------------

def _run_cli(course: Course, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONUTF8"))} | (env or {})
    return subprocess.run([sys.executable, "-m", "grader", "--course", str(course.root), *args],
                          capture_output=True, env=environment, cwd=PROJECT, timeout=600)


def test_export_and_report_work_for_a_korean_student_id_under_a_c_locale(graded):
    course = graded.course
    for command in (["autograde", PS1, "--student", KOREAN, "--force", "--workers", "1"], ["feedback", PS1]):
        run = _run_cli(course, *command, env=C_LOCALE)
        assert run.returncode == 0 and b"FAILED" not in run.stdout, run.stdout.decode(errors="replace") + run.stderr.decode(errors="replace")
    assert (course.root / "feedback" / KOREAN / PS1 / f"{PS1}.html").is_file()
    exported = _run_cli(course, "export", "--to", str(course.root / "grades-c.csv"), env=C_LOCALE)
    assert exported.returncode == 0, exported.stderr.decode(errors="replace")
    with open(course.root / "grades-c.csv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    students = {case.id for case in CASES}
    assert len(rows) == len(students) * 4 and KOREAN in {r["student_id"] for r in rows}
    reported = _run_cli(course, "report", env=C_LOCALE)
    assert reported.returncode == 0, reported.stderr.decode(errors="replace")
    assert KOREAN in (course.root / "reports" / f"{PS1}.html").read_text(encoding="utf-8")
    assert KOREAN.encode() in _run_cli(course, "scores", env=C_LOCALE).stdout


def test_the_course_names_utf8_for_every_file_it_reads_or_writes(graded, tmp_path):
    """Called as a library: an open() of the course's that leaves the encoding to the locale is an error.

    (Python warns of it whatever the locale; under an ASCII file system encoding a library caller
    could not even name a folder 학생01, which is why the CLI runs in UTF-8 mode there.)
    """
    script = (
        "import sys, warnings; from pathlib import Path\n"
        "warnings.filterwarnings('error', category=EncodingWarning, module=r'grader(\\.|$)')\n"
        "from grader.course.course import Course; from grader.report.report import write_reports\n"
        f"course = Course(Path({str(graded.course.root)!r}))\n"
        f"course.export(Path({str(tmp_path / 'grades.csv')!r})); write_reports(course, Path({str(tmp_path / 'reports')!r}))\n"
        "assert course.feedback('ps2_binary', 'shared_ids').ok\n"
    )
    run = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-c", script], capture_output=True, text=True,
                         cwd=PROJECT, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert KOREAN in (tmp_path / "grades.csv").read_text(encoding="utf-8")


def test_a_failed_export_leaves_the_previous_grades_csv_whole(graded, monkeypatch):
    from grader.course import export

    destination = graded.course.root / "grades-kept.csv"
    graded.course.export(destination)
    before = destination.read_bytes()
    calls = iter(range(10 ** 6))

    def failing_row(gradebook, assignment, student):
        if next(calls) == 5:
            raise OSError("disk full")
        return original(gradebook, assignment, student)

    original = export.PerFunctionCsvExportPlugin.totals_row
    monkeypatch.setattr(export.PerFunctionCsvExportPlugin, "totals_row", staticmethod(failing_row))
    with pytest.raises(OSError, match="disk full"):
        graded.course.export(destination)
    assert destination.read_bytes() == before
    assert [p.name for p in destination.parent.glob(".grades-kept.csv*")] == []


def test_missing_work_counts_zero_of_the_maximum_in_scores_grades_and_report(graded, tmp_path):
    """The issue's instance: a student who handed in ps1 only has 9 of 43 everywhere."""
    course = graded.course
    table = commands.score_table(course)
    row = next(line for line in table.splitlines() if line.startswith("custom_stamp "))
    assert row.split()[1:] == ["9", "/", "9", "0", "/", "6", "0", "/", "15", "0", "/", "13", "9", "/", f"{COURSE_MAXIMUM:g}"]
    assert COURSE_MAXIMUM == 43
    with open(course.export(tmp_path / "grades.csv"), encoding="utf-8", newline="") as stream:
        rows = [r for r in csv.DictReader(stream) if r["student_id"] == "custom_stamp"]
    assert sum(float(r["score"]) for r in rows) == 9 and sum(float(r["max_score"]) for r in rows) == COURSE_MAXIMUM
    report_row = next(r for r in course_rows(read_class(course)) if r.student == "custom_stamp")
    assert report_row.total == 9 and report_row.percent == pytest.approx(100 * 9 / COURSE_MAXIMUM)


def test_a_student_with_nothing_graded_counts_zero_everywhere_too(graded):
    """Another of the kind: a student whose only folder held no notebook."""
    scores = graded.course.scores()
    assert {a: scores[("empty_folder", a)] for a in MAXIMUM} == {a: (0.0, m) for a, m in MAXIMUM.items()}


# 7 and links ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("student, held", [("empty_folder", "it is empty"), ("pdf_only", "it holds only ps1_unary.pdf")])
def test_a_folder_without_a_notebook_says_so_and_is_recorded_with_zero(graded, student, held):
    reason = graded.outcomes[student].summary()
    assert "holds no notebook" in reason and held in reason and "rename" not in reason
    assert graded.course.scores()[(student, PS1)] == (0.0, 9.0)


def test_feedback_names_the_submissions_whose_autograde_failed(graded, capsys):
    commands.say_missing_feedback(graded.course, [PS1])
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("feedback: no feedback page for "))
    assert "empty_folder" in line and "pdf_only" in line and line.endswith("see autograde's output)")


@pytest.mark.parametrize("student, links", [("dangling", ["gone.py"]), ("deep_links", ["data/latest.csv", "loop.py"])])
def test_a_handed_in_link_to_nothing_is_flagged_like_any_link(graded, student, links):
    reason = graded.outcomes[student].summary()
    for link in links:
        assert f"{link} was handed in as a symbolic link" in reason
    assert "FileNotFoundError" not in reason
