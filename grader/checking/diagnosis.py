"""A diagnosis as data: which mistake (a stable name), which message, and its numbers.

Detection (``shape_diagnoses``, ``value_diagnoses``, ``checks``) builds these; only
``grader.checking.render`` turns them into words, from the one table of
``grader.checking.messages``. Parameters are plain values, or one of the small types
below when the renderer must format them (a shape, an index, a float to 6 digits, a
phrase from the table).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Every diagnosis name, most telling first (grading reports the failing case whose
# diagnosis comes first). Grouped by the step of the ordered checks that finds them.
PRECEDENCE = (
    # a typical mistake of the exercise (Exercise.mistakes): named on one case, it explains the others
    # too, even those where the same mistake raised (W delta with n != m)
    "not_implemented",
    "gradient_transposed", "jacobian_form", "W_delta", "delta_without_u", "delta_without_sigma_prime",
    "repeated_word_assigned", "window_blocks", "flattened_by_columns", "per_example", "one_after_another", "gradient_ascent",
    "per_example_losses", "softmax_axis", "w_for_x",
    # returned? / type
    "broadcast", "raised", "returned_none", "not_a_pair", "pair_length", "not_a_triple", "triple_length", "type",
    # shape
    "diagonal_as_vector", "row_or_column", "array_for_scalar", "squeezed", "collapsed_tensor", "transposed", "axes_order", "shape",
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
class Phrase:
    """A message of the table used inside another one: its key and its parameters."""

    key: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Phrases:
    """Several phrases, shown as a list (joined by the table's separator)."""

    items: tuple[Phrase, ...]


@dataclass(frozen=True)
class Shape:
    """An array's shape: 'shape (3, 2)', or 'a scalar' for ()."""

    dims: tuple


@dataclass(frozen=True)
class Index:
    """An index into an array: '[2]' for one axis, '(1, 0)' for more."""

    at: tuple


@dataclass(frozen=True)
class Number:
    """A float shown with 6 significant digits."""

    value: float


@dataclass(frozen=True)
class Diagnosis:
    """A named mistake: ``check`` for the reports (a name of PRECEDENCE), ``message`` a key of the table."""

    check: str
    message: str
    params: dict = field(default_factory=dict)


def diagnosis(check: str, message: str | None = None, **params) -> Diagnosis:
    """``Diagnosis(check, message or check, params)``."""
    return Diagnosis(check, message or check, params)
