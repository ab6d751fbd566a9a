"""Why an answer is wrong, in words a student recognises.

Pure functions of (answer, expected, exercise, case) -> Diagnosis, used by the
shape and values steps of the ordered checks (``grader.checking.checks``). They run in the
grading process (``ScoreProbes``) and in ``grader.hidden`` alike, so a student reads
the same words whichever ran them.

Each diagnosis has a stable name (``Diagnosis.check``, then ``Verdict.check``): the
instructor's reports count them as the class's most frequent mistakes. ``PRECEDENCE``
lists every name, most telling first; the grader reports, among all failing cases,
the one whose diagnosis comes first there (the smallest such case on a tie).

Arrays are float64 ndarrays; ``expected`` is the reference's value for the case.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from itertools import permutations

import numpy as np

from grader.contract.exercises import Case, Exercise

# Tolerance, from the float64 error of the formulas rather than a guess: every
# reference formula is a handful of operations or a dot product of at most a few
# hundred terms, so two correct formulas differ by at most ~300 eps ~ 7e-14
# relative. RTOL leaves a margin of ~1000 for reordered or alternative formulas.
# ATOL covers entries that suffer cancellation (1 - a near a = 1, Y - Y_hat near
# the true class), relative to the largest entry of the expected value.
RTOL = 1e-10
ATOL = 1e-12
# Wrong, but within this fraction of the largest expected entry: an approximation
# (finite differences, float32, rounded constants) rather than a wrong formula.
APPROXIMATE = 1e-4
# Answers up to this many entries (and 8 per axis) are shown in full.
SHOWN_ENTRIES = 64
SHOWN_PER_AXIS = 8
# Inputs up to this many numbers in all are printed as Python; bigger ones by shape (and seed).
SHOWN_INPUT_ENTRIES = 30

# Every diagnosis name, most telling first (grading reports the failing case whose
# diagnosis comes first). Grouped by the step of the ordered checks that finds them.
PRECEDENCE = (
    # returned? / type
    "not_implemented", "raised", "returned_none", "not_a_pair", "pair_length", "type",
    # shape
    "diagonal_as_vector", "row_or_column", "array_for_scalar", "collapsed_tensor", "transposed", "axes_order", "shape",
    # finite
    "finite",
    # values
    "swapped", "off_diagonal", "missing_1/N", "extra_1/N", "missing_2", "extra_2", "sign_flipped",
    "constant_factor", "approximate", "values",
)


def rank(check: str) -> int:
    """Position of a diagnosis in PRECEDENCE (unknown names last)."""
    return PRECEDENCE.index(check) if check in PRECEDENCE else len(PRECEDENCE)


@dataclass(frozen=True)
class Diagnosis:
    check: str  # a name of PRECEDENCE
    message: str  # one sentence or more, no trailing newline


# Tolerance --------------------------------------------------------------------------------


def mismatch(answer: np.ndarray, expected: np.ndarray, also_accepted: np.ndarray | None = None) -> np.ndarray:
    """Boolean mask (shape of expected) of entries outside tolerance; entries equal to also_accepted are fine."""
    scale = float(np.max(np.abs(expected), initial=0.0))
    tolerance = RTOL * np.abs(expected) + ATOL * max(scale, 1.0)
    with np.errstate(over="ignore", invalid="ignore"):  # an answer of 1e308 is just wrong
        wrong = ~(np.abs(answer - expected) <= tolerance)
        if also_accepted is not None:
            wrong &= ~(np.abs(answer - also_accepted) <= tolerance)
    return wrong


def close(answer: np.ndarray, expected: np.ndarray) -> bool:
    """Same shape and every entry within tolerance."""
    return answer.shape == expected.shape and not mismatch(answer, expected).any()


# Formatting --------------------------------------------------------------------------------


def number(value: float) -> str:
    """A float with 6 significant digits, no negative zero: '0.25', '-1', '1e-06'."""
    return f"{float(value) + 0.0:.6g}"


def numbers(expected: float, got: float) -> tuple[str, str]:
    """Both values with enough digits to tell them apart."""
    short = number(expected), number(got)
    return short if short[0] != short[1] else (repr(float(expected)), repr(float(got)))


def shape_text(shape) -> str:
    return "a scalar" if tuple(shape) == () else f"shape {tuple(shape)}"


def index_text(index: tuple) -> str:
    return f"[{index[0]}]" if len(index) == 1 else str(index)


def is_small(array: np.ndarray) -> bool:
    return array.size <= SHOWN_ENTRIES and all(n <= SHOWN_PER_AXIS for n in array.shape)


def array_text(array: np.ndarray) -> str:
    """An array as numpy prints it, 6 significant digits, multi-line for matrices."""
    if array.ndim == 0:
        return number(array)
    return np.array2string(array + 0.0, separator=", ", formatter={"float_kind": number}, max_line_width=100)


def assignment_text(name: str, value) -> str:
    """An input as copy-pasteable Python: 'z = np.array([0.5, -1.25])' or 'b = 0.3' (6 significant digits)."""
    def literal(v):
        return repr(float(number(v)))
    if np.ndim(value) == 0:
        return f"{name} = {literal(value)}"
    prefix = f"{name} = np.array("
    body = np.array2string(np.asarray(value), separator=", ", formatter={"float_kind": literal}, prefix=prefix)
    return f"{prefix}{body})"


def comparison_text(answer: np.ndarray, expected: np.ndarray) -> str:
    """'expected shape (3, 3):', its entries, 'got shape (3,):', its entries; '' unless both are small."""
    if not (is_small(answer) and is_small(expected)):
        return ""
    def block(label, array):
        title = label if array.ndim == 0 else f"{label} {shape_text(array.shape)}"
        return f"{title}:\n" + "\n".join("  " + line for line in array_text(array).splitlines())
    return block("expected", expected) + "\n" + block("got", answer)


def _cells_html(array: np.ndarray, marked: np.ndarray | None, other: np.ndarray | None) -> str:
    """A <table> of array (0 to 2 axes); entries where marked are highlighted, titled with other's value."""
    rows = np.atleast_2d(array)
    marks = np.atleast_2d(marked) if marked is not None else np.zeros(rows.shape, bool)
    others = np.atleast_2d(other) if other is not None else None
    lines = []
    for i, row in enumerate(rows):
        cells = []
        for j, value in enumerate(row):
            style = "padding:2px 6px;border:1px solid #ccc;text-align:right"
            title = ""
            if marks[i, j]:
                style += ";background-color:#f8d0d0;font-weight:bold"
                if others is not None:
                    title = f' title="expected {html.escape(number(others[i, j]))}"'
            cells.append(f'<td style="{style}"{title}>{html.escape(number(value))}</td>')
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return '<table style="border-collapse:collapse;margin:2px 12px 2px 0">' + "".join(lines) + "</table>"


