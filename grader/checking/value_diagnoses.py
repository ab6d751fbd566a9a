"""Why some entries of an answer of the right shape are wrong, by name when it is a frequent mistake.

Pure functions of (answer, expected, wrong, exercise, case) -> Diagnosis | None, tried in
order by ``diagnose_values`` (the values step of ``grader.checking.checks``); ``wrong`` is
the mask of entries outside tolerance. Each returns data: the words are in
``grader.checking.messages``.
"""

from __future__ import annotations

import numpy as np

from grader.checking.diagnosis import Diagnosis, Index, Number, Phrase, Phrases, diagnosis, rank
from grader.checking.shape_diagnoses import transposed
from grader.checking.structure import is_diagonal, mean_size, off_diagonal
from grader.checking.tolerance import APPROXIMATE, ATOL, RTOL, close
from grader.contract.exercises import SQUARE, Case, Exercise


def _transposed_values(answer, expected, wrong, exercise, case) -> Diagnosis | None:
    if answer.ndim != 2 or answer.shape[0] != answer.shape[1] or close(expected, expected.T):
        return None
    return transposed(expected.shape, answer.shape) if close(answer.T, expected) else None


def _off_diagonal_entries(answer, expected, wrong, exercise, case) -> Diagnosis | None:
    if not is_diagonal(expected):
        return None
    off = off_diagonal(expected.shape)
    bad = wrong & off
    if not bad.any():
        return None
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    diagonal = "phrase/diagonal_wrong" if (wrong & ~off).any() else "phrase/diagonal_right"
    return diagnosis(
        "off_diagonal",
        "off_diagonal/matrix" if expected.ndim == 2 else "off_diagonal/tensor",
        count=int(bad.sum()),
        index=Index(index),
        value=Number(answer[index]),
        diagonal=Phrase(diagonal),
    )


def _worst(error: np.ndarray) -> tuple:
    """Index of the largest entry of error."""
    return tuple(int(i) for i in np.unravel_index(np.argmax(error), error.shape))


def _approximate(answer, expected, wrong, exercise, case) -> Diagnosis | None:
    scale = float(np.max(np.abs(expected), initial=0.0))
    error = np.abs(answer - expected)
    if scale == 0 or float(error.max()) > APPROXIMATE * scale:
        return None
    index = _worst(error)
    return diagnosis(
        "approximate",
        "approximate" if index else "approximate/scalar",
        count=int(wrong.sum()),
        size=wrong.size,
        error=float(error.max()),
        ratio=float(error.max()) / scale,
        index=Index(index),
        expected_entry=float(expected[index]),
        got_entry=float(answer[index]),
        rtol=RTOL,
    )


def _factor_candidates(N: int | None) -> list[tuple[float, tuple[str, ...]]]:
    """(factor, names of its parts) for sign × N^p × 2^q, simplest first; N only when N > 1."""
    powers_of_n = (0, 1, -1) if N and N > 1 else (0,)
    found = []
    for sign in (1, -1):
        for p in powers_of_n:
            for q in (0, -1, 1):
                parts = (("missing_1/N",) if p == 1 else ("extra_1/N",) if p == -1 else ()) + (
                    ("missing_2",) if q == -1 else ("extra_2",) if q == 1 else ()
                ) + (("sign_flipped",) if sign == -1 else ())
                if parts:
                    found.append((sign * float(N or 1) ** p * 2.0**q, parts))
    # Simplest first; on a tie (N = 2), the mean's 1/N before the factor 2, as PRECEDENCE orders them.
    return sorted(found, key=lambda item: (len(item[1]), rank(item[1][0])))


def _reason(part: str, N: int | None, exercise: Exercise | None) -> Phrase:
    """One reason of a scaled answer; a missing 2 of a squared difference says where it comes from."""
    if part == "missing_2" and exercise and SQUARE in exercise.hints:
        return Phrase("reason/missing_2/square")
    return Phrase(f"reason/{part}", {"N": N} if part.endswith("1/N") else {})


def _scaled(answer, expected, wrong, exercise, case) -> Diagnosis | None:
    """answer = c × expected: by name for -1, N, 1/N, 2, 1/2 and their products; any c on 2+ non-zero entries."""
    N = mean_size(exercise, case)
    for factor, parts in _factor_candidates(N):
        if close(answer, factor * expected):
            reasons = Phrases(tuple(_reason(p, N, exercise) for p in parts))
            if expected.ndim == 0:
                return diagnosis(
                    parts[0], "scaled/scalar", factor=Number(factor), reasons=reasons,
                    expected=Number(expected), got=Number(answer),
                )
            return diagnosis(parts[0], "scaled", factor=Number(factor), reasons=reasons)
    nonzero = np.abs(expected) > ATOL * max(float(np.max(np.abs(expected), initial=0.0)), 1.0)
    if nonzero.sum() < 2:
        return None  # one number is always a multiple of another
    c = float(np.sum(answer * expected) / np.sum(expected * expected))
    if c == 0 or not close(answer, c * expected):
        return None
    return diagnosis("constant_factor", factor=Number(c))


def _wrong_entries(answer, expected, wrong, exercise, case) -> Diagnosis:
    index = _worst(np.where(wrong, np.abs(answer - expected), -1.0))
    if wrong.size == 1:
        message = "values/one" if index else "values/scalar"
    else:
        off = off_diagonal(expected.shape)
        diagonal_only = off is not None and is_diagonal(expected) and not (wrong & off).any()
        message = "values/diagonal_right" if diagonal_only else "values"
    return diagnosis(
        "values",
        message,
        count=int(wrong.sum()),
        size=wrong.size,
        index=Index(index),
        expected_entry=float(expected[index]),
        got_entry=float(answer[index]),
        difference=Number(answer[index] - expected[index]),
    )


def diagnose_values(
    answer: np.ndarray, expected: np.ndarray, wrong: np.ndarray, exercise: Exercise | None = None, case: Case | None = None
) -> Diagnosis:
    """Why some entries are wrong (wrong: the mask of them), by name when it is a frequent mistake."""
    # A wild answer (1e300) may overflow a product here: that says nothing the message does not.
    with np.errstate(all="ignore"):
        for diagnose in (_transposed_values, _off_diagonal_entries, _approximate, _scaled):
            found = diagnose(answer, expected, wrong, exercise, case)
            if found:
                return found
        return _wrong_entries(answer, expected, wrong, exercise, case)


def diagnose_swapped(answer: tuple, expected: tuple) -> Diagnosis | None:
    """Both elements of a pair right but in the other order; None otherwise (or when the order cannot show)."""
    if not all(isinstance(a, np.ndarray) for a in answer):
        return None
    first, second = (np.asarray(e, dtype=np.float64) for e in expected)
    if close(first, second) or not (close(answer[0], second) and close(answer[1], first)):
        return None
    return diagnosis("swapped")
