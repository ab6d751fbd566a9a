"""Grading one exercise from a student's function: which failure is reported, the report's text,
partial credit, and the outputs nbgrader scores.

Functions run through the real probe, in-process (``grader.hidden.run_probe``), as an
instructor's kernel runs them: the same wire format and the same grading code as autograde.
"""

from __future__ import annotations

import re

import nbformat
import numpy as np
import pytest
from nbformat.v4 import new_code_cell
from nbgrader.utils import determine_grade

from grader.contract import exercises
from grader import hidden
from grader.contract import reference
from grader.course import simulate
from grader.checking.grading import grade_answers
from grader.preprocessors.score_probes import verdict_outputs
from grader.probe.wire import CaseResult

SEED = 2024


def grade(function: str, student_function, seed: int = SEED):
    return hidden.run_probe(function, {function: student_function}, seed)


def grade_source(function: str, source: str, seed: int = SEED, notebook: tuple[str, ...] = ()):
    """Grade ``source`` run where the setup's sigmoid and the other functions' solutions are defined, as in a
    notebook, after the other cells ``notebook`` of the same student."""
    assignment = exercises.get(function).assignment
    namespace = {"np": np, "sigmoid": reference.sigmoid, **{e.name: e.reference for e in exercises.for_assignment(assignment)}}
    for cell in (*notebook, source):
        exec(cell, namespace)
    return hidden.run_probe(function, namespace, seed)


# Which failure is reported --------------------------------------------------------------------


def test_the_smallest_case_that_shows_the_mistake_is_reported():
    graded = grade("grad_softmax_ce_logits", lambda Y, L: Y.shape[0] * reference.grad_softmax_ce_logits(Y, L))
    (finding,) = graded.findings
    assert finding.verdict.check == "missing_1/N"
    assert finding.case.label == "N=4, K=3"  # N=1 cannot show a missing 1/N; N=3, K=5 is bigger
    assert (finding.failed, finding.total) == (3, 4)
    assert "3 of 4 hidden cases fail" in graded.report()


def test_a_transpose_is_reported_on_a_case_where_it_shows():
    graded = grade("jacobian_dense_x", lambda W, x, b: reference.jacobian_dense_x(W, x, b).T)
    (finding,) = graded.findings
    assert finding.verdict.check == "transposed" and finding.case.label == "n=3, m=2"
    assert graded.score == 0


def test_the_most_telling_diagnosis_wins_over_a_smaller_generic_failure():
    def sign_flipped_and_odd_at_one(z):
        J = -reference.jacobian_sigmoid(z)
        return J + 1.0 if len(z) == 1 else J

    (finding,) = grade("jacobian_sigmoid", sign_flipped_and_odd_at_one).findings
    assert finding.verdict.check == "sign_flipped" and finding.case.label == "n=3"


def test_a_function_that_raises_is_reported_before_wrong_values():
    def raises_on_big_inputs(z):
        if len(z) > 100:
            raise MemoryError("too big for my loop")
        return -reference.jacobian_sigmoid(z)

    (finding,) = grade("jacobian_sigmoid", raises_on_big_inputs).findings
    assert finding.verdict.check == "raised" and finding.case.label == "n=200"
    assert "MemoryError: too big for my loop" in finding.verdict.message


# The report ---------------------------------------------------------------------------------------


def test_the_report_shows_a_small_input_as_python_with_expected_and_received_values():
    graded = grade("grad_mse", lambda y, y_hat: -(y - y_hat) / len(y))
    report = graded.report()
    (finding,) = graded.findings
    assert report.splitlines()[0] == "grad_mse: 0 / 2 points"
    assert "\u2717 your answer is 0.5 × the expected one: a factor 2 is missing" in report
    assert "expected shape (1,):" in report and "got shape (1,):" in report
    assert (
        "for the input [N=1] (4 of 4 hidden cases fail; to reproduce it, paste these lines into a cell and call "
        f"your function on them; seed {SEED}, for your instructor):"
    ) in report
    # The printed inputs are Python a student can paste, equal to the case's up to rounding.
    namespace = {"np": np}
    exec("\n".join(line.strip() for line in report.splitlines() if re.match(r"\s+(y|y_hat) = ", line)), namespace)
    for name, value in zip(("y", "y_hat"), finding.case.args):
        assert np.allclose(namespace[name], value, rtol=1e-5)


def test_the_report_of_a_big_case_gives_shapes_and_the_seed_not_values():
    def wrong_only_when_big(x):
        return reference.jacobian_log_exp(x) * (2.0 if len(x) > 100 else 1.0)

    graded = grade("jacobian_log_exp", wrong_only_when_big)
    report = graded.report()
    assert graded.findings[0].verdict.check == "extra_2" and "factor 2 too many" in report
    assert (
        "for the input [n=200]: x (200,) (1 of 5 hidden cases fail; too big to print: try your function on a small "
        f"input of these shapes; seed {SEED}, for your instructor)."
    ) in report
    assert "np.array" not in report and "expected shape" not in report
    assert graded.html() == ""


def test_a_blank_answer_is_not_implemented_and_shows_no_input():
    def blank(z):
        raise NotImplementedError("not implemented yet: replace this line with your code")

    report = grade("jacobian_tanh", blank).report()
    assert "not implemented yet" in report and "for the input" not in report


def test_a_passing_exercise_reports_every_part_correct():
    graded = grade("jacobians_hadamard", reference.jacobians_hadamard)
    assert graded.passed and graded.score == 2 and graded.html() == ""
    assert graded.report().count("correct on every hidden case") == 2


