"""The ordered checks and their diagnoses, on typical wrong answers built from the reference.

Each typical mistake must be named (``Verdict.check``) and explained in the words a
student recognises; correct answers written differently must pass on every case of
every exercise.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from grader.checking import checks, render
from grader.checking.diagnosis import PRECEDENCE
from grader.checking.tolerance import mismatch
from grader.contract import exercises
from grader.contract import mistakes, reference
from grader.probe.answers import NotAnArray, Raised, Unconvertible
from grader.contract.exercises import Case

SEED = 12345


def case_of(function: str, label: str) -> Case:
    return next(case for case in exercises.get(function).cases(SEED) if case.label == label)


def verdict_on(function: str, answer, case: Case):
    """The checks' verdict on ``answer`` (a single answer; for a pair, the tuple of both verdicts)."""
    exercise = exercises.get(function)
    alternative = exercise.also_accepted(*case.args) if exercise.also_accepted else None
    if exercise.parts:
        return checks.check_parts(answer, exercise.expected(case), alternative, exercise, case)
    return checks.check_array(answer, exercise.expected(case), exercise.output, alternative, exercise, case)


def as_answer(value):
    """What the grader receives from the kernel: float64 arrays, a list or tuple as a tuple."""
    if isinstance(value, (tuple, list)):
        return tuple(np.asarray(v, dtype=np.float64) for v in value)
    return np.asarray(value, dtype=np.float64)


# Typical mistakes: (diagnosis, function, case label, wrong answer from (args, expected), words) ----

