"""SummariseScores: the feedback page's summary row of a function is the first thing its real report
says to fix (a cascade note before the verdict it explains), or that it is right."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from grader import hidden
from grader.checking.render import report
from grader.preprocessors.score_probes import verdict_outputs
from grader.preprocessors.summarise_scores import headline, report_lines

SEED = 2024


def _grade(function: str, student_function):
    return hidden.run_probe(function, {function: student_function}, SEED)


def _headline(grade) -> str:
    """The summary row's text for a graded function, read from the outputs ScoreProbes writes."""
    return headline(report_lines({"outputs": verdict_outputs(grade)}))


def test_a_right_function_reads_right():
    grade = _grade("jacobian_identity", lambda x: np.eye(len(x)))
    assert _headline(grade) == "correct on every hidden case."


def test_a_wrong_function_reads_its_verdict_without_the_mark():
    grade = _grade("jacobian_identity", lambda x: np.ones(len(x)))
    first_verdict = next(line.strip() for line in report(grade).splitlines() if line.strip().startswith("\u2717"))
    assert _headline(grade) == first_verdict.lstrip("\u2717 ") and _headline(grade)


def test_in_a_pair_the_failing_part_comes_before_the_passing_one():
    grade = _grade("jacobians_sub", lambda u, v: (np.eye(len(u)), np.eye(len(u))))
    assert _headline(grade).startswith("dw/dv:")


def test_a_cascade_note_comes_first():
    grade = replace(_grade("jacobian_dense_b", lambda W, x, b: np.eye(len(b))), failing_callees=("jacobian_dense_z",))
    assert "jacobian_dense_z" in _headline(grade) and "fix that one first" in _headline(grade)


def test_a_right_pair_reads_right_without_naming_one_part():
    grade = _grade("jacobians_sub", lambda u, v: (np.eye(len(u)), -np.eye(len(u))))
    assert _headline(grade) == "correct on every hidden case."
