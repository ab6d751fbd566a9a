"""The released notebooks' visible tests, run on typical wrong answers: every "Common mistake" a
notebook describes is named, a shape that passes a visible test passes the hidden tests' sizes, and
an answer that is not a numpy array is pointed out even when its values are right.

Each test runs the committed release's own setup cell and visible test cell (the code a student
runs) with a student's answer in place of the solution cell.
"""

from __future__ import annotations

import json
import re
import warnings

import pytest

from tests.helpers import PROJECT


def _cells(assignment: str) -> dict[str, str]:
    """{grade_id: source} of a released notebook."""
    nb = json.loads((PROJECT / "release" / assignment / f"{assignment}.ipynb").read_text())
    return {
        c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"])
        for c in nb["cells"]
        if "nbgrader" in c["metadata"]
    }


def run_visible_test(assignment: str, function: str, answer: str) -> str:
    """What the visible test of `function` says about `answer`: its AssertionError, or its printed verdict."""
    cells = _cells(assignment)
    namespace: dict = {}
    exec(next(source for grade_id, source in cells.items() if grade_id.startswith("setup")), namespace)
    exec(answer, namespace)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(cells[f"visible_{function}"], namespace)
        except AssertionError as failure:
            return f"FAILED: {failure}"
    return "passed"


def _messages() -> dict[str, str]:
    import numpy as np

    namespace = {"np": np}
    exec((PROJECT / "notebooks" / "shared" / "self_check.py").read_text(), namespace)
    return namespace["MESSAGES"]


SIGMOID = "a = sigmoid(W @ x + b)\n    s = a * (1 - a)\n"
NEURON = "a = sigmoid(X @ w + b)\n    s = a * (1 - a)\n"
DELTA = "h = sigmoid(W @ x + b)\n    d = u * h * (1 - h)\n"
BLOCKS = ("def grad_window_embeddings(E, window, W, b, u):\n    x = E[window].reshape(-1)\n    h = sigmoid(W @ x + b)\n"
          "    blocks = (W.T @ (u * h * (1 - h))).reshape(len(window), E.shape[1])\n")
# ps5's mini-batch gradients: H and the scores' gradient g, then the solution's sums.
BATCH = "def window_batch_grads(X, y, W, b, u):\n    H = sigmoid(X @ W.T + b)\n"
BATCH_SUMS = "    D = g[:, None] * u * H * (1 - H)\n    return D.T @ X, D.sum(axis=0), H.T @ g"
# The training run's window_batch_grads (the solution's) and its seeded start, before the loop.
TRAIN_START = (
    f"{BATCH}    g = (sigmoid(H @ u) - y) / len(y)\n{BATCH_SUMS}\n\n"
    "def train_window_classifier(X, y, n_hidden, lr, epochs, seed):\n    rng = np.random.default_rng(seed)\n"
    "    W = rng.normal(0.0, 0.1, size=(n_hidden, X.shape[1]))\n    b = np.zeros(n_hidden)\n"
    "    u = rng.normal(0.0, 0.1, size=n_hidden)\n    for _ in range(epochs):\n"
)