MISTAKES = [
    ("diagonal_as_vector", "jacobian_sigmoid", "n=3", lambda args, J: np.diag(J), ("shape", "np.diag(...)", "3×3", "diagonal")),
    ("diagonal_as_vector", "jacobian_identity", "n=1", lambda args, J: np.ones(1), ("np.diag(...)", "1×1")),
    ("diagonal_as_vector", "jacobian_bce_per_example", "N=4", lambda args, J: np.diag(J) + 1, ("np.diag", "not the expected diagonal")),
    ("row_or_column", "jacobian_neuron_b", "N=4, d=3", lambda args, g: g.reshape(1, -1), ("shape", "(4,)", "row", "values are right")),
    ("row_or_column", "grad_mse", "N=9", lambda args, g: 2 * g.reshape(-1, 1), ("(9,)", "column", "values are wrong")),
    ("array_for_scalar", "bce_loss", "N=4", lambda args, J: np.array([J]), ("expected a float", "shape (1,)")),
    ("collapsed_tensor", "jacobian_dense_w", "n=3, m=2", lambda args, T: T[[0, 1, 2], [0, 1, 2]], ("(3, 3, 2)", "W[j, k]", "[i, i, :]", "np.zeros")),
    ("collapsed_tensor", "jacobian_neuron_x", "N=4, d=3", lambda args, T: np.ones((4, 3)), ("(4, 4, 3)", "X[j, k]", "not the slice")),
    ("transposed", "jacobian_dense_x", "n=3, m=2", lambda args, J: J.T, ("transpose", "(3, 2)", "(2, 3)", "one row per output")),
    ("shape", "jacobian_dense_x", "n=2, m=5", lambda args, J: J.T + 1, ("shape of the transpose", "one row per output")),
    ("axes_order", "jacobian_dense_w", "n=3, m=2", lambda args, T: np.transpose(T, (2, 0, 1)), ("axes", "np.transpose", "(3, 3, 2)")),
    ("shape", "jacobian_tanh", "n=3", lambda args, J: J[:2], ("wrong shape", "(3, 3)", "(2, 3)")),
    ("off_diagonal", "jacobian_tanh", "n=3", lambda args, J: np.outer(1 - np.tanh(args[0]), 1 + np.tanh(args[0])), ("off-diagonal", "must be 0", "diagonal is right")),
    ("off_diagonal", "jacobian_sigmoid", "n=6", lambda args, J: 2 * J + 0.01, ("off-diagonal", "diagonal is wrong as well")),
    ("off_diagonal", "jacobian_dense_w", "n=3, m=2", lambda args, T: T + 0.1, ("i != j", "must be 0")),
    ("swapped", "jacobians_hadamard", "n=3", lambda args, pair: pair[::-1], ("swapped", "(dw/du, dw/dv)")),
    ("sign_flipped", "jacobian_sigmoid", "n=3", lambda args, J: -J, ("sign", "-1 ×")),
    ("sign_flipped", "bce_loss", "N=4", lambda args, J: -J, ("sign is flipped",)),
    ("missing_1/N", "grad_bce", "N=4", lambda args, g: 4 * g, ("1/N", "N = 4", "mean", "4 ×")),
    ("missing_1/N", "mse_loss", "N=9", lambda args, J: 9 * J, ("1/N", "N = 9")),
    ("missing_1/N", "grad_softmax_ce_logits", "N=3, K=5", lambda args, G: 3 * G, ("1/N", "N = 3")),
    ("missing_1/N", "grad_bce_logits", "N=9", lambda args, g: -9 * g, ("-9 ×", "sign is flipped", "1/N")),
    ("extra_1/N", "jacobian_bce_per_example", "N=4", lambda args, J: J / 4, ("1/N too many", "0.25 ×")),
    ("missing_2", "grad_mse", "N=4", lambda args, g: g / 2, ("factor 2 is missing", "−2 (y − ŷ)", "0.5 ×")),
    ("missing_2", "jacobian_dense_x", "n=3, m=2", lambda args, J: J / 2, ("factor 2 is missing",)),
    ("extra_2", "jacobian_log_exp", "n=3", lambda args, J: 2 * J, ("factor 2 too many", "2 ×")),
    ("constant_factor", "jacobian_tanh", "n=6", lambda args, J: 3 * J, ("3 ×", "constant factor")),
    ("approximate", "jacobian_sigmoid", "n=200", lambda args, J: J * (1 + 1e-7), ("close but not exact", "finite differences")),
    ("values", "jacobian_log_exp", "n=1", lambda args, J: 3 * J, ("wrong value at index (0, 0)", "expected", "got")),
    ("values", "jacobian_sigmoid", "n=3", lambda args, J: J + np.diag([0, 0.5, 0]), ("1 of 9 entries", "(1, 1)", "zeros off the diagonal are right")),
    ("values", "dense_forward", "n=3, m=2", lambda args, a: np.append(a[:2], 0.5), ("1 of 3 entries", "[2]")),
    ("finite", "grad_bce", "N=4", lambda args, g: np.where(np.arange(4) == 2, np.nan, g), ("NaN", "division by zero")),
    # The common mistakes the notebooks list, and a batch of one squeezed away.
    ("squeezed", "grad_bce", "N=1", lambda args, g: g.reshape(()), ("np.squeeze removed the batch axis of a batch of one", ".ravel()", "reshape(-1)")),
    ("squeezed", "dense_forward", "n=1, m=1", lambda args, a: a.reshape(()), ("np.squeeze", "expected shape (1,)", ".ravel()")),
    ("per_example_losses", "mse_loss", "N=9", lambda args, J: (args[0] - args[1]) ** 2, ("per-example losses", "shape (9,)", "mean", "np.mean")),
    ("softmax_axis", "grad_softmax_ce_logits", "N=4, K=3", lambda args, G: mistakes.softmax_axis(*args), ("wrong axis", "every row of the gradient sums to 0", "axis=1")),
    ("w_for_x", "jacobian_dense_w", "n=3, m=2", lambda args, T: mistakes.w_for_x(*args), ("W where x belongs", "a_i (1 − a_i) x")),
    # ps5_window's typical mistakes, recognised by their formulas (Exercise.mistakes)
    ("gradient_transposed", "grad_window_W", "n=3, m=10 (c=2, d=2)", lambda args, g: g.T, ("x δᵀ", "δ xᵀ", "(10, 3)", "np.outer(delta, x)")),
    ("jacobian_form", "grad_window_W", "n=3, m=10 (c=2, d=2)", lambda args, g: g[None], ("Jacobian form", "shape convention", "(1, 3, 10)")),
    ("W_delta", "grad_window_x", "n=3, m=3 (c=1, d=1)", lambda args, g: args[1] @ reference.window_delta(*args), ("W δ", "W.T @ delta")),
    ("delta_without_u", "window_delta", "n=3, m=10 (c=2, d=2)", lambda args, d: d / args[3], ("without u", "u ⊙ h ⊙ (1 − h)")),
    ("delta_without_u", "grad_window_x", "n=5, m=15 (c=2, d=3)", lambda args, g: mistakes.grad_x_without_u(*args), ("without u",)),
    ("delta_without_sigma_prime", "grad_window_b", "n=5, m=15 (c=2, d=3)", lambda args, d: args[3], ("without σ'",)),
    ("delta_without_sigma_prime", "grad_window_W", "n=3, m=10 (c=2, d=2)", lambda args, g: np.outer(args[3], args[0]), ("σ'",)),
    ("repeated_word_assigned", "grad_window_embeddings", "V=6, d=2, c=2, a word three times",
     lambda args, G: mistakes.embeddings_assigned(*args), ("repeated word", "np.add.at")),
    ("window_blocks", "grad_window_embeddings", "V=300, d=3, c=2, most rows absent", lambda args, G: G[args[1]], ("(V, d)", "np.zeros(E.shape)")),
    ("flattened_by_columns", "window_vector", "V=6, d=2, c=2, a word three times", lambda args, x: x.reshape(-1, 2).T.reshape(-1),
     ("column by column", "reshape(-1)")),
    ("per_example", "window_batch_grads", "N=4, m=10, n=3", lambda args, t: mistakes.batch_grads_per_example(*args),
     ("one gradient per window", "sum")),
    ("one_after_another", "train_window_classifier", "N=8, m=6, n_hidden=3, lr=1.0, 5 epochs",
     lambda args, t: mistakes.train_one_after_another(*args), ("one after another", "one set of gradients")),
    ("gradient_ascent", "train_window_classifier", "N=8, m=6, n_hidden=3, lr=1.0, 5 epochs",
     lambda args, t: mistakes.train_ascending(*args), ("ascent", "W − lr * dW")),
]