def comparison_html(answer: np.ndarray, expected: np.ndarray, wrong: np.ndarray | None = None) -> str:
    """Expected and received side by side as small HTML tables, wrong entries marked; '' when too big.

    answer, expected: arrays of at most 2 axes, 8 entries per axis; wrong: mask of expected's
    shape (only used when the shapes agree).
    """
    if answer.ndim > 2 or expected.ndim > 2 or not (is_small(answer) and is_small(expected)):
        return ""
    marked = wrong if wrong is not None and answer.shape == expected.shape else None
    blocks = [
        ("expected", _cells_html(expected, None, None), expected.shape),
        ("received", _cells_html(answer, marked, expected), answer.shape),
    ]
    columns = "".join(
        f'<div style="display:inline-block;vertical-align:top"><div style="font-size:90%">{label} '
        f"{html.escape(shape_text(shape))}</div>{table}</div>"
        for label, table, shape in blocks
    )
    note = '<div style="font-size:90%">wrong entries are marked in red</div>' if marked is not None and marked.any() else ""
    return f'<div class="jacobians-comparison">{columns}{note}</div>'


def inputs_text(case: Case, exercise: Exercise) -> str:
    """'z = np.array([...])' lines for a small case, '' for a big one."""
    if sum(int(np.size(arg)) for arg in case.args) > SHOWN_INPUT_ENTRIES:
        return ""
    return "\n".join(assignment_text(name, arg) for name, arg in zip(exercise.params, case.args))


