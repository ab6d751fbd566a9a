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