# (assignment, function, answer, key of MESSAGES the visible test must print): one per "Common mistake".
NAMED_MISTAKES = [
    ("ps1_unary", "jacobian_log_exp", "def jacobian_log_exp(x):\n    return np.diag(np.log(x) + np.exp(x))", "mistake_function_not_derivative"),
    ("ps1_unary", "jacobian_log_exp", "def jacobian_log_exp(x):\n    return np.diag(np.exp(x))", "mistake_log_term_missing"),
    ("ps1_unary", "jacobian_sigmoid", "def jacobian_sigmoid(z):\n    return np.diag(z * (1 - z))", "mistake_sigmoid_not_applied"),
    ("ps1_unary", "jacobian_tanh", "def jacobian_tanh(z):\n    return np.diag(1 - np.tanh(z))", "mistake_tanh_one_minus_a"),
    ("ps1_unary", "jacobian_tanh", "def jacobian_tanh(z):\n    return np.diag(1 + np.tanh(z) ** 2)", "mistake_tanh_one_plus_a2"),
    ("ps1_unary", "jacobian_tanh", "def jacobian_tanh(z):\n    return np.diag((1 + z) * (1 - z))", "mistake_tanh_not_applied"),
    ("ps1_unary", "jacobian_relu", "def jacobian_relu(z):\n    return np.diag(np.maximum(0, z))", "mistake_relu_itself"),
    ("ps1_unary", "jacobian_relu", "def jacobian_relu(z):\n    return np.diag(np.sign(z))", "mistake_relu_sign"),
    ("ps1_unary", "jacobian_relu", "def jacobian_relu(z):\n    return np.diag((z < 0).astype(float))", "mistake_relu_reversed"),
    ("ps1_unary", "jacobian_identity", "def jacobian_identity(x):\n    return np.ones_like(x)", "hint_diagonal_as_vector"),
    ("ps1_unary", "jacobian_identity", "def jacobian_identity(x):\n    return np.ones((len(x), len(x)))", "hint_off_diagonal"),
    ("ps2_binary", "jacobians_add", "def jacobians_add(u, v):\n    return np.eye(len(u))", "not_a_tuple"),
    ("ps2_binary", "jacobians_sub", "def jacobians_sub(u, v):\n    return np.eye(len(u)), np.eye(len(u)) - 1", "hint_off_diagonal"),
    ("ps2_binary", "jacobians_hadamard", "def jacobians_hadamard(u, v):\n    return np.diag(u), np.diag(v)", "pair_order"),
    ("ps2_binary", "jacobians_hadamard", "def jacobians_hadamard(u, v):\n    return v, u", "hint_diagonal_as_vector"),
    ("ps3_dense", "jacobian_dense_z", f"def jacobian_dense_z(W, x, b):\n    {SIGMOID}    return s", "hint_diagonal_as_vector"),
    ("ps3_dense", "jacobian_dense_b", "def jacobian_dense_b(W, x, b):\n    return np.eye(len(b))", "mistake_identity_for_b"),
    ("ps3_dense", "jacobian_dense_x", f"def jacobian_dense_x(W, x, b):\n    {SIGMOID}    return W.T * s", "hint_swapped"),
    ("ps3_dense", "jacobian_dense_x", "def jacobian_dense_x(W, x, b):\n    return W", "mistake_slope_forgotten"),
    ("ps3_dense", "jacobian_dense_w", f"def jacobian_dense_w(W, x, b):\n    {SIGMOID}    return np.outer(s, x)", "hint_tensor_lost_axis"),
    ("ps3_dense", "jacobian_dense_w",
     f"def jacobian_dense_w(W, x, b):\n    {SIGMOID}    T = np.zeros((len(b), len(b), len(x)))\n"
     "    for i in range(len(b)):\n        T[i, i, :] = s[i] * W[i]\n    return T", "mistake_w_where_x_belongs"),
    ("ps3_dense", "jacobian_dense_w",
     f"def jacobian_dense_w(W, x, b):\n    {SIGMOID}    T = np.zeros((len(b), len(x), len(b)))\n"
     "    for i in range(len(b)):\n        T[i, :, i] = s[i] * x\n    return T", "hint_axes_order"),
    ("ps3_dense", "jacobian_neuron_w", "def jacobian_neuron_w(X, w, b):\n    return X", "mistake_slope_forgotten"),
    ("ps3_dense", "jacobian_neuron_w", f"def jacobian_neuron_w(X, w, b):\n    {NEURON}    return (s[:, None] * X).T", "hint_swapped"),
    ("ps3_dense", "jacobian_neuron_w", f"def jacobian_neuron_w(X, w, b):\n    {NEURON}    return s @ X", "hint_summed_axis"),
    ("ps3_dense", "jacobian_neuron_b", f"def jacobian_neuron_b(X, w, b):\n    {NEURON}    return np.diag(s)", "mistake_diag_for_shared_bias"),
    ("ps3_dense", "jacobian_neuron_b", f"def jacobian_neuron_b(X, w, b):\n    {NEURON}    return s.sum()", "mistake_summed_over_examples"),
    ("ps3_dense", "jacobian_neuron_b", f"def jacobian_neuron_b(X, w, b):\n    {NEURON}    return s[None, :]", "hint_row_or_column"),
    ("ps3_dense", "jacobian_neuron_x", f"def jacobian_neuron_x(X, w, b):\n    {NEURON}    return np.outer(s, w)", "hint_tensor_lost_axis"),
    ("ps3_dense", "jacobian_neuron_x",
     f"def jacobian_neuron_x(X, w, b):\n    {NEURON}    T = np.zeros((len(X), len(X), len(w)))\n"
     "    for i in range(len(X)):\n        T[i, i, :] = s[i] * X[i]\n    return T", "mistake_x_where_w_belongs"),
    ("ps4_losses", "mse_loss", "def mse_loss(y, y_hat):\n    return (y - y_hat) ** 2", "hint_per_example_vector"),
    ("ps4_losses", "mse_loss", "def mse_loss(y, y_hat):\n    return float(((y - y_hat) ** 2).sum())", "hint_number_factor"),
    ("ps4_losses", "bce_loss", "def bce_loss(y, y_hat):\n    return float(np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))", "hint_number_sign"),
    ("ps4_losses", "bce_loss", "def bce_loss(y, y_hat):\n    return float(-np.mean(y * np.log10(y_hat) + (1 - y) * np.log10(1 - y_hat)))", "mistake_log10"),
    ("ps4_losses", "grad_mse", "def grad_mse(y, y_hat):\n    return (2 / len(y)) * (y - y_hat)", "hint_sign"),
    ("ps4_losses", "grad_mse", "def grad_mse(y, y_hat):\n    return -2 * (y - y_hat)", "hint_factor"),
    ("ps4_losses", "jacobian_bce_per_example", "def jacobian_bce_per_example(y, y_hat):\n    return (y_hat - y) / (y_hat * (1 - y_hat))", "hint_diagonal_as_vector"),
    ("ps4_losses", "grad_bce", "def grad_bce(y, y_hat):\n    return np.diag((y_hat - y) / (y_hat * (1 - y_hat))) / len(y)", "hint_matrix_for_vector"),
    ("ps4_losses", "grad_bce_logits", "def grad_bce_logits(y, z):\n    return (z - y) / len(y)", "mistake_logits_for_probabilities"),
    ("ps4_losses", "grad_softmax_ce_logits",
     "def grad_softmax_ce_logits(Y, L):\n    E = np.exp(L)\n    return -(Y - E / E.sum(axis=0, keepdims=True)) / len(Y)",
     "mistake_softmax_wrong_axis"),
    ("ps4_losses", "grad_softmax_ce_logits",
     "def grad_softmax_ce_logits(Y, L):\n    E = np.exp(L)\n    return (Y - E / E.sum(axis=1, keepdims=True)) / len(Y)", "hint_sign"),
    ("ps5_window", "window_vector", "def window_vector(E, window):\n    return E[window].T.reshape(-1)", "mistake_window_by_columns"),
    ("ps5_window", "window_delta", f"def window_delta(x, W, b, u):\n    {DELTA}    return h * (1 - h)", "mistake_delta_without_u"),
    ("ps5_window", "window_delta", "def window_delta(x, W, b, u):\n    return u.copy()", "mistake_delta_without_sigma_prime"),
    ("ps5_window", "grad_window_b", f"def grad_window_b(x, W, b, u):\n    {DELTA}    return h * (1 - h)", "mistake_delta_without_u"),
    ("ps5_window", "grad_window_b", "def grad_window_b(x, W, b, u):\n    return u.copy()", "mistake_delta_without_sigma_prime"),
    ("ps5_window", "grad_window_W", f"def grad_window_W(x, W, b, u):\n    {DELTA}    return np.outer(x, d)", "mistake_grad_W_transposed"),
    ("ps5_window", "grad_window_W", f"def grad_window_W(x, W, b, u):\n    {DELTA}    return np.outer(d, x)[None]", "mistake_jacobian_form"),
    ("ps5_window", "grad_window_W", f"def grad_window_W(x, W, b, u):\n    {DELTA}    return np.outer(h * (1 - h), x)", "mistake_delta_without_u"),
    ("ps5_window", "grad_window_W", "def grad_window_W(x, W, b, u):\n    return np.outer(u, x)", "mistake_delta_without_sigma_prime"),
    ("ps5_window", "grad_window_x", f"def grad_window_x(x, W, b, u):\n    {DELTA}    return W @ d", "mistake_grad_x_W_delta"),
    ("ps5_window", "grad_window_x", f"def grad_window_x(x, W, b, u):\n    {DELTA}    return W.T @ (h * (1 - h))", "mistake_delta_without_u"),
    ("ps5_window", "grad_window_x", "def grad_window_x(x, W, b, u):\n    return W.T @ u", "mistake_delta_without_sigma_prime"),
    ("ps5_window", "grad_window_embeddings", f"{BLOCKS}    G = np.zeros(E.shape)\n    G[window] = blocks\n    return G", "mistake_repeated_word_assigned"),
    ("ps5_window", "grad_window_embeddings", f"{BLOCKS}    G = np.zeros(E.shape)\n    G[window] += blocks\n    return G", "mistake_repeated_word_assigned"),
    ("ps5_window", "grad_window_embeddings", f"{BLOCKS}    return blocks", "mistake_window_blocks"),
    ("ps5_window", "window_batch_grads", f"{BATCH}    g = sigmoid(H @ u) - y\n{BATCH_SUMS}", "mistake_batch_sum_not_mean"),
    ("ps5_window", "window_batch_grads", f"{BATCH}    g = (y - sigmoid(H @ u)) / len(y)\n{BATCH_SUMS}", "mistake_batch_sign"),
    ("ps5_window", "window_batch_grads",
     f"{BATCH}    g = sigmoid(H @ u) - y\n    D = g[:, None] * u * H * (1 - H)\n    return D[:, :, None] * X[:, None, :], D, g[:, None] * H",
     "mistake_batch_per_example"),
    ("ps5_window", "window_batch_grads",
     f"{BATCH}    g = (sigmoid(H @ u) - y) / len(y)\n    D = g[:, None] * u * H * (1 - H)\n    return D.sum(axis=0), D.T @ X, H.T @ g",
     "parts_order"),
    ("ps5_window", "train_window_classifier",
     f"{TRAIN_START}        W = W - lr * window_batch_grads(X, y, W, b, u)[0]\n        b = b - lr * window_batch_grads(X, y, W, b, u)[1]\n"
     "        u = u - lr * window_batch_grads(X, y, W, b, u)[2]\n    return W, b, u", "mistake_one_after_another"),
    ("ps5_window", "train_window_classifier",
     f"{TRAIN_START}        dW, db, du = window_batch_grads(X, y, W, b, u)\n        W, b, u = W + lr * dW, b + lr * db, u + lr * du\n"
     "    return W, b, u", "mistake_gradient_ascent"),
]