def shapes_text(case: Case, exercise: Exercise) -> str:
    """'W (3, 2), x (2,), b (3,)'; scalars by value."""
    return ", ".join(
        f"{name} {np.shape(arg)}" if np.ndim(arg) else f"{name} = {number(arg)}" for name, arg in zip(exercise.params, case.args)
    )


# Structure of expected values ---------------------------------------------------------------


def _off_diagonal(shape: tuple) -> np.ndarray | None:
    """Mask of entries [i, j, ...] with i != j, for (n, n) and (n, n, m) shapes with n > 1; else None."""
    if len(shape) not in (2, 3) or shape[0] != shape[1] or shape[0] < 2:
        return None
    mask = ~np.eye(shape[0], dtype=bool)
    return np.broadcast_to(mask[..., None], shape) if len(shape) == 3 else mask


def is_diagonal(expected: np.ndarray) -> bool:
    """An element-wise Jacobian: zero wherever i != j (for (n, n), or (n, n, m) tensors)."""
    mask = _off_diagonal(expected.shape)
    return mask is not None and not expected[mask].any()


def _diagonal_of(array: np.ndarray) -> np.ndarray:
    """[i, i] (shape (n,)) of an (n, n) array, [i, i, :] (shape (n, m)) of an (n, n, m) one."""
    n = array.shape[0]
    return array[np.arange(n), np.arange(n)]


def mean_size(exercise: Exercise | None, case: Case | None) -> int | None:
    """N of the mean over examples, for the loss exercises (ps4_losses); None elsewhere."""
    if exercise is None or case is None or exercise.assignment != "ps4_losses":
        return None
    return int(np.shape(case.args[0])[0])


# Shape step ---------------------------------------------------------------------------------


def _diagonal_as_vector(answer, expected, exercise) -> Diagnosis | None:
    n = expected.shape[0] if expected.ndim == 2 else None
    if n is None or expected.shape != (n, n) or answer.shape != (n,) or not (n == 1 or is_diagonal(expected)):
        return None
    head = (
        f"wrong shape: expected the {n}×{n} matrix ({shape_text(expected.shape)}), got a vector of {shape_text(answer.shape)}"
    )
    fix = f"An element-wise map's Jacobian is diagonal: use np.diag(...) to build the {n}×{n} matrix from your vector."
    if close(answer, np.diag(expected)):
        return Diagnosis("diagonal_as_vector", f"{head}: the diagonal of the Jacobian, returned as a vector. {fix}")
    return Diagnosis(
        "diagonal_as_vector",
        f"{head}. {fix} Check its values too: they are not the expected diagonal.",
    )


def _row_or_column(answer, expected, exercise) -> Diagnosis | None:
    if expected.ndim != 1 or answer.ndim != 2 or answer.size != expected.size or 1 not in answer.shape:
        return None
    n = expected.shape[0]
    kind = "2-D array" if answer.shape == (1, 1) else ("row" if answer.shape[0] == 1 else "column")
    values = "its values are right" if close(answer.ravel(), expected) else "its values are wrong as well"
    return Diagnosis(
        "row_or_column",
        f"wrong shape: expected a flat vector of shape ({n},), got a {kind} of {shape_text(answer.shape)} "
        f"({values}). Return a 1-D array, for example with .ravel(), and do not reshape it to (1, N) or (N, 1).",
    )


def _array_for_scalar(answer, expected, exercise) -> Diagnosis | None:
    if expected.ndim != 0 or answer.size != 1:
        return None
    values = "its value is right" if close(answer.reshape(()), expected) else "its value is wrong as well"
    return Diagnosis(
        "array_for_scalar",
        f"wrong shape: expected a float, got an array of {shape_text(answer.shape)} ({values}). "
        "Return a single number, for example float(...).",
    )