@pytest.mark.parametrize("check, function, label, wrong, words", MISTAKES, ids=[f"{m[0]}-{m[1]}" for m in MISTAKES])
def test_a_typical_mistake_is_named_and_explained(check, function, label, wrong, words):
    case = case_of(function, label)
    expected = exercises.get(function).expected(case)
    verdicts = verdict_on(function, as_answer(wrong(case.args, expected)), case)
    for verdict in verdicts if isinstance(verdicts, tuple) else (verdicts,):
        assert not verdict.passed
        assert verdict.check == check, verdict.message
        for word in words:
            assert word in verdict.message, (word, verdict.message)


def test_every_diagnosis_is_exercised_by_a_typical_mistake():
    named_here = {m[0] for m in MISTAKES}
    named_below = {"not_implemented", "broadcast", "raised", "returned_none", "type", "not_a_pair", "pair_length", "not_a_triple", "triple_length"}
    assert named_here | named_below == set(PRECEDENCE)


def test_a_small_answer_shows_expected_and_received_values_and_a_table():
    case = case_of("jacobian_tanh", "n=3")
    J = reference.jacobian_tanh(*case.args)
    verdict = verdict_on("jacobian_tanh", J + np.diag([0.0, 0.25, 0.0]), case)
    lines = verdict.message.splitlines()
    assert lines[1] == "expected shape (3, 3):" and "got shape (3, 3):" in lines
    assert render.array_text(J).splitlines()[0] in verdict.message
    assert verdict.html.count("<table") == 2 and verdict.html.count("background-color:#f8d0d0") == 1
    assert f'title="expected {render.number(J[1, 1])}"' in verdict.html


def test_a_big_answer_names_the_worst_entry_without_printing_arrays():
    case = case_of("jacobian_log_exp", "n=200")
    (x,) = case.args
    verdict = verdict_on("jacobian_log_exp", np.diag(np.log(x) + np.exp(x)), case)
    assert verdict.check == "values" and "200 of 40000 entries differ; the worst at index" in verdict.message
    assert len(verdict.message.splitlines()) == 1 and verdict.html == ""


