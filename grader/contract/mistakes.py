"""Wrong formulas the notebooks list under "Common mistakes", each under a stable name.

Instructor-side, like ``reference``: the checks compare an answer with these to name the
mistake (``Exercise.mistakes``). Same signatures and shapes as the reference functions.
"""

from __future__ import annotations

import numpy as np

from grader.contract.reference import _dense_slope


def per_example_losses(y, y_hat):
    """mse_loss returning the N per-example losses (y - y_hat)^2 instead of their mean. -> (N,)."""
    return (y - y_hat) ** 2


def softmax_axis(Y, L):
    """grad_softmax_ce_logits with softmax normalised over the batch (axis 0) instead of each row."""
    shifted = L - L.max(axis=0, keepdims=True)
    e = np.exp(shifted)
    return -(Y - e / e.sum(axis=0, keepdims=True)) / Y.shape[0]


def w_for_x(W, x, b):
    """jacobian_dense_w with W where x belongs: [i, i, k] = a_i (1 - a_i) W[i, k]. -> (n, n, m)."""
    n, m = W.shape
    out = np.zeros((n, n, m))
    rows = np.arange(n)
    out[rows, rows, :] = _dense_slope(W, x, b)[:, None] * W
    return out
