"""The derivation scan and ps5's gradient checker: the setup's checker is instructor code.

A graded function may call ``gradient_check`` (the setup's checker) to check itself; one
that returns ``numerical_gradient`` (the setup's central differences) is flagged, and so is
a student's own copy of it. Cells are scanned as FlagNumericalDerivatives scans them, with
the released ps5 notebook's setup cells as instructor code.
"""

from __future__ import annotations

import pytest

from grader.course.notebooks import build_notebook
from grader.integrity.derivation_scan import Scope
from grader.utils import is_instructor_code
from tests.helpers import PROJECT

CHECKS_ITSELF = '''
def grad_window_u(x, W, b, u):
    h = sigmoid(W @ x + b)
    gradient_check("grad_window_u", lambda v: float(v @ sigmoid(W @ x + b)), u, h)
    return h
'''
RETURNS_THE_CHECKERS_DIFFERENCES = '''
def grad_window_u(x, W, b, u):
    return numerical_gradient(lambda v: float(v @ sigmoid(W @ x + b)), u)
'''
THROUGH_AN_ALIAS = '''
differences = numerical_gradient

def grad_window_u(x, W, b, u):
    return differences(lambda v: float(v @ sigmoid(W @ x + b)), u)
'''
OWN_COPY = '''
def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for k in range(x.size):
        e = np.zeros_like(x)
        e[k] = h
        grad[k] = (f(x + e) - f(x - e)) / (2 * h)
    return grad

def grad_window_u(x, W, b, u):
    return numerical_gradient(lambda v: float(v @ sigmoid(W @ x + b)), u)
'''


def scan(answer: str, function: str = "grad_window_u"):
    """Findings for ``function`` in ps5_window with ``answer`` in its solution cell."""
    scope = Scope()
    for cell in build_notebook(PROJECT / "notebooks" / "ps5_window.py").cells:
        if cell.cell_type != "code":
            continue
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        scope.run_cell(answer if grade_id == function else cell.source, instructor=is_instructor_code(cell))
    return scope.findings(function)


def test_the_setup_cells_are_instructor_code_and_define_the_checker():
    cells = build_notebook(PROJECT / "notebooks" / "ps5_window.py").cells
    setup = "".join(c.source for c in cells if is_instructor_code(c) and c.metadata["nbgrader"]["grade_id"].startswith("setup_"))
    assert "def numerical_gradient" in setup and "def gradient_check" in setup


def test_calling_the_gradient_checker_inside_a_graded_function_is_fine():
    assert scan(CHECKS_ITSELF) == []


@pytest.mark.parametrize("answer", [RETURNS_THE_CHECKERS_DIFFERENCES, THROUGH_AN_ALIAS], ids=["direct", "alias"])
def test_returning_the_setups_finite_differences_is_flagged_and_named(answer):
    findings = scan(answer)
    assert findings and findings[0].kind == "finite differences"
    assert "the setup's numerical_gradient" in findings[0].detail


def test_a_students_own_copy_of_the_checker_is_student_code():
    findings = scan(OWN_COPY)
    assert findings and all("setup's" not in f.detail for f in findings)
