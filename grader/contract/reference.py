"""Reference solutions of every function in ../shared/COURSE_SPEC.md.

Instructor-side only: this module lives outside ``source/<assignment>/`` so that
nbgrader never copies it into ``release/``, and it is imported only by the grading
process, never by a student's kernel.

Conventions (the contract's): vectors are flat float64 arrays of shape (n,);
a Jacobian of f: R^n -> R^m has shape (m, n) with J[i, j] = d f_i / d x_j; a
Jacobian with respect to a matrix W of shape (n, m) has shape (out, n, m).
"""

from __future__ import annotations

import numpy as np


def sigmoid(z):
    """Logistic function, computed without overflow for any float z. Shape of z."""
    z = np.asarray(z, dtype=np.float64)
    # exp of a non-positive number never overflows; pick the stable branch per sign.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax_rows(L):
    """Row-wise softmax of logits L (N, K) -> (N, K), shifted by the row max for stability."""
    shifted = L - L.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


# ps1_unary: unary element-wise operations --------------------------------------------


def jacobian_identity(x):
    """f(x) = x. x (n,) -> I (n, n)."""
    return np.eye(x.shape[0])


def jacobian_log_exp(x):
    """f_i(x) = ln x_i + exp(x_i), x > 0. x (n,) -> diag(1/x + exp(x)) (n, n)."""
    return np.diag(1.0 / x + np.exp(x))


def jacobian_sigmoid(z):
    """a = sigmoid(z). z (n,) -> diag(a (1 - a)) (n, n)."""
    a = sigmoid(z)
    return np.diag(a * (1.0 - a))


def jacobian_tanh(z):
    """a = tanh(z). z (n,) -> diag((1 + a)(1 - a)) (n, n)."""
    a = np.tanh(z)
    return np.diag((1.0 + a) * (1.0 - a))


def jacobian_relu(z):
    """a = max(0, z). z (n,) -> diag(1 where z >= 0 else 0) (n, n).

    At exactly z_i = 0 the contract accepts 0 or 1; the reference returns 1.
    """
    return np.diag((z >= 0).astype(np.float64))


# ps2_binary: binary element-wise operations; each returns (dw/du, dw/dv) ---------------


def jacobians_add(u, v):
    """w = u + v. u, v (n,) -> (I, I), each (n, n)."""
    n = u.shape[0]
    return np.eye(n), np.eye(n)


def jacobians_sub(u, v):
    """w = u - v. u, v (n,) -> (I, -I), each (n, n)."""
    n = u.shape[0]
    return np.eye(n), -np.eye(n)


def jacobians_hadamard(u, v):
    """w = u * v element-wise. u, v (n,) -> (diag(v), diag(u)), each (n, n)."""
    return np.diag(v), np.diag(u)


# ps3_dense: a sigmoid dense layer, z = W x + b, a = sigmoid(z) -------------------------


def dense_forward(W, x, b):
    """W (n, m), x (m,), b (n,) -> a = sigmoid(W x + b) (n,)."""
    return sigmoid(W @ x + b)


def _dense_slope(W, x, b):
    """a (1 - a) for the dense layer, shape (n,)."""
    a = dense_forward(W, x, b)
    return a * (1.0 - a)


def jacobian_dense_z(W, x, b):
    """da/dz = diag(a (1 - a)). -> (n, n)."""
    return np.diag(_dense_slope(W, x, b))


def jacobian_dense_b(W, x, b):
    """da/db = da/dz dz/db = diag(a (1 - a)) I. -> (n, n)."""
    return np.diag(_dense_slope(W, x, b))


def jacobian_dense_x(W, x, b):
    """da/dx = diag(a (1 - a)) W. -> (n, m)."""
    return _dense_slope(W, x, b)[:, None] * W


def jacobian_dense_w(W, x, b):
    """da/dW: [i, j, k] = (i == j) a_i (1 - a_i) x_k. -> (n, n, m)."""
    n, m = W.shape
    out = np.zeros((n, n, m))
    rows = np.arange(n)
    out[rows, rows, :] = np.outer(_dense_slope(W, x, b), x)
    return out


# ps3_dense: one sigmoid neuron on a mini-batch, z = X w + b, a = sigmoid(z) -------------


def _neuron_slope(X, w, b):
    """a (1 - a) for each example of the batch, shape (N,)."""
    a = sigmoid(X @ w + b)
    return a * (1.0 - a)


def jacobian_neuron_w(X, w, b):
    """X (N, d), w (d,), b float -> da/dw = diag(a (1 - a)) X (N, d)."""
    return _neuron_slope(X, w, b)[:, None] * X


def jacobian_neuron_b(X, w, b):
    """da/db = a (1 - a). -> (N,)."""
    return _neuron_slope(X, w, b)


def jacobian_neuron_x(X, w, b):
    """da/dX: [i, j, k] = (i == j) a_i (1 - a_i) w_k. -> (N, N, d)."""
    N, d = X.shape
    out = np.zeros((N, N, d))
    rows = np.arange(N)
    out[rows, rows, :] = np.outer(_neuron_slope(X, w, b), w)
    return out


# ps4_losses: losses on a mini-batch; J = mean of the per-example losses J0_i -------------


def mse_loss(y, y_hat):
    """y, y_hat (N,) -> J = mean((y - y_hat)^2), a float."""
    return float(np.mean((y - y_hat) ** 2))


