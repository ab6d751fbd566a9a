"""What the grading process receives for one case, besides an array: the answer types of the wire.

The kernel reports what the student's function did (``grader.probe.wire`` decodes it):
it returned an array (a float64 ndarray), returned something that is not a float array
(``Unconvertible``), or did not return (``Raised``). The checks (``grader.checking``)
judge these; this layer only names them.
"""

from __future__ import annotations

from dataclasses import dataclass

# Why no value came back, besides an exception of the student's code.
EXCEPTION = "exception"  # the function raised: ``exception`` holds "Type: message"
MISSING = "missing"  # the function is not defined in the kernel
INTERRUPTED = "interrupted"  # the function ran past the time limit
NO_ANSWER = "no_answer"  # the kernel died or the cell was stopped before the probe reported


@dataclass(frozen=True)
class Raised:
    """The student's function did not return: it raised, or never ran to the end (``reason``)."""

    exception: str = ""  # "ValueError: shapes (3,) and (2,) not aligned", for reason EXCEPTION
    reason: str = EXCEPTION


@dataclass(frozen=True, eq=False)
class NotAnArray:
    """The function returned numbers that are not a numpy array (a list, a tuple, a float): its values as one."""

    type_name: str  # "list", "tuple", "float", "float64", ...
    values: object  # the values as a float64 ndarray


@dataclass(frozen=True)
class Unconvertible:
    """The function returned something that is not a real float array."""

    type_name: str
    preview: str  # a short repr
