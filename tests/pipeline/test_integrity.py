"""Adversarial submissions, autograded for real: grading cannot be gamed, crashed or leaked (issue 5).

One class of students is graded once, in one process, by nbgrader with the
course's own pipeline (nbgrader_config.py, with shorter time limits so that a hung
kernel costs seconds). Each adversary tries one family of threats next to correct
answers. For each the tests assert: the points it earns, function by function (no
credit for what is not correct, full credit for a correct answer beside a harmless
oddity); that honest students graded before and after it are unaffected; that the
gradebook holds every submission and stays sound; and that the instructor's
outcome names what happened.
"""

from __future__ import annotations

import ast
import base64
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import nbformat
import numpy as np
import pytest

from grader.contract import exercises
from grader.sandbox import policy as sandbox
from grader.course import simulate
from grader.probe import wire
from grader.course.course import CONFIG_FILE, Course
from grader.course.notebooks import build_notebook
from grader.integrity import derivation_scan
from grader.preprocessors.sandboxed_execute import SandboxedExecute
from tests.helpers import PROJECT
from tests.pipeline.adversaries import (
    FULL, HANGS, PS1, SLEEP, TOKEN, Adversary, adversaries, needs_isolation, new_course, write_submission,
)


@dataclass
class Graded:
    course: Course
    students: dict[str, Adversary]
    outcomes: dict[str, object]

    def cells(self, student: str, assignment: str = PS1) -> dict[str, nbformat.NotebookNode]:
        """grade_id (or cell index) -> cell of the autograded notebook."""
        nb = nbformat.read(self.course.root / "autograded" / student / assignment / f"{assignment}.ipynb", as_version=4)
        return {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") or str(i): c for i, c in enumerate(nb.cells)}

    def printed(self, student: str, grade_id: str) -> str:
        return "".join(o.get("text", "") for o in self.cells(student)[grade_id].get("outputs", []))


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    root = tmp_path_factory.mktemp("integrity") / "course"
    course = new_course(root)
    with socket.create_server(("127.0.0.1", 0)) as listening:  # a service on the grading machine
        students = adversaries(root, listening.getsockname()[1])
        for adversary in students:
            write_submission(root, adversary)
        outcomes = {a.id: course.autograde(a.assignment, a.id) for a in students}
    return Graded(course, {a.id: a for a in students}, outcomes)


STUDENT_IDS = [a.id for a in adversaries(Path("/course"))]


@pytest.mark.parametrize("student", STUDENT_IDS)
def test_each_function_earns_its_points_only_when_correct(graded, student):
    adversary = graded.students[student]
    outcome = graded.outcomes[student]
    assert outcome.ok == adversary.graded, outcome.summary()
    cells = graded.course.cell_scores(adversary.assignment, student)
    expected = {f"hidden_{name}": points for name, points in adversary.expected().items()}
    if student == "pair_liar":  # one element of the pair always says "equal": that half is lost
        expected["hidden_jacobians_add"] = 1.0
    assert cells == expected


@pytest.mark.parametrize("student", [a for a in STUDENT_IDS if not a.startswith("honest")])
def test_the_instructor_outcome_names_what_happened(graded, student):
    reason = graded.outcomes[student].summary()
    for word in graded.students[student].flags:
        assert word in reason, reason


def test_honest_students_before_and_after_the_adversaries_are_unaffected(graded):
    first, last = (graded.course.cell_scores(PS1, s) for s in ("honest_first", "honest_last"))
    assert first == last == {f"hidden_{n}": p for n, p in FULL[PS1].items()}
    assert graded.outcomes["honest_first"].summary() == graded.outcomes["honest_last"].summary() == ""


def test_every_submission_is_in_a_sound_gradebook(graded, tmp_path):
    scores = graded.course.scores()
    for adversary in graded.students.values():
        assert scores[(adversary.id, adversary.assignment)][1] == sum(FULL[adversary.assignment].values())
    with sqlite3.connect(graded.course.root / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert graded.course.export(tmp_path / "grades.csv").read_text().count("\n") > len(graded.students)


def test_patched_checks_and_printed_verdicts_change_nothing(graded):
    cell = graded.cells("patcher")["hidden_jacobian_sigmoid"]
    assert [o.output_type for o in cell.outputs][0] == "error"
    assert "0 / 2 points" in cell.outputs[0].evalue


@needs_isolation
def test_the_kernel_cannot_reach_the_reference_the_course_or_the_gradebook(graded):
    printed = graded.printed("snoop", "jacobian_sigmoid")
    assert "LEAKS: []" in printed, printed


@needs_isolation
def test_the_kernel_runs_as_its_own_user_outside_the_course_with_limits(graded):
    printed = graded.printed("snoop", "jacobian_sigmoid")
    uid = int(printed.split("UID: ")[1].split()[0])
    assert uid >= sandbox.UID_BASE
    assert f"CWD: /tmp/jacobians-sandbox/{PS1}" in printed
    memory, processes, file_size = map(int, printed.split("LIMITS: ")[1].split()[:3])
    assert (memory, processes, file_size) == (2 << 30, 64, 64 << 20)


def test_the_callers_frame_holds_no_expected_value(graded):
    """The probe calls the function on the inputs; the only arrays in its frame are the student's own answers."""
    printed = graded.printed("snoop", "jacobian_tanh")
    seen = ast.literal_eval(printed.split("FRAMES: ", 1)[1].strip())
    assert seen, "the probe's frame was never reached"
    assert all(not nonzero for _, _, nonzero in seen), seen  # the spy's own zero answers, nothing else


def test_probe_source_carries_inputs_but_no_expected_value():
    exercise = exercises.get("jacobian_sigmoid")
    cases = exercise.cases(7)
    source = wire.probe_source(exercise, cases, "nonce", 10_000)
    payload = source.rsplit("_jacobians_probe(", 1)[1].rsplit(")", 1)[0]
    spec = json.loads(zlib.decompress(base64.b64decode(eval(payload))))  # noqa: S307 - our own literal
    assert set(spec) == {"function", "output", "nonce", "marker", "max_elements", "cases"}
    for case in cases:
        expected = np.ascontiguousarray(exercise.expected(case), dtype=np.float64).tobytes()
        assert base64.b64encode(zlib.compress(expected)).decode() not in source
    assert "reference" not in source and "import grader" not in source


def test_numerical_differentiation_is_zeroed_with_its_reason(graded):
    cells = graded.cells("numerical")
    for name in ("jacobian_sigmoid", "jacobian_tanh", "jacobian_relu"):
        summary = cells[f"hidden_{name}"].metadata["jacobians"]
        assert summary["score"] == 0 and summary["findings"][0]["check"] == "derivation"
    assert "numeric_jacobian" not in graded.outcomes["numerical"].summary()  # a checker of another name is fine


def test_the_derivation_scan_has_no_false_positive_on_known_correct_answers():
    answers = {name: [] for name in exercises.BY_NAME}
    for notebook in sorted((PROJECT / "notebooks").glob("*.py")):
        scope = derivation_scan.Scope()
        for cell in build_notebook(notebook).cells:
            if cell.cell_type == "code":
                scope.run_cell(simulate.SOLUTION_REGION.sub("", cell.source))
        for name in exercises.BY_NAME:
            if name in scope.definitions:
                answers[name].append(scope.findings(name))
    for key, answer in simulate.ANSWERS.items():
        scope = derivation_scan.Scope()
        scope.run_cell("import numpy as np\n" + answer.code)
        answers[answer.function].append(scope.findings(answer.function))
    assert {name: [f for f in found if f] for name, found in answers.items()} == {name: [] for name in answers}


@needs_isolation
def test_no_file_is_written_outside_the_kernels_private_copy(graded):
    printed = graded.printed("writer", "jacobian_identity")
    assert "big file refused" in printed
    leftovers = [p for folder in (graded.course.root, PROJECT, Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"), Path.home())
                 for p in folder.glob(f"**/{TOKEN}" if folder == graded.course.root else TOKEN)]
    assert leftovers == []
    assert not list((graded.course.root / "autograded" / "writer").glob("**/big.bin"))


@needs_isolation
def test_no_process_outlives_its_kernel(graded):
    table = subprocess.run(["ps", "-eo", "uid=,args="], capture_output=True, text=True, check=True).stdout
    assert [line for line in table.splitlines() if SLEEP in line] == []  # the hog's children and daemon
    assert "spawned" in graded.printed("hog", "jacobian_relu")  # the process limit stopped the fork bomb


def test_floods_are_truncated_while_they_arrive(graded):
    cells = graded.cells("flooder")
    assert "output truncated" in graded.printed("flooder", "jacobian_identity")
    notebook = graded.course.root / "autograded" / "flooder" / PS1 / f"{PS1}.ipynb"
    assert notebook.stat().st_size < 8 << 20
    assert cells["hidden_jacobian_log_exp"].metadata["jacobians"]["score"] == 2


def test_a_notebook_past_its_wall_time_keeps_what_ran_before(graded):
    """Time limit per notebook: the cells after it are not run (their functions earn 0)."""
    root = graded.course.root
    config = root / CONFIG_FILE
    config.write_text(config.read_text() + "\nc.SandboxedExecute.notebook_timeout = 8\n")
    slow = Adversary("slowpoke", {"jacobian_log_exp": HANGS["jacobian_log_exp"],
                                  "jacobian_sigmoid": "import time\ndef jacobian_sigmoid(z):\n    time.sleep(10 ** 6)\n"})
    write_submission(root, slow)
    outcome = Course(root).autograde(PS1, "slowpoke")
    assert outcome.ok and "time limit" in outcome.summary()
    scores = graded.course.cell_scores(PS1, "slowpoke")
    assert scores == {f"hidden_{n}": (p if n == "jacobian_identity" else 0.0) for n, p in FULL[PS1].items()}


def test_neither_release_nor_an_adversarys_feedback_shows_hidden_tests_or_the_reference(graded):
    assert graded.course.feedback(PS1, "snoop").ok
    pages = [next((graded.course.root / "feedback" / "snoop" / PS1).glob("*.html")).read_text()]
    pages += [path.read_text() for path in (graded.course.root / "release").glob("*/*.ipynb")]
    for page in pages:
        for secret in ("grade_hidden(", "def _jacobians_probe", wire.MARKER, "from grader"):
            assert secret not in page


def test_isolation_can_be_required(monkeypatch):
    monkeypatch.setattr(sandbox, "isolation_problem", lambda: "no namespaces on this machine")
    execute = SandboxedExecute(isolation="required")
    with pytest.raises(sandbox.SandboxError, match="no namespaces"):
        execute._isolate()
    assert SandboxedExecute(isolation="auto")._isolate() is False


def test_the_kernels_interpreter_has_no_import_route_to_the_grading_code():
    """Even where the file system does not hide it (an editable install of another checkout)."""
    probe = "import importlib.util; print(importlib.util.find_spec('grader'))"
    found = subprocess.run([sys.executable, "-I", "-c", sandbox.NO_EDITABLE_IMPORTS + probe],
                           capture_output=True, text=True, cwd="/", check=True).stdout
    assert found.strip() == "None"


def test_the_launcher_copies_no_symlink_out_of_the_submission(tmp_path):
    from grader.sandbox import launcher as sandbox_launcher

    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "notes.txt").write_text("mine")
    (tmp_path / "submission" / "reference.py").symlink_to(PROJECT / "grader" / "contract" / "reference.py")
    sandbox_launcher.copy_regular_files(str(tmp_path / "submission"), str(tmp_path / "copy"))
    assert sorted(os.listdir(tmp_path / "copy")) == ["notes.txt"]
    shutil.rmtree(tmp_path / "copy")
