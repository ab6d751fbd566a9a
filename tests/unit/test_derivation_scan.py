"""The derivation scan's rules (grader.integrity.derivation_scan), one row each: what it flags and what it lets pass.

Each row is a notebook's code (cells run in order) and the graded function ``f``; the
expected finding kinds (an empty tuple: derived, nothing found). The end-to-end cases
on real submissions are in tests/pipeline/test_integrity.py.
"""

from __future__ import annotations

import pytest

from grader.integrity.derivation_scan import Scope

NP = "import numpy as np\n"
AUTODIFF = "automatic differentiation"
NUMERICAL = "numerical differentiation"
COMPLEX = "complex step"
FINITE = "finite differences"
DYNAMIC = "code built at run time"

FLAGGED = [
    # automatic or symbolic differentiation: imported anywhere it reaches, or used through a notebook import
    ("imports jax inside", "def f(x):\n    import jax\n    return jax.jacfwd(g)(x)\n", AUTODIFF),
    ("from torch import", "def f(x):\n    from torch.autograd.functional import jacobian\n    return jacobian(g, x)\n", AUTODIFF),
    ("uses a notebook import of sympy", "import sympy as sp\ndef f(x):\n    return sp.diff(x)\n", AUTODIFF),
    ("scipy.differentiate", "from scipy import differentiate\ndef f(x):\n    return differentiate.jacobian(g, x)\n", AUTODIFF),
    ("autograd's numpy", "import autograd.numpy as anp\ndef f(x):\n    return anp.exp(x)\n", AUTODIFF),
    # numerical differentiation by a library
    ("np.gradient", NP + "def f(x):\n    return np.gradient(g(x), x)\n", NUMERICAL),
    ("from numpy import gradient", "from numpy import gradient\ndef f(x):\n    return gradient(x)\n", NUMERICAL),
    ("approx_fprime", "from scipy.optimize import approx_fprime\ndef f(x):\n    return approx_fprime(x, g)\n", NUMERICAL),
    ("check_grad", "import scipy.optimize as so\ndef f(x):\n    return so.check_grad(g, h, x)\n", NUMERICAL),
    # the complex-step derivative
    ("an imaginary constant", NP + "def f(x):\n    return np.diag(g(x + 1e-20j).imag / 1e-20)\n", COMPLEX),
    ("complex()", "def f(x):\n    return complex(x, 1)\n", COMPLEX),
    ("a complex dtype by name", NP + "def f(x):\n    return x.astype('complex128')\n", COMPLEX),
    ("np.complex128", NP + "def f(x):\n    return np.complex128(x)\n", COMPLEX),
    ("an imaginary part", "def f(x):\n    return x.imag\n", COMPLEX),
    ("np.imag", NP + "def f(x):\n    return np.imag(x)\n", COMPLEX),
    ("cmath", "import cmath\ndef f(x):\n    return cmath.exp(x)\n", COMPLEX),
    # finite differences: a difference divided by a small step
    ("forward difference", "def f(x):\n    return (g(x + 1e-6) - g(x)) / 1e-6\n", FINITE),
    ("a step by name", "def f(x):\n    h = 1e-5\n    return (g(x + h) - g(x - h)) / (2 * h)\n", FINITE),
    ("a step bound at the top level", "H = 1e-4\ndef f(x):\n    return (g(x + H) - g(x)) / H\n", FINITE),
    ("a step derived from another", "def f(x):\n    h = 1e-6\n    step = 2 * h\n    return (g(x + step) - g(x)) / step\n", FINITE),
    ("a step as a default argument", "def f(x, h=1e-7):\n    return (g(x + h) - g(x)) / h\n", FINITE),
    ("a keyword-only default step", "def f(x, *, h=1e-7):\n    return (g(x + h) - g(x)) / h\n", FINITE),
    ("machine epsilon", NP + "def f(x):\n    h = np.finfo(float).eps\n    return (g(x + h) - g(x)) / h\n", FINITE),
    ("the square root of epsilon", NP + "def f(x):\n    h = np.sqrt(np.finfo(float).eps)\n    return (g(x + h) - g(x)) / h\n", FINITE),
    ("np.spacing", NP + "def f(x):\n    h = np.spacing(x)\n    return (g(x + h) - g(x)) / h\n", FINITE),
    ("a power of a step", "def f(x):\n    h = 1e-3 ** 2\n    return (g(x + h) - g(x)) / h\n", FINITE),
    ("np.diff over a small step", NP + "def f(x):\n    return np.diff(g(np.array([x, x + 1e-6]))) / 1e-6\n", FINITE),
    # finite differences: one callable evaluated at x and at x shifted by a step, no division in sight
    ("shifted inputs", "def f(x):\n    return g(x + 1e-6) * 1e6 + g(x) * -1e6\n", FINITE),
    ("shifted on the left", "def f(x):\n    return [g(1e-6 + x), g(x)]\n", FINITE),
    # what reaches the graded function is scanned too, transitively
    ("through a helper", "def helper(x):\n    return (g(x + 1e-6) - g(x)) / 1e-6\ndef f(x):\n    return helper(x)\n", FINITE),
    ("through two helpers", NP + "def inner(x):\n    return np.gradient(x)\ndef outer(x):\n    return inner(x)\ndef f(x):\n    return outer(x)\n", NUMERICAL),
    ("through a lambda bound at the top level", "d = lambda x: (g(x + 1e-6) - g(x)) / 1e-6\ndef f(x):\n    return d(x)\n", FINITE),
    ("beside a line magic", "%matplotlib inline\ndef f(x):\n    return (g(x + 1e-6) - g(x)) / 1e-6\n", FINITE),
    # code built at run time cannot be read
    ("eval", "def f(x):\n    return eval('x')\n", DYNAMIC),
    ("exec", "def f(x):\n    exec('y = x')\n", DYNAMIC),
    ("__import__", "def f(x):\n    return __import__('jax')\n", DYNAMIC),
    ("importlib.import_module", "import importlib\ndef f(x):\n    return importlib.import_module('jax')\n", DYNAMIC),
]