def _first_sentence(template: str) -> str:
    """The longest fixed text of a message between its placeholders: what every rendering of it contains."""
    return max(re.split(r"\{[^}]*\}", template), key=len).strip()


@pytest.mark.parametrize(("assignment", "function", "answer", "key"), NAMED_MISTAKES, ids=lambda v: v if isinstance(v, str) and "\n" not in v else None)
def test_each_common_mistake_is_named_by_its_visible_test(assignment, function, answer, key):
    said = run_visible_test(assignment, function, answer)
    assert said.startswith("FAILED") and _first_sentence(_messages()[key]) in said, said


def test_every_mistake_message_of_the_table_is_exercised():
    named = {key for *_, key in NAMED_MISTAKES}
    assert {key for key in _messages() if key.startswith("mistake_")} <= named


# grad_bce written literally as the row (1/N, ..., 1/N) times the diagonal Jacobian: shape (1, N).
ROW_TIMES_DIAGONAL = "np.full((1, len(y)), 1 / len(y)) @ np.diag((y_hat - y) / (y_hat * (1 - y_hat)))"


def test_a_squeezed_grad_bce_fails_at_a_batch_of_one_with_a_message_naming_ravel(capsys):
    said = run_visible_test("ps4_losses", "grad_bce", f"def grad_bce(y, y_hat):\n    return ({ROW_TIMES_DIAGONAL}).squeeze()")
    assert said.startswith("FAILED") and "N = 1" in said and "ravel" in said and "np.squeeze" in said, said
    printed = capsys.readouterr().out
    assert "grad_bce: right" in printed and "visible test passed" not in printed, printed