# Points ---------------------------------------------------------------------------------------------


def test_pair_elements_are_worth_half_each():
    graded = grade("jacobians_sub", lambda u, v: (np.eye(len(u)), np.eye(len(u))))
    assert graded.score == 1 and [f.verdict.check for f in graded.findings] == ["ok", "sign_flipped"]
    assert "\u2713 dw/du: correct" in graded.report() and "\u2717 dw/dv: your answer is -1 ×" in graded.report()


def test_triple_elements_are_worth_a_third_each():
    def db_summed_not_averaged(X, y, W, b, u):
        dW, db, du = reference.window_batch_grads(X, y, W, b, u)
        return dW, db * len(y), du

    graded = grade("window_batch_grads", db_summed_not_averaged)
    assert graded.score == 2 and [f.part for f in graded.findings] == ["dJ/dW", "dJ/db", "dJ/du"]
    assert [f.verdict.passed for f in graded.findings] == [True, False, True]
    assert "\u2717 dJ/db:" in graded.report()


def test_a_triple_returned_as_two_arrays_fails_every_element_and_says_what_to_return():
    graded = grade("train_window_classifier", lambda X, y, n_hidden, lr, epochs, seed: reference.train_window_classifier(
        X, y, n_hidden, lr, epochs, seed)[:2])
    assert graded.score == 0 and {f.verdict.check for f in graded.findings} == {"triple_length"}
    assert "triple (W, b, u)" in graded.report()


def test_the_probe_hands_word_indices_as_int64_arrays_and_counts_and_seeds_as_ints():
    seen = []

    def window_vector(E, window):
        seen.append((E.dtype, window.dtype))
        return E[window].reshape(-1)  # indexing with floats would raise

    def train_window_classifier(X, y, n_hidden, lr, epochs, seed):
        seen.append(tuple(type(v) for v in (n_hidden, lr, epochs, seed)))
        return reference.train_window_classifier(X, y, n_hidden, lr, epochs, seed)

    assert grade("window_vector", window_vector).passed
    assert grade("train_window_classifier", train_window_classifier).passed
    assert set(seen) == {(np.dtype(np.float64), np.dtype(np.int64)), (int, float, int, int)}


def test_a_single_answer_wrong_on_one_case_earns_nothing():
    def wrong_at_the_kink(z):
        return np.diag(np.where(z == 0, 0.5, (z > 0) * 1.0))

    graded = grade("jacobian_relu", wrong_at_the_kink)
    (finding,) = graded.findings
    assert graded.score == 0 and finding.case.label == "edge values" and finding.failed == 1


def test_cases_a_stopped_kernel_never_answered_are_failures():
    exercise = exercises.get("jacobian_sigmoid")
    cases = exercise.cases(SEED)
    answered = [CaseResult(exercise.expected(case)) for case in cases[:2]]
    graded = grade_answers(exercise, cases, answered, SEED)
    (finding,) = graded.findings
    assert graded.score == 0 and finding.verdict.check == "raised" and "no answer" in finding.verdict.message
    assert finding.failed == len(cases) - 2


@pytest.mark.parametrize("key", list(simulate.ANSWERS))
def test_the_simulated_class_gets_its_words_and_loses_exactly_its_points(key):
    """The answers the end-to-end tests autograde, graded here without nbgrader."""
    answer = simulate.ANSWERS[key]
    # One student makes all the feedback mistakes: the functions they call are that student's.
    notebook = tuple(a.code for a in simulate.FEEDBACK_MISTAKES.values()) if key in simulate.FEEDBACK_MISTAKES else ()
    graded = grade_source(answer.function, answer.code, notebook=notebook)
    assert graded.max_score - graded.score == answer.lost_points, graded.report()
    # A failing callee is named by ScoreProbes, which reads the whole notebook (tests/pipeline).
    for word in (w for w in answer.words if "calls your" not in w):
        assert word in graded.report(), (word, graded.report())
    for word in answer.absent:
        assert word not in graded.report(), (word, graded.report())


# What nbgrader reads ----------------------------------------------------------------------------


def _hidden_cell(points: float, outputs: list):
    cell = new_code_cell(source="grade_hidden('f')")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "points": points, "grade_id": "hidden_f"}
    cell.outputs = outputs
    return cell


@pytest.mark.parametrize(
    "function, student, score",
    [
        ("jacobians_sub", lambda u, v: (np.eye(len(u)), np.eye(len(u))), 1.0),
        ("jacobian_sigmoid", lambda z: -reference.jacobian_sigmoid(z), 0.0),
        ("jacobian_sigmoid", reference.jacobian_sigmoid, 2.0),
    ],
)
def test_the_html_table_sits_next_to_the_report_without_changing_the_score(function, student, score):
    graded = grade(function, student)
    outputs = verdict_outputs(graded)
    tables = [o for o in outputs if o.output_type == "display_data"]
    assert determine_grade(_hidden_cell(graded.max_score, outputs)) == (score, graded.max_score)
    if graded.passed:
        assert tables == []
    else:
        (table,) = tables
        assert table.data["text/html"] == graded.html() and "<table" in graded.html() and function in graded.html()


def test_the_solution_notebook_drops_every_solution_marker_even_on_a_last_line_without_newline():
    cell = new_code_cell("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION")
    cell.metadata["nbgrader"] = {"solution": True}
    assert simulate.solution_notebook(nbformat.v4.new_notebook(cells=[cell])).cells[0].source == "def f():\n    return 1\n"
