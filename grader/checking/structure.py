"""What the expected value's structure says about a wrong answer: diagonals, the mini-batch's N.

Pure helpers of the shape and value diagnoses. Arrays are float64 ndarrays.
"""

from __future__ import annotations

import numpy as np

from grader.contract.exercises import Case, Exercise


def off_diagonal(shape: tuple) -> np.ndarray | None:
    """Mask of entries [i, j, ...] with i != j, for (n, n) and (n, n, m) shapes with n > 1; else None."""
    if len(shape) not in (2, 3) or shape[0] != shape[1] or shape[0] < 2:
        return None
    mask = ~np.eye(shape[0], dtype=bool)
    return np.broadcast_to(mask[..., None], shape) if len(shape) == 3 else mask


def is_diagonal(expected: np.ndarray) -> bool:
    """An element-wise Jacobian: zero wherever i != j (for (n, n), or (n, n, m) tensors)."""
    mask = off_diagonal(expected.shape)
    return mask is not None and not expected[mask].any()


def diagonal_of(array: np.ndarray) -> np.ndarray:
    """[i, i] (shape (n,)) of an (n, n) array, [i, i, :] (shape (n, m)) of an (n, n, m) one."""
    n = array.shape[0]
    return array[np.arange(n), np.arange(n)]


def mean_size(exercise: Exercise | None, case: Case | None) -> int | None:
    """N of the mini-batch (the first axis of the first input) for a loss over one; None elsewhere."""
    if exercise is None or case is None or not exercise.mini_batch:
        return None
    return int(np.shape(case.args[0])[0])
