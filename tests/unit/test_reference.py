"""The reference solutions (grader/contract/reference.py) against an independent oracle.

Every one of the 23 contract functions is compared with central finite differences
of a function written here from the contract's mathematics, on the very inputs the
hidden tests draw (sizes 1, small, non-square and a few hundred, plus edge values),
for two seeds. Losses are checked against their gradients as well, and the case
generators are checked to stay inside each function's domain.

Tolerance of the oracle (central differences, step h):
  truncation  |(f(x+h) - f(x-h)) / 2h - f'(x)| <= h^2/6 |f'''|: with h = 1e-6 and the
              smooth maps here (|f'''| <~ 1e6 |f'| near domain edges, where the step
              shrinks, see ``step_inside``), below TRUNCATION = 1e-6 relative;
  rounding    each evaluation of f is off by a few ulps of max(1, |f|), and the
              quotient divides that by h: ROUNDING_ULPS eps max(1, |f_o|) / h_s.
A wrong Jacobian (a factor, a sign, a transpose, a 1/N) is off by far more; one
test below shows the oracle rejects a Jacobian off by 1e-4 relative.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from grader.contract import exercises
from grader.contract import reference

SEEDS = (0, 20240611)
EPS = np.finfo(np.float64).eps
H = 1e-6
TRUNCATION = 1e-6
ROUNDING_ULPS = 64


# The oracle ---------------------------------------------------------------------------------


def central_differences(f, x, h=H) -> np.ndarray:
    """Numerical Jacobian of f at x.

    f: array of shape S -> array of shape O (a float: O = ()); x: shape S (a float: S = ());
    h: a float, or an array of shape S (one step per entry of x).
    Returns shape O + S: [o..., s...] = (f(x + h_s e_s) - f(x - h_s e_s))[o...] / (x_s + h_s - (x_s - h_s)).
    """
    x = np.asarray(x, dtype=np.float64)
    steps = np.broadcast_to(np.asarray(h, dtype=np.float64), x.shape)
    out_shape = np.shape(f(x))
    jacobian = np.zeros(out_shape + x.shape)
    for s in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[s] += steps[s]
        down[s] -= steps[s]
        # The step actually taken, exact in floating point.
        jacobian[(...,) + s] = (np.asarray(f(up)) - np.asarray(f(down))) / (up[s] - down[s])
    return jacobian


def rounding_allowance(f, x, h=H) -> np.ndarray:
    """Rounding error of a central difference, shape O + S: ROUNDING_ULPS eps max(1, |f_o(x)|) / h_s."""
    size = np.maximum(1.0, np.abs(np.asarray(f(np.asarray(x, dtype=np.float64)))))
    steps = np.broadcast_to(np.asarray(h, dtype=np.float64), np.shape(x))
    return ROUNDING_ULPS * EPS * np.multiply.outer(size, 1.0 / steps)


def step_inside(distance_to_edge) -> np.ndarray:
    """A step that keeps x +- h far inside an open domain: min(H, distance / 1000), shape of distance."""
    return np.minimum(H, np.asarray(distance_to_edge, dtype=np.float64) / 1000.0)


def assert_matches_fd(analytic, f, x, h=H, columns=None) -> None:
    """analytic (shape O + S) equals the central differences of f at x (columns: mask of S to compare)."""
    analytic = np.asarray(analytic, dtype=np.float64)
    numeric = central_differences(f, x, h)
    assert analytic.shape == numeric.shape, (analytic.shape, numeric.shape)
    allowed = TRUNCATION * np.abs(numeric) + rounding_allowance(f, x, h)
    bad = np.abs(analytic - numeric) > allowed
    if columns is not None:
        bad &= np.broadcast_to(np.asarray(columns, dtype=bool), bad.shape[bad.ndim - np.ndim(x):])
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise AssertionError(
            f"{int(bad.sum())} entries differ from finite differences; first {index}: "
            f"analytic {analytic[index]!r}, numerical {numeric[index]!r}, allowed {allowed[index]:.2g}"
        )


# Independent formulas, from the contract's mathematics ------------------------------------


def sigmoid(z):
    """1 / (1 + exp(-z)) written as (1 + tanh(z / 2)) / 2, which never overflows. Shape of z."""
    return 0.5 * (1.0 + np.tanh(np.asarray(z) / 2.0))


def dense(W, x, b):
    """W (n, m), x (m,), b (n,) -> sigmoid(W x + b) (n,), with the sum written out."""
    return sigmoid(np.einsum("ik,k->i", W, x) + b)


def mse(y, y_hat):
    """y, y_hat (N,) -> sum((y_hat - y)^2) / N."""
    return np.sum((y_hat - y) ** 2) / len(y)


def bce_per_example(y, p):
    """y (N,) in {0, 1}, p (N,) in (0, 1) -> J0 (N,) = -(y ln p + (1 - y) ln(1 - p))."""
    return -(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))


def bce(y, p):
    """Mean of bce_per_example, a float."""
    return np.sum(bce_per_example(y, p)) / len(y)


def bce_of_logits(y, z):
    """bce(y, sigmoid(z)) in closed form, -(y ln s + (1-y) ln(1-s)) = ln(1 + e^z) - y z, averaged. Float."""
    return np.sum(np.logaddexp(0.0, z) - y * z) / len(y)


def softmax_cross_entropy(Y, L):
    """Y (N, K) one-hot, L (N, K) -> -(1/N) sum_i sum_k Y_ik ln softmax(L_i)_k, with ln softmax = L - logsumexp."""
    top = np.max(L, axis=1, keepdims=True)
    log_normaliser = top + np.log(np.sum(np.exp(L - top), axis=1, keepdims=True))
    return -np.sum(Y * (L - log_normaliser)) / Y.shape[0]


def cases_of(name: str) -> list:
    return [case for seed in SEEDS for case in exercises.get(name).cases(seed)]


def each_case(name: str):
    return pytest.mark.parametrize("case", cases_of(name), ids=lambda case: case.label)


# The oracle itself --------------------------------------------------------------------------


def test_the_oracle_rejects_a_jacobian_off_by_1e_4():
    z = np.linspace(-3.0, 3.0, 7)
    J = reference.jacobian_sigmoid(z)
    assert_matches_fd(J, sigmoid, z)
    for wrong in (J * (1 + 1e-4), J + 1e-4 * np.eye(7)[::-1], 2 * J):
        with pytest.raises(AssertionError, match="differ from finite differences"):
            assert_matches_fd(wrong, sigmoid, z)


def test_the_independent_formulas_agree_with_textbook_ones():
    z = np.linspace(-10.0, 10.0, 9)
    # Accurate to a few eps absolutely (tanh near -1 cancels), which is what the oracle's rounding term assumes.
    assert np.allclose(sigmoid(z), 1.0 / (1.0 + np.exp(-z)), rtol=1e-14, atol=4 * EPS)
    y = np.array([0.0, 1.0, 1.0, 0.0])
    assert np.isclose(bce_of_logits(y, z[:4]), bce(y, 1.0 / (1.0 + np.exp(-z[:4]))), rtol=1e-12)


# ps1_unary ------------------------------------------------------------------------------------


@each_case("jacobian_identity")
def test_jacobian_identity(case):
    (x,) = case.args
    assert_matches_fd(reference.jacobian_identity(x), lambda x: x.copy(), x)


@each_case("jacobian_log_exp")
def test_jacobian_log_exp(case):
    (x,) = case.args
    assert_matches_fd(reference.jacobian_log_exp(x), lambda x: np.log(x) + np.exp(x), x, step_inside(x))


@each_case("jacobian_sigmoid")
def test_jacobian_sigmoid(case):
    (z,) = case.args
    assert_matches_fd(reference.jacobian_sigmoid(z), sigmoid, z)


@each_case("jacobian_tanh")
def test_jacobian_tanh(case):
    (z,) = case.args
    assert_matches_fd(reference.jacobian_tanh(z), np.tanh, z)


@each_case("jacobian_relu")
def test_jacobian_relu_away_from_its_kink(case):
    (z,) = case.args
    assert_matches_fd(reference.jacobian_relu(z), lambda z: np.maximum(0.0, z), z, columns=np.abs(z) > H)


def test_jacobian_relu_at_its_kink_takes_the_right_derivative_and_accepts_the_left_one():
    z = np.array([0.0, -1.0, 2.0])
    relu = lambda z: np.maximum(0.0, z)  # noqa: E731
    right = (relu(z + H * np.eye(3)) - relu(z)) / H  # row j: f(z + h e_j) - f(z), one-sided
    left = (relu(z) - relu(z - H * np.eye(3))) / H
    assert reference.jacobian_relu(z)[0, 0] == right[0, 0] == 1.0
    assert exercises.get("jacobian_relu").also_accepted(z)[0, 0] == left[0, 0] == 0.0
    assert np.array_equal(exercises.get("jacobian_relu").also_accepted(z)[1:, 1:], reference.jacobian_relu(z)[1:, 1:])


# ps2_binary: both Jacobians of each pair ------------------------------------------------------


BINARY_MAPS = {
    "jacobians_add": lambda u, v: u + v,
    "jacobians_sub": lambda u, v: u - v,
    "jacobians_hadamard": lambda u, v: u * v,
}


@pytest.mark.parametrize(
    "name, case", [(name, case) for name in BINARY_MAPS for case in cases_of(name)], ids=lambda p: getattr(p, "label", p)
)
def test_binary_jacobians_both_elements(name, case):
    u, v = case.args
    w = BINARY_MAPS[name]
    dw_du, dw_dv = getattr(reference, name)(u, v)
    assert_matches_fd(dw_du, lambda u: w(u, v), u)
    assert_matches_fd(dw_dv, lambda v: w(u, v), v)


# ps3_dense: the dense layer -------------------------------------------------------------------


@each_case("dense_forward")
def test_dense_forward_is_the_formula_written_out(case):
    W, x, b = case.args
    n, m = W.shape
    written_out = [1.0 / (1.0 + np.exp(-(sum(W[i, k] * x[k] for k in range(m)) + b[i]))) for i in range(n)]
    assert np.allclose(reference.dense_forward(W, x, b), written_out, rtol=1e-13, atol=1e-15)
    assert reference.dense_forward(W, x, b).shape == (n,)


@each_case("jacobian_dense_z")
def test_jacobian_dense_z(case):
    W, x, b = case.args
    assert_matches_fd(reference.jacobian_dense_z(W, x, b), sigmoid, W @ x + b)


@each_case("jacobian_dense_b")
def test_jacobian_dense_b(case):
    W, x, b = case.args
    assert_matches_fd(reference.jacobian_dense_b(W, x, b), lambda b: dense(W, x, b), b)


@each_case("jacobian_dense_x")
def test_jacobian_dense_x(case):
    W, x, b = case.args
    assert_matches_fd(reference.jacobian_dense_x(W, x, b), lambda x: dense(W, x, b), x)


@each_case("jacobian_dense_w")
def test_jacobian_dense_w_in_the_out_n_m_layout(case):
    W, x, b = case.args
    J = reference.jacobian_dense_w(W, x, b)
    assert J.shape == (W.shape[0],) + W.shape
    assert_matches_fd(J, lambda W: dense(W, x, b), W)


# ps3_dense: one neuron on a mini-batch --------------------------------------------------------


@each_case("jacobian_neuron_w")
def test_jacobian_neuron_w(case):
    X, w, b = case.args
    assert_matches_fd(reference.jacobian_neuron_w(X, w, b), lambda w: sigmoid(X @ w + b), w)


@each_case("jacobian_neuron_b")
def test_jacobian_neuron_b(case):
    X, w, b = case.args
    assert_matches_fd(reference.jacobian_neuron_b(X, w, b), lambda b: sigmoid(X @ w + b), b)


@each_case("jacobian_neuron_x")
def test_jacobian_neuron_x_in_the_out_n_d_layout(case):
    X, w, b = case.args
    J = reference.jacobian_neuron_x(X, w, b)
    assert J.shape == (X.shape[0],) + X.shape
    assert_matches_fd(J, lambda X: sigmoid(X @ w + b), X)


# ps4_losses: each loss, and each gradient against the loss ------------------------------------


@each_case("mse_loss")
def test_mse_loss_and_grad_mse(case):
    y, y_hat = case.args
    assert np.isclose(reference.mse_loss(y, y_hat), mse(y, y_hat), rtol=1e-13, atol=0)
    assert isinstance(reference.mse_loss(y, y_hat), float)
    assert_matches_fd(reference.grad_mse(y, y_hat), lambda p: mse(y, p), y_hat)
    assert_matches_fd(reference.grad_mse(y, y_hat), lambda p: reference.mse_loss(y, p), y_hat)


@each_case("bce_loss")
def test_bce_loss_and_grad_bce(case):
    y, y_hat = case.args
    step = step_inside(np.minimum(y_hat, 1.0 - y_hat))
    assert np.isclose(reference.bce_loss(y, y_hat), bce(y, y_hat), rtol=1e-12, atol=0)
    assert isinstance(reference.bce_loss(y, y_hat), float)
    assert_matches_fd(reference.grad_bce(y, y_hat), lambda p: bce(y, p), y_hat, step)
    assert_matches_fd(reference.grad_bce(y, y_hat), lambda p: reference.bce_loss(y, p), y_hat, step)


@each_case("jacobian_bce_per_example")
def test_jacobian_bce_per_example(case):
    y, y_hat = case.args
    step = step_inside(np.minimum(y_hat, 1.0 - y_hat))
    assert_matches_fd(reference.jacobian_bce_per_example(y, y_hat), lambda p: bce_per_example(y, p), y_hat, step)


@each_case("grad_bce")
def test_grad_bce_is_the_mean_of_the_per_example_jacobian(case):
    y, y_hat = case.args
    step = step_inside(np.minimum(y_hat, 1.0 - y_hat))
    assert_matches_fd(reference.grad_bce(y, y_hat), lambda p: bce(y, p), y_hat, step)
    per_example = reference.jacobian_bce_per_example(y, y_hat)
    assert np.allclose(reference.grad_bce(y, y_hat), per_example.sum(axis=0) / len(y), rtol=1e-13, atol=0)


@each_case("grad_bce_logits")
def test_grad_bce_logits_against_bce_of_the_sigmoid(case):
    y, z = case.args
    assert_matches_fd(reference.grad_bce_logits(y, z), lambda z: bce_of_logits(y, z), z)


@each_case("grad_softmax_ce_logits")
def test_grad_softmax_ce_logits_against_the_cross_entropy(case):
    Y, L = case.args
    assert_matches_fd(reference.grad_softmax_ce_logits(Y, L), lambda L: softmax_cross_entropy(Y, L), L)


# ps5_window: the window classifier, each gradient against its score or loss ---------------------


def score(x, W, b, u):
    """s = sum_i u_i sigmoid(sum_k W_ik x_k + b_i), a float."""
    return float(np.sum(u * dense(W, x, b)))


def window_x(E, window):
    """The window's word vectors one after the other, by a loop. (m,)."""
    return np.concatenate([E[int(word)] for word in window])