def _collapsed_tensor(answer, expected, exercise) -> Diagnosis | None:
    if expected.ndim != 3 or answer.shape != (expected.shape[0], expected.shape[2]) or expected.shape[0] != expected.shape[1]:
        return None
    n, _, m = expected.shape
    matrix = exercise.params[0] if exercise else "W"
    head = (
        f"wrong shape: expected the ({n}, {n}, {m}) tensor [i, j, k] = d out_i / d {matrix}[j, k], "
        f"got a ({n}, {m}) matrix."
    )
    build = (
        f"Put your matrix on the diagonal i == j of a ({n}, {n}, {m}) tensor, for example "
        f"J = np.zeros((n, n, m)); J[np.arange(n), np.arange(n), :] = your_matrix."
    )
    if close(answer, _diagonal_of(expected)):
        return Diagnosis(
            "collapsed_tensor",
            f"{head} Your matrix holds the non-zero slice [i, i, :] of the tensor; the entries with i != j are 0 "
            f"(output i does not depend on row j != i of {matrix}). {build}",
        )
    return Diagnosis("collapsed_tensor", f"{head} {build} Check its values too: they are not the slice [i, i, :].")


def _permuted_axes(answer, expected, exercise) -> Diagnosis | None:
    if answer.ndim != expected.ndim or answer.ndim < 2 or sorted(answer.shape) != sorted(expected.shape):
        return None
    for order in permutations(range(answer.ndim)):
        if order == tuple(range(answer.ndim)) or tuple(answer.shape[i] for i in order) != expected.shape:
            continue
        if close(np.transpose(answer, order), expected):
            if answer.ndim == 2:
                return _transposed_message(expected.shape, answer.shape)
            return Diagnosis(
                "axes_order",
                f"wrong shape: expected {shape_text(expected.shape)}, got {shape_text(answer.shape)}: your tensor is the "
                f"expected one with its axes in another order (np.transpose(yours, {order}) would be right). "
                "The layout is [i, j, k] = d out_i / d matrix[j, k]: the output's index first.",
            )
    if answer.ndim == 2 and answer.shape == expected.shape[::-1]:
        return Diagnosis(
            "shape",
            f"wrong shape: expected {shape_text(expected.shape)}, got {shape_text(answer.shape)}, the shape of the "
            "transpose (and its values are not the transpose either). A Jacobian has one row per output and one "
            "column per input: J[i, j] = d f_i / d x_j.",
        )
    return None


def _transposed_message(expected_shape, answer_shape) -> Diagnosis:
    shapes = (
        f"expected {shape_text(expected_shape)}, got {shape_text(answer_shape)}: "
        if expected_shape != answer_shape
        else ""
    )
    return Diagnosis(
        "transposed",
        f"transposed: {shapes}your answer is the transpose of the expected Jacobian. A Jacobian has one row per "
        "output and one column per input: J[i, j] = d f_i / d x_j (numerator layout).",
    )


def diagnose_shape(answer: np.ndarray, expected: np.ndarray, exercise: Exercise | None = None) -> Diagnosis:
    """Why answer.shape != expected.shape, by name when it is a frequent mistake."""
    for diagnose in (_diagonal_as_vector, _row_or_column, _array_for_scalar, _collapsed_tensor, _permuted_axes):
        found = diagnose(answer, expected, exercise)
        if found:
            return found
    hint = " (one row per output, one column per input)" if expected.ndim == 2 else ""
    return Diagnosis("shape", f"wrong shape: expected {shape_text(expected.shape)}{hint}, got {shape_text(answer.shape)}.")


# Values step (same shape, finite, some entries wrong) ---------------------------------------


def _transposed_values(answer, expected, wrong, exercise, case) -> Diagnosis | None:
    if answer.ndim != 2 or answer.shape[0] != answer.shape[1] or close(expected, expected.T):
        return None
    return _transposed_message(expected.shape, answer.shape) if close(answer.T, expected) else None


