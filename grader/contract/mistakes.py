"""Typical wrong answers, written as formulas: what a student's function returns when it makes
that mistake (one the notebooks list under "Common mistakes"), on the same inputs as the reference.

An answer equal to one of these (same shape, within the checks' tolerance) is diagnosed by
the mistake's name (``Exercise.mistakes``), whatever generic diagnosis would also fit. Each
takes the exercise's arguments and returns an answer shaped like the reference's (a triple
for the triples), or None where the mistake cannot be computed (W delta with n != m) or cannot
show (a batch of one has no mean to miss).
"""

from __future__ import annotations

import numpy as np

from grader.contract import reference
from grader.contract.reference import sigmoid


# ps3_dense and ps4_losses ---------------------------------------------------------------------


def w_for_x(W, x, b):
    """jacobian_dense_w with W where x belongs: [i, i, k] = a_i (1 - a_i) W[i, k]. -> (n, n, m)."""
    n, m = W.shape
    out = np.zeros((n, n, m))
    rows = np.arange(n)
    a = reference.dense_forward(W, x, b)
    out[rows, rows, :] = (a * (1.0 - a))[:, None] * W
    return out


def per_example_losses(y, y_hat):
    """mse_loss returning the N per-example losses (y - y_hat)^2, not their mean. -> (N,); None for N = 1."""
    return (y - y_hat) ** 2 if len(y) > 1 else None


def softmax_axis(Y, L):
    """grad_softmax_ce_logits with softmax normalised over the batch (axis 0) instead of each row. -> (N, K)."""
    e = np.exp(L - L.max(axis=0, keepdims=True))
    return -(Y - e / e.sum(axis=0, keepdims=True)) / Y.shape[0]


# ps5_window ------------------------------------------------------------------------------------


def _h(x, W, b):
    return sigmoid(W @ x + b)


# delta = u * h * (1 - h), with one of its two factors left out --------------------------------


def delta_without_u(x, W, b, u):
    """h (1 - h): dh/dz, not ds/dz."""
    h = _h(x, W, b)
    return h * (1.0 - h)


def delta_without_sigma_prime(x, W, b, u):
    """u: ds/dh, not ds/dz."""
    return u.astype(np.float64)


def grad_W_without_u(x, W, b, u):
    return np.outer(delta_without_u(x, W, b, u), x)


def grad_W_without_sigma_prime(x, W, b, u):
    return np.outer(u, x)


def grad_x_without_u(x, W, b, u):
    return W.T @ delta_without_u(x, W, b, u)


def grad_x_without_sigma_prime(x, W, b, u):
    return W.T @ u


# Layout ---------------------------------------------------------------------------------------


def window_vector_by_columns(E, window):
    """E[window] flattened column by column: every word's first entry, then every second entry, ..."""
    return E[window].T.reshape(-1)


def grad_W_transposed(x, W, b, u):
    """x delta^T (m, n) instead of delta x^T (n, m)."""
    return np.outer(x, reference.window_delta(x, W, b, u))


def grad_W_jacobian_form(x, W, b, u):
    """The Jacobian form 1 x n x m instead of the shape convention (n, m)."""
    return reference.grad_window_W(x, W, b, u)[None]


def grad_x_W_delta(x, W, b, u):
    """W delta instead of W^T delta: only computable when W is square."""
    return W @ reference.window_delta(x, W, b, u) if W.shape[0] == W.shape[1] else None


# Word vectors -----------------------------------------------------------------------------------


def _blocks(E, window, W, b, u):
    x = reference.window_vector(E, window)
    return reference.grad_window_x(x, W, b, u).reshape(len(window), E.shape[1])


def embeddings_assigned(E, window, W, b, u):
    """G[window] = blocks (or G[window] += blocks): a repeated word keeps only its last block."""
    grad = np.zeros(E.shape)
    grad[window] = _blocks(E, window, W, b, u)
    return grad


def embeddings_blocks(E, window, W, b, u):
    """The window's blocks of ds/dx, (2c + 1, d), never added into a (V, d) array."""
    return _blocks(E, window, W, b, u)


# Mini-batch -------------------------------------------------------------------------------------


def batch_grads_per_example(X, y, W, b, u):
    """Each window's gradient of its own loss, (N, n, m), (N, n), (N, n): never summed into the batch's."""
    H = sigmoid(X @ W.T + b)
    g = sigmoid(H @ u) - y
    delta = g[:, None] * u * H * (1.0 - H)
    return delta[:, :, None] * X[:, None, :], delta, g[:, None] * H


# Training ---------------------------------------------------------------------------------------


def _start(X, n_hidden, seed):
    rng = np.random.default_rng(seed)
    return rng.normal(0.0, 0.1, size=(n_hidden, X.shape[1])), np.zeros(n_hidden), rng.normal(0.0, 0.1, size=n_hidden)


def train_one_after_another(X, y, n_hidden, lr, epochs, seed):
    """W updated first, then b's gradient taken at the new W, then u's at the new W and b."""
    W, b, u = _start(X, n_hidden, seed)
    for _ in range(epochs):
        W = W - lr * reference.window_batch_grads(X, y, W, b, u)[0]
        b = b - lr * reference.window_batch_grads(X, y, W, b, u)[1]
        u = u - lr * reference.window_batch_grads(X, y, W, b, u)[2]
    return W, b, u


def train_ascending(X, y, n_hidden, lr, epochs, seed):
    """Each step adds lr times the gradient: gradient ascent on the loss."""
    return reference.train_window_classifier(X, y, n_hidden, -lr, epochs, seed)