def test_the_html_table_marks_only_the_wrong_entries_and_skips_big_or_3d_answers():
    expected = np.arange(4.0).reshape(2, 2)
    answer = expected + np.array([[0, 1], [0, 0]])
    html = render.comparison_html(answer, expected, mismatch(answer, expected))
    assert html.count("<td") == 8 and html.count("#f8d0d0") == 1 and "wrong entries are marked" in html
    assert render.comparison_html(np.zeros((9, 9)), np.ones((9, 9))) == ""
    assert render.comparison_html(np.zeros((2, 2, 2)), np.ones((2, 2, 2))) == ""
    assert "<table" in render.comparison_html(np.zeros(3), np.zeros((3, 3)))


def test_transposed_values_show_on_a_square_non_symmetric_jacobian():
    rng = np.random.default_rng(1)
    for function, case in (
        ("jacobian_dense_x", Case("n=3, m=3", (rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=3)))),
        ("grad_softmax_ce_logits", Case("N=3, K=3", (np.eye(3)[[0, 2, 1]], rng.normal(0, 3, (3, 3))))),
    ):
        expected = exercises.get(function).expected(case)
        verdict = verdict_on(function, expected.T, case)
        assert verdict.check == "transposed" and "transpose" in verdict.message and "got shape" in verdict.message
        assert "expected shape (3, 3), got" not in verdict.message.splitlines()[0]  # same shape: no shape talk


def test_a_symmetric_jacobian_is_never_called_transposed():
    case = case_of("jacobian_sigmoid", "n=3")
    J = reference.jacobian_sigmoid(*case.args)
    assert verdict_on("jacobian_sigmoid", J.T, case).passed
    assert verdict_on("jacobian_sigmoid", J.T * 3, case).check == "constant_factor"


def test_a_single_number_is_never_called_a_constant_factor_but_named_factors_are_kept():
    case = case_of("grad_mse", "N=1")
    g = reference.grad_mse(*case.args)
    assert verdict_on("grad_mse", 1.7 * g, case).check == "values"
    assert verdict_on("grad_mse", g / 2, case).check == "missing_2"
    assert verdict_on("grad_mse", -g, case).check == "sign_flipped"


def test_a_missing_mean_is_not_named_on_a_batch_of_one_where_it_cannot_show():
    case = case_of("mse_loss", "N=1")
    y, y_hat = case.args
    assert mistakes.per_example_losses(y, y_hat) is None
    verdict = verdict_on("mse_loss", (y - y_hat) ** 2, case)
    assert verdict.check == "array_for_scalar"  # ranked below per_example_losses: N > 1 is the case reported


def test_a_scaled_scalar_reads_as_one_value():
    case = case_of("mse_loss", "N=4")
    J = reference.mse_loss(*case.args)
    verdict = verdict_on("mse_loss", np.asarray(4 * J), case)
    assert verdict.check == "missing_1/N" and "(4 times the expected value)" in verdict.message
    assert "entries" not in verdict.message and "every entry" not in verdict.message


def test_numpys_broadcast_error_is_named_with_the_fix():
    case = case_of("jacobian_dense_x", "n=3, m=2")
    error = Raised("ValueError: operands could not be broadcast together with shapes (3,) (3,2) ")
    verdict = verdict_on("jacobian_dense_x", error, case)
    assert verdict.check == "broadcast" and "s[:, None] * W" in verdict.message and "(3,) (3,2)" in verdict.message


def test_a_list_costs_the_points_even_with_the_right_values_but_a_number_is_a_float():
    case = case_of("dense_forward", "n=3, m=2")
    a = reference.dense_forward(*case.args)
    right = verdict_on("dense_forward", NotAnArray("list", a), case)
    assert right.check == "type" and "got a list (its values are right)" in right.message and "np.array(" in right.message
    one = case_of("dense_forward", "n=1, m=1")
    number = verdict_on("dense_forward", NotAnArray("float", reference.dense_forward(*one.args).reshape(())), one)
    assert number.check == "type" and "got a float (its values are right)" in number.message
    wrong = verdict_on("dense_forward", NotAnArray("list", a + 1), case)
    assert wrong.check == "type" and "values are wrong as well" in wrong.message
    loss = case_of("mse_loss", "N=4")
    assert verdict_on("mse_loss", NotAnArray("float", np.asarray(reference.mse_loss(*loss.args))), loss).passed
    assert verdict_on("mse_loss", NotAnArray("list", np.asarray([reference.mse_loss(*loss.args)])), loss).check == "array_for_scalar"


# The returned? and type steps, and pairs ---------------------------------------------------------


