"""Why an answer has the wrong shape, by name when it is a frequent mistake.

Pure functions of (answer, expected, exercise) -> Diagnosis | None, tried in order by
``diagnose_shape`` (the shape step of ``grader.checking.checks``). Each returns data: the
words are in ``grader.checking.messages``.
"""

from __future__ import annotations

from itertools import permutations

import numpy as np

from grader.checking.diagnosis import Diagnosis, Phrase, Shape, diagnosis
from grader.checking.structure import diagonal_of, is_diagonal
from grader.checking.tolerance import close
from grader.contract.exercises import Exercise


def _diagonal_as_vector(answer, expected, exercise) -> Diagnosis | None:
    n = expected.shape[0] if expected.ndim == 2 else None
    if n is None or expected.shape != (n, n) or answer.shape != (n,) or not (n == 1 or is_diagonal(expected)):
        return None
    message = "diagonal_as_vector" if close(answer, np.diag(expected)) else "diagonal_as_vector/values_wrong"
    return diagnosis("diagonal_as_vector", message, n=n, expected_shape=Shape(expected.shape), shape=Shape(answer.shape))


def _row_or_column(answer, expected, exercise) -> Diagnosis | None:
    if expected.ndim != 1 or answer.ndim != 2 or answer.size != expected.size or 1 not in answer.shape:
        return None
    kind = "phrase/2d_array" if answer.shape == (1, 1) else ("phrase/row" if answer.shape[0] == 1 else "phrase/column")
    values = "phrase/values_right" if close(answer.ravel(), expected) else "phrase/values_wrong"
    return diagnosis(
        "row_or_column", n=expected.shape[0], kind=Phrase(kind), shape=Shape(answer.shape), values=Phrase(values)
    )


def _array_for_scalar(answer, expected, exercise) -> Diagnosis | None:
    if expected.ndim != 0 or answer.size != 1:
        return None
    values = "phrase/value_right" if close(answer.reshape(()), expected) else "phrase/value_wrong"
    return diagnosis("array_for_scalar", shape=Shape(answer.shape), values=Phrase(values))


def _squeezed(answer, expected, exercise) -> Diagnosis | None:
    """A scalar where an array of one entry belongs: what np.squeeze does to a batch of one (or n = 1)."""
    if answer.shape != () or expected.ndim == 0 or expected.size != 1:
        return None
    batch = exercise is not None and exercise.batch_output and expected.shape == (1,)
    return diagnosis("squeezed", "squeezed/batch" if batch else "squeezed", expected_shape=Shape(expected.shape))


def _collapsed_tensor(answer, expected, exercise) -> Diagnosis | None:
    if expected.ndim != 3 or answer.shape != (expected.shape[0], expected.shape[2]) or expected.shape[0] != expected.shape[1]:
        return None
    n, _, m = expected.shape
    matrix = exercise.matrix if exercise and exercise.matrix else "W"
    message = "collapsed_tensor" if close(answer, diagonal_of(expected)) else "collapsed_tensor/values_wrong"
    return diagnosis("collapsed_tensor", message, n=n, m=m, matrix=matrix)


def transposed(expected_shape: tuple, answer_shape: tuple) -> Diagnosis:
    """The answer is the expected Jacobian's transpose (its shape said only when it differs)."""
    message = "transposed/shape" if expected_shape != answer_shape else "transposed"
    return diagnosis("transposed", message, expected_shape=Shape(expected_shape), shape=Shape(answer_shape))


def _permuted_axes(answer, expected, exercise) -> Diagnosis | None:
    if answer.ndim != expected.ndim or answer.ndim < 2 or sorted(answer.shape) != sorted(expected.shape):
        return None
    shapes = {"expected_shape": Shape(expected.shape), "shape": Shape(answer.shape)}
    for order in permutations(range(answer.ndim)):
        if order == tuple(range(answer.ndim)) or tuple(answer.shape[i] for i in order) != expected.shape:
            continue
        if close(np.transpose(answer, order), expected):
            if answer.ndim == 2:
                return transposed(expected.shape, answer.shape)
            return diagnosis("axes_order", order=order, **shapes)
    if answer.ndim == 2 and answer.shape == expected.shape[::-1]:
        return diagnosis("shape", "shape/transpose_shape", **shapes)
    return None


def diagnose_shape(answer: np.ndarray, expected: np.ndarray, exercise: Exercise | None = None) -> Diagnosis:
    """Why answer.shape != expected.shape, by name when it is a frequent mistake."""
    for diagnose in (
        _diagonal_as_vector, _row_or_column, _array_for_scalar, _squeezed, _collapsed_tensor, _permuted_axes
    ):
        found = diagnose(answer, expected, exercise)
        if found:
            return found
    message = "shape/matrix" if expected.ndim == 2 else "shape"
    return diagnosis("shape", message, expected_shape=Shape(expected.shape), shape=Shape(answer.shape))
