"""The hidden tests and the notebooks' visible self-check judge "equal" by the same rule.

The self-check runs in the student's kernel and cannot import grader, so it carries its
own copy of the rule (notebooks/shared/self_check.py): these tests run both on the same
arrays, so the copies cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from grader.checking import tolerance

SELF_CHECK = Path(__file__).resolve().parents[2] / "notebooks" / "shared" / "self_check.py"


@pytest.fixture(scope="module")
def self_check() -> dict:
    """The self-check's names, as a notebook's setup cell defines them (numpy imported as np)."""
    namespace = {"np": np}
    exec(compile(SELF_CHECK.read_text(), str(SELF_CHECK), "exec"), namespace)
    return namespace


def test_the_self_check_uses_the_graders_constants(self_check):
    assert (self_check["RTOL"], self_check["ATOL"]) == (tolerance.RTOL, tolerance.ATOL)


def _pairs():
    """(answer, expected) pairs around the tolerance's edges: relative, absolute, large, tiny, zero, NaN."""
    rng = np.random.default_rng(0)
    base = rng.normal(0, 1, (6, 6))
    for scale in (1e-8, 1.0, 1e6):
        expected = base * scale
        for step in (0.0, 0.5e-10, 2e-10, 1e-12, 5e-12, 1e-6):
            yield expected * (1 + step), expected
            yield expected + step * scale, expected
    expected = np.diag(rng.uniform(1, 2, 5))
    yield expected + 0.9e-12 * (1 - np.eye(5)), expected  # zeros off the diagonal, just inside
    yield expected + 1.1e-12 * 2 * (1 - np.eye(5)), expected  # and just outside
    yield np.array([np.nan, 1.0, np.inf]), np.array([0.0, 1.0, 1.0])
    yield np.array(0.25 + 1e-11), np.array(0.25)


@pytest.mark.parametrize("index", range(len(list(_pairs()))))
def test_the_self_check_and_the_hidden_tests_find_the_same_wrong_entries(self_check, index):
    answer, expected = list(_pairs())[index]
    graders = tolerance.mismatch(answer, expected)
    assert np.array_equal(self_check["_mismatch"](answer, expected), graders)


def test_the_pairs_reach_both_sides_of_the_rule():
    verdicts = {bool(tolerance.mismatch(a, e).any()) for a, e in _pairs()}
    assert verdicts == {True, False}
