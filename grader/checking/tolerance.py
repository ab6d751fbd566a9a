"""When an entry of an answer counts as equal to the reference: the course's one tolerance rule.

Entry ``a`` matches ``e`` when ``|a - e| <= RTOL |e| + ATOL max(1, max|expected|)``: relative
to the entry, plus an absolute floor relative to the largest entry of the expected value (for
entries that suffer cancellation, such as 1 - a near a = 1). Why these numbers: README, "How
grading works". The notebooks' visible self-check (``notebooks/shared/self_check.py``) applies
the same rule with the same constants; ``tests/unit/test_tolerance.py`` ties the two together.
"""

from __future__ import annotations

import numpy as np

RTOL = 1e-10
ATOL = 1e-12
# Wrong, but within this fraction of the largest expected entry: an approximation
# (finite differences, float32, rounded constants) rather than a wrong formula.
APPROXIMATE = 1e-4


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