def batch_loss(X, y, W, b, u):
    """-mean(y ln p + (1 - y) ln(1 - p)), p = sigmoid(s_i), s_i = score of row i, by a loop over the rows."""
    p = sigmoid(np.array([score(row, W, b, u) for row in X]))
    return bce(y, p)


@each_case("window_vector")
def test_window_vector_concatenates_the_rows_in_window_order(case):
    E, window = case.args
    assert np.array_equal(reference.window_vector(E, window), window_x(E, window))


@each_case("window_score")
def test_window_score_is_the_formula_written_out(case):
    assert isinstance(reference.window_score(*case.args), float)
    assert np.isclose(reference.window_score(*case.args), score(*case.args), rtol=1e-13, atol=1e-15)


@each_case("window_delta")
def test_window_delta_is_ds_dz(case):
    x, W, b, u = case.args
    assert_matches_fd(reference.window_delta(x, W, b, u), lambda z: np.sum(u * sigmoid(z)), W @ x + b)


@each_case("grad_window_b")
def test_grad_window_b(case):
    x, W, b, u = case.args
    assert_matches_fd(reference.grad_window_b(x, W, b, u), lambda b: score(x, W, b, u), b)


@each_case("grad_window_W")
def test_grad_window_W_in_the_shape_convention(case):
    x, W, b, u = case.args
    assert reference.grad_window_W(x, W, b, u).shape == W.shape
    assert_matches_fd(reference.grad_window_W(x, W, b, u), lambda W: score(x, W, b, u), W)