def test_not_implemented_raised_none_and_unconvertible_answers():
    case = case_of("jacobian_sigmoid", "n=3")
    blank = verdict_on("jacobian_sigmoid", Raised("NotImplementedError: not implemented yet"), case)
    assert blank.check == "not_implemented" and "not implemented yet" in blank.message
    raised = verdict_on("jacobian_sigmoid", Raised("ValueError: shapes (3,) and (2,) not aligned"), case)
    assert raised.check == "raised" and "ValueError: shapes (3,) and (2,) not aligned" in raised.message
    none = verdict_on("jacobian_sigmoid", Unconvertible("NoneType", "None"), case)
    assert none.check == "returned_none" and "return" in none.message
    text = verdict_on("jacobian_sigmoid", Unconvertible("str", "'diag'"), case)
    assert text.check == "type" and "numpy array of floats" in text.message and "'diag'" in text.message
    scalar = verdict_on("mse_loss", Unconvertible("complex array", "(1+2j)"), case_of("mse_loss", "N=4"))
    assert scalar.check == "type" and "expected a float" in scalar.message


def test_pairs_with_a_missing_extra_or_none_element_or_a_single_array():
    case = case_of("jacobians_sub", "n=3")
    I = np.eye(3)  # noqa: E741
    single = verdict_on("jacobians_sub", I, case)
    assert [v.check for v in single] == ["not_a_pair"] * 2 and "pair (dw/du, dw/dv)" in single[0].message
    one = verdict_on("jacobians_sub", (I,), case)
    assert [v.check for v in one] == ["pair_length"] * 2 and "only 1 element" in one[0].message
    three = verdict_on("jacobians_sub", (I, -I, I), case)
    assert three[0].check == "pair_length" and "3 elements" in three[0].message
    half = verdict_on("jacobians_sub", (I, Unconvertible("NoneType", "None")), case)
    assert half[0].passed and half[1].check == "returned_none" and "element of the pair is None" in half[1].message


def test_triples_with_a_missing_or_none_element_or_a_single_array():
    case = case_of("window_batch_grads", "N=4, m=10, n=3")
    dW, db, du = reference.window_batch_grads(*case.args)
    single = verdict_on("window_batch_grads", dW, case)
    assert [v.check for v in single] == ["not_a_triple"] * 3
    assert "triple (dJ/dW, dJ/db, dJ/du)" in single[0].message and "return dJ_dW, dJ_db, dJ_du" in single[0].message
    two = verdict_on("window_batch_grads", (dW, db), case)
    assert [v.check for v in two] == ["triple_length"] * 3 and "2 elements" in two[0].message
    half = verdict_on("window_batch_grads", (dW, Unconvertible("NoneType", "None"), du), case)
    assert [v.passed for v in half] == [True, False, True] and "element of the triple is None" in half[1].message


def test_a_typical_mistake_is_not_named_where_it_gives_the_right_answer():
    case = case_of("window_vector", "V=4, d=1, c=1, a word twice")  # d = 1: by rows or by columns is the same
    assert verdict_on("window_vector", mistakes.window_vector_by_columns(*case.args), case).passed


def test_equal_elements_cannot_be_swapped():
    case = case_of("jacobians_add", "n=3")
    assert all(v.passed for v in verdict_on("jacobians_add", (np.eye(3), np.eye(3)), case))


# Correct answers written differently pass on every case of every exercise ------------------------


def _textbook_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _log_exp_loop(x):
    J = np.zeros((len(x), len(x)))
    for i in range(len(x)):
        J[i, i] = 1.0 / x[i] + np.exp(x[i])
    return J


def _hadamard_loops(u, v):
    n = len(u)
    du, dv = np.zeros((n, n)), np.zeros((n, n))
    for i in range(n):
        du[i, i], dv[i, i] = v[i], u[i]
    return du, dv


def _dense_w_loops(W, x, b):
    a = _textbook_sigmoid(W @ x + b)
    n, m = W.shape
    J = np.zeros((n, n, m))
    for i in range(n):
        for k in range(m):
            J[i, i, k] = a[i] * (1 - a[i]) * x[k]
    return J


def _mse_loop(y, y_hat):
    total = 0.0
    for target, prediction in zip(y, y_hat):
        total += (target - prediction) ** 2
    return total / len(y)