def grad_mse(y, y_hat):
    """dJ/dy_hat = -(2/N)(y - y_hat). -> (N,)."""
    return -2.0 / y.shape[0] * (y - y_hat)


def bce_loss(y, y_hat):
    """y (N,), y_hat (N,) in (0, 1) -> J = -mean(y ln y_hat + (1 - y) ln(1 - y_hat))."""
    return float(-np.mean(y * np.log(y_hat) + (1.0 - y) * np.log1p(-y_hat)))


def jacobian_bce_per_example(y, y_hat):
    """dJ0/dy_hat = diag((y_hat - y) / (y_hat (1 - y_hat))). -> (N, N)."""
    return np.diag((y_hat - y) / (y_hat * (1.0 - y_hat)))


def grad_bce(y, y_hat):
    """dJ/dy_hat = (1/N)(y_hat - y) / (y_hat (1 - y_hat)). -> (N,)."""
    return (y_hat - y) / (y_hat * (1.0 - y_hat)) / y.shape[0]


def grad_bce_logits(y, z):
    """y_hat = sigmoid(z): dJ/dz = (1/N)(sigmoid(z) - y). y, z (N,) -> (N,)."""
    return (sigmoid(z) - y) / y.shape[0]


def grad_softmax_ce_logits(Y, L):
    """Y (N, K) one-hot, L (N, K) logits -> dJ/dL = -(1/N)(Y - softmax(L)) (N, K)."""
    return -(Y - softmax_rows(L)) / Y.shape[0]


# ps5_window: the named-entity window classifier (CS224N lecture 3) -----------------------
# x (m,) = concatenated word vectors of a window, z = W x + b, h = sigmoid(z), s = u . h.
# Gradients of a scalar use the shape convention: the gradient has the parameter's shape.


def window_vector(E, window):
    """E (V, d), window (2c + 1,) int word indices -> x = [E[window[0]], E[window[1]], ...] (m,), m = (2c + 1) d."""
    return E[window].reshape(-1)


def _hidden(x, W, b):
    """h = sigmoid(W x + b). x (m,), W (n, m), b (n,) -> (n,)."""
    return sigmoid(W @ x + b)


def window_score(x, W, b, u):
    """s = u . sigmoid(W x + b), a float."""
    return float(u @ _hidden(x, W, b))


def window_delta(x, W, b, u):
    """The local error signal delta = ds/dz = u * h * (1 - h) (n,): ds/dh = u chained with dh/dz = diag(h (1 - h))."""
    h = _hidden(x, W, b)
    return u * h * (1.0 - h)


def grad_window_b(x, W, b, u):
    """ds/db = delta (dz/db = I). -> (n,)."""
    return window_delta(x, W, b, u)


def grad_window_W(x, W, b, u):
    """ds/dW = delta x^T, [i, k] = delta_i x_k (shape convention; the Jacobian form is 1 x n x m). -> (n, m)."""
    return np.outer(window_delta(x, W, b, u), x)


def grad_window_x(x, W, b, u):
    """ds/dx = W^T delta (the row delta^T W of the Jacobian form, as a vector). -> (m,)."""
    return W.T @ window_delta(x, W, b, u)


def grad_window_u(x, W, b, u):
    """ds/du = h. -> (n,)."""
    return _hidden(x, W, b)


def grad_window_embeddings(E, window, W, b, u):
    """ds/dE (V, d): block j of ds/dx is added to row window[j]; a repeated word's blocks add up; other rows are 0."""
    blocks = grad_window_x(window_vector(E, window), W, b, u).reshape(len(window), E.shape[1])
    grad = np.zeros_like(E, dtype=np.float64)
    np.add.at(grad, window, blocks)  # unbuffered: a repeated index accumulates instead of overwriting
    return grad


def _batch_scores(X, W, b, u):
    """H = sigmoid(X W^T + b) (N, n) and s = H u (N,)."""
    H = sigmoid(X @ W.T + b)
    return H, H @ u


def window_batch_loss(X, y, W, b, u):
    """J = -mean(y ln p + (1 - y) ln(1 - p)), p = sigmoid(s), a float.

    Computed as mean(ln(1 + e^s) - y s), the same number without ln of a rounded p.
    """
    _, s = _batch_scores(X, W, b, u)
    return float(np.mean(np.logaddexp(0.0, s) - y * s))


def window_batch_grads(X, y, W, b, u):
    """(dJ/dW (n, m), dJ/db (n,), dJ/du (n,)) of the mean BCE, with dJ/ds = (sigmoid(s) - y) / N (ps4)."""
    H, s = _batch_scores(X, W, b, u)
    g = (sigmoid(s) - y) / X.shape[0]  # (N,)
    delta = g[:, None] * u * H * (1.0 - H)  # (N, n): row i is example i's delta, scaled by its dJ/ds_i
    return delta.T @ X, delta.sum(axis=0), H.T @ g


def train_window_classifier(X, y, n_hidden, lr, epochs, seed):
    """(W, b, u) after `epochs` steps of full-batch gradient descent from the contract's seeded start."""
    rng = np.random.default_rng(seed)
    W = rng.normal(0.0, 0.1, size=(n_hidden, X.shape[1]))
    b = np.zeros(n_hidden)
    u = rng.normal(0.0, 0.1, size=n_hidden)
    for _ in range(epochs):
        dW, db, du = window_batch_grads(X, y, W, b, u)  # all three at the same (W, b, u)
        W, b, u = W - lr * dW, b - lr * db, u - lr * du
    return W, b, u