@each_case("grad_window_x")
def test_grad_window_x(case):
    x, W, b, u = case.args
    assert_matches_fd(reference.grad_window_x(x, W, b, u), lambda x: score(x, W, b, u), x)


@each_case("grad_window_u")
def test_grad_window_u(case):
    x, W, b, u = case.args
    assert_matches_fd(reference.grad_window_u(x, W, b, u), lambda u: score(x, W, b, u), u)


@each_case("grad_window_embeddings")
def test_grad_window_embeddings_adds_up_repeated_words(case):
    E, window, W, b, u = case.args
    assert_matches_fd(reference.grad_window_embeddings(E, window, W, b, u), lambda E: score(window_x(E, window), W, b, u), E)


@each_case("window_batch_loss")
def test_window_batch_loss_is_the_mean_bce_of_the_scores(case):
    assert isinstance(reference.window_batch_loss(*case.args), float)
    assert np.isclose(reference.window_batch_loss(*case.args), batch_loss(*case.args), rtol=1e-12, atol=0)


@each_case("window_batch_grads")
def test_window_batch_grads_each_element(case):
    X, y, W, b, u = case.args
    dW, db, du = reference.window_batch_grads(X, y, W, b, u)
    assert_matches_fd(dW, lambda W: batch_loss(X, y, W, b, u), W)
    assert_matches_fd(db, lambda b: batch_loss(X, y, W, b, u), b)
    assert_matches_fd(du, lambda u: batch_loss(X, y, W, b, u), u)