DERIVED = [
    ("the sigmoid's Jacobian", NP + "def f(z):\n    a = 1 / (1 + np.exp(-z))\n    return np.diag(a * (1 - a))\n"),
    ("a mean over the mini-batch", NP + "def f(y, t):\n    return (y - t) / len(y)\n"),
    ("halving is no step", NP + "def f(x):\n    return (x - 1) / 2\n"),
    ("a large shift", "def f(x):\n    return g(x + 1) - g(x)\n"),
    ("a shift equal in both calls", "def f(x):\n    return g(x + 1e-6) * g(x + 1e-6)\n"),
    ("a small constant that is not a step", NP + "def f(x):\n    return np.maximum(x, 1e-12) * 0.01\n"),
    ("a checker of another name is not scanned", NP + "def check(x):\n    return np.gradient(x)\ndef f(x):\n    return np.eye(len(x))\n"),
    ("a boolean is not a step", NP + "def f(x):\n    return (x - 1) / True\n"),
    ("the real part", "def f(x):\n    return x.real\n"),
    ("a string about complex numbers is text", "def f(x):\n    print('no imaginary numbers here')\n    return x\n"),
]


def findings(cells: str, function: str = "f"):
    scope = Scope()
    for cell in cells.split("\n#---\n"):
        scope.run_cell(cell)
    return scope.findings(function)


@pytest.mark.parametrize("label, code, kind", FLAGGED, ids=[row[0] for row in FLAGGED])
def test_each_rule_flags_its_pattern(label, code, kind):
    found = findings(code)
    assert any(f.kind.startswith(kind) for f in found), found
    assert all(f.detail for f in found)


@pytest.mark.parametrize("label, code", DERIVED, ids=[row[0] for row in DERIVED])
def test_derived_answers_pass(label, code):
    assert findings(code) == []


def test_a_later_cell_redefines_what_the_function_reaches():
    """Names resolve as the cells ran: the last definition of a helper is the one scanned."""
    code = "def helper(x):\n    return (g(x + 1e-6) - g(x)) / 1e-6\n#---\ndef helper(x):\n    return 2 * x\n#---\ndef f(x):\n    return helper(x)\n"
    assert findings(code) == []
    assert findings(code.replace("return 2 * x", "return x")) == []
    flagged_last = "def helper(x):\n    return 2 * x\n#---\ndef helper(x):\n    return (g(x + 1e-6) - g(x)) / 1e-6\n#---\ndef f(x):\n    return helper(x)\n"
    assert {f.kind for f in findings(flagged_last)} == {FINITE}


def test_a_cell_that_does_not_parse_binds_nothing():
    assert findings("def f(x):\n    return (g(x + 1e-6) - g(x)) / 1e-6\n#---\ndef f(x:\n") != []
    assert findings("def f(x:\n    return x\n") == []


def test_findings_name_what_they_saw_once():
    found = findings("def f(x):\n    return (g(x + 1e-6) - g(x)) / 1e-6\n")
    assert len(found) == len(set(found))
    assert any("divides a difference by a small step" in f.detail for f in found)