def _off_diagonal_entries(answer, expected, wrong, exercise, case) -> Diagnosis | None:
    if not is_diagonal(expected):
        return None
    off = _off_diagonal(expected.shape)
    bad = wrong & off
    if not bad.any():
        return None
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    diagonal_right = not (wrong & ~off).any()
    if expected.ndim == 2:
        rule = "an element-wise map's Jacobian is diagonal (output i depends only on input i), so every entry off the diagonal must be 0"
    else:
        rule = "entries [i, j, k] with i != j must be 0 (output i depends only on row i of the matrix)"
    diagonal = "Your diagonal is right." if diagonal_right else "The diagonal is wrong as well."
    return Diagnosis(
        "off_diagonal",
        f"non-zero off-diagonal entries: {rule}. {int(bad.sum())} off-diagonal entries are non-zero, "
        f"for example {index_text(index)} = {number(answer[index])}. {diagonal}",
    )


def _approximate(answer, expected, wrong, exercise, case) -> Diagnosis | None:
    scale = float(np.max(np.abs(expected), initial=0.0))
    error = np.abs(answer - expected)
    if scale == 0 or float(error.max()) > APPROXIMATE * scale:
        return None
    index = tuple(int(i) for i in np.unravel_index(np.argmax(error), error.shape))
    at = f" at index {index_text(index)}" if index else ""
    e, g = numbers(expected[index], answer[index])
    return Diagnosis(
        "approximate",
        f"close but not exact: {int(wrong.sum())} of {wrong.size} entries differ by up to {float(error.max()):.2g} "
        f"({float(error.max()) / scale:.1g} of the largest entry){at}: expected {e}, got {g}. Answers must be exact "
        f"to about {RTOL:g} (relative): an approximation (finite differences, float32, rounded constants) is not enough.",
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


def _part_text(part: str, N: int | None, exercise: Exercise | None) -> str:
    mse = " (d/dŷ (y − ŷ)² = −2 (y − ŷ))" if exercise and exercise.name in ("grad_mse", "mse_loss") else ""
    return {
        "sign_flipped": "the sign is flipped",
        "missing_1/N": f"the 1/N of the mean is missing (N = {N}): J is the mean of the N per-example losses, so dJ/dJ0_i = 1/N",
        "extra_1/N": f"there is a 1/N too many (N = {N})",
        "missing_2": f"a factor 2 is missing{mse}",
        "extra_2": "there is a factor 2 too many",
    }[part]


def _scaled(answer, expected, wrong, exercise, case) -> Diagnosis | None:
    """answer = c × expected: by name for -1, N, 1/N, 2, 1/2 and their products; any c on 2+ non-zero entries."""
    N = mean_size(exercise, case)
    for factor, parts in _factor_candidates(N):
        if close(answer, factor * expected):
            said = "; ".join(_part_text(p, N, exercise) for p in parts)
            return Diagnosis(parts[0], f"your answer is {number(factor)} × the expected one: {said}.")
    nonzero = np.abs(expected) > ATOL * max(float(np.max(np.abs(expected), initial=0.0)), 1.0)
    if nonzero.sum() < 2:
        return None  # one number is always a multiple of another
    c = float(np.sum(answer * expected) / np.sum(expected * expected))
    if c == 0 or not close(answer, c * expected):
        return None
    return Diagnosis(
        "constant_factor",
        f"every entry is {number(c)} × the expected one: the formula is right up to a constant factor; look for it.",
    )


def _wrong_entries(answer, expected, wrong, exercise, case) -> Diagnosis:
    error = np.where(wrong, np.abs(answer - expected), -1.0)
    index = tuple(int(i) for i in np.unravel_index(np.argmax(error), error.shape))
    at = f" at index {index_text(index)}" if index else ""
    e, g = numbers(expected[index], answer[index])
    which = f"wrong values: {int(wrong.sum())} of {wrong.size} entries differ; the worst" if wrong.size > 1 else "wrong value"
    hint = ""
    off = _off_diagonal(expected.shape)
    if off is not None and is_diagonal(expected) and not (wrong & off).any():
        hint = " The zeros off the diagonal are right; the mistake is on the diagonal."
    return Diagnosis(
        "values",
        f"{which}{at}: expected {e}, got {g} (off by {number(answer[index] - expected[index])}).{hint}",
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
    return Diagnosis(
        "swapped",
        "swapped: your pair holds (dw/dv, dw/du); return the Jacobians in the order (dw/du, dw/dv).",
    )