def _start(X, n_hidden, seed):
    rng = np.random.default_rng(seed)
    return rng.normal(0.0, 0.1, size=(n_hidden, X.shape[1])), np.zeros(n_hidden), rng.normal(0.0, 0.1, size=n_hidden)


@each_case("train_window_classifier")
def test_train_window_classifier_first_step_descends_the_finite_difference_gradient(case):
    X, y, n_hidden, lr, epochs, seed = case.args
    W, b, u = _start(X, n_hidden, seed)
    one_step = reference.train_window_classifier(X, y, n_hidden, lr, 1, seed)
    for trained, start, which in zip(one_step, (W, b, u), range(3)):
        def loss(p, which=which):
            return batch_loss(X, y, *[p if k == which else q for k, q in enumerate((W, b, u))])
        numeric = central_differences(loss, start)
        assert np.allclose(trained, start - lr * numeric, rtol=1e-6, atol=1e-9)


@each_case("train_window_classifier")
def test_train_window_classifier_takes_epochs_steps_from_one_set_of_gradients_and_lowers_the_loss(case):
    X, y, n_hidden, lr, epochs, seed = case.args
    W, b, u = _start(X, n_hidden, seed)
    for _ in range(epochs):
        dW, db, du = reference.window_batch_grads(X, y, W, b, u)
        W, b, u = W - lr * dW, b - lr * db, u - lr * du
    trained = reference.train_window_classifier(*case.args)
    assert all(np.allclose(t, e, rtol=1e-13, atol=1e-15) for t, e in zip(trained, (W, b, u)))
    assert batch_loss(X, y, *trained) < batch_loss(X, y, *_start(X, n_hidden, seed))