def _softmax_unstabilised(Y, L):
    E = np.exp(L)
    return (E / E.sum(axis=1, keepdims=True) - Y) / Y.shape[0]


def _window_delta_as_jacobians(x, W, b, u):
    h = _textbook_sigmoid(W @ x + b)
    return u @ np.diag(h * (1 - h))  # ds/dh (a row) times dh/dz


def _embeddings_loop(E, window, W, b, u):
    x = np.concatenate([E[w] for w in window])
    d = E.shape[1]
    dx = W.T @ _window_delta_as_jacobians(x, W, b, u)
    grad = np.zeros(E.shape)
    for j, word in enumerate(window):
        grad[word] += dx[j * d:(j + 1) * d]
    return grad


def _batch_grads_per_example_loop(X, y, W, b, u):
    dW, db, du = np.zeros(W.shape), np.zeros(b.shape), np.zeros(u.shape)
    for x, target in zip(X, y):
        h = _textbook_sigmoid(W @ x + b)
        g = _textbook_sigmoid(u @ h) - target
        delta = g * u * h * (1 - h)
        dW += np.einsum("i,k->ik", delta, x)
        db += delta
        du += g * h
    N = len(y)
    return dW / N, db / N, du / N


def _train_loop(X, y, n_hidden, lr, epochs, seed):
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 0.1, size=(n_hidden, X.shape[1]))
    b = np.zeros(n_hidden)
    u = rng.normal(0.0, 0.1, size=n_hidden)
    for _ in range(epochs):
        grads = _batch_grads_per_example_loop(X, y, W, b, u)
        W, b, u = (p - lr * g for p, g in zip((W, b, u), grads))
    return W, b, u


PS5_ALTERNATIVES = {
    "window_vector": lambda E, window: np.concatenate([E[w] for w in window]),
    "window_score": lambda x, W, b, u: sum(u[i] * _textbook_sigmoid(W[i] @ x + b[i]) for i in range(len(u))),
    "window_delta": _window_delta_as_jacobians,
    "grad_window_b": lambda x, W, b, u: _window_delta_as_jacobians(x, W, b, u) @ np.eye(len(b)),
    "grad_window_W": lambda x, W, b, u: np.einsum("i,k->ik", _window_delta_as_jacobians(x, W, b, u), x),
    "grad_window_x": lambda x, W, b, u: _window_delta_as_jacobians(x, W, b, u) @ W,
    "grad_window_u": lambda x, W, b, u: _textbook_sigmoid(W @ x + b),
    "grad_window_embeddings": _embeddings_loop,
    "window_batch_loss": lambda X, y, W, b, u: -np.mean(
        y * np.log(_textbook_sigmoid(_textbook_sigmoid(X @ W.T + b) @ u))
        + (1 - y) * np.log(1 - _textbook_sigmoid(_textbook_sigmoid(X @ W.T + b) @ u))
    ),
    "window_batch_grads": _batch_grads_per_example_loop,
    "train_window_classifier": _train_loop,
}


