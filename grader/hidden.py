"""``grade_hidden``: what a hidden test cell calls when an instructor runs a source notebook.

At autograde time the cell's source is replaced by a probe (see
``grader.preprocessors``), so students' kernels never import this module. Here,
in the instructor's own kernel, it runs the very same probe in-process and grades
with the very same code, so the instructor sees what a student would.
"""

from __future__ import annotations

import contextlib
import io
import sys

from grader.contract import exercises
from grader.probe import wire
from grader.checking.grading import ExerciseGrade, grade_answers

INSTRUCTOR_SEED_PARTS = ("instructor",)


def run_probe(name: str, namespace: dict, seed: int) -> ExerciseGrade:
    """Call ``namespace[name]`` on the hidden cases drawn from ``seed`` and grade it."""
    exercise = exercises.get(name)
    cases = exercise.cases(seed)
    nonce = wire.new_nonce()
    source = wire.probe_source(exercise, cases, nonce, wire.max_elements(exercise.answer_size(c) for c in cases))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(source, f"<hidden test of {name}>", "exec"), namespace)
    record = wire.read_probe_record([{"output_type": "stream", "name": "stdout", "text": printed.getvalue()}], nonce)
    return grade_answers(exercise, cases, wire.decode_results(record) if record else [], seed)


def grade_hidden(name: str, namespace: dict | None = None) -> float:
    """Grade ``name`` as the autograder would; raise AssertionError with the report if it fails."""
    if namespace is None:
        namespace = sys._getframe(1).f_globals
    exercise = exercises.get(name)
    grade = run_probe(name, namespace, exercises.seed_for(exercise.assignment, *INSTRUCTOR_SEED_PARTS, name))
    if not grade.passed:
        raise AssertionError(grade.report())
    print(grade.report())
    return grade.score