def test_the_row_shaped_grad_bce_is_told_to_ravel_not_to_squeeze():
    said = run_visible_test("ps4_losses", "grad_bce", f"def grad_bce(y, y_hat):\n    return {ROW_TIMES_DIAGONAL}")
    assert said.startswith("FAILED") and ".ravel()" in said and "Not np.squeeze" in said, said


@pytest.mark.parametrize("flatten", [".ravel()", ".reshape(-1)"])
def test_the_fix_the_hint_names_passes_every_size(flatten):
    said = run_visible_test("ps4_losses", "grad_bce", f"def grad_bce(y, y_hat):\n    return ({ROW_TIMES_DIAGONAL}){flatten}")
    assert said == "passed"


def test_a_squeezed_jacobian_neuron_b_fails_at_a_batch_of_one():
    answer = f"def jacobian_neuron_b(X, w, b):\n    {NEURON}    return (np.diag(s) @ np.ones((len(X), 1))).squeeze()"
    said = run_visible_test("ps3_dense", "jacobian_neuron_b", answer)
    assert said.startswith("FAILED") and "N = 1" in said and "ravel" in said, said


def test_a_list_with_the_right_values_is_pointed_out():
    answer = "def dense_forward(W, x, b):\n    return list(sigmoid(W @ x + b))"
    said = run_visible_test("ps3_dense", "dense_forward", answer)
    assert said.startswith("FAILED") and "not a numpy array" in said and "values are right" in said, said


