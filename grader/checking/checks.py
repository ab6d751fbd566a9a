"""Checks that compare a student's answer with the reference, in the grading process.

Pure functions of (answer, expected, case) -> Verdict, independent of where they run.
They run as an ordered series, like PrairieLearn's: did the function return at all? is
the answer a float array? the right shape? finite? the right values? The first check
that fails decides. At the shape and values steps, ``shape_diagnoses`` and
``value_diagnoses`` name the mistake; a verdict holds that diagnosis as data and
``grader.checking.render`` puts it into words; the grading report adds the input.

An *answer* is what the student's function returned, as decoded from the kernel
(see ``grader.probe``): a float64 ndarray, a ``Raised`` (the function did not return),
an ``Unconvertible`` (something that is not a float array), or for pairs a tuple of these.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from grader.checking import render, shape_diagnoses, value_diagnoses
from grader.checking.diagnosis import Diagnosis, Phrase, Shape, diagnosis
from grader.checking.tolerance import close, mismatch
from grader.contract.exercises import ARRAY, SCALAR, Case, Exercise
from grader.probe.answers import EXCEPTION, NotAnArray, Raised, Unconvertible

PAIR_LABELS = ("dw/du", "dw/dv")
BROADCAST_ERROR = "ValueError: operands could not be broadcast together"


@dataclass(frozen=True, eq=False)
class Verdict:
    """Passed, or the diagnosis that decided; answer and expected when the values are worth showing."""

    passed: bool
    diagnosis: Diagnosis
    answer: np.ndarray | None = None
    expected: np.ndarray | None = None
    wrong: np.ndarray | None = None  # mask of wrong entries, for the HTML table

    @property
    def check(self) -> str:
        """"ok", or the diagnosis that decided: a name of grader.checking.diagnosis.PRECEDENCE."""
        return self.diagnosis.check

    @property
    def message(self) -> str:
        return render.message(self.diagnosis, self.answer, self.expected)

    @property
    def html(self) -> str:
        """Expected vs received as a small HTML table, for small answers; "" otherwise."""
        if self.answer is None:
            return ""
        return render.comparison_html(self.answer, self.expected, self.wrong)


PASS = Verdict(True, diagnosis("ok"))


def _fails(check: str, message: str | None = None, **params) -> Verdict:
    return Verdict(False, diagnosis(check, message, **params))


def check_returned(answer) -> Verdict | None:
    """Did the function return a value at all?"""
    if isinstance(answer, Raised):
        if answer.reason != EXCEPTION:
            return _fails("raised", f"raised/{answer.reason}")
        if not answer.exception:
            return _fails("raised", "raised/unknown")
        first_line = answer.exception.splitlines()[0]
        if first_line.startswith("NotImplementedError"):
            return _fails("not_implemented")
        if first_line.startswith(BROADCAST_ERROR):
            return _fails("broadcast", exception=first_line)
        return _fails("raised", exception=first_line)
    if isinstance(answer, Unconvertible) and answer.type_name == "NoneType":
        return _fails("returned_none")
    return None


def check_type(answer, output: str, expected: np.ndarray | None = None) -> Verdict | None:
    """Is the answer a numpy array of floats (or a number, for a scalar)? A list is not, even with the right values."""
    if isinstance(answer, NotAnArray):
        values = answer.values.ravel()
        right = expected is not None and values.size == expected.size and close(values, expected.ravel())
        message = "type/not_array" if right else "type/not_array_values_wrong"
        return _fails("type", message, type_name=answer.type_name)
    if isinstance(answer, Unconvertible):
        wanted = "type/scalar" if output == SCALAR else "type/array"
        return _fails("type", wanted, type_name=answer.type_name, preview=answer.preview)
    if not isinstance(answer, np.ndarray):
        return _fails("type", "type/other", type_name=type(answer).__name__)
    return None


def _failed(found: Diagnosis, answer: np.ndarray, expected: np.ndarray, wrong: np.ndarray | None = None) -> Verdict:
    """A diagnosis as a verdict, with expected and received values (shown when small enough to read)."""
    return Verdict(False, found, answer, expected, wrong)


def check_shape(answer: np.ndarray, expected: np.ndarray, exercise: Exercise | None = None) -> Verdict | None:
    """Same shape as the reference? Checked before values: np.allclose broadcasts (n,) with (n, 1)."""
    if answer.shape == expected.shape:
        return None
    return _failed(shape_diagnoses.diagnose_shape(answer, expected, exercise), answer, expected)


def check_finite(answer: np.ndarray, expected: np.ndarray) -> Verdict | None:
    """No NaN or inf where the reference is finite."""
    bad = ~np.isfinite(answer) & np.isfinite(expected)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        kinds = "_and_".join(sorted({"nan" if np.isnan(v) else "inf" for v in answer[bad]}, key=("nan", "inf").index))
        return _fails("finite", kinds=Phrase(f"phrase/{kinds}"), count=int(bad.sum()), index=where)
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
    return _failed(value_diagnoses.diagnose_values(answer, expected, wrong, exercise, case), answer, expected, wrong)


def check_known_mistakes(
    answer: np.ndarray, expected: np.ndarray, exercise: Exercise | None, case: Case | None, part: int | None = None
) -> Verdict | None:
    """A wrong answer equal to one of the exercise's typical wrong answers (``Exercise.mistakes``), by that name.

    Checked before the shape: a typical mistake may have its own shape (the Jacobian form, a transpose).
    part: the element of a pair or triple the answer is, None for a single answer.
    """
    if exercise is None or case is None or (answer.shape == expected.shape and not mismatch(answer, expected).any()):
        return None
    for name, formula in exercise.mistakes:
        with np.errstate(all="ignore"):
            typical = formula(*case.args)
        if typical is None:
            continue
        typical = np.asarray(typical if part is None else typical[part], dtype=np.float64)
        if typical.shape == answer.shape and not mismatch(answer, typical).any():
            return _failed(diagnosis(name, f"mistake/{name}", shape=Shape(answer.shape), expected_shape=Shape(expected.shape)),
                           answer, expected)
    return None


def check_array(
    answer,
    expected,
    output: str = ARRAY,
    also_accepted=None,
    exercise: Exercise | None = None,
    case: Case | None = None,
    part: int | None = None,
) -> Verdict:
    """The ordered series for one array (or scalar) answer: returned, type, typical mistakes, shape, finite, values.

    exercise and case (optional) name the diagnoses: the mean's N of a loss, the matrix of a tensor, the
    exercise's typical mistakes (of element ``part`` of a pair or triple).
    """
    expected = np.asarray(expected, dtype=np.float64)
    if output == SCALAR and isinstance(answer, NotAnArray):
        answer = answer.values  # a float or np.float64 is the number the contract asks for; a list fails its shape
    verdict = (
        check_returned(answer)
        or check_type(answer, output, expected)
        or check_known_mistakes(answer, expected, exercise, case, part)
        or check_shape(answer, expected, exercise)
        or check_finite(answer, expected)
        or check_values(answer, expected, also_accepted, exercise, case)
    )
    return verdict or PASS


def _check_form(answer, parts: tuple[str, ...]) -> Verdict | None:
    """Did the function return a tuple of len(parts) answers (a pair, or a triple)?"""
    kind = "pair" if len(parts) == 2 else "triple"
    names = {"parts": ", ".join(parts), "names": ", ".join(p.replace("/", "_") for p in parts)}
    verdict = check_returned(answer)
    if verdict is None and not isinstance(answer, tuple):
        if isinstance(answer, (Unconvertible, NotAnArray)):
            return _fails(f"not_a_{kind}", type_name=answer.type_name, **names)
        return _fails(f"not_a_{kind}", f"not_a_{kind}/array", shape=Shape(answer.shape), **names)
    if verdict is None and len(answer) != len(parts):
        which = {0: "empty", 1: "one"}.get(len(answer), "many")
        return _fails(f"{kind}_length", f"{kind}_length/{which}", count=len(answer), **names)
    return verdict


def check_parts(
    answer, expected: tuple, also_accepted=None, exercise: Exercise | None = None, case: Case | None = None
) -> tuple[Verdict, ...]:
    """A pair (dw/du, dw/dv) or a triple (dJ/dW, dJ/db, dJ/du): each element has its own verdict (and its own points)."""
    parts = exercise.parts if exercise is not None and exercise.parts else PAIR_LABELS
    verdict = _check_form(answer, parts)
    if verdict is not None:
        return (verdict,) * len(parts)
    expected = tuple(np.asarray(e, dtype=np.float64) for e in expected)
    if len(parts) == 2:
        swapped = value_diagnoses.diagnose_swapped(answer, expected)
        if swapped is not None:
            return tuple(_failed(swapped, a, e) for a, e in zip(answer, expected))
    alternatives = also_accepted or (None,) * len(parts)
    none = "returned_none/pair" if len(parts) == 2 else "returned_none/triple"
    return tuple(
        (_fails("returned_none", none) if _is_none(a) else check_array(a, e, ARRAY, alt, exercise, case, index))
        for index, (a, e, alt) in enumerate(zip(answer, expected, alternatives))
    )


def _is_none(element) -> bool:
    return isinstance(element, Unconvertible) and element.type_name == "NoneType"