def test_every_contract_function_has_a_test_here():
    tested = {name for name in globals() if name.startswith("test_")}
    covered = {e.name for e in exercises.EXERCISES if any(e.name in t or e.name in BINARY_MAPS for t in tested)}
    assert covered == {e.name for e in exercises.EXERCISES}
    assert len(exercises.EXERCISES) == 34


# The hidden tests' inputs stay inside each function's domain -----------------------------------


ALL_CASES = [(e, case) for e in exercises.EXERCISES for seed in (*SEEDS, 7) for case in e.cases(seed)]


@pytest.mark.parametrize("exercise", [e for e in exercises.EXERCISES if e.assignment != "ps5_window"], ids=lambda e: e.name)
def test_sizes_cover_one_small_non_square_and_a_few_hundred(exercise):
    shapes = [np.shape(case.args[0]) for case in exercise.cases(SEEDS[0])]
    assert min(shape[0] for shape in shapes) == 1
    assert any(1 < shape[0] <= 10 for shape in shapes)
    assert max(shape[0] for shape in shapes) >= 100
    if len(shapes[0]) == 2:
        assert any(1 < shape[0] != shape[1] > 1 for shape in shapes)


INTEGER_PARAMS = ("window", "n_hidden", "epochs", "seed")


def test_inputs_are_float64_arrays_or_floats_and_indices_and_counts_are_integers():
    for e, case in ALL_CASES:
        for name, arg in zip(e.params, case.args):
            if name in INTEGER_PARAMS:
                assert isinstance(arg, int) or (isinstance(arg, np.ndarray) and arg.dtype == np.int64), (e.name, name)
            else:
                assert isinstance(arg, float) or (isinstance(arg, np.ndarray) and arg.dtype == np.float64), (e.name, name)


