"""Grade each probe's answers in the grading process and write the verdict as the cell's output."""

from __future__ import annotations

import ast
from dataclasses import replace

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor

from grader.checking.grading import grade_answers
from grader.contract import exercises
from grader.i18n import use_language
from grader.i18n.course_language import feedback_language
from grader.integrity.derivation_scan import Scope
from grader.preprocessors.inject_probes import STATE_KEY
from grader.probe import wire
from grader.utils import exercise_of, is_instructor_code


def verdict_outputs(grade) -> list:
    """Outputs nbgrader turns into a score: the report, then the points as a number.

    A zero is an ``error`` output (shown in red, scored 0); otherwise the points go
    in an ``execute_result``, which nbgrader reads as partial credit. A small answer's
    expected-vs-received table follows as ``display_data``, which nbgrader does not score.
    """
    report = grade.report()
    table = grade.html()
    visual = [new_output("display_data", data={"text/html": table})] if table else []
    if grade.score == 0:
        summary = report.splitlines()[0]
        return [new_output("error", ename="Incorrect", evalue=summary, traceback=report.splitlines()), *visual]
    return [
        new_output("stream", name="stdout", text=report + "\n"),
        *visual,
        new_output("execute_result", data={"text/plain": repr(float(grade.score))}, execution_count=None),
    ]


def summary_metadata(grade) -> dict:
    """What the reports aggregate: per part, the check that decided and its message."""
    return {
        "exercise": grade.exercise.name,
        "score": grade.score,
        "max_score": grade.max_score,
        "seed": grade.seed,
        "findings": [
            {"part": f.part, "passed": f.verdict.passed, "check": f.verdict.check, "message": f.verdict.message}
            for f in grade.findings
        ],
    }


def graded_callees(scope: Scope, name: str) -> list[str]:
    """The other graded functions ``name`` uses, directly or through helpers, as the notebook defines them."""
    reachable = scope.reachable(name)
    return [
        node.name for node in reachable
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name != name and node.name in exercises.BY_NAME
    ]


class ScoreProbes(NbGraderPreprocessor):
    """Compare the answers the probe reported with the reference, and restore the cell's source.

    Every output the cell produced in the kernel (including anything on stderr) is
    replaced by the grader's verdict, so the score depends only on the answers. A function
    that fails while calling another graded function that failed its own tests says so first.
    The verdict is in the student's feedback language (``grader.i18n.course_language.feedback_language``).
    """

    def preprocess(self, nb, resources):
        # The notebook's definitions as its cells run (the derivation scan's scope), and the
        # graded functions found failing so far: hidden tests run in notebook order.
        self._scope, self._failed = Scope(), set()
        with use_language(feedback_language(self, resources)):
            return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        exercise = exercise_of(cell)
        state = resources.get(STATE_KEY, {}).get(cell.metadata.nbgrader.grade_id) if exercise else None
        if state is None:
            if cell.cell_type == "code" and exercise is None:
                self._scope.run_cell(cell.source, instructor=is_instructor_code(cell))
            return cell, resources
        record = wire.read_probe_record(cell.outputs, state["nonce"])
        results = wire.decode_results(record) if record else []
        grade = grade_answers(exercise, exercise.cases(state["seed"]), results, state["seed"])
        failing = tuple(c for c in graded_callees(self._scope, exercise.name) if c in self._failed)
        grade = replace(grade, failing_callees=failing)
        if not grade.passed:
            self._failed.add(exercise.name)
        cell.source = state["source"]
        cell.outputs = verdict_outputs(grade)
        cell.metadata["jacobians"] = summary_metadata(grade)
        return cell, resources
