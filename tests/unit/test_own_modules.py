"""The derivation scan reads the student's own modules the notebook imports, and only those."""

from __future__ import annotations

from grader.integrity.derivation_scan import Scope
from grader.preprocessors.flag_numerical_derivatives import own_modules


def test_imported_modules_and_packages_and_what_they_import_are_read(tmp_path):
    (tmp_path / "helpers.py").write_text("from tools import step\n\ndef helper():\n    return 1\n", encoding="utf-8")
    (tmp_path / "tools.py").write_text("def step():\n    return 1e-6\n", encoding="utf-8")
    (tmp_path / "mylib").mkdir()
    (tmp_path / "mylib" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "mylib" / "act.py").write_text("def act():\n    return 2\n", encoding="utf-8")
    (tmp_path / "unrelated.py").write_text("def unrelated():\n    return 3\n", encoding="utf-8")
    (tmp_path / "linked.py").symlink_to(tmp_path / "unrelated.py")
    cells = ["import numpy as np\nfrom helpers import helper", "def f():\n    from mylib.act import act\n    import linked"]
    scope = Scope()
    for source in own_modules(str(tmp_path), cells):
        scope.run_cell(source)
    assert {"helper", "step", "act"} <= set(scope.definitions) and "unrelated" not in scope.definitions


def test_a_helper_that_differentiates_numerically_is_found_through_the_import(tmp_path):
    (tmp_path / "helpers.py").write_text("import numpy as np\n\ndef slope(f, x):\n    return np.gradient(f(x), x)\n", encoding="utf-8")
    cells = ["from helpers import slope", "def jacobian_relu(z):\n    return np.diag(slope(lambda v: np.maximum(v, 0), z))"]
    scope = Scope()
    for source in own_modules(str(tmp_path), cells) + cells:
        scope.run_cell(source)
    assert [f.kind for f in scope.findings("jacobian_relu")] == ["numerical differentiation (numpy.gradient)"]