ALTERNATIVES = {
    "jacobian_identity": lambda x: np.diagflat(np.ones(len(x))),
    "jacobian_log_exp": _log_exp_loop,
    "jacobian_sigmoid": lambda z: np.diag(np.exp(-z) / (1 + np.exp(-z)) ** 2),
    "jacobian_tanh": lambda z: np.diagflat(1 - np.tanh(z) ** 2),
    "jacobian_relu": lambda z: np.diag(np.heaviside(z, 1.0)),
    "jacobians_add": lambda u, v: [np.identity(len(u))] * 2,
    "jacobians_sub": lambda u, v: (np.diag(np.ones_like(u)), -np.diag(np.ones_like(v))),
    "jacobians_hadamard": _hadamard_loops,
    "dense_forward": lambda W, x, b: _textbook_sigmoid(W @ x + b),
    "jacobian_dense_z": lambda W, x, b: np.diag(np.exp(-(W @ x + b)) / (1 + np.exp(-(W @ x + b))) ** 2),
    "jacobian_dense_b": lambda W, x, b: np.diag(_textbook_sigmoid(W @ x + b) * (1 - _textbook_sigmoid(W @ x + b))) @ np.eye(len(b)),
    "jacobian_dense_x": lambda W, x, b: np.diag(_textbook_sigmoid(W @ x + b) * (1 - _textbook_sigmoid(W @ x + b))) @ W,
    "jacobian_dense_w": _dense_w_loops,
    "jacobian_neuron_w": lambda X, w, b: np.diag(_textbook_sigmoid(X @ w + b) * (1 - _textbook_sigmoid(X @ w + b))) @ X,
    "jacobian_neuron_b": lambda X, w, b: np.exp(-(X @ w + b)) / (1 + np.exp(-(X @ w + b))) ** 2,
    "jacobian_neuron_x": lambda X, w, b: np.einsum(
        "ij,i,k->ijk", np.eye(len(X)), _textbook_sigmoid(X @ w + b) * (1 - _textbook_sigmoid(X @ w + b)), w
    ),
    "mse_loss": _mse_loop,
    "grad_mse": lambda y, y_hat: 2 * (y_hat - y) / len(y),
    "bce_loss": lambda y, p: -np.mean(np.where(y == 1, np.log(p), np.log(1 - p))),
    "jacobian_bce_per_example": lambda y, p: np.diag(-y / p + (1 - y) / (1 - p)),
    "grad_bce": lambda y, p: (-y / p + (1 - y) / (1 - p)) / len(y),
    "grad_bce_logits": lambda y, z: (_textbook_sigmoid(z) - y) / len(y),
    "grad_softmax_ce_logits": _softmax_unstabilised,
    **PS5_ALTERNATIVES,
}


def test_there_is_an_alternative_for_every_exercise():
    assert set(ALTERNATIVES) == {e.name for e in exercises.EXERCISES}


@pytest.mark.parametrize("exercise", exercises.EXERCISES, ids=lambda e: e.name)
def test_a_correct_answer_written_differently_passes_on_every_case(exercise):
    for seed in (SEED, 0, 7):
        for case in exercise.cases(seed):
            with np.errstate(all="ignore"):
                answer = as_answer(ALTERNATIVES[exercise.name](*case.args))
            verdicts = verdict_on(exercise.name, answer, case)
            for verdict in verdicts if isinstance(verdicts, tuple) else (verdicts,):
                assert verdict.passed, (case.label, verdict.message)


def test_relu_at_zero_accepts_either_derivative_and_nothing_else():
    case = case_of("jacobian_relu", "edge values")
    (z,) = case.args
    assert 0.0 in z
    for at_zero in (0.0, 1.0):
        assert verdict_on("jacobian_relu", np.diag(np.where(z == 0, at_zero, (z > 0) * 1.0)), case).passed
    half = verdict_on("jacobian_relu", np.diag(np.where(z == 0, 0.5, (z > 0) * 1.0)), case)
    assert half.check == "values" and "expected 1, got 0.5" in half.message


# Tolerance: float noise passes, an approximation fails -------------------------------------------


def test_noise_at_1e_13_relative_passes_at_n_300():
    rng = np.random.default_rng(3)
    z = rng.uniform(-6, 6, 300)
    J = reference.jacobian_sigmoid(z)
    assert checks.check_array(J * (1 + 1e-13 * rng.standard_normal(J.shape)), J).passed
    (y, y_hat) = case_of("grad_mse", "N=300").args
    g = reference.grad_mse(y, y_hat)
    assert checks.check_array(g * (1 + 1e-13 * rng.standard_normal(300)), g).passed


def test_an_error_of_1e_6_relative_fails_at_n_300():
    rng = np.random.default_rng(4)
    z = rng.uniform(-6, 6, 300)
    J = reference.jacobian_sigmoid(z)
    verdict = checks.check_array(J * (1 + 1e-6 * rng.standard_normal(J.shape)), J)
    assert not verdict.passed and verdict.check == "approximate"
    assert "300 of 90000 entries differ" in verdict.message


def test_wild_answers_are_diagnosed_without_numpy_warnings():
    case = case_of("jacobian_sigmoid", "n=3")
    J = reference.jacobian_sigmoid(*case.args)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for wild in (J * 1e308, np.full((3, 3), -1e308), np.where(np.eye(3) > 0, np.inf, 0.0)):
            verdict = verdict_on("jacobian_sigmoid", wild, case)
            assert not verdict.passed