def _window_cases():
    return [case for e, case in ALL_CASES if e.name == "grad_window_embeddings"]


def test_windows_index_the_vocabulary_repeat_words_and_leave_most_rows_absent():
    for case in _window_cases():
        E, window = case.args[:2]
        assert window.ndim == 1 and window.size % 2 == 1 and np.all((0 <= window) & (window < E.shape[0]))
    assert sum(len(set(case.args[1].tolist())) < case.args[1].size for case in _window_cases()) >= 4
    assert any(E.shape[0] >= 10 * window.size for E, window, *_ in (case.args for case in _window_cases()))


def test_window_layers_are_not_square_and_batches_cover_one_and_hundreds_with_both_labels():
    for e in exercises.for_assignment("ps5_window"):
        if e.name not in ("window_vector", "train_window_classifier"):
            square = [case.label for case in e.cases(SEEDS[0]) if case.args[-3].shape[0] == case.args[-3].shape[1]]
            assert len(square) <= 1, (e.name, square)  # one square layer at most, where W delta shows by its values
    sizes = [case.args[0].shape[0] for e, case in ALL_CASES if e.name == "window_batch_grads"]
    assert min(sizes) == 1 and max(sizes) >= 100
    for e, case in ALL_CASES:
        if e.name in ("window_batch_loss", "window_batch_grads", "train_window_classifier"):
            assert _binary_targets(case.args[1]), (e.name, case.label)


def test_log_exp_inputs_are_positive():
    assert all(np.all(case.args[0] > 0) for e, case in ALL_CASES if e.name == "jacobian_log_exp")


def test_logits_stay_where_a_textbook_sigmoid_does_not_overflow():
    for e, case in ALL_CASES:
        if e.name in ("jacobian_sigmoid", "grad_bce_logits"):
            assert np.max(np.abs(case.args[-1])) <= 30


def _binary_targets(y: np.ndarray) -> bool:
    """0/1 entries, and both classes present when N > 1."""
    return set(np.unique(y)) <= {0.0, 1.0} and (len(y) == 1 or set(np.unique(y)) == {0.0, 1.0})


def test_probability_inputs_are_strictly_inside_0_1_with_binary_targets():
    probability_cases = [case for e, case in ALL_CASES if e.name in ("bce_loss", "jacobian_bce_per_example", "grad_bce")]
    assert probability_cases
    for case in probability_cases:
        y, y_hat = case.args
        assert np.all((0 < y_hat) & (y_hat < 1))
        assert _binary_targets(y), y


def test_logit_targets_are_binary_with_both_classes():
    assert all(_binary_targets(case.args[0]) for e, case in ALL_CASES if e.name == "grad_bce_logits")


def test_softmax_targets_are_one_hot_rows():
    for e, case in ALL_CASES:
        if e.name == "grad_softmax_ce_logits":
            Y, L = case.args
            assert Y.shape == L.shape
            assert set(np.unique(Y)) <= {0.0, 1.0} and np.all(Y.sum(axis=1) == 1.0)


def test_relu_edge_values_include_its_kink():
    assert any(np.any(case.args[0] == 0.0) for e, case in ALL_CASES if e.name == "jacobian_relu")


@pytest.mark.parametrize("exercise", exercises.EXERCISES, ids=lambda e: e.name)
def test_the_reference_raises_no_numpy_warning_on_any_case(exercise):
    for seed in (*SEEDS, 7):
        for case in exercise.cases(seed):
            with warnings.catch_warnings(), np.errstate(all="raise"):
                warnings.simplefilter("error")
                expected = exercise.expected(case)
                if exercise.also_accepted:
                    exercise.also_accepted(*case.args)
            for part in expected if isinstance(expected, tuple) else (expected,):
                assert np.all(np.isfinite(part)), (exercise.name, case.label)
