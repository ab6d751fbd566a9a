"""Checks that compare a student's answer with the reference, in the grading process.

Pure functions of (answer, expected, case) -> Verdict, independent of where they run.
They run as an ordered series, like PrairieLearn's: did the function return at all? is
the answer a float array? the right shape? finite? the right values? The first check
that fails decides. At the shape and values steps, ``grader.checking.diagnoses`` names the
mistake (``Verdict.check``) and the message says what was expected and what was found;
the grading report adds the input.

An *answer* is what the student's function returned, as decoded from the kernel
(see ``grader.probe.wire``): a float64 ndarray, a ``Raised`` (the function raised), an
``Unconvertible`` (something that is not a float array), or for pairs a tuple of these.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.checking import diagnoses
from grader.checking.diagnoses import ATOL, RTOL, Diagnosis, mismatch, shape_text  # noqa: F401 (RTOL, ATOL: the checks' tolerance)
from grader.contract.exercises import ARRAY, SCALAR, Case, Exercise

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
    check: str  # "ok", or the diagnosis that decided: a name of grader.checking.diagnoses.PRECEDENCE
    message: str
    html: str = ""  # expected vs received as a small HTML table, for small answers; "" otherwise


PASS = Verdict(True, "ok", "correct")


def check_returned(answer) -> Verdict | None:
    """Did the function return a value at all?"""
    if isinstance(answer, Raised):
        first_line = answer.exception.splitlines()[0] if answer.exception else "an exception"
        if first_line.startswith("NotImplementedError"):
            return Verdict(False, "not_implemented", "not implemented yet: replace `raise NotImplementedError()` with your code.")
        return Verdict(False, "raised", f"your function raised {first_line}")
    if isinstance(answer, Unconvertible) and answer.type_name == "NoneType":
        return Verdict(False, "returned_none", "your function returned None: did you forget the `return` statement?")
    return None


def check_type(answer, output: str) -> Verdict | None:
    """Is the answer a real float array (or a float, for a scalar)?"""
    if isinstance(answer, Unconvertible):
        wanted = "a float" if output == SCALAR else "a numpy array of floats"
        return Verdict(False, "type", f"expected {wanted}, got a {answer.type_name}: {answer.preview}")
    if not isinstance(answer, np.ndarray):
        return Verdict(False, "type", f"expected a numpy array of floats, got a {type(answer).__name__}")
    return None


def _failed(diagnosis: Diagnosis, answer: np.ndarray, expected: np.ndarray, wrong: np.ndarray | None = None) -> Verdict:
    """A diagnosis as a verdict, with expected and received values when they are small enough to read."""
    shown = diagnoses.comparison_text(answer, expected)
    message = f"{diagnosis.message}\n{shown}" if shown else diagnosis.message
    return Verdict(False, diagnosis.check, message, diagnoses.comparison_html(answer, expected, wrong))


def check_shape(answer: np.ndarray, expected: np.ndarray, exercise: Exercise | None = None) -> Verdict | None:
    """Same shape as the reference? Checked before values: np.allclose broadcasts (n,) with (n, 1)."""
    if answer.shape == expected.shape:
        return None
    return _failed(diagnoses.diagnose_shape(answer, expected, exercise), answer, expected)


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


def check_values(
    answer: np.ndarray,
    expected: np.ndarray,
    also_accepted: np.ndarray | None = None,
    exercise: Exercise | None = None,
    case: Case | None = None,
) -> Verdict | None:
    """Entries equal to the reference within tolerance; otherwise, why not."""
    wrong = mismatch(answer, expected, also_accepted)
    if not wrong.any():
        return None
    return _failed(diagnoses.diagnose_values(answer, expected, wrong, exercise, case), answer, expected, wrong)


def check_array(
    answer, expected, output: str = ARRAY, also_accepted=None, exercise: Exercise | None = None, case: Case | None = None
) -> Verdict:
    """The ordered series for one array (or scalar) answer: returned, type, shape, finite, values.

    exercise and case (optional) name the diagnoses: the mean's N of a loss, the matrix of a tensor.
    """
    expected = np.asarray(expected, dtype=np.float64)
    verdict = (
        check_returned(answer)
        or check_type(answer, output)
        or check_shape(answer, expected, exercise)
        or check_finite(answer, expected)
        or check_values(answer, expected, also_accepted, exercise, case)
    )
    return verdict or PASS


def check_parts(
    answer, expected: tuple, also_accepted=None, exercise: Exercise | None = None, case: Case | None = None
) -> tuple[Verdict, ...]:
    """A pair (dw/du, dw/dv) or a triple (dJ/dW, dJ/db, dJ/du): each element has its own verdict (and its own points)."""
    labels = exercise.parts if exercise is not None and exercise.parts else PAIR_LABELS
    kind = {2: "pair", 3: "triple"}.get(len(labels), "tuple")
    wanted = f"a {kind} ({', '.join(labels)}) of {len(labels)} arrays"
    verdict = check_returned(answer)
    if verdict is None and not isinstance(answer, tuple):
        found = answer.type_name if isinstance(answer, Unconvertible) else f"a single array of {shape_text(answer.shape)}"
        verdict = Verdict(
            False, "not_a_pair", f"expected {wanted}, got {found}: return all of them, as `return {', '.join(_names(labels))}`."
        )
    if verdict is None and len(answer) != len(labels):
        which = {0: "an empty tuple", 1: "only 1 element"}.get(len(answer), f"{len(answer)} elements")
        verdict = Verdict(False, "pair_length", f"expected {wanted}, got {which}: return exactly {len(labels)}.")
    if verdict is not None:
        return (verdict,) * len(labels)
    expected = tuple(np.asarray(e, dtype=np.float64) for e in expected)
    if len(labels) == 2:
        swapped = diagnoses.diagnose_swapped(answer, expected)
        if swapped is not None:
            return tuple(_failed(swapped, a, e) for a, e in zip(answer, expected))
    alternatives = also_accepted or (None,) * len(labels)
    return tuple(
        _none_in(a, kind) or check_array(a, e, ARRAY, alt, exercise, case) for a, e, alt in zip(answer, expected, alternatives)
    )


def _names(labels: tuple[str, ...]) -> list[str]:
    """Python names for part labels: 'dw/du' -> 'dw_du', 'dJ/dW' -> 'dJ_dW'."""
    return [label.replace("/", "_") for label in labels]


def _none_in(element, kind: str) -> Verdict | None:
    if isinstance(element, Unconvertible) and element.type_name == "NoneType":
        return Verdict(False, "returned_none", f"this element of the {kind} is None: return every element.")
    return None
