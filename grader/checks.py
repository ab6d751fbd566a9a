"""Checks that compare a student's answer with the reference, in the grading process.

Pure functions of (answer, expected, case) -> Verdict, independent of where they run.
They run as an ordered series, like PrairieLearn's: did the function return at all? is
the answer a float array? the right shape? finite? the right values? The first check
that fails decides, and its message says what was expected, what was found, and for
which input.

An *answer* is what the student's function returned, as decoded from the kernel
(see ``grader.wire``): a float64 ndarray, a ``Raised`` (the function raised), an
``Unconvertible`` (something that is not a float array), or for pairs a tuple of these.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.exercises import ARRAY, PAIR, SCALAR, Case, Exercise

# Tolerance, from the float64 error of the formulas rather than a guess: every
# reference formula is a handful of operations or a dot product of at most a few
# hundred terms, so two correct formulas differ by at most ~300 eps ~ 7e-14
# relative. RTOL leaves a margin of ~1000 for reordered or alternative formulas.
# ATOL covers entries that suffer cancellation (1 - a near a = 1, Y - Y_hat near
# the true class), relative to the largest entry of the expected value.
RTOL = 1e-10
ATOL = 1e-12

PAIR_LABELS = ("dw/du", "dw/dv")


@dataclass(frozen=True)
class Raised:
    """The student's function raised instead of returning."""

    exception: str  # "ValueError: shapes (3,) and (2,) not aligned"
    traceback: str = ""


@dataclass(frozen=True)
class Unconvertible:
    """The function returned something that is not a real float array."""

    type_name: str
    preview: str  # a short repr


@dataclass(frozen=True)
class Verdict:
    passed: bool
    check: str  # the check that decided: raised, type, shape, finite, values, or ok
    message: str


PASS = Verdict(True, "ok", "correct")


def shape_text(shape) -> str:
    return "a scalar" if shape == () else f"shape {tuple(shape)}"


def describe_case(case: Case, exercise: Exercise) -> str:
    """'for z of shape (3,)' / 'for W (3, 2), x (2,), b (3,)' (case label included)."""
    parts = []
    for name, arg in zip(exercise.params, case.args):
        parts.append(f"{name} {np.shape(arg)}" if np.ndim(arg) else f"{name} = {arg!r}")
    return f"for {', '.join(parts)} [{case.label}]"


def check_returned(answer) -> Verdict | None:
    """Did the function return a value at all?"""
    if isinstance(answer, Raised):
        first_line = answer.exception.splitlines()[0] if answer.exception else "an exception"
        if first_line.startswith("NotImplementedError"):
            return Verdict(False, "raised", "not implemented yet: replace `raise NotImplementedError()` with your code.")
        return Verdict(False, "raised", f"your function raised {first_line}")
    if isinstance(answer, Unconvertible) and answer.type_name == "NoneType":
        return Verdict(False, "type", "your function returned None: did you forget the `return` statement?")
    return None


def check_type(answer, output: str) -> Verdict | None:
    """Is the answer a real float array (or a float, for a scalar)?"""
    if isinstance(answer, Unconvertible):
        wanted = "a float" if output == SCALAR else "a numpy array of floats"
        return Verdict(False, "type", f"expected {wanted}, got a {answer.type_name}: {answer.preview}")
    if not isinstance(answer, np.ndarray):
        return Verdict(False, "type", f"expected a numpy array of floats, got a {type(answer).__name__}")
    return None


def check_shape(answer: np.ndarray, expected: np.ndarray) -> Verdict | None:
    """Same shape as the reference? Checked before values: np.allclose broadcasts (n,) with (n, 1)."""
    if answer.shape != expected.shape:
        return Verdict(
            False,
            "shape",
            f"wrong shape: expected {shape_text(expected.shape)}, got {shape_text(answer.shape)}.",
        )
    return None


def check_finite(answer: np.ndarray, expected: np.ndarray) -> Verdict | None:
    """No NaN or inf where the reference is finite."""
    bad = ~np.isfinite(answer) & np.isfinite(expected)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        kinds = sorted({"NaN" if np.isnan(v) else "inf" for v in answer[bad]})
        return Verdict(
            False,
            "finite",
            f"your answer contains {' and '.join(kinds)} ({int(bad.sum())} entries, first at index {where}) "
            "where the expected value is finite: look for a division by zero or an overflow.",
        )
    return None


def mismatch(answer: np.ndarray, expected: np.ndarray, also_accepted: np.ndarray | None = None) -> np.ndarray:
    """Boolean mask of entries outside tolerance (entries equal to also_accepted are fine)."""
    scale = float(np.max(np.abs(expected), initial=0.0))
    tolerance = RTOL * np.abs(expected) + ATOL * max(scale, 1.0)
    wrong = ~(np.abs(answer - expected) <= tolerance)
    if also_accepted is not None:
        wrong &= ~(np.abs(answer - also_accepted) <= tolerance)
    return wrong


def check_values(answer: np.ndarray, expected: np.ndarray, also_accepted: np.ndarray | None = None) -> Verdict | None:
    """Entries equal to the reference within tolerance."""
    wrong = mismatch(answer, expected, also_accepted)
    if not wrong.any():
        return None
    index = tuple(int(i) for i in np.argwhere(wrong)[0])
    at = f" at index {index}" if index else ""
    return Verdict(
        False,
        "values",
        f"wrong values: {int(wrong.sum())} of {wrong.size} entries differ; first{at}: "
        f"expected {expected[index]!r}, got {answer[index]!r}.",
    )


def check_array(answer, expected, output: str = ARRAY, also_accepted=None) -> Verdict:
    """The ordered series for one array (or scalar) answer."""
    expected = np.asarray(expected, dtype=np.float64)
    for verdict in (check_returned(answer), check_type(answer, output)):
        if verdict:
            return verdict
    for check in (check_shape, check_finite):
        verdict = check(answer, expected)
        if verdict:
            return verdict
    return check_values(answer, expected, also_accepted) or PASS


def check_pair(answer, expected: tuple, also_accepted=None) -> tuple[Verdict, Verdict]:
    """A pair (dw/du, dw/dv): each element has its own verdict (and its own points)."""
    verdict = check_returned(answer)
    if verdict is None and not isinstance(answer, tuple):
        found = answer.type_name if isinstance(answer, Unconvertible) else f"a single array of {shape_text(answer.shape)}"
        verdict = Verdict(False, "type", f"expected a pair (dw/du, dw/dv) of two arrays, got {found}.")
    if verdict is None and len(answer) != 2:
        verdict = Verdict(False, "type", f"expected a pair (dw/du, dw/dv) of two arrays, got {len(answer)} elements.")
    if verdict is not None:
        return verdict, verdict
    alternatives = also_accepted or (None, None)
    return tuple(check_array(a, e, ARRAY, alt) for a, e, alt in zip(answer, expected, alternatives))