def test_the_per_example_loss_vector_is_told_to_take_the_mean_without_a_type_error():
    said = run_visible_test("ps4_losses", "mse_loss", "def mse_loss(y, y_hat):\n    return (y - y_hat) ** 2")
    assert "mean" in said and "float(np.mean(" in said and "TypeError" not in said.split("(float(")[0], said


@pytest.mark.parametrize("loss", ["np.mean((y - y_hat) ** 2)", "np.array(np.mean((y - y_hat) ** 2))", "float(np.mean((y - y_hat) ** 2))"])
def test_a_loss_passes_as_any_single_number_the_hidden_tests_accept(loss):
    assert run_visible_test("ps4_losses", "mse_loss", f"def mse_loss(y, y_hat):\n    return {loss}") == "passed"


@pytest.mark.parametrize("loss", ["[float(np.mean((y - y_hat) ** 2))]", "np.mean((y - y_hat) ** 2, keepdims=True)"])
def test_a_loss_in_a_list_or_with_an_axis_is_not_one_number(loss):
    said = run_visible_test("ps4_losses", "mse_loss", f"def mse_loss(y, y_hat):\n    return {loss}")
    assert said.startswith("FAILED") and "float" in said, said


def test_a_squeezed_grad_window_b_fails_at_one_hidden_unit():
    answer = f"def grad_window_b(x, W, b, u):\n    {DELTA}    return np.squeeze(d[:, None])"
    said = run_visible_test("ps5_window", "grad_window_b", answer)
    assert said.startswith("FAILED") and "n = 1" in said and "ravel" in said, said


def test_a_wrong_score_where_0_is_expected_is_not_told_about_entries_that_should_be_0():
    said = run_visible_test("ps5_window", "window_score", "def window_score(x, W, b, u):\n    return float(u @ sigmoid(W @ x))")
    assert said.startswith("FAILED") and "should be 0" not in said, said


def test_a_wrong_flattening_is_not_told_about_entries_that_should_be_0():
    answer = "def window_vector(E, window):\n    return E[window][:, ::-1].reshape(-1)"
    said = run_visible_test("ps5_window", "window_vector", answer)
    assert said.startswith("FAILED") and "should be 0" not in said, said


def test_a_missing_1_over_N_in_the_batch_gradients_says_the_factor_is_N():
    said = run_visible_test("ps5_window", "window_batch_grads", NAMED_MISTAKES_BY_KEY["mistake_batch_sum_not_mean"])
    assert "N = 2 times" in said, said


NAMED_MISTAKES_BY_KEY = {key: answer for assignment, _, answer, key in NAMED_MISTAKES if assignment == "ps5_window"}
